package files

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestExclude: excluded files are no objects at all, not even problems, and
// an excluded directory is not entered.
func TestExclude(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{"keep.csv", "x.bak", ".git/config", ".git/objects/ab/cd", "sub/.git/HEAD", "sub/keep.txt", "sub/y.bak",
		"notes.bak.txt", "bak/z.txt", "build/out.log", "sub/build/out.log", "node_modules/m.js", "sub/node_modules"} {
		write(t, filepath.Join(dir, p), "x")
	}
	must(t, os.Symlink("missing", filepath.Join(dir, "broken.bak")))
	all := []string{".git/config", ".git/objects/ab/cd", "bak/z.txt", "build/out.log", "keep.csv", "node_modules/m.js", "notes.bak.txt",
		"sub/.git/HEAD", "sub/build/out.log", "sub/keep.txt", "sub/node_modules", "sub/y.bak", "x.bak"}
	tests := []struct {
		exclude []string
		gone    []string // walked without the globs, not with them
		problem bool     // the broken link is still reported
	}{
		{nil, nil, true},
		{[]string{".git"}, []string{".git/config", ".git/objects/ab/cd", "sub/.git/HEAD"}, true},
		{[]string{"**/.git/**"}, []string{".git/config", ".git/objects/ab/cd", "sub/.git/HEAD"}, true},
		{[]string{".git/**"}, []string{".git/config", ".git/objects/ab/cd"}, true},
		// Not notes.bak.txt, nor the directory bak.
		{[]string{"*.bak"}, []string{"sub/y.bak", "x.bak"}, false},
		// A glob with a slash is anchored at the target.
		{[]string{"build/*.log"}, []string{"build/out.log"}, true},
		// A trailing slash matches directories only.
		{[]string{"node_modules/"}, []string{"node_modules/m.js"}, true},
		{[]string{"sub", "keep.csv"}, []string{"keep.csv", "sub/.git/HEAD", "sub/build/out.log", "sub/keep.txt", "sub/node_modules", "sub/y.bak"}, true},
		{[]string{"nothing-matches", "*.tmp"}, nil, true},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.exclude, ","), func(t *testing.T) {
			w := walkWith(t, Factory{Exclude: tt.exclude}, dir)
			var got, want []string
			for _, d := range w.done {
				got = append(got, strings.Fields(d)[0])
			}
			for _, p := range all {
				if !slices.Contains(tt.gone, p) {
					want = append(want, p)
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("walked:\n got  %q\n want %q", got, want)
			}
			if problem := len(w.problems) > 0; problem != tt.problem {
				t.Errorf("problems %q, want the broken link's: %v", w.problems, tt.problem)
			}
		})
	}
}

// TestExcludeTarget: the target itself is scanned, whatever the globs: it
// was named on purpose.
func TestExcludeTarget(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "x.bak"), "x")
	if w := walkWith(t, Factory{Exclude: []string{"*.bak", "**"}}, filepath.Join(dir, "x.bak")); len(w.done) != 1 {
		t.Errorf("the target x.bak: done %q", w.done)
	}
}

func TestExcludeFlag(t *testing.T) {
	tests := []struct {
		args    []string
		want    []string
		wantErr string
	}{
		{nil, nil, ""},
		{[]string{"-exclude-paths", ".git, *.bak,,"}, []string{".git", "*.bak"}, ""},
		{[]string{"-exclude-paths", "**/.git/**"}, []string{"**/.git/**"}, ""},
		{[]string{"-exclude", ".git,*.bak"}, []string{".git", "*.bak"}, ""},
		{[]string{"-exclude-paths", "logs/[a-"}, nil, `-exclude-paths: glob "logs/[a-"`},
	}
	for _, tt := range tests {
		f := &Factory{}
		fs := flag.NewFlagSet("scan", flag.ContinueOnError)
		f.RegisterFlags(fs)
		if err := fs.Parse(tt.args); err != nil {
			t.Fatal(err)
		}
		err := f.ApplyFlags()
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%q: error %v, want %q", tt.args, err, tt.wantErr)
			}
			continue
		}
		if err != nil || fmt.Sprint(f.Exclude) != fmt.Sprint(tt.want) {
			t.Errorf("%q: Exclude %q, %v; want %q", tt.args, f.Exclude, err, tt.want)
		}
	}
}
