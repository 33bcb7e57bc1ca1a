package inventory

import (
	"cmp"
	"slices"
	"strings"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/reports/policy"
)

// accessFlags raises the access rules. public_access once per place: who
// can read a place is the place's, whatever columns and items it holds,
// and a world-readable export of ten columns is one finding, not ten. It
// stands at the place's most severe holding and names every item held
// there. access_undeclared once per place and item: the item's access
// list decides it.
func accessFlags(inv *Inventory, aggs []*holdingAgg) []Flag {
	var flags []Flag
	type publicPlace struct {
		flag    int      // index in flags
		items   []string // held there, the flag's first
		lowOnly bool     // every holding there is of low-confidence findings only
	}
	public := map[string]*publicPlace{}
	var order []*publicPlace
	// place, item ID -> index in flags, -1 when its readers are all
	// declared: the holdings of one item at one place share both.
	undeclared := map[[2]string]int{}
	for i, a := range aggs {
		h, it := &inv.Holdings[i], a.item
		if it == nil || h.Access == nil {
			continue
		}
		sev, low := itemSeverity(it), h.High+h.Medium == 0
		if low {
			sev = SeverityLow // leads to check, not holdings
		}
		if h.Access.Public() {
			p := public[h.Name]
			if p == nil {
				p = &publicPlace{flag: len(flags), lowOnly: true}
				public[h.Name], order = p, append(order, p)
				flags = append(flags, Flag{Severity: -1, Rule: RulePublicAccess, Place: Place{Store: h.Store, Name: h.Name}, Readers: publicVia(h.Access)})
			}
			fl := &flags[p.flag]
			fl.Findings += h.Findings
			p.lowOnly = p.lowOnly && low
			if sev > fl.Severity {
				fl.Severity, fl.ItemID, fl.Item, fl.Class = sev, h.ItemID, h.Item, h.Class
				p.items = append([]string{it.Name}, slices.DeleteFunc(p.items, func(v string) bool { return v == it.Name })...)
			} else if !slices.Contains(p.items, it.Name) {
				p.items = append(p.items, it.Name)
			}
		}
		if len(h.AccessDeclared) > 0 {
			k := [2]string{h.Name, it.ID}
			if j, ok := undeclared[k]; ok {
				if j >= 0 {
					flags[j].Findings += h.Findings
					flags[j].Severity = max(flags[j].Severity, sev)
				}
				continue
			}
			who := undeclaredReaders(h.Access, h.AccessDeclared)
			if len(who) == 0 {
				undeclared[k] = -1
				continue
			}
			undeclared[k] = len(flags)
			flags = append(flags, Flag{Severity: sev, Rule: RuleAccessUndeclared, ItemID: h.ItemID, Item: h.Item, Class: h.Class,
				Place: h.Place, Findings: h.Findings, Readers: who,
				Message: it.Name + " is readable by " + strings.Join(who, ", ") + ", whom the policy's access lists for it (" + listsOf(h.AccessDeclared) + ") do not name"})
		}
	}
	for _, p := range order {
		fl := &flags[p.flag]
		fl.Items = p.items
		fl.Message = "readable by everyone (" + strings.Join(fl.Readers, "; ") + "), and holds " + strings.Join(p.items, ", ")
		if p.lowOnly {
			fl.Message += " " + lowOnlySuffix
		}
	}
	for j := range flags {
		if f := &flags[j]; f.Rule == RuleAccessUndeclared && f.Severity == SeverityLow && !strings.HasSuffix(f.Message, lowOnlySuffix) {
			f.Message += " " + lowOnlySuffix
		}
	}
	return flags
}

// lowOnlySuffix ends the message of a flag raised by low-confidence
// findings alone.
const lowOnlySuffix = "(low-confidence findings only)"

// publicVia says how everyone can read a place: the ways of its public
// principals.
func publicVia(a *connectors.Access) []string {
	var via []string
	for _, p := range a.Readers {
		if p.Kind == connectors.KindEveryone || p.Kind == connectors.KindAuthenticated {
			via = append(via, cmp.Or(p.Via, p.Kind))
		}
	}
	return via
}

// undeclaredReaders are the readers of a place, as kind:name, that one
// of the access lists that apply to it (the item's, its stores') does not
// name; none when no list applies. Superusers read everything and are not
// asked about, nor is the cloud account that owns a bucket (the company's
// own); everyone is the public_access rule's.
func undeclaredReaders(a *connectors.Access, lists []policy.AccessList) []string {
	if a == nil || len(lists) == 0 {
		return nil
	}
	var out []string
	for _, p := range a.Readers {
		if p.Kind == connectors.KindEveryone || p.Kind == connectors.KindAuthenticated || p.HasWay("superuser") ||
			p.Kind == connectors.KindAccount && p.HasWay("owner") { // the company's own cloud account
			continue
		}
		for _, l := range lists {
			if !l.Allows(p.Kind, p.Name) {
				out = append(out, p.Kind+":"+p.Name)
				break
			}
		}
	}
	return out
}

// listsOf names the access lists: "item my_number, store 人事".
func listsOf(lists []policy.AccessList) string {
	var of []string
	for _, l := range lists {
		of = append(of, l.Of)
	}
	return strings.Join(of, ", ")
}
