// Package text renders a scan's inventory as the summary people read on a
// terminal: the headline, the policy conformance, the items held, findings
// by type and by place, database columns, and what was not scanned. It
// lists a bounded number of places, columns and problems, and counts the
// rest. It speaks the user's language: Japanese or English, with the words
// of each in one table (labels.go, ja.go).
//
// Names come from the data scanned: each part of a line that can hold one
// (a name, a column, a target, an error, an example) goes through
// safetext.Name before the line's newline is added, and so does every
// table cell, so that a name cannot clear the screen or start a line of
// its own.
package text

import (
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/language"

	"github.com/pmscan/pmscan/internal/safetext"
	"github.com/pmscan/pmscan/internal/units"
	"github.com/pmscan/pmscan/reports/inventory"
)

const (
	maxPlaces      = 100
	maxProblems    = 50
	maxFlagsShown  = 10
	maxColumnLines = 200
)

// Write renders inv in lang: Japanese for a Japanese tag, English for any
// other (language.Und too).
func Write(w io.Writer, inv *inventory.Inventory, lang language.Tag) error {
	l := labelsFor(lang)
	var b strings.Builder
	fmt.Fprintf(&b, "pmscan: %s\n", headline(l, inv))
	b.WriteString(safetext.Name(l.status+statusText(l, inv.ScanStatus())) + "\n")
	writeChanges(&b, l, inv.Changes)
	writeConformance(&b, l, inv)
	writeItems(&b, l, inv)
	writeAccess(&b, l, inv)
	if inv.Totals.Findings > 0 {
		writeTypes(&b, l, inv)
		writePlaces(&b, l, inv)
	}
	writeColumns(&b, l, inv.Columns)
	writeAllowed(&b, l, inv)
	writeBelowThreshold(&b, l, inv)
	writeProblems(&b, l, inv)
	for i := range inv.Targets {
		switch t := &inv.Targets[i]; {
		case t.Error != "":
			b.WriteString("\n" + safetext.Name(l.targetError(t)) + "\n")
		case t.Status == inventory.TargetInterrupted:
			b.WriteString("\n" + safetext.Name(l.targetInterrupted(t.Name)) + "\n")
		}
	}
	if inv.StateStore != nil {
		b.WriteString("\n" + safetext.Name(l.stateStore(inv.StateStore)) + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// Headline is the one-line account of a scan, in lang, safe to print.
func Headline(inv *inventory.Inventory, lang language.Tag) string {
	return headline(labelsFor(lang), inv)
}

func headline(l *labels, inv *inventory.Inventory) string {
	t := &inv.Totals
	s := l.scanned(t.Objects, t.Bytes, t.Rows, inv.Finished.Sub(inv.Started)) + l.outcome(t.Findings, t.Skipped, t.Failed)
	failed := 0
	for _, tr := range inv.Targets {
		if tr.Outcome() == inventory.TargetFailed {
			failed++
		}
	}
	if failed > 0 && !inv.Interrupted {
		s += l.targetsFailed(failed)
	}
	if inv.Interrupted {
		s += l.interrupted
	}
	return safetext.Name(s)
}

// writeConformance writes the policy conformance summary.
func writeConformance(b *strings.Builder, l *labels, inv *inventory.Inventory) {
	var bySev [3]int
	for _, f := range inv.Flags {
		bySev[f.Severity]++
	}
	b.WriteString("\n" + safetext.Name(l.conformance(inv.Policy)))
	if len(inv.Flags) == 0 {
		b.WriteString(l.noFlags + "\n")
		return
	}
	b.WriteString(l.flagCounts(bySev[inventory.SeverityHigh], bySev[inventory.SeverityMedium], bySev[inventory.SeverityLow]) + "\n")
	sevWidth := 0
	for _, s := range l.severities {
		sevWidth = max(sevWidth, safetext.Width(s))
	}
	for i := range inv.Flags {
		f := &inv.Flags[i]
		if i == maxFlagsShown {
			b.WriteString("  " + l.more(len(inv.Flags)-maxFlagsShown) + "\n")
			break
		}
		where := f.Name
		if f.Column != "" {
			where += " [" + f.Column + "]"
		}
		sev := f.Severity.String()
		if f.Severity >= 0 && int(f.Severity) < len(l.severities) {
			sev = l.severities[f.Severity]
		}
		fmt.Fprintf(b, "  %s%s %s: %s\n", sev, strings.Repeat(" ", max(0, sevWidth-safetext.Width(sev))), safetext.Name(where), safetext.Name(l.flagMessage(inv, f)))
	}
}

// writeItems writes the items held: the ledger's rows.
func writeItems(b *strings.Builder, l *labels, inv *inventory.Inventory) {
	if len(inv.Items) == 0 {
		return
	}
	b.WriteString("\n" + l.items(inv.Totals.Subjects, inv.Totals.Places) + "\n")
	rows := [][]string{l.itemsHeader}
	for _, it := range inv.Items {
		declared := l.declared[0]
		if it.Declared {
			declared = l.declared[1]
		}
		class := it.Class
		if class == "" {
			class = l.noItem
		}
		rows = append(rows, []string{it.Item, class, fmt.Sprint(it.Places), fmt.Sprint(it.Findings), fmt.Sprint(it.Distinct), declared})
	}
	safetext.WriteTable(b, "  ", rows)
}

// accessCounts counts the places with personal information by who can
// read them.
type accessCounts struct {
	places, public, undeclared, unknown, notAsked int
}

// writeAccess sums up who can read the places with personal information;
// the flags name the places.
func writeAccess(b *strings.Builder, l *labels, inv *inventory.Inventory) {
	if len(inv.Holdings) == 0 {
		return
	}
	var c accessCounts
	seen := map[string]bool{}
	for i := range inv.Holdings {
		h := &inv.Holdings[i]
		if seen[h.Name] {
			continue
		}
		seen[h.Name] = true
		c.places++
		switch a := h.Access; {
		case a == nil:
			c.notAsked++
		case a.Public():
			c.public++
		}
		if h.Access != nil && h.Access.Unknown != "" {
			c.unknown++
		}
	}
	undeclared := map[string]bool{}
	for _, f := range inv.Flags {
		if f.Rule == inventory.RuleAccessUndeclared {
			undeclared[f.Name] = true
		}
	}
	c.undeclared = len(undeclared)
	if c.notAsked == c.places {
		return // no store said: an inventory from before access was read
	}
	b.WriteString("\n" + l.access(c) + "\n")
}

func writeTypes(b *strings.Builder, l *labels, inv *inventory.Inventory) {
	if inv.RawValues {
		b.WriteString("\n" + l.typesRaw + "\n")
	} else {
		b.WriteString("\n" + l.typesMasked + "\n")
	}
	rows := [][]string{l.typesHeader}
	for _, tc := range inv.Types {
		rows = append(rows, []string{tc.Type, fmt.Sprint(tc.Findings), fmt.Sprint(tc.High), fmt.Sprint(tc.Medium), fmt.Sprint(tc.Low), strings.Join(tc.Examples, ", ")})
	}
	safetext.WriteTable(b, "  ", rows)
}

// writePlaces lists the first maxPlaces places with findings, in the order
// the scan found them, and sums up the rest in one row.
func writePlaces(b *strings.Builder, l *labels, inv *inventory.Inventory) {
	b.WriteString("\n" + l.places + "\n")
	rows := [][]string{l.placesHeader}
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
			where += l.firstRead(units.Bytes(p.SampledBytes))
		}
		rows = append(rows, []string{where, p.Encoding, fmt.Sprint(p.Findings), typeCounts(p.ByType)})
	}
	if n := len(inv.Places) - maxPlaces; n > 0 {
		rows = append(rows, []string{l.morePlaces(n), "", fmt.Sprint(rest.Findings), typeCounts(rest.ByType)})
	}
	safetext.WriteTable(b, "  ", rows)
}

// writeColumns renders the database columns that matched anything, and
// those not read.
func writeColumns(b *strings.Builder, l *labels, verdicts []inventory.ColumnVerdict) {
	var rows [][]string
	for _, cv := range verdicts {
		if row := columnRow(l, cv); row != nil {
			rows = append(rows, row)
		}
	}
	if len(rows) == 0 {
		return
	}
	b.WriteString("\n" + l.columns + "\n")
	shown := rows[:min(len(rows), maxColumnLines)]
	safetext.WriteTable(b, "  ", append([][]string{l.columnsHeader}, shown...))
	// The count goes below the table, not in it, so that its long text
	// does not widen the first column.
	if more := len(rows) - len(shown); more > 0 {
		b.WriteString("  " + l.moreColumns(more) + "\n")
	}
}

// columnRow is cv's row in the columns table, or nil when the column was
// read and nothing matched.
func columnRow(l *labels, cv inventory.ColumnVerdict) []string {
	name := cv.Place + " [" + cv.Column + "]"
	if cv.Skipped != "" {
		return []string{name, cv.Type, "-", l.notRead, cv.Skipped}
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
		verdict = l.mixed
	}
	read := fmt.Sprint(cv.Values)
	if cv.Sampled {
		read = l.sampled(read)
	}
	if cv.Partial {
		read, verdict = l.partial, "-"
	}
	return []string{name, cv.Type, read, verdict, strings.Join(parts, ", ")}
}

// writeAllowed says what the allow list held back, by entry and type, and
// which entries held back nothing.
func writeAllowed(b *strings.Builder, l *labels, inv *inventory.Inventory) {
	if len(inv.Allowed) > 0 {
		b.WriteString("\n" + l.allowed(inv.Totals.Allowed) + "\n")
		rows := [][]string{l.allowedHeader}
		for _, a := range inv.Allowed {
			rows = append(rows, []string{a.Entry, a.Type, fmt.Sprint(a.Hits), a.Reason})
		}
		safetext.WriteTable(b, "  ", rows)
	}
	if len(inv.AllowUnused) > 0 {
		b.WriteString("\n" + safetext.Name(l.allowUnused(listed(inv.AllowUnused, l))) + "\n")
	}
	if len(inv.AllowExpired) > 0 {
		b.WriteString("\n" + safetext.Name(l.allowExpired(listed(inv.AllowExpired, l))) + "\n")
	}
}

// writeBelowThreshold says what the policy's thresholds kept out of the
// holdings.
func writeBelowThreshold(b *strings.Builder, l *labels, inv *inventory.Inventory) {
	if len(inv.BelowThreshold) == 0 {
		return
	}
	b.WriteString("\n" + l.belowThreshold + "\n")
	rows := [][]string{l.belowHeader}
	for _, bt := range inv.BelowThreshold {
		rows = append(rows, []string{bt.Type, fmt.Sprint(bt.Places), fmt.Sprint(bt.Holdings), fmt.Sprint(bt.Findings)})
	}
	safetext.WriteTable(b, "  ", rows)
}

// maxListed bounds the entries named in one line (a baseline holds
// thousands of suppressions); the JSON report lists them all.
const maxListed = 20

func listed(ids []string, l *labels) string {
	if len(ids) <= maxListed {
		return strings.Join(ids, ", ")
	}
	return strings.Join(ids[:maxListed], ", ") + " " + l.more(len(ids)-maxListed)
}

// writeProblems lists the first maxProblems items not scanned and counts
// the rest.
func writeProblems(b *strings.Builder, l *labels, inv *inventory.Inventory) {
	if len(inv.Problems) == 0 {
		return
	}
	b.WriteString("\n" + l.problems + "\n")
	for i := range inv.Problems {
		if i == maxProblems {
			break
		}
		p := &inv.Problems[i]
		kind := l.problemKinds[0]
		if p.Skipped {
			kind = l.problemKinds[1]
		}
		fmt.Fprintf(b, "  %s: %s: %s\n", kind, safetext.Name(ProblemWhere(*p)), safetext.Name(l.problemDetail(p)))
	}
	if more := inv.Totals.Skipped + inv.Totals.Failed - int64(min(len(inv.Problems), maxProblems)); more > 0 {
		b.WriteString("  " + l.more(int(more)) + "\n")
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

// statusText says how a scan ended, and what that means for the report.
func statusText(l *labels, status string) string {
	if s, ok := l.statuses[status]; ok {
		return s
	}
	return status
}
