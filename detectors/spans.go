package detectors

import "sort"

// A Span is a maximal run of digit groups in Text.Norm joined by single
// separators ('-', '.', ' ', '/', '(' or ')', or a ')' plus one more), such as
// "03-5989-1211", "(03)5989-1211", "+81 90 1234 5678", "1234 5678 9012" or
// "192.168.0.1". Most number-shaped detectors look only at spans and reject
// them by digit count before any further work, so text without numbers costs
// them nothing. A span may hold several values ("2024/01/05 03-1234-5678"):
// detectors try windows of consecutive groups.
type Span struct {
	Start, End int  // byte offsets in Norm; Start may be a '+' or '('
	Digits     int  // number of digits
	Plus       bool // starts with '+'
	g0, g1     int  // groups are t.groups[g0:g1]
}

// Group is one run of digits within a span.
type Group struct {
	Start, End int    // byte offsets in Norm of the digits
	Sep        string // separator text before this group (the first group's is "", "+" or "(")
}

// Len is the number of digits in the group.
func (g Group) Len() int { return g.End - g.Start }

// Spans returns the digit spans of t.Norm, computed once per text.
func (t *Text) Spans() []Span {
	if t.spansDone {
		return t.spans
	}
	t.spansDone = true
	s := t.Norm
	for i := 0; i < len(s); {
		i = nextDigit(s, i)
		if i < 0 {
			break
		}
		start, plus := i, false
		if i > 0 && (s[i-1] == '+' || s[i-1] == '(') {
			start, plus = i-1, s[i-1] == '+'
		}
		sp := Span{Start: start, Plus: plus, g0: len(t.groups)}
		sepStart := start
		for {
			gs := i
			for i < len(s) && isDigit(s[i]) {
				i++
			}
			t.groups = append(t.groups, Group{Start: gs, End: i, Sep: s[sepStart:gs]})
			sp.Digits += i - gs
			sp.End = i
			// A separator of one char, or ')' followed by one more, continues
			// the span when a digit follows.
			j := i
			if j < len(s) && isSpanSep(s[j]) {
				j++
				if s[j-1] == ')' && j < len(s) && isSpanSep(s[j]) && s[j] != ')' && s[j] != '(' {
					j++
				}
			}
			if j == i || j >= len(s) || !isDigit(s[j]) {
				break
			}
			sepStart, i = i, j
		}
		sp.g1 = len(t.groups)
		t.spans = append(t.spans, sp)
	}
	return t.spans
}

// maxSpanDigits is the digit count of the longest span.
func (t *Text) maxSpanDigits() int {
	spans := t.Spans()
	if t.maxDigits < 0 {
		t.maxDigits = 0
		for _, sp := range spans {
			t.maxDigits = max(t.maxDigits, sp.Digits)
		}
	}
	return t.maxDigits
}

// SpanAt returns the span holding the byte Norm[pos], by binary search: a
// Judge that needs its candidate's span again need not walk them all.
func (t *Text) SpanAt(pos int) (Span, bool) {
	spans := t.Spans()
	i := sort.Search(len(spans), func(i int) bool { return spans[i].End > pos })
	if i < len(spans) && spans[i].Start <= pos {
		return spans[i], true
	}
	return Span{}, false
}

// Groups returns the digit groups of sp.
func (t *Text) Groups(sp Span) []Group { return t.groups[sp.g0:sp.g1] }

func isSpanSep(c byte) bool {
	switch c {
	case '-', '.', ' ', '/', '(', ')':
		return true
	}
	return false
}

// DigitsOf appends the digits of Norm[start:end] to dst.
func (t *Text) DigitsOf(dst []byte, start, end int) []byte {
	for i := start; i < end; i++ {
		if isDigit(t.Norm[i]) {
			dst = append(dst, t.Norm[i])
		}
	}
	return dst
}

// IsWordByte reports whether c continues an ASCII word (letter, digit or '_'):
// detectors use it to refuse matches glued to longer tokens.
func IsWordByte(c byte) bool {
	return isDigit(c) || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
}

// Before returns the byte before Norm[i], or 0 at the start.
func (t *Text) Before(i int) byte {
	if i <= 0 {
		return 0
	}
	return t.Norm[i-1]
}

// After returns the byte at Norm[i], or 0 at the end.
func (t *Text) After(i int) byte {
	if i >= len(t.Norm) {
		return 0
	}
	return t.Norm[i]
}

// nextDigit returns the offset of the first ASCII digit in s at or after i,
// or -1. It tests eight bytes at a time: text without numbers, most of
// Japanese prose, is skipped at memory speed.
func nextDigit(s string, i int) int {
	const (
		ones = 0x0101010101010101
		high = 0x8080808080808080
	)
	for ; i+8 <= len(s); i += 8 {
		x := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		// A byte is a digit when its low 7 bits are in 0x30..0x39 and its top
		// bit is clear (the "hasbetween" bit trick, exact for bytes < 0x80).
		low := x &^ high
		between := (ones*(127+0x3A) - low) &^ x & (low + ones*(127-0x2F)) & high
		if between != 0 {
			break
		}
	}
	for ; i < len(s); i++ {
		if isDigit(s[i]) {
			return i
		}
	}
	return -1
}
