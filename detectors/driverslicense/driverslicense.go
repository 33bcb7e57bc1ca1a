// Package driverslicense detects Japanese driver's licence numbers
// (運転免許証番号): 12 digits, a 公安委員会 code, the year of first licence, a
// serial, a check digit (the 11th) and a reissue count. The number is
// reported only next to a licence word or in a licence column.
package driverslicense

import (
	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/detectors/checkdigit"
)

// Detector finds driver's licence numbers. It has no state and is safe for
// concurrent use.
type Detector struct{}

// New returns the driver's licence detector.
func New() *Detector { return &Detector{} }

var _ detectors.Detector = (*Detector)(nil)

// gateWords gate the detector and are its context words, in the text and in
// the column name (normalised, ASCII lowercase).
var gateWords = []string{"免許証", "運転免許", "免許番号", "driver's license", "drivers license", "driver license", "driving licence", "driver_license", "drivers_license", "license_no", "licence"}

// columnWords are column-name signals beyond the gate words: "license_number",
// "免許No".
var columnWords = []string{"免許", "license", "licence"}

// ColumnWords implements detectors.ColumnSignaller.
func (*Detector) ColumnWords() []string { return columnWords }

// keywordWindow is how near, in characters, a gate word must be.
const keywordWindow = 100

// Type implements detectors.Detector.
func (*Detector) Type() string { return "drivers_license" }

// Keywords implements detectors.Detector: the detector runs only when a gate
// word occurs in the text or the column name.
func (*Detector) Keywords() []string { return gateWords }

// Find returns 12-digit numbers written as one group or as 4-4-4 with one
// consistent separator (space, hyphen or dot), on value boundaries.
func (*Detector) Find(t *detectors.Text) []detectors.Candidate {
	return detectors.FindNumbers(t, 12, detectors.Grouped444)
}

// Judge checks the 公安委員会 code and the check digit, and requires a gate
// word within keywordWindow characters or in the column name.
func (*Detector) Judge(c detectors.Candidate, t *detectors.Text) detectors.Verdict {
	var buf [16]byte
	d := t.DigitsOf(buf[:0], c.Start, c.End)
	if len(d) != 12 || !validCode(d) {
		return detectors.Verdict{Reasons: []string{"no 公安委員会 code"}}
	}
	if !checkdigit.ValidDriversLicense(string(d)) {
		return detectors.Verdict{Reasons: []string{"check digit failed"}}
	}
	reasons := []string{"check digit passed", "公安委員会 code " + string(d[:2])}
	context := false
	if k, ok := t.KeywordNear(gateWords, c.Start, c.End, keywordWindow); ok {
		reasons = append(reasons, k.Reason())
		context = true
	}
	if w, ok := t.ColumnHas(gateWords); ok {
		reasons = append(reasons, detectors.ColumnReason(w))
		context = true
	} else if w, ok := t.ColumnHas(columnWords); ok {
		reasons = append(reasons, detectors.ColumnReason(w))
		context = true
	}
	if !context {
		return detectors.Verdict{Reasons: append(reasons, "no licence keyword nearby")}
	}
	return detectors.Verdict{Confidence: detectors.High, Reasons: reasons}
}

// validCode reports whether the first two digits are a 公安委員会 code:
// 10-14 (北海道 areas), 20-25, 30, 40-49, 50-55, 60-65, 70-74, 80-83, 90-97.
func validCode(d []byte) bool {
	lo := d[1] - '0'
	switch d[0] {
	case '1':
		return lo <= 4
	case '2', '5', '6':
		return lo <= 5
	case '3':
		return lo == 0
	case '4':
		return true
	case '7':
		return lo <= 4
	case '8':
		return lo <= 3
	case '9':
		return lo <= 7
	}
	return false
}

// Requires implements detectors.Requirer: nothing to find without a digit.
func (*Detector) Requires() detectors.Feature { return detectors.HasDigit }

// MinDigits implements detectors.DigitCounter: Find skips spans of fewer
// digits.
func (*Detector) MinDigits() int { return 12 }
