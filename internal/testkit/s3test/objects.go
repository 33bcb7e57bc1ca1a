package s3test

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// DirObjects reads every file under dir into a map from its slash-separated
// path below dir to its bytes, ready for PutAll: a directory of test files
// becomes a bucket with the same names.
func DirObjects(tb testing.TB, dir string) map[string][]byte {
	tb.Helper()
	objs := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		objs[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		tb.Fatalf("read %s as objects: %v", dir, err)
	}
	return objs
}
