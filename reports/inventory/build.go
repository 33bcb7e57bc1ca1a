package inventory

import (
	"cmp"
	"errors"
	"slices"
	"strings"
	"time"
	"unicode"

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
	policy *policy.Policy
	// byName holds each place name's holdings; held lists the same in the
	// order the places first held something.
	byName map[string]*placeHoldings
	held   []*placeHoldings
	ages   map[string]span // place name -> the age of its data
	// access is who can read each place with findings, as its store said
	// in this scan (never from a digest: access changes without the data).
	access   map[string]*connectors.Access
	problems []Problem
	nproblem int64 // problems counted, carried ones too
	items    map[itemQuery]itemAnswer
	lastAge  struct {
		place string
		t     time.Time
	} // what noteAge saw last
	places  []*placeAgg
	byPlace map[string]*placeAgg
	last    struct {
		obj   *connectors.Object
		place *placeAgg
		held  *placeHoldings // once Finding looked them up
	} // what countPlace saw last: findings come object by object
	columns *columnVerdicts
	raw     bool // a finding carried its raw value

	digests *digests // nil unless EnableDigests
	changes Changes  // what an incremental scan read and carried
	parts   int      // the parts Build goes through the holdings in; 0: by their number
}

// placeAgg is a place's findings by type; the scan's findings by type
// are the sum over places, so that a place's share can be carried over.
type placeAgg struct {
	pc    PlaceCount
	types map[string]*TypeCount
}

// placeHoldings is one place name's holdings, in the order they were
// made (its digest lists them so). A place holds a few items in a few
// columns: they are found by walking the list, which costs less than
// hashing the place's name with each of them, except at places of many
// columns (a wide table), which are indexed.
type placeHoldings struct {
	name  string
	aggs  []*holdingAgg
	index map[holdingSlot]*holdingAgg // past maxListedHoldings
}

// holdingSlot is what tells a place's holdings apart.
type holdingSlot struct{ store, column, key string }

// maxListedHoldings is the most holdings a place keeps unindexed.
const maxListedHoldings = 8

// holdingsAt returns the holdings of the place named name, made on first
// use.
func (b *Builder) holdingsAt(name string) *placeHoldings {
	ph := b.byName[name]
	if ph == nil {
		ph = &placeHoldings{name: name}
		b.byName[name] = ph
		b.held = append(b.held, ph)
	}
	return ph
}

// find returns the place's holding of key in store and column, or nil.
func (ph *placeHoldings) find(store, column, key string) *holdingAgg {
	if ph.index != nil {
		return ph.index[holdingSlot{store, column, key}]
	}
	for _, a := range ph.aggs {
		if a.key == key && a.h.Column == column && a.h.Store == store {
			return a
		}
	}
	return nil
}

// add adds a new holding a.
func (ph *placeHoldings) add(a *holdingAgg) {
	ph.aggs = append(ph.aggs, a)
	switch {
	case ph.index != nil:
		ph.index[holdingSlot{a.h.Store, a.h.Column, a.key}] = a
	case len(ph.aggs) > maxListedHoldings:
		ph.index = make(map[holdingSlot]*holdingAgg, 2*len(ph.aggs))
		for _, a := range ph.aggs {
			ph.index[holdingSlot{a.h.Store, a.h.Column, a.key}] = a
		}
	}
}

type holdingAgg struct {
	h        Holding
	key      string       // its item's ID, or type:TYPE for findings no item lists
	item     *policy.Item // nil when unmapped
	distinct *hyperloglog.Sketch
	// byScript holds the distinct names of an identifying item by the
	// script they are written in, for the people estimate; distinct holds
	// the other values, and Build merges the two. Each value goes into one
	// sketch, so that names cost no more than other values.
	byScript [scripts]*hyperloglog.Sketch
	plain    bool // distinct holds values of its own
	// estimate is the distinct values of a holding of one sketch, taken
	// when its object ended (its digest keeps it); 0 when not taken or
	// the holding has changed since.
	estimate int64
}

type span struct{ oldest, newest time.Time }

// NewBuilder maps findings onto p.
func NewBuilder(p *policy.Policy) *Builder {
	return &Builder{policy: p, byName: map[string]*placeHoldings{}, ages: map[string]span{}, access: map[string]*connectors.Access{},
		items: map[itemQuery]itemAnswer{}, byPlace: map[string]*placeAgg{}, columns: newColumnVerdicts()}
}

var _ scanner.Sink = (*Builder)(nil)

// PlaceOf is where a location is, for people and for the policy's store
// globs: its object's name (a file path, s3://bucket/key,
// store://host/database/table) and its column.
func PlaceOf(l connectors.Location) Place {
	return Place{Store: l.Object.Store, Name: l.Object.Name(), Column: l.Column}
}

// itemQuery and itemAnswer memoise Policy.ItemFor, which lowercases the
// column and walks the items: once per type and column, not per finding.
type itemQuery struct{ typ, kind, column string }

type itemAnswer struct {
	item *policy.Item
	err  error
	key  string // the holding's key: the item's ID, or type:TYPE
}

// Finding counts one finding by type, place and column, and adds it to its
// holding.
func (b *Builder) Finding(f *scanner.Finding) error {
	typ := f.Type
	if f.Kind != "" {
		typ += "/" + f.Kind
	}
	b.countPlace(typ, f)
	b.raw = b.raw || f.Value != ""
	b.columns.finding(f)

	q := itemQuery{f.Type, f.Kind, f.Location.Column}
	ans, ok := b.items[q]
	if !ok {
		ans.item, ans.err = b.policy.ItemFor(f.Type, f.Kind, f.Location.Column)
		switch {
		case errors.Is(ans.err, policy.ErrNoItem):
			ans.key = "type:" + typ
		case ans.item != nil:
			ans.key = ans.item.ID
		}
		b.items[q] = ans
	}
	item := ans.item
	if item == nil && ans.err == nil {
		return nil // a type the policy ignores
	}
	place := PlaceOf(f.Location)
	ph := b.last.held
	if ph == nil {
		ph = b.holdingsAt(place.Name)
		b.last.held = ph
	}
	a := ph.find(place.Store, place.Column, ans.key)
	if a == nil {
		a = &holdingAgg{key: ans.key, item: item, distinct: hyperloglog.New14()}
		a.h.Place = place
		if item != nil {
			a.h.ItemID, a.h.Item, a.h.Class = item.ID, item.Name, item.Class
		} else {
			a.h.Item = typ
		}
		ph.add(a)
	}
	h := &a.h
	h.Findings++
	a.estimate = 0
	countConfidence(f.Confidence, &h.High, &h.Medium, &h.Low)
	if !slices.Contains(h.Types, typ) {
		h.Types = append(h.Types, typ)
	}
	if f.Type == nameType && identifying(item) {
		sc := scriptOf(exampleOf(f))
		if a.byScript[sc] == nil {
			a.byScript[sc] = hyperloglog.New14()
		}
		a.byScript[sc].InsertHash(f.ValueHash)
	} else {
		a.distinct.InsertHash(f.ValueHash)
		a.plain = true
	}
	addExample(&h.Examples, f)
	o := f.Location.Object
	if o.SampledBytes > 0 {
		h.Sampled = true
	}
	b.noteAge(place.Name, o.Modified)
	return nil
}

// exampleOf is what a report shows of a finding's value: masked, or raw
// when the scan kept raw values.
func exampleOf(f *scanner.Finding) string {
	if f.Value != "" {
		return f.Value
	}
	return f.Masked
}

// countConfidence counts a finding of confidence c.
func countConfidence(c detectors.Confidence, high, medium, low *int64) {
	switch c {
	case detectors.High:
		*high++
	case detectors.Medium:
		*medium++
	default:
		*low++
	}
}

// addExample adds f's example to examples, up to maxExamples distinct.
func addExample(examples *[]string, f *scanner.Finding) {
	if len(*examples) < maxExamples {
		if example := exampleOf(f); !slices.Contains(*examples, example) {
			*examples = append(*examples, example)
		}
	}
}

// countPlace counts a finding f of type typ at its place, by type.
func (b *Builder) countPlace(typ string, f *scanner.Finding) {
	o := f.Location.Object
	pa := b.last.place
	if o != b.last.obj {
		pa = b.place(o.Store, o.Name(), o.Encoding, o.SampledBytes)
		b.last.obj, b.last.place, b.last.held = o, pa, nil
		b.noteAccess(o.Name(), o.Access) // also for an object that fails later
	}
	pa.pc.Findings++
	pa.pc.ByType[typ]++
	tc := pa.types[typ]
	if tc == nil {
		tc = &TypeCount{Type: typ, Examples: []string{}}
		pa.types[typ] = tc
	}
	tc.Findings++
	countConfidence(f.Confidence, &tc.High, &tc.Medium, &tc.Low)
	addExample(&tc.Examples, f)
}

// place returns the place named name, made on first use.
func (b *Builder) place(store, name, encoding string, sampled int64) *placeAgg {
	pa := b.byPlace[name]
	if pa == nil {
		pa = &placeAgg{pc: PlaceCount{Store: store, Name: name, Encoding: encoding, SampledBytes: sampled, ByType: map[string]int64{}},
			types: map[string]*TypeCount{}}
		b.byPlace[name] = pa
		b.places = append(b.places, pa)
	}
	return pa
}

// Object notes the age of an object's data (a file's or an S3 object's
// modification time, or a table's record dates) and a table's column
// statistics.
func (b *Builder) Object(o *connectors.Object, st connectors.ObjectStats) error {
	if st.Carried != nil {
		return b.carry(o, st.Carried)
	}
	b.changes.read(o)
	defer b.digests.ended(b, o, nil)
	place := o.Name()
	b.noteAge(place, o.Modified)
	for _, d := range []string{st.Oldest, st.Newest} {
		if t, err := time.Parse(time.DateOnly, d); err == nil {
			b.noteAge(place, t)
		}
	}
	b.columns.object(o, st)
	b.noteAccess(place, o.Access)
	return nil
}

// noteAccess keeps who can read place, if it has findings: the ledger
// shows it beside the place's holdings.
func (b *Builder) noteAccess(place string, a *connectors.Access) {
	if a != nil && b.byPlace[place] != nil {
		b.access[place] = a
	}
}

// Problem keeps the first MaxProblems problems.
func (b *Builder) Problem(p scanner.Problem) error {
	pr := ProblemOf(p)
	b.addProblem(pr)
	b.digests.problem(p.Location.Object, pr)
	if p.Terminal {
		b.changes.read(p.Location.Object)
		b.digests.ended(b, p.Location.Object, &pr)
	}
	return nil
}

func (b *Builder) addProblem(pr Problem) {
	b.nproblem++
	if len(b.problems) < MaxProblems {
		b.problems = append(b.problems, pr)
	}
}

// ProblemOf is a scanner problem as the inventory and the reports show
// it, whether it comes from a running scan or from the state store.
func ProblemOf(p scanner.Problem) Problem {
	pr := Problem{Place: PlaceOf(p.Location), Skipped: p.Skipped, Reason: ReasonOf(p.Err, p.Skipped)}
	if p.Err != nil {
		pr.Error = p.Err.Error()
	}
	if !p.Terminal {
		pr.Position = p.Location.Position()
	}
	return pr
}

func (b *Builder) noteAge(place string, t time.Time) {
	if t.IsZero() || (b.lastAge.place == place && b.lastAge.t.Equal(t)) {
		return
	}
	b.lastAge.place, b.lastAge.t = place, t
	t = t.UTC().Truncate(time.Second) // as the locations show it
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
		RawValues:     b.raw,
		Totals: Totals{Objects: sum.Objects, Bytes: sum.Bytes, Rows: sum.Rows, Findings: sum.Findings,
			Skipped: sum.Skipped, Failed: sum.Failed},
		Flags:    []Flag{},
		Items:    []ItemSummary{},
		Holdings: []Holding{},
		Types:    b.typeCounts(),
		Places:   make([]PlaceCount, 0, len(b.places)),
		Columns:  b.columns.verdicts(),
		Problems: append([]Problem{}, b.problems...),
	}
	for _, pa := range b.places {
		inv.Places = append(inv.Places, pa.pc)
	}
	if !b.changes.empty() {
		inv.Changes = b.changes.summary()
	}
	for _, t := range sum.Targets {
		inv.Targets = append(inv.Targets, targetOf(t))
	}
	inv.Status = ScanStatus(inv.Interrupted, inv.Targets, inv.Totals.Failed)

	aggs := b.sortedHoldings()
	aggs, inv.BelowThreshold = b.applyThresholds(aggs)
	inv.Holdings = make([]Holding, len(aggs))
	var items map[string]*itemAgg
	inv.Totals.Subjects, inv.Totals.Places, items = b.buildHoldings(aggs, inv.Holdings, b.buildParts(len(aggs)))
	for _, ia := range items {
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

// typeCounts sums the places' findings by type. A type's examples are
// the first distinct ones in walk order: a place's findings come
// together, so the places' own first examples, in the order the places
// were found, hold them.
func (b *Builder) typeCounts() []TypeCount {
	types := map[string]*TypeCount{}
	for _, pa := range b.places {
		for typ, pt := range pa.types {
			tc := types[typ]
			if tc == nil {
				tc = &TypeCount{Type: typ, Examples: []string{}}
				types[typ] = tc
			}
			tc.Findings += pt.Findings
			tc.High += pt.High
			tc.Medium += pt.Medium
			tc.Low += pt.Low
			for _, ex := range pt.Examples {
				if len(tc.Examples) < maxExamples && !slices.Contains(tc.Examples, ex) {
					tc.Examples = append(tc.Examples, ex)
				}
			}
		}
	}
	out := make([]TypeCount, 0, len(types))
	for _, typ := range sortedKeys(types) {
		out = append(out, *types[typ])
	}
	return out
}

// placePeople counts the people at one place: the distinct values of its
// most distinct identifying item, over all the place's columns (phones in
// 電話番号 and 携帯電話 are one item), counted per script and the largest
// taken (山田太郎 in 氏名 and ヤマダタロウ in フリガナ are one person).
// Build meets the places' holdings together, so one place is counted at a
// time; most of its item-and-script sets are one column's, and are
// estimated from that column's sketch without a merged copy.
type placePeople struct {
	place   string
	sets    []peopleSet
	counted bool
	n       int64
}

type peopleSet struct {
	itemID   string
	script   script
	sketches []*hyperloglog.Sketch
	estimate int64 // of a set of one sketch, when its holding's was taken; or -1
}

func (p *placePeople) start(place string) {
	p.place, p.sets, p.counted, p.n = place, p.sets[:0], false, 0
}

// add adds a holding's values in one script; estimate is sk's, or -1
// when not taken.
func (p *placePeople) add(itemID string, sc script, sk *hyperloglog.Sketch, estimate int64) {
	for i := range p.sets {
		if s := &p.sets[i]; s.itemID == itemID && s.script == sc {
			s.sketches = append(s.sketches, sk)
			return
		}
	}
	if len(p.sets) < cap(p.sets) { // a set of an earlier place: reuse its list
		p.sets = p.sets[:len(p.sets)+1]
		s := &p.sets[len(p.sets)-1]
		s.itemID, s.script, s.sketches, s.estimate = itemID, sc, append(s.sketches[:0], sk), estimate
		return
	}
	p.sets = append(p.sets, peopleSet{itemID: itemID, script: sc, sketches: []*hyperloglog.Sketch{sk}, estimate: estimate})
}

// count returns the people at the place once, after its last add.
func (p *placePeople) count() int64 {
	if p.counted {
		return 0
	}
	var n int64
	for _, s := range p.sets {
		if len(s.sketches) == 1 && s.estimate >= 0 {
			n = max(n, s.estimate)
			continue
		}
		sk := s.sketches[0]
		if len(s.sketches) > 1 {
			sk = sk.Clone()
			for _, o := range s.sketches[1:] {
				sk.Merge(o)
			}
		}
		n = max(n, int64(sk.Estimate()))
	}
	p.counted, p.n = true, n
	return n
}

// allValues is the holding's distinct values, names in every script
// with the rest: its own sketch when it has one alone (only), a merged
// copy otherwise, so that Build leaves the holding as it found it.
func (a *holdingAgg) allValues() (all *hyperloglog.Sketch, only bool) {
	var one *hyperloglog.Sketch
	n := 0
	if a.plain {
		one, n = a.distinct, 1
	}
	for _, sk := range a.byScript {
		if sk != nil {
			one, n = sk, n+1
		}
	}
	switch n {
	case 0:
		return a.distinct, false
	case 1:
		return one, true
	}
	all = a.distinct.Clone()
	for _, sk := range a.byScript {
		if sk != nil {
			all.Merge(sk)
		}
	}
	return all, false
}

// itemKey is the key of the holding's item in the ledger: its ID, or
// type:TYPE for types no item lists.
func (a *holdingAgg) itemKey() string {
	if a.h.ItemID != "" {
		return a.h.ItemID
	}
	if k := a.key; len(k) == len("type:")+len(a.h.Item) && k[:len("type:")] == "type:" && k[len("type:"):] == a.h.Item {
		return k // the same string, made once
	}
	return "type:" + a.h.Item
}

// sortedHoldings is every holding in the inventory's order: by place
// name, then column and item. The places are sorted by name, then each
// place's few holdings: the order sorting all holdings by the three
// gives, at a fraction of the string comparisons. Store and key tell
// apart what the three do not.
func (b *Builder) sortedHoldings() []*holdingAgg {
	places := slices.Clone(b.held) // b.held stays in found order
	slices.SortFunc(places, func(x, y *placeHoldings) int { return strings.Compare(x.name, y.name) })
	n := 0
	for _, ph := range places {
		n += len(ph.aggs)
	}
	aggs := make([]*holdingAgg, 0, n)
	for _, ph := range places {
		start := len(aggs)
		aggs = append(aggs, ph.aggs...)
		slices.SortFunc(aggs[start:], func(x, y *holdingAgg) int {
			if c := compareInPlace(&x.h, &y.h); c != 0 {
				return c
			}
			return strings.Compare(x.key, y.key)
		})
	}
	return aggs
}

// CompareHoldings orders holdings as an inventory lists them: by place,
// column and item, then by store and item key, which tell apart only what
// those leave equal. A store that keeps holdings apart from the
// inventory's JSON puts them back in this order.
func CompareHoldings(x, y *Holding) int {
	if c := strings.Compare(x.Name, y.Name); c != 0 {
		return c
	}
	if c := compareInPlace(x, y); c != 0 {
		return c
	}
	return strings.Compare(itemKeyOf(x), itemKeyOf(y))
}

// compareInPlace orders the holdings of one place, but for their item keys.
func compareInPlace(x, y *Holding) int {
	return cmp.Or(strings.Compare(x.Column, y.Column), strings.Compare(x.Item, y.Item), strings.Compare(x.Store, y.Store))
}

// itemKeyOf is a holding's item key, as holdingAgg.key: its item's ID, or
// type:TYPE for a type no item lists.
func itemKeyOf(h *Holding) string {
	if h.ItemID != "" {
		return h.ItemID
	}
	return "type:" + h.Item
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

// nameType is the detector type of people's names: the values written in
// more than one script for one person (a reading, a romanised form).
const nameType = "person_name"

// script is the writing system of a value, told by its first letter: a
// masked value keeps it (山***, ヤ*****, T*** Y*****).
type script uint8

const (
	scriptOther script = iota // digits, symbols: phones, numbers
	scriptHan
	scriptKana
	scriptLatin
	scripts // how many
)

func scriptOf(s string) script {
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Han, r):
			return scriptHan
		case unicode.In(r, unicode.Hiragana, unicode.Katakana):
			return scriptKana
		case unicode.Is(unicode.Latin, r):
			return scriptLatin
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			return scriptOther
		}
	}
	return scriptOther
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
