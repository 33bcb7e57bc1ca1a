package hostile

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"hash/adler32"
	"hash/crc32"
	"time"
)

// deflated is a raw deflate stream and what it unpacks to.
type deflated struct {
	raw   []byte
	size  int64  // bytes unpacked
	crc   uint32 // CRC-32 (IEEE) of the unpacked bytes: gzip's and zip's check
	adler uint32 // Adler-32 of the unpacked bytes: zlib's check
}

// deflateRepeat is the deflate stream of head, then chunk n times, then
// tail. Each piece is compressed on its own and sync-flushed, which ends
// it byte-aligned with no final block, so that the pieces concatenate
// into one valid stream (a piece refers back only within itself): one
// compressed chunk, repeated, makes a gigabyte from a megabyte in
// milliseconds.
func deflateRepeat(head, chunk []byte, n int, tail []byte) (deflated, error) {
	piece := func(data []byte, final bool) ([]byte, error) {
		var b bytes.Buffer
		w, err := flate.NewWriter(&b, flate.BestCompression)
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(data); err != nil {
			return nil, err
		}
		if final {
			err = w.Close()
		} else {
			err = w.Flush()
		}
		return b.Bytes(), err
	}
	var d deflated
	h, err := piece(head, false)
	if err != nil {
		return d, err
	}
	c, err := piece(chunk, false)
	if err != nil {
		return d, err
	}
	t, err := piece(tail, true)
	if err != nil {
		return d, err
	}
	d.raw = make([]byte, 0, len(h)+n*len(c)+len(t))
	d.raw = append(d.raw, h...)
	for range n {
		d.raw = append(d.raw, c...)
	}
	d.raw = append(d.raw, t...)

	d.size = int64(len(head)) + int64(n)*int64(len(chunk)) + int64(len(tail))
	d.crc = crc32.ChecksumIEEE(head)
	for range n {
		d.crc = crc32.Update(d.crc, crc32.IEEETable, chunk)
	}
	d.crc = crc32.Update(d.crc, crc32.IEEETable, tail)
	ca := adler32.Checksum(chunk)
	d.adler = adler32.Checksum(head)
	for range n {
		d.adler = adler32Combine(d.adler, ca, int64(len(chunk)))
	}
	d.adler = adler32Combine(d.adler, adler32.Checksum(tail), int64(len(tail)))
	return d, nil
}

const adlerBase = 65521

// adler32Combine is the Adler-32 of two byte strings joined, from the
// checksum of each and the second one's length (zlib's adler32_combine):
// a gigabyte's checksum without reading it.
func adler32Combine(a1, a2 uint32, len2 int64) uint32 {
	rem := uint64(len2 % adlerBase)
	sum1 := uint64(a1 & 0xffff)
	sum2 := rem * sum1 % adlerBase
	sum1 += uint64(a2&0xffff) + adlerBase - 1
	sum2 += uint64(a1>>16) + uint64(a2>>16) + adlerBase - rem
	if sum1 >= adlerBase {
		sum1 -= adlerBase
	}
	if sum1 >= adlerBase {
		sum1 -= adlerBase
	}
	if sum2 >= adlerBase<<1 {
		sum2 -= adlerBase << 1
	}
	if sum2 >= adlerBase {
		sum2 -= adlerBase
	}
	return uint32(sum1 | sum2<<16)
}

// gzipOf is d as a one-member gzip file.
func gzipOf(d deflated) []byte {
	b := []byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 0xff} // deflate, no name, mtime 0, best compression, unknown OS
	b = append(b, d.raw...)
	b = binary.LittleEndian.AppendUint32(b, d.crc)
	return binary.LittleEndian.AppendUint32(b, uint32(d.size)) // ISIZE is the size modulo 2³²
}

// zlibOf is d as a zlib stream, what a PDF's FlateDecode holds.
func zlibOf(d deflated) []byte {
	b := append([]byte{0x78, 0xda}, d.raw...)
	return binary.BigEndian.AppendUint32(b, d.adler)
}

// modified is every archive member's time, so that archives are the same
// bytes whenever they are written.
var modified = time.Date(2024, 4, 1, 9, 0, 0, 0, time.UTC)

// zipRaw adds a member whose deflate stream is d, with honest sizes and
// checksum: a bomb that no header gives away.
func zipRaw(zw *zip.Writer, name string, d deflated) error {
	w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: modified,
		CRC32: d.crc, CompressedSize64: uint64(len(d.raw)), UncompressedSize64: uint64(d.size)})
	if err != nil {
		return err
	}
	_, err = w.Write(d.raw)
	return err
}

// zipStored adds a small member as it is.
func zipStored(zw *zip.Writer, name string, data []byte) error {
	w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store, Modified: modified})
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}

// zipDeflated adds a member compressed as usual.
func zipDeflated(zw *zip.Writer, name string, data []byte) error {
	w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: modified})
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}
