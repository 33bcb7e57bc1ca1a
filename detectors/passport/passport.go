// Package passport finds Japanese passport numbers (旅券番号): two uppercase
// letters and seven digits, such as TR1234567. The printed number has no check
// digit, so the detector runs only near 旅券, パスポート or passport.
package passport

import (
	"github.com/pmscan/pmscan/detectors"
)

// Detector finds passport numbers. It holds no state and is safe for
// concurrent use.
type Detector struct{}

var _ detectors.Detector = (*Detector)(nil)

// New returns a passport detector.
func New() *Detector { return &Detector{} }

const (
	highWithin   = 50  // chars: keyword this close -> High
	mediumWithin = 300 // chars: keyword this close and a T or M prefix -> Medium
)

// words are the gate words, normalised and ASCII-lowercased; they double as
// the context and column-name words.
var words = []string{"旅券", "パスポート", "passport"}

// Type implements detectors.Detector.
func (*Detector) Type() string { return "passport" }

// Keywords implements detectors.Detector.
func (*Detector) Keywords() []string { return []string{"旅券", "パスポート", "passport"} }

// Find returns every "AA1234567" not glued to other letters or digits. The
// letters end where the digits begin, so the seven digits always open a span.
func (*Detector) Find(t *detectors.Text) []detectors.Candidate {
	var out []detectors.Candidate
	for _, sp := range t.Spans() {
		if sp.Digits < 7 {
			continue
		}
		gs := t.Groups(sp)
		g := gs[0]
		if g.Len() != 7 || g.Start != sp.Start || !shapeAt(t, g.Start-2, g.End) {
			continue
		}
		// The value must end the span or be followed by a space or an opening
		// parenthesis ("TR1234567（2030年まで）"): "TR1234567-2" is some other code.
		if len(gs) > 1 && gs[1].Sep != " " && gs[1].Sep != "(" {
			continue
		}
		out = append(out, detectors.Candidate{Start: g.Start - 2, End: g.End})
	}
	return out
}

// shapeAt reports whether Norm[start:end] is two uppercase ASCII letters and
// seven digits with no letter, digit or '_' on either side.
func shapeAt(t *detectors.Text, start, end int) bool {
	s := t.Norm
	if start < 0 || end > len(s) || end-start != 9 {
		return false
	}
	if !isUpper(s[start]) || !isUpper(s[start+1]) {
		return false
	}
	for i := start + 2; i < end; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return !detectors.IsWordByte(t.Before(start)) && !detectors.IsWordByte(t.After(end))
}

func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }

// Judge implements detectors.Detector: a keyword within 50 characters or a
// passport column makes it High; a keyword within 300 characters makes a
// number starting with T (10-year) or M (5-year) Medium; anything else is
// rejected.
func (*Detector) Judge(c detectors.Candidate, t *detectors.Text) detectors.Verdict {
	if !shapeAt(t, c.Start, c.End) {
		return detectors.Verdict{}
	}
	const shape = "two letters and seven digits"
	if w, ok := t.ColumnHas(words); ok {
		return detectors.Verdict{Confidence: detectors.High, Reasons: []string{detectors.ColumnReason(w), shape}}
	}
	if k, ok := t.KeywordNear(words, c.Start, c.End, highWithin); ok {
		return detectors.Verdict{Confidence: detectors.High, Reasons: []string{k.Reason(), shape}}
	}
	if first := t.Norm[c.Start]; first == 'T' || first == 'M' {
		if k, ok := t.KeywordNear(words, c.Start, c.End, mediumWithin); ok {
			return detectors.Verdict{Confidence: detectors.Medium, Reasons: []string{k.Reason(), shape, "passport type letter " + string(first)}}
		}
	}
	return detectors.Verdict{}
}

// Requires implements detectors.Requirer: nothing to find without a digit.
func (*Detector) Requires() detectors.Feature { return detectors.HasDigit }

// MinDigits implements detectors.DigitCounter: Find skips spans of fewer
// digits.
func (*Detector) MinDigits() int { return 7 }
