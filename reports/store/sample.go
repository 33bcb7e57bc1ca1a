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
		return nil
	}
	s.seen[k]++
	return s.next.Finding(f)
}

func (s *sampler) Object(o *connectors.Object, st connectors.ObjectStats) error {
	return s.next.Object(o, st)
}

func (s *sampler) Problem(p scanner.Problem) error { return s.next.Problem(p) }
