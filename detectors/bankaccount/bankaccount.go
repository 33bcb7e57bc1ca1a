// Package bankaccount finds bank account numbers (口座番号). They carry no
// check digit, so a bare 7-digit number means nothing: the detector runs only
// when a banking word occurs, and rates each number by how close that word is.
//
// Accepted shapes:
//   - a 7-digit account number ("普通 1234567");
//   - bank code, branch code and account number, 4-3-7 ("0001-123-1234567");
//   - branch code and account number, 3-7 with a hyphen ("123-1234567");
//   - a ゆうちょ 記号-番号 pair, 5 digits and 6-8 digits ("12345-12345671").
package bankaccount

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/pmscan/pmscan/detectors"
)

// Detector finds bank account numbers. It holds no state and is safe for
// concurrent use.
type Detector struct{}

var _ detectors.Detector = (*Detector)(nil)

// New returns a bank account detector.
func New() *Detector { return &Detector{} }

const (
	gateWithin = 30 // chars: a banking word this far before a number makes it Medium
	typeWithin = 3  // chars: 普通/当座 this close before a number makes it High
)

// gateWords are the prefilter words, normalised and ASCII-lowercased; they are
// also the context words.
var gateWords = []string{"口座", "銀行", "支店", "普通", "当座", "預金", "ゆうちょ", "記号", "信用金庫", "振込", "account", "bank", "kouza"}

// typeWords are the account types written just before the number.
var typeWords = []string{"普通預金", "当座預金", "普通", "当座"}

// yuchoWords mark a ゆうちょ 記号-番号 pair.
var yuchoWords = []string{"ゆうちょ", "記号"}

// columnWords make every account-shaped value of a column High.
var columnWords = []string{"口座番号", "口座", "account_no", "account no", "accountno",
	"account_number", "account number", "accountnumber", "bank_account", "bank account",
	"bankaccount", "kouza", "acct"}

// Type implements detectors.Detector.
func (*Detector) Type() string { return "bank_account" }

// Keywords implements detectors.Detector.
func (*Detector) Keywords() []string {
	return []string{"口座", "銀行", "支店", "普通", "当座", "預金", "ゆうちょ", "記号", "信用金庫", "振込", "account", "bank", "kouza"}
}

// ColumnWords implements detectors.ColumnSignaller: an account column opens
// the gate even without a gate word ("acct").
func (*Detector) ColumnWords() []string { return columnWords }

// shape is the layout of a candidate.
type shape int8

const (
	noShape  shape = iota
	plain7         // 1234567
	branch37       // 123-1234567
	full437        // 0001-123-1234567
	yucho          // 12345-12345671
)

func (s shape) reason() string {
	switch s {
	case plain7:
		return "7-digit account number"
	case branch37:
		return "branch code and account number"
	case full437:
		return "bank, branch and account number"
	case yucho:
		return "ゆうちょ 記号-番号"
	}
	return ""
}

// Find tries, in every digit span of at least 7 digits, windows of groups on
// value boundaries: 4-3-7, then 5-(6..8), then 3-7, then a lone 7. Context is
// left to Judge; Find only drops postal codes and amounts.
func (*Detector) Find(t *detectors.Text) []detectors.Candidate {
	var out []detectors.Candidate
	for _, sp := range t.Spans() {
		if sp.Digits < 7 || sp.Plus {
			continue
		}
		gs := t.Groups(sp)
		for i := 0; i < len(gs); {
			if !startsValue(t, gs, i) {
				i++
				continue
			}
			n := 0
			switch {
			case i+2 < len(gs) && gs[i].Len() == 4 && gs[i+1].Len() == 3 && gs[i+2].Len() == 7 &&
				isJoin(gs[i+1].Sep) && isJoin(gs[i+2].Sep) && endsValue(t, sp, gs, i+2):
				n = 3
			case i+1 < len(gs) && gs[i].Len() == 5 && gs[i+1].Len() >= 6 && gs[i+1].Len() <= 8 &&
				isJoin(gs[i+1].Sep) && endsValue(t, sp, gs, i+1):
				n = 2
			case i+1 < len(gs) && gs[i].Len() == 3 && gs[i+1].Len() == 7 &&
				gs[i+1].Sep == "-" && endsValue(t, sp, gs, i+1):
				n = 2
			case gs[i].Len() == 7 && endsValue(t, sp, gs, i) && !postalOrAmount(t.Norm, gs[i].Start, gs[i].End):
				n = 1
			}
			if n == 0 {
				i++
				continue
			}
			out = append(out, detectors.Candidate{Start: gs[i].Start, End: gs[i+n-1].End})
			i += n
		}
	}
	return out
}

func isJoin(sep string) bool { return sep == "-" || sep == " " }

// startsValue: group i opens its span (not after '+', not glued to a word) or
// follows a space.
func startsValue(t *detectors.Text, gs []detectors.Group, i int) bool {
	if i > 0 {
		return gs[i].Sep == " "
	}
	return gs[0].Sep != "+" && !detectors.IsWordByte(t.Before(gs[0].Start-len(gs[0].Sep)))
}

// endsValue: group k closes its span (not glued to a word) or a space follows.
func endsValue(t *detectors.Text, sp detectors.Span, gs []detectors.Group, k int) bool {
	if k+1 < len(gs) {
		return gs[k+1].Sep == " "
	}
	return !detectors.IsWordByte(t.After(sp.End))
}

// postalOrAmount reports whether the 7 digits at s[start:end] are a postal
// code (after 〒 or 郵便番号) or an amount (after a currency sign, before 円).
func postalOrAmount(s string, start, end int) bool {
	before := strings.TrimRight(s[max(0, start-16):start], " :")
	for _, w := range []string{"〒", "郵便番号", "郵便", "¥", "￥", "$", "\\"} {
		if strings.HasSuffix(before, w) {
			return true
		}
	}
	after := strings.TrimLeft(s[end:min(len(s), end+8)], " ")
	for _, w := range []string{"円", "万", "千", "yen", "JPY"} {
		if strings.HasPrefix(after, w) {
			return true
		}
	}
	return false
}

// shapeOf classifies Norm[start:end] by its digit groups.
func shapeOf(v string) shape {
	var lens [4]int
	n := 0
	run := 0
	for i := 0; i <= len(v); i++ {
		if i < len(v) && v[i] >= '0' && v[i] <= '9' {
			run++
			continue
		}
		if run == 0 || n == len(lens) {
			return noShape
		}
		lens[n] = run
		n++
		run = 0
	}
	switch {
	case n == 1 && lens[0] == 7:
		return plain7
	case n == 2 && lens[0] == 3 && lens[1] == 7:
		return branch37
	case n == 2 && lens[0] == 5 && lens[1] >= 6 && lens[1] <= 8:
		return yucho
	case n == 3 && lens[0] == 4 && lens[1] == 3 && lens[2] == 7:
		return full437
	}
	return noShape
}

// Judge implements detectors.Detector.
//
//   - A column named for an account (口座番号, account_no, ...) makes any shape High.
//   - 7 digits or 3-7: 普通/当座 (預金) at most 3 chars before is High; any
//     banking word at most 30 chars before is Medium.
//   - 4-3-7: a banking word within 30 chars on either side is High.
//   - 5-(6..8): ゆうちょ or 記号 within 30 chars on either side is High.
//
// Anything else is rejected.
func (*Detector) Judge(c detectors.Candidate, t *detectors.Text) detectors.Verdict {
	sh := shapeOf(t.Norm[c.Start:c.End])
	if sh == noShape {
		return detectors.Verdict{}
	}
	high := func(r string) detectors.Verdict {
		return detectors.Verdict{Confidence: detectors.High, Reasons: []string{r, sh.reason()}}
	}
	if w, ok := t.ColumnHas(columnWords); ok {
		return high(detectors.ColumnReason(w))
	}
	switch sh {
	case plain7, branch37:
		if k, ok := keywordBefore(t.Norm, typeWords, c.Start, typeWithin); ok {
			return high("account type " + k.Word + " within " + strconv.Itoa(k.Distance) + " chars before")
		}
		if k, ok := keywordBefore(t.Norm, gateWords, c.Start, gateWithin); ok {
			return detectors.Verdict{Confidence: detectors.Medium, Reasons: []string{k.Reason(), sh.reason()}}
		}
	case full437:
		if k, ok := t.KeywordNear(gateWords, c.Start, c.End, gateWithin); ok {
			return high(k.Reason())
		}
	case yucho:
		if k, ok := t.KeywordNear(yuchoWords, c.Start, c.End, gateWithin); ok {
			return high(k.Reason())
		}
	}
	return detectors.Verdict{}
}

// keywordBefore finds the nearest of words (normalised, ASCII lowercase) that
// ends at most window characters before s[start], ASCII case-insensitively.
// Unlike Text.KeywordNear it looks only before the value and does not allocate.
func keywordBefore(s string, words []string, start, window int) (detectors.Keyword, bool) {
	// Step back window chars plus room for the longest keyword.
	lo := start
	for n := 0; n < window+8 && lo > 0; n++ {
		_, size := utf8.DecodeLastRuneInString(s[:lo])
		lo -= size
	}
	region := s[lo:start]
	best, found := detectors.Keyword{}, false
	for _, w := range words {
		i := lastIndexFold(region, w)
		if i < 0 {
			continue
		}
		d := utf8.RuneCountInString(region[i+len(w):])
		if d <= window && (!found || d < best.Distance) {
			best, found = detectors.Keyword{Word: w, Distance: d}, true
		}
	}
	return best, found
}

// lastIndexFold is strings.LastIndex with ASCII case folding; w is lowercase.
func lastIndexFold(s, w string) int {
	if w[0] >= 0x80 {
		return strings.LastIndex(s, w)
	}
	for i := len(s) - len(w); i >= 0; i-- {
		j := 0
		for j < len(w) && lower(s[i+j]) == w[j] {
			j++
		}
		if j == len(w) {
			return i
		}
	}
	return -1
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
func (*Detector) MinDigits() int { return 7 }
