package store

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestBaselineReadsWindowsAhead: a tree of more objects than several
// windows, in directories whose walk order is not the order of their
// names ("a-b" sorts before "a/…" but is walked after it), is carried
// over whole, each object once, while windows are read ahead; and an
// archive of more members than a window is read on its own.
func TestBaselineReadsWindowsAhead(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) {
		t.Helper()
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	files := 0
	for _, d := range []string{"a", "a-b", "b"} {
		for i := range windowRows + windowRows/2 {
			write(fmt.Sprintf("%s/%04d.txt", d, i), fmt.Appendf(nil, "連絡先: user%d@example.co.jp\n", i))
			files++
		}
	}
	var archive bytes.Buffer
	zw := zip.NewWriter(&archive)
	for i := range windowRows + 10 {
		f, err := zw.Create(fmt.Sprintf("member%04d.txt", i))
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(f, "連絡先: member%d@example.co.jp\n", i)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	write("a/zz.zip", archive.Bytes())
	files++

	s := open(t, filepath.Join(t.TempDir(), "state.db"))
	start := time.Date(2026, 12, 1, 2, 0, 0, 0, time.UTC)
	first := scanTree(t, dir, start, s)
	second := scanTree(t, dir, start.Add(24*time.Hour), s)
	roots := count(t, s, `SELECT count(*) FROM scan_objects WHERE scan_id = $1 AND name = root`, first)
	if roots != int64(files) {
		t.Fatalf("the first scan ended %d objects, want %d", roots, files)
	}
	for _, q := range []string{
		`SELECT count(*) FROM scan_objects WHERE scan_id = $1`,
		`SELECT count(DISTINCT name) FROM scan_objects WHERE scan_id = $1`,
		`SELECT count(*) FROM scan_objects WHERE scan_id = $1 AND status IN ('carried', 'skipped')`,
	} {
		if got, want := count(t, s, q, second), count(t, s, `SELECT count(*) FROM scan_objects WHERE scan_id = $1`, first); got != want {
			t.Errorf("%s: %d, want %d", q, got, want)
		}
	}
}
