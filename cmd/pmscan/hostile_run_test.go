package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/pmscan/pmscan/reports/inventory"
)

// The hostile suite runs the real binary, as users do: a parser that
// loops or blows up shows as a hang or as the process's peak memory,
// which no in-process test can measure apart from the test's own.

var builtPmscan struct {
	once sync.Once
	path string
	err  error
	out  []byte
}

// pmscanBinary builds the pmscan binary once per test run, without -race
// whatever the tests run with: the suite measures the binary users run.
// It goes under XDG_STATE_HOME, the temporary directory TestMain removes.
func pmscanBinary(t *testing.T) string {
	t.Helper()
	builtPmscan.once.Do(func() {
		dir := os.Getenv("XDG_STATE_HOME")
		if dir == "" {
			builtPmscan.err = os.ErrNotExist
			return
		}
		builtPmscan.path = filepath.Join(dir, "bin", "pmscan")
		// go test puts its own go first on PATH.
		build := exec.Command("go", "build", "-o", builtPmscan.path, ".")
		builtPmscan.out, builtPmscan.err = build.CombinedOutput()
	})
	if builtPmscan.err != nil {
		t.Fatalf("go build: %v\n%s", builtPmscan.err, builtPmscan.out)
	}
	return builtPmscan.path
}

// childRun is how one run of the binary ended.
type childRun struct {
	code    int
	stderr  string
	wall    time.Duration
	peakRSS int64 // bytes: the child's maximum resident set size
}

// startPmscan starts the binary with args, in English, and returns the
// command and a function that waits for it: the test fails if the
// process does not end within timeout (it is then killed).
func startPmscan(t *testing.T, timeout time.Duration, args ...string) (*exec.Cmd, func() childRun) {
	t.Helper()
	cmd := exec.Command(pmscanBinary(t), args...)
	cmd.Env = append(os.Environ(), "LC_ALL=", "LC_MESSAGES=", "LANG=C")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill() }) // a test that stops early leaves no scan behind
	var killed bool
	var stuckOn []string // the files it had open when killed
	var mu sync.Mutex
	timer := time.AfterFunc(timeout, func() {
		mu.Lock()
		killed = true
		stuckOn, _ = openFiles(cmd.Process.Pid)
		mu.Unlock()
		cmd.Process.Kill()
	})
	return cmd, func() childRun {
		t.Helper()
		err := cmd.Wait()
		timer.Stop()
		r := childRun{wall: time.Since(start), stderr: stderr.String()}
		mu.Lock()
		defer mu.Unlock()
		if killed {
			t.Fatalf("pmscan %s did not end within %v: killed with open %s; stderr:\n%s", strings.Join(args, " "), timeout, short(strings.Join(stuckOn, ", ")), tail(r.stderr, 4000))
		}
		if _, ok := err.(*exec.ExitError); err != nil && !ok {
			t.Fatalf("pmscan: %v", err)
		}
		r.code = cmd.ProcessState.ExitCode()
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			r.peakRSS = ru.Maxrss << 10 // KiB on Linux
		}
		return r
	}
}

// openFiles lists the files process pid has open, from /proc/PID/fd:
// the scan has a file open for as long as it reads it.
func openFiles(pid int) ([]string, error) {
	fds := filepath.Join("/proc", strconv.Itoa(pid), "fd")
	entries, err := os.ReadDir(fds)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if name, err := os.Readlink(filepath.Join(fds, e.Name())); err == nil && strings.HasPrefix(name, "/") {
			names = append(names, name)
		}
	}
	return names, nil
}

// readInventory reads a report written with -format json.
func readInventory(t *testing.T, path string) *inventory.Inventory {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("the report: %v", err)
	}
	var inv inventory.Inventory
	if err := json.Unmarshal(data, &inv); err != nil {
		t.Fatalf("the report does not parse: %v\n%s", err, tail(string(data), 2000))
	}
	return &inv
}

// byType is the findings at each place, by detector type.
func byType(inv *inventory.Inventory) map[string]map[string]int64 {
	m := map[string]map[string]int64{}
	for _, p := range inv.Places {
		m[p.Name] = p.ByType
	}
	return m
}

// deepRun is a run of "d/" path elements, as the deep trees have.
var deepRun = regexp.MustCompile(`(?:d/){4,}`)

// short shortens a path through a deep tree for messages: d/d/d/… as
// d/×1500/.
func short(s string) string {
	return deepRun.ReplaceAllStringFunc(s, func(m string) string {
		return "d/×" + strconv.Itoa(len(m)/2) + "/"
	})
}

// tail is the last n bytes of s.
func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "…" + s[len(s)-n:]
}
