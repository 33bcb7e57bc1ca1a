package detectors

import "bytes"

// foldFinder finds the runes that folding may change. Their lead bytes (EF
// for full-width forms and half-width katakana, E2 for dashes, C2 for the
// no-break space) are rare in Japanese text, and the two E3 runes that fold
// (U+3000, and ー between digits) are found as whole sequences, so each is
// located with a vectorised search instead of a byte-by-byte loop. The next
// position of every needle is remembered, so the searches stay linear in the
// text however many folds it holds.
type foldFinder struct {
	b    []byte
	next [len(foldNeedles)]int // next occurrence at or after the last query; -1 before the first
}

var foldNeedles = [...][]byte{{0xEF}, {0xE2}, {0xC2}, []byte("\u3000"), []byte("ー")}

// foldLead marks the lead bytes of the needles.
var foldLead = [256]bool{0xEF: true, 0xE2: true, 0xC2: true, 0xE3: true}

func (f *foldFinder) reset(b []byte) {
	f.b = b
	for k := range f.next {
		f.next[k] = -1
	}
}

// shortText is the length below which a plain loop beats five searches:
// most CSV cells and JSON values are short.
const shortText = 256

// find returns the offset of the first rune at or after from that folds, or -1.
func (f *foldFinder) find(from int) int {
	if len(f.b) < shortText {
		for i := from; i < len(f.b); i++ {
			if foldLead[f.b[i]] {
				if _, _, ok := foldAt(f.b, i, digitBefore(f.b, i)); ok {
					return i
				}
			}
		}
		return -1
	}
	for {
		i := len(f.b)
		for k, needle := range foldNeedles {
			if f.next[k] < from && f.next[k] != len(f.b) {
				j := bytes.Index(f.b[from:], needle)
				if j < 0 {
					f.next[k] = len(f.b)
				} else {
					f.next[k] = from + j
				}
			}
			i = min(i, f.next[k])
		}
		if i >= len(f.b) {
			return -1
		}
		if _, _, ok := foldAt(f.b, i, digitBefore(f.b, i)); ok {
			return i
		}
		from = i + 1
	}
}

// digitBefore reports whether the rune before b[i] is a digit, ASCII or
// full-width (which folding turns into ASCII).
func digitBefore(b []byte, i int) bool {
	if i > 0 && isDigit(b[i-1]) {
		return true
	}
	return i >= 3 && b[i-3] == 0xEF && b[i-2] == 0xBC && b[i-1] >= 0x90 && b[i-1] <= 0x99
}
