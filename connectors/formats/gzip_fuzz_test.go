package formats

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"strings"
	"testing"
)

// gzipBytes compresses data, fast: the fuzzer calls it on every input.
// Writing to memory cannot fail.
func gzipBytes(data []byte) []byte {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
	w.Write(data)
	w.Close()
	return buf.Bytes()
}

// FuzzGzip reads gzip streams that are not archives (a .csv.gz, a .txt.gz).
// Input that starts with the gzip signature is read as it is, however
// broken: no panic, hang or runaway allocation, and only gzip's failures,
// a limit's, or the inner format's. Any other input is compressed first
// and must read exactly as the same bytes uncompressed: the same records
// at the same places, the same failures, the format with "+gzip".
func FuzzGzip(f *testing.F) {
	csvText := []byte("氏名,電話番号\n山田太郎,090-1234-5678\n\"a\nb\",x@example.jp\n")
	for _, s := range []string{"", "a\nb\r\n", "山田太郎 090-1234-5678\n", "\xff\xfe\x41\x00\n\x00", "\x82\xa0\x82\xa2\n\x93\x8c\x8b\x9e", "\"unterminated\n"} {
		f.Add([]byte(s), ".txt")
	}
	f.Add(csvText, ".csv")
	f.Add([]byte(`{"a":["b",1]}`+"\n["), ".jsonl")
	two := append(gzipBytes(csvText[:20]), gzipBytes(csvText[20:])...)
	f.Add(two, ".csv") // two gzip members, one stream
	whole := gzipBytes(csvText)
	f.Add(whole, ".csv")
	f.Add(whole[:len(whole)/2], ".csv") // truncated
	bad := bytes.Clone(whole)
	bad[len(bad)-6] ^= 0xff // checksum
	f.Add(bad, ".csv")
	var named bytes.Buffer
	w := gzip.NewWriter(&named)
	w.Name, w.Comment, w.Extra = "namé.csv", "comment", []byte("ex\x00tra")
	w.Write(csvText)
	w.Close()
	f.Add(named.Bytes(), ".txt")
	f.Add(gzipBytes(gzipBytes(csvText)), ".csv") // nested gzip: binary inside
	f.Fuzz(func(t *testing.T, data []byte, ext string) {
		switch ext {
		case ".txt", ".csv", ".tsv", ".json", ".jsonl":
		default:
			return
		}
		const limit = 32
		if bytes.HasPrefix(data, []byte{0x1f, 0x8b}) {
			res := fuzzRead(t, "f"+ext+".gz", data, limit)
			if res.info.Format == FormatZip || res.info.Format == FormatTar {
				return // a tar.gz by content: FuzzTar's
			}
			// A broken gzip header fails the object before its format is known.
			if !strings.HasSuffix(res.info.Format, "+gzip") && (res.err == nil || !strings.HasPrefix(res.err.Error(), "gzip: ")) {
				t.Fatalf("format %q, error %v", res.info.Format, res.err)
			}
			gzipFailure(t, res.err)
			for _, rec := range res.recs {
				gzipFailure(t, rec.err)
			}
			return
		}
		packed := gzipBytes(data)
		got := fuzzRead(t, "f"+ext+".gz", packed, limit)
		want := fuzzRead(t, "f"+ext, data, limit)
		// Bytes: a parser that stops early (binary content, a bad JSON
		// document) leaves the rest of the stream unread.
		if got.info.Format != want.info.Format+"+gzip" || got.err == nil && got.info.Bytes != int64(len(packed)) || got.encoding != want.encoding {
			t.Fatalf("gzipped: %+v %q, plain: %+v %q (%d bytes packed)", got.info, got.encoding, want.info, want.encoding, len(packed))
		}
		if g, w := recordList(got), recordList(want); g != w {
			t.Fatalf("gzipped, the records differ:\n got %s\nwant %s", g, w)
		}
		if fmt.Sprint(got.err) != fmt.Sprint(want.err) {
			t.Fatalf("gzipped: error %v, plain: %v", got.err, want.err)
		}
	})
}

// gzipFailure fails t unless err is nil, a skip, or a failure of the gzip
// stream, of a limit, or of the format inside.
func gzipFailure(t *testing.T, err error) {
	t.Helper()
	var se *SyntaxError
	if errors.As(err, &se) {
		return
	}
	wantErr(t, "gzip", err, "gzip: ", "archive unpacks to more than", "gzip unpacks to more than", "compression ratio over", "json: ", "jsonl: ", "csv: ", "tsv: ")
}

// recordList lists the records, failures included, with their locations.
func recordList(r fuzzResult) string {
	var b strings.Builder
	for _, rec := range r.recs {
		fmt.Fprintf(&b, "\n%d|%q|%v|%v|%q|%v", rec.loc.Line, rec.loc.Column, rec.label, rec.lines, rec.data, rec.err)
	}
	return b.String()
}
