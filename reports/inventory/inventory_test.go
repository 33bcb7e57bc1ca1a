package inventory

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/reports/policy"
	"github.com/pmscan/pmscan/scanner"
)

var knownTypes = []string{"person_name", "phone", "email", "my_number", "corporate_number", "ip_address", "user_id",
	"sensitive", "sensitive/medical_history", "sensitive/health_check"}

const testPolicy = `
company: 株式会社テスト
stores:
  - {name: 顧客DB, match: ["postgres://*/crm/**"]}
  - {name: 人事, match: ["s3://hr/**"]}
ignore_types: [corporate_number]
items:
  - {id: name, name: 氏名, class: 個人情報, types: [person_name], purpose: 顧客管理, disclosure_target: true}
  - {id: phone, name: 電話番号, class: 個人情報, types: [phone], stores: [顧客DB], retention: 1y, department: 営業部}
  - {id: my_number, name: 個人番号, class: 特定個人情報, types: [my_number], stores: [人事]}
  - {id: medical, name: 病歴, class: 要配慮個人情報, types: [sensitive/medical_history], held: false}
  - {id: health, name: 健康診断の結果, class: 要配慮個人情報, types: [sensitive/health_check], stores: [人事]}
`

func finding(typ, kind string, loc connectors.Location, hash uint64, conf detectors.Confidence) *scanner.Finding {
	return &scanner.Finding{Type: typ, Kind: kind, Location: loc, ValueHash: hash, Confidence: conf, Masked: typ + "-masked"}
}

func TestBuild(t *testing.T) {
	p, err := policy.Parse([]byte(testPolicy), "test.yaml", knownTypes)
	if err != nil {
		t.Fatal(err)
	}
	b := NewBuilder(p)
	tableObj := connectors.NewTable("postgres", "db:5432", "crm", "public.顧客")
	table := connectors.At(tableObj)
	col := func(l connectors.Location, c string) connectors.Location { l.Column = c; return l }
	old := "2020-01-15T00:00:00Z"
	fileObj := connectors.NewFile("exports/customers.csv")
	fileObj.Modified, _ = time.Parse(time.RFC3339, old)
	fileObj.Modified = fileObj.Modified.Add(300 * time.Millisecond) // an mtime in ns; the inventory keeps seconds
	file := connectors.At(fileObj)
	hrObj := connectors.NewS3Object("", "hr", "payroll.csv")
	hrObj.Modified = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	hr := connectors.At(hrObj)
	// 1,000 phones in the table, 600 of them distinct.
	for i := range 1000 {
		must(t, b.Finding(finding("phone", "", col(table, "電話番号"), uint64(i%600)*0x9E3779B97F4A7C15+1, detectors.High)))
	}
	for i := range 50 {
		must(t, b.Finding(finding("person_name", "", col(table, "氏名"), uint64(i)*0x9E3779B97F4A7C15+7, detectors.Medium)))
	}
	// A second phone column: 50 numbers also in 電話番号, 50 new. The same
	// people, counted once.
	for i := 550; i < 650; i++ {
		must(t, b.Finding(finding("phone", "", col(table, "携帯電話"), uint64(i)*0x9E3779B97F4A7C15+1, detectors.High)))
	}
	// The same 20 phones in an old export: outside 顧客DB, and past 1y.
	for i := range 20 {
		must(t, b.Finding(finding("phone", "", col(file, "電話"), uint64(i)*0x9E3779B97F4A7C15+1, detectors.High)))
	}
	must(t, b.Finding(finding("my_number", "", col(file, "個人番号"), 42, detectors.High)))
	must(t, b.Finding(finding("my_number", "", col(hr, "個人番号"), 43, detectors.High)))
	must(t, b.Finding(finding("sensitive", "medical_history", file, 44, detectors.Medium)))
	must(t, b.Finding(finding("sensitive", "health_check", hr, 45, detectors.High)))
	must(t, b.Finding(finding("email", "", file, 46, detectors.High)))                 // no item lists email
	must(t, b.Finding(finding("sensitive", "medical_history", hr, 48, detectors.Low))) // a lead, not a holding
	must(t, b.Finding(finding("corporate_number", "", file, 47, detectors.High)))      // ignored
	must(t, b.Object(fileObj, connectors.ObjectStats{}))
	// The table's 登録日 column dates its rows back to 2019.
	must(t, b.Object(tableObj, connectors.ObjectStats{Format: "table", Oldest: "2019-03-01", Newest: "2026-10-31"}))

	finished := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	inv := b.Build(&scanner.Summary{Started: finished.Add(-time.Minute), Finished: finished, Findings: 1177,
		Targets: []scanner.TargetResult{{Name: "postgres://db:5432/crm"}}})

	h := holding(t, inv, "postgres://db:5432/crm/public.顧客", "電話番号", "phone")
	if h.Findings != 1000 || h.Distinct < 594 || h.Distinct > 606 || h.High != 1000 || !h.Declared ||
		h.Oldest == nil || h.Oldest.Format("2006-01-02") != "2019-03-01" || h.Newest.Format("2006-01-02") != "2026-10-31" {
		t.Errorf("table phones: %+v", h)
	}
	if h := holding(t, inv, "exports/customers.csv", "電話", "phone"); h.Distinct != 20 || h.Declared || h.Oldest == nil || h.Oldest.Format(time.RFC3339) != old {
		t.Errorf("file phones: %+v", h)
	}
	if h := holding(t, inv, "exports/customers.csv", "", "type:email"); h.Item != "email" || h.Declared {
		t.Errorf("unmapped email: %+v", h)
	}
	for _, hh := range inv.Holdings {
		if slices.Contains(hh.Types, "corporate_number") {
			t.Errorf("an ignored type was inventoried: %+v", hh)
		}
	}

	// The ledger: phones across places count each value once.
	var phone *ItemSummary
	for i := range inv.Items {
		if inv.Items[i].ItemID == "phone" {
			phone = &inv.Items[i]
		}
	}
	if phone == nil || phone.Places != 2 || phone.Findings != 1120 || phone.Distinct < 643 || phone.Distinct > 657 ||
		!slices.Equal(phone.Stores, []string{"file", "postgres"}) || phone.Department != "営業部" || phone.Retention != "1y" {
		t.Errorf("phone item: %+v", phone)
	}
	if got := inv.Items[0].ItemID; got != "name" {
		t.Errorf("ledger starts with %q, want the policy's order", got)
	}
	// People: per place, the most distinct identifying item.
	if want := int64(650 + 20 + 1); inv.Totals.Subjects < want-7 || inv.Totals.Subjects > want+7 {
		t.Errorf("subjects = %d, want about %d", inv.Totals.Subjects, want)
	}

	got := map[string]Severity{}
	for _, f := range inv.Flags {
		got[f.Rule+" "+f.ItemID+" "+f.Name] = f.Severity
		if f.Message == "" {
			t.Errorf("flag without a message: %+v", f)
		}
	}
	want := map[string]Severity{
		"undeclared_place phone exports/customers.csv":     SeverityMedium,
		"retention phone postgres://db:5432/crm/public.顧客": SeverityMedium,
		"retention phone exports/customers.csv":            SeverityMedium,
		"undeclared_place my_number exports/customers.csv": SeverityHigh,
		"undeclared_item medical exports/customers.csv":    SeverityHigh,
		"sensitive health s3://hr/payroll.csv":             SeverityMedium,
		"unmapped_type  exports/customers.csv":             SeverityMedium,
		"undeclared_item medical s3://hr/payroll.csv":      SeverityLow,
	}
	for k, sev := range want {
		if g, ok := got[k]; !ok || g != sev {
			t.Errorf("flag %q: %v (present %v), want %v", k, g, ok, sev)
		}
	}
	if len(got) != len(want) {
		t.Errorf("flags %v, want exactly %v", got, want)
	}
	if inv.Flags[0].Severity != SeverityHigh {
		t.Error("flags are not most severe first")
	}

	// Every finding counts by type and by place, those of ignored types too.
	types := map[string]int64{}
	for _, tc := range inv.Types {
		types[tc.Type] = tc.Findings
	}
	if types["phone"] != 1120 || types["corporate_number"] != 1 || types["sensitive/medical_history"] != 2 || len(inv.Types) != 7 {
		t.Errorf("types %+v", inv.Types)
	}
	if len(inv.Places) != 3 || inv.Places[0].Name != "postgres://db:5432/crm/public.顧客" || inv.Places[0].Findings != 1150 ||
		inv.Places[1].Name != "exports/customers.csv" || inv.Places[1].ByType["corporate_number"] != 1 || inv.Places[1].Findings != 24 {
		t.Errorf("places %+v", inv.Places)
	}
}

func holding(t *testing.T, inv *Inventory, place, column, itemID string) Holding {
	t.Helper()
	for _, h := range inv.Holdings {
		id := h.ItemID
		if id == "" {
			id = "type:" + strings.Join(h.Types, ",")
		}
		if h.Name == place && h.Column == column && id == itemID {
			return h
		}
	}
	t.Fatalf("no holding of %s at %s [%s]", itemID, place, column)
	return Holding{}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// FuzzPlaceCountJSON: PlaceCount's and PlaceCounts' own encodings are
// the ones encoding/json makes of their fields by reflection, HTML
// escaped or not.
func FuzzPlaceCountJSON(f *testing.F) {
	for _, s := range []string{"", "/srv/共有/顧客<2024>&.csv", "s3://b/k\u2028", "bad\xff", `q"\`} {
		f.Add(s, int64(0), int64(7))
	}
	f.Fuzz(func(t *testing.T, s string, sampled, n int64) {
		for _, pc := range []PlaceCount{
			{Store: "file", Name: s, Encoding: s, SampledBytes: sampled, Findings: n, ByType: map[string]int64{s: n, "phone": 1}},
			{Name: s},
		} {
			for _, html := range []bool{true, false} {
				var got, want bytes.Buffer
				for _, c := range []struct {
					buf *bytes.Buffer
					v   any
				}{{&got, pc}, {&want, placeFields(pc)},
					{&got, PlaceCounts{pc, pc}}, {&want, []any{placeFields(pc), placeFields(pc)}},
					{&got, PlaceCounts(nil)}, {&want, []any(nil)}} {
					enc := json.NewEncoder(c.buf)
					enc.SetEscapeHTML(html)
					if err := enc.Encode(c.v); err != nil {
						t.Fatal(err)
					}
				}
				if got.String() != want.String() {
					t.Fatalf("html %v:\n got %s\nwant %s", html, got.String(), want.String())
				}
			}
		}
	})
}
