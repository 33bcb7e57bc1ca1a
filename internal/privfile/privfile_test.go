package privfile

import (
	"os"
	"path/filepath"
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
