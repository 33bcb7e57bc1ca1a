package formats

import (
	"bytes"
	"compress/zlib"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// pdfOf builds a PDF of the given objects (object i+1 is objs[i]) with a
// correct cross-reference table; trailer is added to the trailer
// dictionary after /Size and /Root 1 0 R.
func pdfOf(trailer string, objs ...string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, trailer, xref)
	return b.Bytes()
}

func pdfStream(dict, body string) string {
	return fmt.Sprintf("<< /Length %d%s >>\nstream\n%s\nendstream", len(body), dict, body)
}

func deflated(s string) string {
	var b bytes.Buffer
	w := zlib.NewWriter(&b)
	w.Write([]byte(s))
	w.Close()
	return b.String()
}

// fuzzPDFs are small PDFs that reach the parts of the reader a fuzzer
// would take long to build: a plain page, a compressed content stream,
// a nested page tree with a blank page and an inline image, a font with
// a ToUnicode map, and an encrypted document.
func fuzzPDFs() [][]byte {
	const catalog = "<< /Type /Catalog /Pages 2 0 R >>"
	font := "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
	plain := pdfOf("", catalog,
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
		pdfStream("", "BT /F1 12 Tf 10 10 Td (TEL 090-1234-5678) Tj T* [(yamada)-250(@example.jp)] TJ ET"),
		font)
	flate := pdfOf("", catalog,
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
		pdfStream(" /Filter /FlateDecode", deflated("BT /F1 10 Tf 0 0 Td (Taro Yamada) Tj 0 -12 Td (\\061\\062\\063) ' ET")),
		font)
	tree := pdfOf("", catalog,
		"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 3 >>",
		"<< /Type /Pages /Parent 2 0 R /Kids [5 0 R 6 0 R] /Count 2 >>",
		"<< /Type /Page /Parent 2 0 R /Contents 7 0 R >>",
		"<< /Type /Page /Parent 3 0 R >>",
		"<< /Type /Page /Parent 3 0 R /Resources << /Font << /F1 8 0 R >> >> /Contents [9 0 R 10 0 R] >>",
		pdfStream("", "q 10 0 0 10 0 0 cm BI /W 1 /H 1 /BPC 8 /CS /G ID \xff EI Q"),
		font,
		pdfStream("", "BT /F1 9 Tf (first part) Tj"),
		pdfStream("", "( second part) Tj ET"))
	cmap := "/CIDInit /ProcSet findresource begin 12 dict begin begincmap 1 begincodespacerange <0000> <FFFF> endcodespacerange " +
		"2 beginbfchar <0001> <5C71> <0002> <7530> endbfchar 1 beginbfrange <0010> <0012> <0030> endbfrange endcmap end end"
	cid := pdfOf("", catalog,
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
		pdfStream("", "BT /F1 12 Tf <000100020010001100120010> Tj ET"),
		"<< /Type /Font /Subtype /Type0 /BaseFont /IPAGothic /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
		"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /IPAGothic /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>",
		pdfStream("", cmap))
	encrypted := pdfOf(" /Encrypt 5 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>]", catalog,
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>",
		pdfStream("", "BT (x) Tj ET"),
		"<< /Filter /Standard /V 2 /R 3 /Length 128 /P -4 /O <"+strings.Repeat("ab", 32)+"> /U <"+strings.Repeat("cd", 32)+"> >>")
	return [][]byte{plain, flate, tree, cid, encrypted, selfReferencingPDF()}
}

// FuzzPDF reads arbitrary PDFs through parse: no panic, hang or runaway
// allocation (the work budget of pdf_budget.go must hold for any file);
// every record is a piece of one page's text within the limit, pages come
// in order and within what the file can hold; every failure is the PDF's,
// at the page it names; cutting pages into records loses nothing.
func FuzzPDF(f *testing.F) {
	for _, p := range fuzzPDFs() {
		f.Add(p)
	}
	for _, name := range []string{"mixed.pdf", "scan.pdf"} {
		data, err := os.ReadFile(filepath.Join("testdata", "pdf", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if !bytes.HasPrefix(data, pdfMagic) {
			return // not a PDF: read as text or binary, which other targets cover
		}
		const limit = 64
		res := fuzzRead(t, "f.pdf", data, limit)
		if res.info.Format != FormatPDF {
			return // a PDF with a tar signature at 257 is read as a tar: FuzzTar's
		}
		wantErr(t, "pdf", res.err, "pdf: ")
		maxPage := len(data)/16 + 1 // the page tree walk's budget
		lastPage := 0
		for _, rec := range res.recs {
			page, ok := strings.CutPrefix(rec.loc.Part, "page ")
			n, err := strconv.Atoi(page)
			if !ok || err != nil || n < 1 || n > maxPage || pageName(n) != rec.loc.Part {
				t.Fatalf("record at part %q (the file can hold %d pages)", rec.loc.Part, maxPage)
			}
			if rec.loc.Line != 0 || rec.loc.Paragraph != 0 || rec.loc.Column != "" || rec.label || rec.lines || rec.done != nil {
				t.Fatalf("record location %+v label %v lines %v", rec.loc, rec.label, rec.lines)
			}
			if rec.err != nil {
				if !strings.HasPrefix(rec.err.Error(), "pdf: "+rec.loc.Part+" ") && !strings.HasPrefix(rec.err.Error(), "pdf: "+rec.loc.Part+":") {
					t.Fatalf("failure %q reported at %q", rec.err, rec.loc.Part)
				}
				continue
			}
			if n < lastPage {
				t.Fatalf("page %d after page %d", n, lastPage)
			}
			lastPage = n
		}
		// The same pages, read whole: the pieces above are their text cut.
		// (Not for a PDF that spent the work budget: that takes a second.)
		if !aborted(context.Background(), res.err) {
			sameText(t, res, fuzzRead(t, "f.pdf", data, 1<<20))
		}
	})
}
