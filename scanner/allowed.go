package scanner

import (
	"cmp"
	"slices"

	"github.com/pmscan/pmscan/connectors"
)

// AllowKey is what Summary.Allowed counts by: the allow-list entry and the
// type of the hit it held back.
type AllowKey struct{ Entry, Type string }

// allowHit is a hit an Allower held back, on item item of its batch.
type allowHit struct {
	item int
	key  AllowKey
}

// objectAllowed counts the hits held back in each object being read, on
// the sink goroutine, until the object ends: they go into its stats, so
// that the state store keeps them with it and a scan that carries the
// object over counts them again.
type objectAllowed map[*connectors.Object]map[AllowKey]int64

func (a objectAllowed) add(o *connectors.Object, k AllowKey, n int64) {
	m := a[o]
	if m == nil {
		m = map[AllowKey]int64{}
		a[o] = m
	}
	m[k] += n
}

func (a objectAllowed) addCounts(o *connectors.Object, counts []connectors.AllowedCount) {
	for _, c := range counts {
		a.add(o, AllowKey{c.Entry, c.Type}, c.Count)
	}
}

// take returns o's counts, sorted, and forgets them.
func (a objectAllowed) take(o *connectors.Object) []connectors.AllowedCount {
	out := a.counts(o)
	delete(a, o)
	return out
}

// counts returns o's counts so far, sorted.
func (a objectAllowed) counts(o *connectors.Object) []connectors.AllowedCount {
	m := a[o]
	if m == nil {
		return nil
	}
	out := make([]connectors.AllowedCount, 0, len(m))
	for k, n := range m {
		out = append(out, connectors.AllowedCount{Entry: k.Entry, Type: k.Type, Count: n})
	}
	slices.SortFunc(out, func(x, y connectors.AllowedCount) int {
		return cmp.Or(cmp.Compare(x.Entry, y.Entry), cmp.Compare(x.Type, y.Type))
	})
	return out
}
