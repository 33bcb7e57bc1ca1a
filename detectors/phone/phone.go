// Package phone detects Japanese telephone numbers: fixed lines, mobiles, IP
// phones (050), toll-free and navi-dial business numbers, and their +81
// international forms, in every separator style seen in real data.
package phone

import (
	"strings"

	"github.com/pmscan/pmscan/detectors"
)

// Detector finds phone numbers. It needs no keyword: numbers are found from
// the text's digit spans and judged by the number plan, separators and context.
type Detector struct{}

// New returns a phone detector.
func New() *Detector { return &Detector{} }

var (
	_ detectors.Detector = (*Detector)(nil)
	_ detectors.Masker   = (*Detector)(nil)
)

// Type implements detectors.Detector.
func (*Detector) Type() string { return "phone" }

// Keywords implements detectors.Detector: phone numbers are reported without
// context, so the detector is never gated.
func (*Detector) Keywords() []string { return nil }

// Context words (normalised, lowercase). ASCII words must start a word: "tel"
// does not match inside "hotel".
var contextWords = []string{"tel", "電話", "携帯", "連絡先", "fax", "ファックス", "ファクス", "phone", "mobile", "smartphone", "cellphone", "スマホ", "℡"}

// Column words: non-ASCII ones are matched anywhere in the column name, ASCII
// ones as the start of a word of it (tel_no, homeTel, phoneNumber), "phone"
// also as the end of one (cellphone).
var (
	columnWordsJA     = []string{"電話", "携帯", "連絡先", "ファックス", "ファクス"}
	columnWordsPrefix = []string{"tel", "phone", "mobile", "fax", "keitai", "denwa"}
)

const contextWindow = 20 // characters

type kind uint8

const (
	kindNone kind = iota
	kindFixed
	kindMobile
	kindIP
	kindTollFree
	kindNavi
)

func (k kind) reason() string {
	switch k {
	case kindFixed:
		return "fixed-line number plan"
	case kindMobile:
		return "mobile number plan"
	case kindIP:
		return "IP phone (050) number plan"
	case kindTollFree:
		return "business number (toll-free)"
	case kindNavi:
		return "business number (navi-dial)"
	}
	return ""
}

// number is a window of digit groups that passed the structural checks.
type number struct {
	kind       kind
	start, end int // offsets in Norm, including a leading '+' or '('
	separated  bool
	intl       bool
}

// Find implements detectors.Detector. A phone column's cell may hold a
// number without its leading 0 (see restore); other numbers are found in the
// digit spans.
func (*Detector) Find(t *detectors.Text) []detectors.Candidate {
	if r, ok := restore(t); ok {
		return []detectors.Candidate{{Start: r.start, End: r.end}}
	}
	var out []detectors.Candidate
	for _, sp := range t.Spans() {
		if sp.Digits < 10 {
			continue
		}
		gs := t.Groups(sp)
		for i := 0; i < len(gs); {
			if i > 0 && gs[i].Sep != " " {
				i++
				continue
			}
			best, found := number{}, -1
			digits := 0
			for j := i; j < len(gs); j++ {
				digits += gs[j].Len()
				if digits > 13 {
					break
				}
				if digits < 10 || j+1 < len(gs) && gs[j+1].Sep != " " {
					continue
				}
				if n, ok := classify(t, sp, gs, i, j); ok {
					best, found = n, j
				}
			}
			if found < 0 {
				i++
				continue
			}
			out = append(out, detectors.Candidate{Start: best.start, End: best.end})
			i = found + 1
		}
	}
	return out
}

// Judge implements detectors.Detector.
func (*Detector) Judge(c detectors.Candidate, t *detectors.Text) detectors.Verdict {
	n, ok := locate(t, c)
	if !ok {
		if r, ok := restore(t); ok && r.start == c.Start && r.end == c.End {
			return r.verdict()
		}
		return detectors.Verdict{}
	}
	reasons := make([]string, 0, 4)
	reasons = append(reasons, n.kind.reason())
	var ctx []string
	if kw, ok := t.KeywordAround(contextWords, c.Start, c.End, contextWindow, contextWindow, false); ok {
		ctx = append(ctx, kw.Reason())
	}
	if w, ok := columnMatch(t); ok {
		ctx = append(ctx, detectors.ColumnReason(w))
	}
	var conf detectors.Confidence
	switch {
	case n.kind == kindTollFree || n.kind == kindNavi:
		conf = detectors.Low
		if len(ctx) > 0 {
			conf = detectors.Medium
		}
	case n.intl:
		conf = detectors.High
		reasons = append(reasons, "international +81 prefix")
	case n.separated:
		conf = detectors.High
	default:
		reasons = append(reasons, "unseparated digits")
		conf = detectors.Low
		if n.kind == kindMobile || n.kind == kindIP {
			conf = detectors.Medium
		}
		if len(ctx) > 0 {
			conf = detectors.High
		}
	}
	return detectors.Verdict{Confidence: conf, Reasons: append(reasons, ctx...)}
}

// locate re-derives the number behind a candidate that Find returned.
func locate(t *detectors.Text, c detectors.Candidate) (number, bool) {
	sp, ok := t.SpanAt(c.End - 1)
	if !ok {
		return number{}, false
	}
	gs := t.Groups(sp)
	i, j := -1, -1
	for k, g := range gs {
		if i < 0 && g.End > c.Start {
			i = k
		}
		if g.End <= c.End {
			j = k
		}
	}
	if i < 0 || j < i {
		return number{}, false
	}
	n, ok := classify(t, sp, gs, i, j)
	if !ok || n.start != c.Start || n.end != c.End {
		return number{}, false
	}
	return n, true
}

// classify checks whether groups gs[i..j] of span sp form a phone number: the
// +81 prefix, the separator pattern, the boundaries and the number plan.
func classify(t *detectors.Text, sp detectors.Span, gs []detectors.Group, i, j int) (number, bool) {
	s := t.Norm
	win := gs[i : j+1]
	n := number{start: win[0].Start, end: win[len(win)-1].End}
	outer := win[0].Start // where the value begins, for the glue check
	if i == 0 {
		outer = sp.Start
	}
	var national []detectors.Group
	var first detectors.Group // first national group, when it shares a group with 81
	switch {
	case i == 0 && sp.Plus:
		g0 := s[win[0].Start:win[0].End]
		if !strings.HasPrefix(g0, "81") {
			return n, false
		}
		n.intl, n.start = true, sp.Start
		if len(g0) > 2 { // +81312345678
			if len(win) != 1 {
				return n, false
			}
			first = detectors.Group{Start: win[0].Start + 2, End: win[0].End}
			national = []detectors.Group{first}
			break
		}
		k := 1
		if k >= len(win) {
			return n, false
		}
		if win[k].Sep == "(" { // +81(0)3-5989-1211
			if s[win[k].Start:win[k].End] != "0" || k+1 >= len(win) || !closeParen(win[k+1].Sep) {
				return n, false
			}
			k++
		} else if !plainSep(win[k].Sep) {
			return n, false
		}
		national = win[k:]
	case i == 0 && win[0].Sep == "(" && s[win[0].Start:win[0].End] == "0" && len(win) > 1 &&
		closeParen(win[1].Sep) && sp.Start >= 4 && s[sp.Start-4:sp.Start] == "+81 ":
		// "+81 (0)3 5989 1211": the space ends the span after +81.
		n.intl, n.start = true, sp.Start-4
		outer = n.start
		national = win[1:]
	default:
		national = win
	}
	if i == 0 && glueBefore(t, outer) || j == len(gs)-1 && glueAfter(t, sp.End) {
		return n, false
	}

	var lens [3]int
	switch len(national) {
	case 1:
	case 3:
		s1, s2 := national[1].Sep, national[2].Sep
		switch {
		case n.intl:
			if s1 != s2 || !plainSep(s1) {
				return n, false
			}
		case national[0].Sep == "(" && closeParen(s1) && plainSep(s2): // (03)5989-1211
			n.start = sp.Start
		case s1 == "(" && s2 == ")": // 03(5989)1211
		case s1 == s2 && plainSep(s1): // 03-5989-1211, also inside "(...)"
		default:
			return n, false
		}
		n.separated = true
		for k := range lens {
			lens[k] = national[k].Len()
		}
	default:
		return n, false
	}

	var buf [16]byte
	d := buf[:0]
	if n.intl {
		d = append(d, '0')
		lens[0]++
	}
	for _, g := range national {
		d = append(d, s[g.Start:g.End]...)
	}
	n.kind = plan(d)
	if n.kind == kindNone {
		return n, false
	}
	if n.separated && !groupsFit(n.kind, lens) {
		return n, false
	}
	return n, true
}

// plan classifies national digits (leading 0 included) by the number plan.
func plan(d []byte) kind {
	if len(d) != 10 && len(d) != 11 || d[0] != '0' || d[1] == '0' {
		return kindNone
	}
	if dummy(d) {
		return kindNone
	}
	p4 := string(d[:4])
	switch {
	case len(d) == 11 && p4 == "0800":
		return kindTollFree
	case len(d) == 11 && d[2] == '0' && d[1] == '5':
		return kindIP
	case len(d) == 11 && d[2] == '0' && d[1] >= '6':
		return kindMobile
	case len(d) == 10 && p4 == "0120":
		return kindTollFree
	case len(d) == 10 && p4 == "0570":
		return kindNavi
	case d[2] == '0': // 010, 020 (M2M), 0180, 10-digit 090...
		return kindNone
	case len(d) == 10:
		return kindFixed
	}
	return kindNone
}

// dummy rejects placeholders: 0123456789, and numbers whose digits after the
// prefix are all the same (090-1111-1111, 03-1111-1111).
func dummy(d []byte) bool {
	if string(d) == "0123456789" {
		return true
	}
	for _, c := range d[5:] {
		if c != d[4] {
			return false
		}
	}
	return true
}

// groupsFit checks the lengths of separated groups against the kind.
func groupsFit(k kind, l [3]int) bool {
	switch k {
	case kindMobile, kindIP:
		return l == [3]int{3, 4, 4}
	case kindTollFree:
		if l[0] == 4 && l[1]+l[2] == 7 { // 0800-123-4567
			return l == [3]int{4, 3, 4}
		}
		return l[0] == 4 && l[1] >= 2 && l[2] >= 3 && l[1]+l[2] == 6
	case kindNavi:
		return l[0] == 4 && l[1] >= 2 && l[2] >= 3 && l[1]+l[2] == 6
	case kindFixed:
		// Area code 2-5 digits with the 0, exchange 1-4, subscriber 4.
		return l[0] >= 2 && l[0] <= 5 && l[1] >= 1 && l[1] <= 4 && l[0]+l[1] == 6 && l[2] == 4
	}
	return false
}

func plainSep(sep string) bool { return sep == "-" || sep == " " || sep == "." }

func closeParen(sep string) bool { return sep == ")" || sep == ") " || sep == ")-" }

// glueBefore reports whether the value starting at Norm[pos] continues a
// longer token: ORD0312345678, ORD-0312345678.
// A context word written straight before the number (TEL0312345678) is not glue.
func glueBefore(t *detectors.Text, pos int) bool {
	b := t.Before(pos)
	if detectors.IsWordByte(b) {
		for _, w := range gluedPrefixes {
			i := pos - len(w)
			if i >= 0 && strings.EqualFold(t.Norm[i:pos], w) && (i == 0 || !isLetter(t.Norm[i-1])) {
				return false
			}
		}
		return true
	}
	return b == '-' && detectors.IsWordByte(t.Before(pos-1))
}

// gluedPrefixes may touch the number: TEL0312345678, FAX03-5989-1212.
var gluedPrefixes = []string{"tel", "fax", "phone", "mobile"}

// glueAfter reports whether the value ending at Norm[pos] continues a longer
// token: 0312345678X, 0312345678-A, 0312345678.jpg, 09012345678@docomo.ne.jp.
func glueAfter(t *detectors.Text, pos int) bool {
	a := t.After(pos)
	if detectors.IsWordByte(a) || a == '@' {
		return true
	}
	return (a == '-' || a == '.') && detectors.IsWordByte(t.After(pos+1))
}

// Mask keeps the first group (area code or mobile prefix, or +81 and the
// next group) and the last 4 digits: "03-****-1211", "+81-3-****-1211"; of a
// number without its leading 0, the same digits: "90****5678".
func (*Detector) Mask(value string) string {
	v := detectors.Normalize(value)
	var groups [8]string
	ng := 0
	for i := 0; i < len(v); {
		if !isDigit(v[i]) {
			i++
			continue
		}
		k := i
		for k < len(v) && isDigit(v[k]) {
			k++
		}
		if ng == len(groups) {
			return detectors.MaskDefault(value)
		}
		groups[ng] = v[i:k]
		ng++
		i = k
	}
	if ng == 0 {
		return detectors.MaskDefault(value)
	}
	head := 0
	g := groups[:ng]
	if strings.HasPrefix(strings.TrimLeft(v, " ("), "+") && strings.HasPrefix(g[0], "81") {
		head = 2
		if len(g[0]) > 2 {
			nat := "0" + g[0][2:]
			head += unseparatedHead(nat) - 1
		} else if len(g) > 1 {
			k := 1
			if g[k] == "0" && len(g) > 2 { // (0)
				head++
				k++
			}
			head += len(g[k])
		}
	} else if ng > 1 {
		head = len(g[0])
	} else if k, intl := restoredKind(g[0]); k != kindNone {
		head = restoredHead(g[0], intl)
	} else {
		head = unseparatedHead(g[0])
	}
	return detectors.MaskKeep(v, head, 4)
}

// unseparatedHead is how many leading digits of an unseparated national
// number to keep: the prefix of a mobile or business number, else 2.
func unseparatedHead(d string) int {
	switch {
	case strings.HasPrefix(d, "0120"), strings.HasPrefix(d, "0570"), strings.HasPrefix(d, "0800"):
		return 4
	case len(d) == 11:
		return 3
	}
	return 2
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// columnMatch checks the column name for phone words.
func columnMatch(t *detectors.Text) (string, bool) {
	if t.Column == "" {
		return "", false
	}
	if w, ok := t.ColumnHas(columnWordsJA); ok {
		return w, true
	}
	found := ""
	detectors.EachWord(detectors.Normalize(t.Column), func(tok string) bool {
		for _, w := range columnWordsPrefix {
			if strings.HasPrefix(tok, w) || w == "phone" && strings.HasSuffix(tok, w) {
				found = w
				return true
			}
		}
		return false
	})
	return found, found != ""
}

// Requires implements detectors.Requirer: nothing to find without a digit.
func (*Detector) Requires() detectors.Feature { return detectors.HasDigit }

// MinDigits implements detectors.DigitCounter: Find skips spans of fewer
// digits, except a phone column's 9-digit numbers without their leading 0
// (312345678 for 03-1234-5678).
func (*Detector) MinDigits() int { return 9 }
