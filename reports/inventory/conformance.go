package inventory

import (
	"cmp"
	"math/bits"
	"slices"
	"strings"
	"time"

	"github.com/pmscan/pmscan/reports/policy"
)

// conformance checks every holding against the policy. One holding can
// raise several flags: My Numbers held where the policy lists no store for
// them are both undeclared there and, past their retention, too old.
func (b *Builder) conformance(inv *Inventory, aggs []*holdingAgg) []Flag {
	// The checks each holding fails come first, so that the flags are
	// made in a slice of their number (a scan can raise one or more for
	// most of its holdings), and their messages without fmt.
	failed := make([]check, len(aggs))
	n := 0
	for i, a := range aggs {
		failed[i] = failedChecks(&inv.Holdings[i], a.item, inv.Finished)
		n += bits.OnesCount8(uint8(failed[i]))
	}
	flags := make([]Flag, 0, n)
	add := func(sev Severity, rule string, h *Holding, msg string) {
		if h.High+h.Medium == 0 {
			// Low-confidence findings alone are leads to check, not holdings.
			sev, msg = SeverityLow, msg+" (low-confidence findings only)"
		}
		flags = append(flags, Flag{Severity: sev, Rule: rule, ItemID: h.ItemID, Item: h.Item, Class: h.Class,
			Place: h.Place, Findings: h.Findings, Message: msg})
	}
	for i, a := range aggs {
		h, it, f := &inv.Holdings[i], a.item, failed[i]
		if f&failedUnmapped != 0 {
			add(SeverityMedium, RuleUnmappedType, h, h.Item+" found, but no item of the policy lists "+strings.Join(h.Types, ", ")+
				": add it to an item, or to ignore_types")
			continue
		}
		sev := itemSeverity(it)
		switch {
		case f&failedHeld != 0:
			add(sev, RuleUndeclaredItem, h, it.Name+" ("+it.Class+") is held, but the policy says it is not")
		case f&failedPlace != 0:
			add(sev, RuleUndeclaredPlace, h, it.Name+" is held here, outside the stores the policy lists for it ("+strings.Join(it.Stores, ", ")+")")
		}
		if f&failedSensitive != 0 {
			add(SeverityMedium, RuleSensitive, h, it.Name+" is 要配慮個人情報: its acquisition needs the person's prior consent; check that it is recorded")
		}
		if f&failedRetention != 0 {
			add(SeverityMedium, RuleRetention, h, "data from "+h.Oldest.Format("2006-01-02")+" is older than the "+it.Retention.Text+" retention of "+it.Name)
		}
	}
	flags = append(flags, accessFlags(inv, aggs)...)
	slices.SortStableFunc(flags, func(x, y Flag) int {
		return cmp.Or(-cmp.Compare(x.Severity, y.Severity), cmp.Compare(x.Rule, y.Rule), cmp.Compare(x.Name, y.Name), cmp.Compare(x.Column, y.Column))
	})
	return flags
}

// check is a conformance check a holding can fail, a bit of a set.
type check uint8

const (
	failedUnmapped  check = 1 << iota // no item lists its types
	failedHeld                        // held, but the policy says the item is not
	failedPlace                       // held outside the item's stores
	failedSensitive                   // 要配慮個人情報, held: consent to check
	failedRetention                   // older than the item's retention
)

// failedChecks is the checks a holding h of item it (nil when unmapped)
// fails, in an inventory finished at finished. Build has set h.Declared:
// held, and at a store the policy lists for it.
func failedChecks(h *Holding, it *policy.Item, finished time.Time) check {
	if it == nil {
		return failedUnmapped
	}
	var f check
	switch {
	case !it.IsHeld():
		f |= failedHeld
	case !h.Declared:
		f |= failedPlace
	}
	if it.Class == policy.ClassSensitive && it.IsHeld() {
		f |= failedSensitive
	}
	if !it.Retention.IsZero() && h.Oldest != nil && h.Oldest.Before(it.Retention.Cutoff(finished)) {
		f |= failedRetention
	}
	return f
}

// itemSeverity is the severity of most rules broken by a holding of it:
// high for 要配慮個人情報 and 特定個人情報.
func itemSeverity(it *policy.Item) Severity {
	if it.Class == policy.ClassSensitive || it.Class == policy.ClassMyNumber {
		return SeverityHigh
	}
	return SeverityMedium
}
