// Package diff says what changed between two scans kept in the state
// store: the items, places and columns of personal information that
// appeared or disappeared, the holdings whose counts grew or shrank, the
// conformance flags that are new or resolved, and the objects that became
// unreadable or were read again. Compare works on two inventories alone
// (and the places each scan could not read); the writers render its Diff
// as text (in the reader's language), JSON (SCHEMA.md) or one HTML page.
//
// A Diff holds no values and no examples: only names, counts and flags,
// so that it is safe to share whether or not the scans ran with
// -show-data.
package diff

import (
	"cmp"
	"slices"
	"time"

	"github.com/pmscan/pmscan/reports/inventory"
)

// SchemaVersion is the version of the Diff JSON schema (SCHEMA.md).
const SchemaVersion = 1

// Diff is what changed from one scan to a later one.
type Diff struct {
	SchemaVersion int     `json:"schema_version"`
	From          ScanRef `json:"from"`
	To            ScanRef `json:"to"`
	Totals        Totals  `json:"totals"`
	// Items are the items of personal information held in one scan and
	// not in the other, over every place.
	Items Changes[Item] `json:"items"`
	// Places are the places holding personal information in one scan and
	// nothing in the other.
	Places Changes[PlaceChange] `json:"places"`
	// Columns are the columns (and JSON key paths) holding personal
	// information in one scan and not in the other, of places that hold
	// some in both: a new place's columns are in Places.
	Columns Changes[PlaceChange] `json:"columns"`
	// Holdings are the items per place and column that changed, below the
	// places and columns already listed as appeared or disappeared.
	Holdings HoldingChanges `json:"holdings"`
	Flags    FlagChanges    `json:"flags"`
	// Unreadable are the objects that could not be read at all in one
	// scan and could in the other (or are no longer there).
	Unreadable UnreadableChanges `json:"unreadable"`
}

// ScanRef is one of the two scans compared.
type ScanRef struct {
	// Scan is the scan's ID in the state store; Compare leaves it 0 for
	// the caller to set.
	Scan     int64     `json:"scan"`
	Started  time.Time `json:"started"`
	Finished time.Time `json:"finished"`
	Status   string    `json:"status"` // inventory's Status constants
	Targets  []string  `json:"targets"`
}

// Count is a number in both scans.
type Count struct {
	From int64 `json:"from"`
	To   int64 `json:"to"`
}

// Totals are the scans' totals side by side.
type Totals struct {
	Findings Count `json:"findings"`
	Places   Count `json:"places"`   // places holding personal information
	Subjects Count `json:"subjects"` // the people estimate
	Failed   Count `json:"failed"`   // objects that could not be read
}

// Changes are what appeared in the later scan and what disappeared from
// it.
type Changes[T any] struct {
	Appeared    []T `json:"appeared"`
	Disappeared []T `json:"disappeared"`
}

// Item is an item of personal information, with its counts in the scan
// that holds it.
type Item struct {
	ItemID   string `json:"item_id,omitempty"`
	Item     string `json:"item"`
	Class    string `json:"class,omitempty"`
	Places   int    `json:"places"`
	Findings int64  `json:"findings"`
	Distinct int64  `json:"distinct"`
}

// PlaceChange is a place, or a column of one, with what the scan that
// holds it found there.
type PlaceChange struct {
	inventory.Place
	Items    []string `json:"items"` // the names of the items held, sorted
	Findings int64    `json:"findings"`
}

// Holding is one item at one place and column, with its counts in both
// scans (0 in the scan that does not hold it).
type Holding struct {
	inventory.Place
	ItemID   string `json:"item_id,omitempty"`
	Item     string `json:"item"`
	Class    string `json:"class,omitempty"`
	Findings Count  `json:"findings"`
	Distinct Count  `json:"distinct"`
}

// HoldingChanges are the holdings that changed. Appeared and Disappeared
// are those at places and columns held in both scans. A holding held in
// both grew when its findings grew, or, findings unchanged, its distinct
// values did; it shrank the other way round. A holding whose numbers are
// the same is not listed.
type HoldingChanges struct {
	Appeared    []Holding `json:"appeared"`
	Disappeared []Holding `json:"disappeared"`
	Grew        []Holding `json:"grew"`
	Shrank      []Holding `json:"shrank"`
}

// FlagChanges are the conformance flags raised by the later scan and not
// the earlier one (New, as the later scan words them), and the other way
// round (Resolved, as the earlier scan words them). A flag is the same in
// both when its rule, item, store, place and column are: its severity,
// message and findings may differ.
type FlagChanges struct {
	New      []inventory.Flag `json:"new"`
	Resolved []inventory.Flag `json:"resolved"`
}

// UnreadableChanges are objects that could not be read at all in one scan
// only.
type UnreadableChanges struct {
	New []inventory.Place `json:"new"`
	// ReadableAgain could not be read in the earlier scan and did not fail
	// in the later one: read, or no longer there.
	ReadableAgain []inventory.Place `json:"readable_again"`
}

// Empty reports whether nothing changed, totals aside.
func (d *Diff) Empty() bool {
	return d.newCount()+len(d.Items.Disappeared)+len(d.Places.Disappeared)+len(d.Columns.Disappeared)+
		len(d.Holdings.Disappeared)+len(d.Holdings.Grew)+len(d.Holdings.Shrank)+
		len(d.Flags.Resolved)+len(d.Unreadable.ReadableAgain) == 0
}

// newCount counts what is new: appeared, new flags, newly unreadable.
func (d *Diff) newCount() int {
	return len(d.Items.Appeared) + len(d.Places.Appeared) + len(d.Columns.Appeared) + len(d.Holdings.Appeared) +
		len(d.Flags.New) + len(d.Unreadable.New)
}

// Compare says what changed from the scan of from to the later scan of to.
// fromFailed and toFailed are the places each scan could not read at all
// (FailedPlaces); nil for none. A nil inventory counts as an empty one.
// Lists come out sorted by place, column and item (items in the policy's
// order, flags most severe first), never nil.
func Compare(from, to *inventory.Inventory, fromFailed, toFailed []inventory.Place) *Diff {
	if from == nil {
		from = &inventory.Inventory{}
	}
	if to == nil {
		to = &inventory.Inventory{}
	}
	f, t := indexOf(from), indexOf(to)
	d := &Diff{
		SchemaVersion: SchemaVersion,
		From:          refOf(from),
		To:            refOf(to),
		Totals: Totals{
			Findings: Count{from.Totals.Findings, to.Totals.Findings},
			Places:   Count{int64(from.Totals.Places), int64(to.Totals.Places)},
			Subjects: Count{from.Totals.Subjects, to.Totals.Subjects},
			Failed:   Count{from.Totals.Failed, to.Totals.Failed},
		},
	}
	d.Items = Changes[Item]{Appeared: onlyItems(to, f), Disappeared: onlyItems(from, t)}
	d.Places = Changes[PlaceChange]{Appeared: t.onlyPlaces(f), Disappeared: f.onlyPlaces(t)}
	d.Columns = Changes[PlaceChange]{Appeared: t.onlyColumns(f), Disappeared: f.onlyColumns(t)}
	d.Holdings = HoldingChanges{
		Appeared:    t.onlyHoldings(f, func(h *inventory.Holding) Holding { return holdingOf(h, nil, h) }),
		Disappeared: f.onlyHoldings(t, func(h *inventory.Holding) Holding { return holdingOf(h, h, nil) }),
		Grew:        []Holding{},
		Shrank:      []Holding{},
	}
	for i := range to.Holdings {
		th := &to.Holdings[i]
		fh, ok := f.holdings[holdingKeyOf(th)]
		if !ok {
			continue
		}
		switch c := cmp.Or(cmp.Compare(th.Findings, fh.Findings), cmp.Compare(th.Distinct, fh.Distinct)); {
		case c > 0:
			d.Holdings.Grew = append(d.Holdings.Grew, holdingOf(th, fh, th))
		case c < 0:
			d.Holdings.Shrank = append(d.Holdings.Shrank, holdingOf(th, fh, th))
		}
	}
	d.Flags = FlagChanges{New: onlyFlags(to, f), Resolved: onlyFlags(from, t)}
	d.Unreadable = UnreadableChanges{New: minus(toFailed, fromFailed), ReadableAgain: minus(fromFailed, toFailed)}
	return d
}

func refOf(inv *inventory.Inventory) ScanRef {
	r := ScanRef{Started: inv.Started, Finished: inv.Finished, Status: inv.ScanStatus(), Targets: []string{}}
	for _, t := range inv.Targets {
		r.Targets = append(r.Targets, t.Name)
	}
	return r
}

// itemKey identifies an item across scans: by its policy ID, or by its
// name (the detector types) when no item of the policy lists it.
type itemKey struct{ id, name string }

func keyOfItem(id, name string) itemKey {
	if id != "" {
		return itemKey{id: id}
	}
	return itemKey{name: name}
}

type placeKey struct{ store, name string }

type holdingKey struct {
	place inventory.Place
	item  itemKey
}

func holdingKeyOf(h *inventory.Holding) holdingKey {
	return holdingKey{h.Place, keyOfItem(h.ItemID, h.Item)}
}

type flagKey struct {
	rule  string
	item  itemKey
	place inventory.Place
}

func flagKeyOf(f *inventory.Flag) flagKey {
	return flagKey{f.Rule, keyOfItem(f.ItemID, f.Item), f.Place}
}

// index is one inventory's holdings by place, column and item.
type index struct {
	inv      *inventory.Inventory
	items    map[itemKey]bool
	places   map[placeKey]bool
	columns  map[inventory.Place]bool // columns held, "" included
	holdings map[holdingKey]*inventory.Holding
	flags    map[flagKey]bool
}

func indexOf(inv *inventory.Inventory) *index {
	x := &index{inv: inv, items: map[itemKey]bool{}, places: map[placeKey]bool{}, columns: map[inventory.Place]bool{},
		holdings: map[holdingKey]*inventory.Holding{}, flags: map[flagKey]bool{}}
	for i := range inv.Items {
		x.items[keyOfItem(inv.Items[i].ItemID, inv.Items[i].Item)] = true
	}
	for i := range inv.Holdings {
		h := &inv.Holdings[i]
		x.places[placeKey{h.Store, h.Name}] = true
		x.columns[h.Place] = true
		x.holdings[holdingKeyOf(h)] = h
	}
	for i := range inv.Flags {
		x.flags[flagKeyOf(&inv.Flags[i])] = true
	}
	return x
}

// onlyItems are the items of inv that other does not hold, in inv's order.
func onlyItems(inv *inventory.Inventory, other *index) []Item {
	out := []Item{}
	for _, it := range inv.Items {
		if !other.items[keyOfItem(it.ItemID, it.Item)] {
			out = append(out, Item{ItemID: it.ItemID, Item: it.Item, Class: it.Class, Places: it.Places, Findings: it.Findings, Distinct: it.Distinct})
		}
	}
	return out
}

// onlyPlaces are the places x holds and other does not.
func (x *index) onlyPlaces(other *index) []PlaceChange {
	return x.group(func(h *inventory.Holding) (inventory.Place, bool) {
		return inventory.Place{Store: h.Store, Name: h.Name}, !other.places[placeKey{h.Store, h.Name}]
	})
}

// onlyColumns are the named columns x holds and other does not, at places
// both hold.
func (x *index) onlyColumns(other *index) []PlaceChange {
	return x.group(func(h *inventory.Holding) (inventory.Place, bool) {
		return h.Place, h.Column != "" && other.places[placeKey{h.Store, h.Name}] && !other.columns[h.Place]
	})
}

// group sums x's holdings by the place (or column) key gives, of those it
// selects, in the holdings' order: by place, then column.
func (x *index) group(key func(h *inventory.Holding) (inventory.Place, bool)) []PlaceChange {
	out := []PlaceChange{}
	at := map[inventory.Place]int{}
	for i := range x.inv.Holdings {
		h := &x.inv.Holdings[i]
		p, ok := key(h)
		if !ok {
			continue
		}
		j, seen := at[p]
		if !seen {
			j = len(out)
			at[p] = j
			out = append(out, PlaceChange{Place: p, Items: []string{}})
		}
		c := &out[j]
		c.Findings += h.Findings
		if !slices.Contains(c.Items, h.Item) {
			c.Items = append(c.Items, h.Item)
		}
	}
	for i := range out {
		slices.Sort(out[i].Items)
	}
	return out
}

// onlyHoldings are the holdings x holds and other does not, at a place
// both hold and, for a named column, a column both hold.
func (x *index) onlyHoldings(other *index, of func(*inventory.Holding) Holding) []Holding {
	out := []Holding{}
	for i := range x.inv.Holdings {
		h := &x.inv.Holdings[i]
		if _, ok := other.holdings[holdingKeyOf(h)]; ok || !other.places[placeKey{h.Store, h.Name}] {
			continue
		}
		if h.Column != "" && !other.columns[h.Place] {
			continue
		}
		out = append(out, of(h))
	}
	return out
}

// holdingOf is h (its place and item) with its counts in from and to,
// either of which may be nil.
func holdingOf(h, from, to *inventory.Holding) Holding {
	out := Holding{Place: h.Place, ItemID: h.ItemID, Item: h.Item, Class: h.Class}
	if from != nil {
		out.Findings.From, out.Distinct.From = from.Findings, from.Distinct
	}
	if to != nil {
		out.Findings.To, out.Distinct.To = to.Findings, to.Distinct
	}
	return out
}

// onlyFlags are the flags of inv that other does not raise, in inv's
// order.
func onlyFlags(inv *inventory.Inventory, other *index) []inventory.Flag {
	out := []inventory.Flag{}
	for i := range inv.Flags {
		if !other.flags[flagKeyOf(&inv.Flags[i])] {
			out = append(out, inv.Flags[i])
		}
	}
	return out
}

// minus is the places of a not in b, once each, sorted by place, column
// and store.
func minus(a, b []inventory.Place) []inventory.Place {
	drop := map[inventory.Place]bool{}
	for _, p := range b {
		drop[p] = true
	}
	out := []inventory.Place{}
	for _, p := range a {
		if !drop[p] {
			drop[p] = true // once
			out = append(out, p)
		}
	}
	slices.SortFunc(out, comparePlaces)
	return out
}

func comparePlaces(x, y inventory.Place) int {
	return cmp.Or(cmp.Compare(x.Name, y.Name), cmp.Compare(x.Column, y.Column), cmp.Compare(x.Store, y.Store))
}
