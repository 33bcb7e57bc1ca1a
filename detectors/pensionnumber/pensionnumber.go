// Package pensionnumber detects 基礎年金番号, the basic pension number: 10
// digits, NNNN-NNNNNN (office code and serial). It has no check digit, so a
// number is reported only right next to a pension word or in a pension
// column.
package pensionnumber

import (
	"github.com/pmscan/pmscan/detectors"
)

// Detector finds basic pension numbers. It has no state and is safe for
// concurrent use.
type Detector struct{}

// New returns the pension number detector.
func New() *Detector { return &Detector{} }

var _ detectors.Detector = (*Detector)(nil)

// gateWords gate the detector and must occur within keywordWindow characters
// of a number; columnWords match the column name (normalised, ASCII
// lowercase).
var (
	gateWords   = []string{"年金番号", "基礎年金", "年金手帳", "pension"}
	columnWords = []string{"年金", "pension"}
	// phoneWords claim a plain 10-digit number that sits nearer to them
	// than to a pension word: in "年金番号 1357-246801 電話 0359891211" the
	// second number is a phone number.
	phoneWords = []string{"電話", "携帯", "tel", "fax", "phone"}
)

// keywordWindow is how near, in characters, a gate word must be.
const keywordWindow = 50

// Type implements detectors.Detector.
func (*Detector) Type() string { return "pension_number" }

// Keywords implements detectors.Detector: the detector runs only when a gate
// word occurs in the text or the column name.
func (*Detector) Keywords() []string { return gateWords }

// ColumnWords implements detectors.ColumnSignaller: "年金No".
func (*Detector) ColumnWords() []string { return columnWords }

// Find returns 10-digit numbers written as one group or as 4-6 with a hyphen
// or a space, on value boundaries.
func (*Detector) Find(t *detectors.Text) []detectors.Candidate {
	return detectors.FindNumbers(t, 10, grouped46)
}

// Judge requires a gate word within keywordWindow characters or a pension
// column; anything else is rejected.
func (*Detector) Judge(c detectors.Candidate, t *detectors.Text) detectors.Verdict {
	var buf [16]byte
	d := t.DigitsOf(buf[:0], c.Start, c.End)
	if len(d) != 10 || detectors.AllSameDigit(d) {
		return detectors.Verdict{Reasons: []string{"not a plausible pension number"}}
	}
	reasons := []string{"pension number format"}
	context := false
	if k, ok := t.KeywordNear(gateWords, c.Start, c.End, keywordWindow); ok {
		if c.End-c.Start == 10 {
			if p, ok := t.KeywordNear(phoneWords, c.Start, c.End, keywordWindow); ok && p.Distance < k.Distance {
				return detectors.Verdict{Reasons: []string{"phone keyword " + p.Word + " nearer than " + k.Word}}
			}
		}
		reasons = append(reasons, k.Reason())
		context = true
	}
	if w, ok := t.ColumnHas(columnWords); ok {
		reasons = append(reasons, detectors.ColumnReason(w))
		context = true
	}
	if !context {
		return detectors.Verdict{Reasons: append(reasons, "no pension keyword nearby")}
	}
	return detectors.Verdict{Confidence: detectors.High, Reasons: reasons}
}

// grouped46 is the Layout 4-6 joined by a hyphen or a space,
// on value boundaries. A space-joined pair must stand alone: in
// "1234 567890 12" the grouping goes on.
func grouped46(t *detectors.Text, sp detectors.Span, gs []detectors.Group, i int) int {
	if gs[i].Len() != 4 || i+1 >= len(gs) || gs[i+1].Len() != 6 {
		return 0
	}
	sep := gs[i+1].Sep
	if sep != "-" && sep != " " || !t.ValueStartsAt(sp, gs, i) || !t.ValueEndsAt(sp, gs, i+1) {
		return 0
	}
	if sep == "-" || i == 0 && i+2 == len(gs) {
		return 2
	}
	return 0
}

// Requires implements detectors.Requirer: nothing to find without a digit.
func (*Detector) Requires() detectors.Feature { return detectors.HasDigit }

// MinDigits implements detectors.DigitCounter: Find skips spans of fewer
// digits.
func (*Detector) MinDigits() int { return 10 }
