package formats

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
)

// The PDF library has loops that a malformed file drives for ever — a
// trailer whose /Prev points at its own cross-reference table re-reads
// that table at 100% CPU — and it takes no context. Every such loop
// reads, so the library reads through pdfSource, which checks the scan's
// context and counts the bytes asked for on each read; past the budget, or
// once the scan is cancelled, the read panics with a pdfAbort, and the
// recover around each library call (abortError) turns it back into an
// error. Ctrl-C so reaches a PDF within one read.
const (
	// pdfReadFactor bounds the bytes the library may read, as a multiple
	// of the file's size, plus pdfReadSlack: a sound PDF's text is read
	// in a few passes over its objects.
	pdfReadFactor = 64
	pdfReadSlack  = 16 << 20
)

// errPDFWork is the error of a PDF whose reading passed the budget.
var errPDFWork = errors.New("malformed PDF: the library kept re-reading it, far past its size (a loop in its cross-reference table or object streams?): not read further")

// pdfAbort is what pdfSource panics with. It is an error, so that the
// library's own recovers, which keep an error they catch, pass it on.
type pdfAbort struct{ err error }

func (a pdfAbort) Error() string { return a.err.Error() }
func (a pdfAbort) Unwrap() error { return a.err }

// pdfSource is a PDF's bytes as the library reads them, with its first 9
// bytes shown as "%PDF-1.7\n" when fixHeader is set (the library wants a
// 1.x header followed by an end of line).
type pdfSource struct {
	ctx       context.Context
	data      []byte
	fixHeader bool
	left      int64 // bytes the library may still ask for
}

func newPDFSource(ctx context.Context, data []byte) *pdfSource {
	fix := len(data) > 9 && !(data[5] == '1' && data[6] == '.' && data[7] >= '0' && data[7] <= '7' && (data[8] == '\n' || data[8] == '\r'))
	return &pdfSource{ctx: ctx, data: data, fixHeader: fix, left: pdfReadFactor*int64(len(data)) + pdfReadSlack}
}

func (s *pdfSource) ReadAt(p []byte, off int64) (int, error) {
	if err := s.ctx.Err(); err != nil {
		panic(pdfAbort{err})
	}
	if s.left -= int64(len(p)); s.left < 0 {
		panic(pdfAbort{errPDFWork})
	}
	if off < 0 || off >= int64(len(s.data)) {
		return 0, io.EOF
	}
	n := copy(p, s.data[off:])
	if s.fixHeader {
		const fixed = "%PDF-1.7\n"
		for i := int64(0); i < int64(n) && off+i < int64(len(fixed)); i++ {
			p[i] = fixed[off+i]
		}
	}
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// abortError is the error for a value recovered from a library call: the
// budget's or the context's error for a pdfAbort, else the library's panic
// described with what, e.g. "malformed page".
func abortError(r any, what string) error {
	if a, ok := r.(pdfAbort); ok {
		return a.err
	}
	return fmt.Errorf("%s: %v", what, r)
}

// aborted says whether err ends the reading of the whole PDF: the scan was
// cancelled, or the budget is spent. Some of the library's recovers keep
// only an error's text, hence the comparison of words.
func aborted(ctx context.Context, err error) bool {
	return err != nil && (ctx.Err() != nil || errors.Is(err, errPDFWork) || strings.Contains(err.Error(), errPDFWork.Error()))
}
