// Package formats turns the bytes of one object (a file, an S3 object) into
// decoded, parsed records. It is shared by the connectors that read objects:
// they open the object and hand its reader to Parse, which picks the format
// from the name, gunzips, skips binary content, detects the text encoding,
// decodes to UTF-8 and streams records to a connectors.WalkFunc.
//
// Formats: plain text (chunks of whole lines), CSV and TSV (one record per
// non-empty cell, located by the row's line and the column's header name),
// JSON and JSON Lines (one record per string, number and object key, located
// by the key path). Zip and tar archives (tar.gz too) are read member by
// member, each parsed as an object of its own (archive.go). Every parser
// streams with bounded memory whatever the size of a line, a cell or a
// string, and reuses its buffers: a record's Data is valid only during the
// callback.
package formats

import (
	"bufio"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/pmscan/pmscan/connectors"
)

// Format names, as reported in Info.Format (with "+gzip" when the object
// was gzip-compressed).
const (
	FormatText  = "text"
	FormatCSV   = "csv"
	FormatTSV   = "tsv"
	FormatJSON  = "json"
	FormatJSONL = "jsonl"
)

// Encoding names, as reported in Info.Encoding and Location.Encoding.
const (
	EncodingUTF8    = "utf-8"
	EncodingUTF16LE = "utf-16le"
	EncodingUTF16BE = "utf-16be"
	EncodingCP932   = "cp932"
	EncodingEUCJP   = "euc-jp"
)

const (
	// DefaultMaxRecordBytes is the record size limit when Options leaves it 0.
	DefaultMaxRecordBytes = 64 << 10
	// minRecordBytes keeps chunking able to cut at a rune boundary.
	minRecordBytes = 16

	readChunk        = 64 << 10 // at most this much is read between two ctx checks
	sniffBytes       = 64 << 10 // encoding sniff sample
	binarySniffBytes = 8 << 10  // binary sniff sample
	maxLookahead     = 4 << 20  // how far to look for the first non-ASCII byte

	maxDepth    = 512 // JSON nesting limit
	maxKeyBytes = 128 // JSON key bytes kept in a path
)

// Info describes one object that Parse has read.
type Info struct {
	Format   string // "text", "csv", "tsv", "json", "jsonl", each maybe with "+gzip"
	Encoding string // "utf-8", "utf-16le", "utf-16be", "cp932", "euc-jp"; "" if not decided
	Bytes    int64  // raw bytes read from r, before decompression and decoding
}

// Options tunes Parse.
type Options struct {
	// MaxRecordBytes bounds the Data of each record: longer lines, cells and
	// strings are emitted in several chunks, cut at UTF-8 rune boundaries.
	// 0 means DefaultMaxRecordBytes; values below 16 are raised to 16.
	MaxRecordBytes int

	// arc is set by an archive for the Parse of each of its members.
	arc archiveLevel
}

// SyntaxError reports malformed content at a position in the decoded text.
type SyntaxError struct {
	Format string // "json", "jsonl", "csv", "tsv"
	Line   int64  // 1-based line
	Column int64  // 1-based byte offset in the decoded (UTF-8) line; 0 if not given
	Msg    string
}

func (e *SyntaxError) Error() string {
	if e.Column > 0 {
		return fmt.Sprintf("%s: line %d column %d: %s", e.Format, e.Line, e.Column, e.Msg)
	}
	return e.Format + ": " + e.Msg
}

// Parse reads one object from r and calls fn for each record, on the
// caller's goroutine. name is the object's path or key; its extension picks
// the format (.csv, .tsv/.tab, .json, .jsonl/.ndjson, each maybe with .gz;
// anything else is text; a zip or a tar is an archive whatever its name,
// unless the name says a zip-based document). Each record's Loc is loc with
// Line, Column and Encoding filled in. Data is valid only during fn.
//
// A failure within the object that does not stop reading it (a bad JSON Lines
// line, an unterminated CSV quote at the end) is passed to fn with the
// record's location, and Parse goes on. Parse returns an error for a failure
// of the whole object (a corrupt gzip stream, an invalid JSON document; the
// records already emitted stand), a connectors.Skip error for
// binary content, ctx.Err() on cancellation, and fn's error unchanged when fn
// stops the walk. It does not panic: a panic while parsing is returned as the
// object's error.
func Parse(ctx context.Context, r io.Reader, name string, loc connectors.Location, opts Options, fn connectors.WalkFunc) (info Info, err error) {
	limit := opts.MaxRecordBytes
	if limit <= 0 {
		limit = DefaultMaxRecordBytes
	}
	limit = max(limit, minRecordBytes)
	format := formatOf(name)
	info.Format = format

	p := parserPool.Get().(*parser)
	p.cr = countingReader{r: r}
	defer func() {
		info.Bytes = p.cr.n
		// A parser bug must cost this object, not the scan: the panic
		// becomes the object's error and the parser state is dropped.
		if r := recover(); r != nil {
			err = fmt.Errorf("%s: internal error while parsing: %v", info.Format, r)
			return
		}
		p.release()
	}()

	if err := ctx.Err(); err != nil {
		return info, err
	}

	p.br.Reset(&p.cr)
	var src io.Reader = p.br
	if magic, err := p.br.Peek(2); err != nil && err != io.EOF {
		return info, err
	} else if len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		if err := p.resetGzip(); err != nil {
			return info, fmt.Errorf("gzip: %w", err)
		}
		info.Format += "+gzip"
		src = &p.gzr
	}

	bufSize := max(limit, sniffBytes) + readChunk
	raw := &p.raw
	raw.reset(ctx, src, bufSize)
	// A read error while sniffing (a truncated gzip stream, a broken
	// connection) does not stop here: what was read before it is parsed,
	// and the parser returns the error where the bytes end.
	raw.ensure(sniffBytes)
	if raw.err != nil && (raw.r == raw.w || ctx.Err() != nil) {
		return info, raw.err
	}
	head := raw.buf[raw.r:raw.w]
	if kind := archiveKind(head, name); kind != "" {
		info.Format = strings.Replace(info.Format, format, kind, 1)
		var packed func() int64
		if strings.HasSuffix(info.Format, "+gzip") {
			cr := &p.cr
			packed = func() int64 { return cr.n }
		}
		return info, parseArchive(ctx, raw, kind, packed, loc, opts, fn)
	}
	if isWorkbook(head, name) {
		info.Format = strings.Replace(info.Format, format, FormatXLSX, 1)
		p.em = emitter{ctx: ctx, fn: fn, rec: connectors.Record{Loc: loc}}
		return info, parseXLSX(ctx, raw, loc, limit, &p.em)
	}
	if doc, ok := isOfficeDoc(head, name); ok {
		info.Format = strings.Replace(info.Format, format, doc, 1)
		p.em = emitter{ctx: ctx, fn: fn, rec: connectors.Record{Loc: loc}}
		return info, parseOfficeDoc(ctx, raw, doc, loc, limit, &p.em)
	}
	if kind := legacyOffice(head, name); kind != "" {
		// Not a skip: the file may well hold personal information, and the
		// inventory must show that it was not looked into.
		return info, fmt.Errorf("unreadable: legacy %s (binary Office format); save it as %sx to scan it", kind, extOf(trimGz(name)))
	}
	if isPDF(head) {
		info.Format = strings.Replace(info.Format, format, FormatPDF, 1)
		p.em = emitter{ctx: ctx, fn: fn, rec: connectors.Record{Loc: loc}}
		return info, parsePDF(ctx, raw, loc, limit, &p.em)
	}
	enc, bom := bomEncoding(head)
	if reason := binaryReason(head[:min(len(head), binarySniffBytes)], name, enc); reason != "" {
		return info, connectors.Skip("binary content (%s)", reason)
	}
	if enc == "" {
		enc = detectEncoding(raw)
		if ctx.Err() != nil {
			return info, ctx.Err()
		}
	}
	raw.r += bom
	info.Encoding = enc

	s := raw
	if t := decoderFor(enc); t != nil {
		p.decr = decodeReader{src: raw, t: t, buf: p.decBuf[:]}
		p.dec.reset(ctx, &p.decr, bufSize)
		s = &p.dec
	}

	loc.Encoding = enc
	p.em = emitter{ctx: ctx, fn: fn, rec: connectors.Record{Loc: loc}}
	switch format {
	case FormatCSV, FormatTSV:
		err = p.parseCSV(s, format, limit)
	case FormatJSON, FormatJSONL:
		err = p.parseJSON(s, format, limit)
	default:
		err = parseText(s, &p.em, limit)
	}
	return info, err
}

// formatOf picks the format from the name's extension, looking through .gz.
func formatOf(name string) string {
	ext := extOf(name)
	if ext == ".gz" {
		name = name[:len(name)-len(ext)]
		ext = extOf(name)
	}
	switch ext {
	case ".csv":
		return FormatCSV
	case ".tsv", ".tab":
		return FormatTSV
	case ".json":
		return FormatJSON
	case ".jsonl", ".ndjson":
		return FormatJSONL
	}
	return FormatText
}

// extOf is the lowercased extension of the last element of a slash or
// backslash separated path, with its dot; "" if none.
func extOf(name string) string {
	for i := len(name) - 1; i >= 0; i-- {
		switch name[i] {
		case '.':
			return strings.ToLower(name[i:])
		case '/', '\\':
			return ""
		}
	}
	return ""
}

// emitter hands records to fn and checks ctx every 1024 records.
type emitter struct {
	ctx context.Context
	fn  connectors.WalkFunc
	rec connectors.Record
	n   uint
}

func (e *emitter) emit(line int64, column string, data []byte) error {
	// A copy, not stores into e.rec that the call would read back at once:
	// that stalls store forwarding, a fifth of the cost of a JSON record.
	rec := e.rec
	rec.Loc.Line = line
	rec.Loc.Column = column
	rec.Data = data
	return e.send(rec)
}

// send hands rec to fn and checks ctx every 1024 records; the emit
// functions of each format build rec.
func (e *emitter) send(rec connectors.Record) error {
	if err := e.fn(rec, nil); err != nil {
		return err
	}
	e.n++
	if e.n%1024 == 0 {
		return e.ctx.Err()
	}
	return nil
}

// fail reports a failure at a location within the object.
func (e *emitter) fail(line int64, column string, err error) error {
	rec := connectors.Record{Loc: e.rec.Loc}
	rec.Loc.Line = line
	rec.Loc.Column = column
	return e.fn(rec, err)
}

// countingReader counts the raw bytes read and names read errors.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	if err != nil && err != io.EOF {
		err = fmt.Errorf("read: %w", err)
	}
	return n, err
}

// gzipReader names gzip errors and where they happened.
type gzipReader struct {
	z  *gzip.Reader
	cr *countingReader
}

func (g *gzipReader) Read(p []byte) (int, error) {
	n, err := g.z.Read(p)
	if err != nil && err != io.EOF {
		err = fmt.Errorf("gzip: near compressed byte %d: %w", g.cr.n, err)
	}
	return n, err
}

// parser holds the buffers of one Parse call; it is pooled.
type parser struct {
	cr     countingReader
	br     *bufio.Reader
	gz     *gzip.Reader
	gzr    gzipReader
	raw    stream
	dec    stream
	decr   decodeReader
	decBuf [16 << 10]byte
	em     emitter
	acc    acc
	csv    csvParser
	json   jsonParser
	names  map[string]string // interned JSON paths
}

var parserPool = sync.Pool{New: func() any {
	return &parser{br: bufio.NewReaderSize(nil, 32<<10), names: map[string]string{}}
}}

func (p *parser) resetGzip() error {
	if p.gz == nil {
		z, err := gzip.NewReader(p.br)
		if err != nil {
			return err
		}
		p.gz = z
	} else if err := p.gz.Reset(p.br); err != nil {
		return err
	}
	p.gzr = gzipReader{z: p.gz, cr: &p.cr}
	return nil
}

// release drops references to the caller's objects and returns p to the
// pool, unless a buffer grew large.
func (p *parser) release() {
	p.cr = countingReader{}
	p.br.Reset(nil)
	p.gzr = gzipReader{}
	p.raw.clear()
	p.dec.clear()
	p.decr = decodeReader{}
	p.em = emitter{}
	p.acc.sink = nil
	p.csv.clear()
	p.json.clear()
	if cap(p.raw.buf) > 1<<20 || cap(p.dec.buf) > 1<<20 || cap(p.acc.buf) > 1<<20 {
		return
	}
	if len(p.names) >= maxNames {
		clear(p.names)
	}
	parserPool.Put(p)
}
