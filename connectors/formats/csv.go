package formats

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"
)

// CSV and TSV: a streaming RFC 4180 tokenizer. Unlike encoding/csv it never
// holds a whole row or cell: cells stream out in pieces of at most max
// bytes, so a huge or unterminated quoted cell costs no memory. It knows
// cells and rows only; whether the first row names the columns is decided
// above it, by the header layer (header.go).
//
// Dialect: ',' or '\t' between cells; a cell starting with '"' is quoted,
// with "" for a quote and newlines allowed inside; a quote elsewhere in an
// unquoted cell is kept as it is, and text after a closing quote is appended
// to the cell; rows end with LF or CRLF; empty lines are skipped.

// How a cell ended.
const (
	endDelim = iota
	endRow
	endEOF
	endUnterminated
)

type csvParser struct {
	s      *stream
	tbl    *headed
	acc    *acc
	format string
	delim  byte
	line   int64 // line of s.buf[s.r]
	row    int64 // line where the current row starts
	col    int   // index of the current cell in its row
	line0  int64 // line where the current quoted cell starts
}

func (c *csvParser) clear() {
	c.s, c.tbl, c.acc = nil, nil, nil
}

func (p *parser) parseCSV(s *stream, format string, limit int) error {
	c := &p.csv
	*c = csvParser{s: s, tbl: &p.tbl, acc: &p.acc, format: format, delim: ',', line: 1}
	if format == FormatTSV {
		c.delim = '\t'
	}
	p.tbl.reset(&p.em, limit, numName)
	p.acc = acc{max: limit, buf: p.acc.buf[:0], sink: c}
	p.em.rec.Lines = false
	return c.run()
}

func (c *csvParser) run() error {
	s := c.s
	for {
		if s.r >= s.w && !s.fill() {
			return s.err
		}
		// Skip empty lines.
		switch s.buf[s.r] {
		case '\n':
			s.r++
			c.line++
			continue
		case '\r':
			if s.ensure(2) && s.buf[s.r+1] == '\n' {
				s.r += 2
				c.line++
				continue
			}
		}
		c.row, c.col = c.line, 0
		for {
			end, err := c.cell()
			if err != nil {
				return err
			}
			if end == endDelim {
				c.col++
				continue
			}
			if err := c.tbl.endRow(c.row); err != nil {
				return err
			}
			if end == endUnterminated {
				return c.tbl.em.fail(c.row, c.tbl.column(c.col), &SyntaxError{Format: c.format, Line: c.row,
					Msg: "unterminated quoted field starting at line " + strconv.FormatInt(c.line0, 10)})
			}
			break
		}
	}
}

// cell reads one cell starting at s.r.
func (c *csvParser) cell() (int, error) {
	s := c.s
	if s.r >= s.w && !s.fill() {
		if s.err != nil {
			return 0, s.err
		}
		return endEOF, c.endCell(nil)
	}
	if s.buf[s.r] == '"' {
		s.r++
		return c.quoted()
	}
	return c.unquoted()
}

func (c *csvParser) unquoted() (int, error) {
	s, d := c.s, c.delim
	for {
		b := s.buf[s.r:s.w]
		i := 0
		for i < len(b) && b[i] != d && b[i] != '\n' {
			i++
		}
		if i < len(b) {
			seg := b[:i]
			s.r += i + 1
			if b[i] == d {
				return endDelim, c.endCell(seg)
			}
			c.line++
			if len(seg) > 0 && seg[len(seg)-1] == '\r' {
				seg = seg[:len(seg)-1]
			} else if len(seg) == 0 && len(c.acc.buf) > 0 && c.acc.buf[len(c.acc.buf)-1] == '\r' {
				c.acc.buf = c.acc.buf[:len(c.acc.buf)-1]
			}
			return endRow, c.endCell(seg)
		}
		if err := c.acc.part(b); err != nil {
			return 0, err
		}
		s.r = s.w
		if !s.fill() {
			if s.err != nil {
				return 0, s.err
			}
			// A CR ending the object ends the row.
			if n := len(c.acc.buf); n > 0 && c.acc.buf[n-1] == '\r' {
				c.acc.buf = c.acc.buf[:n-1]
			}
			return endEOF, c.endCell(nil)
		}
	}
}

// quoted reads a quoted cell; s.r is past the opening quote.
func (c *csvParser) quoted() (int, error) {
	s, d := c.s, c.delim
	c.line0 = c.line
	for {
		b := s.buf[s.r:s.w]
		i := bytes.IndexByte(b, '"')
		if i < 0 {
			c.line += int64(bytes.Count(b, nl))
			if err := c.acc.part(b); err != nil {
				return 0, err
			}
			s.r = s.w
			if !s.fill() {
				if s.err != nil {
					return 0, s.err
				}
				if err := c.endCell(nil); err != nil {
					return 0, err
				}
				return endUnterminated, nil
			}
			continue
		}
		seg := b[:i]
		c.line += int64(bytes.Count(seg, nl))
		if i+2 < len(b) {
			// Fast path: the bytes after the quote are here.
			switch b[i+1] {
			case '"':
				if err := c.acc.part(b[:i+1]); err != nil {
					return 0, err
				}
				s.r += i + 2
				continue
			case d:
				s.r += i + 2
				return endDelim, c.endCell(seg)
			case '\n':
				s.r += i + 2
				c.line++
				return endRow, c.endCell(seg)
			case '\r':
				if b[i+2] == '\n' {
					s.r += i + 3
					c.line++
					return endRow, c.endCell(seg)
				}
			}
		}
		if err := c.acc.part(seg); err != nil {
			return 0, err
		}
		s.r += i + 1
		end, again, err := c.afterQuote()
		if !again {
			return end, err
		}
	}
}

// afterQuote reads what follows a closing (or doubled) quote; s.r is past
// the quote and the cell so far is in acc. again says the quote was doubled
// and the quoted cell goes on.
func (c *csvParser) afterQuote() (end int, again bool, err error) {
	s := c.s
	s.ensure(2)
	if s.err != nil {
		return 0, false, s.err
	}
	if s.r >= s.w {
		return endEOF, false, c.endCell(nil)
	}
	switch s.buf[s.r] {
	case '"':
		s.r++
		return 0, true, c.acc.part(quote)
	case c.delim:
		s.r++
		return endDelim, false, c.endCell(nil)
	case '\n':
		s.r++
		c.line++
		return endRow, false, c.endCell(nil)
	case '\r':
		if s.r+1 < s.w && s.buf[s.r+1] == '\n' {
			s.r += 2
			c.line++
			return endRow, false, c.endCell(nil)
		}
	}
	// Text after the closing quote: keep it, unquoted.
	end, err = c.unquoted()
	return end, false, err
}

var quote = []byte{'"'}

// endCell hands over the rest of the current cell and closes it.
func (c *csvParser) endCell(seg []byte) error {
	if len(c.acc.buf) == 0 && len(seg) <= c.acc.max {
		// The common case, without acc.
		if len(seg) > 0 {
			if err := c.piece(seg); err != nil {
				return err
			}
		}
	} else if err := c.acc.end(seg); err != nil {
		return err
	}
	c.tbl.endCell()
	return nil
}

// piece receives the cell's data from acc.
func (c *csvParser) piece(data []byte) error { return c.tbl.piece(c.row, c.col, data) }

var fullwidthAt = []byte("＠")

// digitRun is the most digits (ASCII or full-width) in one run of b where
// runs may hold separators such as - . ( ) / + space and dash look-alikes.
func digitRun(b []byte) int {
	best, cur := 0, 0
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			switch {
			case c >= '0' && c <= '9':
				cur++
			case c == '-' || c == '.' || c == '(' || c == ')' || c == '/' || c == '+' || c == ' ':
			default:
				cur = 0
			}
			i++
		} else {
			r, n := utf8.DecodeRune(b[i:])
			switch {
			case r >= '０' && r <= '９':
				cur++
			case r == '－' || r == 'ー' || r == '‐' || r == '−' || r == '―' || r == 'ｰ' || r == '（' || r == '）' || r == '　':
			default:
				cur = 0
			}
			i += n
		}
		best = max(best, cur)
	}
	return best
}

// isNumber: an optional sign or currency sign, digits with optional
// thousands separators and decimals, an optional percent sign.
func isNumber(b []byte) bool {
	s := strings.TrimSpace(string(b))
	s = strings.TrimLeft(s, "+-$¥￥")
	s = strings.TrimSuffix(s, "%")
	digits, dots := 0, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == ',':
		case c == '.':
			dots++
		default:
			return false
		}
	}
	return digits > 0 && dots <= 1
}

// numNames caches the names of unnamed columns.
var numNames = func() []string {
	n := make([]string, 256)
	for i := range n {
		n[i] = "#" + strconv.Itoa(i+1)
	}
	return n
}()

// numName names the i-th (0-based) column of a headerless row: "#1", "#2"...
func numName(i int) string {
	if i < len(numNames) {
		return numNames[i]
	}
	return "#" + strconv.Itoa(i+1)
}
