package formats

import (
	"context"
	"fmt"
	"io"
	"sync/atomic"
	"time"
)

// DefaultObjectTimeout is the time budget of one object when
// Options.ObjectTimeout is 0.
const DefaultObjectTimeout = 5 * time.Minute

// TimeoutError is the failure of an object whose reading passed its time
// budget (Options.ObjectTimeout): what was read before stands, the rest
// was not read. It is a context.DeadlineExceeded.
type TimeoutError struct{ Limit time.Duration }

func (e *TimeoutError) Error() string {
	return fmt.Sprintf("timeout: reading took longer than %v (-object-timeout; time spent waiting for the store or for the detectors not counted): the rest not read", e.Limit)
}

// Is makes errors.Is(err, context.DeadlineExceeded) true.
func (e *TimeoutError) Is(target error) bool { return target == context.DeadlineExceeded }

// objectClock is the time budget of one object. It counts the time spent
// parsing: not the time waiting for the store's bytes (a slow link has
// its own stall timeout) nor for fn (the detectors, backpressure), so that
// a large file read at a normal pace never times out while a parser or a
// library that loops does. It samples: every tick it adds the tick to the
// time used unless the reader is waiting, and past the budget it cancels
// the object's context with a TimeoutError as its cause.
type objectClock struct {
	budget  time.Duration
	tick    time.Duration
	used    atomic.Int64 // nanoseconds; atomic as each tick runs on a goroutine of its own
	waiting atomic.Int32 // > 0 while the reader waits for the store or fn
	stopped atomic.Bool
	timer   *time.Timer
	cancel  context.CancelCauseFunc
}

// startClock returns ctx with the time budget d, and its clock; stop the
// clock when the object is read.
func startClock(ctx context.Context, d time.Duration) (context.Context, *objectClock) {
	ctx, cancel := context.WithCancelCause(ctx)
	c := &objectClock{budget: d, tick: min(250*time.Millisecond, max(d/10, time.Millisecond)), cancel: cancel}
	c.timer = time.AfterFunc(c.tick, c.sample)
	return ctx, c
}

func (c *objectClock) sample() {
	if c.stopped.Load() {
		return
	}
	used := c.used.Load()
	if c.waiting.Load() == 0 {
		used = c.used.Add(int64(c.tick))
	}
	if used >= int64(c.budget) {
		c.cancel(&TimeoutError{Limit: c.budget})
		return
	}
	c.timer.Reset(c.tick)
}

// stop ends the clock and releases the object's context.
func (c *objectClock) stop() {
	c.stopped.Store(true)
	c.timer.Stop()
	c.cancel(nil)
}

// wait and work bracket the time the reader waits.
func (c *objectClock) wait() { c.waiting.Add(1) }
func (c *objectClock) work() { c.waiting.Add(-1) }

// clockedReader is the store's reader, its reads counted as waiting.
type clockedReader struct {
	r io.Reader
	c *objectClock
}

func (r *clockedReader) Read(p []byte) (int, error) {
	r.c.wait()
	n, err := r.r.Read(p)
	r.c.work()
	return n, err
}
