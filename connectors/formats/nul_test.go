package formats

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"golang.org/x/text/encoding/unicode"

	"github.com/pmscan/pmscan/connectors"
)

// TestNULs: NUL bytes are judged by their pattern, not their presence. Text
// with stray NULs or NUL padding is read, each NUL separating what is on
// either side of it (never glued into one value); UTF-16 without a byte
// order mark is decoded as such; binary data stays skipped.
func TestNULs(t *testing.T) {
	utf16 := func(order unicode.Endianness, s string) []byte {
		return encode(t, unicode.UTF16(order, unicode.IgnoreBOM), s)
	}
	log := "2026-01-05 受付 山田 090-1111-2222\n2026-01-05 折返 佐藤 080-3333-4444\n"
	rng := rand.New(rand.NewPCG(1, 2))
	random := make([]byte, 16<<10)
	for i := range random {
		random[i] = byte(rng.Uint32())
	}
	int16s := make([]byte, 8<<10)
	for i := 0; i < len(int16s); i += 2 {
		binary.LittleEndian.PutUint16(int16s[i:], uint16((i/2+5)%256))
	}
	sqlite := append([]byte("SQLite format 3\x00\x10\x00\x01\x01\x00\x40\x20\x20"), make([]byte, 4000)...)
	var scattered strings.Builder
	for scattered.Len() < 8<<10 {
		scattered.WriteString("customer 090-1234-5678 \x00") // a NUL every 24 bytes, all at odd offsets: 4%
	}
	tests := []struct {
		name string
		file string
		data []byte
		enc  string   // the encoding read; "" for a skip
		recs []string // records read; for a skip, the reason
	}{
		{"one NUL in a CSV cell", "a.csv", []byte("氏名,電話\n山田,090-1234\x005678\n佐藤,03-1234-5678\n"), "utf-8",
			[]string{"1::氏名", "1::電話", "2:氏名:山田", "2:電話:090-1234", "2:電話:5678", "3:氏名:佐藤", "3:電話:03-1234-5678"}},
		{"a log with NUL padding at its end, as a crash leaves it", "app.log", append([]byte(log), make([]byte, 4096)...), "utf-8",
			[]string{"1::" + log}},
		{"padding longer than the sniff sample", "app.log", append([]byte(log), make([]byte, 100<<10)...), "utf-8",
			[]string{"1::" + log}},
		{"a hole of NULs mid-log, the lines after it where they are", "app.log", []byte("a 090-1111-2222\n" + strings.Repeat("\x00", 64) + "b\nc 090-3333-4444\n"), "utf-8",
			[]string{"1::a 090-1111-2222\n", "2::b\nc 090-3333-4444\n"}},
		{"NUL padding between JSON Lines", "a.jsonl", []byte("{\"tel\": \"090-1111-2222\"}\n\x00\x00\x00{\"tel\": \"080-3333-4444\"}\n" + strings.Repeat("\x00", 200)), "utf-8",
			[]string{"1::tel", "1:tel:090-1111-2222", "2::tel", "2:tel:080-3333-4444"}},
		{"a NUL left as the first byte by a crashed editor", "app.log", []byte("\x00a 090-1111-2222\nb 090-3333-4444\n"), "utf-8",
			[]string{"1::a 090-1111-2222\nb 090-3333-4444\n"}},
		{"UTF-16LE without a byte order mark", "a.csv", utf16(unicode.LittleEndian, "氏名,電話\r\n山田,090-1234-5678\r\n"), "utf-16le",
			[]string{"1::氏名", "1::電話", "2:氏名:山田", "2:電話:090-1234-5678"}},
		{"UTF-16BE without a byte order mark", "a.txt", utf16(unicode.BigEndian, "山田太郎 090-1234-5678\n佐藤花子 03-1234-5678\n"), "utf-16be",
			[]string{"1::山田太郎 090-1234-5678\n佐藤花子 03-1234-5678\n"}},

		// Hard negatives: binary stays binary.
		{"PNG", "a.txt", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"), "", []string{"png image"}},
		{"ELF", "a.log", append([]byte("\x7fELF\x02\x01\x01\x00"), make([]byte, 100)...), "", []string{"elf executable"}},
		{"sqlite", "a.db", sqlite, "", []string{"sqlite database"}},
		{"a zip-based format", "a.jar", []byte("PK\x03\x04\x14\x00\x08\x00\x08\x00"), "", []string{"zip archive (jar)"}},
		{"random bytes (compressed data without a signature)", "a.dat", random, "", []string{"NUL bytes"}},
		{"NULs at the start (a disk image)", "a.img", append(make([]byte, 4096), log...), "", []string{"NUL bytes"}},
		{"NUL padding at the start", "a.log", append(make([]byte, nulPadding), log...), "", []string{"NUL bytes"}},
		{"NULs scattered every few bytes", "a.txt", []byte(scattered.String()), "", []string{"NUL bytes"}},
		{"an array of 16-bit numbers (NULs every other byte, not text)", "a.bin", int16s, "", []string{"NUL bytes"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := run(t, tt.file, tt.data, Options{})
			if tt.enc == "" {
				want := "binary content (" + tt.recs[0] + ")"
				if !connectors.IsSkip(res.err) || res.err.Error() != want || len(res.recs) != 0 {
					t.Fatalf("err = %v, records %q; want the skip %q", res.err, res.recs, want)
				}
				return
			}
			if res.err != nil || res.info.Encoding != tt.enc {
				t.Fatalf("err = %v, encoding %q; want it read as %s", res.err, res.info.Encoding, tt.enc)
			}
			eq(t, res.recs, tt.recs)
			for _, r := range res.recs {
				if strings.IndexByte(r, 0) >= 0 {
					t.Errorf("a NUL passed on in %q", r)
				}
			}
		})
	}
}

// TestNULSeparatesLongText: in a text cut into records of many lines, a
// NUL splits its record, and the piece after it is at the NUL's line.
func TestNULSeparatesLongText(t *testing.T) {
	var b bytes.Buffer
	var want []string // the records that start after a NUL
	line := 0
	for i := 1; i <= 5000; i++ {
		b.WriteString("line of text 090-1234-5678\n")
		line++
		if i%1000 == 0 {
			b.WriteString("tail\x00head\n")
			line++
			want = append(want, fmt.Sprintf("%d::head\n", line))
		}
	}
	res := run(t, "big.log", b.Bytes(), Options{})
	if res.err != nil {
		t.Fatal(res.err)
	}
	var got []string
	for _, r := range res.recs {
		if strings.Contains(r, "tailhead") || strings.IndexByte(r, 0) >= 0 {
			t.Fatalf("a NUL glued or passed on: %q", r[:min(len(r), 80)])
		}
		if _, rest, _ := strings.Cut(r, "::"); strings.HasPrefix(rest, "head\n") {
			got = append(got, r[:strings.Index(r, "head")+5])
		}
	}
	eq(t, got, want)
}
