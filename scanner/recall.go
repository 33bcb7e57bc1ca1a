package scanner

import (
	"strings"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/detectors"
)

// Names across an object's prose. A novel introduces 清 as a maid in its
// first chapter and calls her 清 for the rest of the book, in chunks that
// workers judge apart and in parallel. Workers note what the recalling
// detector (detectors.Recaller) found in prose items; the sink, which sees
// an object's items in walk order, remembers it and has the detector find
// the bare mentions in the object's later items. Forward only: a mention
// before the evidence stays unfound, which keeps memory bounded and the
// findings in walk order.

// recallSpan is where the recalling detector found something in an item,
// in the item's original text: no mention is reported over it.
type recallSpan struct{ item, start, end int }

// recallKey is a key that an item's finding made worth recalling.
type recallKey struct {
	item int
	key  string
}

// noteRecall records, for the sink, what m (the recalling detector's match
// in prose item i) covers and gives evidence for.
func (w *worker) noteRecall(b *batch, i int, m detectors.Match) {
	b.recallSpans = append(b.recallSpans, recallSpan{item: i, start: w.text.OrigOffset(m.Start), end: w.text.OrigOffset(m.End)})
	if m.Verdict.Confidence < detectors.Medium {
		return
	}
	for _, k := range w.recaller.Recall(w.text.Norm[m.Start:m.End], m.Verdict) {
		b.recallKeys = append(b.recallKeys, recallKey{item: i, key: strings.Clone(k)})
	}
}

// recall runs on the sink goroutine. It owns a worker of its own, to make
// findings of the mentions exactly as workers make theirs.
type recall struct {
	w      *worker
	obj    *connectors.Object
	mem    detectors.Recollection
	own    []string
	keys   []string
	spans  []recallSpan
	ks, ss int // cursors into the batch's recallKeys and recallSpans
}

// newRecall returns nil when no detector of opts recalls, or when its
// mentions (medium) would fall below the lowest confidence kept.
func newRecall(opts Options) *recall {
	w := newWorker(opts)
	if w.recallDet == nil || opts.MinConfidence > detectors.Medium {
		return nil
	}
	return &recall{w: w}
}

// batch starts on a new batch.
func (r *recall) batch() { r.ks, r.ss = 0, 0 }

// item notes what item i of b gave evidence for and calls fn for the
// finding of each bare mention in it of what the object's earlier prose
// gave evidence for (allowed set when the allow list holds it back).
// Items are passed in order; i must be a prose item with data.
func (r *recall) item(b *batch, i int, fn func(f *Finding, entry string, allowed bool) error) error {
	it := &b.items[i]
	if it.loc.Object != r.obj {
		r.mem.Reset()
		r.obj = it.loc.Object
	}
	r.own = r.own[:0]
	for ; r.ks < len(b.recallKeys) && b.recallKeys[r.ks].item <= i; r.ks++ {
		if b.recallKeys[r.ks].item == i {
			r.own = append(r.own, b.recallKeys[r.ks].key)
		}
	}
	r.spans = r.spans[:0]
	for ; r.ss < len(b.recallSpans) && b.recallSpans[r.ss].item <= i; r.ss++ {
		if b.recallSpans[r.ss].item == i {
			r.spans = append(r.spans, b.recallSpans[r.ss])
		}
	}
	var err error
	if r.mem.Len() > 0 {
		err = r.mentions(b, i, fn)
	}
	r.mem.Note(r.own...)
	return err
}

func (r *recall) mentions(b *batch, i int, fn func(f *Finding, entry string, allowed bool) error) error {
	r.keys = r.mem.Except(r.keys[:0], r.own)
	if len(r.keys) == 0 {
		return nil
	}
	it := &b.items[i]
	data := b.data[it.off:it.end]
	w := r.w
	w.text.Reset(data, "")
	w.newlines = w.newlines[:0]
	w.linesIndexed = false
	for _, c := range w.recaller.Mentions(&w.text, r.keys) {
		start, end := w.text.OrigOffset(c.Start), w.text.OrigOffset(c.End)
		if r.covered(start, end) {
			continue
		}
		m := detectors.Match{Detector: w.recallDet, Start: c.Start, End: c.End, Verdict: w.recallDet.Judge(c, &w.text)}
		if m.Verdict.Confidence < w.min || m.Verdict.Confidence == detectors.Reject {
			continue
		}
		if len(m.Verdict.Reasons) == 0 {
			m.Verdict.Reasons = c.Reasons
		}
		f, entry, allowed := w.finding(it, data, m)
		if err := fn(&f, entry, allowed); err != nil {
			return err
		}
	}
	return nil
}

// covered reports a span of the item's own findings that overlaps
// [start, end).
func (r *recall) covered(start, end int) bool {
	for _, s := range r.spans {
		if s.start < end && start < s.end {
			return true
		}
	}
	return false
}

// objectDone forgets the object, so that memory holds no reference to it.
func (r *recall) objectDone(o *connectors.Object) {
	if r.obj == o {
		r.mem.Reset()
		r.obj = nil
	}
}
