package main

import (
	"bytes"
	"context"
	"runtime/debug"
	"strings"
	"testing"
)

func TestVersionOf(t *testing.T) {
	for _, tc := range []struct {
		name string
		info debug.BuildInfo
		want string
	}{
		{"release", debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v1.4.0"}},
			"pmscan v1.4.0 go1.26.8"},
		{"checkout", debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
			{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: "7eee537d2c"}, {Key: "vcs.time", Value: "2026-12-06T07:00:00Z"}, {Key: "vcs.modified", Value: "true"}}},
			"pmscan (devel) (revision 7eee537d2c 2026-12-06T07:00:00Z with uncommitted changes) go1.26.8"},
	} {
		if got := versionOf(&tc.info); got != tc.want {
			t.Errorf("%s: versionOf = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestVersionCommand(t *testing.T) {
	for _, arg := range []string{"version", "-version", "--version"} {
		var out, errOut bytes.Buffer
		if code := run(context.Background(), []string{arg}, &out, &errOut); code != exitOK {
			t.Fatalf("pmscan %s: exit %d: %s", arg, code, errOut.String())
		}
		if !strings.HasPrefix(out.String(), "pmscan ") || strings.Contains(out.String(), "dev\n") {
			t.Errorf("pmscan %s printed %q, want the build's version", arg, out.String())
		}
	}
}
