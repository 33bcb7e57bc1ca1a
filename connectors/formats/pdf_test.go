package formats

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/pmscan/pmscan/connectors"
)

// testdata/pdf holds PDFs that LibreOffice 7 wrote (IPA Gothic, embedded
// as a subset CID font with a ToUnicode map), with synthetic data only:
//
//   - mixed.pdf: page 1 "氏名 山田 太郎" and "電話番号 090-1234-5678",
//     page 2 only an image (a picture of text), page 3 "住所
//     東京都千代田区丸の内1-2-3". Written from a flat ODT (see pdfMixedFODT).
//   - scan.pdf: one page, only an image: a PNG converted by LibreOffice Draw.

func readPDF(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "pdf", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// runPDF parses a PDF and lists its records as "page N: text" and its
// failures as "page N! error".
func runPDF(t testing.TB, data []byte, limit int) ([]string, error) {
	t.Helper()
	if !isPDF(sniffing(data, "x.pdf")) {
		t.Fatalf("isPDF = false")
	}
	var got []string
	obj := connectors.NewFile("x.pdf")
	em := &emitter{ctx: context.Background(), rec: connectors.Record{Loc: connectors.At(obj)}}
	em.fn = func(r connectors.Record, err error) error {
		if r.Loc.Object.Path != "x.pdf" || r.Loc.Line != 0 || r.Lines || r.Loc.Paragraph != 0 || !strings.HasPrefix(r.Loc.Part, "page ") {
			t.Errorf("location %+v", r.Loc)
		}
		if err != nil {
			got = append(got, fmt.Sprintf("%s! %v", r.Loc.Part, err))
			return nil
		}
		if len(r.Data) > limit || !utf8.Valid(r.Data) {
			t.Errorf("record %q: %d bytes, limit %d", r.Data, len(r.Data), limit)
		}
		got = append(got, fmt.Sprintf("%s: %s", r.Loc.Part, r.Data))
		return nil
	}
	err := parsePDF(context.Background(), bytes.NewReader(data), obj, limit, em)
	return got, err
}

func TestPDFJapanese(t *testing.T) {
	got, err := runPDF(t, readPDF(t, "mixed.pdf"), DefaultMaxRecordBytes)
	if err != nil {
		t.Fatal(err)
	}
	// The library starts a line at each text object: LibreOffice starts
	// one where the font changes from Japanese to Latin.
	want := []string{
		"page 1: 氏名 山田 太郎\n電話番号 \n090-1234-5678",
		"page 2! pdf: page 2 has no extractable text (scanned image?)",
		"page 3: 住所 東京都千代田区丸の内\n1-2-3",
	}
	eq(t, got, want)
}

func TestPDFThroughParse(t *testing.T) {
	data := readPDF(t, "mixed.pdf")
	for _, c := range []struct {
		name, format string
		data         []byte
	}{
		{"名簿.pdf", "pdf", data},
		{"名簿.dat", "pdf", data}, // by content, not by name
		{"名簿.pdf.gz", "pdf+gzip", gz(t, data)},
	} {
		var parts []string
		info, err := parseNamed(context.Background(), bytes.NewReader(c.data), c.name, Options{}, func(r connectors.Record, err error) error {
			parts = append(parts, fmt.Sprintf("%s %v", r.Loc.Part, err))
			return nil
		})
		if err != nil || info.Format != c.format || info.Bytes != int64(len(c.data)) {
			t.Errorf("%s: info %+v, err %v", c.name, info, err)
		}
		eq(t, parts, []string{"page 1 <nil>", "page 2 pdf: page 2 has no extractable text (scanned image?)", "page 3 <nil>"})
	}
}

func TestPDFImageOnly(t *testing.T) {
	got, err := runPDF(t, readPDF(t, "scan.pdf"), DefaultMaxRecordBytes)
	if err == nil || err.Error() != "pdf: page 1 has no extractable text (scanned image?)" || connectors.IsSkip(err) {
		t.Errorf("err = %v, want the page's failure as the document's", err)
	}
	eq(t, got, nil)
}

func TestPDFLimit(t *testing.T) {
	got, err := runPDF(t, readPDF(t, "mixed.pdf"), minRecordBytes)
	if err != nil {
		t.Fatal(err)
	}
	var page1 strings.Builder
	for _, g := range got {
		if s, ok := strings.CutPrefix(g, "page 1: "); ok {
			page1.WriteString(s)
		}
	}
	if page1.String() != "氏名 山田 太郎\n電話番号 \n090-1234-5678" {
		t.Errorf("page 1 in pieces: %q", got)
	}
}

func TestPDFBroken(t *testing.T) {
	data := readPDF(t, "mixed.pdf")
	noUnicode := bytes.ReplaceAll(data, []byte("/ToUnicode"), []byte("/ToUnicodX"))
	for _, c := range []struct {
		name string
		data []byte
		want string // error prefix; "" = none
		skip bool
		recs []string
	}{
		{"truncated", data[:len(data)/2], "pdf: not a PDF file", false, nil},
		{"header only", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"), "pdf: not a PDF file", false, nil},
		{"bad xref", bytes.Replace(data, []byte("startxref\n"), []byte("startxref\n9"), 1), "pdf: malformed PDF", false, nil},
		{"pdf 2.0", append([]byte("%PDF-2.0"), data[8:]...), "", false, []string{"page 1", "page 2!", "page 3"}},
		{"no ToUnicode", noUnicode, "pdf: no page has extractable text", false, nil},
		{"too large", data, "PDF larger than", false, nil}, // a limit: a failure (connectors.ErrTooLarge), not a skip
	} {
		t.Run(c.name, func(t *testing.T) {
			if c.name == "too large" {
				defer func(n int64) { pdfMaxBytes = n }(pdfMaxBytes)
				pdfMaxBytes = int64(len(data) - 1)
			}
			got, err := runPDF(t, c.data, DefaultMaxRecordBytes)
			if c.want == "" && err != nil || c.want != "" && (err == nil || !strings.HasPrefix(err.Error(), c.want) && !strings.Contains(err.Error(), c.want)) || connectors.IsSkip(err) != c.skip {
				t.Errorf("err = %v, want %q (skip %v)", err, c.want, c.skip)
			}
			if len(got) != len(c.recs) {
				t.Fatalf("records %q, want %q", got, c.recs)
			}
			for i := range got {
				if !strings.HasPrefix(got[i], c.recs[i]) {
					t.Errorf("record %q, want %q", got[i], c.recs[i])
				}
			}
		})
	}
}

func TestPDFCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	em := &emitter{ctx: ctx, fn: func(connectors.Record, error) error { return nil }}
	err := parsePDF(ctx, bytes.NewReader(readPDF(t, "mixed.pdf")), connectors.NewFile("x.pdf"), DefaultMaxRecordBytes, em)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

// pdfMixedFODT is the flat ODT that testdata/pdf/mixed.pdf was written from;
// %s is the PNG of page 2, in base64.
const pdfMixedFODT = `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls><style:font-face style:name="IPAGothic" svg:font-family="IPAGothic"/></office:font-face-decls>
<office:automatic-styles>
<style:style style:name="P1" style:family="paragraph"><style:text-properties style:font-name="IPAGothic" style:font-name-asian="IPAGothic"/></style:style>
<style:style style:name="PB" style:family="paragraph"><style:paragraph-properties fo:break-before="page"/><style:text-properties style:font-name="IPAGothic" style:font-name-asian="IPAGothic"/></style:style>
</office:automatic-styles>
<office:body><office:text>
<text:p text:style-name="P1">氏名 山田 太郎</text:p>
<text:p text:style-name="P1">電話番号 090-1234-5678</text:p>
<text:p text:style-name="PB"><draw:frame draw:name="img" text:anchor-type="as-char" svg:width="12cm" svg:height="4cm"><draw:image><office:binary-data>%s</office:binary-data></draw:image></draw:frame></text:p>
<text:p text:style-name="PB">住所 東京都千代田区丸の内1-2-3</text:p>
</office:text></office:body></office:document>`

// pdfVerticalFODT is a page in vertical writing (tb-rl).
const pdfVerticalFODT = `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls><style:font-face style:name="IPAGothic" svg:font-family="IPAGothic"/></office:font-face-decls>
<office:automatic-styles><style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" style:writing-mode="tb-rl"/></style:page-layout>
<style:style style:name="P1" style:family="paragraph"><style:text-properties style:font-name-asian="IPAGothic" style:font-name="IPAGothic"/></style:style></office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1"/></office:master-styles>
<office:body><office:text><text:p text:style-name="P1">氏名 山田 太郎</text:p><text:p text:style-name="P1">住所 東京都千代田区丸の内1-2-3</text:p></office:text></office:body></office:document>`

// pdfResumeHTML is a three-page 履歴書 with a table; %s repeats the
// history rows (to make the benchmark's document larger).
const pdfResumeHTML = `<!DOCTYPE html><html><head><meta charset="utf-8"><style>body{font-family:"IPAGothic"}</style></head><body>
<h1>履歴書</h1>
<p>氏名 山田 太郎</p><p>電話番号 090-1234-5678</p><p>メール taro.yamada@example.jp</p><p>住所 東京都千代田区丸の内1-2-3</p>
<table border="1"><tr><th>年</th><th>月</th><th>学歴・職歴</th></tr>
<tr><td>2010</td><td>4</td><td>東京大学 入学</td></tr><tr><td>2014</td><td>3</td><td>東京大学 卒業</td></tr>%s</table>
<p style="page-break-before:always">二ページ目 職務経歴 株式会社サンプル 営業部</p>
<p style="page-break-before:always">三ページ目 緊急連絡先 山田 花子 03-9876-5432</p>
</body></html>`

// libreOffice converts files (name → content) in a temporary directory and
// returns the bytes of the file written for the first, or skips the test
// when LibreOffice is not installed.
func libreOffice(t testing.TB, to string, files ...[2]string) []byte {
	t.Helper()
	lo, err := exec.LookPath("libreoffice")
	if err != nil {
		if lo, err = exec.LookPath("soffice"); err != nil {
			t.Skip("libreoffice not on PATH: install it (apt-get install libreoffice-writer fonts-ipafont-gothic) to run this test")
		}
	}
	dir := t.TempDir()
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(dir, f[0]), []byte(f[1]), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	src := files[0][0]
	cmd := exec.CommandContext(ctx, lo, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--headless", "--convert-to", to, "--outdir", dir, filepath.Join(dir, src))
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("libreoffice --convert-to %s %s: %v\n%s", to, src, err, out)
	}
	ext := strings.SplitN(to, ":", 2)[0]
	data, err := os.ReadFile(filepath.Join(dir, strings.TrimSuffix(src, filepath.Ext(src))+"."+ext))
	if err != nil {
		t.Skipf("libreoffice wrote no %s (is Writer installed?): %v\n%s", ext, err, out)
	}
	return data
}

// TestPDFLibreOffice reads PDFs that LibreOffice writes now: a 履歴書 of
// three pages with a table, vertical text, a page that is only a picture
// of text (rendered by LibreOffice itself) and a password-protected PDF.
func TestPDFLibreOffice(t *testing.T) {
	resume := libreOffice(t, "pdf", [2]string{"rirekisho.html", fmt.Sprintf(pdfResumeHTML, "")})
	got, err := runPDF(t, resume, DefaultMaxRecordBytes)
	if err != nil {
		t.Fatal(err)
	}
	all := strings.Join(got, "\n")
	for _, w := range []string{"page 1: 履歴書\n氏名 山田 太郎\n電話番号 \n090-1234-5678\nメール \ntaro.yamada@example.jp\n住所 東京都千代田区丸の内\n1-2-3\n年\n月\n学歴・職歴\n2010\n4\n東京大学 入学", "page 2: 二ページ目 職務経歴 株式会社サンプル 営業部", "page 3: 三ページ目 緊急連絡先 山田 花子 \n03-9876-5432"} {
		if !strings.Contains(all, w) {
			t.Errorf("missing %q in\n%s", w, all)
		}
	}
	if len(got) != 3 {
		t.Errorf("%d records, want 3 pages", len(got))
	}

	got, err = runPDF(t, libreOffice(t, "pdf", [2]string{"vertical.fodt", pdfVerticalFODT}), DefaultMaxRecordBytes)
	if err != nil || len(got) != 1 || got[0] != "page 1: 氏名 山田 太郎\n住所 東京都千代田区丸の内\n1-2-3" {
		t.Errorf("vertical: %q, %v", got, err)
	}

	png := libreOffice(t, "png:writer_png_Export", [2]string{"picture.html", `<html><head><meta charset="utf-8"></head><body><p>氏名 山田 太郎 090-1234-5678</p></body></html>`})
	got, err = runPDF(t, libreOffice(t, "pdf", [2]string{"mixed.fodt", fmt.Sprintf(pdfMixedFODT, base64.StdEncoding.EncodeToString(png))}), DefaultMaxRecordBytes)
	if err != nil || len(got) != 3 || got[1] != "page 2! pdf: page 2 has no extractable text (scanned image?)" {
		t.Errorf("mixed: %q, %v", got, err)
	}

	enc := libreOffice(t, `pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"secret"}}`,
		[2]string{"secret.html", fmt.Sprintf(pdfResumeHTML, "")})
	if _, err := runPDF(t, enc, DefaultMaxRecordBytes); !connectors.IsSkip(err) || !strings.Contains(err.Error(), "encrypted PDF") {
		t.Errorf("encrypted: err = %v, want a skip", err)
	}
}

// BenchmarkPDF reads a 履歴書 whose table has 3,000 rows, written by
// LibreOffice, or testdata/pdf/mixed.pdf without LibreOffice. MB/s are of
// the file as stored.
func BenchmarkPDF(b *testing.B) {
	var rows strings.Builder
	for i := range 3000 {
		fmt.Fprintf(&rows, "<tr><td>%d</td><td>%d</td><td>顧客 山田太郎様 電話 090-1234-%04d 東京都千代田区丸の内1-%d</td></tr>", 2000+i%25, 1+i%12, i, i%100)
	}
	var data []byte
	if _, err := exec.LookPath("libreoffice"); err == nil {
		data = libreOffice(b, "pdf", [2]string{"big.html", fmt.Sprintf(pdfResumeHTML, rows.String())})
	} else {
		data = readPDF(b, "mixed.pdf")
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	pages := 0
	em := &emitter{ctx: context.Background(), fn: func(r connectors.Record, err error) error {
		if err != nil {
			return err
		}
		pages++
		return nil
	}}
	for b.Loop() {
		pages = 0
		if err := parsePDF(context.Background(), bytes.NewReader(data), connectors.NewFile("x.pdf"), DefaultMaxRecordBytes, em); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(pages), "records")
}
