package store

import (
	"context"
	"hash/maphash"
	"time"
)

// UnitBaseline is what the unit scans ids read, for the distributed scan
// they are parts of: every object they ended whole is carried over as
// they left it, whatever its version says now, since the distributed
// scan reads nothing itself; an object one of them could not read whole
// is read again. Later scans in ids win, as in Baseline. It returns nil
// when the unit scans ended no object.
func (s *Store) UnitBaseline(ctx context.Context, ids []int64) (*Baseline, error) {
	b := &Baseline{s: s, opt: BaselineOptions{Now: time.Now()}, seed: maphash.MakeSeed(), known: map[uint64]knownObject{},
		checkpoints: map[uint64]knownCheckpoint{}, scans: ids, replay: true, windows: map[int64]*partsWindow{}}
	for _, id := range ids {
		if err := b.load(ctx, id); err != nil {
			return nil, err
		}
	}
	if len(b.known) == 0 {
		return nil, nil
	}
	return b, nil
}
