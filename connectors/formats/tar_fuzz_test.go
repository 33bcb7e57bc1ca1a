package formats

import (
	"archive/tar"
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/pmscan/pmscan/connectors"
)

// fixTarChecksums returns a copy of data with the checksum of every header
// along the chain of members set right, so that a fuzzer's mutations of
// names, sizes and types are read instead of failing at the checksum.
func fixTarChecksums(data []byte) []byte {
	data = bytes.Clone(data)
	for off := 0; off+512 <= len(data); {
		h := data[off : off+512]
		if bytes.Count(h, []byte{0}) == 512 {
			break // the end marker
		}
		copy(h[148:156], "        ")
		sum := 0
		for _, c := range h {
			sum += int(c)
		}
		copy(h[148:156], fmt.Sprintf("%06o\x00 ", sum))
		size, err := strconv.ParseInt(strings.TrimSpace(strings.TrimRight(string(h[124:136]), "\x00 ")), 8, 64)
		if err != nil || size < 0 || size > int64(len(data)) {
			break
		}
		off += 512 + int((size+511)/512*512)
	}
	return data
}

// tarMembers lists the regular members archive/tar finds in data, as the
// archive reader names them, up to the first error.
func tarMembers(data []byte) []string {
	var names []string
	tr := tar.NewReader(bytes.NewReader(data))
	for i := 0; ; i++ {
		hdr, err := tr.Next()
		if err != nil && !errors.Is(err, tar.ErrInsecurePath) {
			return names
		}
		// A GNU sparse member is read as a regular file (archive.go).
		if hdr.Typeflag == tar.TypeReg || hdr.Typeflag == tar.TypeGNUSparse {
			names = append(names, memberName(strings.TrimPrefix(hdr.Name, "./"), i))
		}
	}
}

// FuzzTar reads tar archives, with their header checksums made right: no
// panic, hang or runaway allocation; every member archive/tar finds is
// read, in order, and ends with exactly one terminal record after its
// records; failures are the archive's or a member's.
func FuzzTar(f *testing.F) {
	seeds := [][]arFile{
		{{name: "dir/a.csv", body: []byte("氏名,電話番号\n山田太郎,090-1234-5678\n")}, {name: "dir", dir: true}, {name: "b.json", body: []byte(`{"tel":"03-1234-5678"}`)}},
		{{name: "./c.txt", body: []byte("連絡先 taro@example.jp\n")}, {name: "bin", body: []byte("\x00\x01\x02")}},
		{{name: strings.Repeat("長い名前/", 30) + "d.txt", body: []byte("x")}},
		{{name: "e.tsv", body: []byte("a\tb\n1\t2\n")}, {name: "f.txt.gz", body: gz(f, []byte("gz member\n"))}},
	}
	for _, files := range seeds {
		f.Add(arTar(f, files...))
	}
	f.Add(arTar(f, arFile{name: "inner.tar", body: arTar(f, arFile{name: "g.txt", body: []byte("nested\n")})}))
	var pax bytes.Buffer
	tw := tar.NewWriter(&pax)
	tw.WriteHeader(&tar.Header{Name: "pax.txt", Size: 3, Mode: 0o644, Format: tar.FormatPAX, PAXRecords: map[string]string{"comment": "x"}})
	tw.Write([]byte("abc"))
	tw.WriteHeader(&tar.Header{Name: "gnu.txt", Size: 3, Mode: 0o644, Format: tar.FormatGNU, Typeflag: tar.TypeReg})
	tw.Write([]byte("def"))
	tw.Close()
	f.Add(pax.Bytes())
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 262 || string(data[257:262]) != "ustar" {
			return // not a tar: FuzzText's
		}
		data = fixTarChecksums(data)
		res := fuzzRead(t, "f.tar", data, 32)
		if res.info.Format != FormatTar {
			t.Fatalf("format %q", res.info.Format)
		}
		wantErr(t, "tar", res.err, "tar: ", "archive unpacks to more than")
		var members []string
		open := map[*connectors.Object]bool{} // members whose terminal record is not seen yet
		for _, rec := range res.recs {
			m := rec.loc.Object
			if m == res.obj {
				t.Fatalf("a record of the archive itself: %+v %v", rec.loc, rec.err)
			}
			if rec.done == nil {
				if rec.err == nil {
					open[m] = true
				}
				continue
			}
			delete(open, m)
			if m.Parent == res.obj {
				members = append(members, m.Member)
			}
		}
		if len(open) > 0 {
			for m := range open {
				t.Fatalf("member %q has no terminal record after its records", m.Member)
			}
		}
		if want := tarMembers(data); fmt.Sprintf("%q", members) != fmt.Sprintf("%q", want) {
			t.Fatalf("members read %q, archive/tar lists %q", members, want)
		}
	})
}
