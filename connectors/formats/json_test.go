package formats

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/pmscan/pmscan/connectors"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"
)

func TestJSON(t *testing.T) {
	tests := []struct {
		name string
		in   string
		max  int
		want []string
	}{
		{"key paths", `{"customers": [
  {"name": "山田太郎", "contact": {"電話番号": "090-1234-5678", "tags": ["a", ["b"]]}},
  {"name": "鈴木花子", "age": 42, "ok": true, "x": null, "f": false}
]}`, 0, []string{
			"1::customers",
			"2:customers[]:name", "2:customers[].name:山田太郎", "2:customers[]:contact",
			"2:customers[].contact:電話番号", "2:customers[].contact.電話番号:090-1234-5678",
			"2:customers[].contact:tags", "2:customers[].contact.tags[]:a", "2:customers[].contact.tags[][]:b",
			"3:customers[]:name", "3:customers[].name:鈴木花子", "3:customers[]:age", "3:customers[].age:42",
			"3:customers[]:ok", "3:customers[]:x", "3:customers[]:f"}},
		{"top-level array", `["a", {"k": "v"}, [1]]`, 0, []string{"1:[]:a", "1:[]:k", "1:[].k:v", "1:[][]:1"}},
		{"top-level scalars stream", "\"s\" 12\n-0.5e+3 {\"a\":1}\n[]", 0, []string{"1::s", "1::12", "2::-0.5e+3", "2::a", "2:a:1"}},
		{"numbers", `[0, -1, 1.5, 1e9, 2E-3, 123456789012]`, 0, []string{
			"1:[]:0", "1:[]:-1", "1:[]:1.5", "1:[]:1e9", "1:[]:2E-3", "1:[]:123456789012"}},
		{"escapes", `{"s": "a\nb\t\"q\" \\ \/ \b\f\r \u3042\u00e9 \ud83d\ude00 \ud83d x \ude00 \q \uZZ"}`, 0, []string{
			"1::s", "1:s:a\nb\t\"q\" \\ / \b\f\r あé 😀 \ufffd x \ufffd \ufffd \ufffdZZ"}},
		{"escaped key", `{"a\u002eb": {"c": 1}}`, 0, []string{"1::a.b", "1:a.b:c", "1:a.b.c:1"}},
		{"empty key and strings", `{"": "", "e": {}}`, 0, []string{"1::e"}},
		{"line of each value", "{\n\"a\":\n\n\"x\",\r\n\"b\": [\n1,\n2]}", 0, []string{
			"2::a", "4:a:x", "5::b", "6:b[]:1", "7:b[]:2"}},
		{"long string chunked", `{"k": "あいうえおかきくけこさしすせそ"}`, 16, []string{
			"1::k", "1:k:あいうえお", "1:k:かきくけこ", "1:k:さしすせそ"}},
		{"long key truncated in path", `{"` + strings.Repeat("鍵", 50) + `": 1}`, 0, []string{
			"1::" + strings.Repeat("鍵", 50), "1:" + strings.Repeat("鍵", 42) + ":1"}},
		{"empty", "", 0, nil},
		{"white space only", " \n\t\r\n", 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := run(t, "a.json", []byte(tt.in), Options{MaxRecordBytes: tt.max})
			if res.err != nil {
				t.Fatal(res.err)
			}
			eq(t, res.recs, tt.want)
		})
	}
}

func TestJSONErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		err  string
		recs int // records emitted before the error
	}{
		{"bad value", "{\"a\": \"x\",\n\"b\": 12,\n  \"c\": tru}", "json: line 3 column 11: invalid character '}' in literal true", 5},
		{"trailing comma", "[1,2,]", "json: line 1 column 6: invalid character ']' looking for beginning of value", 2},
		{"missing colon", `{"a" 1}`, "json: line 1 column 6: invalid character '1' after object key", 1},
		{"unclosed", "{\"a\": [1,\n", "json: line 2 column 1: unexpected end of input", 2},
		{"unterminated string", `["abc`, "json: line 1 column 6: unexpected end of input in string", 0},
		{"newline in string", "[\"ab\ncd\"]", "json: line 1 column 5: invalid character newline in string literal", 0},
		{"bad number", `[1.x]`, "json: line 1 column 4: invalid character 'x' in numeric literal", 0},
		{"leading zero", `[01]`, "json: line 1 column 3: invalid character '1' after array element", 1},
		{"garbage after value", `{} x`, "json: line 1 column 4: invalid character 'x' looking for beginning of value", 0},
		{"mismatched close", `[1}`, "json: line 1 column 3: invalid character '}' after array element", 1},
		{"bad key", `{1: 2}`, "json: line 1 column 2: invalid character '1' looking for beginning of object key string", 0},
		{"too deep", strings.Repeat("[", maxDepth+1), "json: line 1 column 513: nesting deeper than 512", 0},
		{"non-ascii column is in bytes", `["あ" x]`, "json: line 1 column 8: invalid character 'x' after array element", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := run(t, "a.json", []byte(tt.in), Options{})
			var se *SyntaxError
			if !errors.As(res.err, &se) || res.err.Error() != tt.err {
				t.Fatalf("err = %v, want %s", res.err, tt.err)
			}
			if len(res.recs) != tt.recs {
				t.Errorf("%d records before the error, want %d: %q", len(res.recs), tt.recs, res.recs)
			}
		})
	}
}

func TestJSONDepthLimitOK(t *testing.T) {
	in := strings.Repeat("[", maxDepth) + `"deep"` + strings.Repeat("]", maxDepth)
	res := run(t, "a.json", []byte(in), Options{})
	if res.err != nil {
		t.Fatal(res.err)
	}
	eq(t, res.recs, []string{"1:" + strings.Repeat("[]", maxDepth) + ":deep"})
}

func TestJSONL(t *testing.T) {
	in := `{"name": "山田太郎", "tel": "090-1234-5678"}
{"name": "鈴木花子", "tel": }

{"name": "佐藤", "tags": ["x"]}  ` + "\r" + `
{"a": 1} {"b": 2}
{"a": "unterminated
{"a":
 1}
"top"
`
	res := run(t, "a.jsonl", []byte(in), Options{})
	if res.err != nil {
		t.Fatal(res.err)
	}
	eq(t, res.recs, []string{
		"1::name", "1:name:山田太郎", "1::tel", "1:tel:090-1234-5678",
		"2::name", "2:name:鈴木花子", "2::tel",
		"2:!jsonl: line 2 column 33: invalid character '}' looking for beginning of value",
		"4::name", "4:name:佐藤", "4::tags", "4:tags[]:x",
		"5::a", "5:a:1",
		"5:!jsonl: line 5 column 10: invalid character '{' after top-level value",
		"6::a",
		"6:!jsonl: line 6 column 20: invalid character newline in string literal",
		"7::a",
		"7:!jsonl: line 7 column 6: invalid character newline looking for beginning of value",
		"8::1",
		"8:!jsonl: line 8 column 3: invalid character '}' after top-level value",
		"9::top",
	})
}

func TestJSONLUnterminatedAtEOF(t *testing.T) {
	res := run(t, "a.ndjson", []byte("{\"a\": 1}\n{\"b\": [2,"), Options{})
	if res.err != nil {
		t.Fatal(res.err)
	}
	eq(t, res.recs, []string{"1::a", "1:a:1", "2::b", "2:b[]:2", "2:!jsonl: line 2 column 10: unexpected end of input"})
}

func TestJSONEncodings(t *testing.T) {
	in := `{"氏名": "山田\t太郎", "電話": ["090-1234-5678"]}` + "\n"
	want := []string{"1::氏名", "1:氏名:山田\t太郎", "1::電話", "1:電話[]:090-1234-5678"}
	for _, tt := range []struct {
		data []byte
		enc  string
	}{
		{[]byte(in), "utf-8"},
		{append([]byte{0xef, 0xbb, 0xbf}, in...), "utf-8"},
		{append([]byte{0xff, 0xfe}, encode(t, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), in)...), "utf-16le"},
		{append([]byte{0xfe, 0xff}, encode(t, unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), in)...), "utf-16be"},
		{encode(t, japanese.ShiftJIS, in), "cp932"},
		{encode(t, japanese.EUCJP, in), "euc-jp"},
	} {
		for _, name := range []string{"a.json", "a.jsonl"} {
			res := run(t, name, tt.data, Options{})
			if res.err != nil {
				t.Fatal(res.err)
			}
			if res.info.Encoding != tt.enc {
				t.Errorf("%s: encoding %q, want %q", name, res.info.Encoding, tt.enc)
			}
			eq(t, res.recs, want)
		}
	}
}

// TestJSONBoundaries parses one document with every read size, so that
// each token, escape and surrogate pair falls on a buffer boundary.
func TestJSONBoundaries(t *testing.T) {
	in := `{"k\u00e9y": ["\ud83d\ude00 abc\"def", -12.5e+10, true, null, false, {"a": "` + strings.Repeat("あ", 20) + `"}]}` + "\n"
	want := run(t, "a.json", []byte(in), Options{MaxRecordBytes: 32}).recs
	for n := 1; n < 16; n++ {
		var got []string
		_, err := parseNamed(context.Background(), &oneByteReader{data: []byte(in), n: n}, "a.json", Options{MaxRecordBytes: 32}, func(r connectors.Record, err error) error {
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

// TestJSONRecords: the values of one element of a document's outermost
// array share a record number, wherever the array is and however many
// lines the element spans; JSON Lines and values outside the array have
// none (their line tells the record).
func TestJSONRecords(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     []string // column=record of each key (labelled with its object's path) and value
	}{
		{"pretty array", "[\n {\n  \"name\": \"a\",\n  \"tel\": \"1\",\n  \"tags\": [\"x\", \"y\"]\n },\n {\"name\": \"b\"}\n]\n",
			[]string{"[]=1", "[].name=1", "[]=1", "[].tel=1", "[]=1", "[].tags[]=1", "[].tags[]=1", "[]=2", "[].name=2"}},
		{"array inside an object", `{"company": "c", "customers": [{"name": "a"}, {"name": "b"}], "after": "z"}`,
			[]string{"=0", "company=0", "=0", "customers[]=1", "customers[].name=1", "customers[]=2", "customers[].name=2", "=0", "after=0"}},
	} {
		var got []string
		_, err := parseNamed(context.Background(), strings.NewReader(tc.in), "a.json", Options{}, func(r connectors.Record, err error) error {
			got = append(got, r.Loc.Column+"="+itoa(int(r.Loc.Record)))
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s:\n got  %v\n want %v", tc.name, got, tc.want)
		}
	}
	var got []int64
	_, err := parseNamed(context.Background(), strings.NewReader("{\"a\": [1, 2]}\n{\"a\": [3]}\n"), "a.jsonl", Options{}, func(r connectors.Record, err error) error {
		got = append(got, r.Loc.Record)
		return err
	})
	if err != nil || slices.ContainsFunc(got, func(n int64) bool { return n != 0 }) {
		t.Errorf("JSON Lines records %v, %v: want none", got, err)
	}
}
