package synthetic

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/encoding/japanese"
)

func TestCorpusSize(t *testing.T) {
	const sizeMB = 9
	dir := t.TempDir()
	if err := WriteCorpus(dir, sizeMB, 42); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var total, prose, csvBytes int64
	var cp932 bool
	for _, e := range entries {
		info, err := e.Info()
		if err != nil {
			t.Fatal(err)
		}
		total += info.Size()
		switch {
		case strings.HasSuffix(e.Name(), ".txt"):
			prose += info.Size()
		case strings.HasSuffix(e.Name(), ".csv"):
			csvBytes += info.Size()
			cp932 = cp932 || strings.Contains(e.Name(), "cp932")
		}
	}
	want := int64(sizeMB) << 20
	if total < want || total > want+int64(len(entries))*4096 {
		t.Errorf("corpus is %d bytes, want %d", total, want)
	}
	if prose < want/2 || csvBytes < want/2 {
		t.Errorf("prose %d bytes, CSV %d bytes: want half each", prose, csvBytes)
	}
	if !cp932 {
		t.Error("no CP932 CSV file")
	}
}

func TestCorpusContent(t *testing.T) {
	dir := t.TempDir()
	if err := WriteCorpus(dir, 4, 1); err != nil {
		t.Fatal(err)
	}
	// Each identifier sentence has one of these words; prose has none.
	idWords := []string{"連絡先は", "携帯電話", "送付先は", "個人番号", "振込先", "〒", "カード番号",
		"生年月日", "接続元", "運転免許証番号", "基礎年金番号", "法人番号"}
	withID, nonEmpty := 0, 0
	forEachLine(t, filepath.Join(dir, "prose_001.txt"), false, func(l string) {
		if l == "" {
			return
		}
		nonEmpty++
		if slices.ContainsFunc(idWords, func(w string) bool { return strings.Contains(l, w) }) {
			withID++
		}
	})
	if r := float64(withID) / float64(nonEmpty); r < 0.01 || r > 0.04 {
		t.Errorf("prose: %d of %d lines carry an identifier, want about 2%%", withID, nonEmpty)
	}
	checkRows := func(name string, cp932 bool) {
		rows, ids := 0, 0
		forEachLine(t, filepath.Join(dir, name), cp932, func(l string) {
			if rows == 0 {
				if !strings.HasPrefix(l, "顧客ID,氏名,") {
					t.Errorf("%s header %q", name, l)
				}
			} else if strings.Contains(l, "@example.") {
				ids++
			}
			rows++
		})
		if r := float64(ids) / float64(rows); r < 0.25 || r > 0.35 {
			t.Errorf("%s: %d of %d rows carry identifiers, want about 30%%", name, ids, rows)
		}
	}
	checkRows("customers_001.csv", false)
	checkRows("customers_002_cp932.csv", true)
}

func forEachLine(t *testing.T, path string, cp932 bool, fn func(string)) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if cp932 {
		if b, err = japanese.ShiftJIS.NewDecoder().Bytes(b); err != nil {
			t.Fatal(err)
		}
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		fn(sc.Text())
	}
}

func TestCorpusDeterministic(t *testing.T) {
	sum := func(seed uint64) map[string][32]byte {
		dir := t.TempDir()
		if err := WriteCorpus(dir, 2, seed); err != nil {
			t.Fatal(err)
		}
		out := map[string][32]byte{}
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			b, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			out[e.Name()] = sha256.Sum256(b)
		}
		return out
	}
	a, b, c := sum(9), sum(9), sum(10)
	if len(a) == 0 || len(a) != len(b) {
		t.Fatalf("file sets differ: %d, %d", len(a), len(b))
	}
	for k, v := range a {
		if b[k] != v {
			t.Errorf("%s differs between runs", k)
		}
		if c[k] == v {
			t.Errorf("%s is the same for seeds 9 and 10", k)
		}
	}
}

func TestFileSizes(t *testing.T) {
	for _, mb := range []int64{1, 4, 17, 25, 50, 100, 333} {
		sizes := fileSizes(New(uint64(mb)), mb*mib)
		var sum int64
		for _, s := range sizes {
			sum += s
			if mb >= 4 && (s < 4*mib || s > 16*mib) {
				t.Errorf("%d MiB: file of %d bytes", mb, s)
			}
		}
		if sum != mb*mib {
			t.Errorf("%d MiB: sizes add to %d", mb, sum)
		}
	}
}

func BenchmarkWriteCorpus(b *testing.B) {
	dir := b.TempDir()
	b.SetBytes(16 << 20)
	i := 0
	for b.Loop() {
		i++ // a fresh directory: rewriting truncated files can wait for writeback
		if err := WriteCorpus(filepath.Join(dir, strconv.Itoa(i)), 16, 1); err != nil {
			b.Fatal(err)
		}
	}
}
