// Package connectors defines how pmscan reads stores. A Connector walks one
// target (a file tree, a bucket, a database) object by object: each Object
// (a file, an archive member, an S3 object, a table) is built once, with
// its one Name, and its records carry only their position in it; each
// object ends with one terminal record. Connectors are read-only, own their
// command-line flags (Configurable), and all pass the conformance suite in
// connectors/conntest.
package connectors

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
)

// Location is where a record is: its object, shared by every record of
// the object, and its position inside it. Position fields that do not apply
// to the object are left empty. Its JSON form is one flat object (see
// MarshalJSON), as reports and the state store show it.
type Location struct {
	Object *Object

	Line      int64  // 1-based physical line where the record starts
	Column    string // CSV or table column name, or JSON key path
	Sheet     string // spreadsheet sheet
	Cell      string // spreadsheet cell, e.g. C12
	Part      string // document part: "body", "header1", "footer2", "comments", "footnotes", "slide 3", "notes 3", "page 2"
	Paragraph int    // 1-based paragraph within the part (tables: paragraphs inside cells count too)
	Row       RowKey // the row's key columns and values
	// RowNumber is the row's 1-based position in scan order, given only
	// where the relation has no key; Object.RowBy then says so.
	RowNumber int64
	// Record numbers, from 1, the record a value is in where its line does
	// not tell it: the element of a JSON document's outermost array (a
	// customer object written over many lines). 0 elsewhere. It groups a
	// record's values (pmscan lookup, live and from the state store's
	// findings, which keep it) and is written to no report: the line says
	// where the value is.
	Record int64
}

// At is the location of the object itself, with no position.
func At(o *Object) Location { return Location{Object: o} }

// RowKey is a JSON object of a row's key columns and values in key order,
// e.g. {"id":42} or {"order_id":7,"line":2}. It is rendered once per row and
// shared by every record of the row.
type RowKey string

// MarshalJSON emits the object as is.
func (k RowKey) MarshalJSON() ([]byte, error) {
	if k == "" {
		return []byte("null"), nil
	}
	return []byte(k), nil
}

// UnmarshalJSON keeps the object's text, so findings read back compare equal.
func (k *RowKey) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*k = ""
		return nil
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, b); err != nil {
		return err
	}
	*k = RowKey(buf.String())
	return nil
}

// Record is one piece of text to scan (a CSV cell, a JSON value, a chunk of
// lines of plain text), or the end of an object.
type Record struct {
	Loc Location
	// Data is decoded UTF-8 text. It is valid only during the callback: the
	// connector may reuse the buffer.
	Data []byte
	// Lines says Data may span several physical lines starting at Loc.Line, so
	// a finding's line is Loc.Line plus the newlines before it. When false,
	// every finding in Data is reported at Loc.Line (a CSV row, a JSON value).
	Lines bool
	// Label says Data names a column or a key (a header cell, a JSON
	// object key) instead of being a value: detectors judge it as text of
	// its own, never as a value of the column it names or sits in.
	Label bool
	// Done marks the object's terminal record, its last: every object a
	// walk reaches ends with exactly one. With a nil error the object was
	// read to the end and Done says what was read; with an error it
	// failed, or was skipped (IsSkip), after the records before it.
	Done *ObjectStats
	// Checkpoint, on a record with no data, marks that every record of
	// the object up to a point has been handed on (see Checkpoint): a sink
	// may keep it, with what it made of those records, for a later scan to
	// read the object on from there. Connectors that read in key order
	// make them (the database connectors, in tables with a key).
	Checkpoint *Checkpoint
	// Resume, on the object's first record (with no data), says the
	// object is read on from an earlier scan's checkpoint (Carried.Resume):
	// what that scan made of the object up to it comes first.
	Resume *Carried
}

// Terminal reports whether rec ends its object.
func (rec *Record) Terminal() bool { return rec.Done != nil }

// End is the terminal record of o: read to the end with st when err is
// nil, else failed or skipped with err.
func End(o *Object, st ObjectStats) Record { return Record{Loc: At(o), Done: &st} }

// Fail hands fn the terminal record of an object that failed, or was
// skipped, with err.
func Fail(fn WalkFunc, o *Object, err error) error {
	return fn(End(o, ObjectStats{}), err)
}

// ObjectStats describes what was read of one object.
type ObjectStats struct {
	Bytes  int64  // raw bytes read, before decompression and decoding; text bytes for tables
	Format string // "text", "csv", "tsv", "json", "jsonl", each maybe with "+gzip"; "table", "view"

	// For tables and views:
	Rows    int64         // rows read
	Sampled bool          // the rows are a sample, not the whole relation; an object was read only in part
	Columns []ColumnStats // every column, in table order
	// Oldest and Newest span the dates (YYYY-MM-DD) in the columns that
	// record when rows were made or changed (created_at, 登録日), where
	// the table has such columns.
	Oldest, Newest string

	// Allowed counts the hits in the object that the company's allow list
	// held back (the scanner sets it), by entry and type.
	Allowed []AllowedCount `json:",omitempty"`

	// Carried is set when the object was not read but carried over,
	// unchanged, from an earlier scan; the other fields are that scan's.
	Carried *Carried `json:"-"`
}

// AllowedCount is how many hits of one type one allow-list entry held back.
type AllowedCount struct {
	Entry string `json:"entry"`
	Type  string `json:"type"`
	Count int64  `json:"count"`
}

// ColumnStats says what was read of one table column.
type ColumnStats struct {
	Name string `json:"name"`
	Type string `json:"type"` // as the server names it
	// Values counts the non-NULL, non-empty values scanned.
	Values int64 `json:"values"`
	// Truncated counts values longer than the per-value limit, scanned up to it.
	Truncated int64 `json:"truncated,omitempty"`
	// Skipped says why the column was not scanned ("binary", "geometry",
	// "boolean"), or is empty.
	Skipped string `json:"skipped,omitempty"`
}

// WalkFunc receives records in order. A non-nil err reports a failure or a
// skip at rec.Loc (of the whole object when rec is terminal), after which
// the walk goes on. Returning an error stops the walk.
type WalkFunc func(rec Record, err error) error

// Connector walks one target.
type Connector interface {
	// Walk calls fn for every record, on the caller's goroutine, and ends
	// every object it reaches with one terminal record (Record.Done), unless
	// the walk stops first. It returns only cancellation (the context's
	// error), fn's error unchanged, or a failure of the whole target.
	Walk(ctx context.Context, fn WalkFunc) error
	Close() error
}

// ErrSkipped marks items deliberately not scanned (binary files, special
// files): they are counted rather than failed. Make such errors with Skip.
var ErrSkipped = errors.New("skipped")

// SkipError is a deliberate skip; its message is the reason alone.
type SkipError struct{ Reason string }

func (e *SkipError) Error() string { return e.Reason }

// Is makes errors.Is(err, ErrSkipped) true.
func (e *SkipError) Is(target error) bool { return target == ErrSkipped }

// Skip returns a SkipError with a formatted reason.
func Skip(format string, args ...any) error {
	return &SkipError{Reason: fmt.Sprintf(format, args...)}
}

// IsSkip reports whether err is a deliberate skip rather than a failure.
func IsSkip(err error) bool { return errors.Is(err, ErrSkipped) }

// ErrTooLarge marks an object, or the rest of one, left unread because it
// passed one of pmscan's size, count or sample limits. It is a failure,
// never a skip: the scan must say that it is incomplete. Make such errors
// with TooLarge.
var ErrTooLarge = errors.New("over a limit")

// limitError is a limit passed; its message says which and what was not
// read.
type limitError struct{ err error }

func (e *limitError) Error() string { return e.err.Error() }
func (e *limitError) Unwrap() error { return e.err }

// Is makes errors.Is(err, ErrTooLarge) true.
func (e *limitError) Is(target error) bool { return target == ErrTooLarge }

// TooLarge returns a failure for a limit passed, its message formatted as
// fmt.Errorf does (%w included).
func TooLarge(format string, args ...any) error {
	return &limitError{err: fmt.Errorf(format, args...)}
}
