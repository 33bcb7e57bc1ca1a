package formats

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/pmscan/pmscan/connectors"
)

// JSON and JSON Lines: a streaming tokenizer. Every string, number and
// object key becomes a record located by its key path: keys joined by '.',
// array elements as "[]" ("customers[].contact.電話番号"); a key's own
// record has the path of its object. Strings stream out in pieces of at most
// max bytes. Paths are interned, so steady-state parsing allocates nothing.

// Interned paths: at most maxNames, each at most maxNameBytes long, so a
// pooled parser holds at most 4 MiB of them.
const (
	maxNames     = 4096
	maxNameBytes = 1 << 10
	maxMemoDepth = 64
	maxMemoKeys  = 64
)

// What the tokenizer expects next.
const (
	needValue        = iota // a value: top level, after ':' or after ',' in an array
	needValueOrClose        // after '['
	needKeyOrClose          // after '{'
	needKey                 // after ',' in an object
	needColon               // after a key
	needCommaOrClose        // after a value in a container
	needLineEnd             // JSON Lines: after a document, the end of its line
)

type jframe struct {
	obj     bool
	keys    int    // objects: keys read so far
	pathLen int    // len(pb) for this container: its path; for arrays, with "[]"
	path    string // objects: their path (the column of their keys); arrays: their elements' path
}

type jsonParser struct {
	s         *stream
	em        *emitter
	acc       *acc
	names     map[string]string
	format    string
	lines     bool  // JSON Lines
	line      int64 // line of s.buf[s.r]
	lineStart int64 // stream offset of the start of that line
	stack     []jframe
	memo      [][]string // per depth, the member paths of the last objects by key index
	pb        []byte     // path of the current value
	member    string     // interned pb after the last key
	vline     int64      // where the string or number being read started
	vcol      string
	outer     int   // the stack index of the outermost array, or -1
	elem      int64 // elements of the outermost array begun so far
	keyCap    int   // key bytes still to copy into pb while reading a key
	inKey     bool  // the string being read is an object key
	esc       [utf8.UTFMax]byte
}

func (j *jsonParser) clear() {
	j.s, j.em, j.acc, j.names = nil, nil, nil, nil
	j.member, j.vcol = "", ""
	clear(j.stack[:cap(j.stack)])
	j.stack = j.stack[:0]
}

func (p *parser) parseJSON(s *stream, format string, limit int) error {
	j := &p.json
	*j = jsonParser{
		s: s, em: &p.em, acc: &p.acc, names: p.names, format: format,
		lines: format == FormatJSONL, line: 1, outer: -1,
		stack: j.stack[:0], pb: j.pb[:0], memo: j.memo,
	}
	p.acc = acc{max: limit, buf: p.acc.buf[:0], sink: j}
	p.em.rec.Lines = false
	return j.run()
}

func (j *jsonParser) run() error {
	s := j.s
	need := needValue
	docLine := int64(1)
	for {
		top := need == needValue && len(j.stack) == 0
		var c byte
		ok := s.r < s.w
		if ok {
			c = s.buf[s.r]
		}
		if !ok || c <= ' ' {
			c, ok = j.skipSpace(j.lines && !top)
		}
		if !ok {
			if s.err != nil {
				return s.err
			}
			if top || need == needLineEnd {
				return nil
			}
			err := j.errorf("unexpected end of input")
			if j.lines {
				return j.em.fail(docLine, "", err)
			}
			return err
		}
		var err error
		switch need {
		case needLineEnd:
			if c == '\n' {
				j.newline()
				need = needValue
				continue
			}
			err = j.errorf("invalid character %s after top-level value", j.char())
		case needValue, needValueOrClose:
			if c == ']' && need == needValueOrClose {
				s.r++
				need = j.pop()
				continue
			}
			if top {
				docLine = j.line
			}
			if j.outer >= 0 && j.outer == len(j.stack)-1 {
				// An element of the outermost array: a record of its own
				// (JSON Lines have one per line already).
				j.elem++
				j.em.rec.Loc.Record = j.elem
			}
			need, err = j.value(c)
		case needKeyOrClose, needKey:
			if c == '}' && need == needKeyOrClose {
				s.r++
				need = j.pop()
				continue
			}
			if c != '"' {
				err = j.errorf("invalid character %s looking for beginning of object key string", j.char())
				break
			}
			s.r++
			err = j.key()
			need = needColon
		case needColon:
			if c != ':' {
				err = j.errorf("invalid character %s after object key", j.char())
				break
			}
			s.r++
			need = needValue
		case needCommaOrClose:
			f := &j.stack[len(j.stack)-1]
			switch {
			case c == ',':
				s.r++
				if f.obj {
					need = needKey
				} else {
					need = needValue
				}
			case (c == '}' && f.obj) || (c == ']' && !f.obj):
				s.r++
				need = j.pop()
			case f.obj:
				err = j.errorf("invalid character %s after object key:value pair", j.char())
			default:
				err = j.errorf("invalid character %s after array element", j.char())
			}
		}
		if err != nil {
			se, ok := err.(*SyntaxError)
			if !ok || !j.lines {
				return err
			}
			// JSON Lines: report the line and go on with the next one.
			if err := j.em.fail(docLine, "", se); err != nil {
				return err
			}
			j.stack, j.pb = j.stack[:0], j.pb[:0]
			j.acc.reset()
			need = needValue
			j.skipLine()
		}
	}
}

// value reads a value starting with c, at s.r.
func (j *jsonParser) value(c byte) (int, error) {
	s := j.s
	switch {
	case c == '"':
		s.r++
		if err := j.str(j.valuePath()); err != nil {
			return 0, err
		}
	case c == '-' || (c >= '0' && c <= '9'):
		if err := j.number(j.valuePath()); err != nil {
			return 0, err
		}
	case c == '{':
		if len(j.stack) >= maxDepth {
			return 0, j.errorf("nesting deeper than %d", maxDepth)
		}
		s.r++
		j.stack = append(j.stack, jframe{obj: true, pathLen: len(j.pb), path: j.valuePath()})
		return needKeyOrClose, nil
	case c == '[':
		if len(j.stack) >= maxDepth {
			return 0, j.errorf("nesting deeper than %d", maxDepth)
		}
		s.r++
		j.pb = append(j.pb, "[]"...)
		j.stack = append(j.stack, jframe{pathLen: len(j.pb), path: j.intern(j.pb)})
		if j.outer < 0 && !j.lines {
			j.outer = len(j.stack) - 1
		}
		return needValueOrClose, nil
	case c == 't':
		if err := j.literal("true"); err != nil {
			return 0, err
		}
	case c == 'f':
		if err := j.literal("false"); err != nil {
			return 0, err
		}
	case c == 'n':
		if err := j.literal("null"); err != nil {
			return 0, err
		}
	default:
		return 0, j.errorf("invalid character %s looking for beginning of value", j.char())
	}
	return j.afterValue(), nil
}

func (j *jsonParser) afterValue() int {
	switch {
	case len(j.stack) > 0:
		return needCommaOrClose
	case j.lines:
		return needLineEnd
	}
	return needValue
}

func (j *jsonParser) pop() int {
	j.stack = j.stack[:len(j.stack)-1]
	if len(j.stack) <= j.outer {
		// The outermost array ended: what follows is in no element.
		j.outer = -1
		j.em.rec.Loc.Record = 0
	}
	if n := len(j.stack); n > 0 {
		j.pb = j.pb[:j.stack[n-1].pathLen]
	} else {
		j.pb = j.pb[:0]
	}
	return j.afterValue()
}

// valuePath is the path of a value starting now.
func (j *jsonParser) valuePath() string {
	if len(j.stack) == 0 {
		return ""
	}
	if f := &j.stack[len(j.stack)-1]; !f.obj {
		return f.path
	}
	return j.member
}

// key reads an object key (s.r is past its quote), emits it and makes it the
// last element of the path.
func (j *jsonParser) key() error {
	f := &j.stack[len(j.stack)-1]
	j.pb = j.pb[:f.pathLen]
	if len(j.pb) > 0 {
		j.pb = append(j.pb, '.')
	}
	j.keyCap, j.inKey = maxKeyBytes, true
	err := j.str(f.path)
	j.keyCap, j.inKey = 0, false
	if err != nil {
		return err
	}
	// Objects in an array mostly repeat their keys in order: the path of
	// the k-th key at this depth is likely the last one's.
	d, k := len(j.stack)-1, f.keys
	f.keys++
	if d >= maxMemoDepth || k >= maxMemoKeys {
		j.member = j.intern(j.pb)
		return nil
	}
	if d >= len(j.memo) {
		j.memo = append(j.memo, make([][]string, d+1-len(j.memo))...)
	}
	m := j.memo[d]
	if k < len(m) && m[k] == string(j.pb) {
		j.member = m[k]
		return nil
	}
	j.member = j.intern(j.pb)
	switch {
	case len(j.member) > maxNameBytes:
	case k < len(m):
		m[k] = j.member
	case k == len(m):
		j.memo[d] = append(m, j.member)
	}
	return nil
}

func (j *jsonParser) intern(b []byte) string {
	if s, ok := j.names[string(b)]; ok {
		return s
	}
	s := string(b)
	if len(j.names) < maxNames && len(s) <= maxNameBytes {
		j.names[s] = s
	}
	return s
}

// piece receives string and number data from acc.
func (j *jsonParser) piece(data []byte) error {
	if j.keyCap > 0 {
		if len(data) <= j.keyCap {
			j.pb = append(j.pb, data...)
			j.keyCap -= len(data)
		} else {
			if j.keyCap >= utf8.UTFMax {
				j.pb = append(j.pb, data[:runeCut(data[:j.keyCap])]...)
			}
			j.keyCap = 0
		}
	}
	if j.inKey {
		return j.em.label(j.vline, j.vcol, data)
	}
	return j.em.emit(j.vline, j.vcol, data)
}

// strPlain marks the bytes that stand for themselves in a string.
var strPlain = func() (t [256]bool) {
	for c := 0x20; c < 256; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// strSpecial8 says whether any of 8 bytes is a quote, a backslash or a
// control character.
func strSpecial8(x uint64) bool {
	const lo, hi = 0x0101010101010101, 0x8080808080808080
	q := x ^ (lo * '"')
	bs := x ^ (lo * '\\')
	return ((x-lo*0x20)&^x|(q-lo)&^q|(bs-lo)&^bs)&hi != 0
}

// str reads a string; s.r is past the opening quote.
func (j *jsonParser) str(col string) error {
	s := j.s
	j.vline, j.vcol = j.line, col
	for {
		b := s.buf[s.r:s.w]
		i := 0
		for i+8 <= len(b) && !strSpecial8(binary.LittleEndian.Uint64(b[i:])) {
			i += 8
		}
		for i < len(b) && strPlain[b[i]] {
			i++
		}
		if i == len(b) {
			if err := j.acc.part(b); err != nil {
				return err
			}
			s.r = s.w
			if !s.fill() {
				if s.err != nil {
					return s.err
				}
				return j.errorf("unexpected end of input in string")
			}
			continue
		}
		switch b[i] {
		case '"':
			s.r += i + 1
			if len(j.acc.buf) == 0 && i <= j.acc.max {
				if i == 0 {
					return nil
				}
				return j.piece(b[:i]) // the common case, without acc
			}
			return j.acc.end(b[:i])
		case '\\':
			if err := j.acc.part(b[:i]); err != nil {
				return err
			}
			s.r += i
			if err := j.escape(); err != nil {
				return err
			}
		default:
			s.r += i
			return j.errorf("invalid character %s in string literal", j.char())
		}
	}
}

// escape decodes the escape at s.r. Invalid escapes become U+FFFD.
func (j *jsonParser) escape() error {
	s := j.s
	if !s.ensure(2) {
		if s.err != nil {
			return s.err
		}
		s.r = s.w
		return j.errorf("unexpected end of input in string")
	}
	var r rune
	n := 2
	switch c := s.buf[s.r+1]; c {
	case '"', '\\', '/':
		s.r += 2
		j.esc[0] = c
		return j.acc.part(j.esc[:1])
	case 'b':
		r = '\b'
	case 'f':
		r = '\f'
	case 'n':
		r = '\n'
	case 'r':
		r = '\r'
	case 't':
		r = '\t'
	case 'u':
		r, n = j.unicodeEscape()
	default:
		if c < 0x20 {
			s.r++
			return j.errorf("invalid character %s in string escape code", j.char())
		}
		s.ensure(1 + utf8.UTFMax)
		_, size := utf8.DecodeRune(s.buf[s.r+1 : s.w])
		r, n = utf8.RuneError, 1+size
	}
	s.r += n
	k := utf8.EncodeRune(j.esc[:], r)
	return j.acc.part(j.esc[:k])
}

// unicodeEscape decodes \uXXXX at s.r, with a following low surrogate if
// it starts a pair, and says how many bytes it took.
func (j *jsonParser) unicodeEscape() (rune, int) {
	s := j.s
	s.ensure(12)
	b := s.buf[s.r:s.w]
	r1, ok := hex4(b, 2)
	if !ok {
		return utf8.RuneError, 2
	}
	if !utf16.IsSurrogate(r1) {
		return r1, 6
	}
	if r1 < 0xdc00 && len(b) >= 12 && b[6] == '\\' && b[7] == 'u' {
		if r2, ok := hex4(b, 8); ok && r2 >= 0xdc00 && r2 <= 0xdfff {
			return utf16.DecodeRune(r1, r2), 12
		}
	}
	return utf8.RuneError, 6
}

func hex4(b []byte, i int) (rune, bool) {
	if len(b) < i+4 {
		return 0, false
	}
	var r rune
	for _, c := range b[i : i+4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c -= 'a' - 10
		case c >= 'A' && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

// Number states; numTerm marks those a number may end in.
const (
	numStart = iota
	numMinus
	numZero
	numInt
	numDot
	numFrac
	numE
	numESign
	numExp
	numDone
)

var numTerm = [numDone]bool{numZero: true, numInt: true, numFrac: true, numExp: true}

func numNext(st int, c byte) int {
	digit := c >= '0' && c <= '9'
	switch st {
	case numStart:
		switch {
		case c == '-':
			return numMinus
		case c == '0':
			return numZero
		case digit:
			return numInt
		}
	case numMinus:
		switch {
		case c == '0':
			return numZero
		case digit:
			return numInt
		}
	case numZero, numInt:
		switch {
		case digit && st == numInt:
			return numInt
		case c == '.':
			return numDot
		case c == 'e' || c == 'E':
			return numE
		}
	case numDot, numFrac:
		switch {
		case digit:
			return numFrac
		case st == numFrac && (c == 'e' || c == 'E'):
			return numE
		}
	case numE:
		switch {
		case c == '+' || c == '-':
			return numESign
		case digit:
			return numExp
		}
	case numESign, numExp:
		if digit {
			return numExp
		}
	}
	return numDone
}

// number reads a number literal at s.r and emits its text.
func (j *jsonParser) number(col string) error {
	s := j.s
	j.vline, j.vcol = j.line, col
	st := numStart
	for {
		b := s.buf[s.r:s.w]
		i := 0
		for ; i < len(b); i++ {
			next := numNext(st, b[i])
			if next == numDone {
				break
			}
			st = next
		}
		if i < len(b) {
			s.r += i
			if !numTerm[st] {
				return j.errorf("invalid character %s in numeric literal", j.char())
			}
			return j.acc.end(b[:i])
		}
		if err := j.acc.part(b); err != nil {
			return err
		}
		s.r = s.w
		if !s.fill() {
			if s.err != nil {
				return s.err
			}
			if !numTerm[st] {
				return j.errorf("unexpected end of input in numeric literal")
			}
			return j.acc.end(nil)
		}
	}
}

// literal reads true, false or null at s.r.
func (j *jsonParser) literal(word string) error {
	s := j.s
	s.ensure(len(word))
	for i := 0; i < len(word); i++ {
		if s.r+i >= s.w {
			if s.err != nil {
				return s.err
			}
			s.r += i
			return j.errorf("unexpected end of input in literal %s", word)
		}
		if s.buf[s.r+i] != word[i] {
			s.r += i
			return j.errorf("invalid character %s in literal %s", j.char(), word)
		}
	}
	s.r += len(word)
	return nil
}

// skipSpace skips white space, counting lines, and returns the next byte
// without taking it. With stopNL a newline is returned rather than skipped.
// NUL bytes between values count as white space: stray ones, or the
// padding a crash leaves at the end of a JSON Lines log.
func (j *jsonParser) skipSpace(stopNL bool) (byte, bool) {
	s := j.s
	for {
		b := s.buf[s.r:s.w]
		for i, c := range b {
			switch c {
			case ' ', '\t', '\r', 0:
			case '\n':
				if stopNL {
					s.r += i
					return c, true
				}
				j.line++
				j.lineStart = s.base + int64(s.r+i+1)
			default:
				s.r += i
				return c, true
			}
		}
		s.r = s.w
		if !s.fill() {
			return 0, false
		}
	}
}

// newline takes the newline at s.r.
func (j *jsonParser) newline() {
	j.s.r++
	j.line++
	j.lineStart = j.s.pos()
}

// skipLine skips to the start of the next line.
func (j *jsonParser) skipLine() {
	s := j.s
	for {
		if i := bytes.IndexByte(s.buf[s.r:s.w], '\n'); i >= 0 {
			s.r += i
			j.newline()
			return
		}
		s.r = s.w
		if !s.fill() {
			return
		}
	}
}

// char quotes the character at s.r for an error message.
func (j *jsonParser) char() string {
	s := j.s
	r, _ := utf8.DecodeRune(s.buf[s.r:s.w])
	switch {
	case r == '\n':
		return "newline"
	case r == utf8.RuneError && s.r < s.w:
		return fmt.Sprintf("byte 0x%02x", s.buf[s.r])
	}
	return strconv.QuoteRune(r)
}

func (j *jsonParser) errorf(format string, args ...any) error {
	return &SyntaxError{
		Format: j.format,
		Line:   j.line,
		Column: j.s.pos() - j.lineStart + 1,
		Msg:    fmt.Sprintf(format, args...),
	}
}

// EachJSONValue parses v, one JSON document, and hands fn each string,
// number and object key with its key path ("contact.tel", "[].name"), keys
// as labels. Data is valid only during fn. It is how a database's JSON
// column is read: the value is not an object of its own.
func EachJSONValue(ctx context.Context, v []byte, fn func(path string, label bool, data []byte) error) error {
	// An object of its own, which parse names by extension and marks with
	// the encoding it detects.
	doc := &connectors.Object{Path: "value.json"}
	_, err := parse(ctx, doc, bytes.NewReader(v), Options{}, func(rec connectors.Record, err error) error {
		if err != nil {
			return nil // a failure at one value: the caller reads invalid JSON as text
		}
		return fn(rec.Loc.Column, rec.Label, rec.Data)
	})
	return err
}
