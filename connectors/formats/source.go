package formats

import (
	"context"
	"io"
)

// source is an object's bytes, held in memory, as a library reads them
// (io.ReaderAt): the PDF library, archive/zip under the zip archives and
// the Office documents, excelize. Each read checks the scan's context and
// counts the bytes asked for against a budget, a multiple of the size, so
// that a library the scan has stopped, or one that re-reads without end,
// meets a failure at its next read. Once failed, every later read fails
// the same: a library call left running (see guard) dies at its next one.
//
// A library that heeds read errors (archive/zip, excelize) gets the
// failure as the error; one that does not (the PDF library) gets it as a
// panic with a sourceAbort, to be recovered around each call (abortError).
type source struct {
	ctx    context.Context
	data   []byte
	head   []byte // shown instead of data's first len(head) bytes, or nil
	left   int64  // bytes the library may still ask for
	over   error  // the failure once the budget is spent
	panics bool   // fail by panicking with a sourceAbort
	failed error  // the first failure, returned again on every later read
}

// newSource reads data under ctx, for at most budget bytes asked for in
// all; over is the failure past it.
func newSource(ctx context.Context, data []byte, budget int64, over error) *source {
	return &source{ctx: ctx, data: data, left: budget, over: over}
}

// sourceAbort is what a panicking source panics with. It is an error, so
// that a library's own recovers, which keep an error they catch, pass it
// on.
type sourceAbort struct{ err error }

func (a sourceAbort) Error() string { return a.err.Error() }
func (a sourceAbort) Unwrap() error { return a.err }

// Size is the length of the bytes, for the libraries that ask it.
func (s *source) Size() int64 { return int64(len(s.data)) }

func (s *source) ReadAt(p []byte, off int64) (int, error) {
	if s.failed == nil {
		if err := s.ctx.Err(); err != nil {
			s.failed = context.Cause(s.ctx)
		} else if s.left -= int64(len(p)); s.left < 0 {
			s.failed = s.over
		}
	}
	if s.failed != nil {
		if s.panics {
			panic(sourceAbort{s.failed})
		}
		return 0, s.failed
	}
	if off < 0 || off >= int64(len(s.data)) {
		return 0, io.EOF
	}
	n := copy(p, s.data[off:])
	if off < int64(len(s.head)) {
		copy(p[:n], s.head[off:])
	}
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}
