// Package keyglob matches slash-separated names (S3 keys, file paths,
// places such as s3://bucket/key) against globs in which `*` and `?` stay
// within one segment, `**` spans any number of segments, and `[...]` is a
// class as in path.Match.
package keyglob

import (
	"fmt"
	"path"
	"strings"
)

// Validate reports a malformed glob.
func Validate(glob string) error {
	for _, seg := range strings.Split(glob, "/") {
		if seg == "**" {
			continue
		}
		if _, err := path.Match(seg, ""); err != nil {
			return fmt.Errorf("glob %q: %w", glob, err)
		}
	}
	return nil
}

// Match reports whether name matches glob, segment by segment.
func Match(glob, name string) bool {
	return matchSegments(strings.Split(glob, "/"), strings.Split(name, "/"))
}

// MatchPath matches glob against a slash-separated path as -keys and
// -exclude-paths do: a glob with a slash matches the whole path, segment by
// segment; one without matches the path's last segment, so that *.csv
// matches a CSV file at any depth.
func MatchPath(glob, name string) bool {
	if !strings.Contains(glob, "/") {
		return MatchSegment(glob, name[strings.LastIndexByte(name, '/')+1:])
	}
	return Match(glob, name)
}

// MatchSegment matches one segment glob (no slash) against one segment.
func MatchSegment(glob, seg string) bool {
	ok, err := path.Match(glob, seg)
	return err == nil && ok
}

func matchSegments(glob, name []string) bool {
	for len(glob) > 0 {
		if glob[0] == "**" {
			rest := glob[1:]
			// ** matches zero or more whole segments.
			for i := 0; i <= len(name); i++ {
				if matchSegments(rest, name[i:]) {
					return true
				}
			}
			return false
		}
		if len(name) == 0 || !MatchSegment(glob[0], name[0]) {
			return false
		}
		glob, name = glob[1:], name[1:]
	}
	return len(name) == 0
}

// LiteralPrefix is the part of glob before its first special character.
func LiteralPrefix(glob string) string {
	if j := strings.IndexAny(glob, "*?[\\"); j >= 0 {
		return glob[:j]
	}
	return glob
}

// Glob is a glob split into its segments once, to match many names
// without allocating (an allow list checks one per finding).
type Glob []string

// Compile splits glob; Validate it first.
func Compile(glob string) Glob { return strings.Split(glob, "/") }

// Match is keyglob.Match(glob, name).
func (g Glob) Match(name string) bool { return matchName(g, name, false) }

// matchName is matchSegments over name's segments in place; end says no
// segment is left (which an empty segment, "", is not).
func matchName(glob []string, name string, end bool) bool {
	for len(glob) > 0 {
		if glob[0] == "**" {
			rest := glob[1:]
			for {
				if matchName(rest, name, end) {
					return true
				}
				if end {
					return false
				}
				if i := strings.IndexByte(name, '/'); i >= 0 {
					name = name[i+1:]
				} else {
					name, end = "", true
				}
			}
		}
		if end {
			return false
		}
		seg, next, more := strings.Cut(name, "/")
		if !MatchSegment(glob[0], seg) {
			return false
		}
		glob = glob[1:]
		if more {
			name = next
		} else {
			name, end = "", true
		}
	}
	return end
}
