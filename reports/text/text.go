// Package text renders a scan's inventory as the summary people read on a
// terminal: the headline, the policy conformance, the items held, findings
// by type and by place, database columns, and what was not scanned. It
// lists a bounded number of places, columns and problems, and counts the
// rest.
package text

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/pmscan/pmscan/internal/units"
	"github.com/pmscan/pmscan/reports/inventory"
)

const (
	maxPlaces      = 100
	maxProblems    = 50
	maxFlagsShown  = 10
	maxColumnLines = 200
)

// Write renders inv.
func Write(w io.Writer, inv *inventory.Inventory) error {
	var b strings.Builder
	fmt.Fprintf(&b, "pmscan: %s\n", Headline(inv))
	fmt.Fprintf(&b, "Status: %s\n", statusText(inv.ScanStatus()))
	writeConformance(&b, inv)
	writeItems(&b, inv)
	if inv.Totals.Findings > 0 {
		writeTypes(&b, inv)
		writePlaces(&b, inv)
	}
	writeColumns(&b, inv.Columns)
	writeProblems(&b, inv)
	for _, t := range inv.Targets {
		switch {
		case t.Error != "":
			fmt.Fprintf(&b, "\ntarget %s: %s\n", t.Name, t.Error)
		case t.Status == inventory.TargetInterrupted:
			fmt.Fprintf(&b, "\ntarget %s: interrupted before the walk ended\n", t.Name)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// Headline is the one-line account of a scan.
func Headline(inv *inventory.Inventory) string {
	t := &inv.Totals
	d := inv.Finished.Sub(inv.Started)
	rows := ""
	if t.Rows > 0 {
		rows = fmt.Sprintf(", %d %s", t.Rows, plural(t.Rows, "row", "rows"))
	}
	s := fmt.Sprintf("scanned %d %s (%s%s) in %s: %d %s, %d skipped, %d %s",
		t.Objects, plural(t.Objects, "object", "objects"), units.Bytes(t.Bytes), rows, d.Round(time.Millisecond),
		t.Findings, plural(t.Findings, "finding", "findings"),
		t.Skipped, t.Failed, plural(t.Failed, "error", "errors"))
	failed := 0
	for _, tr := range inv.Targets {
		if tr.Status == inventory.TargetFailed || (tr.Status == "" && tr.Error != "") {
			failed++
		}
	}
	if failed > 0 && !inv.Interrupted {
		s += fmt.Sprintf(", %d %s failed", failed, plural(int64(failed), "target", "targets"))
	}
	if inv.Interrupted {
		s += " (interrupted: results are partial)"
	}
	return s
}

// writeConformance writes the policy conformance summary.
func writeConformance(b *strings.Builder, inv *inventory.Inventory) {
	var bySev [3]int
	for _, f := range inv.Flags {
		bySev[f.Severity]++
	}
	fmt.Fprintf(b, "\nPolicy conformance (%s policy): ", inv.Policy)
	if len(inv.Flags) == 0 {
		b.WriteString("nothing held that the policy does not declare\n")
		return
	}
	fmt.Fprintf(b, "%d high, %d medium, %d low\n", bySev[inventory.SeverityHigh], bySev[inventory.SeverityMedium], bySev[inventory.SeverityLow])
	for i, f := range inv.Flags {
		if i == maxFlagsShown {
			fmt.Fprintf(b, "  (%d more)\n", len(inv.Flags)-maxFlagsShown)
			break
		}
		where := f.Name
		if f.Column != "" {
			where += " [" + f.Column + "]"
		}
		fmt.Fprintf(b, "  %-6s %s: %s\n", f.Severity, where, f.Message)
	}
}

// writeItems writes the items held: the ledger's rows.
func writeItems(b *strings.Builder, inv *inventory.Inventory) {
	if len(inv.Items) == 0 {
		return
	}
	fmt.Fprintf(b, "\nItems held (個人情報の項目), about %d %s in %d %s:\n", inv.Totals.Subjects,
		plural(inv.Totals.Subjects, "person", "people"), inv.Totals.Places, plural(int64(inv.Totals.Places), "place", "places"))
	rows := [][]string{{"ITEM", "CLASS", "PLACES", "FOUND", "DISTINCT", "IN POLICY"}}
	for _, it := range inv.Items {
		declared := "yes"
		if !it.Declared {
			declared = "no"
		}
		class := it.Class
		if class == "" {
			class = "(no item)"
		}
		rows = append(rows, []string{it.Item, class, fmt.Sprint(it.Places), fmt.Sprint(it.Findings), fmt.Sprint(it.Distinct), declared})
	}
	writeTable(b, "  ", rows)
}

func writeTypes(b *strings.Builder, inv *inventory.Inventory) {
	if inv.RawValues {
		b.WriteString("\nFindings by type (raw values, -show-data):\n")
	} else {
		b.WriteString("\nFindings by type (values masked):\n")
	}
	rows := [][]string{{"TYPE", "FOUND", "HIGH", "MEDIUM", "LOW", "EXAMPLES"}}
	for _, tc := range inv.Types {
		rows = append(rows, []string{tc.Type, fmt.Sprint(tc.Findings), fmt.Sprint(tc.High), fmt.Sprint(tc.Medium), fmt.Sprint(tc.Low), strings.Join(tc.Examples, ", ")})
	}
	writeTable(b, "  ", rows)
}

// writePlaces lists the first maxPlaces places with findings, in the order
// the scan found them, and sums up the rest in one row.
func writePlaces(b *strings.Builder, inv *inventory.Inventory) {
	b.WriteString("\nFindings by file, object or table:\n")
	rows := [][]string{{"WHERE", "ENCODING", "FOUND", "TYPES"}}
	rest := inventory.PlaceCount{ByType: map[string]int64{}}
	for i, p := range inv.Places {
		if i >= maxPlaces {
			rest.Findings += p.Findings
			for typ, n := range p.ByType {
				rest.ByType[typ] += n
			}
			continue
		}
		where := p.Name
		if p.SampledBytes > 0 {
			where = fmt.Sprintf("%s (first %s read)", p.Name, units.Bytes(p.SampledBytes))
		}
		rows = append(rows, []string{where, p.Encoding, fmt.Sprint(p.Findings), typeCounts(p.ByType)})
	}
	if n := len(inv.Places) - maxPlaces; n > 0 {
		rows = append(rows, []string{fmt.Sprintf("(%d more)", n), "", fmt.Sprint(rest.Findings), typeCounts(rest.ByType)})
	}
	writeTable(b, "  ", rows)
}

// writeColumns renders the database columns that matched anything, and
// those not read.
func writeColumns(b *strings.Builder, verdicts []inventory.ColumnVerdict) {
	var rows [][]string
	for _, cv := range verdicts {
		if row := columnRow(cv); row != nil {
			rows = append(rows, row)
		}
	}
	if len(rows) == 0 {
		return
	}
	b.WriteString("\nColumns (share of each column's values that matched):\n")
	shown := rows[:min(len(rows), maxColumnLines)]
	writeTable(b, "  ", append([][]string{{"COLUMN", "TYPE", "VALUES", "VERDICT", "MATCHED"}}, shown...))
	// The count goes below the table, not in it, so that its long text
	// does not widen the first column.
	if more := len(rows) - len(shown); more > 0 {
		fmt.Fprintf(b, "  (%d more columns; -columns FILE writes them all)\n", more)
	}
}

// columnRow is cv's row in the columns table, or nil when the column was
// read and nothing matched.
func columnRow(cv inventory.ColumnVerdict) []string {
	name := cv.Place + " [" + cv.Column + "]"
	if cv.Skipped != "" {
		return []string{name, cv.Type, "-", "not read", cv.Skipped}
	}
	if len(cv.Matched) == 0 {
		return nil
	}
	var parts []string
	for _, typ := range inventory.ByCount(cv.Matched) {
		n := cv.Matched[typ]
		if cv.Partial {
			parts = append(parts, fmt.Sprintf("%s %d", typ, n))
		} else {
			parts = append(parts, fmt.Sprintf("%s %d (%s)", typ, n, percent(n, cv.Values)))
		}
	}
	verdict := cv.Dominant
	if verdict == "" {
		verdict = "mixed"
	}
	read := fmt.Sprint(cv.Values)
	if cv.Sampled {
		read += " sampled"
	}
	if cv.Partial {
		read, verdict = "partial", "-"
	}
	return []string{name, cv.Type, read, verdict, strings.Join(parts, ", ")}
}

// writeProblems lists the first maxProblems items not scanned and counts
// the rest.
func writeProblems(b *strings.Builder, inv *inventory.Inventory) {
	if len(inv.Problems) == 0 {
		return
	}
	b.WriteString("\nNot scanned:\n")
	for i, p := range inv.Problems {
		if i == maxProblems {
			break
		}
		kind := "error"
		if p.Skipped {
			kind = "skipped"
		}
		fmt.Fprintf(b, "  %s: %s: %s\n", kind, ProblemWhere(p), p.Error)
	}
	if more := inv.Totals.Skipped + inv.Totals.Failed - int64(min(len(inv.Problems), maxProblems)); more > 0 {
		fmt.Fprintf(b, "  (%d more)\n", more)
	}
}

// ProblemWhere names where a problem is: the place, the position inside
// it and the column, as connectors.Location's String does.
func ProblemWhere(p inventory.Problem) string {
	s := p.Name
	if p.Position != "" {
		s += " " + p.Position
	}
	if p.Column != "" {
		s += " [" + p.Column + "]"
	}
	return s
}

// typeCounts renders "phone 3, email 2", most frequent first.
func typeCounts(m map[string]int64) string {
	names := inventory.ByCount(m)
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = fmt.Sprintf("%s %d", n, m[n])
	}
	return strings.Join(parts, ", ")
}

func percent(n, of int64) string {
	if of == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f%%", 100*float64(n)/float64(of))
}

func plural(n int64, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// statusText says how a scan ended, and what that means for the report.
func statusText(status string) string {
	switch status {
	case inventory.StatusComplete:
		return "complete: every target and every item was read"
	case inventory.StatusUnreadable:
		return "complete with unreadable items: what they hold is not in this report (listed under Not scanned)"
	case inventory.StatusFailed:
		return "failed: a target could not be opened or read to the end (see below); what it holds is not in this report"
	case inventory.StatusInterrupted:
		return "interrupted: this report holds what was read until then"
	}
	return status
}
