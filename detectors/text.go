package detectors

import (
	"sort"
	"strings"
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
	// Label says the text names a column or a key (a CSV header cell, a JSON
	// object key) instead of being a value; it then has no Column. Set it
	// after Reset, which clears it.
	Label bool

	columnNorm string // Column normalised and ASCII-lowercased, for keyword checks
	column     *columnInfo
	columns    map[string]*columnInfo // a cell's column recurs on every row
	recent     [64]*columnInfo        // by the address of the name's bytes
	edits      []edit                 // offset map, sorted by norm; empty when Norm == Orig
	normBuf    []byte

	spans     []Span
	groups    []Group
	spansDone bool
	maxDigits int // -1 until computed
	scratch   []byte
	matches   []Match // Set.Run's buffer
	folds     foldFinder
	feat      Feature // features(), once featDone
	featDone  bool
}

// edit says that Norm[norm:] continues Orig[orig:] until the next edit.
type edit struct{ norm, orig int }

// Reset points t at new text. orig must stay unchanged while t is in use:
// Orig and Norm may alias it.
func (t *Text) Reset(orig []byte, column string) {
	t.Orig = unsafe.String(unsafe.SliceData(orig), len(orig))
	t.Column = column
	t.Label = false
	t.edits = t.edits[:0]
	t.spans, t.groups, t.spansDone, t.maxDigits = t.spans[:0], t.groups[:0], false, -1
	t.setColumn(column)
	t.folds.reset(orig)
	t.featDone = false
	var first int
	if len(orig) < shortText {
		// Cells and values: one pass finds the first fold and, when there
		// is none, the features too.
		t.feat, first = scanShort(orig)
		t.featDone = first < 0
	} else {
		first = t.folds.find(0)
	}
	if first < 0 {
		t.Norm = t.Orig
		return
	}
	t.normBuf = t.fold(t.normBuf[:0], orig, &t.folds, first)
	t.Norm = unsafe.String(unsafe.SliceData(t.normBuf), len(t.normBuf))
}

// SetText is Reset for a string.
func (t *Text) SetText(s, column string) {
	t.Reset(unsafe.Slice(unsafe.StringData(s), len(s)), column)
}

// columnInfo caches what depends on the column name only.
type columnInfo struct {
	name    string
	norm    string
	gateSet *Set // the Set whose gate mask is cached
	gate    uint64
	memo    []memoEntry // ColumnMemo's results
}

type memoEntry struct {
	key *MemoKey
	val any
}

// MemoKey identifies one computation for ColumnMemo: declare one package-
// level MemoKey per computation and pass its address.
type MemoKey struct{ _ byte }

// ColumnMemo returns compute(t.Column), computing it once per column name
// and Text: a CSV column's name is the same for every cell, and classifying
// it per cell would cost more than judging the cell. Without a column it
// returns compute("").
func (t *Text) ColumnMemo(key *MemoKey, compute func(column string) any) any {
	ci := t.column
	if ci == nil {
		return compute("")
	}
	for _, e := range ci.memo {
		if e.key == key {
			return e.val
		}
	}
	v := compute(ci.name)
	ci.memo = append(ci.memo, memoEntry{key, v})
	return v
}

const maxCachedColumns = 4096

func (t *Text) setColumn(column string) {
	if column == "" {
		t.columnNorm, t.column = "", nil
		return
	}
	// Connectors hand out the same header string for every cell of a column,
	// so its address finds it without hashing the name.
	p := uintptr(unsafe.Pointer(unsafe.StringData(column)))
	slot := &t.recent[(p>>3^p>>9)%uintptr(len(t.recent))]
	if ci := *slot; ci != nil && ci.name == column {
		t.column, t.columnNorm = ci, ci.norm
		return
	}
	ci, ok := t.columns[column]
	if !ok {
		if t.columns == nil || len(t.columns) >= maxCachedColumns {
			t.columns = map[string]*columnInfo{}
		}
		name := strings.Clone(column)
		ci = &columnInfo{name: name, norm: string(lowerASCII(Normalize(column)))}
		t.columns[name] = ci
	}
	t.column, t.columnNorm = ci, ci.norm
	*slot = ci
}

// features tests the cheap properties detectors may require.
func (t *Text) features() Feature {
	if t.featDone {
		return t.feat
	}
	t.featDone = true
	if len(t.Norm) < shortText {
		t.feat, _ = scanShort(unsafe.Slice(unsafe.StringData(t.Norm), len(t.Norm)))
		return t.feat
	}
	var f Feature
	if nextDigit(t.Norm, 0) >= 0 {
		f |= HasDigit
	}
	if strings.IndexByte(t.Norm, '@') >= 0 {
		f |= HasAt
	}
	if strings.IndexByte(t.Norm, ':') >= 0 {
		f |= HasColon
	}
	if strings.Contains(t.Norm, "年") || strings.Contains(t.Norm, "月") {
		f |= HasDateKanji
	}
	if hasJapanese(t.Norm) {
		f |= HasJapanese
	}
	t.feat = f
	return f
}

// Has reports whether the text has any of the features in f.
func (t *Text) Has(f Feature) bool { return t.features()&f != 0 }

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
	var f foldFinder
	f.reset(b)
	first := f.find(0)
	if first < 0 {
		return s
	}
	var t Text
	return string(t.fold(nil, b, &f, first))
}

// fold appends the normalisation of src to dst, recording edits; f has
// already found the first fold.
func (t *Text) fold(dst, src []byte, f *foldFinder, first int) []byte {
	run := 0 // start of the bytes not yet copied
	for i := first; i >= 0; i = f.find(run) {
		dst = append(dst, src[run:i]...)
		out, n, _ := foldAt(src, i, digitBefore(src, i))
		// Adjacent folds share an edit point.
		if k := len(t.edits); k == 0 || t.edits[k-1] != (edit{len(dst), i}) {
			t.edits = append(t.edits, edit{len(dst), i})
		}
		dst = append(dst, out...)
		run = i + n
		t.edits = append(t.edits, edit{len(dst), run})
	}
	return append(dst, src[run:]...)
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

// hasJapanese reports whether s holds kana (U+3040-U+30FF) or a CJK
// ideograph (U+4000-U+9FFF), by lead bytes: it runs at memory speed.
func hasJapanese(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0xE4 && c <= 0xE9 {
			return true
		}
		if c == 0xE3 && i+1 < len(s) && s[i+1] >= 0x81 && s[i+1] <= 0x83 {
			return true
		}
	}
	return false
}

// TrimmedSpan returns the bounds of s without the white space around it: a
// cell's value as its column holds it. Norm has folded the ideographic
// space, so ASCII white space is all there is to trim.
func TrimmedSpan(s string) (start, end int) {
	end = len(strings.TrimRight(s, asciiSpace))
	start = end - len(strings.TrimLeft(s[:end], asciiSpace))
	return start, end
}

const asciiSpace = " \t\r\n\v\f"
