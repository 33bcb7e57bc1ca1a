package personname

import "unicode/utf8"

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

// runEnd returns the end of the run of runes satisfying in that starts at i.
func runEnd(s string, i int, in func(rune) bool) int {
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !in(r) {
			break
		}
		i += size
	}
	return i
}

// runStart returns the start of the run of runes satisfying in that ends at i.
func runStart(s string, i int, in func(rune) bool) int {
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:i])
		if !in(r) {
			break
		}
		i -= size
	}
	return i
}
