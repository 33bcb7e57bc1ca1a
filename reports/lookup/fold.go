package lookup

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/detectors/variants"
)

// Matching compares folded forms: text as detectors normalise it (NFKC:
// full-width letters and digits, half-width katakana), then, for names,
// without spaces and middle dots, kanji variants folded to one form
// (detectors/variants: 髙→高, 﨑→崎, 邊/邉→辺, 齋/齊→斉), variation selectors
// dropped, and kana in katakana.

// folded is a folded text and, for each of its bytes, the offset of the
// byte of the source it came from (one past the end at the end).
type folded struct {
	s   string
	src []int
}

// foldMode says what a fold keeps.
type foldMode uint8

const (
	foldName    foldMode = iota // kanji variants folded, kana in katakana, no spaces
	foldKana                    // kana in katakana, no spaces or dots
	foldAddress                 // no spaces, kanji numerals and block words as digits and hyphens
)

// fold folds s, already normalised as detectors.Text.Norm is, with the
// offsets a match's span needs.
func fold(s string, mode foldMode) folded { return foldWith(s, mode, true) }

// foldValue folds s as fold does, without the offsets: what the lookup
// index hashes, for every identifier a scan finds.
func foldValue(s string, mode foldMode) string { return foldWith(s, mode, false).s }

func foldWith(s string, mode foldMode, offsets bool) folded {
	var b strings.Builder
	b.Grow(len(s))
	var src []int
	if offsets {
		src = make([]int, 0, len(s)+1)
	}
	put := func(r rune, at int) {
		n := b.Len()
		b.WriteRune(r)
		if offsets {
			for range b.Len() - n {
				src = append(src, at)
			}
		}
	}
	for i, r := range s {
		switch {
		case r == ' ' || r == '\u3000' || r == '\t':
			continue
		case r >= 0xFE00 && r <= 0xFE0F, r >= 0xE0100 && r <= 0xE01EF:
			continue // variation selectors
		case r == '・' && mode != foldAddress:
			continue
		case r >= 'A' && r <= 'Z':
			r += 'a' - 'A'
		case r >= 0x3041 && r <= 0x3096:
			r += 0x60 // hiragana to katakana
		case mode == foldName && unicode.Is(unicode.Han, r):
			if v, ok := variants.Of(r); ok {
				r = v
			}
		}
		put(r, i)
	}
	if offsets {
		src = append(src, len(s))
	}
	out := b.String()
	if mode == foldAddress {
		return foldBlocks(out, src)
	}
	return folded{s: out, src: src}
}

// Fold folds a value given on the command line for matching.
func Fold(s string, mode foldMode) string { return fold(detectors.Normalize(s), mode).s }

// kanjiDigits are the kanji numerals block numbers are written with.
var kanjiDigits = map[rune]int{'〇': 0, '一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}

// foldBlocks writes an address's block numbers as digits and hyphens:
// 三丁目4番5号 and 3-4-5 both become 3-4-5, 二十三番地 23. src, when not
// nil, is the offsets of s's bytes, made the result's.
func foldBlocks(s string, src []int) folded {
	var b strings.Builder
	b.Grow(len(s))
	var out []int
	if src != nil {
		out = make([]int, 0, len(s)+1)
	}
	emit := func(t string, at int) {
		b.WriteString(t)
		if src != nil {
			for range len(t) {
				out = append(out, at)
			}
		}
	}
	rs := []rune(s)
	at := 0 // the byte offset of rs[i] in s
	for i := 0; i < len(rs); i++ {
		here := 0
		if src != nil {
			here = src[at]
		}
		next := func(r rune) bool { return i+1 < len(rs) && rs[i+1] == r }
		if v, n := kanjiNumber(rs[i:]); n > 0 {
			emit(itoa(v), here)
			for _, r := range rs[i : i+n] {
				at += utf8.RuneLen(r)
			}
			i += n - 1
			continue
		}
		width := utf8.RuneLen(rs[i])
		switch {
		case rs[i] == '丁' && next('目'), rs[i] == '番' && next('地'):
			emit("-", here)
			width += utf8.RuneLen(rs[i+1])
			i++
		case rs[i] == '番' || rs[i] == '－' || rs[i] == '‐' || rs[i] == '−' || rs[i] == 'ー' && i > 0 && isDigitRune(rs[i-1]):
			emit("-", here)
		case rs[i] == '号':
			// the end of the block number
		default:
			emit(string(rs[i]), here)
		}
		at += width
	}
	// A block number's last word (3番地 at the end) leaves a hyphen that
	// the other spelling (3) lacks.
	trimmed := strings.TrimRight(b.String(), "-")
	if src == nil {
		return folded{s: trimmed}
	}
	out = append(out[:len(trimmed)], src[len(src)-1])
	return folded{s: trimmed, src: out}
}

func isDigitRune(r rune) bool { return r >= '0' && r <= '9' }

// kanjiNumber reads a kanji numeral of up to 99 at rs[0] (三, 十二, 二十三).
func kanjiNumber(rs []rune) (v, n int) {
	i := 0
	if d, ok := kanjiDigits[rs[0]]; ok {
		v, i = d, 1
	}
	if i < len(rs) && rs[i] == '十' {
		if i == 0 {
			v = 1
		}
		v, i = v*10, i+1
		if i < len(rs) {
			if d, ok := kanjiDigits[rs[i]]; ok {
				v, i = v+d, i+1
			}
		}
	}
	if i == 0 {
		return 0, 0
	}
	return v, i
}

func itoa(v int) string {
	if v < 10 {
		return string(rune('0' + v))
	}
	return string(rune('0'+v/10)) + string(rune('0'+v%10))
}
