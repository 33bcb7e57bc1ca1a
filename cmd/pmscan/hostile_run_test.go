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
	"sync/atomic"
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
func pmscanBinary(t testing.TB) string {
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
func startPmscan(t testing.TB, timeout time.Duration, args ...string) (*exec.Cmd, func() childRun) {
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
	hwm := watchHWM(cmd.Process.Pid)
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
		peak := hwm()
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
		if r.peakRSS = peak; peak == 0 {
			t.Errorf("no peak RSS read from /proc/%d/status: the memory bound is not checked", cmd.Process.Pid)
		}
		return r
	}
}

// watchHWM follows the peak resident set of process pid (VmHWM in
// /proc/PID/status, which only grows) until the returned function is
// called, and that function returns it, in bytes. getrusage's ru_maxrss
// cannot be used: Linux carries the parent's peak over into the child's
// at exec (os/exec forks with the parent's memory), so under -race, whose
// test process is large, it measured the test, not pmscan (518 MiB
// against pmscan's own 275 MiB). What the process adds in its last
// polling period is missed; the bound has room for it.
func watchHWM(pid int) func() int64 {
	var peak atomic.Int64
	stop := make(chan struct{})
	done := make(chan struct{})
	path := filepath.Join("/proc", strconv.Itoa(pid), "status")
	go func() {
		defer close(done)
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			if b, err := os.ReadFile(path); err == nil {
				if kb := vmHWM(b); kb<<10 > peak.Load() {
					peak.Store(kb << 10)
				}
			}
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	}()
	return func() int64 {
		close(stop)
		<-done
		return peak.Load()
	}
}

// vmHWM reads "VmHWM:   123456 kB" from a /proc/PID/status.
func vmHWM(status []byte) int64 { return vmField(status, "VmHWM:") }

// vmField reads a field in kB ("VmRSS:", "VmHWM:") from a /proc/PID/status.
func vmField(status []byte, field string) int64 {
	for _, line := range strings.Split(string(status), "\n") {
		if rest, ok := strings.CutPrefix(line, field); ok {
			n, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return n
		}
	}
	return 0
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
