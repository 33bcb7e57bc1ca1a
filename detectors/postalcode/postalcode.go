// Package postalcode detects Japanese postal codes (郵便番号): NNN-NNNN
// anywhere, and seven plain digits only after 〒 or 郵便番号 or in a postal
// column.
package postalcode

import (
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/pmscan/pmscan/detectors"
)

// Detector finds postal codes. It needs no keyword: NNN-NNNN is reported at
// low confidence without context.
type Detector struct{}

// New returns a postal-code detector.
func New() *Detector { return &Detector{} }

var (
	_ detectors.Detector = (*Detector)(nil)
	_ detectors.Masker   = (*Detector)(nil)
)

// Type implements detectors.Detector.
func (*Detector) Type() string { return "postal_code" }

// Keywords implements detectors.Detector: the detector is never gated.
func (*Detector) Keywords() []string { return nil }

// contextWords raise NNN-NNNN to high within contextWindow characters.
// ASCII words must start a word.
var contextWords = []string{"〒", "〶", "郵便番号", "郵便", "zip", "postal", "postcode", "post code"}

// plainWords must precede seven plain digits within contextWindow characters.
var plainWords = []string{"〒", "〶", "郵便番号", "zip", "postal", "postcode", "post code"}

// columnWords are matched anywhere in the normalised, lowercased column name.
var columnWords = []string{"郵便番号", "〒", "zip", "postal", "postcode", "post_code", "yubin"}

const contextWindow = 10 // characters

// Find implements detectors.Detector.
func (*Detector) Find(t *detectors.Text) []detectors.Candidate {
	var out []detectors.Candidate
	for _, sp := range t.Spans() {
		if sp.Digits < 7 {
			continue
		}
		gs := t.Groups(sp)
		last := len(gs) - 1
		for i := 0; i <= last; i++ {
			g := gs[i]
			if i > 0 && g.Sep != " " || i == 0 && sp.Plus {
				continue
			}
			if i == 0 && glueBefore(t, sp.Start) {
				continue
			}
			switch {
			case g.Len() == 3 && i < last && gs[i+1].Sep == "-" && gs[i+1].Len() == 4 &&
				(i+1 == last || gs[i+2].Sep == " "):
				if i+1 == last && glueAfter(t, sp.End) || t.Norm[g.Start:gs[i+1].End] == "000-0000" {
					continue
				}
				out = append(out, detectors.Candidate{Start: g.Start, End: gs[i+1].End})
				i++
			case g.Len() == 7 && (i == last || gs[i+1].Sep == " "):
				if i == last && glueAfter(t, sp.End) || t.Norm[g.Start:g.End] == "0000000" {
					continue
				}
				if _, ok := plainContext(t, g.Start); !ok {
					continue
				}
				out = append(out, detectors.Candidate{Start: g.Start, End: g.End})
			}
		}
	}
	return out
}

// plainContext finds the context that seven plain digits need: a word before
// them or the column name.
func plainContext(t *detectors.Text, start int) (string, bool) {
	if kw, ok := keywordNear(t, plainWords, start, start, contextWindow, 0, false); ok {
		return kw.Reason(), true
	}
	if w, ok := t.ColumnHas(columnWords); ok {
		return detectors.ColumnReason(w), true
	}
	return "", false
}

// Judge implements detectors.Detector.
func (*Detector) Judge(c detectors.Candidate, t *detectors.Text) detectors.Verdict {
	v := t.Norm[c.Start:c.End]
	switch {
	case len(v) == 8 && v[3] == '-':
		var reasons []string
		if kw, ok := keywordNear(t, contextWords, c.Start, c.End, contextWindow, contextWindow, false); ok {
			reasons = append(reasons, kw.Reason())
		}
		if w, ok := t.ColumnHas(columnWords); ok {
			reasons = append(reasons, detectors.ColumnReason(w))
		}
		if len(reasons) == 0 {
			return detectors.Verdict{Confidence: detectors.Low, Reasons: []string{"NNN-NNNN format without context"}}
		}
		return detectors.Verdict{Confidence: detectors.High, Reasons: append([]string{"NNN-NNNN format"}, reasons...)}
	case len(v) == 7:
		if r, ok := plainContext(t, c.Start); ok {
			return detectors.Verdict{Confidence: detectors.High, Reasons: []string{"seven digits", r}}
		}
	}
	return detectors.Verdict{}
}

// Mask keeps the first three digits: "150-****".
func (*Detector) Mask(value string) string {
	return detectors.MaskKeep(detectors.Normalize(value), 3, 0)
}

// glueBefore reports whether a value starting at Norm[pos] continues a longer
// token: AB123-4567, SKU-123-4567.
func glueBefore(t *detectors.Text, pos int) bool {
	b := t.Before(pos)
	return detectors.IsWordByte(b) || b == '-' && detectors.IsWordByte(t.Before(pos-1))
}

// glueAfter reports whether a value ending at Norm[pos] continues a longer
// token: 123-4567X, 123-4567-A, 123-4567.pdf.
func glueAfter(t *detectors.Text, pos int) bool {
	a := t.After(pos)
	if detectors.IsWordByte(a) {
		return true
	}
	return (a == '-' || a == '.') && detectors.IsWordByte(t.After(pos+1))
}

// keywordNear is Text.KeywordNear with separate windows before and after the
// candidate and word boundaries for ASCII words: such a word must not follow
// an ASCII letter ("tel" does not match in "hotel"), nor, when whole is set,
// be followed by one ("ip" does not match in "zip" or "ship"). Matching is
// ASCII case-insensitive and allocates nothing for windows of usual size.
func keywordNear(t *detectors.Text, words []string, start, end, before, after int, whole bool) (detectors.Keyword, bool) {
	s := t.Norm
	lo := start
	for n := 0; n < before && lo > 0; n++ {
		_, size := utf8.DecodeLastRuneInString(s[:lo])
		lo -= size
	}
	hi := end
	for n := 0; n < after && hi < len(s); n++ {
		_, size := utf8.DecodeRuneInString(s[hi:])
		hi += size
	}
	var buf [1024]byte
	var low []byte
	if hi-lo <= len(buf) {
		low = buf[:hi-lo]
	} else {
		low = make([]byte, hi-lo)
	}
	for i := range low {
		c := s[lo+i]
		if c >= 'A' && c <= 'Z' {
			c += 32
		}
		low[i] = c
	}
	ls := unsafe.String(unsafe.SliceData(low), len(low)) // not retained
	pre, post := ls[:start-lo], ls[end-lo:]
	best, found := detectors.Keyword{}, false
	for _, w := range words {
		for p := pre; ; {
			i := strings.LastIndex(p, w)
			if i < 0 {
				break
			}
			if bounded(s, lo+i, w, whole) {
				d := utf8.RuneCountInString(pre[i+len(w):])
				if !found || d < best.Distance {
					best, found = detectors.Keyword{Word: w, Distance: d}, true
				}
				break
			}
			p = p[:i+len(w)-1]
		}
		for off := 0; ; {
			i := strings.Index(post[off:], w)
			if i < 0 {
				break
			}
			i += off
			if bounded(s, end+i, w, whole) {
				d := utf8.RuneCountInString(post[:i])
				if !found || d < best.Distance {
					best, found = detectors.Keyword{Word: w, Distance: d}, true
				}
				break
			}
			off = i + 1
		}
	}
	return best, found
}

// bounded checks the word boundaries of w found at s[i:].
func bounded(s string, i int, w string, whole bool) bool {
	if w[0] < utf8.RuneSelf && i > 0 && isLetter(s[i-1]) {
		return false
	}
	j := i + len(w)
	return !whole || w[len(w)-1] >= utf8.RuneSelf || j >= len(s) || !isLetter(s[j])
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
