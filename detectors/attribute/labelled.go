package attribute

import (
	"unicode"
	"unicode/utf8"

	"github.com/pmscan/pmscan/detectors"
)

// userIDLabels introduce a user or member ID in running text ("当店の会員番号
// 00482715 で…"): outside a user ID column, an ID is taken only right after
// one of these. Lowercase ASCII; Norm has full-width letters folded.
var userIDLabels = []string{"会員番号", "会員id", "会員no", "会員コード", "ユーザーid", "ユーザid", "ログインid",
	"user id", "userid", "user_id", "member id", "member no", "membership no", "login id"}

// Longest and shortest IDs taken after a label.
const (
	minLabelledID = 4
	maxLabelledID = 64
)

// findLabelled returns the IDs that follow one of labels: past spaces and
// one of : = # は, a run of letters, digits and _ . @ - holding a digit
// ("会員番号は A-1234"), not "ユーザーIDを入力" nor "会員番号 2024年".
func findLabelled(t *detectors.Text, labels []string) []detectors.Candidate {
	s := t.Norm
	var out []detectors.Candidate
	for i := 0; i < len(s); i++ {
		end := labelAt(s, i, labels)
		if end < 0 {
			continue
		}
		if start, stop, ok := idAfter(s, end); ok {
			out = append(out, detectors.Candidate{Start: start, End: stop})
			i = stop - 1
		}
	}
	return out
}

// labelAt returns where the label starting at s[i] ends, or -1. An ASCII
// label must start a word: "superuser id" is not one.
func labelAt(s string, i int, labels []string) int {
	for _, l := range labels {
		if !detectors.HasPrefixFold(s[i:], l) {
			continue
		}
		if l[0] < 0x80 && i > 0 && detectors.IsWordByte(s[i-1]) {
			continue
		}
		return i + len(l)
	}
	return -1
}

// idAfter finds the ID that the label ending at s[p] introduces.
func idAfter(s string, p int) (start, end int, ok bool) {
	p = skipSpaces(s, p)
	for _, sep := range []string{":", "=", "#", "は"} { // Norm folds ：
		if len(s)-p >= len(sep) && s[p:p+len(sep)] == sep {
			p = skipSpaces(s, p+len(sep))
			break
		}
	}
	start, digit := p, false
	for p < len(s) && p-start <= maxLabelledID && idByte(s[p]) {
		digit = digit || s[p] >= '0' && s[p] <= '9'
		p++
	}
	if p < len(s) && idByte(s[p]) {
		return 0, 0, false // longer than any ID
	}
	if r, _ := utf8.DecodeRuneInString(s[p:]); unicode.Is(unicode.Han, r) {
		return 0, 0, false // a count or a date: 2024年, 12名
	}
	for p > start && (s[p-1] == '.' || s[p-1] == '-') { // a sentence's full stop
		p--
	}
	if n := p - start; !digit || n < minLabelledID || n > maxLabelledID {
		return 0, 0, false
	}
	return start, p, true
}

func idByte(c byte) bool {
	return detectors.IsWordByte(c) || c == '.' || c == '@' || c == '-'
}

// skipSpaces skips spaces and tabs; Norm folds the full-width space.
func skipSpaces(s string, p int) int {
	for p < len(s) && (s[p] == ' ' || s[p] == '\t') {
		p++
	}
	return p
}

// labelBefore reports the label that the ID at Norm[start:] follows, for
// Judge: the same walk as Find, backwards from the candidate.
func labelBefore(t *detectors.Text, start int, labels []string) (string, bool) {
	s := t.Norm
	for i := max(0, start-64); i < start; i++ {
		end := labelAt(s, i, labels)
		if end < 0 {
			continue
		}
		if st, _, ok := idAfter(s, end); ok && st == start {
			return s[i:end], true
		}
	}
	return "", false
}
