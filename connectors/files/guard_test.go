package files

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/pmscan/pmscan/connectors"
)

// TestPseudoFilesystemsNotEntered: /proc and /sys, reached through a link
// or named as the target, are skipped by their file system type, with
// -follow-symlinks too, and nothing under them is read. Before, a link to
// /proc/self walked the whole machine (/proc/self/root/**).
func TestPseudoFilesystemsNotEntered(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "ok.txt"), "fine")
	must(t, os.Symlink("/proc/self", filepath.Join(dir, "self")))
	must(t, os.Symlink("/proc/self/environ", filepath.Join(dir, "environ")))
	must(t, os.Symlink("/sys", filepath.Join(dir, "sys")))
	want := []string{
		"environ: skip=true pseudo-filesystem (proc): not scanned",
		"self: skip=true pseudo-filesystem (proc): not scanned",
		"sys: skip=true pseudo-filesystem (sysfs): not scanned",
	}
	for _, f := range []Factory{{}, {FollowSymlinks: true}} {
		w := walkWith(t, f, dir)
		if fmt.Sprint(w.problems) != fmt.Sprint(want) {
			t.Errorf("follow %v: problems:\n got  %q\n want %q", f.FollowSymlinks, w.problems, want)
		}
		if fmt.Sprint(w.records) != "[ok.txt:1::fine]" || len(w.done) != 1 {
			t.Errorf("follow %v: records %q, done %q; want ok.txt alone", f.FollowSymlinks, w.records, w.done)
		}
	}
	for target, fsName := range map[string]string{"/proc/self": "proc", "/proc/self/status": "proc", "/sys/kernel": "sysfs"} {
		w := walkWith(t, Factory{}, target)
		if want := ".: skip=true pseudo-filesystem (" + fsName + "): not scanned"; fmt.Sprint(w.problems) != "["+want+"]" || len(w.records)+len(w.done) != 0 {
			t.Errorf("target %s: problems %q, records %q, done %q; want only %q", target, w.problems, w.records, w.done, want)
		}
	}
}

// TestDevNotEntered: /dev, a devtmpfs (or a tmpfs in a container) that
// statfs cannot tell from real data, is known by its device.
func TestDevNotEntered(t *testing.T) {
	dev, err1 := os.Stat("/dev")
	root, err2 := os.Stat("/")
	var st syscall.Statfs_t
	if err1 != nil || err2 != nil || syscall.Statfs("/dev", &st) != nil || uint32(st.Type) != tmpfsMagic ||
		dev.Sys().(*syscall.Stat_t).Dev == root.Sys().(*syscall.Stat_t).Dev {
		t.Skip("/dev is not a tmpfs or devtmpfs mount here")
	}
	dir := t.TempDir()
	must(t, os.Symlink("/dev", filepath.Join(dir, "dev")))
	for _, f := range []Factory{{}, {FollowSymlinks: true}} {
		w := walkWith(t, f, dir)
		if want := "[dev: skip=true pseudo-filesystem (/dev): not scanned]"; fmt.Sprint(w.problems) != want {
			t.Errorf("follow %v: problems %q, want %s", f.FollowSymlinks, w.problems, want)
		}
	}
	if w := walkWith(t, Factory{}, "/dev"); fmt.Sprint(w.problems) != "[.: skip=true pseudo-filesystem (/dev): not scanned]" {
		t.Errorf("target /dev: problems %q", w.problems)
	}
}

// symlinkFixture is a target with links within it (relative, absolute,
// a loop) and links out of it, to a directory and to a file.
func symlinkFixture(t *testing.T) (dir, outside string) {
	outside = t.TempDir()
	write(t, filepath.Join(outside, "secret.txt"), "outside")
	dir = t.TempDir()
	write(t, filepath.Join(dir, "a.txt"), "a")
	write(t, filepath.Join(dir, "sub", "b.txt"), "b")
	must(t, os.Symlink("..", filepath.Join(dir, "sub", "up")))
	must(t, os.Symlink("a.txt", filepath.Join(dir, "inlink")))
	must(t, os.Symlink(filepath.Join(dir, "sub", "b.txt"), filepath.Join(dir, "abslink")))
	// Out by its text, back in by where it leads.
	must(t, os.Symlink(filepath.Join("..", filepath.Base(dir), "a.txt"), filepath.Join(dir, "roundabout")))
	must(t, os.Symlink(outside, filepath.Join(dir, "out")))
	must(t, os.Symlink(filepath.Join(outside, "secret.txt"), filepath.Join(dir, "outfile")))
	return dir, outside
}

// TestSymlinksLeavingTheTarget: a link that leads out of the target is
// recorded as skipped and not followed; links within it still are, and a
// loop is still caught.
func TestSymlinksLeavingTheTarget(t *testing.T) {
	dir, outside := symlinkFixture(t)
	real, err := filepath.EvalSymlinks(outside)
	must(t, err)
	w := walk(t, dir)
	want := []string{
		"out: skip=true symbolic link to " + real + " leaves the target; -follow-symlinks follows it",
		"outfile: skip=true symbolic link to " + filepath.Join(real, "secret.txt") + " leaves the target; -follow-symlinks follows it",
		"sub/up: skip=true symlink loop: directory is its own ancestor",
	}
	if fmt.Sprint(w.problems) != fmt.Sprint(want) {
		t.Errorf("problems:\n got  %q\n want %q", w.problems, want)
	}
	if want := "[a.txt:1::a abslink:1::b inlink:1::a roundabout:1::a sub/b.txt:1::b]"; fmt.Sprint(w.records) != want {
		t.Errorf("records:\n got  %q\n want %s", w.records, want)
	}

	// The target named through a link: what is within is judged by where
	// the target really is.
	link := filepath.Join(t.TempDir(), "target")
	must(t, os.Symlink(dir, link))
	if lw := walk(t, link); fmt.Sprint(lw.records) != fmt.Sprint(w.records) || fmt.Sprint(lw.problems) != fmt.Sprint(w.problems) {
		t.Errorf("through a link: records %q, problems %q; want as above", lw.records, lw.problems)
	}
}

// TestFollowSymlinks: with -follow-symlinks, links out of the target are
// followed too.
func TestFollowSymlinks(t *testing.T) {
	dir, _ := symlinkFixture(t)
	w := walkWith(t, Factory{FollowSymlinks: true}, dir)
	if want := "[sub/up: skip=true symlink loop: directory is its own ancestor]"; fmt.Sprint(w.problems) != want {
		t.Errorf("problems %q, want %s", w.problems, want)
	}
	if want := "[a.txt:1::a abslink:1::b inlink:1::a out/secret.txt:1::outside outfile:1::outside roundabout:1::a sub/b.txt:1::b]"; fmt.Sprint(w.records) != want {
		t.Errorf("records:\n got  %q\n want %s", w.records, want)
	}
}

// TestOneFileSystem: with -one-file-system, a directory on another file
// system (here a tmpfs, /dev/shm) is skipped; without, it is walked, and
// directories on the target's own file system are walked either way.
func TestOneFileSystem(t *testing.T) {
	dir := t.TempDir()
	other, err := os.MkdirTemp("/dev/shm", "pmscan-test-")
	if err != nil {
		t.Skipf("no /dev/shm to put another file system in the tree: %v", err)
	}
	t.Cleanup(func() { os.RemoveAll(other) })
	a, err1 := os.Stat(dir)
	b, err2 := os.Stat(other)
	if err1 != nil || err2 != nil || a.Sys().(*syscall.Stat_t).Dev == b.Sys().(*syscall.Stat_t).Dev {
		t.Skipf("%s and /dev/shm are on the same file system", dir)
	}
	write(t, filepath.Join(other, "x.txt"), "x")
	write(t, filepath.Join(dir, "same", "y.txt"), "y")
	must(t, os.Symlink(other, filepath.Join(dir, "shm")))

	w := walkWith(t, Factory{FollowSymlinks: true, OneFileSystem: true}, dir)
	if want := "[shm: skip=true another file system (-one-file-system)]"; fmt.Sprint(w.problems) != want {
		t.Errorf("-one-file-system: problems %q, want %s", w.problems, want)
	}
	if want := "[same/y.txt:1::y]"; fmt.Sprint(w.records) != want {
		t.Errorf("-one-file-system: records %q, want %s", w.records, want)
	}
	w = walkWith(t, Factory{FollowSymlinks: true}, dir)
	if want := "[same/y.txt:1::y shm/x.txt:1::x]"; len(w.problems) != 0 || fmt.Sprint(w.records) != want {
		t.Errorf("without -one-file-system: problems %q, records %q; want %s", w.problems, w.records, want)
	}
}

// TestChangedWhileRead: a file truncated while it is read ends with a
// failure that says so, after the records read before; a file whose
// modification time changes too. Before, a truncated file counted as
// read to the end.
func TestChangedWhileRead(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "big.txt")
	var b strings.Builder
	for i := 0; b.Len() < 4<<20; i++ {
		fmt.Fprintf(&b, "line %d user%d@example.com\n", i, i)
	}
	lines := strings.Count(b.String(), "\n")
	write(t, path, b.String())
	truncated := false
	w := walkHook(t, Factory{}, dir, func(r connectors.Record) {
		if !truncated && !r.Terminal() {
			truncated = true
			must(t, os.Truncate(path, 0))
		}
	})
	if len(w.problems) != 1 || !strings.HasPrefix(w.problems[0], "big.txt: skip=false changed while it was read: size 4.0 MiB → 0 B") {
		t.Errorf("problems %q, want one: changed while it was read", w.problems)
	}
	if len(w.done) != 0 {
		t.Errorf("done %q: the object must end with its failure alone", w.done)
	}
	read := 0
	for _, r := range w.records {
		read += strings.Count(r, "\n") + 1
	}
	if read == 0 || read >= lines {
		t.Errorf("%d of %d lines read: want what was read before the truncation", read, lines)
	}

	write(t, path, "line 1\nline 2\n")
	w = walkHook(t, Factory{}, dir, func(r connectors.Record) {
		if !r.Terminal() {
			must(t, os.Chtimes(path, time.Time{}, time.Unix(1e9, 0)))
		}
	})
	if len(w.problems) != 1 || !strings.Contains(w.problems[0], "skip=false changed while it was read: modified ") || len(w.records) != 1 {
		t.Errorf("a new modification time: problems %q, records %q", w.problems, w.records)
	}

	// Hard negative: a file left alone is read to the end.
	if w := walk(t, dir); len(w.problems) != 0 || fmt.Sprint(w.done) != "[big.txt text utf-8]" {
		t.Errorf("unchanged: problems %q, done %q", w.problems, w.done)
	}
}

func TestGuardFlags(t *testing.T) {
	for _, args := range [][]string{nil, {"-follow-symlinks"}, {"-one-file-system"}, {"-follow-symlinks", "-one-file-system"}} {
		f := &Factory{}
		fs := flag.NewFlagSet("scan", flag.ContinueOnError)
		f.RegisterFlags(fs)
		must(t, fs.Parse(args))
		must(t, f.ApplyFlags())
		if f.FollowSymlinks != slices.Contains(args, "-follow-symlinks") || f.OneFileSystem != slices.Contains(args, "-one-file-system") {
			t.Errorf("%q: FollowSymlinks %v, OneFileSystem %v", args, f.FollowSymlinks, f.OneFileSystem)
		}
	}
}
