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
