package detectors

import "fmt"

// Match is one judged candidate.
type Match struct {
	Detector Detector
	Start    int // byte offsets in Text.Norm
	End      int
	Verdict  Verdict
}

// Set runs a fixed list of detectors behind one keyword prefilter: a single
// Aho-Corasick pass over the text and its column name decides which keyword-
// gated detectors run at all. A Set is safe for concurrent use.
type Set struct {
	detectors []Detector
	gated     []uint64   // per detector: the keyword bit it needs, 0 = always runs
	ac        *automaton // keywords, over text and column names
	columnAC  *automaton // column-only signals of gated detectors
}

// NewSet compiles the prefilter for ds.
func NewSet(ds []Detector) (*Set, error) {
	s := &Set{detectors: ds, gated: make([]uint64, len(ds))}
	var words, colWords []string
	var bits, colBits []uint64
	gatedCount := 0
	seen := map[string]bool{}
	for i, d := range ds {
		if seen[d.Type()] {
			return nil, fmt.Errorf("detector %s listed twice", d.Type())
		}
		seen[d.Type()] = true
		kws := d.Keywords()
		if len(kws) == 0 {
			continue
		}
		if gatedCount == 64 {
			return nil, fmt.Errorf("more than 64 keyword-gated detectors")
		}
		bit := uint64(1) << gatedCount
		gatedCount++
		s.gated[i] = bit
		for _, w := range kws {
			w = string(lowerASCII(Normalize(w)))
			if w == "" {
				return nil, fmt.Errorf("detector %s: empty keyword", d.Type())
			}
			words = append(words, w)
			bits = append(bits, bit)
		}
		if cs, ok := d.(ColumnSignaller); ok {
			for _, w := range cs.ColumnWords() {
				colWords = append(colWords, string(lowerASCII(Normalize(w))))
				colBits = append(colBits, bit)
			}
		}
	}
	s.ac = newAutomaton(words, bits)
	s.columnAC = newAutomaton(colWords, colBits)
	return s, nil
}

// Detectors lists the set's detectors in order.
func (s *Set) Detectors() []Detector { return s.detectors }

// Run calls fn for every candidate that a detector does not reject. When two
// detectors claim exactly the same span, only the more confident survives
// (both on a tie: a 12-digit number can be a My Number and a licence number).
func (s *Set) Run(t *Text, fn func(Match)) {
	var mask uint64
	if s.ac != nil {
		mask = s.ac.scan(t.Norm, 0) | s.ac.scan(t.columnNorm, 0)
	}
	if s.columnAC != nil && t.columnNorm != "" {
		mask |= s.columnAC.scan(t.columnNorm, 0)
	}
	var found []Match
	for i, d := range s.detectors {
		if g := s.gated[i]; g != 0 && mask&g == 0 {
			continue
		}
		for _, c := range d.Find(t) {
			v := d.Judge(c, t)
			if v.Confidence == Reject {
				continue
			}
			if len(c.Reasons) > 0 {
				v.Reasons = append(append([]string(nil), c.Reasons...), v.Reasons...)
			}
			found = append(found, Match{Detector: d, Start: c.Start, End: c.End, Verdict: v})
		}
	}
	for i, m := range found {
		if !outranked(m, found, i) {
			fn(m)
		}
	}
}

func outranked(m Match, all []Match, self int) bool {
	for j, o := range all {
		if j != self && o.Start == m.Start && o.End == m.End && o.Verdict.Confidence > m.Verdict.Confidence {
			return true
		}
	}
	return false
}

// automaton is an Aho-Corasick DFA over bytes, ASCII case-insensitive, whose
// states carry the OR of the bits of the keywords ending there.
type automaton struct {
	class   [256]uint8
	nclass  int
	delta   []int32 // state*nclass + class -> state
	out     []uint64
	allBits uint64
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
	return a
}

// scan returns the bits of every keyword in s, stopping early once all are seen.
func (a *automaton) scan(s string, mask uint64) uint64 {
	state := int32(0)
	n := a.nclass
	for i := 0; i < len(s); i++ {
		state = a.delta[int(state)*n+int(a.class[s[i]])]
		if o := a.out[state]; o != 0 {
			mask |= o
			if mask == a.allBits {
				return mask
			}
		}
	}
	return mask
}
