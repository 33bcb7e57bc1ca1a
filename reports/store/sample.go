package store

import (
	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/reports/inventory"
	"github.com/pmscan/pmscan/scanner"
)

// KeepAll makes Sample pass every finding on.
const KeepAll = -1

// Sample passes on to next the first n findings of each place, column and
// detector type, and every problem. The inventory counts everything; the
// store keeps evidence: a scan of a million-row table yields millions of
// findings that would take a minute and a gigabyte to store, to say what
// the holdings already say. n = KeepAll passes every finding on.
func Sample(next scanner.Sink, n int) scanner.Sink {
	if n == KeepAll {
		return next
	}
	return &sampler{next: next, n: n, seen: map[sampleKey]int{}}
}

type sampleKey struct {
	place inventory.Place
	typ   string
}

type sampler struct {
	next scanner.Sink
	n    int
	seen map[sampleKey]int // grows with the places and columns, as the inventory does
}

func (s *sampler) Finding(f *scanner.Finding) error {
	k := sampleKey{inventory.PlaceOf(f.Location), f.Type}
	if s.seen[k] >= s.n {
		if ix, ok := s.next.(lookupIndexer); ok && f.LookupHash != 0 {
			return ix.indexFinding(f)
		}
		return nil
	}
	s.seen[k]++
	return s.next.Finding(f)
}

func (s *sampler) Object(o *connectors.Object, st connectors.ObjectStats) error {
	return s.next.Object(o, st)
}

func (s *sampler) Problem(p scanner.Problem) error { return s.next.Problem(p) }

var _ scanner.CheckpointSink = (*sampler)(nil)

func (s *sampler) Checkpoint(o *connectors.Object, cp *connectors.Checkpoint) error {
	if cs, ok := s.next.(scanner.CheckpointSink); ok {
		return cs.Checkpoint(o, cp)
	}
	return nil
}

// Resume counts the findings of o that the scan resumed from kept up to
// its checkpoint, which the scan copies as its own, so that o keeps no
// more than n per column and type in all, as a reading without a stop
// would.
func (s *sampler) Resume(o *connectors.Object, c *connectors.Carried) error {
	if kc, ok := s.next.(keptCounter); ok {
		// A store that does not answer here fails the next write, where
		// the sink's retry and spool decide; the sample may then keep more.
		counts, _ := kc.keptCounts(c.Scan, o.Name())
		for col, n := range counts {
			k := sampleKey{inventory.Place{Store: o.Store, Name: o.Name(), Column: col.column}, col.typ}
			s.seen[k] += n
		}
	}
	if cs, ok := s.next.(scanner.CheckpointSink); ok {
		return cs.Resume(o, c)
	}
	return nil
}

// lookupIndexer keeps the lookup index's entry of a finding it does not
// keep (ScanSink is one): the index holds every identifier.
type lookupIndexer interface {
	indexFinding(f *scanner.Finding) error
}

// sampleColumn is a column and a detector type of one place.
type sampleColumn struct{ column, typ string }

// keptCounter counts what an earlier scan kept of a table up to its
// checkpoint (ScanSink is one).
type keptCounter interface {
	keptCounts(scan int64, root string) (map[sampleColumn]int, error)
}
