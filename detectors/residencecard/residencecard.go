// Package residencecard finds residence card numbers (在留カード番号): two
// uppercase letters, eight digits and two uppercase letters, such as
// AB12345678CD. There is no check digit, so the detector runs only when a
// residence-card keyword occurs in the text or the column name.
package residencecard

import (
	"strings"

	"github.com/pmscan/pmscan/detectors"
)

// Detector finds residence card numbers. It holds no state and is safe for
// concurrent use.
type Detector struct{}

var _ detectors.Detector = (*Detector)(nil)

// New returns a residence card detector.
func New() *Detector { return &Detector{} }

const highWithin = 50 // chars: keyword this close -> High

// words are the gate words, normalised and ASCII-lowercased.
var words = []string{"在留カード番号", "在留カード", "在留番号", "residence card", "zairyu"}

// columnWords rate a whole column.
var columnWords = []string{"在留", "residence", "zairyu"}

// Type implements detectors.Detector.
func (*Detector) Type() string { return "residence_card" }

// Keywords implements detectors.Detector.
func (*Detector) Keywords() []string {
	return []string{"在留カード", "在留番号", "在留カード番号", "residence card", "zairyu"}
}

// ColumnWords implements detectors.ColumnSignaller: "residence_card_no".
func (*Detector) ColumnWords() []string { return columnWords }

// Find returns every "AB12345678CD" not glued to other letters or digits.
// Letters on both sides end the span, so the eight digits are a whole span.
func (*Detector) Find(t *detectors.Text) []detectors.Candidate {
	var out []detectors.Candidate
	for _, sp := range t.Spans() {
		if sp.Digits != 8 || sp.End-sp.Start != 8 {
			continue
		}
		if shapeAt(t, sp.Start-2, sp.End+2) {
			out = append(out, detectors.Candidate{Start: sp.Start - 2, End: sp.End + 2})
		}
	}
	return out
}

// shapeAt reports whether Norm[start:end] is 2 uppercase letters, 8 digits and
// 2 uppercase letters with no letter, digit or '_' on either side.
func shapeAt(t *detectors.Text, start, end int) bool {
	s := t.Norm
	if start < 0 || end > len(s) || end-start != 12 {
		return false
	}
	for i := start; i < end; i++ {
		c := s[i]
		if i-start < 2 || i-start >= 10 {
			if c < 'A' || c > 'Z' {
				return false
			}
		} else if c < '0' || c > '9' {
			return false
		}
	}
	return !detectors.IsWordByte(t.Before(start)) && !detectors.IsWordByte(t.After(end))
}

// Judge implements detectors.Detector: a keyword within 50 characters or a
// residence-card column makes it High, a keyword anywhere else in the text
// Medium; without either it is rejected.
func (*Detector) Judge(c detectors.Candidate, t *detectors.Text) detectors.Verdict {
	if !shapeAt(t, c.Start, c.End) {
		return detectors.Verdict{}
	}
	const shape = "two letters, eight digits, two letters"
	if w, ok := t.ColumnHas(columnWords); ok {
		return detectors.Verdict{Confidence: detectors.High, Reasons: []string{detectors.ColumnReason(w), shape}}
	}
	if k, ok := t.KeywordNear(words, c.Start, c.End, highWithin); ok {
		return detectors.Verdict{Confidence: detectors.High, Reasons: []string{k.Reason(), shape}}
	}
	if w, ok := keywordIn(t.Norm); ok {
		return detectors.Verdict{Confidence: detectors.Medium, Reasons: []string{"keyword " + w + " in the same text", shape}}
	}
	return detectors.Verdict{}
}

// keywordIn returns the first of words found anywhere in s, ASCII
// case-insensitively, without allocating.
func keywordIn(s string) (string, bool) {
	for _, w := range words {
		if w[0] >= 0x80 {
			if strings.Contains(s, w) {
				return w, true
			}
		} else if containsFold(s, w) {
			return w, true
		}
	}
	return "", false
}

// containsFold reports whether s contains the lowercase ASCII word w, ignoring
// ASCII case.
func containsFold(s, w string) bool {
	for i := 0; i+len(w) <= len(s); i++ {
		if s[i]|0x20 != w[0] {
			continue
		}
		j := 1
		for j < len(w) && lower(s[i+j]) == w[j] {
			j++
		}
		if j == len(w) {
			return true
		}
	}
	return false
}

func lower(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 32
	}
	return c
}

// Requires implements detectors.Requirer: nothing to find without a digit.
func (*Detector) Requires() detectors.Feature { return detectors.HasDigit }

// MinDigits implements detectors.DigitCounter: Find skips spans of fewer
// digits.
func (*Detector) MinDigits() int { return 8 }
