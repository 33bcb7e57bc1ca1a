package inventory

import (
	"testing"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/scanner"
)

// Findings at key paths inside a JSON column count for the column, once per
// value; two findings of one type in one value count once.
func TestColumnVerdictsFoldJSONKeyPaths(t *testing.T) {
	c := newColumnVerdicts()
	users := connectors.NewTable("postgres", "db:5432", "crm", "public.users")
	at := func(column, row string) connectors.Location {
		return connectors.Location{Object: users, Column: column, Row: connectors.RowKey(row)}
	}
	for _, f := range []scanner.Finding{
		{Type: "phone", Confidence: detectors.High, Location: at("profile.contact.tel", `{"id":1}`)},
		{Type: "phone", Confidence: detectors.High, Location: at("profile.contact.fax", `{"id":1}`)},
		{Type: "email", Confidence: detectors.High, Location: at("profile.mail", `{"id":1}`)},
		{Type: "phone", Confidence: detectors.High, Location: at("profile[].tel", `{"id":2}`)},
		{Type: "phone", Confidence: detectors.High, Location: at("tel", `{"id":2}`)},
	} {
		c.finding(&f)
	}
	c.object(users, connectors.ObjectStats{Format: "table", Rows: 4, Columns: []connectors.ColumnStats{
		{Name: "id", Type: "integer", Values: 4},
		{Name: "profile", Type: "jsonb", Values: 4},
		{Name: "tel", Type: "text", Values: 1},
	}})
	got := map[string]ColumnVerdict{}
	for _, cv := range c.verdicts() {
		got[cv.Column] = cv
		if cv.Place != "postgres://db:5432/crm/public.users" {
			t.Errorf("%s: place %q", cv.Column, cv.Place)
		}
	}
	if len(got) != 3 {
		t.Fatalf("columns %v, want id, profile, tel only", got)
	}
	if p := got["profile"]; p.Matched["phone"] != 2 || p.Matched["email"] != 1 || p.Dominant != "phone" {
		t.Errorf("profile: %+v, want phone 2 (rows 1 and 2), email 1, verdict phone", p)
	}
	if tel := got["tel"]; tel.Matched["phone"] != 1 || tel.Dominant != "phone" {
		t.Errorf("tel: %+v", tel)
	}
}
