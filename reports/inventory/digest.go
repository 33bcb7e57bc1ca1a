package inventory

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/axiomhq/hyperloglog"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/reports/policy"
)

// An incremental scan does not read an object that is unchanged since an
// earlier scan: it replays what that scan made of it. A digest is that
// record: the object's share of every count, its holdings with their
// value sketches, its column verdicts and its problems, so that the
// inventory of an incremental scan is the inventory a full scan of the
// same data makes. Holdings name the policy's items, so a digest is only
// replayed under the policy it was made with (the scan's reading
// signature says so).

// objectDigest is a digest, in the shape replay takes it; digestcodec.go
// writes and reads it. The JSON tags are the form earlier builds wrote.
type objectDigest struct {
	Place    *digestPlace    `json:"-"` // JSON: jsonDigest.Place
	Holdings []digestHolding `json:"holdings,omitempty"`
	Age      []time.Time     `json:"age,omitempty"` // oldest, newest
	Table    *digestTable    `json:"table,omitempty"`
	Problems []Problem       `json:"problems,omitempty"`
	Raw      bool            `json:"raw,omitempty"`
}

// digestPlace is the object's PlaceCount, its counts by type in type
// order, and its TypeCounts.
type digestPlace struct {
	Store, Name, Encoding  string
	SampledBytes, Findings int64
	ByType                 []typeFindings
	Types                  []TypeCount
}

type typeFindings struct {
	Type     string
	Findings int64
}

type digestHolding struct {
	Holding
	Key      string   `json:"key"`    // the holding's item key: an item ID, or type:TYPE
	Sketch   []byte   `json:"sketch"` // distinct values
	ByScript [][]byte `json:"by_script,omitempty"`
	Plain    bool     `json:"plain,omitempty"`
}

type digestTable struct {
	Kind    string          `json:"kind"`
	Rows    int64           `json:"rows"`
	Sampled bool            `json:"sampled,omitempty"`
	Read    bool            `json:"read"`
	Columns []ColumnVerdict `json:"columns"`
}

// maxDigestProblems bounds the problems a digest keeps of one object, as
// the inventory bounds the scan's.
const maxDigestProblems = MaxProblems

// digests makes a digest of every object as it ends.
type digests struct {
	open map[string]*openObject // problems of objects not ended yet
	last struct {
		obj  *connectors.Object
		part connectors.CarriedPart
	}
	// checkpoint is the digest of an object not ended yet, as it stood at
	// its last checkpoint.
	checkpoint struct {
		obj  *connectors.Object
		part connectors.CarriedPart
	}
	w        digestWriter
	sketches []byte // the sketches of the digest being made
}

type openObject struct {
	problems        []Problem
	skipped, failed int64
}

// EnableDigests makes the builder keep a digest of each object as it
// ends, for Digest. Without it no digest is made.
func (b *Builder) EnableDigests() { b.digests = &digests{open: map[string]*openObject{}} }

// Digest returns the digest of o, the object that ended last, with its
// counts: what the state store keeps so that a later scan can carry o
// over. ok is false when o is not the object that ended last or digests
// are not enabled.
func (b *Builder) Digest(o *connectors.Object) (part connectors.CarriedPart, ok bool) {
	if b.digests == nil || b.digests.last.obj != o {
		return part, false
	}
	return b.digests.last.part, true
}

func (d *digests) problem(o *connectors.Object, pr Problem) {
	if d == nil {
		return
	}
	name := o.Name()
	oo := d.open[name]
	if oo == nil {
		oo = &openObject{}
		d.open[name] = oo
	}
	if pr.Skipped {
		oo.skipped++
	} else {
		oo.failed++
	}
	if len(oo.problems) < maxDigestProblems {
		oo.problems = append(oo.problems, pr)
	}
}

// ended makes the digest of o, which ended read to the end, or with
// terminal.
func (d *digests) ended(b *Builder, o *connectors.Object, terminal *Problem) {
	if d == nil {
		return
	}
	name := o.Name()
	oo := d.open[name]
	delete(d.open, name)
	if d.checkpoint.obj == o {
		d.checkpoint.obj = nil
	}
	part, ok := d.make(b, o, oo, terminal)
	if !ok {
		d.last.obj = nil
		return
	}
	d.last.obj, d.last.part = o, part
}

// make makes the digest of o as the builder holds it now, with oo its
// problems so far.
func (d *digests) make(b *Builder, o *connectors.Object, oo *openObject, terminal *Problem) (connectors.CarriedPart, bool) {
	name := o.Name()
	if oo == nil {
		oo = &openObject{}
	}
	part := connectors.CarriedPart{Object: o, Skipped: oo.skipped, Failed: oo.failed}
	if terminal != nil && terminal.Skipped {
		part.Skip = terminal.Error
	}
	dg := objectDigest{Problems: oo.problems, Raw: b.raw}
	if pa := b.byPlace[name]; pa != nil {
		pc := &pa.pc
		dp := &digestPlace{Store: pc.Store, Name: pc.Name, Encoding: pc.Encoding, SampledBytes: pc.SampledBytes, Findings: pc.Findings,
			ByType: make([]typeFindings, 0, len(pc.ByType)), Types: make([]TypeCount, 0, len(pa.types))}
		for _, typ := range sortedKeys(pc.ByType) {
			dp.ByType = append(dp.ByType, typeFindings{Type: typ, Findings: pc.ByType[typ]})
		}
		for _, typ := range sortedKeys(pa.types) {
			dp.Types = append(dp.Types, *pa.types[typ])
		}
		dg.Place = dp
		part.Findings, part.ByType = pa.pc.Findings, map[string]int64{}
		for typ, n := range pa.pc.ByType {
			typ, _, _ = strings.Cut(typ, "/") // the scan counts types without their kinds
			part.ByType[typ] += n
		}
	}
	if ph := b.byName[name]; ph != nil && len(ph.aggs) > 0 {
		aggs := ph.aggs
		dg.Holdings = make([]digestHolding, 0, len(aggs))
		d.sketches = d.sketches[:0]
		for _, a := range aggs {
			dh, err := digestOf(a, &d.sketches)
			if err != nil {
				return part, false
			}
			dg.Holdings = append(dg.Holdings, dh)
		}
	}
	if s, ok := b.ages[name]; ok {
		dg.Age = []time.Time{s.oldest, s.newest}
	}
	if tv := b.columns.byTable[name]; tv != nil {
		dt := &digestTable{Kind: tv.kind, Rows: tv.rows, Sampled: tv.sampled, Read: tv.read}
		for _, cv := range tv.columns {
			dt.Columns = append(dt.Columns, *cv)
		}
		dg.Table = dt
	}
	part.Digest = d.w.encode(&dg)
	return part, true
}

// digestOf is the digest of a holding. Its sketches are appended to
// *sketches: they need only last until the digest is written.
func digestOf(a *holdingAgg, sketches *[]byte) (digestHolding, error) {
	dh := digestHolding{Holding: a.h, Plain: a.plain}
	dh.Key = a.h.ItemID
	if a.item == nil {
		dh.Key = "type:" + a.h.Item
	}
	// Estimating a sparse sketch first folds the values it holds unsorted
	// into its compressed list, which Build would do anyway: the digest
	// keeps the compact form, and the estimate, so that a scan replaying
	// it neither sorts the values again nor estimates them.
	var (
		err error
		one uint64
		n   int
	)
	if a.plain {
		one, n = a.distinct.Estimate(), 1
	}
	if dh.Sketch, err = appendSketch(sketches, a.distinct); err != nil {
		return dh, err
	}
	for sc, sk := range a.byScript {
		if sk == nil {
			continue
		}
		if dh.ByScript == nil {
			dh.ByScript = make([][]byte, scripts)
		}
		one, n = sk.Estimate(), n+1
		if dh.ByScript[sc], err = appendSketch(sketches, sk); err != nil {
			return dh, err
		}
	}
	dh.Distinct = 0 // not known: Build merges the sketches
	if n == 1 {
		dh.Distinct = int64(one)
		a.estimate = dh.Distinct
	}
	return dh, nil
}

// appendSketch appends sk to *buf and returns its bytes there.
func appendSketch(buf *[]byte, sk *hyperloglog.Sketch) ([]byte, error) {
	start := len(*buf)
	b, err := sk.AppendBinary(*buf)
	if err != nil {
		return nil, err
	}
	*buf = b
	return b[start:len(b):len(b)], nil
}

// carry replays the digests of an object carried over unchanged, and of
// its archive members.
func (b *Builder) carry(o *connectors.Object, c *connectors.Carried) error {
	b.changes.carried(o, c)
	for _, part := range c.Parts {
		var dg objectDigest
		if err := decodeDigest(part.Digest, &dg); err != nil {
			return fmt.Errorf("inventory: the digest of %s kept by scan %d: %w", part.Object.Name(), c.Scan, err)
		}
		if err := b.replay(part.Object, &dg); err != nil {
			return fmt.Errorf("inventory: the digest of %s kept by scan %d: %w", part.Object.Name(), c.Scan, err)
		}
		// Access is this scan's, not the digest's: the walk read it anew.
		a := part.Object.Access
		if a == nil {
			a = o.Access // an archive's members are read through it
		}
		b.noteAccess(part.Object.Name(), a)
	}
	return nil
}

func (b *Builder) replay(o *connectors.Object, dg *objectDigest) error {
	name := o.Name()
	if dp := dg.Place; dp != nil {
		pa := b.place(dp.Store, name, dp.Encoding, dp.SampledBytes)
		pa.pc.Findings += dp.Findings
		for _, tf := range dp.ByType {
			pa.pc.ByType[tf.Type] += tf.Findings
		}
		// The place's new types and their examples are cut from one
		// allocation each.
		fresh, nex := make([]TypeCount, len(dp.Types)), 0
		for _, t := range dp.Types {
			nex += min(len(t.Examples), maxExamples)
		}
		examples := make([]string, nex)
		for i, t := range dp.Types {
			tc := pa.types[t.Type]
			if tc == nil {
				n := min(len(t.Examples), maxExamples)
				tc = &fresh[i]
				tc.Type, tc.Examples, examples = t.Type, examples[:0:n], examples[n:]
				pa.types[t.Type] = tc
			}
			tc.Findings += t.Findings
			tc.High += t.High
			tc.Medium += t.Medium
			tc.Low += t.Low
			for _, ex := range t.Examples {
				if len(tc.Examples) < maxExamples && !slices.Contains(tc.Examples, ex) {
					tc.Examples = append(tc.Examples, ex)
				}
			}
		}
	}
	if len(dg.Holdings) > 0 {
		if err := b.replayHoldings(name, dg.Holdings); err != nil {
			return err
		}
	}
	for _, t := range dg.Age {
		b.noteAge(name, t)
	}
	if dt := dg.Table; dt != nil {
		b.columns.replay(o, dt)
	}
	for _, pr := range dg.Problems {
		b.addProblem(pr)
	}
	b.raw = b.raw || dg.Raw
	return nil
}

// replaySlabs are what the holdings of one digest are made of: the
// holdings, their sketches, and their types and examples, cut from one
// allocation each rather than one per holding, since they live as long
// as the builder, and together. The digest's own lists are not kept: the
// decoder cuts them from blocks it shares with lists replay does not
// keep.
type replaySlabs struct {
	aggs     []holdingAgg
	sketches []hyperloglog.Sketch
	strings  []string
}

func (s *replaySlabs) agg() *holdingAgg {
	a := &s.aggs[0]
	s.aggs = s.aggs[1:]
	return a
}

func (s *replaySlabs) sketch() *hyperloglog.Sketch {
	sk := &s.sketches[0]
	s.sketches = s.sketches[1:]
	return sk
}

// list returns a copy of ss, never nil, capped to its length (appending
// to it copies it).
func (s *replaySlabs) list(ss []string) []string {
	start := len(s.strings)
	s.strings = append(s.strings, ss...)
	return s.strings[start:len(s.strings):len(s.strings)]
}

// replayHoldings replays a digest's holdings of the place named name.
func (b *Builder) replayHoldings(name string, dhs []digestHolding) error {
	nsketch, nstring := len(dhs), 0
	for i := range dhs {
		for _, raw := range dhs[i].ByScript {
			if raw != nil {
				nsketch++
			}
		}
		nstring += len(dhs[i].Types) + len(dhs[i].Examples)
	}
	slabs := replaySlabs{aggs: make([]holdingAgg, len(dhs)), sketches: make([]hyperloglog.Sketch, nsketch),
		strings: make([]string, 0, nstring)}
	ph := b.holdingsAt(name)
	if ph.aggs == nil {
		ph.aggs = make([]*holdingAgg, 0, len(dhs))
	}
	for i := range dhs {
		if err := b.replayHolding(ph, &dhs[i], &slabs); err != nil {
			return err
		}
	}
	return nil
}

func (b *Builder) replayHolding(ph *placeHoldings, dh *digestHolding, slabs *replaySlabs) error {
	h := &dh.Holding
	a := ph.find(h.Store, h.Column, dh.Key)
	if a == nil {
		a = slabs.agg()
		a.h, a.key, a.plain = *h, dh.Key, dh.Plain
		a.h.Name = ph.name
		a.h.Types, a.h.Examples = slabs.list(h.Types), slabs.list(h.Examples)
		a.h.Oldest, a.h.Newest, a.h.Declared, a.h.Distinct = nil, nil, false, 0
		a.estimate = h.Distinct // 0 in a digest that did not take it
		if dh.Key == h.ItemID && h.ItemID != "" {
			a.item = b.itemByID(h.ItemID)
			if a.item == nil {
				return fmt.Errorf("the policy has no item %q", h.ItemID)
			}
		}
		a.distinct = slabs.sketch()
		ph.add(a)
		if err := a.distinct.UnmarshalBinary(dh.Sketch); err != nil {
			return err
		}
		for sc, raw := range dh.ByScript {
			if raw == nil {
				continue
			}
			a.byScript[sc] = slabs.sketch()
			if err := a.byScript[sc].UnmarshalBinary(raw); err != nil {
				return err
			}
		}
		return nil
	}
	// The same place twice (one object reached through two targets):
	// the counts add up and the values merge, as findings would.
	a.estimate = 0
	a.h.Findings += h.Findings
	a.h.High += h.High
	a.h.Medium += h.Medium
	a.h.Low += h.Low
	a.h.Sampled = a.h.Sampled || h.Sampled
	for _, t := range h.Types {
		if !slices.Contains(a.h.Types, t) {
			a.h.Types = append(a.h.Types, t)
		}
	}
	for _, ex := range h.Examples {
		if len(a.h.Examples) < maxExamples && !slices.Contains(a.h.Examples, ex) {
			a.h.Examples = append(a.h.Examples, ex)
		}
	}
	sk := slabs.sketch()
	if err := sk.UnmarshalBinary(dh.Sketch); err != nil {
		return err
	}
	a.plain = a.plain || dh.Plain
	return a.distinct.Merge(sk)
}

func (b *Builder) itemByID(id string) *policy.Item {
	for i := range b.policy.Items {
		if b.policy.Items[i].ID == id {
			return &b.policy.Items[i]
		}
	}
	return nil
}
