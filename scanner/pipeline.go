package scanner

import (
	"context"
	"errors"
	"runtime"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/detectors"
)

// Options configure a scan.
type Options struct {
	Detectors   *detectors.Set
	Concurrency int  // detector workers; 0 = number of CPUs
	ShowData    bool // keep raw values in findings
	// MinConfidence drops findings below it; the zero value keeps all.
	MinConfidence detectors.Confidence
	BatchBytes    int // text per batch; 0 = 256 KiB
	// Progress, when set, is kept up to date as the scan runs, for a live
	// display; nil counts nothing.
	Progress *Progress
	// ValueKey, when set, makes every finding carry a keyed hash of its
	// value (Finding.ValueHash), for counting distinct values.
	ValueKey *ValueKey
	// Indexer, when set, gives each finding the keyed hashes a disclosure
	// lookup finds it by (Finding.LookupHash), in the workers.
	Indexer Indexer
	// Allow, when set, holds back the hits the company allows (its own
	// phone number, test card numbers): they are counted, by entry and
	// type, in Summary.Allowed and each object's stats, not reported.
	Allow Allower
}

// Allower says whether a hit of type typ at loc is allowed, and by which
// entry (an ID for reports). norm is the value as detectors normalise
// text; valueHash its keyed hash (Finding.ValueHash; 0 without
// Options.ValueKey), which suppressions by fingerprint use. It must be
// safe for concurrent use.
type Allower interface {
	Allow(typ string, loc *connectors.Location, norm string, valueHash uint64) (entry string, ok bool)
}

// Indexer makes the keyed hashes of a finding's value that a disclosure
// lookup finds it by: hash of the value folded for its type (0 for a
// value no lookup can give, or a type it does not index), and surname of
// a name's surname where the name shows one (0 otherwise). norm is the
// value as detectors normalise text. It must be safe for concurrent use.
type Indexer interface {
	LookupHashes(typ, norm string) (hash, surname uint64)
}

const (
	defaultBatchBytes = 256 << 10
	maxBatchItems     = 8192
)

// Run scans targets in order and feeds sink. Cancelling ctx stops the walk;
// every record already read is still judged and handed to the sink, and the
// summary says the scan was interrupted. Run returns an error only when the
// sink fails.
func Run(ctx context.Context, opts Options, targets []Target, sink Sink) (*Summary, error) {
	workers := opts.Concurrency
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	batchBytes := opts.BatchBytes
	if batchBytes <= 0 {
		batchBytes = defaultBatchBytes
	}
	sum := &Summary{Started: time.Now(), ByType: map[string]int64{}, Allowed: map[AllowKey]int64{}}

	// A fixed set of batches circulates walker -> workers -> sink -> walker.
	// Taking a free batch is the backpressure, and it bounds the sink's
	// reorder buffer and the memory of the whole pipeline.
	nbatch := 2*workers + 2
	free := make(chan *batch, nbatch)
	for range nbatch {
		free <- &batch{}
	}
	work := make(chan *batch, nbatch)
	done := make(chan *batch, nbatch)

	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		defer close(work)
		w := walkState{ctx: gctx, free: free, work: work, limit: batchBytes, count: walkCounter{p: opts.Progress}}
		for _, t := range targets {
			if ctx.Err() != nil {
				sum.Interrupted = true
				break
			}
			if w.count.p != nil {
				w.count.setTarget(t.Name)
			}
			err := w.walk(t)
			if err != nil && gctx.Err() != nil {
				if ctx.Err() != nil {
					sum.Interrupted = true
					sum.Targets = append(sum.Targets, TargetResult{Name: t.Name, Err: ErrInterrupted})
				}
				break
			}
			sum.Targets = append(sum.Targets, TargetResult{Name: t.Name, Err: err})
		}
		w.flush()
		if w.count.p != nil {
			w.count.publish()
		}
		return nil
	})
	var judging sync.WaitGroup
	for range workers {
		judging.Add(1)
		g.Go(func() error {
			defer judging.Done()
			wk := newWorker(opts)
			for b := range work {
				wk.judge(b)
				done <- b
			}
			return nil
		})
	}
	g.Go(func() error {
		judging.Wait()
		close(done)
		return nil
	})
	rc := newRecall(opts)
	g.Go(func() error {
		return deliver(done, free, sink, sum, opts.Progress, rc)
	})
	err := g.Wait()
	sum.Finished = time.Now()
	return sum, err
}

// deliver hands batches to the sink in sequence order and recycles them.
// rc, when set, adds the mentions of names an object's earlier prose gave
// evidence for.
func deliver(done <-chan *batch, free chan<- *batch, sink Sink, sum *Summary, p *Progress, rc *recall) error {
	pending := map[int]*batch{}
	allowed := objectAllowed{}
	next := 0
	var failed error
	for b := range done {
		pending[b.seq] = b
		for {
			b, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			if failed == nil {
				failed = emit(b, sink, sum, allowed, rc)
				if p != nil {
					p.sinkDone(sum)
				}
			}
			b.reset()
			free <- b
		}
	}
	return failed
}

func emit(b *batch, sink Sink, sum *Summary, allowed objectAllowed, rc *recall) error {
	fi, ai := 0, 0
	if rc != nil {
		rc.batch()
	}
	for i := range b.items {
		it := &b.items[i]
		if it.err != nil {
			skipped := connectors.IsSkip(it.err)
			if skipped {
				sum.Skipped++
			} else {
				sum.Failed++
			}
			if err := sink.Problem(Problem{Location: it.loc, Err: it.err, Skipped: skipped, Terminal: it.done != nil}); err != nil {
				return err
			}
		}
		for ; ai < len(b.allowed) && b.allowed[ai].item == i; ai++ {
			countAllowed(sum, allowed, it.loc.Object, b.allowed[ai].key)
		}
		for ; fi < len(b.findings) && b.findingItem[fi] == i; fi++ {
			if err := emitFinding(sink, sum, &b.findings[fi]); err != nil {
				return err
			}
		}
		if rc != nil && it.err == nil && it.done == nil && it.end > it.off && it.prose() {
			err := rc.item(b, i, func(f *Finding, entry string, held bool) error {
				if held {
					countAllowed(sum, allowed, it.loc.Object, AllowKey{entry, f.Type})
					return nil
				}
				return emitFinding(sink, sum, f)
			})
			if err != nil {
				return err
			}
		}
		if rc != nil && it.done != nil {
			rc.objectDone(it.loc.Object)
		}
		switch {
		case it.resume != nil:
			countResumed(sum, it.resume)
			for _, p := range it.resume.Parts {
				allowed.addCounts(it.loc.Object, p.Stats.Allowed)
			}
			if cs, ok := sink.(CheckpointSink); ok {
				if err := cs.Resume(it.loc.Object, it.resume); err != nil {
					return err
				}
			}
		case it.checkpoint != nil:
			// What the allow list held back so far goes with the
			// checkpoint, for a scan that resumes from it to count on.
			it.checkpoint.Stats.Allowed = allowed.counts(it.loc.Object)
			if cs, ok := sink.(CheckpointSink); ok {
				if err := cs.Checkpoint(it.loc.Object, it.checkpoint); err != nil {
					return err
				}
			}
		case it.done != nil && it.err == nil && it.done.Carried != nil:
			countCarried(sum, it.done.Carried)
			if err := sink.Object(it.loc.Object, *it.done); err != nil {
				return err
			}
		case it.done != nil && it.err == nil:
			sum.Objects++
			sum.Bytes += it.done.Bytes
			sum.Rows += it.done.Rows
			it.done.Allowed = allowed.take(it.loc.Object)
			if err := sink.Object(it.loc.Object, *it.done); err != nil {
				return err
			}
		case it.done != nil:
			sum.Rows += it.done.Rows // a table that failed midway read these
			allowed.take(it.loc.Object)
		case it.err == nil:
			sum.Records++
		}
	}
	return nil
}

// emitFinding counts f and hands it to the sink.
func emitFinding(sink Sink, sum *Summary, f *Finding) error {
	sum.Findings++
	sum.ByType[f.Type]++
	return sink.Finding(f)
}

// countAllowed counts a hit of o that the allow list held back, by key.
func countAllowed(sum *Summary, allowed objectAllowed, o *connectors.Object, key AllowKey) {
	sum.Allowed[key]++
	allowed.add(o, key, 1)
}

// countCarried counts an object carried over, with its members, as the
// scan that read them counted them.
func countCarried(sum *Summary, c *connectors.Carried) {
	sum.Carried++
	for _, p := range c.Parts {
		if p.Skip == "" {
			sum.Objects++
			sum.Bytes += p.Stats.Bytes
			sum.Rows += p.Stats.Rows
		}
		sum.Skipped += p.Skipped
		sum.Failed += p.Failed
		sum.Findings += p.Findings
		for typ, n := range p.ByType {
			sum.ByType[typ] += n
		}
		for _, a := range p.Stats.Allowed {
			sum.Allowed[AllowKey{a.Entry, a.Type}] += a.Count
		}
	}
}

// countResumed counts what an earlier scan found in an object up to the
// checkpoint it is read on from; its rows and bytes come with its end,
// which counts the whole object.
func countResumed(sum *Summary, c *connectors.Carried) {
	for _, p := range c.Parts {
		sum.Skipped += p.Skipped
		sum.Failed += p.Failed
		sum.Findings += p.Findings
		for typ, n := range p.ByType {
			sum.ByType[typ] += n
		}
		for _, a := range p.Stats.Allowed {
			sum.Allowed[AllowKey{a.Entry, a.Type}] += a.Count
		}
	}
}

// walkState fills batches on the walker goroutine.
type walkState struct {
	ctx   context.Context
	free  <-chan *batch
	work  chan<- *batch
	cur   *batch
	seq   int
	limit int
	count walkCounter
}

func (w *walkState) walk(t Target) error {
	fn := func(rec connectors.Record, err error) error {
		if w.cur == nil {
			select {
			case b := <-w.free:
				b.seq = w.seq
				w.seq++
				w.cur = b
			case <-w.ctx.Done():
				return w.ctx.Err()
			}
		}
		w.cur.add(rec, err)
		if w.count.p != nil {
			w.count.count(&rec, err)
		}
		if len(w.cur.data) >= w.limit || len(w.cur.items) >= maxBatchItems {
			w.flush()
		}
		return nil
	}
	if iw, ok := t.Conn.(connectors.IncrementalWalker); ok && t.Baseline != nil {
		return iw.WalkSince(w.ctx, t.Baseline, fn)
	}
	return t.Conn.Walk(w.ctx, fn)
}

// flush sends the current batch even after cancellation: what was read is
// still judged. The send cannot block for long: workers drain work until it
// is closed.
func (w *walkState) flush() {
	if w.cur != nil {
		w.work <- w.cur
		w.cur = nil
	}
}

// ErrInterrupted marks the target whose walk was cancelled.
var ErrInterrupted = errors.New("interrupted before the walk ended")
