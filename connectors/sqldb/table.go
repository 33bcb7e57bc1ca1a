// Package sqldb is what the PostgreSQL and MySQL connectors share: the model
// of a relation to scan, the choice of how to read it (keyset pages on a key,
// a stream in scan order, or a sample), bounded concurrency across tables,
// retries when a connection is lost, turning rows into records located by
// their key, and asking an incremental scan's baseline about each relation,
// by its version, before reading it. A driver package supplies the Server
// and Session for its dialect.
package sqldb

import (
	"path"
	"strings"

	"github.com/pmscan/pmscan/connectors"
)

// Kind says how a column's values are scanned.
type Kind uint8

const (
	KindText   Kind = iota // character data, JSON, XML, enums, arrays, network addresses
	KindNumber             // integers and decimals: may hold a phone number or a My Number
	KindTime               // dates and timestamps: may hold a birth date
	KindSkip               // cannot hold text: binary, spatial, boolean; counted, not scanned
)

// Column is one column of a relation.
type Column struct {
	Name string
	Type string // as the server names it, e.g. "character varying(40)", "bigint"
	Kind Kind
	// Skip says why a KindSkip column is not scanned: "binary", "geometry",
	// "boolean", "bit string", "text search".
	Skip string
	// Capped columns can hold long values: the session reads at most
	// Options.MaxValueChars+1 characters of each, so one value cannot take
	// unbounded memory.
	Capped bool
	// Pseudo marks a system column that is part of the key but not data
	// (PostgreSQL's ctid): it is read, never scanned or reported.
	Pseudo bool
}

// DatabaseGap is the Kind of an entry of Session.Tables that is no relation
// but a database whose relations the catalog lists only in part (the user
// holds grants on some tables of it): its Name is empty and Unreadable says
// why. It is recorded as the database's failure, since what it holds may
// not all have been scanned.
const DatabaseGap = "database"

// Table is one relation: a table, a view or a materialized view.
type Table struct {
	Schema  string // PostgreSQL schema, or MySQL database
	Name    string
	Kind    string // "table", "view", "materialized view"; DatabaseGap
	Columns []Column
	// Key indexes Columns: the columns that identify a row, in key order.
	Key []int
	// KeyBy names what Key rests on: "primary key", "unique index NAME" or
	// "ctid"; empty when there is none and rows are numbered in scan order.
	KeyBy string
	// Ordered means Key is a real key that keyset pagination can walk.
	Ordered bool
	// EstRows is the server's estimate of the row count, -1 if unknown.
	EstRows int64
	// Unreadable, when set, is why the catalog already shows the relation
	// cannot be read (a MySQL view whose tables were dropped lists no
	// columns): it is recorded as failed with this reason, and not queried.
	Unreadable error
	// Partial, when set, says the session may read only some of the
	// relation's columns (MySQL column-level grants): Columns holds those,
	// which are read, and Partial is recorded as a problem at the relation
	// before its records, so the scan counts it as not read in full.
	Partial error
	// Access is who can read the relation (AccessReader), set before it
	// is read; nil where the session does not say.
	Access *connectors.Access

	sel     []int // Columns read, in select order: every scanned or key column
	keySel  []int // positions in sel of the Key columns
	scanSel []int // positions in sel of the scanned columns
	// recordTime marks, by column, the date and time columns that say when
	// a row was made or changed (created_at, 登録日): they age the table's
	// data for retention.
	recordTime []bool
}

// recordTimeWords name columns that date a row, not a person: birth dates
// are dates too, and are not the age of the data.
var recordTimeWords = []string{"created", "updated", "modified", "registered", "inserted", "create_", "update_",
	"登録", "作成", "更新", "入会", "申込", "受付", "取得", "記録"}

func isRecordTime(name string) bool {
	n := strings.ToLower(name)
	if strings.Contains(n, "birth") || strings.Contains(n, "生年") || strings.Contains(n, "誕生") {
		return false
	}
	for _, w := range recordTimeWords {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

// QualifiedName is schema.table.
func (t *Table) QualifiedName() string { return t.Schema + "." + t.Name }

// prepare computes the select list; call it once the columns and key are set.
func (t *Table) prepare() {
	t.sel, t.keySel, t.scanSel = t.sel[:0], t.keySel[:0], t.scanSel[:0]
	isKey := make([]bool, len(t.Columns))
	for _, k := range t.Key {
		isKey[k] = true
	}
	t.recordTime = make([]bool, len(t.Columns))
	for i, c := range t.Columns {
		t.recordTime[i] = c.Kind == KindTime && isRecordTime(c.Name)
		scanned := c.Kind != KindSkip && !c.Pseudo
		if !scanned && !isKey[i] {
			continue
		}
		if scanned {
			t.scanSel = append(t.scanSel, len(t.sel))
		}
		t.sel = append(t.sel, i)
	}
	for _, k := range t.Key {
		for pos, ci := range t.sel {
			if ci == k {
				t.keySel = append(t.keySel, pos)
			}
		}
	}
}

// Select lists the indexes into Columns that a session must read, in order:
// a RowFunc receives their values in this order.
func (t *Table) Select() []int { return t.sel }

// KeySelect lists the positions in Select of the key columns, in key order.
func (t *Table) KeySelect() []int { return t.keySel }

// MatchDatabase reports whether a database is in scope: whether some
// relation of it could match.
func (f Filter) MatchDatabase(schema string) bool {
	if len(f.Include) > 0 && !matchSchema(f.Include, schema, false) {
		return false
	}
	return !matchSchema(f.Exclude, schema, true)
}

// matchSchema reports whether a pattern covers schema: any of its relations
// when whole is false, all of them when true.
func matchSchema(patterns []string, schema string, whole bool) bool {
	for _, p := range patterns {
		s, t, ok := strings.Cut(p, ".")
		if !ok {
			s, t = "*", p
		}
		if whole && t != "*" {
			continue
		}
		if ok, _ := path.Match(s, schema); ok {
			return true
		}
	}
	return false
}

// Filter picks relations by glob patterns on "schema.table"; a pattern
// without a dot matches the table name in any schema.
type Filter struct {
	Include []string // empty: every relation
	Exclude []string
}

// Match reports whether the relation is in scope.
func (f Filter) Match(schema, table string) bool {
	if len(f.Include) > 0 && !matchAny(f.Include, schema, table) {
		return false
	}
	return !matchAny(f.Exclude, schema, table)
}

// Validate reports the first malformed pattern.
func (f Filter) Validate() error {
	for _, p := range append(append([]string{}, f.Include...), f.Exclude...) {
		if _, err := path.Match(p, ""); err != nil {
			return &PatternError{Pattern: p}
		}
	}
	return nil
}

// PatternError is a malformed glob.
type PatternError struct{ Pattern string }

func (e *PatternError) Error() string { return "malformed table pattern " + quote(e.Pattern) }

func quote(s string) string { return `"` + s + `"` }

func matchAny(patterns []string, schema, table string) bool {
	full := schema + "." + table
	for _, p := range patterns {
		name := full
		if !strings.Contains(p, ".") {
			name = table
		}
		if ok, _ := path.Match(p, name); ok {
			return true
		}
	}
	return false
}
