package detectors

import "strings"

// DigitsOf is s with every byte but the ASCII digits left out: a number
// as its check digits and canonical forms see it.
func DigitsOf(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// A Layout recognises a grouped way of writing a number that starts at group
// i of sp, and returns how many groups it spans (0 when it does not match).
type Layout func(t *Text, sp Span, gs []Group, i int) int

// FindNumbers returns the values of t's digit spans that hold exactly n
// digits, written as one group on value boundaries or in one of the layouts:
// the common Find of fixed-length identifiers.
func FindNumbers(t *Text, n int, layouts ...Layout) []Candidate {
	var out []Candidate
	for _, sp := range t.Spans() {
		if sp.Digits < n {
			continue
		}
		gs := t.Groups(sp)
	groups:
		for i := 0; i < len(gs); i++ {
			if gs[i].Len() == n {
				if t.ValueStartsAt(sp, gs, i) && t.ValueEndsAt(sp, gs, i) {
					out = append(out, Candidate{Start: gs[i].Start, End: gs[i].End})
				}
				continue
			}
			for _, layout := range layouts {
				if k := layout(t, sp, gs, i); k > 0 {
					out = append(out, Candidate{Start: gs[i].Start, End: gs[i+k-1].End})
					i += k - 1
					continue groups
				}
			}
		}
	}
	return out
}

// Grouped444 is the layout 1234-5678-9012 (one separator: space, hyphen or
// dot) of 12-digit numbers such as My Numbers and licence numbers.
func Grouped444(t *Text, sp Span, gs []Group, i int) int {
	if gs[i].Len() != 4 || i+2 >= len(gs) || gs[i+1].Len() != 4 || gs[i+2].Len() != 4 {
		return 0
	}
	sep := gs[i+1].Sep
	if gs[i+2].Sep != sep || sep != " " && sep != "-" && sep != "." {
		return 0
	}
	if !t.ValueStartsAt(sp, gs, i) || !t.ValueEndsAt(sp, gs, i+2) {
		return 0
	}
	if sep == " " {
		// The space grouping may go on: 4111 1111 1111 1111 holds two 4-4-4
		// windows, 7 1234 5678 9012 is a 法人番号, 1234 5678 9012 3 a card.
		if i > 0 && (gs[i-1].Len() == 1 || gs[i-1].Len() == 4) {
			return 0
		}
		if i+3 < len(gs) && gs[i+3].Len() <= 4 {
			return 0
		}
	}
	return 3
}

// AllSameDigit reports whether every digit of d is the same: placeholders
// such as 000000000000, which some check digits accept.
func AllSameDigit(d []byte) bool {
	for _, c := range d[1:] {
		if c != d[0] {
			return false
		}
	}
	return true
}
