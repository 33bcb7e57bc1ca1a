package hostile

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"fmt"
	"path/filepath"

	"github.com/pmscan/pmscan/internal/testkit/synthetic"
)

const (
	mib = 1 << 20
	gib = 1 << 30
)

// ZipBomb writes zip-bomb.zip: before.txt (contacts), bomb.txt (500 MiB
// of text packed about 1000:1, its header honest), big.txt (2 GiB by its
// header, past any member limit), after.txt (contacts). A scan stops each
// bomb member at a limit and reads the members after it.
func ZipBomb(dir string, seed uint64) ([]Plant, error) {
	g := synthetic.New(seed).Sub("zip-bomb")
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	if err := zipDeflated(zw, "before.txt", []byte(newContact(g).line())); err != nil {
		return nil, err
	}
	chunk := repeatLine(mib)
	bomb, err := deflateRepeat(nil, chunk, 500, nil)
	if err != nil {
		return nil, err
	}
	if err := zipRaw(zw, "bomb.txt", bomb); err != nil {
		return nil, err
	}
	big, err := deflateRepeat(nil, chunk, 2048, nil)
	if err != nil {
		return nil, err
	}
	if err := zipRaw(zw, "big.txt", big); err != nil {
		return nil, err
	}
	if err := zipDeflated(zw, "after.txt", []byte(newContact(g).line())); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	if err := writeFile(filepath.Join(dir, "zip-bomb.zip"), b.Bytes()); err != nil {
		return nil, err
	}
	return append(plants("zip-bomb.zip!/before.txt", 1), plants("zip-bomb.zip!/after.txt", 1)...), nil
}

// ZipMembers is the number of members of ZipManyMembers and
// TarManyMembers: one more than pmscan reads from one archive.
const ZipMembers = 100_001

// ZipManyMembers writes members.zip: ZipMembers empty members, the first
// of them, m/000000.txt, holding a contact. It is about 10 MB.
func ZipManyMembers(dir string, seed uint64) ([]Plant, error) {
	g := synthetic.New(seed).Sub("zip-members")
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for i := range ZipMembers {
		var data []byte
		if i == 0 {
			data = []byte(newContact(g).line())
		}
		if err := zipStored(zw, fmt.Sprintf("m/%06d.txt", i), data); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	if err := writeFile(filepath.Join(dir, "members.zip"), b.Bytes()); err != nil {
		return nil, err
	}
	return plants("members.zip!/m/000000.txt", 1), nil
}

// NestedDepth is how many zips ZipNested nests.
const NestedDepth = 8

// ZipNested writes nested.zip: NestedDepth zips each inside the one above
// (nested.zip!/level1.zip!/level2.zip!/…), each with a note.txt of
// contacts beside the next level. The notes of the first levels are
// returned as plants, up to readable levels deep: pmscan reads an archive
// nested in at most 3 others.
func ZipNested(dir string, seed uint64) ([]Plant, error) {
	const readable = 3
	g := synthetic.New(seed).Sub("zip-nested")
	notes := make([][]byte, NestedDepth)
	for i := range notes {
		notes[i] = []byte(newContact(g).line())
	}
	var inner []byte
	for level := NestedDepth - 1; level >= 0; level-- {
		var b bytes.Buffer
		zw := zip.NewWriter(&b)
		if inner != nil {
			if err := zipDeflated(zw, fmt.Sprintf("level%d.zip", level+1), inner); err != nil {
				return nil, err
			}
		}
		if err := zipDeflated(zw, "note.txt", notes[level]); err != nil {
			return nil, err
		}
		if err := zw.Close(); err != nil {
			return nil, err
		}
		inner = b.Bytes()
	}
	if err := writeFile(filepath.Join(dir, "nested.zip"), inner); err != nil {
		return nil, err
	}
	var ps []Plant
	path := "nested.zip"
	for level := range readable {
		ps = append(ps, plants(path+"!/note.txt", 1)...)
		path += fmt.Sprintf("!/level%d.zip", level+1)
	}
	return ps, nil
}

// ZipTruncated writes cut.zip: a sound zip of contacts cut before its
// central directory, so that no reader can list it.
func ZipTruncated(dir string, seed uint64) ([]Plant, error) {
	g := synthetic.New(seed).Sub("zip-cut")
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for i := range 3 {
		if err := zipDeflated(zw, fmt.Sprintf("c%d.txt", i), []byte(newContact(g).line())); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	data := b.Bytes()
	dirAt := bytes.LastIndex(data, []byte("PK\x01\x02")) // the last central directory entry
	return nil, writeFile(filepath.Join(dir, "cut.zip"), data[:dirAt+20])
}

// TarSparse writes sparse.tar: before.txt (contacts), huge.txt, a GNU
// sparse member of 8 GiB by its header and no data, and after.txt
// (contacts).
func TarSparse(dir string, seed uint64) ([]Plant, error) {
	g := synthetic.New(seed).Sub("tar-sparse")
	var b bytes.Buffer
	tw := tar.NewWriter(&b)
	add := func(name string, data []byte) error {
		if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(data)), ModTime: modified, Format: tar.FormatGNU}); err != nil {
			return err
		}
		_, err := tw.Write(data)
		return err
	}
	if err := add("before.txt", []byte(newContact(g).line())); err != nil {
		return nil, err
	}
	if err := tw.Flush(); err != nil {
		return nil, err
	}
	b.Write(gnuSparseHeader("huge.txt", 8*gib-1))
	if err := add("after.txt", []byte(newContact(g).line())); err != nil {
		return nil, err
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	if err := writeFile(filepath.Join(dir, "sparse.tar"), b.Bytes()); err != nil {
		return nil, err
	}
	return append(plants("sparse.tar!/before.txt", 1), plants("sparse.tar!/after.txt", 1)...), nil
}

// gnuSparseHeader is the 512-byte header of an old-GNU sparse member
// (type 'S') of realSize bytes, all of them a hole: no data block follows.
// Go's archive/tar reads such members but does not write them.
func gnuSparseHeader(name string, realSize int64) []byte {
	h := ustarHeader(name, 0) // no data stored
	h[156] = 'S'
	copy(h[257:], "ustar  \x00") // the old GNU magic and version
	// The sparse map at 386 stays empty: four zero entries, no extension.
	copy(h[483:], fmt.Sprintf("%011o\x00", realSize))
	putChecksum(&h, tarChecksum(h))
	return h[:]
}

// TarGzBomb writes bomb.tar.gz: a tar of before.txt (contacts), bomb.txt
// (500 MiB of text) and after.txt, gzipped about 1000:1. A scan stops at
// the ratio inside bomb.txt and cannot reach after.txt, which is not a
// plant.
func TarGzBomb(dir string, seed uint64) ([]Plant, error) {
	g := synthetic.New(seed).Sub("tgz-bomb")
	const bombSize = 500 * mib
	var head bytes.Buffer
	tw := tar.NewWriter(&head)
	before := []byte(newContact(g).line())
	if err := tw.WriteHeader(&tar.Header{Name: "before.txt", Mode: 0o644, Size: int64(len(before)), ModTime: modified}); err != nil {
		return nil, err
	}
	tw.Write(before)
	// The header goes out at once; the member's data is the chunk
	// repeated below, so the writer is left unfinished.
	if err := tw.WriteHeader(&tar.Header{Name: "bomb.txt", Mode: 0o644, Size: bombSize, ModTime: modified}); err != nil {
		return nil, err
	}
	// bomb.txt's data is the repeated chunk; the tail is after.txt and
	// the end of the archive, written by a second writer whose output
	// follows the member's data (a multiple of 512 bytes).
	var tail bytes.Buffer
	tw = tar.NewWriter(&tail)
	after := []byte(newContact(g).line())
	if err := tw.WriteHeader(&tar.Header{Name: "after.txt", Mode: 0o644, Size: int64(len(after)), ModTime: modified}); err != nil {
		return nil, err
	}
	tw.Write(after)
	if err := tw.Close(); err != nil {
		return nil, err
	}
	d, err := deflateRepeat(head.Bytes(), repeatLine(mib), bombSize/mib, tail.Bytes())
	if err != nil {
		return nil, err
	}
	if err := writeFile(filepath.Join(dir, "bomb.tar.gz"), gzipOf(d)); err != nil {
		return nil, err
	}
	return plants("bomb.tar.gz!/before.txt", 1), nil
}

// TarManyMembers writes members.tar: ZipMembers members, the first of
// them, m/000000.txt, holding a contact and the others empty. It is 51 MB.
func TarManyMembers(dir string, seed uint64) ([]Plant, error) {
	g := synthetic.New(seed).Sub("tar-members")
	var b bytes.Buffer
	tw := tar.NewWriter(&b)
	first := []byte(newContact(g).line())
	if err := tw.WriteHeader(&tar.Header{Name: "m/000000.txt", Mode: 0o644, Size: int64(len(first)), ModTime: modified}); err != nil {
		return nil, err
	}
	tw.Write(first)
	if err := tw.Flush(); err != nil {
		return nil, err
	}
	// The others differ only in their names' digits: one header, its
	// name and checksum patched, rather than archive/tar's hundred
	// thousand, which take seconds under the race detector.
	hdr := ustarHeader("m/000000.txt", 0)
	base := tarChecksum(hdr)
	b.Grow((ZipMembers + 2) * 512)
	for i := 1; i < ZipMembers; i++ {
		h := hdr
		sum := base
		for k, n := 7, i; n > 0; k, n = k-1, n/10 {
			h[k] = byte('0' + n%10)
			sum += int64(n % 10)
		}
		putChecksum(&h, sum)
		b.Write(h[:])
	}
	b.Write(make([]byte, 2*512)) // the end of the archive
	if err := writeFile(filepath.Join(dir, "members.tar"), b.Bytes()); err != nil {
		return nil, err
	}
	return plants("members.tar!/m/000000.txt", 1), nil
}

// ustarHeader is the header of a regular member of size bytes.
func ustarHeader(name string, size int64) [512]byte {
	var h [512]byte
	copy(h[0:], name)
	copy(h[100:], "0000644\x00")
	copy(h[108:], "0000000\x00")
	copy(h[116:], "0000000\x00")
	copy(h[124:], fmt.Sprintf("%011o\x00", size))
	copy(h[136:], fmt.Sprintf("%011o\x00", modified.Unix()))
	h[156] = '0'
	copy(h[257:], "ustar\x0000")
	putChecksum(&h, tarChecksum(h))
	return h
}

// tarChecksum is the sum of a header's bytes, its checksum field counted
// as spaces.
func tarChecksum(h [512]byte) int64 {
	copy(h[148:156], "        ")
	var sum int64
	for _, c := range h {
		sum += int64(c)
	}
	return sum
}

func putChecksum(h *[512]byte, sum int64) {
	copy(h[148:], fmt.Sprintf("%06o\x00 ", sum))
}

// GzipBomb writes bomb.txt.gz: a gzip of one text file, a line of
// contacts then 1.5 GiB of text, packed about 1000:1 into 1.5 MB. A scan
// stops at a limit and keeps what it found before.
func GzipBomb(dir string, seed uint64) ([]Plant, error) {
	g := synthetic.New(seed).Sub("gzip-bomb")
	d, err := deflateRepeat([]byte(newContact(g).line()), repeatLine(mib), 1536, nil)
	if err != nil {
		return nil, err
	}
	if err := writeFile(filepath.Join(dir, "bomb.txt.gz"), gzipOf(d)); err != nil {
		return nil, err
	}
	return plants("bomb.txt.gz", 1), nil
}

// GzipTruncated writes cut.txt.gz: a gzip of 50 contact lines and 2,000
// varied log lines, cut in the middle of its stream.
func GzipTruncated(dir string, seed uint64) ([]Plant, error) {
	g := synthetic.New(seed).Sub("gzip-cut")
	var b bytes.Buffer
	zw, err := gzip.NewWriterLevel(&b, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	for range 50 {
		zw.Write([]byte(newContact(g).line()))
	}
	for i := range 2000 {
		fmt.Fprintf(zw, "2024-04-01T09:%02d:%02d Z INFO request %s served in %d ms\n", i/60%60, i%60, g.Digits(12), g.Between(1, 999))
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	z := b.Bytes()
	if err := writeFile(filepath.Join(dir, "cut.txt.gz"), z[:len(z)/2]); err != nil {
		return nil, err
	}
	return plants("cut.txt.gz", 50), nil
}
