// Package email detects e-mail addresses, including the legacy Japanese
// carrier addresses whose local parts break RFC 5322 (consecutive dots, a dot
// before the '@').
package email

import (
	"strings"

	"github.com/pmscan/pmscan/detectors"
)

// Detector finds e-mail addresses by expanding around each '@'.
type Detector struct{}

// New returns an e-mail detector.
func New() *Detector { return &Detector{} }

var (
	_ detectors.Detector = (*Detector)(nil)
	_ detectors.Masker   = (*Detector)(nil)
)

// Type implements detectors.Detector.
func (*Detector) Type() string { return "email" }

// Keywords implements detectors.Detector: the detector is never gated; text
// without an '@' costs one strings.IndexByte.
func (*Detector) Keywords() []string { return nil }

var columnWords = []string{"mail", "メール"}

// fileExtensions are top-level "domains" that are really file names:
// icon@2x.png.
var fileExtensions = []string{"png", "jpg", "jpeg", "gif", "svg", "webp", "css", "js"}

const (
	maxLocal  = 64
	maxDomain = 253
	maxLabel  = 63
)

// Find implements detectors.Detector.
func (*Detector) Find(t *detectors.Text) []detectors.Candidate {
	var out []detectors.Candidate
	s := t.Norm
	for off := 0; off < len(s); {
		k := strings.IndexByte(s[off:], '@')
		if k < 0 {
			break
		}
		at := off + k
		if a, ok := parse(s, at); ok {
			out = append(out, detectors.Candidate{Start: a.start, End: a.end})
			off = a.end
			continue
		}
		off = at + 1
	}
	return out
}

// address is an e-mail address found around the '@' at s[at].
type address struct {
	start, at, end int
	doubleDot      bool // ".." in the local part
	dotBeforeAt    bool // local part ends with '.'
}

// parse expands the local part left and the domain right of s[at].
func parse(s string, at int) (address, bool) {
	a := address{at: at}
	l := at
	for l > 0 && isLocalByte(s[l-1]) {
		l--
	}
	if l > 0 && s[l-1] == '@' { // a@b@example.com
		return a, false
	}
	// Query strings and paths end at these: "?email=taro@example.jp".
	for i := at - 1; i >= l; i-- {
		if isCutByte(s[i]) {
			l = i + 1
			break
		}
	}
	// A local part starts with a letter, digit or '_': strip quotes and dots.
	for l < at && !isAlnum(s[l]) && s[l] != '_' {
		l++
	}
	if l == at || at-l > maxLocal {
		return a, false
	}
	a.start = l
	local := s[l:at]
	a.doubleDot = strings.Contains(local, "..")
	a.dotBeforeAt = local[len(local)-1] == '.'

	r := at + 1
	for r < len(s) && isDomainByte(s[r]) {
		r++
	}
	for r > at+1 && s[r-1] == '.' { // sentence end
		r--
	}
	if r < len(s) && (s[r] == '@' || s[r] == '_') {
		return a, false
	}
	if !validDomain(s[at+1 : r]) {
		return a, false
	}
	a.end = r
	return a, true
}

// validDomain checks labels joined by single dots, at least two labels, a
// top-level domain of two or more letters that is not a file extension.
func validDomain(d string) bool {
	if len(d) < 4 || len(d) > maxDomain {
		return false
	}
	dots := 0
	labelStart := 0
	for i := 0; i <= len(d); i++ {
		if i < len(d) && d[i] != '.' {
			continue
		}
		label := d[labelStart:i]
		if len(label) == 0 || len(label) > maxLabel || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		if i < len(d) {
			dots++
		}
		labelStart = i + 1
	}
	if dots == 0 {
		return false
	}
	tld := d[strings.LastIndexByte(d, '.')+1:]
	if len(tld) < 2 {
		return false
	}
	for i := 0; i < len(tld); i++ {
		if !isLetter(tld[i]) {
			return false
		}
	}
	for _, ext := range fileExtensions {
		if len(tld) == len(ext) && strings.EqualFold(tld, ext) {
			return false
		}
	}
	return true
}

// Judge implements detectors.Detector.
func (*Detector) Judge(c detectors.Candidate, t *detectors.Text) detectors.Verdict {
	s := t.Norm
	at := strings.IndexByte(s[c.Start:c.End], '@')
	if at < 0 {
		return detectors.Verdict{}
	}
	a, ok := parse(s, c.Start+at)
	if !ok || a.start != c.Start || a.end != c.End {
		return detectors.Verdict{}
	}
	v := detectors.Verdict{Confidence: detectors.High}
	switch {
	case a.doubleDot && a.dotBeforeAt:
		v.Confidence = detectors.Medium
		v.Reasons = append(v.Reasons, "legacy carrier local part (consecutive dots, dot before @)")
	case a.doubleDot:
		v.Confidence = detectors.Medium
		v.Reasons = append(v.Reasons, "legacy carrier local part (consecutive dots)")
	case a.dotBeforeAt:
		v.Confidence = detectors.Medium
		v.Reasons = append(v.Reasons, "legacy carrier local part (dot before @)")
	default:
		v.Reasons = append(v.Reasons, "well-formed address")
	}
	if w, ok := t.ColumnHas(columnWords); ok {
		v.Reasons = append(v.Reasons, detectors.ColumnReason(w))
	}
	return v
}

// Mask keeps the first character of the local part and the whole domain:
// "t***@example.co.jp".
func (*Detector) Mask(value string) string {
	v := detectors.Normalize(value)
	at := strings.LastIndexByte(v, '@')
	if at <= 0 {
		return detectors.MaskDefault(value)
	}
	return v[:1] + "***" + v[at:]
}

func isLocalByte(c byte) bool {
	if isAlnum(c) {
		return true
	}
	switch c {
	case '.', '!', '#', '$', '%', '&', '\'', '*', '+', '/', '=', '?', '^', '_', '`', '{', '|', '}', '~', '-':
		return true
	}
	return false
}

// isCutByte: local-part bytes that in practice separate an address from what
// precedes it (URLs, key=value pairs, markup).
func isCutByte(c byte) bool {
	switch c {
	case '=', '?', '&', '/', '|', '`', '{', '}':
		return true
	}
	return false
}

func isDomainByte(c byte) bool { return isAlnum(c) || c == '-' || c == '.' }

func isAlnum(c byte) bool { return isLetter(c) || c >= '0' && c <= '9' }

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// Requires implements detectors.Requirer: nothing to find without an '@'.
func (*Detector) Requires() detectors.Feature { return detectors.HasAt }
