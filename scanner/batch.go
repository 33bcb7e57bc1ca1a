package scanner

import "github.com/pmscan/pmscan/connectors"

// batch carries records from the walker to a worker and results from the
// worker to the sink. Its buffers are reused across the scan.
type batch struct {
	seq   int
	data  []byte // the records' text, back to back
	items []item

	findings    []Finding
	findingItem []int      // index into items for each finding, ascending
	allowed     []allowHit // held back by the allow list, items ascending

	// What the recalling detector found in prose items, items ascending
	// (see recall): where, and the keys its evidence makes worth recalling.
	recallSpans []recallSpan
	recallKeys  []recallKey
}

type item struct {
	loc      connectors.Location
	off, end int // Data is batch.data[off:end]
	lines    bool
	label    bool
	done     *connectors.ObjectStats
	err      error
	// checkpoint and resume are the record's marks, if any (no data).
	checkpoint *connectors.Checkpoint
	resume     *connectors.Carried
}

// add copies rec into the batch: the connector may reuse rec.Data.
func (b *batch) add(rec connectors.Record, err error) {
	it := item{loc: rec.Loc, lines: rec.Lines, label: rec.Label, err: err, checkpoint: rec.Checkpoint, resume: rec.Resume}
	if rec.Done != nil {
		st := *rec.Done
		it.done = &st
	}
	if err == nil && rec.Done == nil {
		it.off = len(b.data)
		b.data = append(b.data, rec.Data...)
		it.end = len(b.data)
	}
	b.items = append(b.items, it)
}

func (b *batch) reset() {
	b.data = b.data[:0]
	clear(b.items) // drop references to errors and strings
	b.items = b.items[:0]
	clear(b.findings)
	b.findings = b.findings[:0]
	b.findingItem = b.findingItem[:0]
	b.allowed = b.allowed[:0]
	b.recallSpans = b.recallSpans[:0]
	clear(b.recallKeys)
	b.recallKeys = b.recallKeys[:0]
}

// prose says the item is running text of its object (a text file's chunk,
// a document's paragraph or page), not a cell, a row's value or a label:
// names carry from one such item to the next (see recall).
func (it *item) prose() bool {
	return it.loc.Column == "" && it.loc.Cell == "" && it.loc.Row == "" && !it.label
}
