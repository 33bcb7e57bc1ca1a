package files

import (
	"archive/zip"
	"encoding/binary"
	"errors"
	"os"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/pmscan/pmscan/connectors"
)

// TestFileAccess walks real files with real modes and ACLs and checks who
// the connector says can read each, archive members included.
func TestFileAccess(t *testing.T) {
	base := t.TempDir()
	// t.TempDir's directories are 0700: open them, and the one above, so
	// that others can reach what is inside.
	for _, d := range []string{filepath.Dir(base), base} {
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	owner, group := currentNames(t)
	write := func(name string, mode os.FileMode) string {
		p := filepath.Join(base, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("顧客名簿\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(p, mode); err != nil { // past the umask
			t.Fatal(err)
		}
		return p
	}
	write("public.txt", 0o644)
	write("private.txt", 0o600)
	write("team.txt", 0o640)
	write("open.txt", 0o666)
	write("closed/inside.txt", 0o644)
	if err := os.Chmod(filepath.Join(base, "closed"), 0o700); err != nil {
		t.Fatal(err)
	}
	acl := write("acl.txt", 0o600)
	unreadByMask := write("masked.txt", 0o600)
	// nobody may read acl.txt by a named entry; masked.txt's mask takes
	// the read bit away from the same entry.
	setACL(t, acl, []aclEntry{{aclUserObj, 6, 0}, {aclUser, aclRead, 65534}, {aclGroupObj, 0, 0}, {aclMask, aclRead, 0}, {aclOther, 0, 0}})
	setACL(t, unreadByMask, []aclEntry{{aclUserObj, 6, 0}, {aclUser, aclRead, 65534}, {aclGroupObj, 0, 0}, {aclMask, 0, 0}, {aclOther, 0, 0}})
	zipPath := write("archive.zip", 0o644)
	writeZip(t, zipPath, "members/list.csv", "id,氏名\n1,山田太郎\n")

	ownerVia := "owner"
	if owner == "root" {
		ownerVia = "owner, superuser"
	}
	me := connectors.Principal{Kind: connectors.KindUser, Name: owner, Via: ownerVia}
	grp := connectors.Principal{Kind: connectors.KindGroup, Name: group, Via: "group"}
	root := connectors.Principal{Kind: connectors.KindUser, Name: "root", Via: "superuser"}
	readers := func(ps ...connectors.Principal) []connectors.Principal {
		if owner != "root" {
			ps = append(ps, root)
		}
		a := connectors.Access{Readers: ps}
		a.Sort()
		return a.Readers
	}
	everyone := func(mode string) connectors.Principal {
		return connectors.Principal{Kind: connectors.KindEveryone, Via: "mode " + mode}
	}
	nobody := connectors.Principal{Kind: connectors.KindUser, Name: "nobody", Via: "ACL"}
	want := map[string]connectors.Access{
		"public.txt":                    {Readers: readers(everyone("0644"), grp, me)},
		"private.txt":                   {Readers: readers(me)},
		"team.txt":                      {Readers: readers(grp, me)},
		"open.txt":                      {Readers: readers(everyone("0666"), grp, me), WorldWritable: true},
		"closed/inside.txt":             {Readers: readers(grp, me), Notes: []string{"mode 0644 lets others in, but " + filepath.Join(base, "closed") + " (mode 0700) keeps them out"}},
		"acl.txt":                       {Readers: readers(me, nobody)},
		"masked.txt":                    {Readers: readers(me)},
		"archive.zip":                   {Readers: readers(everyone("0644"), grp, me)},
		"archive.zip!/members/list.csv": {Readers: readers(everyone("0644"), grp, me)},
	}
	got := map[string]*connectors.Access{}
	walkHook(t, Factory{}, base, func(r connectors.Record) {
		got[rel(base, r.Loc.Object.Name())] = r.Loc.Object.Access
	})
	for name, w := range want {
		a, ok := got[name]
		switch {
		case !ok:
			t.Errorf("%s: not walked", name)
		case a == nil:
			t.Errorf("%s: no access read", name)
		case !a.Equal(&w):
			t.Errorf("%s:\n got  %+v\n want %+v", name, *a, w)
		}
	}
	if a := got["public.txt"]; a == nil || !a.Public() {
		t.Error("public.txt: not public")
	}
	if a := got["closed/inside.txt"]; a == nil || a.Public() {
		t.Error("closed/inside.txt: public behind a closed directory")
	}
}

func TestParseACL(t *testing.T) {
	for _, tc := range []struct {
		name    string
		b       []byte
		want    posixACL
		wantErr bool
	}{
		{"owner only", aclBytes(2, aclEntry{aclUserObj, 6, 0}), posixACL{{aclUserObj, 6, 0}}, false},
		{"named user", aclBytes(2, aclEntry{aclUser, 4, 1000}, aclEntry{aclMask, 4, 0}), posixACL{{aclUser, 4, 1000}, {aclMask, 4, 0}}, false},
		{"truncated", aclBytes(2, aclEntry{aclUserObj, 6, 0})[:9], nil, true},
		{"too short", []byte{2, 0}, nil, true},
		{"another version", aclBytes(1, aclEntry{aclUserObj, 6, 0}), nil, true},
	} {
		got, err := parseACL(tc.b)
		if (err != nil) != tc.wantErr || !slices.Equal(got, tc.want) {
			t.Errorf("%s: parseACL = %v, %v; want %v, error %v", tc.name, got, err, tc.want, tc.wantErr)
		}
	}
}

func aclBytes(version uint32, entries ...aclEntry) []byte {
	b := binary.LittleEndian.AppendUint32(nil, version)
	for _, e := range entries {
		b = binary.LittleEndian.AppendUint16(b, e.tag)
		b = binary.LittleEndian.AppendUint16(b, e.perm)
		b = binary.LittleEndian.AppendUint32(b, e.id)
	}
	return b
}

// setACL sets path's access ACL, as setfacl does; a file system without
// ACLs skips the test.
func setACL(t *testing.T, path string, entries []aclEntry) {
	t.Helper()
	err := unix.Setxattr(path, "system.posix_acl_access", aclBytes(aclVersion, entries...), 0)
	if errors.Is(err, unix.ENOTSUP) || errors.Is(err, unix.EOPNOTSUPP) {
		t.Skipf("%s: the file system has no POSIX ACLs", path)
	}
	if err != nil {
		t.Fatalf("set ACL on %s: %v", path, err)
	}
}

func currentNames(t *testing.T) (owner, group string) {
	t.Helper()
	u, err := user.Current()
	if err != nil {
		t.Fatal(err)
	}
	g, err := user.LookupGroupId(strconv.Itoa(os.Getegid()))
	if err != nil {
		t.Fatal(err)
	}
	return u.Username, g.Name
}

func writeZip(t *testing.T, path, member, body string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_TRUNC, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	z := zip.NewWriter(f)
	w, err := z.Create(member)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write([]byte(body)); err != nil {
		t.Fatal(err)
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkFileAccess measures what reading access adds per file: a stat
// the walk already made, one getxattr, the directories above from the
// cache, names from the cache.
//
//	go test -run '^$' -bench FileAccess ./connectors/files/
func BenchmarkFileAccess(b *testing.B) {
	dir := b.TempDir()
	const n = 1000
	paths := make([]string, n)
	for i := range paths {
		paths[i] = filepath.Join(dir, strconv.Itoa(i%10), strconv.Itoa(i)+".txt")
		if err := os.MkdirAll(filepath.Dir(paths[i]), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(paths[i], []byte("x"), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	infos := make([]os.FileInfo, n)
	for i, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			b.Fatal(err)
		}
		infos[i] = info
	}
	r := newAccessReader()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if a := r.of(paths[i%n], infos[i%n]); a == nil {
			b.Fatal("no access")
		}
	}
}
