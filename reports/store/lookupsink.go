package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"strconv"
	"strings"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/scanner"
)

// The lookup index's rows (see migration 0009) are written with the
// batches of findings, in the same transactions: an object's row in
// objects, the scan's checkpoint for it, comes with its entries.
var (
	lookupObjectsTable = &table{name: "lookup_objects", chunk: 256, conflict: "id", cols: []string{"id", "scan_id", "root", "object"}}
	lookupEntriesTable = &table{name: "lookup_entries", chunk: 512, conflict: "object_id, record, hash", cols: []string{
		"object_id", "record", "hash", "surname", "type", "column_name"}}
)

// Entry types, as lookup_entries.type has them: a lookup tells other
// people's names and birth dates in a record from the rest.
const (
	entryName      = 1
	entryBirthDate = 2
	entryOther     = 3
)

func entryType(detectorType string) int {
	switch detectorType {
	case "person_name":
		return entryName
	case "birth_date":
		return entryBirthDate
	}
	return entryOther
}

// lookupRows is what a sink has of the lookup index: the batch's rows,
// and where the walk is.
type lookupRows struct {
	objects, entries []any
	last             int64  // the last object number the scan handed out
	root             string // the top-level object whose entries are arriving
	id               int64  // its row's id
	recordKey        string // the record its last entry was in
	record           string // that record's position, as lookup_entries.record has it
}

// lookupIDs is the first id past scan's lookup_objects rows' range.
func lookupIDs(scan int64) int64 { return scan << 32 }

// readLookupNumber continues the numbering of the scan's lookup_objects
// rows if another sink stored some already.
func (k *ScanSink) readLookupNumber(ctx context.Context) error {
	var last sql.NullInt64
	err := k.s.db.QueryRowContext(ctx, `SELECT max(id) FROM lookup_objects WHERE id > $1 AND id < $2`, lookupIDs(k.id), lookupIDs(k.id+1)).Scan(&last)
	if last.Valid {
		k.lx.last = last.Int64 - lookupIDs(k.id)
	}
	return err
}

// indexFinding queues f's lookup entry, if it has one. Findings that
// -keep-findings leaves out come here too (the sampler hands them on):
// the index holds every identifier, whatever the store keeps as evidence.
func (k *ScanSink) indexFinding(f *scanner.Finding) error {
	if err := k.init(); err != nil {
		return err
	}
	if f.LookupHash == 0 || f.Location.Object == nil {
		return nil
	}
	root := rootOf(f.Location.Object)
	name := root.Name()
	if name != k.lx.root {
		obj, err := json.Marshal(connectors.FlatObject(root))
		if err != nil {
			return err
		}
		k.lx.last++
		k.lx.root, k.lx.id, k.lx.recordKey = name, lookupIDs(k.id)+k.lx.last, ""
		k.lx.objects = append(k.lx.objects, k.lx.id, k.id, name, string(obj))
	}
	pos := recordPosition{Line: f.Location.Line, Sheet: f.Location.Sheet, Part: f.Location.Part, Paragraph: f.Location.Paragraph,
		Row: f.Location.Row, RowNumber: f.Location.RowNumber, Record: f.Location.Record,
		Cell: strings.TrimLeft(f.Location.Cell, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")}
	if f.Location.Object != root {
		pos.Member = strings.TrimPrefix(f.Location.Object.Name(), name+connectors.MemberSep)
	}
	// A JSON document's array element is one record over many lines: its
	// entries take the line of its first, so that they share a record.
	key := pos
	if key.Record > 0 {
		key.Line = 0
	}
	if kt := key.text(); kt != k.lx.recordKey {
		k.lx.recordKey, k.lx.record = kt, pos.text()
	}
	k.lx.entries = append(k.lx.entries, k.lx.id, k.lx.record, int64(f.LookupHash), nullHash(f.LookupSurname), entryType(f.Type), f.Location.Column)
	return k.added()
}

// recordPosition is where a record is in its top-level object: the
// location's position fields, a spreadsheet cell as its row, and the
// archive member's path.
type recordPosition struct {
	Member    string            `json:"member,omitempty"`
	Line      int64             `json:"line,omitempty"`
	Sheet     string            `json:"sheet,omitempty"`
	Cell      string            `json:"cell,omitempty"`
	Part      string            `json:"part,omitempty"`
	Paragraph int               `json:"paragraph,omitempty"`
	Row       connectors.RowKey `json:"row,omitempty"`
	RowNumber int64             `json:"row_number,omitempty"`
	Record    int64             `json:"record,omitempty"`
}

// text is the position as lookup_entries.record has it: JSON, written by
// hand for a line alone (most files), which is most entries.
func (p recordPosition) text() string {
	if p == (recordPosition{Line: p.Line}) {
		return `{"line":` + strconv.FormatInt(p.Line, 10) + `}`
	}
	b, _ := json.Marshal(p) // strings and numbers: it cannot fail
	return string(b)
}

// nullHash is a keyed hash as its column holds it: a signed 64-bit
// integer, NULL for none.
func nullHash(h uint64) any {
	if h == 0 {
		return nil
	}
	return int64(h)
}

// writeLookupRows writes the batch's lookup index rows.
func (k *ScanSink) writeLookupRows(ctx context.Context, tx *sql.Tx, st *Store) error {
	if err := st.insert(ctx, tx, lookupObjectsTable, k.lx.objects, k.afterChunk); err != nil {
		return err
	}
	return st.insert(ctx, tx, lookupEntriesTable, k.lx.entries, k.afterChunk)
}

func (k *ScanSink) clearLookupRows() {
	clear(k.lx.objects)
	clear(k.lx.entries)
	k.lx.objects, k.lx.entries = k.lx.objects[:0], k.lx.entries[:0]
}
