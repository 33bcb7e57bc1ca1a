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
