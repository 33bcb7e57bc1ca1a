package files

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/pmscan/pmscan/connectors"
)

type walked struct {
	records  []string // path:line:column:data
	done     []string // path format encoding
	problems []string // path: error, each ending its object
}

func walk(t *testing.T, target string) walked {
	t.Helper()
	return walkWith(t, Factory{}, target)
}

func walkWith(t *testing.T, f Factory, target string) walked {
	t.Helper()
	return walkHook(t, f, target, nil)
}

// walkTimeout bounds every walk of these tests: a walk that wanders out of
// its fixture (into /proc, say) fails instead of hanging.
const walkTimeout = 20 * time.Second

// walkHook walks target, calling hook, when not nil, with each record
// before it is noted.
func walkHook(t *testing.T, f Factory, target string, hook func(connectors.Record)) walked {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), walkTimeout)
	defer cancel()
	c, err := f.Open(ctx, target)
	if err != nil {
		t.Fatal(err)
	}
	var w walked
	err = c.Walk(ctx, func(r connectors.Record, err error) error {
		if hook != nil {
			hook(r)
		}
		path := rel(target, r.Loc.Object.Path)
		switch {
		case err != nil:
			if !r.Terminal() {
				t.Errorf("%s: %v: a file-level problem must end its object", path, err)
			}
			w.problems = append(w.problems, fmt.Sprintf("%s: skip=%v %v", path, connectors.IsSkip(err), err))
		case r.Terminal():
			w.done = append(w.done, fmt.Sprintf("%s %s %s", path, r.Done.Format, r.Loc.Object.Encoding))
		default:
			w.records = append(w.records, fmt.Sprintf("%s:%d:%s:%s", path, r.Loc.Line, r.Loc.Column, strings.TrimSpace(string(r.Data))))
		}
		return nil
	})
	if err != nil {
		t.Fatalf("Walk: %v", err)
	}
	return w
}

func rel(root, p string) string {
	r, err := filepath.Rel(filepath.ToSlash(root), p)
	if err != nil {
		return p
	}
	return filepath.ToSlash(r)
}

func write(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestWalkTreeInOrderWithFormats(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "b.txt"), "hello\nworld\n")
	write(t, filepath.Join(dir, "a", "c.csv"), "名前,電話\nX,03-1234-5678\n")
	write(t, filepath.Join(dir, "a", "d.json"), `{"k":"v"}`)
	w := walk(t, dir)
	want := []string{"a/c.csv:1::名前", "a/c.csv:1::電話", "a/c.csv:2:名前:X", "a/c.csv:2:電話:03-1234-5678", "a/d.json:1::k", "a/d.json:1:k:v", "b.txt:1::hello\nworld"}
	if fmt.Sprint(w.records) != fmt.Sprint(want) {
		t.Errorf("records:\n got  %q\n want %q", w.records, want)
	}
	if fmt.Sprint(w.done) != "[a/c.csv csv utf-8 a/d.json json utf-8 b.txt text utf-8]" {
		t.Errorf("done = %q", w.done)
	}
	if len(w.problems) != 0 {
		t.Errorf("problems = %q", w.problems)
	}
}

// TestWalkRecordsLoopsBrokenLinksAndSpecial. An unreadable file used to
// be a link to /proc/self/mem, the one file even root cannot read; /proc
// is no longer entered (TestPseudoFilesystemsNotEntered).
func TestWalkRecordsLoopsBrokenLinksAndSpecial(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "sub", "ok.txt"), "fine")
	must(t, os.Symlink("..", filepath.Join(dir, "sub", "loop")))
	must(t, os.Symlink("missing.txt", filepath.Join(dir, "broken")))
	must(t, syscall.Mkfifo(filepath.Join(dir, "fifo"), 0o644))
	w := walk(t, dir)
	want := []string{
		"broken: skip=false broken symlink: stat " + filepath.Join(dir, "broken") + ": no such file or directory",
		"fifo: skip=true special file (named pipe)",
		"sub/loop: skip=true symlink loop: directory is its own ancestor",
	}
	if fmt.Sprint(w.problems) != fmt.Sprint(want) {
		t.Fatalf("problems:\n got  %q\n want %q", w.problems, want)
	}
	if fmt.Sprint(w.records) != "[sub/ok.txt:1::fine]" {
		t.Errorf("records = %q", w.records)
	}
}

func TestOpenTargets(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "one.txt"), "x")
	for _, target := range []string{filepath.Join(dir, "one.txt"), "file://" + filepath.Join(dir, "one.txt"), "file://localhost" + dir} {
		if _, err := (Factory{}).Open(context.Background(), target); err != nil {
			t.Errorf("Open(%q): %v", target, err)
		}
	}
	_, err := Factory{}.Open(context.Background(), filepath.Join(dir, "nope"))
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing target: err = %v, want not-exist", err)
	}
	if _, err := (Factory{}).Open(context.Background(), "file://otherhost/x"); err == nil {
		t.Error("a remote file URL must be refused")
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
