package connectors

import (
	"bytes"
	"encoding/json"
	"sync"
	"time"
)

// LocationJSON is the flat JSON form of a Location: the object's fields
// and the position's side by side, as findings have always been written.
// Writers of many locations encode it as a field of their own records
// (Location.Flat): a plain struct costs encoding/json less than a
// Marshaler, whose output it validates again.
type LocationJSON struct {
	Store        string `json:"store"`
	Host         string `json:"host,omitempty"`
	Database     string `json:"database,omitempty"`
	Table        string `json:"table,omitempty"`
	Path         string `json:"path,omitempty"` // with "!/member" for archive members
	Bucket       string `json:"bucket,omitempty"`
	Key          string `json:"key,omitempty"` // with "!/member" for archive members
	Line         int64  `json:"line,omitempty"`
	Column       string `json:"column,omitempty"`
	Sheet        string `json:"sheet,omitempty"`
	Cell         string `json:"cell,omitempty"`
	Part         string `json:"part,omitempty"`
	Paragraph    int    `json:"paragraph,omitempty"`
	Row          RowKey `json:"row,omitempty"`
	RowNumber    int64  `json:"row_number,omitempty"`
	RowBy        string `json:"row_by,omitempty"`
	Encoding     string `json:"encoding,omitempty"`
	ETag         string `json:"etag,omitempty"`
	VersionID    string `json:"version_id,omitempty"`
	LastModified string `json:"last_modified,omitempty"` // RFC 3339, UTC, whole seconds
	SampledBytes int64  `json:"sampled_bytes,omitempty"`
	// Record is Location.Record, which only the state store keeps (for
	// lookups from its index): Flat leaves it out of every report.
	Record int64 `json:"record,omitempty"`
}

// Flat is l's JSON form.
func (l Location) Flat() LocationJSON {
	var w LocationJSON
	if l.Object != nil {
		w = FlatObject(l.Object)
	}
	return l.FlatIn(w)
}

// FlatObject is the JSON form of a location at o, with no position: what
// the locations of o's records share. A writer of many locations makes it
// once per object and passes it to FlatIn.
func FlatObject(o *Object) LocationJSON {
	var w LocationJSON
	w.Store, w.Host, w.Database, w.Table, w.Bucket = o.Store, o.Host, o.Database, o.Table, o.Bucket
	w.Path, w.Key = o.paths()
	w.RowBy, w.Encoding, w.ETag, w.VersionID, w.SampledBytes = o.RowBy, o.Encoding, o.ETag, o.VersionID, o.SampledBytes
	if !o.Modified.IsZero() {
		w.LastModified = o.Modified.UTC().Format(time.RFC3339)
	}
	return w
}

// FlatIn is the JSON form of l given its object's, FlatObject(l.Object).
func (l Location) FlatIn(object LocationJSON) LocationJSON {
	w := object
	w.Line, w.Column, w.Sheet, w.Cell, w.Part, w.Paragraph = l.Line, l.Column, l.Sheet, l.Cell, l.Part, l.Paragraph
	w.Row, w.RowNumber = l.Row, l.RowNumber
	return w
}

// MarshalJSON writes the object's and the position's fields as one object.
func (l Location) MarshalJSON() ([]byte, error) {
	w := l.Flat()
	w.Record = l.Record
	// Paths and columns are written as they are: json.Marshal would escape
	// <, > and &, which the encoder that calls this may be told to leave.
	e := locationEncoders.Get().(*locationEncoder)
	defer locationEncoders.Put(e)
	e.buf.Reset()
	if err := e.enc.Encode(&w); err != nil {
		return nil, err
	}
	return bytes.Clone(bytes.TrimSuffix(e.buf.Bytes(), []byte("\n"))), nil
}

type locationEncoder struct {
	buf bytes.Buffer
	enc *json.Encoder
}

var locationEncoders = sync.Pool{New: func() any {
	e := &locationEncoder{}
	e.enc = json.NewEncoder(&e.buf)
	e.enc.SetEscapeHTML(false)
	return e
}}

// UnmarshalJSON reads a location back (from the state store) with an Object
// of its own. An archive member's path stays joined in Path or Key: the
// object's Name is the same as the original's.
func (l *Location) UnmarshalJSON(b []byte) error {
	var w LocationJSON
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	loc, err := w.Location()
	if err != nil {
		return err
	}
	*l = loc
	return nil
}

// Location is the location w writes, with an Object of its own (see
// UnmarshalJSON).
func (w LocationJSON) Location() (Location, error) {
	o := &Object{Store: w.Store, Host: w.Host, Database: w.Database, Table: w.Table, Path: w.Path,
		Bucket: w.Bucket, Key: w.Key, RowBy: w.RowBy, Encoding: w.Encoding, ETag: w.ETag, VersionID: w.VersionID, SampledBytes: w.SampledBytes}
	if w.LastModified != "" {
		t, err := time.Parse(time.RFC3339, w.LastModified)
		if err != nil {
			return Location{}, err
		}
		o.Modified = t
	}
	o.name = o.makeName()
	return Location{Object: o, Line: w.Line, Column: w.Column, Sheet: w.Sheet, Cell: w.Cell, Part: w.Part,
		Paragraph: w.Paragraph, Row: w.Row, RowNumber: w.RowNumber, Record: w.Record}, nil
}
