package formats

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"runtime/metrics"
	"strings"
	"testing"
	"time"

	"github.com/pmscan/pmscan/connectors"
)

// The invariants every fuzz target of this package checks, whatever the
// format: parse returns, within hangAfter; it allocates no more than
// allocBound for the input's size; no parser panics (parse turns a panic
// into an "internal error" of the object, which would hide it from the
// fuzzer); every data record is non-empty and within the record limit.

const (
	// hangAfter is far beyond what any input of a fuzzer's size takes
	// (milliseconds; a PDF that spends the whole work budget, under a
	// second): past it the parse is taken as a hang.
	hangAfter = raceSlowdown * 10 * time.Second
	// allocSlack and allocPerByte bound what one parse allocates: the
	// pooled buffers of a parser (a few hundred KB, fresh when the pool
	// was emptied by a GC), a parser per nested member, and what the
	// libraries build per byte of input.
	allocSlack   = 64 << 20
	allocPerByte = 512
	// pdfAllocPerRead bounds what the PDF library allocates per byte it
	// reads (30 measured on a PDF that loops).
	pdfAllocPerRead = 64
)

// fuzzRecord is a copy of one record passed to the callback.
type fuzzRecord struct {
	loc    connectors.Location
	data   string
	label  bool
	lines  bool
	done   *connectors.ObjectStats
	err    error
	member string // the member path of an archive member's record
}

// fuzzResult is what one parse of a fuzz input produced.
type fuzzResult struct {
	recs     []fuzzRecord
	err      error // parse's own error
	info     Info
	encoding string // the encoding parse set on the object
	obj      *connectors.Object
}

// data is the concatenation of the data records of the object itself (not
// of archive members).
func (r *fuzzResult) data() string {
	var b strings.Builder
	for _, rec := range r.recs {
		if rec.err == nil && rec.done == nil && rec.member == "" {
			b.WriteString(rec.data)
		}
	}
	return b.String()
}

var errFuzzStop = errors.New("fuzz: invariant broken, parse stopped")

// fuzzRead parses data as an object named name with record limit limit,
// on a goroutine of its own, and fails t if parse hangs, panics, allocates
// past the bound, or passes a data record that is empty or past the limit.
func fuzzRead(t *testing.T, name string, data []byte, limit int) fuzzResult {
	t.Helper()
	var res fuzzResult
	var broken string // the first invariant broken inside the callback
	var allocated uint64
	done := make(chan any, 1)
	go func() {
		defer func() { done <- recover() }()
		before := heapAllocs()
		obj := connectors.NewFile(name)
		res.obj = obj
		res.info, res.err = parse(context.Background(), obj, bytes.NewReader(data), Options{MaxRecordBytes: limit},
			func(r connectors.Record, err error) error {
				rec := fuzzRecord{loc: r.Loc, data: string(r.Data), label: r.Label, lines: r.Lines, done: r.Done, err: err,
					member: r.Loc.Object.Member}
				res.recs = append(res.recs, rec)
				if msg := recordProblem(rec, limit); msg != "" {
					broken = msg
					return errFuzzStop
				}
				return nil
			})
		res.encoding = obj.Encoding
		allocated = heapAllocs() - before
	}()
	select {
	case p := <-done:
		if p != nil {
			t.Fatalf("%s: panic out of parse: %v", name, p)
		}
	case <-time.After(hangAfter):
		t.Fatalf("%s: parse of %d bytes did not return within %v: a hang", name, len(data), hangAfter)
	}
	if broken != "" {
		t.Fatalf("%s: %s", name, broken)
	}
	if isInternal(res.err) {
		t.Fatalf("%s: a parser panicked: %v", name, res.err)
	}
	if bound := allocBound(name, len(data)); allocated > bound {
		t.Fatalf("%s: parse of %d bytes allocated %d bytes (bound %d)", name, len(data), allocated, bound)
	}
	return res
}

// allocBound is the most one parse of n bytes named name may allocate. A
// PDF may make the library read pdfReadFactor times its size plus
// pdfReadSlack (the work budget of pdf_budget.go), and the library
// allocates some 30 bytes per byte it reads: the bound follows the budget.
func allocBound(name string, n int) uint64 {
	if strings.HasSuffix(name, ".pdf") {
		return uint64(allocSlack + pdfAllocPerRead*(pdfReadFactor*int64(n)+pdfReadSlack))
	}
	return uint64(allocSlack + allocPerByte*n)
}

// recordProblem says what is wrong with one record, or "".
func recordProblem(rec fuzzRecord, limit int) string {
	switch {
	case isInternal(rec.err):
		return fmt.Sprintf("a parser panicked in %q: %v", rec.member, rec.err)
	case rec.err != nil || rec.done != nil:
		return ""
	case rec.data == "" || len(rec.data) > limit:
		return fmt.Sprintf("record of %d bytes (limit %d) at %+v", len(rec.data), limit, rec.loc)
	}
	return ""
}

// isInternal says whether err is a parser's panic, as parse reports it.
func isInternal(err error) bool {
	return err != nil && strings.Contains(err.Error(), "internal error while parsing")
}

// heapAllocs is the bytes allocated on the heap so far, by the whole
// process: the fuzz worker runs one input at a time. runtime/metrics reads
// it without stopping the world.
func heapAllocs() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// wantErr fails t unless err, a failure of the object or at a location in
// it, is nil, a skip, or has one of prefixes.
func wantErr(t *testing.T, what string, err error, prefixes ...string) {
	t.Helper()
	if err == nil || connectors.IsSkip(err) {
		return
	}
	for _, p := range prefixes {
		if strings.HasPrefix(err.Error(), p) {
			return
		}
	}
	t.Fatalf("%s: unexpected error %q (want one starting with %q)", what, err, prefixes)
}

// byLocation is the text of the data records, concatenated per location
// (archive member, part, paragraph, sheet, cell, line for one-line records,
// column, label): cutting values at another limit must give the same.
// Records of one location need not be consecutive (a text box's paragraph
// is emitted inside its anchor's), hence a map.
func byLocation(r fuzzResult) map[string]string {
	m := map[string]string{}
	for _, rec := range r.recs {
		if rec.err != nil || rec.done != nil {
			continue
		}
		l := rec.loc
		line := l.Line
		if rec.lines {
			line = 0 // a text chunk's line depends on where it was cut
		}
		key := fmt.Sprintf("%s|%s|%d|%s|%s|%d|%q|%v", l.Object.Member, l.Part, l.Paragraph, l.Sheet, l.Cell, line, l.Column, rec.label)
		m[key] += rec.data
	}
	return m
}

// sameText fails t unless cut and whole, the same input read at two record
// limits, hold the same text at the same locations.
func sameText(t *testing.T, cut, whole fuzzResult) {
	t.Helper()
	a, b := byLocation(cut), byLocation(whole)
	for k, v := range b {
		if a[k] != v {
			t.Fatalf("at %s: text read in pieces %q, read whole %q", k, a[k], v)
		}
	}
	for k, v := range a {
		if _, ok := b[k]; !ok {
			t.Fatalf("at %s: text %q read in pieces only", k, v)
		}
	}
}

// carriesData says whether a column name holds what the header rule
// (looksLikeData) takes for data: an at sign or a run of 7 digits. Column
// names go into locations and reports: they must never carry a value.
func carriesData(column string) bool {
	return strings.Contains(column, "@") || strings.Contains(column, "＠") || digitRun([]byte(column)) >= 7
}
