package inventory

import (
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/axiomhq/hyperloglog"
)

// Build spends most of its time on the holdings: estimating each one's
// distinct values, the people at each place, and each item's values over
// every place. An incremental scan of many small files has every place's
// holdings to go through again at its end, when nothing else runs; so
// Build goes through them in parts, one per core, each a run of whole
// places (the people and the places an item is at are counted place by
// place), and adds the parts' items up.

// minHoldingsPart is the fewest holdings worth a part of their own.
const minHoldingsPart = 4096

// buildParts is how many parts Build goes through n holdings in.
func (b *Builder) buildParts(n int) int {
	if b.parts > 0 {
		return b.parts
	}
	return max(1, min(runtime.GOMAXPROCS(0), n/minHoldingsPart))
}

// itemAgg is an item's summary over the holdings gone through.
type itemAgg struct {
	s        ItemSummary
	distinct *hyperloglog.Sketch
	place    *Place // the place of its last holding: holdings come place by place
}

// buildHoldings writes the inventory's holdings of aggs, sorted, into
// out, in parts concurrently, and returns the people and the places they
// count and their items' summaries, but for the distinct values, by item
// key.
func (b *Builder) buildHoldings(aggs []*holdingAgg, out []Holding, parts int) (subjects int64, places int, items map[string]*itemAgg) {
	type part struct {
		lo, hi   int
		subjects int64
		places   int
		items    map[string]*itemAgg
	}
	ps := make([]part, 0, min(parts, len(aggs)))
	for lo := 0; lo < len(aggs); {
		hi := max(lo+1, min(len(aggs), lo+(len(aggs)-lo)/max(1, parts-len(ps))))
		for hi < len(aggs) && aggs[hi].h.Name == aggs[hi-1].h.Name {
			hi++ // a place's holdings stay in one part
		}
		ps = append(ps, part{lo: lo, hi: hi})
		lo = hi
	}
	var wg sync.WaitGroup
	for i := range ps {
		p := &ps[i]
		wg.Go(func() {
			p.subjects, p.places, p.items = b.holdingsPart(aggs[p.lo:p.hi], out[p.lo:p.hi])
		})
	}
	wg.Wait()
	items = map[string]*itemAgg{}
	for _, p := range ps {
		subjects += p.subjects
		places += p.places
		for key, pa := range p.items {
			ia := items[key]
			if ia == nil {
				items[key] = pa
				continue
			}
			ia.s.Findings += pa.s.Findings
			ia.s.Places += pa.s.Places
			ia.distinct.Merge(pa.distinct)
			for _, st := range pa.s.Stores {
				if !slices.Contains(ia.s.Stores, st) {
					ia.s.Stores = append(ia.s.Stores, st)
				}
			}
			ia.s.Oldest = earliest(ia.s.Oldest, pa.s.Oldest)
			ia.s.Newest = latest(ia.s.Newest, pa.s.Newest)
		}
	}
	return subjects, places, items
}

// holdingsPart goes through a run of whole places' holdings.
func (b *Builder) holdingsPart(aggs []*holdingAgg, out []Holding) (subjects int64, places int, items map[string]*itemAgg) {
	items = map[string]*itemAgg{}
	var people placePeople
	var age *[2]time.Time // the place's, shared by its holdings
	for i, a := range aggs {
		if i == 0 || a.h.Name != aggs[i-1].h.Name {
			age = nil
			if s, ok := b.ages[a.h.Name]; ok {
				age = &[2]time.Time{s.oldest, s.newest}
			}
		}
		if i == 0 || a.h.Name != people.place {
			subjects += people.count()
			places++
			people.start(a.h.Name)
		}
		distinct, only := a.allValues()
		h := &out[i]
		*h = a.h
		h.Distinct = a.estimate
		if h.Distinct == 0 || !only {
			h.Distinct = int64(distinct.Estimate())
		}
		if identifying(a.item) {
			// A holding of one sketch is estimated once, here.
			known := h.Distinct
			if !only {
				known = -1
			}
			if a.plain {
				people.add(a.h.ItemID, scriptOther, a.distinct, known)
			}
			for sc, sk := range a.byScript {
				if sk != nil {
					people.add(a.h.ItemID, script(sc), sk, known)
				}
			}
		}
		h.Distinct = min(h.Distinct, h.Findings)
		slices.Sort(h.Types)
		if age != nil {
			h.Oldest, h.Newest = &age[0], &age[1]
		}
		h.Declared = a.item != nil && a.item.IsHeld() && b.policy.DeclaredAt(a.item, h.Name)
		h.Access = b.access[h.Name]
		if a.item != nil {
			h.AccessDeclared = b.policy.AccessLists(a.item, h.Name)
		}

		key := a.itemKey()
		ia := items[key]
		if ia == nil {
			ia = &itemAgg{distinct: hyperloglog.New14()}
			ia.s = ItemSummary{ItemID: h.ItemID, Item: h.Item, Class: h.Class, Stores: []string{}}
			if it := a.item; it != nil {
				ia.s.Purpose, ia.s.DisclosureTarget, ia.s.Entrusted = it.Purpose, it.DisclosureTarget, it.Entrusted
				ia.s.Retention, ia.s.Department, ia.s.Declared = it.Retention.Text, it.Department, it.IsHeld()
				ia.s.Access = it.Access
				ia.s.Subjects, ia.s.Acquisition, ia.s.Consent, ia.s.Sharing = it.Subjects, it.Acquisition, it.Consent, it.Sharing
				ia.s.Contractors, ia.s.Manager, ia.s.UsePeriod, ia.s.Disposal = it.Contractors, it.Manager, it.UsePeriod, it.Disposal
			}
			items[key] = ia
		}
		ia.s.Findings += h.Findings
		ia.distinct.Merge(distinct)
		if ia.place == nil || ia.place.Name != h.Name {
			ia.s.Places++
		}
		ia.place = &a.h.Place
		if !slices.Contains(ia.s.Stores, h.Store) {
			ia.s.Stores = append(ia.s.Stores, h.Store)
		}
		ia.s.Oldest = earliest(ia.s.Oldest, h.Oldest)
		ia.s.Newest = latest(ia.s.Newest, h.Newest)
	}
	subjects += people.count()
	return subjects, places, items
}
