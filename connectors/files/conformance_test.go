package files_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/connectors/conntest"
	"github.com/pmscan/pmscan/connectors/files"
)

// TestConformance runs the connector suite on the fixture as a directory of
// files, with a broken symbolic link as the item that cannot be read.
func TestConformance(t *testing.T) {
	dir := t.TempDir()
	if err := conntest.NewFixture().WriteFiles(dir); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("missing.csv", filepath.Join(dir, conntest.DeniedFile)); err != nil {
		t.Fatal(err)
	}
	conntest.Run(t, conntest.Harness{
		Open: func(t *testing.T) connectors.Connector {
			c, err := files.Factory{}.Open(t.Context(), dir)
			if err != nil {
				t.Fatal(err)
			}
			return c
		},
		Layout: conntest.Objects,
		Denied: "broken symlink",
	})
}

// TestConformanceExclude runs the suite on the fixture with copies of it
// in places -exclude-paths leaves out (a .git directory, *.bak files, a
// broken link among them): a copy walked would be a second object holding
// a fixture file, or findings counted twice.
func TestConformanceExclude(t *testing.T) {
	exclude := []string{".git", "*.bak"}
	dir := t.TempDir()
	fx := conntest.NewFixture()
	for _, d := range []string{dir, filepath.Join(dir, ".git"), filepath.Join(dir, "old", ".git", "objects")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := fx.WriteFiles(d); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("missing.csv", filepath.Join(dir, conntest.DeniedFile)); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("missing.csv", filepath.Join(dir, "old", "broken.bak")); err != nil {
		t.Fatal(err)
	}
	copies, err := fx.Files()
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range copies {
		if err := os.WriteFile(filepath.Join(dir, "old", name+".bak"), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	conntest.Run(t, conntest.Harness{
		Open: func(t *testing.T) connectors.Connector {
			c, err := files.Factory{Exclude: exclude}.Open(t.Context(), dir)
			if err != nil {
				t.Fatal(err)
			}
			return c
		},
		Layout: conntest.Objects,
		Denied: "broken symlink",
	})
}
