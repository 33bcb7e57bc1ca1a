package dbtest

import (
	"context"
	"sync"
	"testing"

	"github.com/pmscan/pmscan/connectors"
)

// Versions walks c with a baseline that carries every relation over, so
// that no row is read, and returns the Version each relation had when the
// baseline was asked, by Object.Table. A relation that fails (one the user
// may not read) is left out; a record other than a carried end fails the
// test.
func Versions(t testing.TB, c connectors.Connector) map[string]*connectors.Version {
	t.Helper()
	iw, ok := c.(connectors.IncrementalWalker)
	if !ok {
		t.Fatalf("%T does not implement connectors.IncrementalWalker", c)
	}
	b := &carryAll{seen: map[string]*connectors.Version{}}
	err := iw.WalkSince(context.Background(), b, func(rec connectors.Record, err error) error {
		switch {
		case err != nil && rec.Terminal():
			b.forget(rec.Loc.Object.Table)
		case !rec.Terminal() || rec.Done.Carried == nil:
			t.Errorf("%s: a record of a carried relation: %+v, %v", rec.Loc.Object.Name(), rec.Loc, err)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("WalkSince: %v", err)
	}
	return b.seen
}

// carryAll carries everything and remembers every object's version.
type carryAll struct {
	mu   sync.Mutex
	seen map[string]*connectors.Version
}

func (b *carryAll) Carry(_ context.Context, o *connectors.Object) *connectors.Carried {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.seen[o.Table] = o.Version
	return &connectors.Carried{Parts: []connectors.CarriedPart{{Object: o, Stats: connectors.ObjectStats{Format: "carried"}}}}
}

func (b *carryAll) forget(table string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	delete(b.seen, table)
}
