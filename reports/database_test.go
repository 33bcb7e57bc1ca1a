package reports

import (
	"errors"
	"testing"
	"time"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/scanner"
)

// feedDatabase sends a fixed database scan's results to r: two tables, one
// read to the end with column statistics, one interrupted midway, and a
// table the scan user may not read.
func feedDatabase(t *testing.T, r scanner.Sink) *scanner.Summary {
	t.Helper()
	tables := map[string]*connectors.Object{}
	table := func(name string) *connectors.Object {
		if tables[name] == nil {
			tables[name] = connectors.NewTable("postgres", "db.example.com:5432", "crm", name)
		}
		return tables[name]
	}
	table("public.order_view").RowBy = "row number in scan order: the view has no primary key or unique index"
	cell := func(name, column, row string, num int64) connectors.Location {
		return connectors.Location{Object: table(name), Column: column, Row: connectors.RowKey(row), RowNumber: num}
	}
	findings := []scanner.Finding{
		{Type: "phone", Confidence: detectors.High, Reasons: []string{"mobile number plan", "column name matches 電話"}, Location: cell("public.顧客", "電話番号", `{"顧客ID":1}`, 0), Masked: "090-****-5678"},
		{Type: "phone", Confidence: detectors.High, Reasons: []string{"mobile number plan"}, Location: cell("public.顧客", "備考", `{"顧客ID":1}`, 0), Masked: "080-****-1234"},
		{Type: "phone", Confidence: detectors.High, Reasons: []string{"mobile number plan"}, Location: cell("public.顧客", "備考", `{"顧客ID":1}`, 0), Masked: "080-****-9999"},
		{Type: "email", Confidence: detectors.High, Reasons: []string{"well-formed address"}, Location: cell("public.顧客", "備考", `{"顧客ID":1}`, 0), Masked: "t***@example.jp"},
		{Type: "phone", Confidence: detectors.Medium, Reasons: []string{"mobile number plan", "leading 0 restored: whole cell is a number in a phone column"}, Location: cell("public.顧客", "電話番号", `{"顧客ID":2}`, 0), Masked: "90****5678"},
		{Type: "email", Confidence: detectors.High, Reasons: []string{"well-formed address"}, Location: cell("public.order_view", "email", "", 7), Masked: "b***@example.com"},
	}
	for i := range findings {
		if err := r.Finding(&findings[i]); err != nil {
			t.Fatal(err)
		}
	}
	stats := connectors.ObjectStats{Bytes: 4096, Format: "table", Rows: 3, Columns: []connectors.ColumnStats{
		{Name: "顧客ID", Type: "integer", Values: 3},
		{Name: "電話番号", Type: "character varying(20)", Values: 2},
		{Name: "備考", Type: "text", Values: 3, Truncated: 1},
		{Name: "写真", Type: "bytea", Skipped: "binary"},
	}}
	if err := r.Object(table("public.顧客"), stats); err != nil {
		t.Fatal(err)
	}
	if err := r.Problem(scanner.Problem{Location: connectors.At(table("public.secret")), Terminal: true, Err: errors.New("read table: ERROR: permission denied for table secret (SQLSTATE 42501)")}); err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	sum := &scanner.Summary{
		Started: start, Finished: start.Add(2 * time.Second), Interrupted: true,
		Targets: []scanner.TargetResult{{Name: "postgres://scanner:xxxxx@db.example.com:5432/crm", Err: scanner.ErrInterrupted}},
		Objects: 1, Bytes: 4096, Rows: 3, Records: 9, Failed: 1,
		Findings: int64(len(findings)), ByType: map[string]int64{"phone": 4, "email": 2},
	}
	return sum
}
