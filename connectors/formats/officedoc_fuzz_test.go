package formats

import (
	"archive/zip"
	"bytes"
	"io"
	"regexp"
	"strings"
	"testing"
)

// storedZip is a zip of members stored uncompressed, so that a fuzzer's
// mutations reach the XML itself (the members' checksums then fail, at
// the end of each member).
func storedZip(t testing.TB, members ...member) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, m := range members {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: m.name, Method: zip.Store})
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, m.body)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// officeWith is a minimal document whose one content part (the Word body,
// or the one slide) is part.
func officeWith(t testing.TB, pptx bool, part []byte) []byte {
	if !pptx {
		return storedZip(t,
			member{"_rels/.rels", rels("rId1", "officeDocument", "word/document.xml")},
			member{"word/document.xml", string(part)})
	}
	return storedZip(t,
		member{"_rels/.rels", rels("rId1", "officeDocument", "ppt/presentation.xml")},
		member{"ppt/presentation.xml", xmlPI + `<p:presentation ` + nsP + `><p:sldIdLst><p:sldId id="256" r:id="rId2"/></p:sldIdLst></p:presentation>`},
		member{"ppt/_rels/presentation.xml.rels", rels("rId2", "slide", "slides/slide1.xml")},
		member{"ppt/slides/slide1.xml", string(part)})
}

var (
	docxPart = regexp.MustCompile(`^(body|header[0-9]+|footer[0-9]+|footnotes|endnotes|comments)$`)
	pptxPart = regexp.MustCompile(`^(slide|notes) [1-9][0-9]*$`)
)

// Fuzz modes: the low bit picks the format, the next whether data is the
// whole file or the content part of a document built around it.
const (
	officePPTX  = 1
	officeWhole = 2
)

// FuzzOffice reads arbitrary Word documents and presentations: no panic,
// hang or runaway allocation; every record is a non-empty piece of one
// paragraph of a part the format has, within the limit; every failure is
// the document's; no column name carries a value (a first row that looks
// like data names no column); cutting paragraphs into records loses
// nothing.
func FuzzOffice(f *testing.F) {
	for _, m := range docxMembers() {
		if strings.HasPrefix(m.name, "word/") && !strings.Contains(m.name, "_rels") {
			f.Add([]byte(m.body), uint8(0))
		}
	}
	for _, m := range pptxMembers("slide1.xml", "slide2.xml") {
		if strings.Contains(m.name, "/slides/slide") || strings.Contains(m.name, "notesSlide1.xml") {
			f.Add([]byte(m.body), uint8(officePPTX))
		}
	}
	f.Add([]byte(wdoc("document", `<w:body><w:tbl><w:tr><w:tc>`+wp(wt("090-1234-5678"))+`</w:tc><w:tc>`+wp(wt("x@example.jp"))+
		`</w:tc></w:tr><w:tr><w:tc>`+wp(wt("佐藤"))+`</w:tc></w:tr></w:tbl></w:body>`)), uint8(0))
	f.Add(storedZip(f, docxMembers()...), uint8(officeWhole))
	f.Add(storedZip(f, pptxMembers("slide2.xml", "slide1.xml")...), uint8(officeWhole|officePPTX))
	f.Add(zipOf(f, docxMembers()...), uint8(officeWhole))
	f.Add(append(append([]byte{}, oleMagic...), utf16Name("EncryptedPackage")...), uint8(officeWhole))
	f.Fuzz(func(t *testing.T, data []byte, mode uint8) {
		pptx := mode&officePPTX != 0
		format, name, parts := FormatDOCX, "f.docx", docxPart
		if pptx {
			format, name, parts = FormatPPTX, "f.pptx", pptxPart
		}
		if mode&officeWhole == 0 {
			data = officeWith(t, pptx, data)
		}
		const limit = 32
		res := fuzzRead(t, name, data, limit)
		if res.info.Format != format {
			return // not a zip or an OLE2 file: FuzzText's and FuzzZip's
		}
		wantErr(t, format, res.err, format+": ")
		for _, rec := range res.recs {
			wantErr(t, format+" "+rec.loc.Part, rec.err, format+": ")
			if rec.err != nil {
				continue
			}
			l := rec.loc
			if !parts.MatchString(l.Part) || l.Paragraph < 1 || l.Line != 0 || rec.lines || l.Sheet != "" || l.Cell != "" {
				t.Fatalf("record at %+v (lines %v)", l, rec.lines)
			}
			if rec.label && l.Column != "" {
				t.Fatalf("label %q in column %q", rec.data, l.Column)
			}
			if len(l.Column) > maxTableHeaderBytes || carriesData(l.Column) {
				t.Fatalf("column name %q (%d bytes) from a first row that is data", l.Column, len(l.Column))
			}
		}
		sameText(t, res, fuzzRead(t, name, data, 1<<20))
	})
}
