package formats

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"

	"github.com/pmscan/pmscan/connectors"
	"golang.org/x/text/encoding/japanese"
)

func TestCSV(t *testing.T) {
	tests := []struct {
		name string
		file string
		in   string
		max  int
		want []string
	}{
		{"header and rows", "a.csv", "氏名,電話番号\n山田太郎,090-1234-5678\n鈴木花子,03-5989-1211\n", 0, []string{
			"1::氏名", "1::電話番号", "2:氏名:山田太郎", "2:電話番号:090-1234-5678", "3:氏名:鈴木花子", "3:電話番号:03-5989-1211"}},
		{"crlf", "a.csv", "name,tel\r\nTaro,090-1234-5678\r\nHanako,\r\n", 0, []string{
			"1::name", "1::tel", "2:name:Taro", "2:tel:090-1234-5678", "3:name:Hanako"}},
		{"no final newline", "a.csv", "name,tel\nTaro,0312345678", 0, []string{
			"1::name", "1::tel", "2:name:Taro", "2:tel:0312345678"}},
		{"quoted multi-line cells", "a.csv", "name,address,note\n\"Taro\",\"東京都\n千代田区\",\"a \"\"quoted\"\" word\"\nHanako,\"x\r\ny\r\nz\",n\r\nJiro,b,c\n", 0, []string{
			"1::name", "1::address", "1::note",
			"2:name:Taro", "2:address:東京都\n千代田区", `2:note:a "quoted" word`,
			"4:name:Hanako", "4:address:x\r\ny\r\nz", "4:note:n",
			"7:name:Jiro", "7:address:b", "7:note:c"}},
		{"quoted cell ends the file", "a.csv", "a,b\n1,\"x\"", 0, []string{"1::a", "1::b", "2:a:1", "2:b:x"}},
		{"empty quoted cell", "a.csv", "a,b\n\"\",\"\"\nx,\"\"\n", 0, []string{"1::a", "1::b", "3:a:x"}},
		{"blank lines skipped", "a.csv", "\n\r\na,b\n\n1x,2y\n\r\n3x,4y\n", 0, []string{
			"3::a", "3::b", "5:a:1x", "5:b:2y", "7:a:3x", "7:b:4y"}},
		{"extra and missing cells", "a.csv", "a,b\n1x,2y,3z,4w\n5x\n", 0, []string{
			"1::a", "1::b", "2:a:1x", "2:b:2y", "2:#3:3z", "2:#4:4w", "3:a:5x"}},
		{"empty header cells", "a.csv", "id,,name\nx1,x2,x3\n", 0, []string{
			"1::id", "1::name", "2:id:x1", "2:#2:x2", "2:name:x3"}},
		{"stray quotes", "a.csv", "a,b\nsay \"hi\",x\"y\n\"q\"tail,z\n", 0, []string{
			"1::a", "1::b", `2:a:say "hi"`, `2:b:x"y`, "3:a:qtail", "3:b:z"}},
		{"quote then cr", "a.csv", "a,b\n\"x\"\ry,z\n", 0, []string{"1::a", "1::b", "2:a:x\ry", "2:b:z"}},
		{"tsv", "a.tsv", "氏名\t電話\n山田, 太郎\t\"090\"\n", 0, []string{
			"1::氏名", "1::電話", "2:氏名:山田, 太郎", "2:電話:090"}},
		{"header trimmed", "a.csv", " name ,tel\nx,y\n", 0, []string{"1:: name ", "1::tel", "2:name:x", "2:tel:y"}},
		{"long cells chunked", "a.csv", "name,note\nx,\"あいうえおかきくけこ\"\"さしすせそ\"\n", 16, []string{
			"1::name", "1::note", "2:name:x", "2:note:あいうえお", `2:note:かきくけこ"`, "2:note:さしすせそ"}},
		{"long unquoted cell chunked", "a.csv", "name,note\nx,0123456789abcdefghij\n", 16, []string{
			"1::name", "1::note", "2:name:x", "2:note:0123456789abcdef", "2:note:ghij"}},
		{"long first row is data", "a.csv", "x," + strings.Repeat("y", 1500) + "\nz\n", 1024, []string{
			"1:#1:x", "1:#2:" + strings.Repeat("y", 1024), "1:#2:" + strings.Repeat("y", 476), "2:#1:z"}},
		{"unterminated quote", "a.csv", "name,note\nx,\"abc\ndef\nghi\n", 0, []string{
			"1::name", "1::note", "2:name:x", "2:note:abc\ndef\nghi\n",
			"2:note!csv: unterminated quoted field starting at line 2"}},
		{"unterminated quote in the header", "a.csv", "\"name\nx", 0, []string{
			"1::name\nx", "1:name\nx!csv: unterminated quoted field starting at line 1"}},
		{"only delimiters", "a.csv", ",,\n,,\n", 0, nil},
		{"empty", "a.csv", "", 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := run(t, tt.file, []byte(tt.in), Options{MaxRecordBytes: tt.max})
			if res.err != nil {
				t.Fatal(res.err)
			}
			eq(t, res.recs, tt.want)
		})
	}
}

func TestCSVHeaderless(t *testing.T) {
	tests := []struct {
		first    string
		headless bool
	}{
		{"name,email,tel", false},
		{"氏名,メールアドレス,電話番号,生年月日", false},
		{"id,name,2024年度", false},
		{"電話番号1,電話番号2", false},
		{"山田太郎,taro@example.com", true},
		{"山田太郎,taro＠example.com", true},
		{"山田太郎,090-1234-5678", true},
		{"山田太郎,０９０－１２３４－５６７８", true},
		{"山田太郎,(03)5989-1211", true},
		{"1,2,name", true},
		{"1,山田,30", true},
		{"10%,¥1,000,x", true},
		{"order,1,note", false},
		{"1234567", true},
		{"123-4567,東京都", true},
		{"Ver 1.2.3,x", false},
	}
	for _, tt := range tests {
		res := run(t, "a.csv", []byte(tt.first+"\nv1,v2,v3,v4\n"), Options{})
		if res.err != nil {
			t.Fatal(res.err)
		}
		headless := strings.HasPrefix(res.recs[0], "1:#1:")
		if headless != tt.headless {
			t.Errorf("%q: headerless = %v, want %v (%q)", tt.first, headless, tt.headless, res.recs)
		}
		for _, r := range res.recs {
			if strings.HasPrefix(r, "2:") && !strings.HasPrefix(r, "2:#") && headless {
				t.Errorf("%q: data column named after a value: %q", tt.first, r)
			}
		}
	}
}

func TestCSVEncodings(t *testing.T) {
	in := "氏名,電話番号\n\"山田\n太郎\",090-1234-5678\n"
	want := []string{"1::氏名", "1::電話番号", "2:氏名:山田\n太郎", "2:電話番号:090-1234-5678"}
	for _, tt := range []struct {
		name string
		data []byte
		enc  string
	}{
		{"a.csv", []byte(in), "utf-8"},
		{"a.csv", append([]byte{0xef, 0xbb, 0xbf}, in...), "utf-8"},
		{"a.csv", encode(t, japanese.ShiftJIS, in), "cp932"},
		{"a.csv", encode(t, japanese.EUCJP, in), "euc-jp"},
		{"a.csv.gz", gz(t, encode(t, japanese.ShiftJIS, in)), "cp932"},
	} {
		res := run(t, tt.name, tt.data, Options{})
		if res.err != nil {
			t.Fatal(res.err)
		}
		if res.info.Encoding != tt.enc {
			t.Errorf("%s %s: encoding %q", tt.name, tt.enc, res.info.Encoding)
		}
		eq(t, res.recs, want)
	}
}

// TestCSVBoundaries parses the same file with every read size, so that each
// construct (quote, doubled quote, CRLF) falls on a buffer boundary.
func TestCSVBoundaries(t *testing.T) {
	in := "name,note\r\n\"a\"\"b\",\"x\r\ny\"\r\n\"q\"tail,\"\"\r\nlong,\"" + strings.Repeat("あ", 30) + "\"\n"
	want := run(t, "a.csv", []byte(in), Options{MaxRecordBytes: 32}).recs
	for n := 1; n < 20; n++ {
		var got []string
		_, err := parseNamed(context.Background(), &oneByteReader{data: []byte(in), n: n}, "a.csv", Options{MaxRecordBytes: 32}, func(r connectors.Record, err error) error {
			got = append(got, strings.Join([]string{itoa(int(r.Loc.Line)), r.Loc.Column, string(r.Data)}, ":"))
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("reads of %d bytes:\n got %q\nwant %q", n, got, want)
		}
	}
}

// oneByteReader returns at most n bytes a read.
type oneByteReader struct {
	data []byte
	n    int
}

func (o *oneByteReader) Read(p []byte) (int, error) {
	if len(o.data) == 0 {
		return 0, io.EOF
	}
	k := min(o.n, len(p), len(o.data))
	copy(p, o.data[:k])
	o.data = o.data[k:]
	return k, nil
}

func TestCSVWideRow(t *testing.T) {
	var b bytes.Buffer
	for i := range 5000 {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("v")
	}
	b.WriteString("\n")
	res := run(t, "a.csv", append([]byte("h\n"), b.Bytes()...), Options{})
	if res.err != nil {
		t.Fatal(res.err)
	}
	if len(res.recs) != 5001 || res.recs[5000] != "2:#5000:v" {
		t.Errorf("%d records, last %q", len(res.recs), res.recs[len(res.recs)-1])
	}
}

// TestLongValuesCutAtSpaces: a cell or JSON string longer than the record
// limit is cut at white space, so the values in it survive whole.
func TestLongValuesCutAtSpaces(t *testing.T) {
	long := strings.Repeat("090-1234-5678 ", 2000)
	for name, data := range map[string]string{
		"a.csv":  "tel\n\"" + long + "\"\n",
		"a.json": `{"tel":"` + long + `"}`,
	} {
		res := run(t, name, []byte(data), Options{MaxRecordBytes: 1000})
		if res.err != nil {
			t.Fatal(res.err)
		}
		pieces := 0
		for _, r := range res.recs {
			parts := strings.SplitN(r, ":", 3) // line:column:data
			if len(parts) < 3 || !strings.Contains(parts[2], "090") {
				continue
			}
			value := parts[2]
			pieces++
			for _, tok := range strings.Fields(value) {
				if tok != "090-1234-5678" {
					t.Fatalf("%s: a piece holds %q: a value was cut", name, tok)
				}
			}
		}
		if pieces < 20 {
			t.Errorf("%s: %d pieces, want the cell cut into many", name, pieces)
		}
	}
}
