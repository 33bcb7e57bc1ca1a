package detectors

import "strings"

// Mask hides a value for output: d's own Mask when it has one, otherwise
// MaskDefault.
func Mask(d Detector, value string) string {
	if m, ok := d.(Masker); ok {
		return m.Mask(value)
	}
	return MaskDefault(value)
}

// MaskDefault replaces letters and digits with '*', keeping separators and the
// last few characters so that a person can tell findings apart: the last 4 of
// 10 or more, the last 2 of 6 to 9, none of shorter values. Non-ASCII runes are
// masked too.
func MaskDefault(value string) string {
	return MaskKeep(value, 0, defaultKeep(value))
}

func defaultKeep(value string) int {
	n := 0
	for _, r := range value {
		if isMaskable(r) {
			n++
		}
	}
	switch {
	case n >= 10:
		return 4
	case n >= 6:
		return 2
	}
	return 0
}

// MaskKeep masks the maskable runes of value except the first head and the
// last tail of them. A mask never shows a whole value: one no longer than
// what would be kept (森 of 森様, a name of one character) keeps at most
// half of itself, its head first.
func MaskKeep(value string, head, tail int) string {
	total := 0
	for _, r := range value {
		if isMaskable(r) {
			total++
		}
	}
	if head+tail >= total {
		keep := total / 2
		head = min(head, keep)
		tail = min(tail, keep-head)
	}
	var b strings.Builder
	b.Grow(len(value))
	i := 0
	for _, r := range value {
		if isMaskable(r) {
			masked := i >= head && i < total-tail
			i++
			if masked {
				b.WriteByte('*')
				continue
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

// isMaskable: letters, digits and every non-ASCII rune; ASCII punctuation and
// spaces stay, so the shape of the value survives.
func isMaskable(r rune) bool {
	if r >= 0x80 {
		return r != 0x3000
	}
	return r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
}
