package ledger

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/reports/ja"
	"github.com/pmscan/pmscan/reports/policy"
)

// itemReaders is who can read an item at any of its places, by principal,
// for the ledger's item row: "誰でも" first where any place is public,
// then the principals, at most maxItemReaders of them; "未取得" when no
// store was asked.
func (v *view) itemReaders(key string) string {
	if v.readers == nil {
		v.readers = map[string]string{}
		for k, list := range v.itemAccess() {
			v.readers[k] = readersText(list)
		}
	}
	if s, ok := v.readers[key]; ok {
		return s
	}
	return "未取得"
}

// itemAccess collects each item's holdings' principals, in holdings
// order, once each.
func (v *view) itemAccess() map[string][]connectors.Principal {
	out := map[string][]connectors.Principal{}
	for i := range v.inv.Holdings {
		h := &v.inv.Holdings[i]
		if h.Access == nil {
			continue
		}
		key := itemKey(h.ItemID, h.Item)
		list := out[key]
		if list == nil {
			list = []connectors.Principal{}
		}
		for _, p := range h.Access.Readers {
			p.Via = ""
			if !slices.Contains(list, p) {
				list = append(list, p)
			}
		}
		out[key] = list
	}
	return out
}

// maxItemReaders bounds the principals an item row lists.
const maxItemReaders = 12

func readersText(list []connectors.Principal) string {
	a := connectors.Access{Readers: list}
	a.Sort()
	var names []string
	for i, p := range a.Readers {
		if i == maxItemReaders {
			names = append(names, fmt.Sprintf("ほか%d", len(a.Readers)-i))
			break
		}
		names = append(names, ja.Principal(p))
	}
	return strings.Join(names, "、")
}

// declaredAccessText writes the policy's access lists that apply to a
// holding: group:jinji、user:hr-*（項目）；group:jinji（保管場所 人事）.
func declaredAccessText(lists []policy.AccessList) string {
	var parts []string
	for _, l := range lists {
		of := l.Of
		if id, ok := strings.CutPrefix(of, "item "); ok {
			of = "項目 " + id
		} else if name, ok := strings.CutPrefix(of, "store "); ok {
			of = "保管場所 " + name
		}
		parts = append(parts, strings.Join(l.Entries, "、")+"（"+of+"）")
	}
	return strings.Join(parts, "；")
}
