package privfile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCreateIsPrivate(t *testing.T) {
	dir := t.TempDir()
	fresh := filepath.Join(dir, "new.txt")
	existing := filepath.Join(dir, "old.txt")
	if err := os.WriteFile(existing, []byte("old content"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{fresh, existing} {
		f, err := Create(path)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.WriteString("x"); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
		st, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != 0o600 || st.Size() != 1 {
			t.Errorf("%s: mode %v, size %d; want 0600 and truncated", path, st.Mode().Perm(), st.Size())
		}
	}
	f, err := Create(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	if st, _ := os.Stat(os.DevNull); st.Mode().Perm()&0o066 == 0 {
		t.Errorf("%s lost its mode: %v", os.DevNull, st.Mode())
	}
}

// TestCreateRefusesLink: a link where the report goes does not make
// pmscan overwrite its target; a link to a device is written to.
func TestCreateRefusesLink(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "victim.txt")
	if err := os.WriteFile(target, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "report.html")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	if f, err := Create(link); err == nil {
		f.Close()
		t.Fatal("Create wrote through a symbolic link")
	} else if !strings.Contains(err.Error(), "symbolic link") {
		t.Errorf("error %q does not say why", err)
	}
	if b, _ := os.ReadFile(target); string(b) != "keep me" {
		t.Errorf("the link's target now holds %q", b)
	}
	if st, _ := os.Stat(target); st.Mode().Perm() != 0o644 {
		t.Errorf("the link's target's mode changed to %v", st.Mode().Perm())
	}
	// A dangling link is refused too: it would create a file elsewhere.
	dangling := filepath.Join(dir, "dangling.html")
	if err := os.Symlink(filepath.Join(dir, "nowhere", "x"), dangling); err != nil {
		t.Fatal(err)
	}
	if f, err := Create(dangling); err == nil {
		f.Close()
		t.Error("Create wrote through a dangling link")
	}
	devnull := filepath.Join(dir, "null")
	if err := os.Symlink(os.DevNull, devnull); err != nil {
		t.Fatal(err)
	}
	f, err := Create(devnull)
	if err != nil {
		t.Fatalf("a link to %s: %v", os.DevNull, err)
	}
	f.Close()
}
