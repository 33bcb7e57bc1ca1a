package inventory

import (
	"cmp"
	"slices"

	"github.com/pmscan/pmscan/scanner"
)

// SetAllowed records the hits the allow list held back (sum.Allowed), with
// each entry's reason, the suppressions that expired, and, for a scan that
// walked every target to the end, the entries of ids that held back
// nothing.
func (inv *Inventory) SetAllowed(sum *scanner.Summary, ids, expired []string, reason func(id string) string) {
	inv.Allowed, inv.AllowUnused, inv.Totals.Allowed = nil, nil, 0
	inv.AllowExpired = slices.Sorted(slices.Values(expired))
	used := map[string]bool{}
	for k, n := range sum.Allowed {
		inv.Allowed = append(inv.Allowed, Allowed{Entry: k.Entry, Reason: reason(k.Entry), Type: k.Type, Hits: n})
		inv.Totals.Allowed += n
		used[k.Entry] = true
	}
	slices.SortFunc(inv.Allowed, func(a, b Allowed) int {
		return cmp.Or(cmp.Compare(b.Hits, a.Hits), cmp.Compare(a.Entry, b.Entry), cmp.Compare(a.Type, b.Type))
	})
	if inv.Status != StatusComplete && inv.Status != StatusUnreadable {
		return // a partial scan cannot tell an entry is unused
	}
	for _, id := range ids {
		if !used[id] {
			inv.AllowUnused = append(inv.AllowUnused, id)
		}
	}
}
