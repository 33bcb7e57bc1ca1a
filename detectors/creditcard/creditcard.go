// Package creditcard detects payment card numbers: 13-19 digits that pass
// the Luhn check and fall in a known issuer range with one of its lengths.
package creditcard

import (
	"strings"

	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/detectors/checkdigit"
)

// Detector finds card numbers. It has no state and is safe for concurrent
// use.
type Detector struct{}

// New returns the credit card detector.
func New() *Detector { return &Detector{} }

var (
	_ detectors.Detector = (*Detector)(nil)
	_ detectors.Masker   = (*Detector)(nil)
)

// Context words (normalised, ASCII lowercase). They are private: an
// unseparated number that passes the checks is reported without them.
var (
	contextWords = []string{"カード番号", "クレジット", "credit", "card", "visa", "mastercard", "jcb", "amex"}
	columnWords  = []string{"card", "カード", "cc_num", "credit"}
)

// keywordWindow is how near, in characters, a context word must be.
const keywordWindow = 50

// Type implements detectors.Detector.
func (*Detector) Type() string { return "credit_card" }

// Keywords implements detectors.Detector: none, the detector always runs.
func (*Detector) Keywords() []string { return nil }

// Mask keeps only the last 4 digits: "****-****-****-1111". Digits, ASCII or
// full-width, become '*'; letters too; separators of any width stay, so that
// a full-width dash is neither masked nor counted as one of the 4.
func (*Detector) Mask(value string) string {
	digits := 0
	for _, r := range value {
		if isDigitRune(r) {
			digits++
		}
	}
	out := make([]rune, 0, len(value))
	i := 0
	for _, r := range value {
		switch {
		case isDigitRune(r):
			if i < digits-4 {
				r = '*'
			}
			i++
		case r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= 'ａ' && r <= 'ｚ' || r >= 'Ａ' && r <= 'Ｚ':
			r = '*'
		}
		out = append(out, r)
	}
	return string(out)
}

func isDigitRune(r rune) bool { return r >= '0' && r <= '9' || r >= '０' && r <= '９' }

// Find returns numbers that pass the Luhn check and an issuer range, written
// as one group, in groups of four (the last may be shorter: 4-4-4-4,
// 4-4-4-4-3, 4-4-4-1), as Amex 4-6-5 or as Diners 4-6-4, with one space or
// hyphen separator, on value boundaries. Where several windows from one
// start are valid, the longest wins.
func (*Detector) Find(t *detectors.Text) []detectors.Candidate {
	var out []detectors.Candidate
	for _, sp := range t.Spans() {
		if sp.Digits < 13 {
			continue
		}
		gs := t.Groups(sp)
		for i := 0; i < len(gs); i++ {
			if j := match(t, sp, gs, i); j >= 0 {
				out = append(out, detectors.Candidate{Start: gs[i].Start, End: gs[j].End})
				i = j
			}
		}
	}
	return out
}

// match returns the last group of the card number that starts at group i,
// or -1.
func match(t *detectors.Text, sp detectors.Span, gs []detectors.Group, i int) int {
	g := gs[i]
	n := g.Len()
	if n != 4 && (n < 13 || n > 19) || !t.ValueStartsAt(sp, gs, i) {
		return -1
	}
	if n >= 13 {
		if t.ValueEndsAt(sp, gs, i) && issuer(t.Norm[g.Start:g.End], "") != "" {
			return i
		}
		return -1
	}
	if i+1 >= len(gs) {
		return -1
	}
	sep := gs[i+1].Sep
	if sep != " " && sep != "-" {
		return -1
	}
	if sep == " " && i > 0 && gs[i-1].Len() == 4 {
		return -1 // "1234 4111 1111 1111 1111": the grouping started earlier
	}
	var buf [24]byte
	d := append(buf[:0], t.Norm[g.Start:g.End]...)
	// Groups of four, the last of 1-4 digits.
	best := -1
	for j := i + 1; j < len(gs) && gs[j].Sep == sep && gs[j-1].Len() == 4; j++ {
		m := gs[j].Len()
		if m > 4 || len(d)+m > 19 {
			break
		}
		d = append(d, t.Norm[gs[j].Start:gs[j].End]...)
		if len(d) < 13 || !t.ValueEndsAt(sp, gs, j) {
			continue
		}
		if m == 4 && sep == " " && j+1 < len(gs) && gs[j+1].Len() == 4 {
			continue // "4111 1111 1111 1111 1234": where does it end?
		}
		if issuer(string(d), "") != "" {
			best = j
		}
	}
	if best >= 0 {
		return best
	}
	// Amex 4-6-5, Diners 4-6-4.
	if i+2 < len(gs) && gs[i+1].Len() == 6 && gs[i+2].Sep == sep && t.ValueEndsAt(sp, gs, i+2) {
		want := ""
		switch gs[i+2].Len() {
		case 5:
			want = "Amex"
		case 4:
			want = "Diners Club"
		default:
			return -1
		}
		d = t.DigitsOf(buf[:0], g.Start, gs[i+2].End)
		if issuer(string(d), want) != "" {
			return i + 2
		}
	}
	return -1
}

// Judge re-checks the number and rates it: high when grouped or with a
// context word or column, medium when bare.
func (*Detector) Judge(c detectors.Candidate, t *detectors.Text) detectors.Verdict {
	var buf [24]byte
	d := t.DigitsOf(buf[:0], c.Start, c.End)
	name := issuer(string(d), "")
	if name == "" {
		return detectors.Verdict{Reasons: []string{"no issuer range, Luhn check failed or all digits the same"}}
	}
	reasons := []string{"Luhn check passed", "issuer range " + name}
	context := false
	if grouped := c.End-c.Start != len(d); grouped {
		reasons = append(reasons, "grouped like a card number")
		context = true
	}
	reasons, near := t.Context(reasons, c, contextWords, keywordWindow, columnWords)
	context = context || near
	if context {
		return detectors.Verdict{Confidence: detectors.High, Reasons: reasons}
	}
	if why, ok := t.ThingNumber(c); ok {
		return detectors.Verdict{Reasons: append(reasons, why)} // a JAN code, an order number
	}
	if len(d) == 13 && (d[1] == '5' || d[1] == '9') && validJAN(d) {
		// Japanese JAN (EAN-13) codes start with 45 or 49; one in ten
		// passes Luhn and looks like a 13-digit Visa.
		return detectors.Verdict{Reasons: append(reasons, "also a valid JAN code")}
	}
	return detectors.Verdict{Confidence: detectors.Medium, Reasons: reasons}
}

// issuer returns the issuer whose range and lengths d fits, if d passes the
// Luhn check and is not one digit repeated; want, when set, restricts it to
// one issuer. It returns "" otherwise.
func issuer(d, want string) string {
	n := len(d)
	if n < 13 || n > 19 || strings.Count(d, d[:1]) == n || !checkdigit.ValidLuhn(d) {
		return ""
	}
	p2 := int(d[0]-'0')*10 + int(d[1]-'0')
	p3 := p2*10 + int(d[2]-'0')
	p4 := p3*10 + int(d[3]-'0')
	name := ""
	switch {
	case d[0] == '4':
		if n == 13 || n == 16 || n == 19 {
			name = "Visa"
		}
	case p2 >= 51 && p2 <= 55 || p4 >= 2221 && p4 <= 2720:
		if n == 16 {
			name = "Mastercard"
		}
	case p2 == 34 || p2 == 37:
		if n == 15 {
			name = "Amex"
		}
	case p4 >= 3528 && p4 <= 3589:
		if n >= 16 {
			name = "JCB"
		}
	case p3 >= 300 && p3 <= 305 || p2 == 36 || p2 == 38 || p2 == 39:
		if n >= 14 && n <= 16 {
			name = "Diners Club"
		}
	case p4 == 6011 || p3 >= 644 && p3 <= 649 || p2 == 65:
		if n >= 16 {
			name = "Discover"
		}
	case p2 == 62:
		if n >= 16 {
			name = "UnionPay"
		}
	}
	if want != "" && name != want {
		return ""
	}
	return name
}

// validJAN reports whether 13 digits carry a valid GS1 (EAN-13) check digit:
// weights 1, 3 from the left over the first 12. checkdigit has no GS1
// function; this is the only user.
func validJAN(d []byte) bool {
	sum := 0
	for i := 0; i < 12; i++ {
		v := int(d[i] - '0')
		if i%2 == 1 {
			v *= 3
		}
		sum += v
	}
	return (10-sum%10)%10 == int(d[12]-'0')
}

// Requires implements detectors.Requirer: nothing to find without a digit.
func (*Detector) Requires() detectors.Feature { return detectors.HasDigit }

// MinDigits implements detectors.DigitCounter: Find skips spans of fewer
// digits.
func (*Detector) MinDigits() int { return 13 }
