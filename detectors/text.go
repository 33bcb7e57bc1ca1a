package detectors

import (
	"sort"
	"unicode/utf8"
	"unsafe"
)

// Text is one field's text as detectors see it: the original (already decoded
// to UTF-8) and a normalised copy in which full-width ASCII, the ideographic
// space, dash look-alikes and half-width katakana are folded. Detectors match on
// Norm and map offsets back with OrigOffset. A Text is reused between fields and
// is not safe for concurrent use; detectors must not retain it.
type Text struct {
	Norm   string // normalised text
	Orig   string // original text
	Column string // column name or JSON key path, as written; "" if none

	columnNorm string // Column normalised and ASCII-lowercased, for keyword checks
	edits      []edit // offset map, sorted by norm; empty when Norm == Orig
	normBuf    []byte

	spans     []Span
	groups    []Group
	spansDone bool
	scratch   []byte
}

// edit says that Norm[norm:] continues Orig[orig:] until the next edit.
type edit struct{ norm, orig int }

// Reset points t at new text. orig must stay unchanged while t is in use:
// Orig and Norm may alias it.
func (t *Text) Reset(orig []byte, column string) {
	t.Orig = unsafe.String(unsafe.SliceData(orig), len(orig))
	t.Column = column
	t.edits = t.edits[:0]
	t.spans, t.groups, t.spansDone = t.spans[:0], t.groups[:0], false
	if column == "" {
		t.columnNorm = ""
	} else {
		t.columnNorm = string(lowerASCII(Normalize(column)))
	}
	first := firstFold(orig)
	if first < 0 {
		t.Norm = t.Orig
		return
	}
	t.normBuf = t.fold(t.normBuf[:0], orig, first)
	t.Norm = unsafe.String(unsafe.SliceData(t.normBuf), len(t.normBuf))
}

// SetText is Reset for a string.
func (t *Text) SetText(s, column string) {
	t.Reset(unsafe.Slice(unsafe.StringData(s), len(s)), column)
}

// ColumnNorm is the column name normalised and ASCII-lowercased.
func (t *Text) ColumnNorm() string { return t.columnNorm }

// OrigOffset maps a byte offset in Norm to the byte offset in Orig.
func (t *Text) OrigOffset(n int) int {
	if len(t.edits) == 0 {
		return n
	}
	i := sort.Search(len(t.edits), func(i int) bool { return t.edits[i].norm > n }) - 1
	if i < 0 {
		return n
	}
	e := t.edits[i]
	o := e.orig + (n - e.norm)
	if i+1 < len(t.edits) && o > t.edits[i+1].orig {
		o = t.edits[i+1].orig
	}
	return o
}

// OrigSpan returns the original text behind Norm[start:end].
func (t *Text) OrigSpan(start, end int) string {
	return t.Orig[t.OrigOffset(start):t.OrigOffset(end)]
}

// Normalize folds s the way Text does, for keywords and column names.
func Normalize(s string) string {
	b := []byte(s)
	first := firstFold(b)
	if first < 0 {
		return s
	}
	var t Text
	return string(t.fold(nil, b, first))
}

// firstFold returns the offset of the first byte that folding changes, or -1.
// It is the fast path: most text needs no folding at all.
func firstFold(b []byte) int {
	for i := 0; i < len(b); i++ {
		if b[i] < 0xC2 || !mayFold(b, i) {
			continue
		}
		if _, _, ok := foldAt(b, i, i > 0 && isDigit(b[i-1])); ok {
			return i
		}
	}
	return -1
}

// mayFold is a byte-level check that rules out most non-ASCII runes (all of
// hiragana, kanji and full-width katakana but ー) before decoding them.
func mayFold(b []byte, i int) bool {
	if i+1 >= len(b) {
		return false
	}
	switch b[i] {
	case 0xC2: // U+00A0
		return b[i+1] == 0xA0
	case 0xE2: // U+2010-201F, U+2043, U+2212
		return b[i+1] == 0x80 || b[i+1] == 0x81 || b[i+1] == 0x88
	case 0xE3: // U+3000, U+30FC
		return i+2 < len(b) && (b[i+1] == 0x80 && b[i+2] == 0x80 || b[i+1] == 0x83 && b[i+2] == 0xBC)
	case 0xEF: // U+FE58-FE63, U+FF01-FF9F
		return b[i+1] == 0xB9 || b[i+1] == 0xBC || b[i+1] == 0xBD || b[i+1] == 0xBE
	}
	return false
}

// fold appends the normalisation of src to dst, recording edits; src[:first]
// is known to need no folding.
func (t *Text) fold(dst, src []byte, first int) []byte {
	dst = append(dst, src[:first]...)
	for i := first; i < len(src); {
		c := src[i]
		if c >= 0xC2 && mayFold(src, i) {
			prevDigit := len(dst) > 0 && isDigit(dst[len(dst)-1])
			if out, n, ok := foldAt(src, i, prevDigit); ok {
				t.edits = append(t.edits, edit{len(dst), i})
				dst = append(dst, out...)
				i += n
				t.edits = append(t.edits, edit{len(dst), i})
				continue
			}
		}
		dst = append(dst, c)
		i++
	}
	return dst
}

var (
	dashByte       = []byte{'-'}
	spaceByte      = []byte{' '}
	apostropheByte = []byte{'\''}
)

// foldAt reports whether the rune at src[i] folds, to what, and how many source
// bytes it consumes. prevDigit says whether the folded text so far ends in a
// digit: the prolonged sound mark ー is a dash only between digits.
func foldAt(src []byte, i int, prevDigit bool) (out []byte, n int, ok bool) {
	r, size := utf8.DecodeRune(src[i:])
	switch {
	case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII
		return asciiBytes[r-0xFF01+0x21 : r-0xFF01+0x22], size, true
	case r == 0x3000 || r == 0x00A0: // ideographic and no-break space
		return spaceByte, size, true
	case r == 0x2019 || r == 0x2018: // curly apostrophes: "driver’s license"
		return apostropheByte, size, true
	case isDashLike(r):
		return dashByte, size, true
	case r == 'ー' || r == 'ｰ':
		if prevDigit && nextIsDigit(src[i+size:]) {
			return dashByte, size, true
		}
		if r == 'ｰ' {
			return halfKana(src, i, size)
		}
		return nil, 0, false
	case r >= 0xFF61 && r <= 0xFF9F: // half-width katakana and punctuation
		return halfKana(src, i, size)
	}
	return nil, 0, false
}

var asciiBytes = func() []byte {
	b := make([]byte, 128)
	for i := range b {
		b[i] = byte(i)
	}
	return b
}()

func isDashLike(r rune) bool {
	switch r {
	case 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2043, 0x2212, 0xFE58, 0xFE63:
		return true
	}
	return false
}

func nextIsDigit(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	if isDigit(b[0]) {
		return true
	}
	r, _ := utf8.DecodeRune(b)
	return r >= '０' && r <= '９'
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// halfKana folds one half-width katakana (with a following voiced or
// semi-voiced mark, when it composes) to full width.
func halfKana(src []byte, i, size int) ([]byte, int, bool) {
	r, _ := utf8.DecodeRune(src[i:])
	full := halfToFull[r-0xFF61]
	if full == 0 {
		return nil, 0, false
	}
	if next, nsize := utf8.DecodeRune(src[i+size:]); next == 0xFF9E || next == 0xFF9F {
		var composed rune
		if next == 0xFF9E {
			composed = voiced[full]
		} else {
			composed = semiVoiced[full]
		}
		if composed != 0 {
			return utf8.AppendRune(nil, composed), size + nsize, true
		}
	}
	return utf8.AppendRune(nil, full), size, true
}

// halfToFull maps U+FF61..U+FF9F to full-width forms.
var halfToFull = func() [0xFF9F - 0xFF61 + 1]rune {
	var m [0xFF9F - 0xFF61 + 1]rune
	const s = "。「」、・ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン゛゜"
	i := 0
	for _, r := range s {
		m[i] = r
		i++
	}
	return m
}()

var voiced = func() map[rune]rune {
	m := map[rune]rune{'ウ': 'ヴ'}
	for _, r := range "カキクケコサシスセソタチツテトハヒフヘホ" {
		m[r] = r + 1
	}
	return m
}()

var semiVoiced = func() map[rune]rune {
	m := map[rune]rune{}
	for _, r := range "ハヒフヘホ" {
		m[r] = r + 2
	}
	return m
}()

func lowerASCII(s string) []byte {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 32
		}
	}
	return b
}
