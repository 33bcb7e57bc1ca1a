package lookup

import (
	"unicode"
	"unicode/utf8"
)

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

func isKatakana(r rune) bool { return r >= 0x30A1 && r <= 0x30FA || r == 'ー' }

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}
