package reports

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/scanner"
)

// ColumnVerdicts judges database columns as a whole: of the values read in
// each column, how many matched each type. Findings of one value arrive
// together, so a value is counted once per type however many findings it
// holds. Memory grows with the number of columns, not of rows.
type ColumnVerdicts struct {
	tables  []*tableVerdict
	byTable map[tableKey]*tableVerdict

	cell      cellKey // the value whose findings are arriving
	cellTypes []string
}

type tableKey struct{ store, host, database, table string }

type cellKey struct {
	table     tableKey
	column    string
	row       connectors.RowKey
	rowNumber int64
}

type tableVerdict struct {
	loc     connectors.Location
	kind    string
	rows    int64
	sampled bool
	read    bool // its stats arrived: the table was read to the end
	columns []*ColumnVerdict
	byName  map[string]*ColumnVerdict
}

// ColumnVerdict is one column's verdict.
type ColumnVerdict struct {
	Store    string `json:"store"`
	Host     string `json:"host,omitempty"`
	Database string `json:"database,omitempty"`
	Table    string `json:"table"`
	Column   string `json:"column"`
	Type     string `json:"column_type,omitempty"`
	Sampled  bool   `json:"sampled,omitempty"`
	Values   int64  `json:"values"`            // non-NULL, non-empty values read
	Skipped  string `json:"skipped,omitempty"` // why the column was not read
	// Truncated counts values longer than the per-value limit, read up to it.
	Truncated int64            `json:"truncated,omitempty"`
	Matched   map[string]int64 `json:"matched,omitempty"` // values with a finding, by type
	Dominant  string           `json:"verdict,omitempty"` // the type most values matched, when at least half did
	// Partial: the table was not read to the end (interrupted, or failed
	// midway), so Values is unknown and only the matches so far are counted.
	Partial bool `json:"partial,omitempty"`
}

// NewColumnVerdicts returns an empty aggregate.
func NewColumnVerdicts() *ColumnVerdicts {
	return &ColumnVerdicts{byTable: map[tableKey]*tableVerdict{}}
}

func keyOf(l connectors.Location) tableKey {
	return tableKey{l.Store, l.Host, l.Database, l.Table}
}

func (c *ColumnVerdicts) table(l connectors.Location) *tableVerdict {
	k := keyOf(l)
	tv := c.byTable[k]
	if tv == nil {
		tv = &tableVerdict{loc: connectors.Location{Store: l.Store, Host: l.Host, Database: l.Database, Table: l.Table},
			byName: map[string]*ColumnVerdict{}}
		c.byTable[k] = tv
		c.tables = append(c.tables, tv)
	}
	return tv
}

func (tv *tableVerdict) column(name string) *ColumnVerdict {
	cv := tv.byName[name]
	if cv == nil {
		l := tv.loc
		cv = &ColumnVerdict{Store: l.Store, Host: l.Host, Database: l.Database, Table: l.Table, Column: name}
		tv.byName[name] = cv
		tv.columns = append(tv.columns, cv)
	}
	return cv
}

// Finding counts a database finding against its column.
func (c *ColumnVerdicts) Finding(f *scanner.Finding) {
	l := f.Location
	if l.Table == "" || l.Column == "" {
		return
	}
	// A JSON column's findings come at key paths (profile.contact.tel): one
	// value of the column is the cell, whatever path they are at.
	key := cellKey{table: keyOf(l), column: jsonBase(l.Column), row: l.Row, rowNumber: l.RowNumber}
	if key != c.cell {
		c.cell, c.cellTypes = key, c.cellTypes[:0]
	}
	typ := f.Type
	if f.Kind != "" {
		typ += "/" + f.Kind
	}
	for _, t := range c.cellTypes {
		if t == typ {
			return
		}
	}
	c.cellTypes = append(c.cellTypes, typ)
	cv := c.table(l).column(l.Column)
	if cv.Matched == nil {
		cv.Matched = map[string]int64{}
	}
	cv.Matched[typ]++
}

// Object takes a table's column statistics.
func (c *ColumnVerdicts) Object(l connectors.Location, st connectors.ObjectStats) {
	if l.Table == "" {
		return
	}
	tv := c.table(l)
	tv.kind, tv.rows, tv.sampled, tv.read = st.Format, st.Rows, st.Sampled, true
	// Columns in table order; any seen only in findings keep their place after.
	seen := tv.columns
	tv.columns = nil
	for _, cs := range st.Columns {
		cv := tv.byName[cs.Name]
		if cv == nil {
			cv = tv.column(cs.Name)
		} else {
			tv.columns = append(tv.columns, cv)
		}
		cv.Type, cv.Values, cv.Skipped, cv.Sampled, cv.Truncated = cs.Type, cs.Values, cs.Skipped, st.Sampled, cs.Truncated
	}
	for _, cv := range seen {
		if !slices.Contains(tv.columns, cv) {
			tv.columns = append(tv.columns, cv)
		}
	}
}

// jsonBase is the column a JSON key path starts from.
func jsonBase(column string) string {
	if i := strings.IndexAny(column, ".["); i > 0 {
		return column[:i]
	}
	return column
}

// foldKeyPaths adds the matches found at key paths inside a column's JSON
// values (profile.contact.tel) to the column itself (profile), once the
// table's columns are known.
func (tv *tableVerdict) foldKeyPaths() {
	if !tv.read {
		return
	}
	kept := tv.columns[:0]
	for _, cv := range tv.columns {
		base := tv.byName[jsonBase(cv.Column)]
		if cv.Type != "" || base == nil || base == cv || base.Type == "" {
			kept = append(kept, cv)
			continue
		}
		if base.Matched == nil {
			base.Matched = map[string]int64{}
		}
		for typ, n := range cv.Matched {
			base.Matched[typ] += n
		}
		delete(tv.byName, cv.Column)
	}
	tv.columns = kept
}

// Verdicts returns every column seen, tables in the order first seen and
// columns in table order, with Dominant set.
func (c *ColumnVerdicts) Verdicts() []*ColumnVerdict {
	var out []*ColumnVerdict
	for _, tv := range c.tables {
		tv.foldKeyPaths()
		for _, cv := range tv.columns {
			cv.Partial = !tv.read
			cv.Dominant = ""
			for _, typ := range sortedByCount(cv.Matched) {
				if cv.Values > 0 && 2*cv.Matched[typ] >= cv.Values {
					cv.Dominant = typ
				}
				break
			}
			out = append(out, cv)
		}
	}
	return out
}

// WriteJSONL writes one verdict per line.
func (c *ColumnVerdicts) WriteJSONL(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, cv := range c.Verdicts() {
		if err := enc.Encode(cv); err != nil {
			return err
		}
	}
	return nil
}

const maxColumnLines = 200

// writeText renders the columns that matched anything, and the skipped ones.
func (c *ColumnVerdicts) writeText(b *strings.Builder) {
	var lines []string
	for _, cv := range c.Verdicts() {
		name := cv.Table + "." + cv.Column
		if cv.Database != "" {
			name = cv.Database + "." + name
		}
		switch {
		case cv.Skipped != "":
			lines = append(lines, fmt.Sprintf("  %s\t%s\t-\tnot read\t%s", name, cv.Type, cv.Skipped))
		case len(cv.Matched) > 0:
			var parts []string
			for _, typ := range sortedByCount(cv.Matched) {
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
			lines = append(lines, fmt.Sprintf("  %s\t%s\t%s\t%s\t%s", name, cv.Type, read, verdict, strings.Join(parts, ", ")))
		}
	}
	if len(lines) == 0 {
		return
	}
	b.WriteString("\nColumns (share of each column's values that matched):\n")
	tw := tabwriter.NewWriter(b, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "  COLUMN\tTYPE\tVALUES\tVERDICT\tMATCHED")
	for i, l := range lines {
		if i == maxColumnLines {
			fmt.Fprintf(tw, "  (%d more columns; -columns FILE writes them all)\n", len(lines)-i)
			break
		}
		fmt.Fprintln(tw, l)
	}
	tw.Flush()
}

func percent(n, of int64) string {
	if of == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f%%", 100*float64(n)/float64(of))
}

func sortedByCount(m map[string]int64) []string {
	names := sortedKeys(m)
	sort.SliceStable(names, func(i, j int) bool { return m[names[i]] > m[names[j]] })
	return names
}

// WithColumns wraps r so that the column verdicts are also written to w, one
// JSON object per line, when the scan ends.
func WithColumns(r Report, w io.Writer) Report {
	return &columnsReport{Report: r, verdicts: NewColumnVerdicts(), w: w}
}

type columnsReport struct {
	Report
	verdicts *ColumnVerdicts
	w        io.Writer
}

func (c *columnsReport) Finding(f *scanner.Finding) error {
	c.verdicts.Finding(f)
	return c.Report.Finding(f)
}

func (c *columnsReport) Object(l connectors.Location, st connectors.ObjectStats) error {
	c.verdicts.Object(l, st)
	return c.Report.Object(l, st)
}

func (c *columnsReport) Close(sum *scanner.Summary) error {
	if err := c.Report.Close(sum); err != nil {
		return err
	}
	return c.verdicts.WriteJSONL(c.w)
}
