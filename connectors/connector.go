// Package connectors defines how pmscan reads stores: a Connector walks the
// records of one target (a file tree, later a bucket or a database) and hands
// each to a callback with a stable Location. Connectors are read-only.
package connectors

import (
	"context"
	"errors"
	"fmt"
)

// Location names where a record came from, precisely enough for an operator
// to find it again. Fields that do not apply to a store are left empty.
type Location struct {
	Store    string `json:"store"`              // "file", later "s3", "postgres", "mysql"
	Path     string `json:"path,omitempty"`     // file path as walked from the target
	Line     int64  `json:"line,omitempty"`     // 1-based physical line where the record starts
	Column   string `json:"column,omitempty"`   // CSV column name or JSON key path
	Encoding string `json:"encoding,omitempty"` // detected text encoding, e.g. "utf-8", "cp932"
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
	Bytes    int64  // raw bytes read, before decompression and decoding
	Format   string // "text", "csv", "tsv", "json", "jsonl", each maybe with "+gzip"
	Encoding string
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
