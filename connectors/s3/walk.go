package s3

import (
	"context"
	"fmt"
	"sync"

	"golang.org/x/sync/errgroup"

	"github.com/pmscan/pmscan/connectors"
)

// job is one listed object on its way to a reader and, in listing order, to
// the walk goroutine.
type job struct {
	obj objectInfo
	// o is the object as the listing describes it; its reader adds what
	// the GET says.
	o *connectors.Object
	// pre, when set, is the object's whole outcome, decided from the
	// listing (the endpoint is lost): no reader takes the job.
	pre error
	// carried, when set, is the object's whole outcome: unchanged since
	// an earlier scan, it is not read.
	carried *connectors.Carried
	// out carries the object's records; the reader closes it when done.
	// Its capacity is the reader's batch count, so a send never blocks.
	// It is nil when no reader takes the job.
	out chan *batch
}

// end hands fn the outcome of a job that no reader takes.
func (j *job) end(fn connectors.WalkFunc) error {
	if j.carried != nil {
		return connectors.CarriedEnd(fn, j.o, j.carried)
	}
	return connectors.Fail(fn, j.o, j.pre)
}

// Walk lists the target and reads up to Options.Conns objects at once,
// handing their records to fn in listing order. An object that cannot be
// read is reported to fn with its reason and the walk goes on; Walk fails
// as a whole when the listing fails (no such bucket, access denied), after
// handing on what was read until then.
//
// The order is kept without unbounded buffering: each reader owns two
// batches and stalls when both wait to be emitted. Readers take jobs in
// listing order, so the job at the head is always with a reader that can
// make progress.
func (c *Connector) Walk(ctx context.Context, fn connectors.WalkFunc) error {
	return c.WalkSince(ctx, nil, fn)
}

var _ connectors.IncrementalWalker = (*Connector)(nil)

// WalkSince is Walk that does not read an object whose ETag, size and
// LastModified in the listing are those an earlier scan read
// (connectors.Baseline): it is carried over without a request, archives
// with their members. The baseline is asked on the listing goroutine, in
// listing order, before the object is queued for a reader.
func (c *Connector) WalkSince(ctx context.Context, b connectors.Baseline, fn connectors.WalkFunc) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	order := make(chan *job, c.opts.Conns)
	jobs := make(chan *job)

	health := &endpointHealth{}
	// Who can read the objects is the bucket's to say, once per walk; it
	// is read when the first object is listed, so that a listing that
	// fails or finds nothing costs no more requests.
	access := sync.OnceValue(func() *connectors.Access { return c.bucketAccess(ctx) })
	var g errgroup.Group
	var listErr error
	var lastListed string
	g.Go(func() error {
		defer close(order)
		defer close(jobs)
		listErr = c.list(ctx, health, c.keyRange(b), func(obj objectInfo, pre error) error {
			lastListed = obj.Key
			j := &job{obj: obj, o: c.object(obj), pre: pre}
			j.o.Access = access()
			if b != nil && pre == nil {
				// Carrying needs no request: an object is carried even
				// once the endpoint is lost.
				j.carried = b.Carry(ctx, j.o)
			}
			if lost := health.down(); lost != nil && j.pre == nil && j.carried == nil {
				// The rest of the page is recorded key by key, without a
				// round of retries each.
				j.pre = notScanned(lost)
			}
			if j.pre == nil && j.carried == nil {
				j.out = make(chan *batch, batchesPerReader)
			}
			select {
			case order <- j:
			case <-ctx.Done():
				return ctx.Err()
			}
			if j.out == nil {
				return nil
			}
			select {
			case jobs <- j:
				return nil
			case <-ctx.Done():
				close(j.out) // queued for emission, never read
				return ctx.Err()
			}
		})
		return nil
	})
	for range c.opts.Conns {
		r := newReader(c, health)
		g.Go(func() error {
			for j := range jobs {
				r.read(ctx, j)
				close(j.out)
			}
			return nil
		})
	}

	var fnErr error
	for j := range order {
		if j.out == nil {
			if fnErr == nil {
				fnErr = j.end(fn)
			}
			if fnErr != nil {
				cancel() // the listing may have many such jobs to go
			}
			continue
		}
		for b := range j.out {
			if fnErr == nil {
				fnErr = b.emit(fn)
			}
			if fnErr != nil {
				cancel()
			}
			b.reset()
			b.home <- b
		}
	}
	g.Wait()
	switch {
	case fnErr != nil:
		return fnErr
	case ctx.Err() != nil:
		return ctx.Err()
	case health.down() != nil && listErr != nil:
		return fmt.Errorf("lost the endpoint; keys after %q were not listed: %w", lastListed, health.down())
	case health.down() != nil:
		return fmt.Errorf("lost the endpoint: %w", health.down())
	case listErr != nil:
		return listErr
	}
	return nil
}
