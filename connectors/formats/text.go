package formats

import "bytes"

// parseText emits chunks of whole lines of at most limit bytes, each at the
// line number of its first line. A line longer than limit is cut, preferably
// after white space or 。、 near the limit, else at a rune boundary; its
// pieces keep its line number.
func parseText(s *stream, em *emitter, limit int) error {
	em.rec.Lines = true
	line := int64(1)
	for {
		for s.w-s.r <= limit && s.fill() {
		}
		avail := s.w - s.r
		if avail == 0 {
			return s.err
		}
		if avail <= limit {
			// The end of the object (or of what could be read).
			if err := em.emit(line, "", s.buf[s.r:s.w]); err != nil {
				return err
			}
			s.r = s.w
			continue
		}
		win := s.buf[s.r : s.r+limit]
		n := bytes.LastIndexByte(win, '\n') + 1
		if n > 0 {
			if err := em.emit(line, "", win[:n]); err != nil {
				return err
			}
			line += int64(bytes.Count(win[:n], nl))
		} else {
			n = splitLong(win)
			if err := em.emit(line, "", win[:n]); err != nil {
				return err
			}
		}
		s.r += n
	}
}

var nl = []byte{'\n'}

// splitLong picks where to cut b, a piece of a line longer than len(b):
// after the last white space or 。、　 in the last 256 bytes (or last half),
// else at the last rune boundary.
func splitLong(b []byte) int {
	lo := max(len(b)-256, len(b)/2)
	for i := len(b) - 1; i >= lo; i-- {
		switch c := b[i]; c {
		case ' ', '\t', '\r', '\f', '\v':
			return i + 1
		case 0x80, 0x81, 0x82: // U+3000 、 。 are E3 80 80..82
			if i >= 2 && b[i-1] == 0x80 && b[i-2] == 0xe3 {
				return i + 1
			}
		}
	}
	return runeCut(b)
}

// runeCut returns how much of b to emit so as not to cut a UTF-8 sequence at
// its end: len(b), or the start of an incomplete last sequence. Invalid
// UTF-8 is cut anywhere. The result is > 0 when len(b) >= 4.
func runeCut(b []byte) int {
	n := len(b)
	for i := n - 1; i >= 0 && i >= n-3; i-- {
		c := b[i]
		if c < 0x80 {
			return n
		}
		if c >= 0xc0 {
			need := 2
			if c >= 0xf0 {
				need = 4
			} else if c >= 0xe0 {
				need = 3
			}
			if i+need > n && i > 0 {
				return i
			}
			return n
		}
	}
	return n
}

// acc accumulates one value (a CSV cell, a JSON string) that may cross
// buffer refills and hands it to sink in pieces of at most max bytes, cut
// where splitLong prefers (white space, 。、), so that a value is rarely cut
// in two. A value that fits and never crossed a refill is handed
// over without a copy.
type acc struct {
	max  int
	buf  []byte
	sink sink
}

type sink interface {
	piece(data []byte) error
}

// part adds seg to the value; seg need not stay valid after the call.
func (a *acc) part(seg []byte) error {
	for len(a.buf)+len(seg) > a.max {
		if len(a.buf) == 0 {
			n := splitLong(seg[:a.max])
			if err := a.sink.piece(seg[:n]); err != nil {
				return err
			}
			seg = seg[n:]
			continue
		}
		k := a.max - len(a.buf)
		a.buf = append(a.buf, seg[:k]...)
		seg = seg[k:]
		n := splitLong(a.buf)
		if err := a.sink.piece(a.buf[:n]); err != nil {
			return err
		}
		a.buf = append(a.buf[:0], a.buf[n:]...)
	}
	a.buf = append(a.buf, seg...)
	return nil
}

// end adds seg, the last part, and hands over what is left, if anything.
func (a *acc) end(seg []byte) error {
	if len(a.buf) == 0 {
		for len(seg) > a.max {
			n := splitLong(seg[:a.max])
			if err := a.sink.piece(seg[:n]); err != nil {
				return err
			}
			seg = seg[n:]
		}
		if len(seg) == 0 {
			return nil
		}
		return a.sink.piece(seg)
	}
	if err := a.part(seg); err != nil {
		return err
	}
	if len(a.buf) == 0 {
		return nil
	}
	err := a.sink.piece(a.buf)
	a.buf = a.buf[:0]
	return err
}

// reset drops a partial value.
func (a *acc) reset() { a.buf = a.buf[:0] }
