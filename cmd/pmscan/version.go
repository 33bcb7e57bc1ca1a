package main

import (
	"runtime/debug"
	"strings"
)

// versionText is pmscan's version as the build recorded it: the module
// version (a tag, or "(devel)" for a build from a checkout), the VCS
// revision and its time, and whether the tree had uncommitted changes.
func versionText() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "pmscan (no build information)"
	}
	return versionOf(info)
}

func versionOf(info *debug.BuildInfo) string {
	parts := []string{"pmscan", info.Main.Version}
	var rev, at, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	if rev != "" {
		vcs := "revision " + rev
		if at != "" {
			vcs += " " + at
		}
		if modified == "true" {
			vcs += " with uncommitted changes"
		}
		parts = append(parts, "("+vcs+")")
	}
	parts = append(parts, info.GoVersion)
	return strings.Join(parts, " ")
}

// version is the module version alone ("(devel)" from a checkout), for
// the User-Agent and the build_info metric.
func version() string {
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" {
		return info.Main.Version
	}
	return "unknown"
}
