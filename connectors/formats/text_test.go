package formats

import (
	"bytes"
	"context"
	"io"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/pmscan/pmscan/connectors"
)

func TestText(t *testing.T) {
	tests := []struct {
		name string
		in   string
		max  int
		want []string
	}{
		{"one chunk", "a\nb\r\nc", 0, []string{"1::a\nb\r\nc"}},
		{"chunks of whole lines", "line1\nline2\nline3\nline4\n", 16, []string{"1::line1\nline2\n", "3::line3\nline4\n"}},
		{"empty lines count", "\n\n\nx\n", 16, []string{"1::\n\n\nx\n"}},
		{"long line at space", "aaaa bbbb cccc dddd eeee\nz\n", 16, []string{"1::aaaa bbbb cccc ", "1::dddd eeee\nz\n"}},
		{"long line at 。", "あいう。えおかき\nz", 16, []string{"1::あいう。", "1::えおかき\nz"}},
		{"long line at rune boundary", "あいうえおかきくけこ\n", 16, []string{"1::あいうえお", "1::かきくけこ\n"}},
		{"continuation keeps its line", "x\nあいうえおかきくけこ\ny", 16, []string{"1::x\n", "2::あいうえお", "2::かきくけこ\n", "3::y"}},
		{"no trailing newline", "abc", 0, []string{"1::abc"}},
		{"empty", "", 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := run(t, "a.txt", []byte(tt.in), Options{MaxRecordBytes: tt.max})
			if res.err != nil {
				t.Fatal(res.err)
			}
			eq(t, res.recs, tt.want)
		})
	}
}

// TestTextLineNumbers checks that each chunk starts at the line given by
// the newlines before it, and that the chunks add up to the input, whatever
// the limit.
func TestTextLineNumbers(t *testing.T) {
	var in strings.Builder
	for i := 1; i <= 2000; i++ {
		in.WriteString("line ")
		in.WriteString(strings.Repeat("あ", i%50))
		in.WriteString(" #")
		in.WriteString(itoa(i))
		in.WriteString("\r\n")
	}
	for _, max := range []int{16, 100, 4096, 0} {
		var got strings.Builder
		line := int64(1)
		_, err := parseNamed(context.Background(), strings.NewReader(in.String()), "a.txt", Options{MaxRecordBytes: max}, func(r connectors.Record, err error) error {
			if !r.Lines {
				t.Fatal("text record without Lines")
			}
			if r.Loc.Line != line {
				t.Fatalf("max %d: record %q at line %d, want %d", max, r.Data, r.Loc.Line, line)
			}
			if max > 0 && len(r.Data) > max {
				t.Fatalf("max %d: record of %d bytes", max, len(r.Data))
			}
			line += int64(bytes.Count(r.Data, nl))
			got.Write(r.Data)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if got.String() != in.String() {
			t.Errorf("max %d: records do not add up to the input", max)
		}
	}
}

func itoa(i int) string { return string(appendInt(nil, i)) }

func appendInt(b []byte, i int) []byte {
	if i >= 10 {
		b = appendInt(b, i/10)
	}
	return append(b, byte('0'+i%10))
}

// genReader streams n bytes of a repeated pattern without holding them.
type genReader struct {
	pat []byte
	n   int64
	off int
}

func (g *genReader) Read(p []byte) (int, error) {
	if g.n <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > g.n {
		p = p[:g.n]
	}
	n := 0
	for n < len(p) {
		c := copy(p[n:], g.pat[g.off:])
		n += c
		g.off = (g.off + c) % len(g.pat)
	}
	g.n -= int64(n)
	return n, nil
}

// TestHugeLine streams a 50 MB line: records stay within the limit, the
// continuation keeps line 1, and memory stays bounded.
func TestHugeLine(t *testing.T) {
	for _, tt := range []struct {
		name string
		pat  string
		size int64
	}{
		{"japanese", "山田太郎 090-1234-5678 東京都千代田区丸の内、", 50 << 20 / 60 * 60},
		{"japanese without breaks", "山田太郎東京都千代田区丸の内", 50 << 20 / 42 * 42},
		{"ascii", "0123456789abcdef", 20 << 20},
	} {
		t.Run(tt.name, func(t *testing.T) {
			const max = 64 << 10
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			var total, n int64
			peak := uint64(0)
			_, err := parseNamed(context.Background(), &genReader{pat: []byte(tt.pat), n: tt.size}, "big.txt", Options{}, func(r connectors.Record, err error) error {
				if err != nil {
					return err
				}
				if len(r.Data) > max {
					t.Fatalf("record of %d bytes", len(r.Data))
				}
				if r.Loc.Line != 1 {
					t.Fatalf("line %d", r.Loc.Line)
				}
				if !utf8.Valid(r.Data) {
					t.Fatalf("record cut inside a rune: % x", r.Data[len(r.Data)-4:])
				}
				total += int64(len(r.Data))
				if n++; n%200 == 0 {
					var m runtime.MemStats
					runtime.GC()
					runtime.ReadMemStats(&m)
					peak = max64(peak, m.HeapInuse)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			runtime.ReadMemStats(&after)
			if total != tt.size {
				t.Errorf("%d bytes emitted, want %d", total, tt.size)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 16<<20 {
				t.Errorf("allocated %d MiB while parsing", alloc>>20)
			}
			if peak > before.HeapInuse+16<<20 {
				t.Errorf("heap in use grew from %d to %d MiB", before.HeapInuse>>20, peak>>20)
			}
		})
	}
}

func max64(a, b uint64) uint64 {
	if a > b {
		return a
	}
	return b
}

func TestAllocs(t *testing.T) {
	// Allocations per Parse must not grow with the number of records.
	rows := func(n int) map[string][]byte {
		var text, csv, jsonl, json bytes.Buffer
		csv.WriteString("name,tel,mail\n")
		json.WriteString(`{"customers":[`)
		for i := range n {
			text.WriteString("山田太郎 090-1234-5678 taro@example.com\n")
			csv.WriteString("山田太郎,090-1234-5678,taro@example.com\n")
			jsonl.WriteString(`{"name":"山田太郎","tel":"090-1234-5678","n":12,"contact":{"mail":"taro@example.com"}}` + "\n")
			if i > 0 {
				json.WriteString(",")
			}
			json.WriteString(`{"name":"山田太郎","tel":"090-1234-5678","n":12,"contact":{"mail":"taro@example.com"}}`)
		}
		json.WriteString("]}")
		return map[string][]byte{"a.txt": text.Bytes(), "a.csv": csv.Bytes(), "a.jsonl": jsonl.Bytes(), "a.json": json.Bytes()}
	}
	small, large := rows(100), rows(10000)
	for _, name := range []string{"a.txt", "a.csv", "a.json", "a.jsonl"} {
		allocs := func(data []byte) float64 {
			return testing.AllocsPerRun(5, func() {
				_, err := parseNamed(context.Background(), bytes.NewReader(data), name, Options{MaxRecordBytes: 1024}, func(connectors.Record, error) error { return nil })
				if err != nil {
					t.Fatal(err)
				}
			})
		}
		a, b := allocs(small[name]), allocs(large[name])
		t.Logf("%s: %.0f allocs for 100 rows, %.0f for 10000", name, a, b)
		// One allocation per record would make 10,000. The bound leaves room
		// for the parser pool, which the race detector empties at random.
		if b > 50 {
			t.Errorf("%s: %.0f allocs for 100 rows, %.0f for 10000: allocations grow with the records", name, a, b)
		}
	}
}

// TestHugeValues streams a 20 MB unterminated quoted CSV cell and a 20 MB
// JSON string: both come out in chunks at their start line, in bounded memory.
func TestHugeValues(t *testing.T) {
	const size = 20 << 20 / 42 * 42
	pat := "山田太郎東京都千代田区丸の内"
	for _, tt := range []struct {
		name, prefix, suffix string
		col                  string
		fail                 bool
	}{
		{"a.csv", "id,note\n1,\"", "", "note", true},
		{"a.json", "{\"note\":\n\"", "\"}", "note", false},
		{"a.tsv", "id\tnote\n1\t", "\n", "note", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			var total int64
			failed := false
			r := io.MultiReader(strings.NewReader(tt.prefix), &genReader{pat: []byte(pat), n: size}, strings.NewReader(tt.suffix))
			_, err := parseNamed(context.Background(), r, tt.name, Options{MaxRecordBytes: 4096}, func(r connectors.Record, err error) error {
				if err != nil {
					failed = true
					return nil
				}
				if r.Loc.Column != tt.col {
					return nil // the header, the id, the key
				}
				if len(r.Data) > 4096 || r.Loc.Line != 2 || !utf8.Valid(r.Data) {
					t.Fatalf("record of %d bytes at line %d", len(r.Data), r.Loc.Line)
				}
				total += int64(len(r.Data))
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			runtime.ReadMemStats(&after)
			if total != size || failed != tt.fail {
				t.Errorf("%d bytes emitted, want %d; failure reported %v", total, size, failed)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 4<<20 {
				t.Errorf("allocated %d KiB while parsing", alloc>>10)
			}
		})
	}
}
