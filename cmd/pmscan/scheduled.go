package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"strings"
	"sync"
	"time"

	connall "github.com/pmscan/pmscan/connectors/all"
	"github.com/pmscan/pmscan/internal/config"
	"github.com/pmscan/pmscan/internal/i18n"
	"github.com/pmscan/pmscan/internal/metrics"
	"github.com/pmscan/pmscan/internal/notify"
	"github.com/pmscan/pmscan/reports/inventory"
	"github.com/pmscan/pmscan/reports/store"
)

// fleet is the config's targets and what their scheduled scans share:
// the state store (for locks, and for what is new since the last scan;
// each scan opens its own), the log, the metrics and the webhook.
type fleet struct {
	cfg      *config.Config
	p        *i18n.Printer
	log      *slog.Logger
	st       *store.Store
	metrics  *metrics.Metrics // nil for pmscan run
	notifier *notify.Notifier // nil without notify: in the config

	mu     sync.Mutex
	status map[string]*targetStatus // by target name, for /api/v1/scans
}

// targetStatus is what pmscan serve knows of a target's runs.
type targetStatus struct {
	Name         string     `json:"name"`
	Schedule     string     `json:"schedule,omitempty"`
	Running      bool       `json:"running"`
	RunningSince *time.Time `json:"running_since,omitempty"`
	NextRun      *time.Time `json:"next_run,omitempty"`
	LastScan     int64      `json:"last_scan,omitempty"`
	LastStatus   string     `json:"last_status,omitempty"`
	LastExitCode *int       `json:"last_exit_code,omitempty"`
	LastFinished *time.Time `json:"last_finished,omitempty"`
	LastSuccess  *time.Time `json:"last_success,omitempty"`
}

func newFleet(cfg *config.Config, p *i18n.Printer, log *slog.Logger, st *store.Store) *fleet {
	f := &fleet{cfg: cfg, p: p, log: log, st: st, status: map[string]*targetStatus{}}
	for i := range cfg.Targets {
		t := &cfg.Targets[i]
		f.status[t.Name] = &targetStatus{Name: t.Name, Schedule: t.Schedule}
	}
	return f
}

// scheduledArgs are the pmscan scan arguments of target t's scheduled
// scan: the config's store, policy and key, the target's options, its URL
// (with password, when it has a password file) last. The scan keeps them,
// redacted, as its command: the same scan can be run by hand.
func scheduledArgs(cfg *config.Config, t *config.Target, password string) []string {
	args := []string{"-progress=never", "-format=text"}
	if cfg.State != "" {
		args = append(args, "-state="+cfg.State)
	}
	if cfg.Policy != "" {
		args = append(args, "-policy="+cfg.Policy)
	}
	if cfg.LookupKey != "" {
		args = append(args, "-lookup-key="+cfg.LookupKey)
	}
	for _, r := range cfg.Rules {
		args = append(args, "-rules="+r)
	}
	for _, a := range cfg.Allow {
		args = append(args, "-allow="+a)
	}
	return append(args, t.ScanArgs(password)...)
}

// readPassword reads a target's password file: its first line.
func readPassword(path string) (string, error) {
	if path == "" {
		return "", nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	line, _, _ := strings.Cut(string(b), "\n")
	return strings.TrimSuffix(line, "\r"), nil
}

// runTarget runs one scheduled scan of t, to the end or until ctx ends,
// and returns its exit code (pmscan scan's). Another pmscan holding the
// target's lock is not a failure: the run is skipped.
func (f *fleet) runTarget(ctx context.Context, t *config.Target) int {
	log := f.log.With("target", t.Name)
	lock, err := f.st.LockTarget(ctx, t.StoreName())
	if errors.Is(err, store.ErrTargetLocked) {
		log.Info("run skipped: another pmscan is scanning the target")
		f.skipped(t.Name, "locked")
		return exitOK
	}
	started := time.Now()
	f.begun(t.Name, started)
	if err != nil {
		log.Error("run failed: the state store", "error", err)
		return f.ended(ctx, t, log, scanOutcome{code: exitTargetError}, started, err.Error())
	}
	defer lock.Unlock()
	password, err := readPassword(t.PasswordFile)
	if err != nil {
		log.Error("run failed: password_file", "error", err)
		return f.ended(ctx, t, log, scanOutcome{code: exitTargetError}, started, "password_file: "+err.Error())
	}
	out := &scanLog{log: log, secret: password}
	o := &scanOptions{factories: connall.Factories(), p: f.p, cmd: "pmscan run"}
	log.Info("scan started")
	res := o.scan(ctx, scheduledArgs(f.cfg, t, password), io.Discard, out)
	out.flush()
	return f.ended(ctx, t, log, res, started, out.lastError)
}

// ended records how a run ended: the log, the metrics, the status and the
// webhook. It returns the run's exit code.
func (f *fleet) ended(ctx context.Context, t *config.Target, log *slog.Logger, res scanOutcome, started time.Time, why string) int {
	finished := time.Now()
	status := outcomeStatus(res)
	if why == "" {
		why = targetErrors(res.inv)
	}
	attrs := []any{"scan", res.id, "status", status, "exit_code", res.code, "duration", finished.Sub(started).Round(time.Millisecond).String()}
	if inv := res.inv; inv != nil {
		attrs = append(attrs, "objects", inv.Totals.Objects, "rows", inv.Totals.Rows, "bytes", inv.Totals.Bytes,
			"findings", inv.Totals.Findings, "flags", len(inv.Flags), "failed_items", inv.Totals.Failed)
		if c := inv.Changes; c != nil {
			attrs = append(attrs, "read", c.Read, "carried", c.Carried)
		}
	}
	if res.code == exitOK || res.code == exitFindings {
		log.Info("scan ended", attrs...)
	} else {
		log.Warn("scan ended", append(attrs, "error", why)...)
	}
	failed := res.code == exitTargetError || res.code == exitStoreFailed || (res.inv == nil && res.code != exitInterrupted)
	if f.metrics != nil {
		f.metrics.Finished(t.Name, metrics.Scan{Status: status, Failed: failed, Duration: finished.Sub(started), Finished: finished, Inventory: res.inv})
	}
	f.record(t.Name, res, status, finished)
	if f.notifier != nil && ctx.Err() == nil {
		// A scan stopped because pmscan is stopping is not news: the next
		// start resumes it.
		f.notify(ctx, t, log, res, status, started, finished, why)
	}
	return res.code
}

// outcomeStatus is how a scan ended, as the inventory words it.
func outcomeStatus(res scanOutcome) string {
	switch {
	case res.inv != nil:
		return res.inv.Status
	case res.code == exitInterrupted:
		return inventory.StatusInterrupted
	}
	return inventory.StatusFailed
}

// targetErrors are the errors of the targets the scan could not walk, as
// its report words them: "TARGET: ERROR; …".
func targetErrors(inv *inventory.Inventory) string {
	if inv == nil {
		return ""
	}
	var errs []string
	for _, t := range inv.Targets {
		if t.Error != "" {
			errs = append(errs, t.Name+": "+t.Error)
		}
	}
	return strings.Join(errs, "; ")
}

func (f *fleet) begun(target string, at time.Time) {
	if f.metrics != nil {
		f.metrics.Started(target)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	s := f.status[target]
	s.Running, s.RunningSince = true, &at
}

func (f *fleet) record(target string, res scanOutcome, status string, at time.Time) {
	f.mu.Lock()
	defer f.mu.Unlock()
	s := f.status[target]
	code := res.code
	s.Running, s.RunningSince = false, nil
	s.LastScan, s.LastStatus, s.LastExitCode, s.LastFinished = res.id, status, &code, &at
	if status == inventory.StatusComplete || status == inventory.StatusUnreadable {
		s.LastSuccess = &at
	}
}

func (f *fleet) skipped(target, reason string) {
	if f.metrics != nil {
		f.metrics.Skipped(target, reason)
	}
}

// statuses are the targets' statuses, in the config's order.
func (f *fleet) statuses() []targetStatus {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make([]targetStatus, 0, len(f.cfg.Targets))
	for _, t := range f.cfg.Targets {
		out = append(out, *f.status[t.Name])
	}
	return out
}

// scanLog takes what a scheduled scan writes on standard error and logs
// it, a line per record. The scan redacts credentials from what it
// writes; a password read from a password file is taken out here too,
// should a driver's error quote it.
type scanLog struct {
	log       *slog.Logger
	secret    string
	partial   []byte
	lastError string // the last error the scan wrote, for the webhook
}

func (w *scanLog) Write(b []byte) (int, error) {
	w.partial = append(w.partial, b...)
	for {
		i := bytes.IndexByte(w.partial, '\n')
		if i < 0 {
			break
		}
		w.line(string(w.partial[:i]))
		w.partial = w.partial[i+1:]
	}
	return len(b), nil
}

func (w *scanLog) flush() {
	if len(w.partial) > 0 {
		w.line(string(w.partial))
		w.partial = nil
	}
}

func (w *scanLog) line(l string) {
	if w.secret != "" {
		l = strings.ReplaceAll(l, w.secret, "xxxxx")
	}
	// The scan's errors start with its command (openTargets says
	// "pmscan run", the rest "pmscan scan"); its news with "pmscan: ".
	for _, cmd := range []string{"pmscan run: ", "pmscan scan: "} {
		if msg, ok := strings.CutPrefix(l, cmd); ok {
			w.lastError = msg
			w.log.Warn("scan error", "message", msg)
			return
		}
	}
	w.log.Info("scan message", "message", strings.TrimPrefix(l, "pmscan: "))
}
