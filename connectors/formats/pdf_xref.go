package formats

import (
	"bytes"
	"fmt"
	"strconv"
)

// The PDF library sizes its cross-reference table by the object numbers
// the file claims, before it reads any object: a 1 KB file whose xref
// subsection starts at object 88,888,880 makes it allocate 2.8 GB, and
// one at 1,000,000,000 would end the process out of memory, which no
// recover catches (found by FuzzPDF). xrefWithin reads the claims first:
// every xref table subsection ("start count" after "xref") and every
// /Index and /Size of an xref stream must stay below maxPDFObjects of a
// file of its size. It looks at every "xref" and "/Index" in the file,
// not only at those the library will follow: a file is refused for a
// claim it would not read, rather than read for one it would.

// maxPDFObjects bounds the object numbers of a PDF of size bytes: an
// object takes more than a few bytes, even compressed in an object
// stream; the cap keeps the library's table (32 bytes an entry) within
// 128 MiB for the largest PDF read.
func maxPDFObjects(size int) int64 {
	return min(int64(size)/16+1<<16, 1<<22)
}

func xrefWithin(data []byte) error {
	limit := maxPDFObjects(len(data))
	claim := func(what string, n int64) error {
		if n < 0 || n > limit {
			return fmt.Errorf("malformed PDF: its %s claims object %d, a file of %d bytes holds no more than %d", what, n, len(data), limit)
		}
		return nil
	}
	for i := 0; ; {
		j := bytes.Index(data[i:], []byte("xref"))
		if j < 0 {
			break
		}
		at := i + j
		i = at + len("xref")
		// The library reads a table at an offset the file gives, whatever
		// comes before it ("endobj\x05xref", even the xref of startxref
		// itself): only a longer word is not one. After startxref, its
		// one number is no subsection.
		if i < len(data) && isPDFRegular(data[i]) {
			continue
		}
		t := pdfTokens{data: data, pos: i}
		for {
			start, ok1 := t.int()
			count, ok2 := t.int()
			if !ok1 || !ok2 || count < 0 {
				break // "trailer", or a table the library fails on
			}
			if count > 0 {
				if err := claim("cross-reference table", start+count-1); err != nil {
					return err
				}
			}
			if !t.skip(3 * count) {
				break
			}
		}
	}
	for i := 0; ; {
		j := bytes.Index(data[i:], []byte("/Index"))
		if j < 0 {
			break
		}
		i += j + len("/Index")
		t := pdfTokens{data: data, pos: i}
		if !t.delim('[') {
			continue
		}
		for {
			start, ok1 := t.int()
			count, ok2 := t.int()
			if !ok1 || !ok2 {
				break
			}
			if count > 0 {
				if err := claim("cross-reference stream's /Index", start+count-1); err != nil {
					return err
				}
			}
		}
	}
	for i := 0; ; {
		j := bytes.Index(data[i:], []byte("/Size"))
		if j < 0 {
			break
		}
		i += j + len("/Size")
		t := pdfTokens{data: data, pos: i}
		if n, ok := t.int(); ok {
			if err := claim("/Size", n-1); err != nil {
				return err
			}
		}
	}
	return nil
}

// isPDFRegular: a byte of a name or keyword, not white space or a delimiter.
func isPDFRegular(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return false
	}
	return !isPDFSpace(c)
}

// pdfTokens reads integers and delimiters from data, skipping white space
// and comments.
type pdfTokens struct {
	data []byte
	pos  int
}

func (t *pdfTokens) space() {
	for t.pos < len(t.data) {
		switch c := t.data[t.pos]; {
		case isPDFSpace(c):
			t.pos++
		case c == '%':
			for t.pos < len(t.data) && t.data[t.pos] != '\n' && t.data[t.pos] != '\r' {
				t.pos++
			}
		default:
			return
		}
	}
}

// word returns the next run of regular bytes, or a delimiter alone.
func (t *pdfTokens) word() []byte {
	t.space()
	start := t.pos
	if t.pos < len(t.data) && !isPDFRegular(t.data[t.pos]) {
		t.pos++
		return t.data[start:t.pos]
	}
	for t.pos < len(t.data) && isPDFRegular(t.data[t.pos]) {
		t.pos++
	}
	return t.data[start:t.pos]
}

func (t *pdfTokens) int() (int64, bool) {
	save := t.pos
	n, err := strconv.ParseInt(string(t.word()), 10, 64)
	if err != nil {
		t.pos = save
		return 0, false
	}
	return n, true
}

func (t *pdfTokens) delim(c byte) bool {
	w := t.word()
	return len(w) == 1 && w[0] == c
}

// skip passes n words; false if the data ends first.
func (t *pdfTokens) skip(n int64) bool {
	for ; n > 0; n-- {
		if len(t.word()) == 0 {
			return false
		}
	}
	return true
}
