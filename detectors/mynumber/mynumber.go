// Package mynumber detects My Number (個人番号): 12 digits, the last a check
// digit. Data holding one is 特定個人情報, so the detector always runs; a
// bare number that passes the check is reported at low confidence, and a
// context word or a matching column name raises it to high.
package mynumber

import (
	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/detectors/checkdigit"
	"github.com/pmscan/pmscan/detectors/columns"
)

// Detector finds My Numbers. It has no state and is safe for concurrent use.
type Detector struct{}

// New returns the My Number detector.
func New() *Detector { return &Detector{} }

var _ detectors.Detector = (*Detector)(nil)

// Context words (normalised, ASCII lowercase). They are private: the detector
// must run without them, so Keywords returns nil.
var (
	contextWords = []string{"マイナンバーカード", "マイナンバー", "個人番号", "共通番号", "番号通知", "my number", "mynumber", "my_number",
		"kojin bango", "individual number"}
	columnWords = []string{"個人番号", "マイナンバー", "mynumber", "my_number", "my number", "kojin_bango", "kojinbango"}
)

// keywordWindow is how near, in characters, a context word must be.
const keywordWindow = 300

// Type implements detectors.Detector.
func (*Detector) Type() string { return "my_number" }

// Keywords implements detectors.Detector: none, the detector always runs.
func (*Detector) Keywords() []string { return nil }

// Find returns 12-digit numbers written as one group or as 4-4-4 with one
// consistent separator (space, hyphen or dot), on value boundaries. Numbers
// inside longer digit runs (a 13-digit 法人番号, a 16-digit card) or glued to
// letters are not candidates.
func (*Detector) Find(t *detectors.Text) []detectors.Candidate {
	return detectors.FindNumbers(t, 12, detectors.Grouped444)
}

// Judge checks the check digit and rates the number by its context.
func (*Detector) Judge(c detectors.Candidate, t *detectors.Text) detectors.Verdict {
	var buf [16]byte
	d := t.DigitsOf(buf[:0], c.Start, c.End)
	if len(d) != 12 || detectors.AllSameDigit(d) {
		return detectors.Verdict{Reasons: []string{"not a plausible My Number"}}
	}
	if !checkdigit.ValidMyNumber(string(d)) {
		return detectors.Verdict{Reasons: []string{"check digit failed"}}
	}
	reasons := []string{"check digit passed"}
	reasons, context := t.Context(reasons, c, contextWords, keywordWindow, columnWords)
	if !context && columns.ClassOf(t) == columns.MyNumber {
		// individual_number, personal_number: the English the government
		// and payroll systems use for 個人番号.
		reasons, context = append(reasons, "column classified as my_number"), true
	}
	if context {
		return detectors.Verdict{Confidence: detectors.High, Reasons: reasons}
	}
	if why, ok := t.ThingNumber(c); ok {
		return detectors.Verdict{Reasons: append(reasons, why)} // an order or inquiry number
	}
	if c.End-c.Start == 12 && looksLikeTimestamp(d) {
		// About 1 in 10 yyyymmddhhmm stamps passes the check; a real My
		// Number has this shape about once in 10,000.
		return detectors.Verdict{Reasons: append(reasons, "looks like a yyyymmddhhmm timestamp")}
	}
	return detectors.Verdict{Confidence: detectors.Low, Reasons: append(reasons, "no My Number keyword nearby")}
}

// looksLikeTimestamp reports whether 12 digits read as yyyymmddhhmm.
func looksLikeTimestamp(d []byte) bool {
	n := func(i int) int { return int(d[i]-'0')*10 + int(d[i+1]-'0') }
	return (n(0) == 19 || n(0) == 20) && n(4) >= 1 && n(4) <= 12 && n(6) >= 1 && n(6) <= 31 &&
		n(8) <= 23 && n(10) <= 59
}

// Requires implements detectors.Requirer: nothing to find without a digit.
func (*Detector) Requires() detectors.Feature { return detectors.HasDigit }

// MinDigits implements detectors.DigitCounter: Find skips spans of fewer
// digits.
func (*Detector) MinDigits() int { return 12 }
