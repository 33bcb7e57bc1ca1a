package s3

import "github.com/pmscan/pmscan/connectors"

// batch carries records of objects from a reader to the walk goroutine.
// Record data is copied into one arena; the records share their object by
// pointer. Batches go back to their reader.
type batch struct {
	arena []byte
	items []item
	home  chan *batch // the owning reader's free batches
}

type item struct {
	loc      connectors.Location
	off, end int
	lines    bool
	label    bool
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
	it := item{loc: rec.Loc, lines: rec.Lines, label: rec.Label, err: err, done: rec.Done}
	it.off = len(b.arena)
	b.arena = append(b.arena, rec.Data...)
	it.end = len(b.arena)
	b.items = append(b.items, it)
}

func (b *batch) reset() {
	b.arena = b.arena[:0]
	clear(b.items) // drop errors, objects and strings for the collector
	b.items = b.items[:0]
}

// emit hands the batch's records to fn, on the walk goroutine.
func (b *batch) emit(fn connectors.WalkFunc) error {
	for i := range b.items {
		it := &b.items[i]
		rec := connectors.Record{Loc: it.loc, Lines: it.lines, Label: it.label, Done: it.done}
		if it.end > it.off {
			rec.Data = b.arena[it.off:it.end]
		}
		if err := fn(rec, it.err); err != nil {
			return err
		}
	}
	return nil
}
