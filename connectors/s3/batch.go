package s3

import "github.com/pmscan/pmscan/connectors"

// batch carries records of one object from a reader to the walk goroutine.
// Record data is copied into one arena, and the location once: records of
// an object differ only by line and column. Batches go back to their
// reader.
type batch struct {
	base  connectors.Location // the first record's, without line and column
	arena []byte
	items []item
	home  chan *batch // the owning reader's free batches
}

type item struct {
	line     int64
	column   string
	off, end int
	lines    bool
	err      error
	done     *connectors.ObjectStats
	loc      *connectors.Location // the whole location, when it differs from base
}

const (
	batchesPerReader = 2
	batchBytes       = 256 << 10
	batchItems       = 4096
)

func (b *batch) full() bool { return len(b.arena) >= batchBytes || len(b.items) >= batchItems }

func (b *batch) add(rec connectors.Record, err error) {
	rest := rec.Loc
	rest.Line, rest.Column = 0, ""
	if len(b.items) == 0 {
		b.base = rest
	}
	it := item{line: rec.Loc.Line, column: rec.Loc.Column, lines: rec.Lines, err: err, done: rec.Done}
	if rest != b.base {
		loc := rec.Loc
		it.loc = &loc
	}
	it.off = len(b.arena)
	b.arena = append(b.arena, rec.Data...)
	it.end = len(b.arena)
	b.items = append(b.items, it)
}

func (b *batch) reset() {
	b.base = connectors.Location{}
	b.arena = b.arena[:0]
	clear(b.items) // drop errors and strings for the collector
	b.items = b.items[:0]
}

// emit hands the batch's records to fn, on the walk goroutine.
func (b *batch) emit(fn connectors.WalkFunc) error {
	for i := range b.items {
		it := &b.items[i]
		rec := connectors.Record{Loc: b.base, Lines: it.lines, Done: it.done}
		if it.loc != nil {
			rec.Loc = *it.loc
		}
		rec.Loc.Line, rec.Loc.Column = it.line, it.column
		if it.end > it.off {
			rec.Data = b.arena[it.off:it.end]
		}
		if err := fn(rec, it.err); err != nil {
			return err
		}
	}
	return nil
}
