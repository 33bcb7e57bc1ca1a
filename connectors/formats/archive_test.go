package formats

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/japanese"

	"github.com/pmscan/pmscan/connectors"
)

// arFile is one member of a generated archive.
type arFile struct {
	name      string
	body      []byte
	nonUTF8   bool // name holds raw CP932 bytes: leave the UTF-8 flag unset
	encrypted bool // written raw with flag bit 0 set
	dir       bool
}

func arZip(t testing.TB, files ...arFile) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range files {
		switch {
		case f.encrypted:
			w, err := zw.CreateRaw(&zip.FileHeader{Name: f.name, Flags: 1, Method: zip.Store,
				CRC32: crc32.ChecksumIEEE(f.body), CompressedSize64: uint64(len(f.body)), UncompressedSize64: uint64(len(f.body))})
			if err != nil {
				t.Fatal(err)
			}
			w.Write(f.body)
		case f.dir:
			if _, err := zw.Create(f.name + "/"); err != nil {
				t.Fatal(err)
			}
		default:
			w, err := zw.CreateHeader(&zip.FileHeader{Name: f.name, Method: zip.Deflate, NonUTF8: f.nonUTF8})
			if err != nil {
				t.Fatal(err)
			}
			w.Write(f.body)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func arTar(t testing.TB, files ...arFile) []byte {
	t.Helper()
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for _, f := range files {
		if f.encrypted {
			continue
		}
		h := &tar.Header{Name: f.name, Mode: 0o644, Size: int64(len(f.body)), Typeflag: tar.TypeReg}
		if f.dir {
			h = &tar.Header{Name: f.name + "/", Mode: 0o755, Typeflag: tar.TypeDir}
		}
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		tw.Write(f.body)
	}
	// A symlink is passed over.
	if err := tw.WriteHeader(&tar.Header{Name: "link", Linkname: "dir/a.csv", Typeflag: tar.TypeSymlink}); err != nil {
		t.Fatal(err)
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func smallBook(t testing.TB) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	f.SetCellValue("Sheet1", "A1", "氏名")
	f.SetCellValue("Sheet1", "A2", "高橋次郎")
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// runArchive parses data as name (a path, or an S3 key when s3) and lists
// what fn received: data records as "object|where:data", failures as
// "object!error", Done records as "object#format".
func runArchive(t testing.TB, name string, data []byte, s3 bool) ([]string, Info, error) {
	t.Helper()
	var got []string
	o := connectors.NewFile(name)
	if s3 {
		o = connectors.NewS3Object("", "b", name)
	}
	info, err := parse(context.Background(), o, bytes.NewReader(data), Options{}, func(r connectors.Record, err error) error {
		obj := r.Loc.Object.Name()
		if s3 {
			obj = strings.TrimPrefix(obj, "s3://b/")
			if r.Loc.Object.Path != "" || r.Loc.Object.Bucket != "b" {
				t.Errorf("S3 location %+v", r.Loc)
			}
		}
		switch {
		case connectors.IsSkip(err):
			got = append(got, obj+"!skip "+err.Error())
		case err != nil:
			got = append(got, obj+"!"+err.Error())
		case r.Done != nil:
			got = append(got, fmt.Sprintf("%s#%s", obj, r.Done.Format))
			if r.Loc.Object.Size <= 0 || r.Done.Bytes <= 0 || r.Loc.Object.Parent == nil {
				t.Errorf("%s: Done %+v at %+v", obj, *r.Done, r.Loc)
			}
		case r.Loc.Sheet != "":
			got = append(got, fmt.Sprintf("%s|%s!%s:%s", obj, r.Loc.Sheet, r.Loc.Cell, r.Data))
		default:
			got = append(got, fmt.Sprintf("%s|%d:%s:%s", obj, r.Loc.Line, r.Loc.Column, r.Data))
		}
		return nil
	})
	return got, info, err
}

// setVar sets a limit for one test.
func setVar[T any](t *testing.T, p *T, v T) {
	old := *p
	*p = v
	t.Cleanup(func() { *p = old })
}

func TestArchive(t *testing.T) {
	cp932Name, err := japanese.ShiftJIS.NewEncoder().String("名簿.txt")
	if err != nil {
		t.Fatal(err)
	}
	inner := arZip(t, arFile{name: "c.json", body: []byte(`{"name":"佐藤","tel":"080-0000-1111"}`)})
	files := []arFile{
		{name: "dir", dir: true},
		{name: "dir/a.csv", body: []byte("氏名,電話番号\n山田太郎,090-1234-5678\n")},
		{name: "memo.txt", body: []byte("連絡先 taro@example.com\n")},
		{name: cp932Name, nonUTF8: true, body: []byte("鈴木花子\n")},
		{name: "inner.zip", body: inner},
		{name: "secret.csv", encrypted: true, body: []byte("not really encrypted")},
		{name: "book.xlsx", body: smallBook(t)},
	}
	// The tar holds the same members, its names as stored (UTF-8).
	tarFiles := append([]arFile(nil), files...)
	tarFiles[3] = arFile{name: "名簿.txt", body: files[3].body}
	tarFiles[4] = arFile{name: "inner.zip", body: inner}
	members := func(top string, tarred bool) []string {
		want := []string{
			top + "!/dir/a.csv|1::氏名", top + "!/dir/a.csv|1::電話番号",
			top + "!/dir/a.csv|2:氏名:山田太郎", top + "!/dir/a.csv|2:電話番号:090-1234-5678", top + "!/dir/a.csv#csv",
			top + "!/memo.txt|1::連絡先 taro@example.com\n", top + "!/memo.txt#text",
			top + "!/名簿.txt|1::鈴木花子\n", top + "!/名簿.txt#text",
			top + "!/inner.zip!/c.json|1::name", top + "!/inner.zip!/c.json|1:name:佐藤",
			top + "!/inner.zip!/c.json|1::tel", top + "!/inner.zip!/c.json|1:tel:080-0000-1111",
			top + "!/inner.zip!/c.json#json", top + "!/inner.zip#zip",
		}
		if !tarred {
			want = append(want, top+"!/secret.csv!skip encrypted member")
		}
		return append(want, top+"!/book.xlsx|Sheet1!A1:氏名", top+"!/book.xlsx|Sheet1!A2:高橋次郎", top+"!/book.xlsx#xlsx")
	}
	tests := []struct {
		name   string
		data   []byte
		s3     bool
		format string
		want   []string
	}{
		{name: "x.zip", data: arZip(t, files...), format: "zip", want: members("x.zip", false)},
		{name: "data/x.zip", data: arZip(t, files...), s3: true, format: "zip", want: members("data/x.zip", false)},
		{name: "x.zip.gz", data: gz(t, arZip(t, files...)), format: "zip+gzip", want: members("x.zip.gz", false)},
		{name: "x.tar", data: arTar(t, tarFiles...), format: "tar", want: members("x.tar", true)},
		{name: "x.tar.gz", data: gz(t, arTar(t, tarFiles...)), format: "tar+gzip", want: members("x.tar.gz", true)},
		{name: "x.tgz", data: gz(t, arTar(t, tarFiles...)), format: "tar+gzip", want: members("x.tgz", true)},
		{name: "named .csv", data: arZip(t, files...), format: "zip", want: members("named .csv", false)},
		{name: "empty.zip", data: arZip(t), format: "zip"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, info, err := runArchive(t, tt.name, tt.data, tt.s3)
			if err != nil {
				t.Fatalf("err = %v", err)
			}
			if info.Format != tt.format || info.Bytes != int64(len(tt.data)) {
				t.Errorf("info = %+v, want format %q and %d bytes", info, tt.format, len(tt.data))
			}
			eq(t, got, tt.want)
		})
	}
}

func TestArchiveCP932Names(t *testing.T) {
	raw, _ := japanese.ShiftJIS.NewEncoder().String("顧客/ﾃｽﾄ①.txt")
	for _, tt := range []struct {
		name    string
		nonUTF8 bool
		want    string
	}{
		{raw, true, "顧客/ﾃｽﾄ①.txt"},
		{"顧客.txt", false, "顧客.txt"}, // UTF-8 flag set by the writer
		{"plain.txt", true, "plain.txt"},
	} {
		got, _, err := runArchive(t, "x.zip", arZip(t, arFile{name: tt.name, nonUTF8: tt.nonUTF8, body: []byte("x\n")}), false)
		if err != nil || len(got) != 2 || got[1] != "x.zip!/"+tt.want+"#text" {
			t.Errorf("%q: got %q, %v; want member %q", tt.name, got, err, tt.want)
		}
	}
}

// nest wraps a member in n zips: nest(1) is x.zip holding a.csv.
func nest(t testing.TB, n int) []byte {
	data := arZip(t, arFile{name: "a.csv", body: []byte("tel\n090-1234-5678\n")})
	for i := n; i > 1; i-- {
		data = arZip(t, arFile{name: fmt.Sprintf("z%d.zip", i), body: data})
	}
	return data
}

func TestArchiveLimits(t *testing.T) {
	bomb := bytes.Repeat([]byte("0"), 20<<20) // deflates about 1000:1
	three := []arFile{{name: "a.txt", body: []byte(strings.Repeat("a", 60))},
		{name: "b.txt", body: []byte(strings.Repeat("b", 60))}, {name: "c.txt", body: []byte(strings.Repeat("c", 60))}}
	inTar := arTar(t, three...)
	inBudget := fmt.Sprint(len(inTar)+90, " bytes")
	tests := []struct {
		name  string
		file  string
		data  []byte
		set   func(t *testing.T)
		has   []string // records that must be there, in order
		hasnt string   // a prefix no record may have
		err   string   // the archive's error
		skip  bool     // the archive's error is a skip; a limit passed never is
	}{
		{name: "depth 3 read", file: "x.zip", data: nest(t, 3),
			has: []string{"x.zip!/z2.zip!/z3.zip!/a.csv|2:tel:090-1234-5678", "x.zip!/z2.zip!/z3.zip#zip", "x.zip!/z2.zip#zip"}},
		{name: "depth 4 skipped", file: "x.zip", data: nest(t, 4),
			has:   []string{"x.zip!/z2.zip!/z3.zip!/z4.zip!archive nested in 3 archives: not read (limit 3)", "x.zip!/z2.zip!/z3.zip#zip"},
			hasnt: "x.zip!/z2.zip!/z3.zip!/z4.zip!/"},
		{name: "zip bomb", file: "x.zip", data: arZip(t, arFile{name: "bomb.txt", body: bomb}, arFile{name: "ok.txt", body: []byte("ok\n")}),
			has:   []string{"x.zip!/bomb.txt!compression ratio over 200:1", "x.zip!/ok.txt#text"},
			hasnt: "x.zip!/bomb.txt#"},
		{name: "tar.gz bomb", file: "x.tgz", data: gz(t, arTar(t, arFile{name: "bomb.txt", body: bomb}, arFile{name: "ok.txt", body: []byte("ok\n")})),
			has:   []string{"x.tgz!/bomb.txt!compression ratio over 200:1"},
			err:   "compression ratio over 200:1",
			hasnt: "x.tgz!/ok.txt"},
		{name: "budget", file: "x.zip", data: arZip(t, three...), set: func(t *testing.T) { setVar(t, &maxArchiveUnzip, 100) },
			has: []string{"x.zip!/a.txt#text", "x.zip!/b.txt!archive unpacks to more than 100 bytes"},
			err: "archive unpacks to more than 100 bytes: the last 1 members not read", hasnt: "x.zip!/c.txt"},
		{name: "budget shared by nested archives", file: "x.zip",
			// The tar counts once as x.zip's member, and its members again.
			data: arZip(t, arFile{name: "in.tar", body: inTar}, arFile{name: "d.txt", body: []byte("d")}),
			set:  func(t *testing.T) { setVar(t, &maxArchiveUnzip, int64(len(inTar))+90) },
			has: []string{"x.zip!/in.tar!/a.txt#text", "x.zip!/in.tar!/b.txt!archive unpacks to more than " + inBudget,
				"x.zip!/in.tar!archive unpacks to more than " + inBudget + ": the rest not read"},
			err: "archive unpacks to more than " + inBudget + ": the last 1 members not read", hasnt: "x.zip!/d.txt"},
		{name: "tar budget", file: "x.tar", data: arTar(t, three...), set: func(t *testing.T) { setVar(t, &maxArchiveUnzip, 100) },
			has: []string{"x.tar!/a.txt#text", "x.tar!/b.txt!archive unpacks to more than 100 bytes"},
			err: "archive unpacks to more than 100 bytes: the rest not read", hasnt: "x.tar!/c.txt"},
		{name: "member size", file: "x.zip", data: arZip(t, three...), set: func(t *testing.T) { setVar(t, &maxMemberBytes, 50) },
			has: []string{"x.zip!/a.txt!member unpacks to 60 bytes, more than 50 bytes: not read", "x.zip!/c.txt!member unpacks to 60 bytes"}},
		{name: "tar member size", file: "x.tar", data: arTar(t, three...), set: func(t *testing.T) { setVar(t, &maxMemberBytes, 50) },
			has: []string{"x.tar!/a.txt!member unpacks to 60 bytes, more than 50 bytes: not read", "x.tar!/c.txt!member unpacks to 60 bytes"}},
		{name: "member count", file: "x.zip", data: arZip(t, three...), set: func(t *testing.T) { setVar(t, &maxArchiveMembers, 2) },
			has: []string{"x.zip!/a.txt#text", "x.zip!/b.txt#text"}, hasnt: "x.zip!/c.txt",
			err: "zip archive has 3 members: the last 1 not read (limit 2)"},
		{name: "tar member count", file: "x.tar", data: arTar(t, three...), set: func(t *testing.T) { setVar(t, &maxArchiveMembers, 2) },
			has: []string{"x.tar!/a.txt#text", "x.tar!/b.txt#text"}, hasnt: "x.tar!/c.txt",
			err: "tar archive has more than 2 members: the rest not read"},
		{name: "zip too large", file: "x.zip", data: arZip(t, three...), set: func(t *testing.T) { setVar(t, &maxArchiveBytes, 100) },
			err: "zip archive larger than 100 bytes: not read", hasnt: "x.zip"},
		{name: "members overlapping in the file", file: "x.zip", data: overlapping(t, 500),
			has: []string{"x.zip!/a.csv|2:tel:090-1234-5678"}, err: "zip archive read far past its size (members that overlap: a zip bomb?): the last "},
		{name: "unsupported compression", file: "x.zip", data: rawMethod(t, 9),
			has: []string{"x.zip!/a.csv!member compressed with unsupported method 9: not read"}},
		{name: "truncated zip", file: "x.zip", data: arZip(t, three...)[:150], err: "zip: not a valid zip file", hasnt: "x.zip"},
		{name: "zip magic only", file: "x.csv", data: []byte("PK\x03\x04\x14\x00\x06\x00"), err: "zip: not a valid zip file"},
		{name: "bad tar header", file: "x.tar.gz", data: gz(t, append(append(make([]byte, 257), "ustar\x0000"...), make([]byte, 512)...)), err: "tar: archive/tar: invalid tar header"},
		{name: "truncated tar", file: "x.tar", data: arTar(t, three...)[:1100], has: []string{"x.tar!/a.txt#text"}, err: "tar: unexpected EOF"},
		{name: "tar truncated in a member", file: "x.tar", data: arTar(t, three...)[:1560],
			has: []string{"x.tar!/a.txt#text", "x.tar!/b.txt!read: unexpected EOF"}, hasnt: "x.tar!/b.txt#", err: "tar: unexpected EOF"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.set != nil {
				tt.set(t)
			}
			got, _, err := runArchive(t, tt.file, tt.data, false)
			if tt.err == "" && err != nil || tt.err != "" && (err == nil || !strings.HasPrefix(err.Error(), tt.err)) {
				t.Errorf("err = %v, want %q", err, tt.err)
			}
			if err != nil && connectors.IsSkip(err) != tt.skip {
				t.Errorf("IsSkip(%v) = %v", err, !tt.skip)
			}
			if strings.Contains(tt.err, "not read") && !errors.Is(err, connectors.ErrTooLarge) {
				t.Errorf("%v: a limit, not connectors.ErrTooLarge", err)
			}
			i := 0
			for _, g := range got {
				if i < len(tt.has) && strings.HasPrefix(g, tt.has[i]) {
					i++
				}
				if tt.hasnt != "" && strings.HasPrefix(g, tt.hasnt) {
					t.Errorf("record %.100q", g)
				}
			}
			if i < len(tt.has) {
				for _, g := range got {
					if !strings.HasPrefix(g, "x.zip!/bomb.txt|") && !strings.HasPrefix(g, "x.tgz!/bomb.txt|") {
						t.Logf("got %.100q", g)
					}
				}
				t.Errorf("no record %q", tt.has[i])
			}
		})
	}
}

func TestArchiveCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	data := arZip(t, arFile{name: "a.txt", body: []byte("a\n")}, arFile{name: "b.txt", body: []byte("b\n")})
	var got []string
	_, err := parseNamed(ctx, bytes.NewReader(data), "x.zip", Options{}, func(r connectors.Record, err error) error {
		got = append(got, r.Loc.Object.Path)
		if r.Done != nil {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) || len(got) != 2 {
		t.Errorf("err = %v after %q, want cancellation after a.txt", err, got)
	}
}

func TestArchiveCallbackErrorStops(t *testing.T) {
	stop := errors.New("stop")
	data := arZip(t, arFile{name: "in.zip", body: arZip(t, arFile{name: "a.txt", body: []byte("a\n")})}, arFile{name: "b.txt", body: []byte("b\n")})
	n := 0
	_, err := parseNamed(context.Background(), bytes.NewReader(data), "x.zip", Options{}, func(r connectors.Record, err error) error {
		n++
		return stop
	})
	if err != stop || n != 1 {
		t.Errorf("err = %v after %d records, want fn's error after 1", err, n)
	}
}

// BenchmarkZip is the CSV benchmark's text in a zip (Deflate). MB/s are of
// the zip as stored.
func BenchmarkZip(b *testing.B) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("customers/a.csv")
	if err != nil {
		b.Fatal(err)
	}
	w.Write(benchCSV())
	if err := zw.Close(); err != nil {
		b.Fatal(err)
	}
	bench(b, "a.zip", buf.Bytes())
}

// TestGzipLimits checks that a plain gzip stream is held to the limits of
// an archive: past them it is read in part, its records so far kept, and
// it fails (never a skip) saying the rest was not read.
func TestGzipLimits(t *testing.T) {
	line := "tel 090-1234-5678\n"
	tests := []struct {
		name string
		file string
		data []byte
		set  func(t *testing.T)
		err  string // the object's error, a prefix
	}{
		{name: "ratio", file: "x.txt.gz", data: gz(t, bytes.Repeat([]byte(line), 20<<20/len(line))),
			err: "compression ratio over 200:1"},
		{name: "unpacked total", file: "x.txt.gz", data: gz(t, bytes.Repeat([]byte(line), 3<<20/len(line))),
			set: func(t *testing.T) { setVar(t, &maxPackRatio, 1<<40); setVar(t, &maxArchiveUnzip, 1<<20) },
			err: "gzip unpacks to more than 1 MiB: the rest not read"},
		{name: "csv", file: "x.csv.gz", data: gz(t, append([]byte("tel\n"), bytes.Repeat([]byte("090-1234-5678\n"), 3<<20/14)...)),
			set: func(t *testing.T) { setVar(t, &maxPackRatio, 1<<40); setVar(t, &maxArchiveUnzip, 1<<20) },
			err: "gzip unpacks to more than 1 MiB: the rest not read"},
		{name: "in a zip, shares its budget", file: "x.zip",
			data: arZip(t, arFile{name: "a.txt.gz", body: gz(t, bytes.Repeat([]byte(line), 3<<20/len(line)))}),
			set:  func(t *testing.T) { setVar(t, &maxPackRatio, 1<<40); setVar(t, &maxArchiveUnzip, 1<<20) },
			err:  ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.set != nil {
				tt.set(t)
			}
			var recs, fails int
			var memberErr error
			var unpacked int64
			_, err := parse(context.Background(), connectors.NewFile(tt.file), bytes.NewReader(tt.data), Options{}, func(r connectors.Record, err error) error {
				switch {
				case err != nil && r.Terminal():
					memberErr = err
				case err != nil:
					fails++
				default:
					recs++
					unpacked += int64(len(r.Data))
				}
				return nil
			})
			if tt.file == "x.zip" {
				// The member fails; the zip itself was read to its end.
				if err != nil || memberErr == nil || !strings.HasPrefix(memberErr.Error(), "archive unpacks to more than 1 MiB") || connectors.IsSkip(memberErr) {
					t.Errorf("zip err = %v, member err = %v; want the member failed at the archive budget", err, memberErr)
				}
			} else if err == nil || !strings.HasPrefix(err.Error(), tt.err) || !strings.HasSuffix(err.Error(), "the rest not read") || connectors.IsSkip(err) {
				t.Errorf("err = %v, want a failure %q...: the rest not read", err, tt.err)
			}
			if recs == 0 || unpacked >= 3<<20 && tt.name != "ratio" || unpacked >= int64(20<<20-len(line)) {
				t.Errorf("%d records, %d bytes read: want the start read and kept, not the whole", recs, unpacked)
			}
			if fails != 0 {
				t.Errorf("%d failures at positions", fails)
			}
		})
	}
}

// overlapping is a zip bomb without compression: its central directory
// lists n members that all point at one member's bytes, 100 KB of CSV.
func overlapping(t *testing.T, n int) []byte {
	body := []byte("name,tel\n山田,090-1234-5678\n" + strings.Repeat("x,y\n", 25_000))
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, err := zw.CreateHeader(&zip.FileHeader{Name: "a.csv", Method: zip.Store})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(body)
	zw.Close()
	z := b.Bytes()
	eocd := z[len(z)-22:]
	cdOff := int(binary.LittleEndian.Uint32(eocd[16:]))
	entry := z[cdOff : len(z)-22]
	out := append([]byte(nil), z[:cdOff]...)
	for range n {
		out = append(out, entry...)
	}
	end := append([]byte(nil), eocd...)
	binary.LittleEndian.PutUint16(end[8:], uint16(n))
	binary.LittleEndian.PutUint16(end[10:], uint16(n))
	binary.LittleEndian.PutUint32(end[12:], uint32(n*len(entry)))
	return append(out, end...)
}

// rawMethod is a zip of one member compressed with method, which Go does
// not unpack (9 is Deflate64).
func rawMethod(t *testing.T, method uint16) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "a.csv", Method: method, CompressedSize64: 4, UncompressedSize64: 4})
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte("abcd"))
	zw.Close()
	return b.Bytes()
}
