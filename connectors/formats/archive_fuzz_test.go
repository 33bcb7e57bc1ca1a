package formats

import (
	"archive/zip"
	"bytes"
	"fmt"
	"testing"

	"github.com/pmscan/pmscan/connectors"
)

// zipMembers lists the regular members archive/zip finds in data, named as
// the archive reader names them; nil if it cannot read data.
func zipMembers(data []byte) []string {
	zr, _ := zip.NewReader(bytes.NewReader(data), int64(len(data))) // with ErrInsecurePath, zr lists all
	if zr == nil {
		return nil
	}
	names := []string{}
	for i, f := range zr.File {
		if f.Mode().IsRegular() {
			names = append(names, memberName(zipName(f), i))
		}
	}
	return names
}

// FuzzZipArchive reads zip archives named .zip (FuzzZip reads them by
// content, through the generic checks): no panic, hang or runaway
// allocation; every regular member archive/zip lists is read, in order,
// and ends with exactly one terminal record after its records; every
// member has a name of its own, so that its records are never taken for
// the archive's; failures are the archive's or a member's.
func FuzzZipArchive(f *testing.F) {
	seeds := [][]member{
		{{"a.csv", "氏名,電話番号\n山田太郎,090-1234-5678\n"}, {"d/", ""}, {"d/b.json", `{"mail":"x@example.jp"}`}},
		{{"inner.zip", string(storedZip(f, member{"c.txt", "連絡先 03-1234-5678\n"}))}, {"e.tsv", "a\tb\n"}},
		{{"t.tar", string(arTar(f, arFile{name: "g.txt", body: []byte("tar member\n")}))}, {"h.txt.gz", string(gz(f, []byte("gz member\n")))}},
		{{"bin.dat", "\x00\x01\x02\x03"}, {"../up.txt", "insecure path\n"}, {"/abs.txt", "absolute\n"}},
	}
	for _, ms := range seeds {
		f.Add(storedZip(f, ms...))
		f.Add(zipOf(f, ms...))
	}
	f.Add(arZip(f, arFile{name: "secret.txt", body: []byte("x"), encrypted: true}, arFile{name: "\x96\xbc\x91O.csv", body: []byte("a\n"), nonUTF8: true}))
	f.Fuzz(func(t *testing.T, data []byte) {
		if !bytes.HasPrefix(data, []byte("PK\x03\x04")) && !bytes.HasPrefix(data, []byte("PK\x05\x06")) {
			return // not a zip: FuzzZip's
		}
		res := fuzzRead(t, "f.zip", data, 32)
		if res.info.Format != FormatZip {
			t.Fatalf("format %q", res.info.Format)
		}
		wantErr(t, "zip", res.err, "zip: ", "zip archive ", "archive unpacks to more than")
		var members []string
		open := map[*connectors.Object]bool{} // members whose terminal record is not seen yet
		for _, rec := range res.recs {
			m := rec.loc.Object
			if m == res.obj {
				t.Fatalf("a record of the archive itself: %+v %v", rec.loc, rec.err)
			}
			if m.Member == "" {
				t.Fatalf("a member without a name: its records read as the archive's (%v)", rec.err)
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
		for m := range open {
			t.Fatalf("member %q has no terminal record after its records", m.Member)
		}
		// (An archive that fails stops before its last members.)
		if want := zipMembers(data); want != nil && res.err == nil && fmt.Sprintf("%q", members) != fmt.Sprintf("%q", want) {
			t.Fatalf("members read %q, archive/zip lists %q", members, want)
		}
	})
}
