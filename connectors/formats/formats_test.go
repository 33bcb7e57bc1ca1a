package formats

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/pmscan/pmscan/connectors"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"
)

// result is what parse produced, records as "line:column:data" and
// per-location failures as "line:column!error".
type result struct {
	recs []string
	info testInfo
	err  error
}

// testInfo is what parse says of an object, and the encoding it set.
type testInfo struct {
	Info
	Encoding string
}

// parseNamed parses a file named name.
func parseNamed(ctx context.Context, r io.Reader, name string, opts Options, fn connectors.WalkFunc) (testInfo, error) {
	o := connectors.NewFile(name)
	info, err := parse(ctx, o, r, opts, fn)
	return testInfo{info, o.Encoding}, err
}

// sniffing is the input the format table sees for an object named name
// that starts with head.
func sniffing(head []byte, name string) *input {
	in := &input{name: name, ext: extOf(trimGz(name)), head: head}
	in.enc, in.bom = textEncoding(head)
	return in
}

func run(t testing.TB, name string, data []byte, opts Options) result {
	t.Helper()
	var res result
	res.info, res.err = parseNamed(context.Background(), bytes.NewReader(data), name, opts, func(r connectors.Record, err error) error {
		if r.Loc.Object.Store != "file" || r.Loc.Object.Path != name {
			t.Errorf("record location %+v lost the caller's fields", r.Loc)
		}
		if r.Loc.Line < 1 {
			t.Errorf("record %q at line %d", r.Data, r.Loc.Line)
		}
		if err != nil {
			res.recs = append(res.recs, fmt.Sprintf("%d:%s!%v", r.Loc.Line, r.Loc.Column, err))
			return nil
		}
		if r.Loc.Object.Encoding != res.info.Encoding && res.info.Encoding != "" {
			t.Errorf("record encoding %q", r.Loc.Object.Encoding)
		}
		res.recs = append(res.recs, fmt.Sprintf("%d:%s:%s", r.Loc.Line, r.Loc.Column, r.Data))
		return nil
	})
	if res.info.Bytes != int64(len(data)) && res.err == nil {
		t.Errorf("Info.Bytes = %d, want %d", res.info.Bytes, len(data))
	}
	return res
}

func encode(t testing.TB, e encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := e.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encode %q: %v", s, err)
	}
	return b
}

func gz(t testing.TB, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestFormatOf(t *testing.T) {
	for name, want := range map[string]string{
		"a.csv": "csv", "dir.x/A.CSV": "csv", "a.tsv": "tsv", "a.Tab": "tsv",
		"a.json": "json", "a.jsonl": "jsonl", "a.NDJSON": "jsonl", "a.csv.gz": "csv",
		"a.json.GZ": "json", "a.gz": "text", "a.txt": "text", "README": "text",
		"dir.csv/file": "text", `C:\dir.csv\file`: "text", "a.log": "text",
	} {
		if got := textFormat(extOf(trimGz(name))).name; got != want {
			t.Errorf("text format of %q = %q, want %q", name, got, want)
		}
	}
}

const sampleJP = "氏名,電話番号,住所\n山田太郎,090-1234-5678,東京都千代田区丸の内1-1\n髙橋①子,03-5989-1211,大阪府大阪市北区㈱テスト～\n"

func TestEncodings(t *testing.T) {
	asciiHead := strings.Repeat("id,comment,plain ascii padding to push the first japanese bytes far away\n", 1200) // > 64 KiB
	kanjiNames := strings.Repeat("山田太郎 鈴木花子 佐藤一郎 高橋次郎\n", 4)
	hwKana := "ﾔﾏﾀﾞ ﾀﾛｳ,ｽｽﾞｷ ﾊﾅｺ,ｻﾄｳ ｲﾁﾛｳ\nﾀﾅｶ ｼﾞﾛｳ,ﾐｽﾞﾎ ｷﾞﾝｺｳ\n"
	utf16le := append([]byte{0xff, 0xfe}, encode(t, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), sampleJP)...)
	utf16be := append([]byte{0xfe, 0xff}, encode(t, unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), sampleJP)...)
	tests := []struct {
		name string
		data []byte
		enc  string
		text string // decoded text
	}{
		{"utf-8", []byte(sampleJP), "utf-8", sampleJP},
		{"utf-8 bom", append([]byte{0xef, 0xbb, 0xbf}, sampleJP...), "utf-8", sampleJP},
		{"ascii", []byte("hello\nworld\n"), "utf-8", "hello\nworld\n"},
		{"empty", nil, "utf-8", ""},
		{"utf-8 cut rune in sample", []byte(strings.Repeat("あ", sniffBytes/3+1)), "utf-8", strings.Repeat("あ", sniffBytes/3+1)},
		{"utf-8 with a stray byte", []byte(strings.Repeat("東京都千代田区", 20) + "\xff" + "丸の内"), "utf-8", strings.Repeat("東京都千代田区", 20) + "\xff" + "丸の内"},
		{"utf-16le", utf16le, "utf-16le", sampleJP},
		{"utf-16be", utf16be, "utf-16be", sampleJP},
		{"cp932", encode(t, japanese.ShiftJIS, sampleJP), "cp932", sampleJP},
		{"cp932 half-width kana", encode(t, japanese.ShiftJIS, hwKana), "cp932", hwKana},
		{"cp932 long ascii head", encode(t, japanese.ShiftJIS, asciiHead+sampleJP), "cp932", asciiHead + sampleJP},
		{"cp932 kanji names", encode(t, japanese.ShiftJIS, kanjiNames), "cp932", kanjiNames},
		{"euc-jp", encode(t, japanese.EUCJP, strings.ReplaceAll(strings.ReplaceAll(sampleJP, "①", "1"), "㈱", "(株)")), "euc-jp",
			strings.ReplaceAll(strings.ReplaceAll(sampleJP, "①", "1"), "㈱", "(株)")},
		{"euc-jp kanji names", encode(t, japanese.EUCJP, kanjiNames), "euc-jp", kanjiNames},
		{"euc-jp short", encode(t, japanese.EUCJP, "こんにちは、世界。"), "euc-jp", "こんにちは、世界。"},
		{"euc-jp half-width kana", encode(t, japanese.EUCJP, "名前,ﾔﾏﾀﾞ ﾀﾛｳ\n"), "euc-jp", "名前,ﾔﾏﾀﾞ ﾀﾛｳ\n"},
		{"euc-jp long ascii head", encode(t, japanese.EUCJP, asciiHead+"東京都港区芝公園、電話は０３です。\n"), "euc-jp", asciiHead + "東京都港区芝公園、電話は０３です。\n"},
	}
	for _, tt := range tests {
		for _, gzipped := range []bool{false, true} {
			name, data := tt.name, tt.data
			if gzipped {
				name, data = name+" gzip", gz(t, data)
			}
			t.Run(name, func(t *testing.T) {
				res := run(t, "x.txt", data, Options{})
				if res.err != nil {
					t.Fatal(res.err)
				}
				if res.info.Encoding != tt.enc {
					t.Errorf("encoding %q, want %q", res.info.Encoding, tt.enc)
				}
				wantFormat := "text"
				if gzipped {
					wantFormat = "text+gzip"
				}
				if res.info.Format != wantFormat {
					t.Errorf("format %q, want %q", res.info.Format, wantFormat)
				}
				var got strings.Builder
				for _, r := range res.recs {
					got.WriteString(strings.SplitN(r, ":", 3)[2])
				}
				if got.String() != tt.text {
					t.Errorf("decoded text differs:\n got %.200q\nwant %.200q", got.String(), tt.text)
				}
			})
		}
	}
}

func TestLookaheadIsBounded(t *testing.T) {
	// Non-ASCII past the look-ahead: decided as UTF-8, and the CP932 tail
	// passes through as it is.
	data := append([]byte(strings.Repeat("a", maxLookahead+100)), encode(t, japanese.ShiftJIS, "山田")...)
	res := run(t, "x.txt", data, Options{})
	if res.err != nil || res.info.Encoding != "utf-8" {
		t.Fatalf("encoding %q, err %v", res.info.Encoding, res.err)
	}
}

func TestBinary(t *testing.T) {
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	tests := []struct {
		name   string
		data   []byte
		reason string // "" = text
	}{
		{"x.png", png, "png image"},
		{"x.txt", png, "png image"},
		// PDFs are read whatever their name: pdf_test.go
		{"x.odt", []byte("PK\x03\x04\x14\x00\x06\x00"), "office document (odt)"},               // xlsx, docx and pptx are read
		{"x.jar", []byte("PK\x03\x04\x14\x00\x06\x00"), "zip archive (jar)"},                   // other zips and tars are archives: archive_test.go
		{"x.zip", []byte("PK\x07\x08\x14\x00\x06\x00"), "zip archive"},                         // a spanned zip's marker
		{"x.msg", []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00"), "office document (msg)"}, // .xls/.doc/.ppt: TestLegacyOffice
		{"x.jpg", []byte("\xff\xd8\xff\xe0\x00\x10JFIF"), "jpeg image"},
		{"x.gif", []byte("GIF89a\x01\x00"), "gif image"},
		{"x", []byte("\x7fELF\x02\x01\x01"), "elf executable"},
		{"x.exe", []byte("MZ\x90\x00\x03\x00"), "windows executable"},
		{"x.txt", []byte("MZ is a text file\n"), ""},
		{"x.bin", []byte("\x00\x00\x00\x00abcdef"), "NUL bytes"},   // text never starts with NUL
		{"x.bin", []byte("ab\x00\x01\x02\x03cdefgh"), "NUL bytes"}, // NULs among other control bytes
		{"x.txt", []byte("abcdefghij\x00klmnopqrst"), ""},          // a stray NUL: TestNULs
		{"x.bin", []byte("\x01\x02\x03\x04abcdefgh"), "control characters"},
		{"x.txt", []byte("\x1b[31mred\x1b[0m\tand\fform feed\r\n"), ""},
		{"x.gz", gz(t, gz(t, []byte("hello"))), "nested gzip"},
		{"x.txt", append([]byte{0xff, 0xfe}, encode(t, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), "abc")...), ""},
		{"x.txt", encode(t, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), "abc"), "NUL bytes"}, // too short to tell UTF-16
	}
	for _, tt := range tests {
		t.Run(tt.name+" "+tt.reason, func(t *testing.T) {
			res := run(t, tt.name, tt.data, Options{})
			if tt.reason == "" {
				if res.err != nil {
					t.Fatalf("err = %v, want text", res.err)
				}
				return
			}
			if !connectors.IsSkip(res.err) {
				t.Fatalf("err = %v, want a skip", res.err)
			}
			if want := "binary content (" + tt.reason + ")"; !strings.Contains(res.err.Error(), want) {
				t.Errorf("err = %v, want %q", res.err, want)
			}
			if len(res.recs) != 0 {
				t.Errorf("records from binary content: %q", res.recs)
			}
		})
	}
}

func TestGzip(t *testing.T) {
	csv := []byte("name,tel\n山田,090-1234-5678\n")
	multi := append(gz(t, []byte("name,tel\n")), gz(t, []byte("山田,090-1234-5678\n"))...)
	want := []string{"1::name", "1::tel", "2:name:山田", "2:tel:090-1234-5678"}
	for _, tt := range []struct {
		name, file string
		data       []byte
		format     string
	}{
		{"by extension", "a.csv.gz", gz(t, csv), "csv+gzip"},
		{"by magic", "a.csv", gz(t, csv), "csv+gzip"},
		{"multistream", "a.csv.gz", multi, "csv+gzip"},
		{"gz extension, not gzipped", "a.csv.gz", csv, "csv"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res := run(t, tt.file, tt.data, Options{})
			if res.err != nil {
				t.Fatal(res.err)
			}
			if res.info.Format != tt.format {
				t.Errorf("format %q, want %q", res.info.Format, tt.format)
			}
			if res.info.Bytes != int64(len(tt.data)) {
				t.Errorf("bytes %d, want %d", res.info.Bytes, len(tt.data))
			}
			eq(t, res.recs, want)
		})
	}

	t.Run("corrupt", func(t *testing.T) {
		data := gz(t, bytes.Repeat([]byte("山田太郎,090-1234-5678\n"), 5000))
		data[len(data)/2] ^= 0xff
		data[len(data)/2+1] ^= 0xff
		res := run(t, "a.txt.gz", data, Options{})
		if res.err == nil || !strings.HasPrefix(res.err.Error(), "gzip: ") || connectors.IsSkip(res.err) {
			t.Fatalf("err = %v, want a gzip error", res.err)
		}
	})
	t.Run("truncated", func(t *testing.T) {
		data := gz(t, bytes.Repeat([]byte("山田太郎,090-1234-5678\n"), 5000))
		res := run(t, "a.txt.gz", data[:len(data)-20], Options{})
		if res.err == nil || !errors.Is(res.err, io.ErrUnexpectedEOF) {
			t.Fatalf("err = %v, want unexpected EOF", res.err)
		}
		if len(res.recs) == 0 {
			t.Errorf("no records before the corruption")
		}
	})
	t.Run("truncated ASCII", func(t *testing.T) {
		// The cut falls inside the encoding look-ahead, which reads up to
		// 4 MiB looking for a non-ASCII byte: what came before it still
		// counts (a ranged GET of an object's start ends like this).
		var plain bytes.Buffer
		for i := range 20000 {
			fmt.Fprintf(&plain, `{"id":%d,"email":"user%d@example.jp"}`+"\n", i, i)
		}
		data := gz(t, plain.Bytes())
		res := run(t, "a.jsonl.gz", data[:len(data)/2], Options{})
		if res.err == nil || !errors.Is(res.err, io.ErrUnexpectedEOF) {
			t.Fatalf("err = %v, want unexpected EOF", res.err)
		}
		if len(res.recs) < 10000 {
			t.Errorf("%d records before the cut, want the lines decompressed before it", len(res.recs))
		}
	})
	t.Run("bad header", func(t *testing.T) {
		res := run(t, "a.gz", []byte{0x1f, 0x8b, 0x01}, Options{})
		if res.err == nil || !strings.HasPrefix(res.err.Error(), "gzip: ") {
			t.Fatalf("err = %v, want a gzip error", res.err)
		}
	})
}

func eq(t testing.TB, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("records:\n got %q\nwant %q", got, want)
	}
}

func TestCancel(t *testing.T) {
	data := bytes.Repeat([]byte("山田太郎,090-1234-5678\n"), 100000)
	for _, name := range []string{"a.txt", "a.csv", "a.jsonl"} {
		t.Run(name, func(t *testing.T) {
			in := data
			if name == "a.jsonl" {
				in = bytes.Repeat([]byte(`{"name":"山田太郎","tel":"090-1234-5678"}`+"\n"), 100000)
			}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			n := 0
			_, err := parseNamed(ctx, bytes.NewReader(in), name, Options{MaxRecordBytes: 100}, func(r connectors.Record, err error) error {
				n++
				if n == 10 {
					cancel()
				}
				return err
			})
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("err = %v, want canceled", err)
			}
			if n > 10+1024 {
				t.Errorf("%d records after cancel", n-10)
			}
		})
	}
	t.Run("before", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, err := parseNamed(ctx, bytes.NewReader(data), "a.txt", Options{}, func(connectors.Record, error) error {
			t.Error("record after cancel")
			return nil
		})
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v, want canceled", err)
		}
	})
}

func TestCallbackErrorStops(t *testing.T) {
	stop := errors.New("stop")
	for _, name := range []string{"a.txt", "a.csv", "a.json", "a.jsonl"} {
		n := 0
		in := `{"a":"x","b":"y"}` + "\n" + `{"a":"x","b":"y"}`
		if name == "a.txt" {
			in = strings.Repeat("x\n", 100)
		}
		_, err := parseNamed(context.Background(), strings.NewReader(in), name, Options{MaxRecordBytes: 16}, func(connectors.Record, error) error {
			n++
			return stop
		})
		if err != stop || n != 1 {
			t.Errorf("%s: err = %v after %d calls, want stop after 1", name, err, n)
		}
	}
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

func TestReadError(t *testing.T) {
	boom := errors.New("boom")
	r := io.MultiReader(strings.NewReader("line 1\nline 2\n"), errReader{boom})
	var got []string
	_, err := parseNamed(context.Background(), r, "a.txt", Options{}, func(rec connectors.Record, err error) error {
		got = append(got, string(rec.Data))
		return err
	})
	if !errors.Is(err, boom) || !strings.Contains(err.Error(), "read: boom") {
		t.Fatalf("err = %v, want read: boom", err)
	}
}

// panicReader stands in for a parser bug: it panics in the middle of a read.
type panicReader struct{ n int }

func (r *panicReader) Read(b []byte) (int, error) {
	if r.n > 0 {
		panic("boom")
	}
	r.n++
	return copy(b, "name,tel\n山田,03-5989-1211\n"), nil
}

func TestParseTurnsAPanicIntoTheObjectsError(t *testing.T) {
	_, err := parseNamed(context.Background(), &panicReader{}, "a.csv", Options{}, func(connectors.Record, error) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "internal error while parsing: boom") {
		t.Fatalf("err = %v, want the panic as an error", err)
	}
	// The pool still works afterwards.
	res := run(t, "b.csv", []byte("name,tel\nX,03-5989-1211\n"), Options{})
	if res.err != nil || len(res.recs) != 4 {
		t.Fatalf("after a panic: %v %q", res.err, res.recs)
	}
}

// TestLegacyOffice: .xls, .doc and .ppt are reported as unreadable, by
// type, not skipped as binary: the inventory must show they were not read.
func TestLegacyOffice(t *testing.T) {
	ole := []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00")
	for name, want := range map[string]string{
		"顧客.xls": "unreadable: legacy Excel workbook (.xls)", "履歴書.DOC": "unreadable: legacy Word document (.doc)",
		"a.ppt": "unreadable: legacy PowerPoint presentation (.ppt)", "a.xls.gz": "unreadable: legacy Excel workbook (.xls)",
	} {
		data := ole
		if strings.HasSuffix(name, ".gz") {
			data = gz(t, ole)
		}
		res := run(t, name, data, Options{})
		if res.err == nil || connectors.IsSkip(res.err) || !strings.HasPrefix(res.err.Error(), want) {
			t.Errorf("%s: err = %v, want a failure %q", name, res.err, want)
		}
	}
}
