package jsonl

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/scanner"
)

func TestStreamAndWriteAgree(t *testing.T) {
	o := connectors.NewFile("data/a.csv")
	o.Encoding = "cp932"
	findings := []scanner.Finding{
		{Type: "phone", Confidence: detectors.High, Reasons: []string{"fixed-line number plan"}, Location: connectors.Location{Object: o, Line: 2, Column: "電話"}, Masked: "03-****-1211", ValueHash: 7},
		{Type: "email", Confidence: detectors.Medium, Reasons: []string{"well-formed address"}, Location: connectors.Location{Object: o, Line: 3, Column: "<mail>"}, Masked: "t***@example.jp"},
	}
	var streamed bytes.Buffer
	var problems []string
	s := NewStream(&streamed, func(p scanner.Problem) error {
		problems = append(problems, p.Location.String()+": "+p.Err.Error())
		return nil
	})
	for i := range findings {
		if err := s.Finding(&findings[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Problem(scanner.Problem{Location: connectors.Location{Object: o, Line: 9}, Err: errors.New("csv: bad quote")}); err != nil {
		t.Fatal(err)
	}
	if err := s.Problem(scanner.Problem{Location: connectors.At(connectors.NewFile("logo.png")), Err: connectors.Skip("binary content"), Skipped: true, Terminal: true}); err != nil {
		t.Fatal(err)
	}
	if err := s.Flush(); err != nil {
		t.Fatal(err)
	}
	want := `{"type":"phone","confidence":"high","reasons":["fixed-line number plan"],"location":{"store":"file","path":"data/a.csv","line":2,"column":"電話","encoding":"cp932"},"masked":"03-****-1211"}
{"type":"email","confidence":"medium","reasons":["well-formed address"],"location":{"store":"file","path":"data/a.csv","line":3,"column":"<mail>","encoding":"cp932"},"masked":"t***@example.jp"}
`
	if streamed.String() != want {
		t.Errorf("stream:\n%s\nwant\n%s", streamed.String(), want)
	}
	if got := strings.Join(problems, "\n"); got != "data/a.csv line 9: csv: bad quote\nlogo.png: binary content" {
		t.Errorf("problems handed on:\n%s", got)
	}
	var written bytes.Buffer
	err := Write(&written, func(yield func(scanner.Finding, error) bool) {
		for _, f := range findings {
			if !yield(f, nil) {
				return
			}
		}
	})
	if err != nil || written.String() != want {
		t.Errorf("Write = %v:\n%s\nwant the stream's\n%s", err, written.String(), want)
	}
}

// TestWireIsTheFindingsJSON: the lines written are scanner.Finding's own
// JSON, field for field, for every kind of location.
func TestWireIsTheFindingsJSON(t *testing.T) {
	member := connectors.NewS3Object("minio:9000", "b", "a.zip").NewMember("x&y.csv")
	member.ETag, member.VersionID, member.SampledBytes = "e", "v1", 10
	table := connectors.NewTable("postgres", "db:5432", "crm", "public.t")
	table.RowBy = "ctid"
	for _, f := range []scanner.Finding{
		{Type: "phone", Reasons: []string{}, Location: connectors.Location{Object: member, Line: 3, Column: "<tel>"}, Masked: "m", Value: "090"},
		{Type: "sensitive", Kind: "medical_history", Confidence: detectors.Low, Location: connectors.Location{Object: table, Row: `{"id":1}`, Column: "c"}, Masked: "***"},
		{Type: "email", Location: connectors.Location{Object: connectors.NewFile("d.docx"), Part: "body", Paragraph: 2, Sheet: "s", Cell: "A1", RowNumber: 4}},
	} {
		var direct, wired bytes.Buffer
		enc := json.NewEncoder(&direct)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(&f); err != nil {
			t.Fatal(err)
		}
		s := NewStream(&wired, nil)
		if err := s.Finding(&f); err != nil {
			t.Fatal(err)
		}
		s.Flush()
		if direct.String() != wired.String() {
			t.Errorf("wire form\n%s differs from the finding's JSON\n%s", wired.String(), direct.String())
		}
	}
}
