// Package corporatenumber detects 法人番号, the 13-digit corporate number whose
// FIRST digit is a check digit. It is not personal data; it has its own type
// so that a 法人番号 is never counted as a My Number.
package corporatenumber

import (
	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/detectors/checkdigit"
)

// Detector finds corporate numbers. It has no state and is safe for
// concurrent use.
type Detector struct{}

// New returns the 法人番号 detector.
func New() *Detector { return &Detector{} }

var _ detectors.Detector = (*Detector)(nil)

// contextWords (normalised, ASCII lowercase) raise a number to high
// confidence in the text nearby or in the column name. They are private: a
// bare valid number is still reported at low confidence.
var contextWords = []string{"会社法人等番号", "法人番号", "corporate number", "houjin bangou", "corporate_number"}

// keywordWindow is how near, in characters, a context word must be.
const keywordWindow = 100

// Type implements detectors.Detector.
func (*Detector) Type() string { return "corporate_number" }

// Keywords implements detectors.Detector: none, the detector always runs.
func (*Detector) Keywords() []string { return nil }

// Find returns 13-digit numbers written as one group or as 1-4-4-4 with one
// hyphen or space separator ("7-1234-5678-9012"), on value boundaries.
func (*Detector) Find(t *detectors.Text) []detectors.Candidate {
	return detectors.FindNumbers(t, 13, grouped1444)
}

// Judge checks the check digit and rates the number by its context.
func (*Detector) Judge(c detectors.Candidate, t *detectors.Text) detectors.Verdict {
	var buf [16]byte
	d := t.DigitsOf(buf[:0], c.Start, c.End)
	if len(d) != 13 || detectors.AllSameDigit(d) {
		return detectors.Verdict{Reasons: []string{"not a plausible 法人番号"}}
	}
	if !checkdigit.ValidCorporateNumber(string(d)) {
		return detectors.Verdict{Reasons: []string{"check digit failed"}}
	}
	reasons := []string{"check digit passed"}
	reasons, context := t.Context(reasons, c, contextWords, keywordWindow, contextWords)
	if context {
		return detectors.Verdict{Confidence: detectors.High, Reasons: reasons}
	}
	if why, ok := t.ThingNumber(c); ok {
		return detectors.Verdict{Reasons: append(reasons, why)} // a JAN code, an order number
	}
	return detectors.Verdict{Confidence: detectors.Low, Reasons: reasons}
}

// grouped1444 is the Layout 1-4-4-4 with one separator, on
// value boundaries, and not part of a longer space-grouped number.
func grouped1444(t *detectors.Text, sp detectors.Span, gs []detectors.Group, i int) int {
	if gs[i].Len() != 1 || i+3 >= len(gs) || gs[i+1].Len() != 4 || gs[i+2].Len() != 4 || gs[i+3].Len() != 4 {
		return 0
	}
	sep := gs[i+1].Sep
	if sep != "-" && sep != " " || gs[i+2].Sep != sep || gs[i+3].Sep != sep {
		return 0
	}
	if !t.ValueStartsAt(sp, gs, i) || !t.ValueEndsAt(sp, gs, i+3) {
		return 0
	}
	// "7 1234 5678 9012 3456": the space grouping goes on.
	if sep == " " && i+4 < len(gs) && gs[i+4].Len() <= 4 {
		return 0
	}
	return 4
}

// Requires implements detectors.Requirer: nothing to find without a digit.
func (*Detector) Requires() detectors.Feature { return detectors.HasDigit }

// MinDigits implements detectors.DigitCounter: Find skips spans of fewer
// digits.
func (*Detector) MinDigits() int { return 13 }
