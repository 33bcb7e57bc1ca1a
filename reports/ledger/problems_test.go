package ledger

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/reports/inventory"
	"github.com/pmscan/pmscan/scanner"
)

// encryptedPDFs yields n problems, as the state store would.
func encryptedPDFs(n int) Problems {
	return func(yield func(scanner.Problem, error) bool) {
		for i := range n {
			o := connectors.NewFile(fmt.Sprintf("共有/暗号化/%04d.pdf", i))
			if !yield(scanner.Problem{Location: connectors.At(o), Err: connectors.Skip("encrypted PDF"), Skipped: true, Terminal: true}, nil) {
				return
			}
		}
	}
}

// TestEveryProblemListed: read from the state store, the CSV and the
// workbook list every problem, past the inventory's first MaxProblems, up
// to MaxProblemRows, and say how many more there were.
func TestEveryProblemListed(t *testing.T) {
	inv, fs := fixture(t)
	n := inventory.MaxProblems + 500
	many := *inv
	many.Totals.Skipped, many.Totals.Failed = int64(n), 0

	countCSV := func(t *testing.T, opt Options) (listed int, note string) {
		t.Helper()
		var out bytes.Buffer
		if err := WriteCSV(&out, &many, opt); err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(out.Bytes(), []byte(utf8BOM)))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		kind := -1
		for j, h := range rows[0] {
			if h == csvRowType {
				kind = j
			}
		}
		for _, r := range rows[1:] {
			switch r[kind] {
			case rowProblem:
				listed++
			case rowOmitted:
				note = strings.Join(r, " ")
			}
		}
		return listed, note
	}
	if listed, note := countCSV(t, Options{Zone: utc.Zone, Problems: encryptedPDFs(n)}); listed != n || note != "" {
		t.Errorf("CSV: %d problems listed (note %q), want all %d", listed, note, n)
	}
	defer func(c int) { problemRowCap = c }(problemRowCap)
	problemRowCap = 1200
	if listed, note := countCSV(t, Options{Zone: utc.Zone, Problems: encryptedPDFs(n)}); listed != 1200 || !strings.Contains(note, "300") {
		t.Errorf("CSV capped at 1,200: %d listed, note %q: want 1,200 and 300 more", listed, note)
	}
	problemRowCap = MaxProblemRows

	var out bytes.Buffer
	if err := WriteXLSX(&out, &many, findingsOf(fs), Options{Zone: utc.Zone, Problems: encryptedPDFs(n)}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&out)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows(SheetProblems)
	if err != nil {
		t.Fatal(err)
	}
	pdfs := 0
	for _, r := range rows {
		if slicesContainsPrefix(r, "共有/暗号化/") {
			pdfs++
		}
	}
	if pdfs != n {
		t.Errorf("workbook: %d problems on %s, want %d", pdfs, SheetProblems, n)
	}
}

func slicesContainsPrefix(cells []string, prefix string) bool {
	for _, c := range cells {
		if strings.HasPrefix(c, prefix) {
			return true
		}
	}
	return false
}
