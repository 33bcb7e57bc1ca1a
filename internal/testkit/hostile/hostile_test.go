package hostile

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"compress/zlib"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/adler32"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestDeflateRepeat: the concatenated stream unpacks to exactly head,
// chunk n times, tail, and its checksums are the ones the gzip, zlib and
// zip readers check; a wrong checksum is caught, so the check is real.
func TestDeflateRepeat(t *testing.T) {
	chunk := repeatLine(64 << 10)
	for _, c := range []struct {
		name       string
		head, tail []byte
		n          int
	}{
		{"chunks only", nil, nil, 3},
		{"head and tail", []byte("head line\n"), []byte("tail line\n"), 5},
		{"no chunk", []byte("only a head\n"), []byte("and a tail\n"), 0},
		{"nothing", nil, nil, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			want := append(append(bytes.Clone(c.head), bytes.Repeat(chunk, c.n)...), c.tail...)
			d, err := deflateRepeat(c.head, chunk, c.n, c.tail)
			if err != nil {
				t.Fatal(err)
			}
			if d.size != int64(len(want)) {
				t.Errorf("size %d, want %d", d.size, len(want))
			}
			zr, err := gzip.NewReader(bytes.NewReader(gzipOf(d)))
			if err != nil {
				t.Fatal(err)
			}
			if got, err := io.ReadAll(zr); err != nil || !bytes.Equal(got, want) {
				t.Errorf("gzip: %d bytes, err %v; want %d bytes", len(got), err, len(want))
			}
			lr, err := zlib.NewReader(bytes.NewReader(zlibOf(d)))
			if err != nil {
				t.Fatal(err)
			}
			if got, err := io.ReadAll(lr); err != nil || !bytes.Equal(got, want) {
				t.Errorf("zlib: %d bytes, err %v; want %d bytes", len(got), err, len(want))
			}
			var b bytes.Buffer
			zw := zip.NewWriter(&b)
			if err := zipRaw(zw, "m.txt", d); err != nil {
				t.Fatal(err)
			}
			zw.Close()
			if got := readZipMember(t, b.Bytes(), "m.txt"); !bytes.Equal(got, want) {
				t.Errorf("zip: %d bytes, want %d", len(got), len(want))
			}

			bad := gzipOf(d)
			binary.LittleEndian.PutUint32(bad[len(bad)-8:], d.crc^1)
			zr, _ = gzip.NewReader(bytes.NewReader(bad))
			if _, err := io.ReadAll(zr); !errors.Is(err, gzip.ErrChecksum) {
				t.Errorf("a wrong CRC: err %v, want %v", err, gzip.ErrChecksum)
			}
		})
	}
}

func readZipMember(t *testing.T, data []byte, name string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	rc, err := zr.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	got, err := io.ReadAll(rc)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return got
}

func TestAdler32Combine(t *testing.T) {
	a := bytes.Repeat([]byte("abc\n"), 3)
	for _, n := range []int{0, 1, 100, 65520, 65521, 65522, 200_000} {
		b := bytes.Repeat([]byte{0xfe}, n)
		want := adler32.Checksum(append(bytes.Clone(a), b...))
		if got := adler32Combine(adler32.Checksum(a), adler32.Checksum(b), int64(n)); got != want {
			t.Errorf("len %d: %08x, want %08x", n, got, want)
		}
	}
}

// TestBombRatios: each bomb unpacks to far more than 200 times its size,
// pmscan's ratio limit, and its first megabytes unpack as text.
func TestBombRatios(t *testing.T) {
	dir := t.TempDir()
	type member struct {
		file, name string // name: the zip member, "" for the gzip stream
		size       int64  // unpacked
		text       int    // where the text starts (after tar headers)
	}
	for _, c := range []struct {
		write   Writer
		members []member
	}{
		{ZipBomb, []member{{"zip-bomb.zip", "bomb.txt", 500 * mib, 0}, {"zip-bomb.zip", "big.txt", 2 * gib, 0}}},
		{XLSXBomb, []member{{"bomb.xlsx", "xl/worksheets/sheet1.xml", officeBombSize, 0}}},
		{DOCXBomb, []member{{"bomb.docx", "word/footnotes.xml", officeBombSize, 0}}},
		{GzipBomb, []member{{"bomb.txt.gz", "", 1536 * mib, 0}}},
		{TarGzBomb, []member{{"bomb.tar.gz", "", 500 * mib, 3 * 512}}},
	} {
		if _, err := c.write(dir, 1); err != nil {
			t.Fatal(err)
		}
		for _, m := range c.members {
			data, err := os.ReadFile(filepath.Join(dir, m.file))
			if err != nil {
				t.Fatal(err)
			}
			var size, packed int64
			var r io.Reader
			if m.name == "" {
				size, packed = int64(binary.LittleEndian.Uint32(data[len(data)-4:])), int64(len(data))
				if size < m.size%(1<<32) {
					t.Errorf("%s: unpacks to %d bytes (mod 2³²), want at least %d", m.file, size, m.size)
				}
				size = m.size
				zr, err := gzip.NewReader(bytes.NewReader(data))
				if err != nil {
					t.Fatal(err)
				}
				r = zr
			} else {
				zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
				if err != nil {
					t.Fatal(err)
				}
				for _, f := range zr.File {
					if f.Name == m.name {
						size, packed = int64(f.UncompressedSize64), int64(f.CompressedSize64)
						rc, err := f.Open()
						if err != nil {
							t.Fatal(err)
						}
						defer rc.Close()
						r = rc
					}
				}
				if r == nil {
					t.Fatalf("%s: no member %s", m.file, m.name)
				}
			}
			if size < m.size || size < 200*packed {
				t.Errorf("%s %s: %d bytes from %d, want at least %d and over 200:1", m.file, m.name, size, packed, m.size)
			}
			head, err := io.ReadAll(io.LimitReader(r, 4*mib))
			if err != nil || len(head) != 4*mib || bytes.IndexByte(head[m.text:], 0) >= 0 {
				t.Errorf("%s %s: the first 4 MiB: %d bytes, err %v, or binary", m.file, m.name, len(head), err)
			}
			t.Logf("%s %s: %d MiB from %d KiB (%d:1)", m.file, m.name, size>>20, packed>>10, size/packed)
		}
	}
}

// TestArchiveShapes: the archives hold what their writers say, as Go's
// own readers see them.
func TestArchiveShapes(t *testing.T) {
	dir := t.TempDir()
	for _, w := range []Writer{ZipManyMembers, TarManyMembers, ZipNested, TarSparse, ZipTruncated} {
		if _, err := w(dir, 1); err != nil {
			t.Fatal(err)
		}
	}
	data, _ := os.ReadFile(filepath.Join(dir, "members.zip"))
	if zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data))); err != nil || len(zr.File) != ZipMembers {
		t.Errorf("members.zip: %v, want %d members", err, ZipMembers)
	}
	if n, err := tarMembers(filepath.Join(dir, "members.tar"), false); err != nil || len(n) != ZipMembers {
		t.Errorf("members.tar: %d members, %v; want %d", len(n), err, ZipMembers)
	} else if last := n[len(n)-1]; last.Name != fmt.Sprintf("m/%06d.txt", ZipMembers-1) || last.Size != 0 {
		t.Errorf("members.tar: the last member is %s, %d bytes", last.Name, last.Size)
	}
	hdrs, err := tarMembers(filepath.Join(dir, "sparse.tar"), false)
	if err != nil || len(hdrs) != 3 {
		t.Fatalf("sparse.tar: %v, %v", hdrs, err)
	}
	if h := hdrs[1]; h.Name != "huge.txt" || h.Size != 8*gib-1 || h.Typeflag != tar.TypeGNUSparse {
		t.Errorf("sparse.tar: huge.txt is %q, %d bytes, type %q; want 8 GiB, sparse", h.Name, h.Size, h.Typeflag)
	}

	data, _ = os.ReadFile(filepath.Join(dir, "nested.zip"))
	depth := 1
	for {
		inner := fmt.Sprintf("level%d.zip", depth)
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatalf("level %d: %v", depth, err)
		}
		if _, err := zr.Open(inner); err != nil {
			break
		}
		data = readZipMember(t, data, inner)
		depth++
	}
	if depth != NestedDepth {
		t.Errorf("nested.zip nests %d zips, want %d", depth, NestedDepth)
	}

	data, _ = os.ReadFile(filepath.Join(dir, "cut.zip"))
	if _, err := zip.NewReader(bytes.NewReader(data), int64(len(data))); err == nil {
		t.Error("cut.zip opens as a zip")
	}
}

func tarMembers(path string, gz bool) ([]*tar.Header, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var r io.Reader = f
	if gz {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return nil, err
		}
		r = zr
	}
	tr := tar.NewReader(r)
	var hdrs []*tar.Header
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return hdrs, nil
		}
		if err != nil {
			return hdrs, err
		}
		hdrs = append(hdrs, h)
	}
}

// TestTrees: the deep trees are as deep as said, the deeper one past
// PATH_MAX, and the long line is one line with its contacts.
func TestTrees(t *testing.T) {
	dir := t.TempDir()
	for _, w := range []Writer{DeepDirs, DeeperThanPathMax, LongLine} {
		if _, err := w(dir, 1); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "deep", strings.Repeat("d/", DeepDirLevels), "contact.txt")); err != nil {
		t.Errorf("deep: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "deeper", strings.Repeat("d/", DeeperLevels))); !errors.Is(err, syscall.ENAMETOOLONG) {
		t.Errorf("deeper's bottom: %v, want %v", err, syscall.ENAMETOOLONG)
	}
	data, err := os.ReadFile(filepath.Join(dir, "long-line.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(data, []byte("\n")); n != 1 || len(data) < LongLineSize {
		t.Errorf("long-line.txt: %d bytes, %d lines; want one line of %d", len(data), n, LongLineSize)
	}
	if n := bytes.Count(data, []byte("@example.jp")); n != LongLineSize/longLineEvery {
		t.Errorf("long-line.txt: %d contacts, want %d", n, LongLineSize/longLineEvery)
	}
}

// TestDeterministic: a writer writes the same tree for the same seed,
// and another for another seed. (LongLine and ManyFiles, large and
// simple, are left out.)
func TestDeterministic(t *testing.T) {
	for _, c := range []struct {
		name   string
		write  Writer
		seeded bool // it plants values drawn from the seed
	}{
		{"ZipBomb", ZipBomb, true}, {"ZipNested", ZipNested, true}, {"ZipTruncated", ZipTruncated, true},
		{"TarSparse", TarSparse, true}, {"TarGzBomb", TarGzBomb, true}, {"GzipBomb", GzipBomb, true},
		{"GzipTruncated", GzipTruncated, true}, {"XLSXBomb", XLSXBomb, false}, {"DOCXBomb", DOCXBomb, true},
		{"PDFSound", PDFSound, true}, {"PDFSelfReferencing", PDFSelfReferencing, true}, {"PDFTruncated", PDFTruncated, true},
		{"PDFXrefOutside", PDFXrefOutside, true}, {"PDFDeepNesting", PDFDeepNesting, true}, {"PDFPagesLoop", PDFPagesLoop, true},
		{"PDFFlateBomb", PDFFlateBomb, false}, {"DeepJSON", DeepJSON, true}, {"SymlinkLoops", SymlinkLoops, true},
		{"WritePseudoLinks", WritePseudoLinks, false}, {"RootLink", RootLink, false}, {"SpecialFiles", SpecialFiles, false},
		{"TruncatedCP932", TruncatedCP932, true}, {"LoneSurrogates", LoneSurrogates, true}, {"StrayNULs", StrayNULs, true},
		{"GrowingFile", GrowingFile, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			var sums [3]string
			for i, seed := range []uint64{7, 7, 8} {
				dir := t.TempDir()
				if _, err := c.write(dir, seed); err != nil {
					t.Fatal(err)
				}
				sums[i] = treeSum(t, dir)
			}
			if sums[0] != sums[1] {
				t.Error("seed 7 wrote two different trees")
			}
			if c.seeded && sums[0] == sums[2] {
				t.Error("seeds 7 and 8 wrote the same tree")
			}
		})
	}
}

// treeSum hashes a tree: each entry's path, type, link target and bytes.
func treeSum(t *testing.T, dir string) string {
	t.Helper()
	h := sha256.New()
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		fmt.Fprintf(h, "%s %v\n", rel, d.Type())
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			to, err := os.Readlink(path)
			if err != nil {
				return err
			}
			fmt.Fprintln(h, to)
		case d.Type().IsRegular():
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			h.Write(data)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

// TestKeepAppending: the file grows while it runs, and it stops when
// told.
func TestKeepAppending(t *testing.T) {
	dir := t.TempDir()
	if _, err := GrowingFile(dir, 1); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "growing.log")
	before, _ := os.Stat(path)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- KeepAppending(ctx, path, time.Millisecond) }()
	time.Sleep(50 * time.Millisecond)
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	after, _ := os.Stat(path)
	if after.Size() <= before.Size() {
		t.Errorf("size %d before, %d after: nothing appended", before.Size(), after.Size())
	}
	time.Sleep(20 * time.Millisecond)
	if again, _ := os.Stat(path); again.Size() != after.Size() {
		t.Errorf("still appending after it was stopped: %d, then %d", after.Size(), again.Size())
	}
}
