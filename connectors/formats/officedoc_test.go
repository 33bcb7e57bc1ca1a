package formats

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pmscan/pmscan/connectors"
)

// member is one file of a generated zip, stored in the order given.
type member struct{ name, body string }

func zipOf(t testing.TB, members ...member) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, m := range members {
		w, err := zw.Create(m.name)
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

const (
	nsW   = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"`
	nsP   = `xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"`
	relNS = `http://schemas.openxmlformats.org/officeDocument/2006/relationships`
	xmlPI = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
)

func rels(rs ...string) string {
	var b strings.Builder
	b.WriteString(xmlPI + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	for i := 0; i+2 < len(rs)+1; i += 3 {
		fmt.Fprintf(&b, `<Relationship Id="%s" Type="%s/%s" Target="%s"/>`, rs[i], relNS, rs[i+1], rs[i+2])
	}
	b.WriteString(`</Relationships>`)
	return b.String()
}

func wp(runs string) string { return `<w:p><w:r>` + runs + `</w:r></w:p>` }
func wt(s string) string    { return `<w:t xml:space="preserve">` + s + `</w:t>` }
func wdoc(root, body string) string {
	return xmlPI + `<w:` + root + ` ` + nsW + `>` + body + `</w:` + root + `>`
}

// docxMembers is a small Word document: paragraphs with tabs, breaks and a
// non-breaking hyphen, an empty paragraph, a table with a header row, a
// cell spanning two columns, a text box with its fallback copy, a field
// code and deleted text, two headers, a footer and a comment. The zip
// stores the parts out of order.
func docxMembers() []member {
	body := `<w:body>` +
		`<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r>` + wt("顧客名簿") + `</w:r></w:p>` +
		`<w:p/>` +
		`<w:p><w:r>` + wt("担当: ") + `</w:r><w:r>` + wt("山田") + `</w:r><w:r><w:tab/>` + wt("内線") + `<w:br/>` + wt("090") + `<w:noBreakHyphen/>` + wt("1234-5678") + `</w:r></w:p>` +
		`<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>` +
		`<w:tr><w:tc>` + wp(wt("氏名")) + `</w:tc><w:tc>` + wp(wt("電話番号")) + `</w:tc></w:tr>` +
		`<w:tr><w:tc>` + wp(wt("佐藤花子")) + `</w:tc><w:tc>` + wp(wt("03-1234-5678")) + wp(wt("携帯 080-1111-2222")) + `</w:tc></w:tr>` +
		`<w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr>` + wp(wt("備考なし")) + `</w:tc></w:tr>` +
		`<w:tr><w:tc>` + wp("") + `</w:tc><w:tc>` + wp(wt("06-9999-0000")) + `</w:tc></w:tr>` +
		`</w:tbl>` +
		`<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>` + wp(wt("テキストボックス")) +
		`</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>` + wp(wt("テキストボックス")) +
		`</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent>` + wt("本文") + `</w:r></w:p>` +
		`<w:p><w:r><w:instrText>PAGE</w:instrText></w:r><w:del><w:r><w:delText>旧住所 東京都</w:delText></w:r></w:del></w:p>` +
		wp(wt("&lt;tag&gt; &amp; 鈴木")) +
		`</w:body>`
	return []member{
		{"[Content_Types].xml", xmlPI + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>`},
		{"_rels/.rels", rels("rId1", "officeDocument", "word/document.xml")},
		{"word/comments.xml", wdoc("comments", `<w:comment w:id="0" w:author="鈴木">`+wp(wt("確認: yamada@example.jp"))+`</w:comment>`)},
		{"word/header2.xml", wdoc("hdr", wp(wt("第二版")))},
		{"word/footer1.xml", wdoc("ftr", wp(wt("株式会社サンプル")))},
		{"word/document.xml", wdoc("document", body)},
		{"word/header1.xml", wdoc("hdr", wp(wt("社外秘")))},
		{"word/_rels/document.xml.rels", rels("rId1", "header", "header1.xml")},
	}
}

var docxWant = []string{
	"body#1 [] 顧客名簿",
	"body#3 [] 担当: 山田\t内線\n090-1234-5678",
	"body#4 [] 氏名", "body#5 [] 電話番号",
	"body#6 [氏名] 佐藤花子", "body#7 [電話番号] 03-1234-5678", "body#8 [電話番号] 携帯 080-1111-2222",
	"body#9 [氏名] 備考なし",
	"body#11 [電話番号] 06-9999-0000",
	"body#13 [] テキストボックス", "body#12 [] 本文",
	"body#14 [] 旧住所 東京都",
	"body#15 [] <tag> & 鈴木",
	"header1#1 [] 社外秘", "header2#1 [] 第二版", "footer1#1 [] 株式会社サンプル",
	"comments#1 [] 確認: yamada@example.jp",
}

func slide(body string) string {
	return xmlPI + `<p:sld ` + nsP + `><p:cSld><p:spTree>` + body + `</p:spTree></p:cSld></p:sld>`
}

func shape(paras ...string) string {
	var b strings.Builder
	b.WriteString(`<p:sp><p:txBody><a:bodyPr/><a:lstStyle/>`)
	for _, p := range paras {
		b.WriteString(`<a:p>` + p + `</a:p>`)
	}
	b.WriteString(`</p:txBody></p:sp>`)
	return b.String()
}

func ar(s string) string { return `<a:r><a:rPr lang="ja-JP"/><a:t>` + s + `</a:t></a:r>` }

func atc(paras string, attrs string) string {
	return `<a:tc` + attrs + `><a:txBody><a:bodyPr/>` + paras + `</a:txBody><a:tcPr/></a:tc>`
}

// pptxMembers is a two-slide presentation: text with a line break, a table
// with a header row and a merged header cell, slide number fields, and
// notes for slide 1. The presentation lists its slides in the order given.
func pptxMembers(order ...string) []member {
	var ids strings.Builder
	var prels []string
	for i, s := range order {
		fmt.Fprintf(&ids, `<p:sldId id="%d" r:id="rId%d"/>`, 256+i, i+2)
		prels = append(prels, fmt.Sprint("rId", i+2), "slide", "slides/"+s)
	}
	table := `<p:graphicFrame><a:graphic><a:graphicData><a:tbl><a:tblGrid><a:gridCol/><a:gridCol/><a:gridCol/></a:tblGrid>` +
		`<a:tr>` + atc(`<a:p>`+ar("氏名")+`</a:p>`, "") + atc(`<a:p>`+ar("連絡先")+`</a:p>`, ` gridSpan="2"`) + atc(`<a:p/>`, ` hMerge="1"`) + `</a:tr>` +
		`<a:tr>` + atc(`<a:p>`+ar("田中一郎")+`</a:p>`, "") + atc(`<a:p>`+ar("080-2222-3333")+`</a:p>`, "") + atc(`<a:p>`+ar("tanaka@example.jp")+`</a:p>`, "") + `</a:tr>` +
		`</a:tbl></a:graphicData></a:graphic></p:graphicFrame>`
	sldNum := `<a:fld id="{1}" type="slidenum"><a:t>2</a:t></a:fld>`
	return []member{
		{"[Content_Types].xml", xmlPI + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`},
		{"_rels/.rels", rels("rId1", "officeDocument", "ppt/presentation.xml")},
		{"ppt/slides/slide2.xml", slide(shape(ar("名簿")) + table + shape(sldNum))},
		{"ppt/presentation.xml", xmlPI + `<p:presentation ` + nsP + `><p:sldIdLst>` + ids.String() + `</p:sldIdLst></p:presentation>`},
		{"ppt/_rels/presentation.xml.rels", rels(prels...)},
		{"ppt/notesSlides/notesSlide1.xml", xmlPI + `<p:notes ` + nsP + `><p:cSld><p:spTree>` +
			shape(ar("メモ: 住所は大阪府")) + shape(`<a:fld id="{2}" type="slidenum"><a:t>1</a:t></a:fld>`) + `</p:spTree></p:cSld></p:notes>`},
		{"ppt/slides/slide1.xml", slide(shape(ar("会議資料")) + shape(ar("担当 山田太郎"), ar("連絡先")+`<a:br/>`+ar("090-0000-1111"), ""))},
		{"ppt/slides/_rels/slide1.xml.rels", rels("rId1", "slideLayout", "../slideLayouts/slideLayout1.xml", "rId2", "notesSlide", "../notesSlides/notesSlide1.xml")},
	}
}

var pptxWant = []string{
	"slide 1#1 [] 会議資料", "slide 1#2 [] 担当 山田太郎", "slide 1#3 [] 連絡先\n090-0000-1111",
	"notes 1#1 [] メモ: 住所は大阪府",
	"slide 2#1 [] 名簿", "slide 2#2 [] 氏名", "slide 2#3 [] 連絡先",
	"slide 2#5 [氏名] 田中一郎", "slide 2#6 [連絡先] 080-2222-3333", "slide 2#7 [連絡先] tanaka@example.jp",
}

// runOffice parses data as name and returns the records as
// "part#paragraph [column] text" and failures as "part#paragraph!error".
func runOffice(t testing.TB, name string, data []byte, limit int) ([]string, error) {
	t.Helper()
	format, ok := officeFormat(data, name)
	if !ok {
		t.Fatalf("officeFormat(%q) = false", name)
	}
	var got []string
	obj := connectors.NewFile(name)
	em := &emitter{ctx: context.Background(), rec: connectors.Record{Loc: connectors.At(obj)}}
	em.fn = func(r connectors.Record, err error) error {
		if r.Loc.Object.Path != name || r.Loc.Line != 0 || r.Lines || r.Loc.Sheet != "" || r.Loc.Cell != "" {
			t.Errorf("location %+v", r.Loc)
		}
		if err != nil {
			got = append(got, fmt.Sprintf("%s#%d!%v", r.Loc.Part, r.Loc.Paragraph, err))
			return nil
		}
		if len(r.Data) > limit {
			t.Errorf("record of %d bytes, limit %d", len(r.Data), limit)
		}
		got = append(got, fmt.Sprintf("%s#%d [%s] %s", r.Loc.Part, r.Loc.Paragraph, r.Loc.Column, r.Data))
		return nil
	}
	err := parseOfficeDoc(context.Background(), bytes.NewReader(data), format, obj, limit, em)
	return got, err
}

func TestOfficeDoc(t *testing.T) {
	ole := append(append([]byte{}, oleMagic...), make([]byte, 504)...)
	longPara := wdoc("document", `<w:body>`+wp(wt("あいうえおかきくけこ")+wt("さしすせそ"))+wp(wt("090-1234-5678 090-1234-5678"))+`</w:body>`)
	noRels := pptxMembers("slide1.xml", "slide2.xml")
	noRels = append(noRels[:4:4], noRels[5:]...) // drop ppt/_rels/presentation.xml.rels
	badHeader := append(docxMembers(), member{"word/header3.xml", wdoc("hdr", wp(wt("壊れた"))+"<w:p>&bogus;")})
	tests := []struct {
		name  string
		file  string
		data  []byte
		limit int
		want  []string
		err   string // the returned error, if any
		skip  bool   // the error is a connectors.Skip
	}{
		{name: "docx", file: "顧客.docx", data: zipOf(t, docxMembers()...), want: docxWant},
		{name: "docm upper case", file: "DIR/顧客.DOCM", data: zipOf(t, docxMembers()...), want: docxWant},
		{name: "pptx", file: "会議.pptx", data: zipOf(t, pptxMembers("slide1.xml", "slide2.xml")...), want: pptxWant},
		{name: "pptx slides reordered", file: "会議.pptm", data: zipOf(t, pptxMembers("slide2.xml", "slide1.xml")...), want: []string{
			"slide 1#1 [] 名簿", "slide 1#2 [] 氏名", "slide 1#3 [] 連絡先",
			"slide 1#5 [氏名] 田中一郎", "slide 1#6 [連絡先] 080-2222-3333", "slide 1#7 [連絡先] tanaka@example.jp",
			"slide 2#1 [] 会議資料", "slide 2#2 [] 担当 山田太郎", "slide 2#3 [] 連絡先\n090-0000-1111",
			"notes 2#1 [] メモ: 住所は大阪府",
		}},
		{name: "pptx without presentation rels: by file number", file: "a.pptx", data: zipOf(t, noRels...), want: pptxWant},
		{name: "pptx orphan notes by file number", file: "a.pptx", data: zipOf(t,
			member{"ppt/presentation.xml", `<p:presentation ` + nsP + `/>`},
			member{"ppt/notesSlides/notesSlide4.xml", `<p:notes ` + nsP + `>` + shape(ar("孤立メモ")) + `</p:notes>`}),
			want: []string{"notes 4#1 [] 孤立メモ"}},
		{name: "long paragraphs cut", file: "a.docx", limit: 16, data: zipOf(t, member{"word/document.xml", longPara}), want: []string{
			"body#1 [] あいうえお", "body#1 [] かきくけこ", "body#1 [] さしすせそ",
			"body#2 [] 090-1234-5678 ", "body#2 [] 090-1234-5678"}},
		{name: "a first-row cell after the row is judged names no column", file: "a.docx", data: zipOf(t, member{"word/document.xml", wdoc("document",
			`<w:body><w:tbl><w:tr><w:tc>`+wp(wt("氏名"))+`</w:tc></w:tr><w:tc>`+wp(wt("090-1234-5678"))+`</w:tc>`+
				`<w:tr><w:tc>`+wp(wt("佐藤"))+`</w:tc><w:tc>`+wp(wt("03-1111-2222"))+`</w:tc></w:tr></w:tbl></w:body>`)}),
			want: []string{"body#1 [] 氏名", "body#2 [] 090-1234-5678", "body#3 [氏名] 佐藤", "body#4 [] 03-1111-2222"}},
		{name: "bad XML in one part", file: "a.docx", data: zipOf(t, badHeader...), want: append(append(docxWant[:15:15],
			"header3#1 [] 壊れた", "header3#2!docx: word/header3.xml: XML syntax error on line 2: invalid character entity &bogus;"), docxWant[15:]...)},
		{name: "corrupt zip", file: "a.docx", data: []byte("PK\x03\x04 not really a zip"), err: "docx: zip: not a valid zip file"},
		{name: "truncated zip", file: "a.pptx", data: zipOf(t, pptxMembers("slide1.xml")...)[:300], err: "pptx: zip: not a valid zip file"},
		{name: "no main part", file: "a.docx", data: zipOf(t, member{"word/other.xml", "<x/>"}), err: "docx: no main document part (word/document.xml)"},
		{name: "encrypted (OLE2)", file: "秘密.docx", data: append(append(ole, utf16Name("EncryptedPackage")...), 0, 0), err: "encrypted document", skip: true},
		{name: "OLE2 not encrypted", file: "old.pptx", data: ole, err: "not an Office Open XML document (an OLE2 file: .doc or .ppt renamed?)", skip: true},
		{name: "encrypted (zip)", file: "a.docx", data: zipOf(t, member{"EncryptedPackage", "x"}), err: "encrypted document", skip: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			limit := tt.limit
			if limit == 0 {
				limit = DefaultMaxRecordBytes
			}
			got, err := runOffice(t, tt.file, tt.data, limit)
			if tt.err != "" {
				if err == nil || err.Error() != tt.err || connectors.IsSkip(err) != tt.skip {
					t.Fatalf("error %v (skip %v), want %q (skip %v)", err, connectors.IsSkip(err), tt.err, tt.skip)
				}
			} else if err != nil {
				t.Fatal(err)
			}
			eq(t, got, tt.want)
		})
	}
}

func TestIsOfficeDoc(t *testing.T) {
	zipHead := []byte("PK\x03\x04rest")
	for _, tt := range []struct {
		head   []byte
		name   string
		format string
	}{
		{zipHead, "a.docx", FormatDOCX}, {zipHead, "a.DOCM", FormatDOCX}, {zipHead, "d/a.pptx", FormatPPTX},
		{zipHead, "a.pptm", FormatPPTX}, {zipHead, "a.docx.gz", FormatDOCX}, {oleMagic, "a.docx", FormatDOCX},
		{zipHead, "a.xlsx", ""}, {zipHead, "a.zip", ""}, {[]byte("hello"), "a.docx", ""}, {zipHead, "docx", ""},
	} {
		format, ok := officeFormat(tt.head, tt.name)
		if !ok {
			format = ""
		}
		if format != tt.format || ok != (tt.format != "") {
			t.Errorf("officeFormat(%q, %q) = %q, %v; want %q", tt.head, tt.name, format, ok, tt.format)
		}
	}
}

// officeFormat is the document format the format table picks for an
// object named name starting with head, if it picks one.
func officeFormat(head []byte, name string) (string, bool) {
	f := sniff(sniffing(head, name))
	return f.name, f.name == FormatDOCX || f.name == FormatPPTX
}

// setLimits lowers the document limits for one test.
func setLimits(t *testing.T, stored, unzip int64) {
	oldStored, oldUnzip := officeMaxBytes, officeMaxUnzip
	officeMaxBytes, officeMaxUnzip = stored, unzip
	t.Cleanup(func() { officeMaxBytes, officeMaxUnzip = oldStored, oldUnzip })
}

// rawMember stores body deflated under a header that declares size as its
// unzipped size, as a zip bomb may.
func rawMember(t *testing.T, zw *zip.Writer, name string, body []byte, size uint64) {
	t.Helper()
	var comp bytes.Buffer
	fw, _ := flate.NewWriter(&comp, flate.BestCompression)
	fw.Write(body)
	fw.Close()
	w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: crc32.ChecksumIEEE(body),
		CompressedSize64: uint64(comp.Len()), UncompressedSize64: size})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(comp.Bytes())
}

func TestOfficeDocLimits(t *testing.T) {
	huge := []byte(wdoc("document", `<w:body>`+strings.Repeat(`<w:p/>`, 1<<20)+`</w:body>`)) // 6 MiB of XML
	bomb := func(declared uint64) []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		w, _ := zw.Create("word/header1.xml")
		io.WriteString(w, wdoc("hdr", wp(wt("社外秘"))))
		rawMember(t, zw, "word/document.xml", huge, declared)
		zw.Close()
		return buf.Bytes()
	}
	many := []member{{"word/document.xml", wdoc("document", wp(wt("本文")))}}
	for i := 1; i <= 20; i++ {
		many = append(many, member{fmt.Sprintf("word/header%d.xml", i), wdoc("hdr", wp(wt(fmt.Sprintf("ヘッダー%d", i))+strings.Repeat(" ", 500)))})
	}
	tests := []struct {
		name string
		data []byte
		want []string
		err  string
	}{
		// The header declares the size: nothing is unzipped.
		{"member declared larger than the budget", bomb(uint64(len(huge))), nil, "docx: document unzips to more than 65536 bytes: the rest not read"},
		// archive/zip stops a member at its declared size: the part
		// fails after at most that many bytes, the rest is read.
		{"member lying about its size", bomb(1000), []string{"body#0!docx: word/document.xml: zip: not a valid zip file", "header1#1 [] 社外秘"}, ""},
		// The budget is for the whole document: the parts read before
		// it runs out stand.
		{"parts adding up past the budget", zipOf(t, many...), []string{"body#1 [] 本文", "header1#1 [] ヘッダー1", "header2#1 [] ヘッダー2",
			"header3#1 [] ヘッダー3", "header4#1 [] ヘッダー4"}, "docx: document unzips to more than 4000 bytes: the rest not read"},
		{"file larger than the limit", append(zipOf(t, member{"word/document.xml", "<x/>"}), make([]byte, 100000)...), nil, "document larger than 100000 bytes: not read"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			switch {
			case strings.Contains(tt.err, "4000"):
				setLimits(t, 1<<20, 4000)
			default:
				setLimits(t, 100000, 65536)
			}
			got, err := runOffice(t, "a.docx", tt.data, DefaultMaxRecordBytes)
			// A limit leaves part of the document unread: a failure, not a skip.
			if tt.err == "" && err != nil || tt.err != "" && (err == nil || err.Error() != tt.err || connectors.IsSkip(err) || !errors.Is(err, connectors.ErrTooLarge)) {
				t.Fatalf("error %v, want %q", err, tt.err)
			}
			eq(t, got, tt.want)
		})
	}
}

func TestBudgetReader(t *testing.T) {
	left := int64(10)
	br := &budgetReader{r: strings.NewReader(strings.Repeat("x", 100)), left: &left}
	n, err := io.Copy(io.Discard, br)
	if !errors.Is(err, errBudget) || n > 11 || !br.over {
		t.Errorf("read %d bytes, error %v", n, err)
	}
}

func TestOfficeDocCancel(t *testing.T) {
	data := zipOf(t, docxMembers()...)
	ctx, cancel := context.WithCancel(context.Background())
	em := &emitter{ctx: ctx}
	em.fn = func(connectors.Record, error) error { cancel(); return nil }
	err := parseOfficeDoc(ctx, bytes.NewReader(data), FormatDOCX, connectors.NewFile("x.docx"), 1024, em)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
	stop := errors.New("stop")
	em = &emitter{ctx: context.Background(), fn: func(connectors.Record, error) error { return stop }}
	if err := parseOfficeDoc(context.Background(), bytes.NewReader(data), FormatDOCX, connectors.NewFile("x.docx"), 1024, em); err != stop {
		t.Errorf("error %v, want the callback's", err)
	}
}

// TestOfficeDocLibreOffice reads documents that LibreOffice wrote from an
// HTML page (docx) and a flat ODF presentation (pptx).
func TestOfficeDocLibreOffice(t *testing.T) {
	lo, err := exec.LookPath("libreoffice")
	if err != nil {
		if lo, err = exec.LookPath("soffice"); err != nil {
			t.Skip("libreoffice not on PATH: install it (apt-get install libreoffice-writer libreoffice-impress) to run this test")
		}
	}
	dir := t.TempDir()
	html := `<!DOCTYPE html><html><head><meta charset="utf-8"><title>名簿</title></head><body>
<p>担当者 山田太郎 090-1234-5678</p>
<table border="1"><tr><td>氏名</td><td>電話番号</td></tr><tr><td>佐藤花子</td><td>03-1234-5678</td></tr></table>
<p>住所 東京都千代田区丸の内1-1</p></body></html>`
	fodp := `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.presentation">
<office:body><office:presentation>
<draw:page draw:name="p1"><draw:frame svg:x="1cm" svg:y="1cm" svg:width="20cm" svg:height="5cm"><draw:text-box><text:p>会議資料 田中一郎</text:p><text:p>tanaka@example.jp</text:p></draw:text-box></draw:frame></draw:page>
<draw:page draw:name="p2"><draw:frame svg:x="1cm" svg:y="1cm" svg:width="20cm" svg:height="5cm"><draw:text-box><text:p>二枚目 080-2222-3333</text:p></draw:text-box></draw:frame></draw:page>
</office:presentation></office:body></office:document>`
	for _, f := range []struct{ name, body string }{{"名簿.html", html}, {"会議.fodp", fodp}} {
		if err := os.WriteFile(filepath.Join(dir, f.name), []byte(f.body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	convert := func(src, to string) []byte {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, lo, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
			"--headless", "--convert-to", to, "--outdir", dir, filepath.Join(dir, src))
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("libreoffice --convert-to %s %s: %v\n%s", to, src, err, out)
		}
		if bytes.Contains(out, []byte("could not be loaded")) {
			// Debian's libreoffice-calc-nogui alone cannot open text.
			t.Skipf("libreoffice cannot convert %s (are Writer and Impress installed? apt-get install libreoffice-writer-nogui libreoffice-impress-nogui): %s", src, out)
		}
		ext := strings.SplitN(to, ":", 2)[0]
		data, err := os.ReadFile(filepath.Join(dir, strings.TrimSuffix(src, filepath.Ext(src))+"."+ext))
		if err != nil {
			t.Fatalf("libreoffice wrote no %s: %v", ext, err)
		}
		return data
	}
	for _, c := range []struct {
		src, to, name string
		want          []string
	}{
		{"名簿.html", "docx:MS Word 2007 XML", "名簿.docx", []string{"[] 担当者 山田太郎 090-1234-5678", "[] 氏名", "[氏名] 佐藤花子", "[電話番号] 03-1234-5678", "[] 住所 東京都千代田区丸の内1-1"}},
		{"会議.fodp", "pptx", "会議.pptx", []string{"slide 1#1 [] 会議資料 田中一郎", "slide 1#2 [] tanaka@example.jp", "slide 2#1 [] 二枚目 080-2222-3333"}},
	} {
		got, err := runOffice(t, c.name, convert(c.src, c.to), DefaultMaxRecordBytes)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		all := strings.Join(got, "\n")
		for _, w := range c.want {
			if !strings.Contains(all, w) {
				t.Errorf("%s: no %q in\n%s", c.name, w, all)
			}
		}
	}
}

// BenchmarkDOCX reads a generated document of about 20 MB of text (in a
// table, a third of it) : MB/s are of the file as stored, text-MB/s of the
// text it holds.
func BenchmarkDOCX(b *testing.B) {
	var body strings.Builder
	text := 0
	body.WriteString(`<w:body>`)
	for i := 0; text < 20<<20; i++ {
		p := fmt.Sprintf("顧客番号%d 山田太郎様 電話 090-1234-%04d 住所 東京都千代田区丸の内1-%d メール taro%d@example.com", i, i%10000, i%100, i)
		text += len(p)
		if i%3 == 0 {
			fmt.Fprintf(&body, `<w:tbl><w:tr><w:tc>%s</w:tc></w:tr><w:tr><w:tc>%s</w:tc></w:tr></w:tbl>`, wp(wt("備考")), wp(wt(p)))
		} else {
			fmt.Fprintf(&body, `<w:p><w:pPr><w:pStyle w:val="Normal"/></w:pPr><w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr>%s</w:r></w:p>`, wt(p))
		}
	}
	body.WriteString(`</w:body>`)
	data := zipOf(b, member{"_rels/.rels", rels("rId1", "officeDocument", "word/document.xml")}, member{"word/document.xml", wdoc("document", body.String())})
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	var n int
	em := &emitter{ctx: context.Background(), fn: func(r connectors.Record, err error) error { n += len(r.Data); return err }}
	start := time.Now()
	for b.Loop() {
		n = 0
		if err := parseOfficeDoc(context.Background(), bytes.NewReader(data), FormatDOCX, connectors.NewFile("x.docx"), DefaultMaxRecordBytes, em); err != nil {
			b.Fatal(err)
		}
	}
	if n < text {
		b.Fatalf("%d bytes of text read, want %d", n, text)
	}
	b.ReportMetric(float64(text)*float64(b.N)/1e6/time.Since(start).Seconds(), "text-MB/s")
}
