package s3

import (
	"fmt"
	"strings"

	"github.com/pmscan/pmscan/internal/keyglob"
)

// KeyFilter picks keys by globs. In a glob, `*` and `?` stay within one
// path segment, `**` spans any number of segments (`exports/**/*.csv`), and
// `[...]` is a class as in path.Match. A glob without a slash matches the
// key's last segment (`*.csv` matches every CSV file at any depth), as
// -tables does with a name without a dot.
type KeyFilter struct {
	Include []string // empty: every key
	Exclude []string
}

// Validate reports the first malformed glob.
func (f KeyFilter) Validate() error {
	for _, g := range append(append([]string(nil), f.Include...), f.Exclude...) {
		if err := keyglob.Validate(g); err != nil {
			return fmt.Errorf("key %w", err)
		}
	}
	return nil
}

// Match reports whether key is included and not excluded.
func (f KeyFilter) Match(key string) bool {
	if len(f.Include) > 0 && !anyGlob(f.Include, key) {
		return false
	}
	return !anyGlob(f.Exclude, key)
}

// anyGlob matches key against globs; a glob without a slash matches the
// key's last segment.
func anyGlob(globs []string, key string) bool {
	for _, g := range globs {
		if keyglob.MatchPath(g, key) {
			return true
		}
	}
	return false
}

// listPrefix is the literal start that every include glob shares, so that
// the listing can skip the keys no glob can match ("exports/2024/" for
// exports/2024/**/*.csv). It is "" when there is no include glob, or one
// without a slash, which matches at any depth.
func (f KeyFilter) listPrefix() string {
	var common string
	for i, g := range f.Include {
		if !strings.Contains(g, "/") {
			return ""
		}
		lit := keyglob.LiteralPrefix(g)
		if i == 0 {
			common = lit
			continue
		}
		n := 0
		for n < len(common) && n < len(lit) && common[n] == lit[n] {
			n++
		}
		common = common[:n]
	}
	return common
}

// narrowPrefix combines a target's prefix with the globs' literal start: the
// longer when one extends the other; ok is false when they are disjoint and
// no key can match.
func narrowPrefix(prefix, literal string) (string, bool) {
	switch {
	case strings.HasPrefix(literal, prefix):
		return literal, true
	case strings.HasPrefix(prefix, literal):
		return prefix, true
	}
	return "", false
}
