// Package connectors defines how pmscan reads stores: a Connector walks the
// records of one target (a file tree, later a bucket or a database) and hands
// each to a callback with a stable Location. Connectors are read-only.
package connectors

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
)

// Location names where a record came from, precisely enough for an operator
// to find it again. Fields that do not apply to a store are left empty.
type Location struct {
	Store     string `json:"store"`               // "file", "s3", "postgres", "mysql", "mariadb"
	Host      string `json:"host,omitempty"`      // database server, or S3-compatible endpoint, as host:port
	Database  string `json:"database,omitempty"`  // database name
	Table     string `json:"table,omitempty"`     // schema.table (PostgreSQL) or table (MySQL)
	Path      string `json:"path,omitempty"`      // file path as walked from the target
	Bucket    string `json:"bucket,omitempty"`    // S3 bucket
	Key       string `json:"key,omitempty"`       // S3 object key
	Line      int64  `json:"line,omitempty"`      // 1-based physical line where the record starts
	Column    string `json:"column,omitempty"`    // CSV or table column name, or JSON key path
	Sheet     string `json:"sheet,omitempty"`     // spreadsheet sheet
	Cell      string `json:"cell,omitempty"`      // spreadsheet cell, e.g. C12
	Part      string `json:"part,omitempty"`      // document part: "body", "header1", "footer2", "comments", "footnotes", "slide 3", "notes 3"
	Paragraph int    `json:"paragraph,omitempty"` // 1-based paragraph within the part (tables: paragraphs inside cells count too)
	Row       RowKey `json:"row,omitempty"`       // the row's key columns and values
	// RowNumber is the row's 1-based position in scan order, given only
	// where the relation has no key; RowBy then says so.
	RowNumber int64  `json:"row_number,omitempty"`
	RowBy     string `json:"row_by,omitempty"`   // what Row or RowNumber rests on, when not the primary key
	Encoding  string `json:"encoding,omitempty"` // detected text encoding, e.g. "utf-8", "cp932"

	// S3 objects: the version read, as the store describes it.
	ETag string `json:"etag,omitempty"`
	// LastModified is an S3 object's LastModified or a file's
	// modification time, RFC 3339 in UTC.
	LastModified string `json:"last_modified,omitempty"`
	// SampledBytes is set when only the first SampledBytes of a larger
	// object were read (a ranged GET): the findings come from that part.
	SampledBytes int64 `json:"sampled_bytes,omitempty"`
}

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

// Object names the object a location is in, for people: a file's path,
// s3://bucket/key, or database.table for a table.
func (l Location) Object() string {
	switch {
	case l.Bucket != "":
		return "s3://" + l.Bucket + "/" + l.Key
	case l.Table != "" && l.Database != "":
		return l.Database + "." + l.Table
	case l.Table != "":
		return l.Table
	case l.Path != "":
		return l.Path
	case l.Database != "":
		return l.Database
	}
	return l.Host
}

// Record is one piece of text to scan: a CSV cell, a JSON value, or a chunk of
// lines of plain text.
type Record struct {
	Loc Location
	// Data is decoded UTF-8 text. It is valid only during the callback: the
	// connector may reuse the buffer.
	Data []byte
	// Lines says Data may span several physical lines starting at Loc.Line, so
	// a finding's line is Loc.Line plus the newlines before it. When false,
	// every finding in Data is reported at Loc.Line (a CSV row, a JSON value).
	Lines bool
	// Done, when set, closes an object (a file, an S3 object): no Data, just
	// what was read.
	Done *ObjectStats
}

// ObjectStats describes one object that has been read to the end.
type ObjectStats struct {
	Bytes    int64  // raw bytes read, before decompression and decoding; text bytes for tables
	Format   string // "text", "csv", "tsv", "json", "jsonl", each maybe with "+gzip"; "table", "view"
	Encoding string

	// For S3 objects: the object's size, of which Bytes were read (fewer
	// when Sampled).
	Size int64

	// For tables and views:
	Rows    int64         // rows read
	Sampled bool          // the rows are a sample, not the whole relation; an object was read only in part
	Columns []ColumnStats // every column, in table order
	// Oldest and Newest span the dates (YYYY-MM-DD) in the columns that
	// record when rows were made or changed (created_at, 登録日), where
	// the table has such columns.
	Oldest, Newest string
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
// skip for rec.Loc, after which the walk goes on. Returning an error stops
// the walk.
type WalkFunc func(rec Record, err error) error

// Connector walks one target.
type Connector interface {
	// Walk calls fn for every record, on the caller's goroutine. It returns
	// only cancellation, an error from fn, or a failure of the whole target.
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
