package formats

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"

	"github.com/pmscan/pmscan/connectors"
)

// FormatPDF is the format name of a PDF document in ObjectStats.Format.
const FormatPDF = "pdf"

// pdfMaxBytes bounds the PDF held in memory. A variable only so that tests
// can lower it.
var pdfMaxBytes int64 = 256 << 20

// pdfMagic starts a PDF file.
var pdfMagic = []byte("%PDF-")

// isPDF says whether an object is a PDF document, whatever its name.
func isPDF(in *input) bool { return bytes.HasPrefix(in.head, pdfMagic) }

// parsePDF emits the text of each page of a PDF document, one record per
// page, cut into pieces of at most limit bytes at rune boundaries. Loc.Part
// is "page N", N being the 1-based page number; Paragraph is left 0: the
// library gives the text in content stream order, a new line at each text
// object, and no paragraph structure.
//
// Text is decoded through the fonts' encodings and ToUnicode maps, so CID
// fonts (Japanese) come out as Unicode. Vertical text made of positioned
// glyphs (as LibreOffice writes it) comes out in reading order; text drawn
// inside form XObjects and annotations is not read.
//
// What cannot be read is reported as a failure, not passed as clean: a page
// with images but no text (a scan) and a page whose text does not decode (a
// font with no Unicode mapping) are failures at "page N", and a document in
// which no page has text returns that as its error. A page that fails to
// parse is a failure at its page and the other pages are read. An encrypted
// PDF that opens only with a password, or with an encryption the library
// does not know, is skipped. The whole file is held in memory, at most
// pdfMaxBytes (a larger one fails, not read); the library reads it
// through a source that checks ctx, under a work budget (pdf_budget.go),
// and runs under guard, which abandons it if it loops without reading.
func parsePDF(ctx context.Context, r io.Reader, obj *connectors.Object, limit int, em *emitter) error {
	data, err := io.ReadAll(io.LimitReader(r, pdfMaxBytes+1))
	if err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	if int64(len(data)) > pdfMaxBytes {
		return connectors.TooLarge("PDF larger than %s: not read", sizeName(pdfMaxBytes))
	}
	return guard(ctx, "PDF", em, func(em *emitter) error { return extractPDF(ctx, data, obj, limit, em) })
}

// extractPDF emits the text of the PDF in data; see parsePDF.
func extractPDF(ctx context.Context, data []byte, obj *connectors.Object, limit int, em *emitter) error {
	if err := xrefWithin(data); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	doc, err := openPDF(ctx, data)
	if err != nil {
		if errors.Is(err, pdf.ErrInvalidPassword) || strings.Contains(err.Error(), "encryption") {
			return connectors.Skip("encrypted PDF")
		}
		return fmt.Errorf("pdf: %w", err)
	}
	em.rec.Lines = false
	defer func() { em.rec.Loc = connectors.At(obj) }()

	// Failures of pages without text wait until a page with text is seen:
	// if none is, the document fails as a whole.
	var pending []pdfPageFailure
	sawText := false
	fail := func(f pdfPageFailure) error {
		if !sawText && f.unread {
			pending = append(pending, f)
			return nil
		}
		return em.failPage(f.page, f.err)
	}
	list, err := pages(doc, len(data))
	if err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	n := len(list)
	for i := 1; i <= n; i++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		text, images, err := pageText(list[i-1])
		if aborted(ctx, err) {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return fmt.Errorf("pdf: page %d: %w", i, errPDFWork) // the rest would fail the same way
		}
		if err != nil {
			if err := fail(pdfPageFailure{page: i, err: fmt.Errorf("pdf: page %d: %w", i, err)}); err != nil {
				return err
			}
			continue
		}
		text = strings.TrimSpace(text)
		switch {
		case text == "" && images:
			err = fmt.Errorf("pdf: page %d has no extractable text (scanned image?)", i)
		case text != "" && !decodable(text):
			err = fmt.Errorf("pdf: page %d: text does not decode (a font without a Unicode mapping?)", i)
		}
		if err != nil {
			if err := fail(pdfPageFailure{page: i, err: err, unread: true}); err != nil {
				return err
			}
			continue
		}
		if text == "" {
			continue // a blank page
		}
		if !sawText {
			sawText = true
			for _, f := range pending {
				if err := em.failPage(f.page, f.err); err != nil {
					return err
				}
			}
			pending = nil
		}
		for text != "" {
			k := cutAt(text, limit)
			if err := em.emitPage(i, []byte(text[:k])); err != nil {
				return err
			}
			text = text[k:]
		}
	}
	if !sawText && len(pending) > 0 {
		if len(pending) == 1 {
			return pending[0].err
		}
		return fmt.Errorf("pdf: no page has extractable text (scanned images?): %d of %d pages unreadable", len(pending), n)
	}
	return nil
}

type pdfPageFailure struct {
	page   int
	err    error
	unread bool // the page parsed but gave no usable text
}

// openPDF opens data with the library, reading through a PDF source (see
// pdf_budget.go): PDF 2.0 and headers followed by a space are presented
// to it as "%PDF-1.7\n".
func openPDF(ctx context.Context, data []byte) (*pdf.Reader, error) {
	return openPDFFrom(newPDFSource(ctx, data))
}

func openPDFFrom(src *source) (doc *pdf.Reader, err error) {
	defer func() {
		if r := recover(); r != nil {
			doc, err = nil, abortError(r, "malformed PDF")
		}
	}()
	return pdf.NewReader(src, src.Size())
}

// pages lists the page objects in order, walking the page tree once (the
// library's Page(i) walks it from the root for each page, which is
// quadratic). The walk is bounded by depth and by what the file's size can
// hold, a page object taking more than 16 bytes, against cycles.
func pages(doc *pdf.Reader, size int) (list []pdf.Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = abortError(r, "malformed page tree")
		}
	}()
	budget := size / 16
	var walk func(v pdf.Value, depth int) error
	walk = func(v pdf.Value, depth int) error {
		if budget--; budget < 0 || depth > 64 {
			return errors.New("malformed page tree: too deep or cyclic")
		}
		if v.Key("Type").Name() == "Page" || v.Key("Kids").Kind() != pdf.Array {
			list = append(list, v)
			return nil
		}
		kids := v.Key("Kids")
		for i := range kids.Len() {
			if err := walk(kids.Index(i), depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	root := doc.Trailer().Key("Root").Key("Pages")
	if root.IsNull() {
		return nil, errors.New("malformed PDF: no page tree")
	}
	return list, walk(root, 0)
}

// maxPageContent bounds what a page's content streams unpack to. The
// library inflates a page's content whole into memory, and extracting
// its text allocates some thirty times that: a 300-byte stream that
// inflates to 256 MiB would take gigabytes. Real pages, dense vector
// drawings included, stay far below.
const maxPageContent = 16 << 20

// contentWithin checks, before the library reads them, a page's content
// streams (one stream, or an array of them) and the ToUnicode maps of its
// fonts: unpacked, streaming, they must stay within max, and must not end
// inside a hex string, on which the library would spin (pdf_lex.go).
func contentWithin(page pdf.Page, max int64) error {
	var l hexEnd
	if lexStreams(streamsOf(page.V.Key("Contents")), &l, max) > max {
		return connectors.TooLarge("page content unpacks to more than %s: not read", sizeName(max))
	}
	if l.spins() {
		return errors.New("malformed page content: a hex string open at its end")
	}
	fonts := page.Resources().Key("Font")
	for _, name := range fonts.Keys() {
		var l hexEnd
		if lexStreams(streamsOf(fonts.Key(name).Key("ToUnicode")), &l, max) > max {
			return connectors.TooLarge("font %s: its ToUnicode map unpacks to more than %s: page not read", name, sizeName(max))
		}
		if l.spins() {
			return fmt.Errorf("malformed font %s: its ToUnicode map ends in an open hex string", name)
		}
	}
	return nil
}

// pageText is the text of a page and, when it has none, whether the page
// draws images. The
// library reports malformed content by panicking; that becomes the page's
// error.
func pageText(v pdf.Value) (text string, images bool, err error) {
	defer func() {
		if r := recover(); r != nil {
			text, images, err = "", false, abortError(r, "malformed page")
		}
	}()
	p := pdf.Page{V: v}
	if err := contentWithin(p, maxPageContent); err != nil {
		return "", false, err
	}
	text, err = p.GetPlainText(nil)
	if err != nil {
		return "", false, err
	}
	if strings.TrimSpace(text) != "" {
		return text, false, nil // images matter only on a page without text
	}
	xo := p.Resources().Key("XObject")
	for _, k := range xo.Keys() {
		switch xo.Key(k).Key("Subtype").Name() {
		case "Image", "Form":
			images = true
		}
	}
	if !images {
		// Inline images (BI ... ID ... EI) in the content stream.
		images = hasInlineImage(p)
	}
	return text, images, nil
}

// hasInlineImage says whether the page's content uses an inline image.
func hasInlineImage(p pdf.Page) (found bool) {
	defer func() {
		if recover() != nil {
			found = true // the lexer trips on image data
		}
	}()
	pdf.Interpret(p.V.Key("Contents"), func(stk *pdf.Stack, op string) {
		for stk.Len() > 0 {
			stk.Pop()
		}
		if op == "BI" || op == "ID" || op == "EI" {
			found = true
		}
	})
	return found
}

// decodable says whether extracted text looks like text: at most a quarter
// of its non-space runes are control characters, U+FFFD or private use,
// what a font without a Unicode mapping gives.
func decodable(s string) bool {
	var bad, all int
	for _, c := range s {
		if unicode.IsSpace(c) {
			continue
		}
		all++
		if c == utf8.RuneError || unicode.IsControl(c) || unicode.Is(unicode.Co, c) {
			bad++
		}
	}
	return bad*4 <= all
}

// emitPage hands the text of a page, or a piece of it, to fn.
func (e *emitter) emitPage(page int, data []byte) error {
	rec := e.rec
	rec.Loc.Part = pageName(page)
	rec.Loc.Paragraph = 0
	rec.Data = data
	return e.send(rec)
}

// failPage reports a failure at a page; the document goes on.
func (e *emitter) failPage(page int, err error) error {
	rec := connectors.Record{Loc: e.rec.Loc}
	rec.Loc.Part = pageName(page)
	return e.fn(rec, err)
}

func pageName(n int) string { return "page " + strconv.Itoa(n) }
