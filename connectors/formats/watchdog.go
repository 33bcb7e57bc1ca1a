package formats

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pmscan/pmscan/connectors"
)

// A library may loop in CPU without reading (excelize decoding a huge
// part it holds in memory, the PDF library on a malformed content
// stream): then neither the checks of its source nor those between its
// calls are met. guard runs such a parse on a goroutine of its own and
// stops waiting for it abandonGrace after the object's context is done:
// the object fails and the scan goes on, while the goroutine is left to
// end at its next read (which then always fails) or record (which is then
// refused).
const (
	abandonGrace = time.Second
	// maxAbandoned is how many abandoned parses may still be running
	// before guard starts no more: each may hold a CPU and memory.
	maxAbandoned = 4
)

// abandoned counts the parses guard stopped waiting for that are still
// running, in the whole process.
var abandoned atomic.Int64

// Parse states, for the handover between guard and its goroutine.
const (
	parseRunning = iota
	parseReturned
	parseAbandoned
)

// guard runs parse, which reads the object what ("PDF", "workbook")
// through a library, on a goroutine of its own, with an emitter of its
// own whose records reach em's fn one at a time and never after guard
// returns. It returns parse's error; a panic in parse is the object's
// error. When ctx is done and parse has not returned within abandonGrace,
// guard returns ctx's cause, wrapped, and leaves parse running; while
// maxAbandoned such parses still run, guard starts none and the object
// fails saying so.
func guard(ctx context.Context, what string, em *emitter, parse func(em *emitter) error) error {
	if n := abandoned.Load(); n >= maxAbandoned {
		return fmt.Errorf("%s not read: %d earlier %s reads were stopped and are still running in their library (abandoned); no more are started until they end", what, n, what)
	}
	g := &gate{fn: em.fn}
	own := *em
	own.fn = g.call
	done := make(chan error, 1)
	var state atomic.Int32
	go func() {
		var err error
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("%s: internal error while parsing: %v", what, r)
			}
			if !state.CompareAndSwap(parseRunning, parseReturned) {
				abandoned.Add(-1)
			}
			done <- err
		}()
		err = parse(&own)
	}()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	t := time.NewTimer(abandonGrace)
	defer t.Stop()
	select {
	case err := <-done:
		return err
	case <-t.C:
	}
	abandoned.Add(1)
	if !state.CompareAndSwap(parseRunning, parseAbandoned) {
		abandoned.Add(-1) // it returned just now
		return <-done
	}
	g.shut()
	return fmt.Errorf("%s: the library did not stop within %v; left running: %w", what, abandonGrace, context.Cause(ctx))
}

// gate passes records to fn until it is shut, one call at a time; shut
// waits for a call under way.
type gate struct {
	mu     sync.Mutex
	closed bool
	fn     connectors.WalkFunc
}

// errGateShut is what an abandoned parse gets for its records.
var errGateShut = fmt.Errorf("abandoned: records are no longer taken")

func (g *gate) call(rec connectors.Record, err error) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.closed {
		return errGateShut
	}
	return g.fn(rec, err)
}

func (g *gate) shut() {
	g.mu.Lock()
	g.closed = true
	g.mu.Unlock()
}
