package s3

import "github.com/pmscan/pmscan/connectors"

// batch carries records of one object from a reader to the walk goroutine.
// Record data is copied into one arena; batches go back to their reader.
type batch struct {
	arena []byte
	items []item
	home  chan *batch // the owning reader's free batches
}

type item struct {
	loc      connectors.Location
	off, end int
	lines    bool
	err      error
	done     *connectors.ObjectStats
}

const (
	batchesPerReader = 2
	batchBytes       = 256 << 10
	batchItems       = 4096
)

func (b *batch) full() bool { return len(b.arena) >= batchBytes || len(b.items) >= batchItems }

func (b *batch) add(rec connectors.Record, err error) {
	off := len(b.arena)
	b.arena = append(b.arena, rec.Data...)
	b.items = append(b.items, item{loc: rec.Loc, off: off, end: len(b.arena), lines: rec.Lines, err: err, done: rec.Done})
}

func (b *batch) reset() {
	b.arena = b.arena[:0]
	clear(b.items) // drop errors and strings for the collector
	b.items = b.items[:0]
}

// emit hands the batch's records to fn, on the walk goroutine.
func (b *batch) emit(fn connectors.WalkFunc) error {
	for i := range b.items {
		it := &b.items[i]
		rec := connectors.Record{Loc: it.loc, Lines: it.lines, Done: it.done}
		if it.end > it.off {
			rec.Data = b.arena[it.off:it.end]
		}
		if err := fn(rec, it.err); err != nil {
			return err
		}
	}
	return nil
}
