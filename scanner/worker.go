package scanner

import (
	"fmt"
	"sort"
	"strings"

	"github.com/pmscan/pmscan/detectors"
)

// worker judges batches; each worker owns its Text and scratch space.
type worker struct {
	set      *detectors.Set
	showData bool
	min      detectors.Confidence
	text     detectors.Text
	newlines []int // newline offsets of the current multi-line item
	valueKey *ValueKey
	hashBuf  []byte
	indexer  Indexer
	allow    Allower
	// linesIndexed says newlines holds the current item's newlines.
	linesIndexed bool
	// recallDet, when set, is the detector whose evidence carries across
	// an object's prose (see recall).
	recallDet detectors.Detector
	recaller  detectors.Recaller
}

func newWorker(opts Options) *worker {
	w := &worker{set: opts.Detectors, showData: opts.ShowData, min: opts.MinConfidence, valueKey: opts.ValueKey, indexer: opts.Indexer, allow: opts.Allow}
	if opts.Detectors != nil {
		w.recallDet, w.recaller = opts.Detectors.Recaller()
	}
	return w
}

func (w *worker) judge(b *batch) {
	for i := range b.items {
		it := &b.items[i]
		if it.err != nil || it.done != nil || it.end == it.off {
			continue
		}
		if err := w.judgeItem(b, i); err != nil {
			it.err = err
		}
	}
}

// judgeItem runs the detectors over one item. A panic in a detector is
// turned into a problem on that item so one bad input cannot end the scan.
func (w *worker) judgeItem(b *batch, i int) (err error) {
	it := &b.items[i]
	mark, allowMark := len(b.findings), len(b.allowed)
	defer func() {
		if r := recover(); r != nil {
			b.findings = b.findings[:mark]
			b.findingItem = b.findingItem[:mark]
			b.allowed = b.allowed[:allowMark]
			err = fmt.Errorf("internal error while scanning: %v", r)
		}
	}()
	data := b.data[it.off:it.end]
	// A label (a header cell, an object key) is text of its own: the
	// column it names or sits in is no context for it.
	column := it.loc.Column
	if it.label {
		column = ""
	}
	w.text.Reset(data, column)
	w.text.Label = it.label
	w.newlines = w.newlines[:0]
	w.linesIndexed = false
	prose := w.recallDet != nil && it.prose()
	w.set.Run(&w.text, func(m detectors.Match) {
		if m.Verdict.Confidence < w.min {
			return
		}
		if prose && m.Detector == w.recallDet {
			w.noteRecall(b, i, m)
		}
		f, entry, allowed := w.finding(it, data, m)
		if allowed {
			b.allowed = append(b.allowed, allowHit{item: i, key: AllowKey{entry, f.Type}})
			return
		}
		b.findings = append(b.findings, f)
		b.findingItem = append(b.findingItem, i)
	})
	return nil
}

// finding makes the finding of m in item it, whose text data w.text holds;
// allowed says the allow list holds it back, by entry (f then has only
// its Type).
func (w *worker) finding(it *item, data []byte, m detectors.Match) (f Finding, entry string, allowed bool) {
	var hash uint64
	if w.valueKey != nil {
		hash, w.hashBuf = valueHash(w.valueKey, w.text.Norm[m.Start:m.End], w.hashBuf)
	}
	if w.allow != nil {
		if entry, ok := w.allow.Allow(m.Detector.Type(), &it.loc, w.text.Norm[m.Start:m.End], hash); ok {
			return Finding{Type: m.Detector.Type()}, entry, true
		}
	}
	start, end := w.text.OrigOffset(m.Start), w.text.OrigOffset(m.End)
	value := w.text.Orig[start:end]
	f = Finding{
		Type:       m.Detector.Type(),
		Kind:       m.Verdict.Kind,
		Confidence: m.Verdict.Confidence,
		Reasons:    m.Verdict.Reasons,
		Location:   it.loc,
		Masked:     detectors.Mask(m.Detector, value),
	}
	if w.showData {
		f.Value = strings.Clone(value)
	}
	f.ValueHash = hash
	if w.indexer != nil {
		f.LookupHash, f.LookupSurname = w.indexer.LookupHashes(f.Type, w.text.Norm[m.Start:m.End])
	}
	if it.lines {
		if !w.linesIndexed {
			w.indexLines(data)
			w.linesIndexed = true
		}
		f.Location.Line += int64(sort.SearchInts(w.newlines, start))
	}
	return f, "", false
}

func (w *worker) indexLines(data []byte) {
	for i, c := range data {
		if c == '\n' {
			w.newlines = append(w.newlines, i)
		}
	}
}
