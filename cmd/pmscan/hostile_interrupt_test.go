package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/pmscan/pmscan/internal/testkit/hostile"
	"github.com/pmscan/pmscan/reports/inventory"
)

// interruptBound is how soon after Ctrl-C pmscan must have exited, its
// report written: cancellation must reach a parser within a second (issue
// 15), and the report takes a moment more.
const interruptBound = 2 * time.Second

// TestHostileInterrupt sends SIGINT while the scan is inside a hostile
// object, whose parser would otherwise keep it busy for a long time, and
// checks that pmscan exits 130 promptly with its report written, holding
// what was found before. Padded copies of the self-referencing PDF follow
// the object, so that the scan is still busy when the signal comes even
// once the object itself is cut short by a budget.
func TestHostileInterrupt(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and interrupts it; run without -short")
	}
	for _, c := range []struct {
		name  string
		write hostile.Writer
		file  string // the object: the signal goes once the scan has it open
	}{
		{"self-referencing PDF", hostile.PDFSelfReferencing, "loop.pdf"},
		{"PDF flate bomb", hostile.PDFFlateBomb, "flate-bomb.pdf"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "tree")
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			planted, err := hostile.Contacts(dir, "a-contacts.txt", 2, hostileSeed)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := c.write(dir, hostileSeed); err != nil {
				t.Fatal(err)
			}
			if err := hostile.PDFSelfReferencingPadded(filepath.Join(dir, "z-ballast"), hostileSeed, 20, 1<<20); err != nil {
				t.Fatal(err)
			}
			report := filepath.Join(t.TempDir(), "report.json")
			cmd, wait := startPmscan(t, 2*time.Minute, "scan", "-state", "none", "-format", "json", "-o", report, dir)

			open := waitForOpen(t, cmd.Process.Pid, func(name string) bool {
				return filepath.Base(name) == c.file || strings.HasPrefix(filepath.Base(name), "loop-")
			})
			if filepath.Base(open) != c.file {
				t.Logf("%s was done before the signal could be sent inside it: sent inside %s", c.file, filepath.Base(open))
			}
			time.Sleep(200 * time.Millisecond) // well inside the parser
			signalled := time.Now()
			if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
				t.Fatal(err)
			}
			run := wait()
			latency := time.Since(signalled)
			t.Logf("exit %d %v after SIGINT inside %s; peak RSS %d MiB", run.code, latency.Round(time.Millisecond), filepath.Base(open), run.peakRSS>>20)

			if run.code != exitInterrupted {
				t.Fatalf("exit %d, want %d; stderr:\n%s", run.code, exitInterrupted, tail(run.stderr, 4000))
			}
			if latency > interruptBound {
				t.Errorf("pmscan took %v to exit after SIGINT, want at most %v", latency.Round(time.Millisecond), interruptBound)
			}
			inv := readInventory(t, report)
			if inv.Status != inventory.StatusInterrupted {
				t.Errorf("status %q, want %q", inv.Status, inventory.StatusInterrupted)
			}
			found := byType(inv)
			for _, p := range planted {
				if got := found[dir+"/"+p.Path][p.Type]; got < int64(p.Count) {
					t.Errorf("%s: %d %s findings kept, want %d", p.Path, got, p.Type, p.Count)
				}
			}
		})
	}
}

// waitForOpen waits until process pid has a file open whose path match
// accepts, and returns that path.
func waitForOpen(t *testing.T, pid int, match func(string) bool) string {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for time.Now().Before(deadline) {
		names, err := openFiles(pid)
		if err != nil {
			t.Fatalf("pmscan ended before it opened the object: %v", err)
		}
		for _, name := range names {
			if match(name) {
				return name
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("pmscan did not open the object within a minute")
	return ""
}

// TestHostileFollowSymlinks: with -follow-symlinks, links into /proc,
// /sys and /dev are still not entered (nor /dev/zero read for ever): each
// is recorded as skipped, and nothing outside the target is reported.
func TestHostileFollowSymlinks(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary; run without -short")
	}
	dir := filepath.Join(t.TempDir(), "tree")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := hostile.WritePseudoLinks(dir, hostileSeed); err != nil {
		t.Fatal(err)
	}
	planted, err := hostile.Contacts(dir, "zz-after.txt", 1, hostileSeed)
	if err != nil {
		t.Fatal(err)
	}
	report := filepath.Join(t.TempDir(), "report.json")
	_, wait := startPmscan(t, time.Minute, "scan", "-follow-symlinks", "-state", "none", "-format", "json", "-o", report, dir)
	run := wait()
	t.Logf("scan: %v, exit %d, peak RSS %d MiB", run.wall.Round(time.Millisecond), run.code, run.peakRSS>>20)
	if run.code != exitOK {
		t.Errorf("exit %d, want %d (skips only); stderr:\n%s", run.code, exitOK, tail(run.stderr, 4000))
	}
	inv := readInventory(t, report)
	checkInsideTree(t, dir, inv)
	checkProblems(t, dir+"/", pseudoLinkProblems(), inv.Problems)
	found := byType(inv)
	for _, p := range planted {
		if got := found[dir+"/"+p.Path][p.Type]; got < int64(p.Count) {
			t.Errorf("%s: %d %s findings, want %d", p.Path, got, p.Type, p.Count)
		}
	}
}
