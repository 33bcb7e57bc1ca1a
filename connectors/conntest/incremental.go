package conntest

import (
	"context"
	"sync"
	"testing"

	"github.com/pmscan/pmscan/connectors"
)

// testIncremental checks WalkSince: every object a walk reads has a
// Version; an object whose Version the Baseline accepts is not read (its
// only record is its terminal one, carried, with no error), every other is
// read as a plain walk reads it; and the Baseline is asked about each
// object once, before any of its records.
func testIncremental(t *testing.T, h Harness, ref *walkLog) {
	t.Run("CarryNothing", func(t *testing.T) {
		b := &recordingBaseline{}
		got := walkSince(t, h, b)
		compareLogs(t, "a WalkSince whose baseline carries nothing", ref, got)
		for _, e := range got.entries {
			if e.done != nil && e.err == nil && e.obj.Parent == nil && e.snap.Version == nil {
				t.Errorf("%s was read but has no Version", e.obj.Name())
			}
			if e.done != nil && e.err == nil && e.obj.Parent == nil && !b.asked(e.obj) {
				t.Errorf("%s was read without asking the baseline", e.obj.Name())
			}
		}
	})
	t.Run("CarryEverything", func(t *testing.T) {
		b := &recordingBaseline{carry: true}
		got := walkSince(t, h, b)
		carried := 0
		for _, e := range got.entries {
			switch {
			case e.done == nil:
				t.Errorf("%s: a record of an object the baseline carries: %s", e.obj.Name(), e)
			case e.err != nil:
				// Items that fail before they can be asked about (the denied
				// one, where the store refuses even its facts) still fail.
			case e.done.Carried == nil:
				t.Errorf("%s ended read, not carried", e.obj.Name())
			default:
				carried++
				if e.snap.Version == nil || len(e.snap.Version.Facts) == 0 {
					t.Errorf("%s was carried without a Version", e.obj.Name())
				}
			}
		}
		if want := len(items(h)) - 1; carried < want {
			t.Errorf("%d objects carried, want every readable item (%d)", carried, want)
		}
	})
}

func walkSince(t *testing.T, h Harness, b connectors.Baseline) *walkLog {
	t.Helper()
	c := h.Open(t)
	defer c.Close()
	iw, ok := c.(connectors.IncrementalWalker)
	if !ok {
		t.Fatalf("%T does not implement connectors.IncrementalWalker", c)
	}
	log := &walkLog{}
	var guard callGuard
	log.err = iw.WalkSince(t.Context(), b, guard.wrap(t, func(rec connectors.Record, err error) error {
		e := entry{obj: rec.Loc.Object, snap: *rec.Loc.Object, loc: rec.Loc, data: string(rec.Data),
			lines: rec.Lines, label: rec.Label, err: err}
		if rec.Done != nil {
			st := *rec.Done
			e.done = &st
		}
		log.entries = append(log.entries, e)
		return nil
	}))
	guard.returned()
	if log.err != nil {
		t.Fatalf("WalkSince: %v", log.err)
	}
	return log
}

// recordingBaseline carries every object, or none, and remembers what
// it was asked.
type recordingBaseline struct {
	carry bool
	mu    sync.Mutex
	seen  map[*connectors.Object]bool
}

func (b *recordingBaseline) Carry(_ context.Context, o *connectors.Object) *connectors.Carried {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.seen == nil {
		b.seen = map[*connectors.Object]bool{}
	}
	b.seen[o] = true
	if !b.carry {
		o.ReadBecause = "new"
		return nil
	}
	return &connectors.Carried{Scan: 1, Parts: []connectors.CarriedPart{{Object: o, Stats: connectors.ObjectStats{Format: "carried"}}}}
}

func (b *recordingBaseline) asked(o *connectors.Object) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.seen[o]
}
