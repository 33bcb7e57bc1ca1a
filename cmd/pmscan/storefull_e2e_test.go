package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestSQLiteStoreDiskFull: the file system of a SQLite store fills up in
// the middle of a scan. It is a real full disk: a 2 MiB tmpfs, mounted by
// unshare in a mount namespace of the pmscan process's own, so that the
// test needs no privilege and leaves no mount behind. The scan retries
// (SQLITE_FULL is transient), gives the store up, spools the rest to
// another disk, or counts it dropped when the spool's disk is the full
// one too, and writes its whole report either way: exit 5.
func TestSQLiteStoreDiskFull(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary; run without -short")
	}
	unshare := privateMountNamespace(t)
	want := undisturbedReport(t)
	bin := filepath.Join(t.TempDir(), "pmscan")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	corpus := failCorpus(t)
	cases := []struct {
		name      string
		spoolFull bool // the spool goes to the full disk too
	}{
		{"spool on another disk", false},
		{"spool on the full disk", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			full := t.TempDir() // the tmpfs's mount point
			tmp := t.TempDir()
			if c.spoolFull {
				tmp = full
			}
			out := filepath.Join(t.TempDir(), "report.json")
			// sh mounts the tmpfs over full, then becomes pmscan.
			cmd := exec.Command(unshare, "--user", "--map-root-user", "--mount", "sh", "-c",
				`mount -t tmpfs -o size=2m pmscan-test "$1" && shift && exec "$@"`, "sh", full,
				bin, "scan", "-state", filepath.Join(full, "state.db"), "-state-retry", "1s", "-keep-findings", "all",
				"-format", "json", "-o", out, corpus)
			cmd.Env = append(os.Environ(), "TMPDIR="+tmp, "LC_ALL=C")
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			err := cmd.Run()
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() != exitStoreFailed {
				t.Fatalf("pmscan: %v, want exit %d; stderr:\n%s", err, exitStoreFailed, stderr.String())
			}
			errOut := stderr.String()
			got := readReport(t, out)
			if got.Totals != want.Totals || got.Status != want.Status || len(got.Problems) != len(want.Problems) {
				t.Errorf("report: %s %+v, %d problems; want %s %+v, %d problems as undisturbed",
					got.Status, got.Totals, len(got.Problems), want.Status, want.Totals, len(want.Problems))
			}
			loss := got.StateStore
			if loss == nil || loss.Findings == 0 {
				t.Fatalf("state_store = %+v: want what the store lacks; stderr:\n%s", loss, errOut)
			}
			if !strings.Contains(loss.Error, "full") || !strings.Contains(errOut, "retrying for up to 1s") {
				t.Errorf("want the full disk said and retried: state_store.error %q; stderr:\n%s", loss.Error, errOut)
			}
			t.Logf("the store failed with: %s", loss.Error)
			if c.spoolFull {
				if loss.SpoolError == "" || loss.DroppedFindings != loss.Findings || !strings.Contains(errOut, "are kept nowhere") {
					t.Errorf("state_store = %+v: want the spool's failure and every finding since counted dropped; stderr:\n%s", loss, errOut)
				}
				return
			}
			if filepath.Dir(loss.Spool) != tmp || loss.SpoolError != "" || loss.DroppedFindings != 0 {
				t.Fatalf("state_store = %+v: want a spool in %s", loss, tmp)
			}
			if n := spoolFindings(t, loss.Spool, 1); n != loss.Findings {
				t.Errorf("the spool holds %d findings, the report says %d", n, loss.Findings)
			}
			fromSpool := filepath.Join(t.TempDir(), "spool.json")
			var rOut, rErr bytes.Buffer
			if code := run(context.Background(), []string{"report", "-state", loss.Spool, "-scan", "1", "-format", "json", "-o", fromSpool}, &rOut, &rErr); code != exitOK {
				t.Fatalf("report from the spool: exit %d\n%s", code, rErr.String())
			}
			if r := readReport(t, fromSpool); r.Totals != want.Totals {
				t.Errorf("report from the spool: %+v, want %+v", r.Totals, want.Totals)
			}
		})
	}
}

// privateMountNamespace returns unshare's path if this machine lets a
// process mount a tmpfs in a user and mount namespace of its own, and
// otherwise skips the test (fails it in CI), saying why.
func privateMountNamespace(t *testing.T) string {
	t.Helper()
	unshare, err := exec.LookPath("unshare")
	if err == nil {
		dir := t.TempDir()
		var out []byte
		out, err = exec.Command(unshare, "--user", "--map-root-user", "--mount", "sh", "-c",
			`mount -t tmpfs -o size=64k pmscan-test "$1"`, "sh", dir).CombinedOutput()
		if err != nil {
			err = errors.New(strings.TrimSpace(string(out)) + ": " + err.Error())
		}
	}
	if err != nil {
		msg := "a full disk needs a tmpfs mounted in a private namespace (util-linux unshare, user namespaces allowed): " + err.Error()
		if os.Getenv("CI") != "" && os.Getenv("CI") != "false" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return unshare
}
