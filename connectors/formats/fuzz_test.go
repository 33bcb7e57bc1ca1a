package formats

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/pmscan/pmscan/connectors"
)

const fuzzMax = 32

// fuzzParse checks the invariants that hold for any input: no panic, every
// record within the limit and at a line >= 1, and only the errors a format
// may return.
func fuzzParse(t *testing.T, name string, data []byte, maxLines int64) {
	_, err := parseNamed(context.Background(), bytes.NewReader(data), name, Options{MaxRecordBytes: fuzzMax}, func(r connectors.Record, err error) error {
		if r.Loc.Object.Member != "" {
			// An archive member: its lines are its own, its problems and
			// its Done record are the member's, checked by archive_test.go.
			if err == nil && r.Done == nil && (len(r.Data) == 0 || len(r.Data) > fuzzMax) {
				t.Fatalf("member record of %d bytes", len(r.Data))
			}
			return nil
		}
		if r.Loc.Line < 1 || r.Loc.Line > maxLines {
			t.Fatalf("line %d (input has %d lines)", r.Loc.Line, maxLines)
		}
		if err == nil && (len(r.Data) == 0 || len(r.Data) > fuzzMax) {
			t.Fatalf("record of %d bytes", len(r.Data))
		}
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("unexpected failure %v", err)
			}
		}
		return nil
	})
	if err == nil || connectors.IsSkip(err) || strings.HasPrefix(err.Error(), "gzip: ") ||
		strings.HasPrefix(err.Error(), "zip: ") || strings.HasPrefix(err.Error(), "tar: ") {
		return
	}
	var se *SyntaxError
	if name == "f.json" && errors.As(err, &se) {
		if se.Line < 1 || se.Column < 1 {
			t.Fatalf("error position: %v", err)
		}
		return
	}
	t.Fatalf("%s: unexpected error %v", name, err)
}

// lines bounds the line numbers: decoding (UTF-16) cannot add newlines.
func lines(data []byte) int64 { return int64(bytes.Count(data, nl)) + 1 }

func FuzzText(f *testing.F) {
	for _, s := range []string{"", "a\nb\r\n", "山田太郎 090-1234-5678\n", "\xff\xfe\x41\x00\n\x00", "\x1f\x8b",
		"あいうえおかきくけこさしすせそたちつてと", "\x82\xa0\x82\xa2\n\x93\x8c\x8b\x9e", "\xa4\xa2\xa4\xa4\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParse(t, "f.txt", data, lines(data)) })
}

// FuzzZip feeds broken archives through Parse: zip and tar by content.
func FuzzZip(f *testing.F) {
	var zb bytes.Buffer
	zw := zip.NewWriter(&zb)
	w, _ := zw.Create("dir/a.csv")
	io.WriteString(w, "氏名,電話番号\n山田太郎,090-1234-5678\n")
	w, _ = zw.Create("b.txt")
	io.WriteString(w, "連絡先 taro@example.jp\n")
	zw.Close()
	f.Add(zb.Bytes())
	var tb bytes.Buffer
	tw := tar.NewWriter(&tb)
	tw.WriteHeader(&tar.Header{Name: "a.txt", Mode: 0o644, Size: 6})
	tw.Write([]byte("hello\n"))
	tw.Close()
	f.Add(tb.Bytes())
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParse(t, "f.bin", data, lines(data)) })
}

func FuzzCSV(f *testing.F) {
	for _, s := range []string{"", "a,b\n1,2\n", "a,b\r\n\"x\ny\",\"q\"\"q\"\r\n", "\"unterminated\n", "x\"y,\"a\"b\n",
		"name,tel\n山田,090-1234-5678\n", ",,,\n\n\r\n", "\"" + string(bytes.Repeat([]byte("あ"), 20)) + "\""} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzParse(t, "f.csv", data, lines(data))
		fuzzParse(t, "f.tsv", data, lines(data))
		diffCSV(t, data)
	})
}

func FuzzJSON(f *testing.F) {
	for _, s := range []string{"", `{"a":[1,{"b":"c"}]}`, `"\ud83d\ude00\u00e9\q"`, "[1,2,]", "{\"a\":\n1}\n{}",
		`{"` + string(bytes.Repeat([]byte("鍵"), 50)) + `":1}`, "-0.5e+3 true false null", "[[[[[]]]]]", "{\"a\" 1}\n\"x\"\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzParse(t, "f.json", data, lines(data))
		fuzzParse(t, "f.jsonl", data, lines(data))
		diffJSON(t, data)
	})
}

// plainUTF8 says Parse reads data as UTF-8 text as it is: without NUL
// bytes, which separate values.
func plainUTF8(data []byte) bool {
	if !utf8.Valid(data) || bytes.HasPrefix(data, []byte{0xef, 0xbb, 0xbf}) || bytes.IndexByte(data, 0) >= 0 {
		return false
	}
	head := data[:min(len(data), binarySniffBytes)]
	return binaryReason(sniffing(head, "f")) == ""
}

// diffCSV compares the cells and row lines with encoding/csv's, for input
// that encoding/csv reads strictly.
func diffCSV(t *testing.T, data []byte) {
	if !plainUTF8(data) {
		return
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	var want []string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return
		}
		line, _ := r.FieldPos(0)
		for _, f := range rec {
			if f != "" {
				want = append(want, fmt.Sprintf("%d:%q", line, f))
			}
		}
	}
	var got []string
	_, err := parseNamed(context.Background(), bytes.NewReader(data), "f.csv", Options{MaxRecordBytes: 1 << 20}, func(r connectors.Record, err error) error {
		if err != nil {
			t.Fatalf("failure %v on input encoding/csv reads", err)
		}
		// encoding/csv drops the CR of a CRLF in quoted cells.
		got = append(got, fmt.Sprintf("%d:%q", r.Loc.Line, bytes.ReplaceAll(r.Data, []byte("\r\n"), []byte("\n"))))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("cells differ from encoding/csv:\n got %v\nwant %v", got, want)
	}
}

// diffJSON compares the strings, keys and numbers with encoding/json's
// tokens, for input that encoding/json reads.
func diffJSON(t *testing.T, data []byte) {
	if !plainUTF8(data) {
		return
	}
	// Token does not check that values are complete; Decode does.
	for v := json.NewDecoder(bytes.NewReader(data)); ; {
		var m json.RawMessage
		err := v.Decode(&m)
		if err == io.EOF {
			break
		}
		if err != nil {
			return
		}
	}
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	var want []string
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return
		}
		switch v := tok.(type) {
		case string:
			// A NUL, escaped as \u0000 too, separates values.
			for _, piece := range strings.Split(v, "\x00") {
				if piece != "" {
					want = append(want, piece)
				}
			}
		case json.Number:
			want = append(want, string(v))
		}
	}
	var got []string
	_, err := parseNamed(context.Background(), bytes.NewReader(data), "f.json", Options{MaxRecordBytes: 1 << 20}, func(r connectors.Record, err error) error {
		got = append(got, string(r.Data))
		return err
	})
	if err != nil {
		t.Fatalf("error %v on input encoding/json reads", err)
	}
	if strings.Join(got, "\x00") != strings.Join(want, "\x00") {
		t.Fatalf("values differ from encoding/json:\n got %q\nwant %q", got, want)
	}
}
