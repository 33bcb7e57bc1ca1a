package detectors

import (
	"cmp"
	"fmt"
	"slices"
	"unicode/utf8"
)

// Match is one judged candidate.
type Match struct {
	Detector Detector
	Start    int // byte offsets in Text.Norm
	End      int
	Verdict  Verdict
}

// Set runs a fixed list of detectors behind one keyword prefilter: a single
// Aho-Corasick pass over the text and its column name decides which keyword-
// gated detectors run at all, and cheap byte checks (a digit, an '@') skip
// the detectors that need what the text lacks. A Set is safe for concurrent
// use.
type Set struct {
	detectors []Detector
	gated     []uint64  // per detector: the keyword bit it needs, 0 = always runs
	requires  []Feature // per detector: features of which it needs one, 0 = none
	minDigits []int     // per detector: the fewest digits in a span it can use
	// runnable lists, for every combination of a text's features, the
	// detectors whose requirements it meets: one lookup instead of a test
	// per detector per text.
	runnable [1 << featureCount][]int
	// runnableGates is the OR of the gate bits of runnable[f]: when it is 0
	// the keyword scan is not needed at all.
	runnableGates [1 << featureCount]uint64
	ac            *automaton // keywords, over text and column names
	columnAC      *automaton // column-only signals of gated detectors
}

// NewSet compiles the prefilter for ds.
func NewSet(ds []Detector) (*Set, error) {
	s := &Set{detectors: ds, gated: make([]uint64, len(ds)), requires: make([]Feature, len(ds)), minDigits: make([]int, len(ds))}
	var words, colWords []string
	var bits, colBits []uint64
	gatedCount := 0
	seen := map[string]bool{}
	// Detectors that may share a bit take theirs last, from the bits the
	// others left, round-robin.
	order := make([]int, 0, len(ds))
	var sharers []int
	for i, d := range ds {
		if g, ok := d.(GateSharer); ok && g.SharesGate() {
			sharers = append(sharers, i)
			continue
		}
		order = append(order, i)
	}
	order = append(order, sharers...)
	firstShared, shared := -1, 0
	for _, i := range order {
		d := ds[i]
		if seen[d.Type()] {
			return nil, fmt.Errorf("detector %s listed twice", d.Type())
		}
		seen[d.Type()] = true
		if r, ok := d.(Requirer); ok {
			s.requires[i] = r.Requires()
		}
		if dc, ok := d.(DigitCounter); ok {
			s.minDigits[i] = dc.MinDigits()
		}
		kws := d.Keywords()
		cs, columnSignals := d.(ColumnSignaller)
		if len(kws) == 0 && (!columnSignals || len(cs.ColumnWords()) == 0) {
			continue
		}
		var bit uint64
		switch g, ok := d.(GateSharer); {
		case ok && g.SharesGate() && gatedCount == 64:
			if firstShared < 0 || firstShared == 64 {
				return nil, fmt.Errorf("more than 64 keyword-gated detectors, none of them sharing")
			}
			bit = uint64(1) << (firstShared + shared%(64-firstShared))
			shared++
		case gatedCount == 64:
			return nil, fmt.Errorf("more than 64 keyword-gated detectors")
		default:
			if ok && g.SharesGate() && firstShared < 0 {
				firstShared = gatedCount
			}
			bit = uint64(1) << gatedCount
			gatedCount++
		}
		s.gated[i] = bit
		for _, w := range kws {
			w = string(lowerASCII(Normalize(w)))
			if w == "" {
				return nil, fmt.Errorf("detector %s: empty keyword", d.Type())
			}
			words = append(words, w)
			bits = append(bits, bit)
		}
		if columnSignals {
			for _, w := range cs.ColumnWords() {
				colWords = append(colWords, string(lowerASCII(Normalize(w))))
				colBits = append(colBits, bit)
			}
		}
	}
	for f := range s.runnable {
		for i, r := range s.requires {
			if r == 0 || Feature(f)&r != 0 {
				s.runnable[f] = append(s.runnable[f], i)
				s.runnableGates[f] |= s.gated[i]
			}
		}
	}
	s.ac = newAutomaton(words, bits)
	s.columnAC = newAutomaton(colWords, colBits)
	return s, nil
}

// Run calls fn, in text order, for every candidate that a detector does not
// reject. When two detectors claim exactly the same span, only the more
// confident survives (both on a tie: a 12-digit number can be a My Number and
// a licence number).
func (s *Set) Run(t *Text, fn func(Match)) {
	f := t.features()
	if len(s.runnable[f]) == 0 {
		return
	}
	mask := s.columnGate(t)
	if gates := s.runnableGates[f]; s.ac != nil && gates&^mask != 0 {
		mask |= s.ac.scan(t.Norm, mask)
	}
	found := t.matches[:0]
	for _, i := range s.runnable[f] {
		if g := s.gated[i]; g != 0 && mask&g == 0 {
			continue
		}
		if md := s.minDigits[i]; md > 0 && t.maxSpanDigits() < md {
			continue
		}
		d := s.detectors[i]
		for _, c := range d.Find(t) {
			v := d.Judge(c, t)
			if v.Confidence == Reject {
				continue
			}
			switch {
			case len(v.Reasons) == 0:
				v.Reasons = c.Reasons // the candidate's own slice: no copy needed
			case len(c.Reasons) > 0:
				v.Reasons = append(append([]string(nil), c.Reasons...), v.Reasons...)
			}
			found = append(found, Match{Detector: d, Start: c.Start, End: c.End, Verdict: v})
		}
	}
	t.matches = found // reused by the next text
	// Report in text order; where detectors claim exactly the same span, the
	// more confident wins (both on a tie). Sorting keeps this O(n log n) on
	// text dense with findings.
	if len(found) > 1 {
		slices.SortStableFunc(found, func(a, b Match) int {
			return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End))
		})
	}
	for i := 0; i < len(found); {
		j, best := i, Reject
		for ; j < len(found) && found[j].Start == found[i].Start && found[j].End == found[i].End; j++ {
			best = max(best, found[j].Verdict.Confidence)
		}
		for _, m := range found[i:j] {
			if m.Verdict.Confidence == best {
				fn(m)
			}
		}
		i = j
	}
}

// columnGate returns the gate bits that t's column name opens, cached per
// column: it is the same for every cell of a column.
func (s *Set) columnGate(t *Text) uint64 {
	ci := t.column
	if ci == nil {
		return 0
	}
	if ci.gateSet == s {
		return ci.gate
	}
	var mask uint64
	if s.ac != nil {
		mask = s.ac.scan(ci.norm, 0)
	}
	if s.columnAC != nil {
		mask |= s.columnAC.scan(ci.norm, 0)
	}
	ci.gateSet, ci.gate = s, mask
	return mask
}

// automaton is an Aho-Corasick DFA over bytes, ASCII case-insensitive, whose
// states carry the OR of the bits of the keywords ending there.
type automaton struct {
	class  [256]uint8
	nclass int
	// delta maps a premultiplied state (state*nclass) plus a byte class to
	// the next premultiplied state. States with output are numbered last, so
	// the hot loop tests one comparison instead of loading out per byte.
	delta    []int32
	outStart int32
	out      []uint64 // by state number
	allBits  uint64
	// firstRune marks the BMP runes that begin a keyword. At the root, a
	// three-byte rune outside it cannot move the automaton (no keyword starts
	// with a continuation byte), so it is skipped whole: most of Japanese text.
	firstRune [1024]uint64
}

func newAutomaton(words []string, bits []uint64) *automaton {
	if len(words) == 0 {
		return nil
	}
	a := &automaton{}
	// Bytes that occur in no keyword share class 0.
	for _, w := range words {
		for i := 0; i < len(w); i++ {
			if a.class[w[i]] == 0 {
				a.nclass++
				a.class[w[i]] = uint8(a.nclass)
			}
		}
	}
	if a.nclass > 254 {
		panic("prefilter: too many distinct keyword bytes")
	}
	for c := 'A'; c <= 'Z'; c++ {
		a.class[c] = a.class[c+32]
	}
	a.nclass++
	for _, w := range words {
		if r, size := utf8.DecodeRuneInString(w); size == 3 {
			a.firstRune[r>>6] |= 1 << (r & 63)
		}
	}
	// Trie.
	type node struct {
		next map[uint8]int32
		out  uint64
	}
	nodes := []node{{next: map[uint8]int32{}}}
	for k, w := range words {
		cur := int32(0)
		for i := 0; i < len(w); i++ {
			cl := a.class[w[i]]
			nx, ok := nodes[cur].next[cl]
			if !ok {
				nx = int32(len(nodes))
				nodes = append(nodes, node{next: map[uint8]int32{}})
				nodes[cur].next[cl] = nx
			}
			cur = nx
		}
		nodes[cur].out |= bits[k]
		a.allBits |= bits[k]
	}
	// Breadth-first failure links, folded into a full transition table.
	a.delta = make([]int32, len(nodes)*a.nclass)
	a.out = make([]uint64, len(nodes))
	fail := make([]int32, len(nodes))
	queue := []int32{}
	for cl := 0; cl < a.nclass; cl++ {
		if nx, ok := nodes[0].next[uint8(cl)]; ok {
			a.delta[cl] = nx
			queue = append(queue, nx)
		}
	}
	a.out[0] = nodes[0].out
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		a.out[s] = nodes[s].out | a.out[fail[s]]
		for cl := 0; cl < a.nclass; cl++ {
			if nx, ok := nodes[s].next[uint8(cl)]; ok {
				fail[nx] = a.delta[int(fail[s])*a.nclass+cl]
				a.delta[int(s)*a.nclass+cl] = nx
				queue = append(queue, nx)
			} else {
				a.delta[int(s)*a.nclass+cl] = a.delta[int(fail[s])*a.nclass+cl]
			}
		}
	}
	a.renumber()
	return a
}

// renumber puts states without output first (the root stays 0) and
// premultiplies the transition table by nclass.
func (a *automaton) renumber() {
	n := len(a.out)
	perm := make([]int32, n) // old -> new
	next := int32(0)
	for s := 0; s < n; s++ {
		if a.out[s] == 0 || s == 0 {
			perm[s] = next
			next++
		}
	}
	first := next
	for s := 1; s < n; s++ {
		if a.out[s] != 0 {
			perm[s] = next
			next++
		}
	}
	delta := make([]int32, len(a.delta))
	out := make([]uint64, n)
	for s := 0; s < n; s++ {
		ns := int(perm[s])
		out[ns] = a.out[s]
		for cl := 0; cl < a.nclass; cl++ {
			delta[ns*a.nclass+cl] = perm[a.delta[s*a.nclass+cl]] * int32(a.nclass)
		}
	}
	a.delta, a.out, a.outStart = delta, out, first*int32(a.nclass)
}

// scan returns the bits of every keyword in s, stopping early once all are seen.
func (a *automaton) scan(s string, mask uint64) uint64 {
	state := int32(0)
	delta, class := a.delta, &a.class
	for i := 0; i < len(s); i++ {
		if state == 0 {
			c := s[i]
			if c < 0x80 && class[c] == 0 {
				continue
			}
			if c >= 0xE0 && c < 0xF0 && i+2 < len(s) {
				r := rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
				if a.firstRune[r>>6]&(1<<(r&63)) == 0 {
					i += 2
					continue
				}
			}
		}
		state = delta[state+int32(class[s[i]])]
		if state >= a.outStart {
			mask |= a.out[state/int32(a.nclass)]
			if mask == a.allBits {
				return mask
			}
		}
	}
	return mask
}
