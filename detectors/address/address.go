// Package address finds Japanese postal addresses (住所): a prefecture (都道
// 府県), a municipality (市区町村, 郡+町村, 政令指定都市+区), a town area and a
// block number (丁目・番地・番・号 in digits or kanji numerals, 1-2-3), then a
// building and room number when one follows. One finding spans the whole
// address; a 〒 and postal code before it stay outside (postal_code reports
// them) but count as evidence.
//
// There is no dictionary of municipalities: a municipality is a short name
// ending in 市/区/町/村, read with rules for the names that hold those
// characters (市川市, 四日市市, 十日町市, 東村山市, 大和郡山市). So the detector
// finds addresses in towns it has never heard of, and in exchange needs a
// block number before it reports anything in free text, except for "東京都
// 渋谷区に住んでいます" (Low).
//
// Confidence:
//   - High: prefecture + municipality + block number; municipality + block
//     number with a postal code, a label (住所, 所在地, 送付先, address…
//     within 10 characters before) or an address column; and in an address
//     column, a cell that starts with a prefecture and municipality.
//   - Medium: municipality + town + block number without prefecture or
//     context; a lone street number (大黒町 12) with a prefecture or context.
//   - Low: prefecture + municipality without a block number, followed by a
//     lives-in phrase (に住んでいます, 在住) or standing alone after a label;
//     a cell holding only a prefecture or a municipality in an address
//     column.
//   - Reject: everything else, and addresses named as a business or event
//     location (会場は…, 本社…, 本社住所…, …の本社): they are not a person's,
//     unless a personal label is nearer (所属：本社 住所：…).
package address

import (
	"strings"
	"unicode/utf8"

	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/detectors/columns"
)

// Detector finds postal addresses. It holds no state and is safe for
// concurrent use.
type Detector struct{}

var (
	_ detectors.Detector = (*Detector)(nil)
	_ detectors.Masker   = (*Detector)(nil)
	_ detectors.Requirer = (*Detector)(nil)
)

// New returns an address detector.
func New() *Detector { return &Detector{} }

const (
	labelWindow = 10 // characters before an address searched for a label
	venueWindow = 6  // ... for a business or event word
)

// Type implements detectors.Detector.
func (*Detector) Type() string { return "address" }

// Keywords implements detectors.Detector: the detector is never gated, and
// Find rejects text without an anchor at the cost of a scan.
func (*Detector) Keywords() []string { return nil }

// Requires implements detectors.Requirer: an address is written in kanji.
func (*Detector) Requires() detectors.Feature { return detectors.HasJapanese }

// Find implements detectors.Detector. In an address column, a cell that
// starts with a prefecture or municipality is one candidate, whole. Else
// every 市/区/町/村/郡 is an anchor: the address start is found by walking
// back from it, and the address is parsed forward from there.
func (*Detector) Find(t *detectors.Text) []detectors.Candidate {
	s := t.Norm
	colReason, col := addressColumn(t)
	if col {
		if start, end, ok := cellSpan(s); ok {
			return []detectors.Candidate{{Start: start, End: end}}
		}
	}
	var out []detectors.Candidate
	floor := 0 // end of the last candidate: addresses do not overlap
	for i := 0; i+3 <= len(s); {
		c := s[i]
		if c < 0xE5 || c > 0xE9 {
			i += runeStep(c)
			continue
		}
		if !isAnchor(c, s[i+1], s[i+2]) {
			i += 3
			continue
		}
		next := i + 3
		if a, ok := parseFrom(s, findStart(s, i, floor)); ok {
			// Anchors inside a parsed address are not tried again.
			next = max(next, a.end)
			if conf, _ := rate(t, a, colReason, col); conf != detectors.Reject {
				out = append(out, detectors.Candidate{Start: a.start, End: a.end})
				floor = a.end
			}
		}
		i = next
	}
	return out
}

// runeStep is how far to move past a byte that starts no anchor.
func runeStep(c byte) int {
	switch {
	case c < 0xC0:
		return 1
	case c < 0xE0:
		return 2
	case c < 0xF0:
		return 3
	}
	return 4
}

// isAnchor reports whether the bytes lead, b1, b2 spell 市, 区, 町, 村 or 郡.
func isAnchor(lead, b1, b2 byte) bool {
	switch uint32(lead)<<16 | uint32(b1)<<8 | uint32(b2) {
	case 0xE5B882, // 市
		0xE58CBA, // 区
		0xE794BA, // 町
		0xE69D91, // 村
		0xE983A1: // 郡
		return true
	}
	return false
}

// Judge implements detectors.Detector.
func (*Detector) Judge(c detectors.Candidate, t *detectors.Text) detectors.Verdict {
	s := t.Norm
	colReason, col := addressColumn(t)
	if col {
		if start, end, ok := cellSpan(s); ok && start == c.Start && end == c.End {
			return cellVerdict(s, start, end, colReason)
		}
	}
	a, ok := parseFrom(s, c.Start)
	if !ok || a.end != c.End {
		return detectors.Verdict{}
	}
	conf, ev := rate(t, a, colReason, col)
	if conf == detectors.Reject {
		return detectors.Verdict{}
	}
	var reasons []string
	switch {
	case a.block == noBlock:
		reasons = append(reasons, "prefecture and municipality without block number")
	case a.pref:
		reasons = append(reasons, "prefecture, municipality and block number")
	default:
		reasons = append(reasons, "municipality, town and block number")
	}
	if a.block == weakBlock {
		reasons = append(reasons, "street number without 丁目/番地")
	}
	if a.block != noBlock && a.end > a.blockEnd {
		reasons = append(reasons, "building or room number")
	}
	if ev.postal {
		reasons = append(reasons, "postal code before")
	}
	if ev.hasLabel {
		reasons = append(reasons, ev.label.Reason())
	}
	if ev.column != "" {
		reasons = append(reasons, ev.column)
	}
	if ev.residence {
		reasons = append(reasons, "lives-in phrase after")
	}
	return detectors.Verdict{Confidence: conf, Reasons: reasons}
}

// evidence is the context found around an address.
type evidence struct {
	postal    bool // a 〒 or postal code right before
	label     detectors.Keyword
	hasLabel  bool
	column    string // the reason an address column gives, "" if none
	residence bool   // に住んでいます, 在住 right after
}

// rate grades a parsed address in its context; Find keeps what it does not
// reject and Judge explains it. The structure is tested first, the context
// only when it can decide: most anchors in prose fail before any keyword
// search.
func rate(t *detectors.Text, a parsed, colReason string, col bool) (detectors.Confidence, evidence) {
	var ev evidence
	s := t.Norm
	switch {
	case a.block == noBlock && !a.pref, a.block == weakBlock && a.townLen() == 0:
		return detectors.Reject, ev
	}
	ev.postal = postalBefore(s, a.start)
	ev.label, ev.hasLabel = t.KeywordAround(labelWords, a.start, a.end, labelWindow, 0, true)
	if col {
		ev.column = colReason
	}
	context := ev.postal || ev.hasLabel || col
	conf := detectors.Reject
	switch a.block {
	case strongBlock:
		switch {
		case a.pref || context:
			conf = detectors.High
		case a.townLen() > 0:
			conf = detectors.Medium
		}
	case weakBlock:
		switch {
		case a.pref && context:
			conf = detectors.High
		case a.pref || context:
			conf = detectors.Medium
		}
	default:
		ev.residence = hasPrefixAfter(s, a.end, residenceAfter)
		if ev.residence || context && lone(s, a.end) {
			conf = detectors.Low
		}
	}
	if conf != detectors.Reject && venue(t, a, ev) {
		conf = detectors.Reject
	}
	return conf, ev
}

// venue reports whether the address is introduced as a business or event
// location: 会場は…, 本社：…, 本社住所：…, 弊社の住所は…, …の本社では. A
// personal label nearer the address than the business word wins: in
// "所属：本社 住所：…" the address is the person's.
func venue(t *detectors.Text, a parsed, ev evidence) bool {
	if hasPrefixAfter(t.Norm, a.end, venueAfter) {
		return true
	}
	kw, ok := t.KeywordAround(venueWords, a.start, a.end, venueWindow, 0, false)
	if !ok {
		return false
	}
	if !ev.hasLabel || kw.Distance < ev.label.Distance {
		return true
	}
	// The business word qualifies the label: 本社住所, 弊社の住所.
	before := t.Norm[max(0, a.start-labelWindow*4):a.start]
	return strings.Contains(before, kw.Word+ev.label.Word) || strings.Contains(before, kw.Word+"の"+ev.label.Word)
}

// hasPrefixAfter reports whether one of words follows s[i], after spaces.
func hasPrefixAfter(s string, i int, words []string) bool {
	for i < len(s) && s[i] == ' ' {
		i++
	}
	for _, w := range words {
		if strings.HasPrefix(s[i:], w) {
			return true
		}
	}
	return false
}

// postalBefore reports whether a 〒 or a postal code (NNN-NNNN, NNNNNNN)
// ends right before s[i], spaces aside.
func postalBefore(s string, i int) bool {
	for n := 0; n < 2 && i > 0 && s[i-1] == ' '; n++ {
		i--
	}
	if strings.HasSuffix(s[:i], "〒") {
		return true
	}
	for _, n := range [...]int{8, 7} {
		if j := i - n; j >= 0 && postalCodeLen(s[:i], j) == n && (j == 0 || !isDigit(s[j-1]) && s[j-1] != '-') {
			return true
		}
	}
	return false
}

// postalCodeLen is the length of a postal code at s[i], 0 if none.
func postalCodeLen(s string, i int) int {
	switch {
	case i+8 <= len(s) && allDigits(s[i:i+3]) && s[i+3] == '-' && allDigits(s[i+4:i+8]):
		return 8
	case i+7 <= len(s) && allDigits(s[i:i+7]):
		return 7
	}
	return 0
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// addressColumn reports whether t's column holds addresses, as
// columns.Classify reads column names for every detector (住所, 所在地,
// home_address, jusho; not ip_address or email_address), and the reason
// to give.
const addressColumnReason = "column classified as address"

func addressColumn(t *detectors.Text) (string, bool) {
	if columns.ClassOf(t) == columns.Address {
		return addressColumnReason, true
	}
	return "", false
}

// cellSpan returns the address in an address column's cell: the trimmed
// value after any 〒 and postal code, when it starts with a prefecture or a
// municipality.
func cellSpan(s string) (start, end int, ok bool) {
	start, end = 0, len(s)
	for start < end && isSpace(s[start]) {
		start++
	}
	for start < end {
		r, size := utf8.DecodeLastRuneInString(s[start:end])
		if !isSpace(s[end-1]) && !strings.ContainsRune("、。,.", r) {
			break
		}
		end -= size
	}
	if strings.HasPrefix(s[start:end], "〒") {
		start += len("〒")
		for start < end && isSpace(s[start]) {
			start++
		}
	}
	if n := postalCodeLen(s[:end], start); n > 0 {
		start += n
		for start < end && isSpace(s[start]) {
			start++
		}
	}
	if start >= end {
		return 0, 0, false
	}
	if prefixPrefecture(s[:end], start) > 0 {
		return start, end, true
	}
	if _, ok := municipality(s[:end], start); ok && bareNameOK(s, start) {
		return start, end, true
	}
	return 0, 0, false
}

// cellVerdict rates a whole address cell: High with more than a prefecture
// or a municipality, Low with only one of them (東京都).
func cellVerdict(s string, start, end int, colReason string) detectors.Verdict {
	v := s[:end]
	reason := colReason
	if e := prefixPrefecture(v, start); e > 0 {
		if e == end {
			return detectors.Verdict{Confidence: detectors.Low, Reasons: []string{reason, "prefecture only"}}
		}
		return detectors.Verdict{Confidence: detectors.High, Reasons: []string{reason, "starts with a prefecture"}}
	}
	if me, _ := municipality(v, start); me == end {
		return detectors.Verdict{Confidence: detectors.Low, Reasons: []string{reason, "municipality only"}}
	}
	return detectors.Verdict{Confidence: detectors.High, Reasons: []string{reason, "starts with a municipality"}}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// Mask keeps the prefecture and municipality and masks the rest rune by
// rune, keeping separators (spaces, '-', '#', punctuation) so the shape
// survives: 東京都渋谷区渋谷2-21-1 → 東京都渋谷区***-**-*. A value that does
// not start with one is masked whole.
func (*Detector) Mask(value string) string {
	// Prefecture and municipality names are kanji and kana, which
	// normalising leaves alone, so they are read from the value itself; a
	// value whose names would need folding (half-width katakana) is only
	// masked more.
	keep := 0
	if e := prefixPrefecture(value, 0); e > 0 {
		keep = e
	}
	if me, ok := municipality(value, keep); ok && (keep > 0 || bareNameOK(value, 0)) && me < len(value) {
		// Not when the municipality ends the value ("東京都渋谷区"):
		// then the area would be all of it.
		keep = me
	}
	var b strings.Builder
	b.Grow(len(value))
	b.WriteString(value[:keep])
	for _, r := range value[keep:] {
		if isSeparator(r) {
			b.WriteRune(r)
		} else {
			b.WriteByte('*')
		}
	}
	return b.String()
}

// isSeparator: ASCII and full-width punctuation and spaces, dashes and
// Japanese punctuation.
func isSeparator(r rune) bool {
	if r >= 0xFF01 && r <= 0xFF5E {
		r -= 0xFF01 - '!'
	}
	switch {
	case r < utf8.RuneSelf:
		return !(isDigit(byte(r)) || isASCIILetter(byte(r)))
	case r == 0x3000, r >= 0x2010 && r <= 0x2015, r == 0x2212:
		return true
	}
	switch r {
	case '、', '。', '・', '「', '」', '『', '』', '（', '）':
		return true
	}
	return false
}
