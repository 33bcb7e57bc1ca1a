package inventory

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/pmscan/pmscan/reports/policy"
)

// conformance checks every holding against the policy. One holding can
// raise several flags: My Numbers held where the policy lists no store for
// them are both undeclared there and, past their retention, too old.
func (b *Builder) conformance(inv *Inventory, aggs []*holdingAgg) []Flag {
	flags := []Flag{}
	add := func(sev Severity, rule string, h Holding, format string, args ...any) {
		msg := fmt.Sprintf(format, args...)
		if h.High+h.Medium == 0 {
			// Low-confidence findings alone are leads to check, not holdings.
			sev, msg = SeverityLow, msg+" (low-confidence findings only)"
		}
		flags = append(flags, Flag{Severity: sev, Rule: rule, ItemID: h.ItemID, Item: h.Item, Class: h.Class,
			Place: h.Place, Findings: h.Findings, Message: msg})
	}
	for i, a := range aggs {
		h := inv.Holdings[i]
		it := a.item
		if it == nil {
			add(SeverityMedium, RuleUnmappedType, h, "%s found, but no item of the policy lists %s: add it to an item, or to ignore_types",
				h.Item, strings.Join(h.Types, ", "))
			continue
		}
		special := it.Class == policy.ClassSensitive || it.Class == policy.ClassMyNumber
		switch {
		case !it.IsHeld():
			sev := SeverityMedium
			if special {
				sev = SeverityHigh
			}
			add(sev, RuleUndeclaredItem, h, "%s (%s) is held, but the policy says it is not", it.Name, it.Class)
		case !b.policy.DeclaredAt(it, h.Name):
			sev := SeverityMedium
			if special {
				sev = SeverityHigh
			}
			add(sev, RuleUndeclaredPlace, h, "%s is held here, outside the stores the policy lists for it (%s)", it.Name, strings.Join(it.Stores, ", "))
		}
		if it.Class == policy.ClassSensitive && it.IsHeld() {
			add(SeverityMedium, RuleSensitive, h, "%s is 要配慮個人情報: its acquisition needs the person's prior consent; check that it is recorded", it.Name)
		}
		if !it.Retention.IsZero() && h.Oldest != nil && h.Oldest.Before(it.Retention.Cutoff(inv.Finished)) {
			add(SeverityMedium, RuleRetention, h, "data from %s is older than the %s retention of %s", h.Oldest.Format("2006-01-02"), it.Retention.Text, it.Name)
		}
	}
	slices.SortStableFunc(flags, func(x, y Flag) int {
		return cmp.Or(-cmp.Compare(x.Severity, y.Severity), cmp.Compare(x.Rule, y.Rule), cmp.Compare(x.Name, y.Name), cmp.Compare(x.Column, y.Column))
	})
	return flags
}
