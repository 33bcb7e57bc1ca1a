package formats

import (
	"context"
	"io"

	"golang.org/x/text/transform"
)

// stream is a refillable window on a reader. Parsers scan buf[r:w] in place
// and call fill when they need more; fill may move the unread bytes to the
// front of buf, so slices of buf are valid only until the next fill.
type stream struct {
	rd   io.Reader
	ctx  context.Context
	buf  []byte
	r, w int
	base int64 // offset of buf[0] in the stream
	eof  bool
	err  error // read error or ctx.Err(); io.EOF is eof
}

func (s *stream) reset(ctx context.Context, rd io.Reader, size int) {
	s.rd, s.ctx = rd, ctx
	if cap(s.buf) < size {
		s.buf = make([]byte, size)
	}
	s.buf = s.buf[:cap(s.buf)]
	s.r, s.w, s.base = 0, 0, 0
	s.eof, s.err = false, nil
}

func (s *stream) clear() {
	s.rd, s.ctx, s.err = nil, nil, nil
}

// pos is the stream offset of buf[r].
func (s *stream) pos() int64 { return s.base + int64(s.r) }

// fill reads more bytes, at most readChunk, after checking ctx. It reports
// whether any were added; when not, the stream is at its end or s.err is set.
func (s *stream) fill() bool {
	if s.eof || s.err != nil {
		return false
	}
	if err := s.ctx.Err(); err != nil {
		s.err = err
		return false
	}
	switch {
	case s.r == s.w:
		s.base += int64(s.r)
		s.r, s.w = 0, 0
	case s.r > 0 && len(s.buf)-s.w < readChunk:
		n := copy(s.buf, s.buf[s.r:s.w])
		s.base += int64(s.r)
		s.r, s.w = 0, n
	}
	if len(s.buf)-s.w < 64 {
		// Only the encoding look-ahead asks for more than the buffer holds.
		nb := make([]byte, 2*len(s.buf))
		copy(nb, s.buf[:s.w])
		s.buf = nb
	}
	end := min(len(s.buf), s.w+readChunk)
	for range 100 {
		n, err := s.rd.Read(s.buf[s.w:end])
		s.w += n
		if err != nil {
			if err == io.EOF {
				s.eof = true
			} else {
				s.err = err
			}
			return n > 0
		}
		if n > 0 {
			return true
		}
	}
	s.err = io.ErrNoProgress
	return false
}

// ensure fills until n unread bytes are buffered or the stream ends, and
// reports whether they are.
func (s *stream) ensure(n int) bool {
	for s.w-s.r < n {
		if !s.fill() {
			return false
		}
	}
	return true
}

// Read lets a decoder read the stream: first what is buffered, then straight
// from the underlying reader.
func (s *stream) Read(p []byte) (int, error) {
	if s.r < s.w {
		n := copy(p, s.buf[s.r:s.w])
		s.r += n
		return n, nil
	}
	if s.err != nil {
		return 0, s.err
	}
	if s.eof {
		return 0, io.EOF
	}
	return s.rd.Read(p)
}

// decodeReader runs a decoding transformer over a reader, like
// transform.Reader but with a caller-supplied (pooled) source buffer.
type decodeReader struct {
	src  io.Reader
	t    transform.Transformer
	buf  []byte
	r, w int
	eof  bool
}

func (d *decodeReader) Read(p []byte) (int, error) {
	idle := 0
	for {
		if d.r < d.w || d.eof {
			nDst, nSrc, err := d.t.Transform(p, d.buf[d.r:d.w], d.eof)
			d.r += nSrc
			switch err {
			case nil:
				if nDst > 0 {
					return nDst, nil
				}
				if d.eof && d.r == d.w {
					return 0, io.EOF
				}
			case transform.ErrShortDst:
				if nDst > 0 {
					return nDst, nil
				}
				return 0, io.ErrShortBuffer
			case transform.ErrShortSrc:
				if nDst > 0 {
					return nDst, nil
				}
				if d.eof {
					return 0, io.ErrUnexpectedEOF // cannot happen: atEOF flushes
				}
			default:
				return nDst, err
			}
		}
		if d.r > 0 {
			d.w = copy(d.buf, d.buf[d.r:d.w])
			d.r = 0
		}
		n, err := d.src.Read(d.buf[d.w:])
		d.w += n
		switch {
		case err == io.EOF:
			d.eof = true
		case err != nil:
			return 0, err
		case n == 0:
			if idle++; idle >= 100 {
				return 0, io.ErrNoProgress
			}
		}
	}
}
