// Package variants folds kanji variants that Japanese registers treat as
// one character (髙/高, 﨑/崎, 邊/邉/辺, 齋/齊/斎, 濵/濱/浜) to one form, from
// variants.txt, a table generated from Unihan, the 常用漢字表's 旧字体 and
// UniDic (internal/genvariants). Name detection reads 髙橋 as 高橋, which
// its lexicon and tokenizer know; lookups compare names folded.
package variants

import (
	_ "embed"
	"strings"
	"sync"
	"unicode/utf8"
)

//go:embed variants.txt
var file string

type table struct {
	of     map[rune]rune   // each variant of a class to the class's first form
	byForm map[rune][]rune // each first form to its variants
	// sameWidth marks, in the Basic Multilingual Plane, the variants whose
	// form is as long in UTF-8: folding them keeps every offset.
	sameWidth [1 << 16 / 64]uint64
}

var load = sync.OnceValue(func() *table {
	t := &table{of: map[rune]rune{}, byForm: map[rune][]rune{}}
	for _, line := range strings.Split(file, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		fields := strings.Fields(line)
		first, _ := utf8.DecodeRuneInString(fields[0])
		for _, f := range fields[1:] {
			r, _ := utf8.DecodeRuneInString(f)
			t.of[r] = first
			t.byForm[first] = append(t.byForm[first], r)
			if r < 1<<16 && utf8.RuneLen(r) == utf8.RuneLen(first) {
				t.sameWidth[r/64] |= 1 << (r % 64)
			}
		}
	}
	return t
})

// Of returns the form r folds to, and whether r is a variant.
func Of(r rune) (rune, bool) {
	v, ok := load().of[r]
	return v, ok
}

// Within returns the variants that fold to form, in the table's order.
func Within(form rune) []rune { return load().byForm[form] }

// FoldSameWidth returns s with each variant whose form is as long in
// UTF-8 folded, so that an offset into the result is one into s, and
// whether it folded any.
func FoldSameWidth(s string) (string, bool) {
	t := load()
	var b []byte
	// Byte by byte: the variants that keep their width are three-byte
	// runes (U+3400 to U+FFFF), decoded here only where one can start;
	// names are looked for in all Japanese text, and most of it has none.
	for i := 0; i < len(s); {
		c := s[i]
		if c < 0xE3 || c > 0xEF || i+2 >= len(s) {
			i++
			continue
		}
		r := rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
		if r >= 0x3400 && t.sameWidth[r/64]&(1<<(r%64)) != 0 && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
			if b == nil {
				b = []byte(s)
			}
			utf8.EncodeRune(b[i:], t.of[r])
		}
		i += 3
	}
	if b == nil {
		return s, false
	}
	return string(b), true
}
