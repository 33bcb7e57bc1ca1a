package formats

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// The PDF library has loops that a malformed file drives for ever — a
// trailer whose /Prev points at its own cross-reference table re-reads
// that table at 100% CPU — and it takes no context. Every such loop
// reads, so the library reads through a source (source.go) that panics,
// since the library drops many read errors: past the budget, or once the
// scan is cancelled, the read panics with a sourceAbort, and the recover
// around each library call (abortError) turns it back into an error.
// Ctrl-C so reaches a PDF within one read; a loop that does not read is
// left to the watchdog (guard).
const (
	// pdfReadFactor bounds the bytes the library may read, as a multiple
	// of the file's size, plus pdfReadSlack: a sound PDF's text is read
	// in a few passes over its objects.
	pdfReadFactor = 64
	pdfReadSlack  = 16 << 20
)

// errPDFWork is the error of a PDF whose reading passed the budget.
var errPDFWork = errors.New("malformed PDF: the library kept re-reading it, far past its size (a loop in its cross-reference table or object streams?): not read further")

// newPDFSource is a PDF's bytes as the library reads them, with its first
// 9 bytes shown as "%PDF-1.7\n" when its header is not a 1.x header
// followed by an end of line, which the library wants.
func newPDFSource(ctx context.Context, data []byte) *source {
	s := newSource(ctx, data, pdfReadFactor*int64(len(data))+pdfReadSlack, errPDFWork)
	s.panics = true
	if len(data) > 9 && !(data[5] == '1' && data[6] == '.' && data[7] >= '0' && data[7] <= '7' && (data[8] == '\n' || data[8] == '\r')) {
		s.head = []byte("%PDF-1.7\n")
	}
	return s
}

// abortError is the error for a value recovered from a library call: the
// budget's or the context's error for a sourceAbort, else the library's
// panic described with what, e.g. "malformed page".
func abortError(r any, what string) error {
	if a, ok := r.(sourceAbort); ok {
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
