package personname

import (
	"iter"
	"strings"
	"unicode/utf8"
)

// Character classes of Japanese names. Ranges are tested directly: these run
// once per rune of every Japanese text.

// isHan reports CJK ideographs and the marks written inside kanji names
// (佐々木, 八ヶ岳 style ヶ).
func isHan(r rune) bool {
	return r >= 0x4E00 && r <= 0x9FFF || r >= 0x3400 && r <= 0x4DBF || r >= 0xF900 && r <= 0xFAFF ||
		r == '々' || r == 'ヶ' || r == '〆'
}

func isHiragana(r rune) bool { return r >= 0x3041 && r <= 0x3096 }

// isKatakana includes the long-vowel mark and the middle dot of foreign
// names (ジョン・スミス); Text.Norm has already folded half-width katakana.
func isKatakana(r rune) bool { return r >= 0x30A1 && r <= 0x30FA || r == 'ー' || r == '・' }

func isKana(r rune) bool { return isHiragana(r) || isKatakana(r) }

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// runeCount is utf8.RuneCountInString under a shorter name.
func runeCount(s string) int { return utf8.RuneCountInString(s) }

// decodeRune is utf8.DecodeRuneInString with the three-byte sequences of
// kana and kanji decoded inline: Japanese text is almost all of them.
func decodeRune(s string) (rune, int) {
	if len(s) >= 3 && s[0]&0xF0 == 0xE0 && s[1]&0xC0 == 0x80 && s[2]&0xC0 == 0x80 {
		r := rune(s[0]&0x0F)<<12 | rune(s[1]&0x3F)<<6 | rune(s[2]&0x3F)
		if r >= 0x800 && (r < 0xD800 || r > 0xDFFF) {
			return r, 3
		}
	}
	return utf8.DecodeRuneInString(s)
}

// decodeLastRune is decodeRune from the end.
func decodeLastRune(s string) (rune, int) {
	if n := len(s); n >= 3 && s[n-3]&0xF0 == 0xE0 && s[n-2]&0xC0 == 0x80 && s[n-1]&0xC0 == 0x80 {
		r := rune(s[n-3]&0x0F)<<12 | rune(s[n-2]&0x3F)<<6 | rune(s[n-1]&0x3F)
		if r >= 0x800 && (r < 0xD800 || r > 0xDFFF) {
			return r, 3
		}
	}
	return utf8.DecodeLastRuneInString(s)
}

// runeSet is a set of BMP runes as a bitmap: one load and a mask, where a
// map costs a hash.
type runeSet [0x10000 / 64]uint64

func (rs *runeSet) add(r rune) {
	if r < 0x10000 {
		rs[r>>6] |= 1 << (r & 63)
	}
}

func (rs *runeSet) has(r rune) bool { return r < 0x10000 && rs[r>>6]&(1<<(r&63)) != 0 }

// runEnd returns the end of the run of runes satisfying in that starts at i.
func runEnd(s string, i int, in func(rune) bool) int {
	for i < len(s) {
		r, size := decodeRune(s[i:])
		if !in(r) {
			break
		}
		i += size
	}
	return i
}

// hanEnd is runEnd for kanji, which the scan walks every rune of: a
// direct call where a func value costs one per rune.
func hanEnd(s string, i int) int {
	for i < len(s) {
		r, size := decodeRune(s[i:])
		if !isHan(r) {
			break
		}
		i += size
	}
	return i
}

// katakanaToHiragana maps katakana to hiragana rune by rune (トメ → とめ);
// the long vowel mark and the middle dot stay.
func katakanaToHiragana(w string) string {
	return strings.Map(func(r rune) rune {
		if r >= 0x30A1 && r <= 0x30F6 {
			return r - 0x60
		}
		return r
	}, w)
}

// hiraganaToKatakana maps hiragana to katakana rune by rune (とめ → トメ).
func hiraganaToKatakana(w string) string {
	return strings.Map(func(r rune) rune {
		if r >= 0x3041 && r <= 0x3096 {
			return r + 0x60
		}
		return r
	}, w)
}

// runStart returns the start of the run of runes satisfying in that ends at i.
func runStart(s string, i int, in func(rune) bool) int {
	for i > 0 {
		r, size := decodeLastRune(s[:i])
		if !in(r) {
			break
		}
		i -= size
	}
	return i
}

// afterKatakana reports a katakana rune just before s[i]: a kanji run
// glued to one is part of a word (いか銀), no name of its own.
func afterKatakana(s string, i int) bool {
	if i == 0 {
		return false
	}
	r, _ := decodeLastRune(s[:i])
	return isKatakana(r)
}

// occurrences yields where w starts in s, left to right, each match past
// the one before it (no overlaps).
func occurrences(s, w string) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := 0; len(w) > 0; {
			k := strings.Index(s[i:], w)
			if k < 0 || !yield(i+k) {
				return
			}
			i += k + len(w)
		}
	}
}

// runesBack returns where the n runes before s[i] start, or 0.
func runesBack(s string, i, n int) int {
	for ; n > 0 && i > 0; n-- {
		_, size := decodeLastRune(s[:i])
		i -= size
	}
	return i
}

// runesAhead returns where the n runes from s[i] end, or len(s).
func runesAhead(s string, i, n int) int {
	for ; n > 0 && i < len(s); n-- {
		_, size := decodeRune(s[i:])
		i += size
	}
	return i
}

// kanaWord reports a word that starts with kana.
func kanaWord(w string) bool {
	r, _ := decodeRune(w)
	return isHiragana(r) || isKatakana(r)
}
