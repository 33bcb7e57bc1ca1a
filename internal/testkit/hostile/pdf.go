package hostile

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/pmscan/pmscan/internal/testkit/synthetic"
)

// pdfDoc builds a one-page PDF: catalog, pages, page, content stream, font.
type pdfDoc struct {
	content []byte // the page's content stream, as stored
	filter  string // its /Filter, or ""
	kids    string // the pages node's /Kids; "[3 0 R]" unless set
	trailer string // extra trailer entries
	prev    bool   // the trailer's /Prev points at its own xref table
	xrefAt  int64  // startxref, when not 0; else the real offset
	pad     int    // bytes of comment lines after the header
}

// padLine is a comment line of 64 bytes.
var padLine = "%" + strings.Repeat(" ", 62) + "\n"

func (p pdfDoc) bytes() []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	for range p.pad / 64 {
		b.WriteString(padLine)
	}
	var offs []int
	obj := func(s string) { offs = append(offs, b.Len()); b.WriteString(s) }
	kids := p.kids
	if kids == "" {
		kids = "[3 0 R]"
	}
	obj("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n")
	obj("2 0 obj\n<< /Type /Pages /Kids " + kids + " /Count 1 >>\nendobj\n")
	obj("3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>\nendobj\n")
	filter := ""
	if p.filter != "" {
		filter = " /Filter " + p.filter
	}
	offs = append(offs, b.Len())
	fmt.Fprintf(&b, "4 0 obj\n<< /Length %d%s >>\nstream\n", len(p.content), filter)
	b.Write(p.content)
	b.WriteString("\nendstream\nendobj\n")
	obj("5 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>\nendobj\n")
	xref := int64(b.Len())
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	trailer := fmt.Sprintf("/Size %d /Root 1 0 R", len(offs)+1)
	if p.prev {
		trailer += fmt.Sprintf(" /Prev %d", xref)
	}
	if p.trailer != "" {
		trailer += " " + p.trailer
	}
	at := xref
	if p.xrefAt != 0 {
		at = p.xrefAt
	}
	fmt.Fprintf(&b, "trailer\n<< %s >>\nstartxref\n%d\n%%%%EOF\n", trailer, at)
	return b.Bytes()
}

// pdfText is a content stream that shows lines of ASCII text.
func pdfText(lines ...string) []byte {
	var b strings.Builder
	b.WriteString("BT /F1 12 Tf 14 TL 72 770 Td\n")
	for _, l := range lines {
		fmt.Fprintf(&b, "(%s) Tj T*\n", l)
	}
	b.WriteString("ET")
	return []byte(b.String())
}

// pdfContacts is a text page of n contacts, in ASCII (the standard font
// shows no Japanese).
func pdfContacts(g *synthetic.Gen, n int) []byte {
	var lines []string
	for range n {
		c := newContact(g)
		lines = append(lines, "TEL "+c.phone+" MAIL "+c.email)
	}
	return pdfText(lines...)
}

// PDFSound writes sound.pdf: a well-formed one-page PDF of 3 contacts,
// the control beside the malformed ones.
func PDFSound(dir string, seed uint64) ([]Plant, error) {
	g := synthetic.New(seed).Sub("pdf-sound")
	doc := pdfDoc{content: pdfContacts(g, 3)}
	if err := writeFile(filepath.Join(dir, "sound.pdf"), doc.bytes()); err != nil {
		return nil, err
	}
	return plants("sound.pdf", 3), nil
}

// PDFSelfReferencing writes loop.pdf: a PDF whose trailer's /Prev points
// at its own cross-reference table, which made the PDF library re-read
// that table for ever (issue 15, item 1).
func PDFSelfReferencing(dir string, seed uint64) ([]Plant, error) {
	g := synthetic.New(seed).Sub("pdf-loop")
	doc := pdfDoc{content: pdfContacts(g, 1), prev: true}
	return nil, writeFile(filepath.Join(dir, "loop.pdf"), doc.bytes())
}

// PDFSelfReferencingPadded writes loop-000.pdf, loop-001.pdf…: n copies
// of the self-referencing PDF, each padded with comments to about size
// bytes, so that the library's budget, a multiple of the size, keeps it
// busy long enough to interrupt.
func PDFSelfReferencingPadded(dir string, seed uint64, n, size int) error {
	g := synthetic.New(seed).Sub("pdf-loop-padded")
	data := pdfDoc{content: pdfContacts(g, 1), prev: true, pad: size}.bytes()
	for i := range n {
		if err := writeFile(filepath.Join(dir, fmt.Sprintf("loop-%03d.pdf", i)), data); err != nil {
			return err
		}
	}
	return nil
}

// PDFTruncated writes cut.pdf: a sound PDF of contacts cut in half, its
// cross-reference table and trailer gone.
func PDFTruncated(dir string, seed uint64) ([]Plant, error) {
	g := synthetic.New(seed).Sub("pdf-cut")
	data := pdfDoc{content: pdfContacts(g, 3)}.bytes()
	return nil, writeFile(filepath.Join(dir, "cut.pdf"), data[:len(data)/2])
}

// PDFXrefOutside writes xref-outside.pdf: its startxref points far past
// the end of the file.
func PDFXrefOutside(dir string, seed uint64) ([]Plant, error) {
	g := synthetic.New(seed).Sub("pdf-xref-outside")
	data := pdfDoc{content: pdfContacts(g, 1), xrefAt: 1 << 40}.bytes()
	return nil, writeFile(filepath.Join(dir, "xref-outside.pdf"), data)
}

// PDFNestingDepth is how deep PDFDeepNesting nests arrays.
const PDFNestingDepth = 1_000_000

// PDFDeepNesting writes deep.pdf: its trailer holds arrays nested
// PDFNestingDepth deep, which a recursive parser follows down its stack.
func PDFDeepNesting(dir string, seed uint64) ([]Plant, error) {
	g := synthetic.New(seed).Sub("pdf-deep")
	deep := "/Deep " + strings.Repeat("[", PDFNestingDepth) + strings.Repeat("]", PDFNestingDepth)
	data := pdfDoc{content: pdfContacts(g, 1), trailer: deep}.bytes()
	return nil, writeFile(filepath.Join(dir, "deep.pdf"), data)
}

// PDFPagesLoop writes pages-loop.pdf: its page tree's root lists itself
// as its own kid.
func PDFPagesLoop(dir string, seed uint64) ([]Plant, error) {
	g := synthetic.New(seed).Sub("pdf-pages-loop")
	data := pdfDoc{content: pdfContacts(g, 1), kids: "[2 0 R]"}.bytes()
	return nil, writeFile(filepath.Join(dir, "pages-loop.pdf"), data)
}

// PDFFlateBombSize is what PDFFlateBomb's content stream inflates to.
const PDFFlateBombSize = 256 * mib

// PDFFlateBomb writes flate-bomb.pdf: its page's content stream inflates
// to PDFFlateBombSize of text-showing operators, about 1000:1.
func PDFFlateBomb(dir string, _ uint64) ([]Plant, error) {
	line := []byte("(aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa) Tj T*\n") // 64 bytes
	chunk := bytes.Repeat(line, mib/len(line))
	d, err := deflateRepeat([]byte("BT /F1 12 Tf 14 TL 72 770 Td\n"), chunk, PDFFlateBombSize/mib, []byte("ET"))
	if err != nil {
		return nil, err
	}
	data := pdfDoc{content: zlibOf(d), filter: "/FlateDecode"}.bytes()
	return nil, writeFile(filepath.Join(dir, "flate-bomb.pdf"), data)
}
