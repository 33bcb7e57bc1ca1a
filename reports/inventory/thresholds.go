package inventory

import (
	"cmp"
	"slices"
)

// applyThresholds keeps out of aggs the holdings whose place holds too
// little of a type the policy sets a threshold for, and counts them. A
// holding of several types stays when any of its types without a
// threshold, or whose threshold its place meets, is among them.
func (b *Builder) applyThresholds(aggs []*holdingAgg) ([]*holdingAgg, []BelowThreshold) {
	th := b.policy.Thresholds
	if len(th) == 0 {
		return aggs, nil
	}
	type placeType struct{ place, typ string }
	counted := map[placeType]int64{}
	for _, a := range aggs {
		for _, typ := range a.h.Types {
			if t, ok := th[typ]; ok {
				counted[placeType{a.h.Name, typ}] += t.Counts(a.h.High, a.h.Medium, a.h.Low)
			}
		}
	}
	below := map[string]*BelowThreshold{}
	places := map[placeType]bool{}
	kept := aggs[:0:0]
	for _, a := range aggs {
		stays := false
		var short string
		for _, typ := range a.h.Types {
			t, ok := th[typ]
			if !ok || counted[placeType{a.h.Name, typ}] >= t.Min() {
				stays = true
				break
			}
			short = typ
		}
		if stays || short == "" {
			kept = append(kept, a)
			continue
		}
		bt := below[short]
		if bt == nil {
			bt = &BelowThreshold{Type: short}
			below[short] = bt
		}
		bt.Holdings++
		bt.Findings += a.h.Findings
		if pt := (placeType{a.h.Name, short}); !places[pt] {
			places[pt] = true
			bt.Places++
		}
	}
	out := make([]BelowThreshold, 0, len(below))
	for _, bt := range below {
		out = append(out, *bt)
	}
	slices.SortFunc(out, func(x, y BelowThreshold) int { return cmp.Compare(x.Type, y.Type) })
	return kept, out
}
