package detectors

import (
	"slices"
	"strings"
)

// Recaller is implemented by detectors whose evidence carries from one text
// of an object to the next. A novel introduces 清 as a maid in its first
// chapter and calls her 清 bare for the rest of the book; a letter greets
// 山田様 in one paragraph and writes 山田 in the next. The scanner judges an
// object's texts apart (a file's chunks go to different workers), so it
// keeps what earlier texts gave evidence for, in walk order, and asks the
// detector to find bare mentions of it in the texts after them. Only the
// prose of one object is remembered, never the cells of a table or the
// values of a document: each row is another person.
type Recaller interface {
	// Recall returns the keys that value, a candidate of the detector
	// judged v (medium or high), makes worth recalling in later texts;
	// nil for none.
	Recall(value string, v Verdict) []string
	// Mentions finds and judges, in t, bare mentions of keys that an
	// earlier text gave evidence for.
	Mentions(t *Text, keys []string) []Candidate
}

// maxRecalled bounds what one object can make the scanner remember: a
// long text names dozens of people, not thousands.
const maxRecalled = 256

// Recollection is what the earlier texts of one object gave evidence for,
// in the order they gave it; its size is bounded. The zero value is empty.
type Recollection struct {
	keys []string
}

// Reset forgets everything, for the next object.
func (r *Recollection) Reset() {
	clear(r.keys)
	r.keys = r.keys[:0]
}

// Len is how many keys are remembered.
func (r *Recollection) Len() int { return len(r.keys) }

// Note remembers copies of keys, up to maxRecalled in all.
func (r *Recollection) Note(keys ...string) {
	for _, k := range keys {
		if len(r.keys) < maxRecalled && !slices.Contains(r.keys, k) {
			r.keys = append(r.keys, strings.Clone(k))
		}
	}
}

// Except appends to dst the remembered keys not among own (those a text
// gave evidence for itself, and which its detector found there already).
func (r *Recollection) Except(dst, own []string) []string {
	for _, k := range r.keys {
		if !slices.Contains(own, k) {
			dst = append(dst, k)
		}
	}
	return dst
}

// Recaller returns the set's detector that recalls across texts, and its
// Recaller; nil, nil when it has none.
func (s *Set) Recaller() (Detector, Recaller) {
	for _, d := range s.detectors {
		if r, ok := d.(Recaller); ok {
			return d, r
		}
	}
	return nil, nil
}
