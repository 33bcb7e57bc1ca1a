// Package safetext makes names safe to print for people: a file, object,
// table or column name, a target, an error that quotes them, or an example
// value, on a terminal or in the text report. Names come from the data
// scanned, and a name holding ESC, CR or LF could otherwise move the
// cursor, clear the screen or start a report line of its own.
//
// It is for text read by people only. JSON escapes control characters
// itself and html/template escapes for HTML; they need nothing from here.
package safetext

import (
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Name returns s with every character that could change how a terminal
// shows the text around it escaped in Go's notation:
//
//   - C0 controls, tab included (it breaks a table's alignment), and DEL:
//     \a \b \t \n \v \f \r by name, the others as \x1b, \x00, \x7f;
//   - C1 controls, U+0080–U+009F, as \u0085;
//   - Unicode's bidirectional embeddings, overrides and isolates
//     (U+202A–U+202E, U+2066–U+2069), which reorder what follows, and its
//     line and paragraph separators (U+2028, U+2029), as \u202e;
//   - each byte that is not part of valid UTF-8 as \xff.
//
// Every other character, Japanese, emoji and combining marks among them,
// stays as it is, and so does a backslash: Name makes text harmless, not
// reversible. When s needs nothing escaped, Name returns it unchanged
// without allocating.
func Name(s string) string {
	i := firstUnsafe(s)
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteString(`\x`)
			b.WriteByte(hex[s[i]>>4])
			b.WriteByte(hex[s[i]&0xf])
		case needsEscape(r):
			// QuoteRune gives Go's escapes: '\x1b', '\n', '\u202e'.
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

const hex = "0123456789abcdef"

// firstUnsafe is the index of the first byte of s that Name escapes, or
// len(s).
func firstUnsafe(s string) int {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				return i
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || needsEscape(r) {
			return i
		}
		i += size
	}
	return len(s)
}

// needsEscape reports whether Name escapes the valid rune r.
func needsEscape(r rune) bool {
	switch {
	case r < 0x20, r >= 0x7f && r < 0xa0:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	case r == 0x2028, r == 0x2029:
		return true
	}
	return false
}

// LineWriter returns a writer that passes each Write to w through Name,
// except for one newline that ends it: a message written whole, as
// fmt.Fprintf and i18n's Printer.Fprintf write, stays one line, whatever
// its arguments hold. It is for messages whose text is localised by the
// writer's caller and so cannot be escaped argument by argument.
func LineWriter(w io.Writer) io.Writer {
	return lineWriter{w}
}

type lineWriter struct{ w io.Writer }

func (lw lineWriter) Write(p []byte) (int, error) {
	body, nl := p, false
	if n := len(p); n > 0 && p[n-1] == '\n' {
		body, nl = p[:n-1], true
	}
	s := Name(string(body))
	if nl {
		s += "\n"
	}
	if _, err := io.WriteString(lw.w, s); err != nil {
		return 0, err
	}
	return len(p), nil
}
