package formats

import (
	"io"

	"github.com/ledongthuc/pdf"
)

// The PDF library's content lexer (Interpret, for page content and
// ToUnicode maps) reads a byte '\n' for ever past the end of a stream, and
// its hex string loop skips white space without looking at the end: a
// stream that ends inside "<0041" makes it spin in CPU for ever, reading
// nothing, where no read budget can stop it (found by FuzzPDF). Before the
// library reads a stream, hexEnd follows the same tokens to see whether it
// ends inside a hex string.

// hexEnd follows the library's tokens over the bytes written to it.
type hexEnd struct {
	state lexState
	depth int  // literal string nesting
	esc   bool // a backslash in a literal string
	first byte // the first digit of a hex pair
}

type lexState uint8

const (
	lexTop     lexState = iota
	lexComment          // % to the end of the line
	lexLT               // '<' at the top: "<<" or a hex string
	lexHex              // inside <...>, before a pair's first digit
	lexHex2             // inside <...>, before its second
	lexLiteral          // inside (...)
)

func (l *hexEnd) Write(p []byte) (int, error) {
	for _, c := range p {
		l.step(c)
	}
	return len(p), nil
}

func (l *hexEnd) step(c byte) {
	switch l.state {
	case lexComment:
		if c == '\r' || c == '\n' {
			l.state = lexTop
		}
	case lexLT:
		if c == '<' {
			l.state = lexTop // "<<"
			return
		}
		l.state = lexHex
		l.step(c)
	case lexHex:
		// The library takes any byte but '>' as a pair's first digit,
		// and judges the pair only once it has its second: "<ab T"
		// spins at the end as "<ab 0" does.
		switch {
		case c == '>':
			l.state = lexTop
		case !isPDFSpace(c):
			l.first, l.state = c, lexHex2
		}
	case lexHex2:
		switch {
		case isPDFSpace(c):
		case pdfHex(l.first) < 0 || pdfHex(c) < 0:
			// "malformed hex string": the library panics, and inside a
			// dictionary or an array recovers and reads on from here
			// (readObjectRecover), so the lexer does too.
			l.state = lexTop
		default:
			l.state = lexHex
		}
	case lexLiteral:
		switch {
		case l.esc:
			l.esc = false
		case c == '\\':
			l.esc = true
		case c == '(':
			l.depth++
		case c == ')':
			if l.depth--; l.depth == 0 {
				l.state = lexTop
			}
		}
	case lexTop:
		switch c {
		case '%':
			l.state = lexComment
		case '<':
			l.state = lexLT
		case '(':
			l.state, l.depth = lexLiteral, 1
		}
	}
}

// spins says whether the library would spin at the end of what was written.
func (l *hexEnd) spins() bool {
	return l.state == lexLT || l.state == lexHex || l.state == lexHex2
}

func isPDFSpace(c byte) bool {
	switch c {
	case 0, '\t', '\n', '\f', '\r', ' ':
		return true
	}
	return false
}

func pdfHex(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	case 'A' <= c && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// streamsOf lists the streams of a content value: one stream, or an array
// of them, read by the library as one.
func streamsOf(v pdf.Value) []pdf.Value {
	switch v.Kind() {
	case pdf.Stream:
		return []pdf.Value{v}
	case pdf.Array:
		var list []pdf.Value
		for i := range v.Len() {
			if s := v.Index(i); s.Kind() == pdf.Stream {
				list = append(list, s)
			}
		}
		return list
	}
	return nil
}

// lexStreams unpacks streams, as the library reads them, one after the
// other, through l, up to max bytes; it returns how many it unpacked, max+1
// when they hold more.
func lexStreams(streams []pdf.Value, l *hexEnd, max int64) int64 {
	var total int64
	for _, s := range streams {
		rc := s.Reader()
		n, _ := io.Copy(l, io.LimitReader(rc, max-total+1))
		rc.Close()
		if total += n; total > max {
			break
		}
	}
	return total
}
