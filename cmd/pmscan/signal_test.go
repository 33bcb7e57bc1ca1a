package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/pmscan/pmscan/internal/testkit/synthetic"
)

// TestInterruptKeepsFindings runs the real binary on a corpus too large to
// finish quickly, sends SIGINT once findings are flowing, and checks that
// pmscan exits 130 with a well-formed, partial report.
func TestInterruptKeepsFindings(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and a 96 MB corpus; run without -short")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "pmscan")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	corpus := filepath.Join(dir, "corpus")
	if err := synthetic.WriteCorpus(corpus, 96, 1); err != nil {
		t.Fatal(err)
	}

	cmd := exec.Command(bin, "scan", "-format", "jsonl", "-concurrency", "1", corpus)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(stdout)
	sc.Buffer(nil, 1<<20)
	lines := 0
	signalled := false
	deadline := time.AfterFunc(2*time.Minute, func() { cmd.Process.Kill() })
	defer deadline.Stop()
	for sc.Scan() {
		var f map[string]any
		if err := json.Unmarshal(sc.Bytes(), &f); err != nil {
			t.Fatalf("line %d is not JSON: %q", lines+1, sc.Text())
		}
		lines++
		if !signalled && lines >= 10 {
			if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
				t.Fatal(err)
			}
			signalled = true
		}
	}
	err = cmd.Wait()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != exitInterrupted {
		t.Fatalf("wait: %v, want exit %d; stderr:\n%s", err, exitInterrupted, stderr.String())
	}
	if !signalled {
		t.Fatal("scan ended before it could be interrupted")
	}
	if !strings.Contains(stderr.String(), "interrupted: results are partial") {
		t.Errorf("stderr does not say the results are partial:\n%s", stderr.String())
	}
	if lines < 10 {
		t.Errorf("only %d findings written", lines)
	}
	_ = os.Remove(bin)
}
