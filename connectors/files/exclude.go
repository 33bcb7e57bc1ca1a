package files

import (
	"path/filepath"
	"strings"

	"github.com/pmscan/pmscan/internal/i18n"
	"github.com/pmscan/pmscan/internal/keyglob"
)

// exclusion is the globs of paths not to scan, as -keys and -exclude-keys
// match S3 keys (internal/keyglob): `*` and `?` stay within one segment,
// `**` spans any number of segments, and a glob without a slash matches a
// path's last segment, so that .git or *.bak match at any depth. Globs
// match the path relative to the target; a trailing slash matches
// directories only. A matching directory is not entered, and nothing
// excluded becomes an object: no record, no problem.
type exclusion []string

// validateExclude reports the first malformed glob.
func validateExclude(globs []string) error {
	for _, g := range globs {
		if strings.HasPrefix(g, "/") {
			return i18n.Errorf("glob %q: paths are matched relative to the target, so a glob cannot start with /", g)
		}
		if err := keyglob.Validate(strings.TrimSuffix(g, "/")); err != nil {
			return err
		}
	}
	return nil
}

// match reports whether rel, a slash-separated path relative to the target,
// is excluded; isDir says it is a directory, which the globs ending in a
// slash need.
func (x exclusion) match(rel string, isDir bool) bool {
	for _, g := range x {
		if dirOnly := strings.HasSuffix(g, "/"); dirOnly {
			if !isDir {
				continue
			}
			g = strings.TrimSuffix(g, "/")
		}
		if keyglob.MatchPath(g, rel) {
			return true
		}
	}
	return false
}

// excluded reports whether path, under root, is excluded. The root itself
// never is: it was named on purpose.
func (x exclusion) excluded(root, path string, isDir bool) bool {
	if len(x) == 0 || path == root {
		return false
	}
	rel, err := filepath.Rel(root, path)
	if err != nil {
		return false
	}
	return x.match(filepath.ToSlash(rel), isDir)
}
