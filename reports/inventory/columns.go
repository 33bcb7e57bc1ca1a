package inventory

import (
	"encoding/json"
	"io"
	"slices"
	"sort"
	"strings"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/scanner"
)

// columnVerdicts judges database columns as a whole: of the values read in
// each column, how many matched each type. Findings of one value arrive
// together, so a value is counted once per type however many findings it
// holds. Memory grows with the number of columns, not of rows.
type columnVerdicts struct {
	tables  []*tableVerdict
	byTable map[string]*tableVerdict // by the table's name

	cell      cellKey // the value whose findings are arriving
	cellTypes []string
}

type cellKey struct {
	table     string
	column    string
	row       connectors.RowKey
	rowNumber int64
}

type tableVerdict struct {
	obj     *connectors.Object
	kind    string
	rows    int64
	sampled bool
	read    bool // its stats arrived: the table was read to the end
	columns []*ColumnVerdict
	byName  map[string]*ColumnVerdict
}

// ColumnVerdict is one database column's verdict.
type ColumnVerdict struct {
	Place    string `json:"place"` // the table's name, store://host/database/table
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

func newColumnVerdicts() *columnVerdicts {
	return &columnVerdicts{byTable: map[string]*tableVerdict{}}
}

func (c *columnVerdicts) table(o *connectors.Object) *tableVerdict {
	tv := c.byTable[o.Name()]
	if tv == nil {
		tv = &tableVerdict{obj: o, byName: map[string]*ColumnVerdict{}}
		c.byTable[o.Name()] = tv
		c.tables = append(c.tables, tv)
	}
	return tv
}

func (tv *tableVerdict) column(name string) *ColumnVerdict {
	cv := tv.byName[name]
	if cv == nil {
		o := tv.obj
		cv = &ColumnVerdict{Place: o.Name(), Store: o.Store, Host: o.Host, Database: o.Database, Table: o.Table, Column: name}
		tv.byName[name] = cv
		tv.columns = append(tv.columns, cv)
	}
	return cv
}

// finding counts a database finding against its column.
func (c *columnVerdicts) finding(f *scanner.Finding) {
	l := &f.Location
	if l.Object.Table == "" || l.Column == "" {
		return
	}
	// A JSON column's findings come at key paths (profile.contact.tel): one
	// value of the column is the cell, whatever path they are at.
	key := cellKey{table: l.Object.Name(), column: jsonBase(l.Column), row: l.Row, rowNumber: l.RowNumber}
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
	cv := c.table(l.Object).column(l.Column)
	if cv.Matched == nil {
		cv.Matched = map[string]int64{}
	}
	cv.Matched[typ]++
}

// object takes a table's column statistics.
func (c *columnVerdicts) object(o *connectors.Object, st connectors.ObjectStats) {
	if o.Table == "" {
		return
	}
	tv := c.table(o)
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

// replay takes a carried table's verdicts as its digest kept them.
func (c *columnVerdicts) replay(o *connectors.Object, dt *digestTable) {
	tv := c.table(o)
	tv.kind, tv.rows, tv.sampled, tv.read = dt.Kind, dt.Rows, dt.Sampled, dt.Read
	for _, kept := range dt.Columns {
		cv := tv.byName[kept.Column]
		if cv == nil {
			cv = tv.column(kept.Column)
		}
		*cv = kept
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

// verdicts returns every column seen, tables in the order first seen and
// columns in table order, with Dominant set.
func (c *columnVerdicts) verdicts() []ColumnVerdict {
	out := []ColumnVerdict{}
	for _, tv := range c.tables {
		tv.foldKeyPaths()
		for _, cv := range tv.columns {
			cv.Partial = !tv.read
			cv.Dominant = ""
			for _, typ := range ByCount(cv.Matched) {
				if cv.Values > 0 && 2*cv.Matched[typ] >= cv.Values {
					cv.Dominant = typ
				}
				break
			}
			out = append(out, *cv)
		}
	}
	return out
}

// ByCount lists m's keys, most counted first, then by name.
func ByCount(m map[string]int64) []string {
	names := sortedKeys(m)
	sort.SliceStable(names, func(i, j int) bool { return m[names[i]] > m[names[j]] })
	return names
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// WriteColumns writes column verdicts as JSON Lines, one verdict a line.
func WriteColumns(w io.Writer, verdicts []ColumnVerdict) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for i := range verdicts {
		if err := enc.Encode(&verdicts[i]); err != nil {
			return err
		}
	}
	return nil
}
