// Package postalcode detects Japanese postal codes (郵便番号): NNN-NNNN
// anywhere, and seven plain digits only after 〒 or 郵便番号 or in a postal
// column.
package postalcode

import (
	"strings"

	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/detectors/address"
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
var contextWords = []string{"〒", "〶", "郵便番号", "郵便", "zip", "postal", "postcode", "post code", "postal code", "zip code"}

// plainWords must precede seven plain digits within contextWindow characters.
var plainWords = []string{"〒", "〶", "郵便番号", "zip", "postal", "postcode", "post code"}

// columnWords are matched anywhere in the normalised, lowercased column name.
var columnWords = []string{"郵便番号", "〒", "zip", "postal", "postcode", "post_code", "yubin"}

const contextWindow = 12 // characters: "Postal code " fits

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
	if kw, ok := t.KeywordAround(plainWords, start, start, contextWindow, 0, false); ok {
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
		if kw, ok := t.KeywordAround(contextWords, c.Start, c.End, contextWindow, contextWindow, false); ok {
			reasons = append(reasons, kw.Reason())
		}
		if w, ok := t.ColumnHas(columnWords); ok {
			reasons = append(reasons, detectors.ColumnReason(w))
		}
		if len(reasons) == 0 && prefectureAfter(t, c.End) {
			// "(730-0051) 広島県…": the code heads an address.
			reasons = append(reasons, "an address follows")
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

// prefectureAfter reports whether a prefecture starts just after Norm[pos],
// past a closing bracket and spaces (Norm has full-width ones folded).
func prefectureAfter(t *detectors.Text, pos int) bool {
	rest := strings.TrimLeft(t.Norm[pos:min(len(t.Norm), pos+24)], ")] ")
	_, pref := address.CutPrefecture(rest)
	return pref != ""
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

// Requires implements detectors.Requirer: nothing to find without a digit.
func (*Detector) Requires() detectors.Feature { return detectors.HasDigit }

// MinDigits implements detectors.DigitCounter: Find skips spans of fewer
// digits.
func (*Detector) MinDigits() int { return 7 }
