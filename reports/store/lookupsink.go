package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"slices"
	"strconv"
	"strings"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/scanner"
)

// The lookup index's rows (see migration 0009) are written with the
// batches of findings, in the same transactions: an object's row in
// objects, the scan's checkpoint for it, comes with its records. A
// record is written once it is whole (the next record begins, its object
// ends, a checkpoint comes), so that its entries stay together: a batch
// written before then leaves it for the next.
var (
	lookupObjectsTable = &table{name: "lookup_objects", chunk: 256, conflict: "id", cols: []string{"id", "scan_id", "root", "object"}}
	lookupRecordsTable = &table{name: "lookup_records", chunk: 1024, conflict: "id", cols: []string{"id", "object_id", "record", "entries"}}
	// PostgreSQL keeps a record's hashes in an array beside its entries.
	lookupRecordsArrayTable = &table{name: "lookup_records", chunk: 1024, conflict: "id", cols: []string{"id", "object_id", "record", "entries", "hashes"}}
	// SQLite's full-text index of the records' hashes (no UPSERT on a
	// virtual table: a SQLite transaction that fails is rolled back whole).
	lookupHashesTable = &table{name: "lookup_hashes", chunk: 4096, cols: []string{"rowid", "hashes"}}
)

// maxRecordEntries bounds a record's entries: a record that holds more
// (a text line of a million names) is written in parts.
const maxRecordEntries = 1024

// lookupRows is what a sink has of the lookup index: the batch's rows,
// and the record being read.
type lookupRows struct {
	objects, records, hashes []any
	lastObject, lastRecord   int64  // the last numbers the scan handed out
	root                     string // the top-level object whose entries are arriving
	objectID                 int64  // its row's id
	// the record being read: its key (its position without the line of a
	// JSON array element's value), its position, entries and hashes
	recordKey string
	record    string
	entries   []byte
	recHashes []int64
}

// lookupIDs is the first id of scan's rows in lookup_objects and
// lookup_records: a scan numbers its rows without asking the store.
func lookupIDs(scan int64) int64 { return scan << 32 }

// readLookupNumbers continues the numbering of the scan's rows if another
// sink stored some already.
func (k *ScanSink) readLookupNumbers(ctx context.Context) error {
	for _, n := range []struct {
		table string
		last  *int64
	}{{"lookup_objects", &k.lx.lastObject}, {"lookup_records", &k.lx.lastRecord}} {
		var last sql.NullInt64
		if err := k.s.db.QueryRowContext(ctx, `SELECT max(id) FROM `+n.table+` WHERE id > $1 AND id < $2`, lookupIDs(k.id), lookupIDs(k.id+1)).Scan(&last); err != nil {
			return err
		}
		if last.Valid {
			*n.last = last.Int64 - lookupIDs(k.id)
		}
	}
	return nil
}

// indexFinding adds f's entry to the record being read, if f has one.
// Findings that -keep-findings leaves out come here too (the sampler
// hands them on): the index holds every identifier, whatever the store
// keeps as evidence.
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
		k.endRecord()
		obj, err := json.Marshal(connectors.FlatObject(root))
		if err != nil {
			return err
		}
		k.lx.lastObject++
		k.lx.root, k.lx.objectID = name, lookupIDs(k.id)+k.lx.lastObject
		k.lx.objects = append(k.lx.objects, k.lx.objectID, k.id, name, string(obj))
	}
	pos := recordPosition{Line: f.Location.Line, Sheet: f.Location.Sheet, Part: f.Location.Part, Paragraph: f.Location.Paragraph,
		Row: f.Location.Row, RowNumber: f.Location.RowNumber, Record: f.Location.Record,
		Cell: strings.TrimLeft(f.Location.Cell, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")}
	if f.Location.Object != root {
		pos.Member = strings.TrimPrefix(f.Location.Object.Name(), name+connectors.MemberSep)
	}
	// A JSON document's array element is one record over many lines: it
	// takes the line of its first value.
	key := pos
	if key.Record > 0 {
		key.Line = 0
	}
	if kt := key.text(); kt != k.lx.recordKey || len(k.lx.recHashes) >= maxRecordEntries {
		k.endRecord()
		k.lx.recordKey, k.lx.record = kt, pos.text()
	}
	h := int64(f.LookupHash)
	if !slices.Contains(k.lx.recHashes, h) {
		k.lx.recHashes = append(k.lx.recHashes, h)
		k.lx.entries = appendEntry(k.lx.entries, lookupEntry{typ: entryType(f.Type), hash: f.LookupHash, surname: f.LookupSurname, column: f.Location.Column})
	}
	return k.added()
}

// endRecord queues the record being read, whole.
func (k *ScanSink) endRecord() {
	if len(k.lx.recHashes) == 0 {
		k.lx.recordKey = ""
		return
	}
	k.lx.lastRecord++
	id := lookupIDs(k.id) + k.lx.lastRecord
	entries := slices.Clone(k.lx.entries)
	if k.s.dialect.hashArrays {
		k.lx.records = append(k.lx.records, id, k.lx.objectID, k.lx.record, entries, slices.Clone(k.lx.recHashes))
	} else {
		k.lx.records = append(k.lx.records, id, k.lx.objectID, k.lx.record, entries)
		k.lx.hashes = append(k.lx.hashes, id, hashWords(k.lx.recHashes))
	}
	k.lx.entries, k.lx.recHashes, k.lx.recordKey = k.lx.entries[:0], k.lx.recHashes[:0], ""
}

// pendingLookupRows counts the batch's lookup records, for its size.
func (k *ScanSink) pendingLookupRows() int {
	if k.s.dialect.hashArrays {
		return len(k.lx.records) / len(lookupRecordsArrayTable.cols)
	}
	return len(k.lx.records) / len(lookupRecordsTable.cols)
}

// hashWords is a record's hashes as lookup_hashes' document: words in
// base 36, which its ascii tokenizer keeps whole.
func hashWords(hashes []int64) string {
	b := make([]byte, 0, 14*len(hashes))
	for i, h := range hashes {
		if i > 0 {
			b = append(b, ' ')
		}
		b = strconv.AppendUint(b, uint64(h), 36)
	}
	return string(b)
}

// hashQuery is an FTS5 query for the records that hold any of hashes.
func hashQuery(hashes []uint64) string {
	var b []byte
	for i, h := range hashes {
		if i > 0 {
			b = append(b, " OR "...)
		}
		b = append(b, '"')
		b = strconv.AppendUint(b, h, 36)
		b = append(b, '"')
	}
	return string(b)
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

// text is the position as lookup_records.record has it: JSON, written by
// hand for a line or a row key alone (most files and tables).
func (p recordPosition) text() string {
	switch p {
	case recordPosition{Line: p.Line}:
		return `{"line":` + strconv.FormatInt(p.Line, 10) + `}`
	case recordPosition{Row: p.Row}:
		if json.Valid([]byte(p.Row)) {
			return `{"row":` + string(p.Row) + `}`
		}
	}
	b, _ := json.Marshal(p) // strings and numbers: it cannot fail
	return string(b)
}

// writeLookupRows writes the batch's lookup index rows.
func (k *ScanSink) writeLookupRows(ctx context.Context, tx *sql.Tx, st *Store) error {
	if err := st.insert(ctx, tx, lookupObjectsTable, k.lx.objects, k.afterChunk); err != nil {
		return err
	}
	records := lookupRecordsTable
	if st.dialect.hashArrays {
		records = lookupRecordsArrayTable
	}
	if err := st.insert(ctx, tx, records, k.lx.records, k.afterChunk); err != nil {
		return err
	}
	return st.insert(ctx, tx, lookupHashesTable, k.lx.hashes, k.afterChunk)
}

func (k *ScanSink) clearLookupRows() {
	clear(k.lx.objects)
	clear(k.lx.records)
	clear(k.lx.hashes)
	k.lx.objects, k.lx.records, k.lx.hashes = k.lx.objects[:0], k.lx.records[:0], k.lx.hashes[:0]
}
