package inventory

import (
	"cmp"
	"errors"
	"slices"
	"time"

	"github.com/axiomhq/hyperloglog"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/reports/policy"
	"github.com/pmscan/pmscan/scanner"
)

const maxExamples = 3

// Builder aggregates a scan's results as they arrive; it is a scanner.Sink
// and, like every sink, is called on one goroutine. Its memory grows with
// the number of places holding something, not with the findings.
type Builder struct {
	policy   *policy.Policy
	hold     map[holdingKey]*holdingAgg
	ages     map[string]span // place name -> the age of its data
	problems []Problem
	placer   Placer
	items    map[itemQuery]itemAnswer
	lastAge  [2]string // the place and time noteAge saw last
}

type holdingKey struct {
	place  Place
	itemID string // or the detector type, for findings no item lists
}

type holdingAgg struct {
	h        Holding
	item     *policy.Item // nil when unmapped
	distinct *hyperloglog.Sketch
}

type span struct{ oldest, newest time.Time }

// NewBuilder maps findings onto p.
func NewBuilder(p *policy.Policy) *Builder {
	return &Builder{policy: p, hold: map[holdingKey]*holdingAgg{}, ages: map[string]span{}, items: map[itemQuery]itemAnswer{}}
}

var _ scanner.Sink = (*Builder)(nil)

// PlaceOf names where a location is, for people and for the policy's store
// globs: a file path, s3://bucket/key, or store://host/database/table.
func PlaceOf(l connectors.Location) Place {
	p := Place{Store: l.Store, Column: l.Column}
	switch {
	case l.Bucket != "":
		p.Name = "s3://" + l.Bucket + "/" + l.Key
	case l.Table != "":
		p.Name = l.Store + "://" + l.Host + "/" + l.Database + "/" + l.Table
	default:
		p.Name = l.Path
	}
	return p
}

// Placer names places as PlaceOf does, reusing the name while locations
// come from one object, as they do in runs: naming then costs no
// allocation per finding.
type Placer struct {
	last connectors.Location // identity fields only
	name string
}

// Of is PlaceOf(l).
func (p *Placer) Of(l connectors.Location) Place {
	if p.name == "" || l.Store != p.last.Store || l.Path != p.last.Path || l.Key != p.last.Key || l.Bucket != p.last.Bucket ||
		l.Table != p.last.Table || l.Database != p.last.Database || l.Host != p.last.Host {
		p.last = connectors.Location{Store: l.Store, Path: l.Path, Key: l.Key, Bucket: l.Bucket, Table: l.Table, Database: l.Database, Host: l.Host}
		p.name = PlaceOf(l).Name
	}
	return Place{Store: l.Store, Name: p.name, Column: l.Column}
}

// itemQuery and itemAnswer memoise Policy.ItemFor, which lowercases the
// column and walks the items: once per type and column, not per finding.
type itemQuery struct{ typ, kind, column string }

type itemAnswer struct {
	item *policy.Item
	err  error
}

// Finding adds one finding to its holding.
func (b *Builder) Finding(f *scanner.Finding) error {
	q := itemQuery{f.Type, f.Kind, f.Location.Column}
	ans, ok := b.items[q]
	if !ok {
		ans.item, ans.err = b.policy.ItemFor(f.Type, f.Kind, f.Location.Column)
		b.items[q] = ans
	}
	item, err := ans.item, ans.err
	if item == nil && err == nil {
		return nil // a type the policy ignores
	}
	typ := f.Type
	if f.Kind != "" {
		typ += "/" + f.Kind
	}
	key := holdingKey{place: b.placer.Of(f.Location)}
	if errors.Is(err, policy.ErrNoItem) {
		key.itemID = "type:" + typ
	} else {
		key.itemID = item.ID
	}
	a := b.hold[key]
	if a == nil {
		a = &holdingAgg{item: item, distinct: hyperloglog.New14()}
		a.h.Place = key.place
		if item != nil {
			a.h.ItemID, a.h.Item, a.h.Class = item.ID, item.Name, item.Class
		} else {
			a.h.Item = typ
		}
		b.hold[key] = a
	}
	h := &a.h
	h.Findings++
	switch f.Confidence {
	case detectors.High:
		h.High++
	case detectors.Medium:
		h.Medium++
	default:
		h.Low++
	}
	if !slices.Contains(h.Types, typ) {
		h.Types = append(h.Types, typ)
	}
	a.distinct.InsertHash(f.ValueHash)
	example := f.Masked
	if f.Value != "" {
		example = f.Value
	}
	if len(h.Examples) < maxExamples && !slices.Contains(h.Examples, example) {
		h.Examples = append(h.Examples, example)
	}
	if f.Location.SampledBytes > 0 {
		h.Sampled = true
	}
	b.noteAge(key.place.Name, f.Location.LastModified)
	return nil
}

// Object notes the age of an object's data: a file's or an S3 object's
// modification time, or a table's record dates.
func (b *Builder) Object(l connectors.Location, st connectors.ObjectStats) error {
	place := PlaceOf(l).Name
	b.noteAge(place, l.LastModified)
	for _, d := range []string{st.Oldest, st.Newest} {
		if d != "" {
			b.noteAge(place, d+"T00:00:00Z")
		}
	}
	return nil
}

// Problem keeps the first MaxProblems problems.
func (b *Builder) Problem(p scanner.Problem) error {
	if len(b.problems) < MaxProblems {
		b.problems = append(b.problems, Problem{Place: PlaceOf(p.Location), Skipped: p.Skipped, Error: p.Err.Error()})
	}
	return nil
}

func (b *Builder) noteAge(place, modified string) {
	if modified == "" || (b.lastAge[0] == place && b.lastAge[1] == modified) {
		return
	}
	b.lastAge = [2]string{place, modified}
	t, err := time.Parse(time.RFC3339, modified)
	if err != nil {
		return
	}
	s, ok := b.ages[place]
	if !ok {
		b.ages[place] = span{t, t}
		return
	}
	if t.Before(s.oldest) {
		s.oldest = t
	}
	if t.After(s.newest) {
		s.newest = t
	}
	b.ages[place] = s
}

// Build finishes the inventory of a scan that ended with sum.
func (b *Builder) Build(sum *scanner.Summary) *Inventory {
	inv := &Inventory{
		SchemaVersion: SchemaVersion,
		Started:       sum.Started.UTC(),
		Finished:      sum.Finished.UTC(),
		Policy:        b.policy.Source,
		Company:       b.policy.Company,
		Interrupted:   sum.Interrupted,
		Totals: Totals{Objects: sum.Objects, Bytes: sum.Bytes, Rows: sum.Rows, Findings: sum.Findings,
			Skipped: sum.Skipped, Failed: sum.Failed},
		Flags:    []Flag{},
		Items:    []ItemSummary{},
		Holdings: []Holding{},
		Problems: append([]Problem{}, b.problems...),
	}
	for _, t := range sum.Targets {
		tr := Target{Name: t.Name}
		if t.Err != nil {
			tr.Error = t.Err.Error()
		}
		inv.Targets = append(inv.Targets, tr)
	}

	aggs := make([]*holdingAgg, 0, len(b.hold))
	for _, a := range b.hold {
		aggs = append(aggs, a)
	}
	slices.SortFunc(aggs, func(x, y *holdingAgg) int {
		return cmp.Or(cmp.Compare(x.h.Name, y.h.Name), cmp.Compare(x.h.Column, y.h.Column), cmp.Compare(x.h.Item, y.h.Item))
	})
	type itemAgg struct {
		s        ItemSummary
		distinct *hyperloglog.Sketch
		places   map[string]bool
	}
	items := map[string]*itemAgg{}
	// People per place: the distinct values of its most distinct
	// identifying item, over all the place's columns (phones in 電話番号
	// and 携帯電話 are one item).
	placeItems := map[[2]string]*hyperloglog.Sketch{}
	for _, a := range aggs {
		h := a.h
		h.Distinct = int64(a.distinct.Estimate())
		h.Distinct = min(h.Distinct, h.Findings)
		slices.Sort(h.Types)
		if s, ok := b.ages[h.Name]; ok {
			oldest, newest := s.oldest, s.newest
			h.Oldest, h.Newest = &oldest, &newest
		}
		h.Declared = a.item != nil && a.item.IsHeld() && b.policy.DeclaredAt(a.item, h.Name)
		if identifying(a.item) {
			k := [2]string{h.Name, h.ItemID}
			if placeItems[k] == nil {
				placeItems[k] = hyperloglog.New14()
			}
			placeItems[k].Merge(a.distinct)
		}
		inv.Holdings = append(inv.Holdings, h)

		key := h.ItemID
		if key == "" {
			key = "type:" + h.Item
		}
		ia := items[key]
		if ia == nil {
			ia = &itemAgg{distinct: hyperloglog.New14(), places: map[string]bool{}}
			ia.s = ItemSummary{ItemID: h.ItemID, Item: h.Item, Class: h.Class, Stores: []string{}}
			if it := a.item; it != nil {
				ia.s.Purpose, ia.s.DisclosureTarget, ia.s.Entrusted = it.Purpose, it.DisclosureTarget, it.Entrusted
				ia.s.Retention, ia.s.Department, ia.s.Declared = it.Retention.Text, it.Department, it.IsHeld()
			}
			items[key] = ia
		}
		ia.s.Findings += h.Findings
		ia.distinct.Merge(a.distinct)
		ia.places[h.Name] = true
		if !slices.Contains(ia.s.Stores, h.Store) {
			ia.s.Stores = append(ia.s.Stores, h.Store)
		}
		ia.s.Oldest = earliest(ia.s.Oldest, h.Oldest)
		ia.s.Newest = latest(ia.s.Newest, h.Newest)
	}
	subjects := map[string]int64{}
	for k, sk := range placeItems {
		subjects[k[0]] = max(subjects[k[0]], int64(sk.Estimate()))
	}
	for _, n := range subjects {
		inv.Totals.Subjects += n
	}
	places := map[string]bool{}
	for _, h := range inv.Holdings {
		places[h.Name] = true
	}
	inv.Totals.Places = len(places)
	for _, ia := range items {
		ia.s.Places = len(ia.places)
		ia.s.Distinct = min(int64(ia.distinct.Estimate()), ia.s.Findings)
		slices.Sort(ia.s.Stores)
		inv.Items = append(inv.Items, ia.s)
	}
	// Ledger order: the policy's order, then unmapped types.
	order := map[string]int{}
	for i, it := range b.policy.Items {
		order[it.ID] = i
	}
	slices.SortFunc(inv.Items, func(x, y ItemSummary) int {
		ox, okx := order[x.ItemID]
		oy, oky := order[y.ItemID]
		switch {
		case okx && oky:
			return cmp.Compare(ox, oy)
		case okx != oky:
			if okx {
				return -1
			}
			return 1
		}
		return cmp.Compare(x.Item, y.Item)
	})
	inv.Flags = b.conformance(inv, aggs)
	return inv
}

// identifying says whether an item's distinct values stand for people:
// the classes that identify, not 個人関連情報, and not unmapped types.
func identifying(it *policy.Item) bool {
	if it == nil {
		return false
	}
	switch it.Class {
	case policy.ClassPersonal, policy.ClassIdentifier, policy.ClassMyNumber:
		return true
	}
	return false
}

func earliest(a, b *time.Time) *time.Time {
	if a == nil || (b != nil && b.Before(*a)) {
		return b
	}
	return a
}

func latest(a, b *time.Time) *time.Time {
	if a == nil || (b != nil && b.After(*a)) {
		return b
	}
	return a
}
