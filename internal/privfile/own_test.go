package privfile

import (
	"os"
	"path/filepath"
	"testing"
)

func stat(t *testing.T, path string) os.FileInfo {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return info
}

// TestOwn: a report made by Create and a claimed path are pmscan's own,
// under any name (a hard link); a claimed path created later becomes
// so; other files, and a file that took the inode of a removed report,
// are not.
func TestOwn(t *testing.T) {
	dir := t.TempDir()
	report := filepath.Join(dir, "report.json")
	f, err := Create(report)
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	other := filepath.Join(dir, "data.csv")
	if err := os.WriteFile(other, []byte("a,b\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	alias := filepath.Join(dir, "alias.json")
	if err := os.Link(report, alias); err != nil {
		t.Fatal(err)
	}
	wal := filepath.Join(dir, "state.db-wal")
	Claim(wal) // not there yet
	if err := os.WriteFile(wal, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	restat(true) // what the next second's Own would do

	for _, tt := range []struct {
		path string
		want bool
	}{
		{report, true}, {alias, true}, {wal, true}, {other, false},
	} {
		if got := Own(stat(t, tt.path)); got != tt.want {
			t.Errorf("Own(%s) = %v, want %v", filepath.Base(tt.path), got, tt.want)
		}
	}

	// The report removed, another file under another name takes its
	// identity's place: it is not pmscan's.
	info := stat(t, report)
	os.Remove(report)
	os.Remove(alias)
	if Own(info) {
		t.Errorf("a removed report's identity is still pmscan's own")
	}
}
