// Package formats turns the bytes of one object (a file, an archive member,
// an S3 object) into decoded, parsed records. It is the one read path of the
// connectors that read objects: they open the object and hand its reader to
// Read, which gunzips, picks the format from the format table (table.go:
// containers and binary formats by signature, text by extension), skips
// binary content, detects the text encoding, decodes to UTF-8, streams
// records to a connectors.WalkFunc, and ends the object with its one
// terminal record.
//
// Formats: plain text (chunks of whole lines), CSV and TSV (one record per
// non-empty cell, located by the row's line and the column's header name;
// header.go decides whether the first row is a header), JSON and JSON Lines
// (one record per string, number and object key, located by the key path;
// keys and header cells are labels), workbooks, Word and PowerPoint
// documents, PDF. Zip and tar archives (tar.gz too) are read member by
// member, each read as an object of its own (archive.go). A gzip stream is
// held to the limits of an archive (its unpacked total and its ratio):
// past them the object fails, read in part. Every parser
// streams with bounded memory whatever the size of a line, a cell or a
// string, and reuses its buffers: a record's Data is valid only during the
// callback.
package formats

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/pmscan/pmscan/connectors"
)

// Format names, as reported in ObjectStats.Format (with "+gzip" when the object
// was gzip-compressed).
const (
	FormatText  = "text"
	FormatCSV   = "csv"
	FormatTSV   = "tsv"
	FormatJSON  = "json"
	FormatJSONL = "jsonl"
)

// Encoding names, as reported in Object.Encoding.
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

// Info describes what parse read of one object.
type Info struct {
	Format string // "text", "csv", "tsv", "json", "jsonl", each maybe with "+gzip"
	Bytes  int64  // raw bytes read from r, before decompression and decoding
}

// Options tunes Read.
type Options struct {
	// MaxRecordBytes bounds the Data of each record: longer lines, cells and
	// strings are emitted in several chunks, cut at UTF-8 rune boundaries.
	// 0 means DefaultMaxRecordBytes; values below 16 are raised to 16.
	MaxRecordBytes int

	// Partial, for an object read only in part (the sample of a large S3
	// object), says so; nil for an object read whole.
	Partial *Partial

	// ObjectTimeout is the time budget of each object Read is given (the
	// members of an archive share their archive's), counting the time
	// spent parsing, not waiting for the reader or for fn: past it, the
	// object fails with a TimeoutError after what was read, and Read
	// returns. 0 means DefaultObjectTimeout; a negative value, no budget.
	ObjectTimeout time.Duration

	// arc is set by an archive for the Read of each of its members.
	arc archiveLevel
	// limit, set by an archive for a member, names the archive limit that
	// reading the member passed, or "": the member then fails with it,
	// read in part.
	limit func() string
}

// Partial describes an object read only in part.
type Partial struct {
	// Reached reports whether reading has reached the cut. Failures from
	// then on are the cut's doing (a JSON document or a gzip stream that
	// ends early), not the object's: they are dropped.
	Reached func() bool
	// Why says what was left unread, e.g. "object is 3.0 GiB, larger than
	// -s3-max-size (1.0 GiB): only its first 64.0 MiB read". The object,
	// and an archive member the cut ends in, then fail with "Why: the rest
	// not read" (connectors.ErrTooLarge), after their records: a limit
	// that leaves data unread is never a clean read.
	Why string
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

// Read reads obj from r: it passes each record to fn, one call at a time
// and never after Read returns (on the caller's goroutine, or, for the
// formats read through a library that may loop, on one Read starts and
// waits for: see guard), then exactly one terminal record for obj
// (connectors.Record Done): what was read, or why the object failed or
// was skipped. It is the one way every connector reads an object's bytes:
// files, archive members and S3 objects.
//
// The object's name (its archive member path, key or path) and its first
// bytes pick the format from the format table; Read sets obj.Encoding
// before the first record. Records are located in obj. Data is valid only
// during fn.
//
// A failure within the object that does not stop reading it (a bad JSON
// Lines line, an unterminated CSV quote at the end) is passed to fn at its
// position, and reading goes on. A failure of the whole object (a corrupt
// gzip stream, an invalid JSON document; the records already passed
// stand), a limit passed (connectors.ErrTooLarge: a bomb, a part not
// read), the time budget passed (a TimeoutError), binary content (a skip),
// and a panic in a parser end the object with that error in its terminal
// record. Read returns only fn's error, unchanged, and ctx.Err() when
// cancelled while the object was being read: then no terminal record is
// passed.
func Read(ctx context.Context, obj *connectors.Object, r io.Reader, opts Options, fn connectors.WalkFunc) error {
	var clock *objectClock
	if opts.arc.tree == nil && opts.ObjectTimeout >= 0 { // an object of the store, not a member
		d := opts.ObjectTimeout
		if d == 0 {
			d = DefaultObjectTimeout
		}
		ctx, clock = startClock(ctx, d)
		defer clock.stop()
		r = &clockedReader{r: r, c: clock}
	}
	part := opts.Partial
	var stop error
	info, err := parse(ctx, obj, r, opts, func(rec connectors.Record, e error) error {
		if e != nil && part != nil && !connectors.IsSkip(e) && part.Reached() {
			if !rec.Terminal() {
				return nil
			}
			e = sampleError(part) // a member the cut ends in
		}
		if clock != nil {
			clock.wait() // a panic in fn leaves the clock stopped: the object ends with it
		}
		err := fn(rec, e)
		if clock != nil {
			clock.work()
		}
		if err != nil {
			stop = err
			return err
		}
		return nil
	})
	if stop != nil {
		return stop
	}
	if ctx.Err() != nil {
		var te *TimeoutError
		switch {
		case errors.As(context.Cause(ctx), &te):
			// Past the time budget, even if the parser came back without
			// an error (an archive whose member the timeout ended).
			if !errors.Is(err, te) {
				err = te
			}
		case err != nil:
			return ctx.Err() // the scan was stopped: no terminal record
		}
	}
	if opts.limit != nil {
		if hit := opts.limit(); hit != "" {
			err = connectors.TooLarge("%s: the rest not read", hit)
		}
	}
	if part != nil && !connectors.IsSkip(err) && !errors.Is(err, connectors.ErrTooLarge) && !errors.Is(err, context.DeadlineExceeded) &&
		(err == nil || part.Reached()) {
		err = sampleError(part)
	}
	return fn(connectors.End(obj, connectors.ObjectStats{Bytes: info.Bytes, Format: info.Format, Sampled: obj.SampledBytes > 0}), err)
}

// sampleError is the failure of an object read in part.
func sampleError(p *Partial) error { return connectors.TooLarge("%s: the rest not read", p.Why) }

// parse reads one object from r and calls fn for each record, on the
// caller's goroutine; it passes no terminal record. It returns the
// failure of the whole object, a connectors.Skip error for binary content,
// ctx.Err() on cancellation, and fn's error unchanged. It does not panic:
// a panic while parsing is returned as the object's error.
func parse(ctx context.Context, obj *connectors.Object, r io.Reader, opts Options, fn connectors.WalkFunc) (info Info, err error) {
	limit := opts.MaxRecordBytes
	if limit <= 0 {
		limit = DefaultMaxRecordBytes
	}
	limit = max(limit, minRecordBytes)

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
		// A gzip stream stopped at a limit is read in part: say so,
		// unless the error says it already (an archive's).
		if hit := p.gzu.hit; hit != "" && ctx.Err() == nil && (err == nil || !strings.Contains(err.Error(), hit)) {
			err = connectors.TooLarge("%s: the rest not read", hit)
		}
		p.release()
	}()

	if err := ctx.Err(); err != nil {
		return info, err
	}
	in := &input{ctx: ctx, obj: obj, opts: opts, limit: limit, fn: fn}
	in.name = objectName(obj)
	in.ext = extOf(trimGz(in.name))
	info.Format = textFormat(in.ext).name // what a failure before sniffing is reported as

	p.br.Reset(&p.cr)
	var src io.Reader = p.br
	if magic, err := p.br.Peek(2); err != nil && err != io.EOF {
		return info, err
	} else if len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		if err := p.resetGzip(); err != nil {
			info.Format += "+gzip"
			if !strings.HasPrefix(err.Error(), "gzip: ") { // gzip.ErrHeader is named
				err = fmt.Errorf("gzip: %w", err)
			}
			return info, err
		}
		in.gzip = true
		// A gzip stream is held to the limits of an archive: its
		// unpacked size and its ratio, and the budget of the archive
		// tree it is in.
		cr := &p.cr
		p.gzu = unpackReader{r: &p.gzr, tree: opts.arc.tree, max: maxArchiveUnzip, kind: "gzip",
			packed: func() int64 { return cr.n }}
		src = &p.gzu
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
	in.head = raw.buf[raw.r:raw.w]
	in.enc, in.bom = textEncoding(in.head)
	f := sniff(in)
	info.Format = f.name
	if in.gzip {
		info.Format += "+gzip"
	}
	in.raw = raw
	p.em = emitter{ctx: ctx, fn: fn, rec: connectors.Record{Loc: connectors.At(obj)}}
	if !f.text {
		return info, f.parse(p, in)
	}

	enc := in.enc
	if enc == "" {
		enc = detectEncoding(raw)
		if ctx.Err() != nil {
			return info, ctx.Err()
		}
	}
	raw.r += in.bom
	obj.Encoding = enc
	in.text = raw
	if t := decoderFor(enc); t != nil {
		p.decr = decodeReader{src: raw, t: t, buf: p.decBuf[:]}
		p.dec.reset(ctx, &p.decr, bufSize)
		in.text = &p.dec
	}
	return info, f.parse(p, in)
}

// objectName is the name whose extension says an object's format: an
// archive member's path, an S3 key or a file path.
func objectName(o *connectors.Object) string {
	switch {
	case o.Member != "":
		if i := strings.LastIndex(o.Member, connectors.MemberSep); i >= 0 {
			return o.Member[i+len(connectors.MemberSep):]
		}
		return o.Member
	case o.Key != "":
		return o.Key
	}
	return o.Path
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
	return e.record(line, column, false, data)
}

// label emits data as a label: a header cell or an object key, at column.
func (e *emitter) label(line int64, column string, data []byte) error {
	return e.record(line, column, true, data)
}

func (e *emitter) record(line int64, column string, label bool, data []byte) error {
	// A copy, not stores into e.rec that the call would read back at once:
	// that stalls store forwarding, a fifth of the cost of a JSON record.
	rec := e.rec
	rec.Loc.Line = line
	rec.Loc.Column = column
	rec.Data = data
	rec.Label = label
	return e.send(rec)
}

// send hands rec to fn and checks ctx every 1024 records; the emit
// functions of each format build rec. NUL bytes in Data (stray ones in a
// text file, padding left by a crash) separate: the pieces between them
// are sent as records of their own, so that no value is glued across one.
func (e *emitter) send(rec connectors.Record) error {
	if bytes.IndexByte(rec.Data, 0) >= 0 {
		return e.sendPieces(rec)
	}
	return e.send1(rec)
}

func (e *emitter) send1(rec connectors.Record) error {
	if err := e.fn(rec, nil); err != nil {
		return err
	}
	e.n++
	if e.n%1024 == 0 {
		return e.ctx.Err()
	}
	return nil
}

// sendPieces sends the pieces of rec.Data between its NUL bytes, each at
// its own line when rec.Lines.
func (e *emitter) sendPieces(rec connectors.Record) error {
	data, line := rec.Data, rec.Loc.Line
	for len(data) > 0 {
		piece, rest, found := bytes.Cut(data, nul)
		if len(piece) > 0 {
			r := rec
			r.Data, r.Loc.Line = piece, line
			if err := e.send1(r); err != nil {
				return err
			}
			if rec.Lines {
				line += int64(bytes.Count(piece, nl))
			}
		}
		if !found {
			break
		}
		data = rest
	}
	return nil
}

var nul = []byte{0}

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

// parser holds the buffers of one parse call; it is pooled.
type parser struct {
	cr     countingReader
	br     *bufio.Reader
	gz     *gzip.Reader
	gzr    gzipReader
	gzu    unpackReader // bounds what gzr unpacks
	raw    stream
	dec    stream
	decr   decodeReader
	decBuf [16 << 10]byte
	em     emitter
	acc    acc
	tbl    headed
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
	p.gzu = unpackReader{}
	p.raw.clear()
	p.dec.clear()
	p.decr = decodeReader{}
	p.em = emitter{}
	p.acc.sink = nil
	p.tbl.em = nil
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
