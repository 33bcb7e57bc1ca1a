package s3

import (
	"fmt"
	"path"
	"strings"
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
		for _, seg := range strings.Split(g, "/") {
			if seg == "**" {
				continue
			}
			if _, err := path.Match(seg, ""); err != nil {
				return fmt.Errorf("key glob %q: %w", g, err)
			}
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

func anyGlob(globs []string, key string) bool {
	for _, g := range globs {
		if matchKey(g, key) {
			return true
		}
	}
	return false
}

// matchKey matches one glob against a key, segment by segment.
func matchKey(glob, key string) bool {
	if !strings.Contains(glob, "/") {
		return matchSegment(glob, key[strings.LastIndexByte(key, '/')+1:])
	}
	return matchSegments(strings.Split(glob, "/"), strings.Split(key, "/"))
}

func matchSegments(glob, key []string) bool {
	for len(glob) > 0 {
		if glob[0] == "**" {
			rest := glob[1:]
			// ** matches zero or more whole segments.
			for i := 0; i <= len(key); i++ {
				if matchSegments(rest, key[i:]) {
					return true
				}
			}
			return false
		}
		if len(key) == 0 || !matchSegment(glob[0], key[0]) {
			return false
		}
		glob, key = glob[1:], key[1:]
	}
	return len(key) == 0
}

func matchSegment(glob, seg string) bool {
	ok, err := path.Match(glob, seg)
	return err == nil && ok
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
		lit := g
		if j := strings.IndexAny(g, "*?[\\"); j >= 0 {
			lit = g[:j]
		}
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
