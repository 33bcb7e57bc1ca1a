package main

import (
	"context"
	"errors"
	"flag"
	"io"
	"net"
	"net/http"
	"runtime/debug"
	"sync"
	"time"

	"github.com/pmscan/pmscan/internal/config"
	"github.com/pmscan/pmscan/internal/i18n"
	"github.com/pmscan/pmscan/internal/metrics"
	"github.com/pmscan/pmscan/reports/inventory"
	"github.com/pmscan/pmscan/reports/store"
)

const serveUsage = `Usage: pmscan serve -config FILE [flags]

Runs the config's targets on their schedules until stopped: one scan of a
target at a time (pmscan instances sharing a PostgreSQL state store take a
lock in it, so that only one scans a target at once); a run missed while
pmscan was not running runs once when it starts, and a scan stopped by
SIGTERM or Ctrl-C is resumed. SIGTERM checkpoints the running scans and
exits. With -listen: /healthz, /readyz, /metrics (Prometheus) and
/api/v1/scans (the targets and the recent scans, as JSON), none with
personal data.

Flags:
`

// runServe is pmscan serve.
func runServe(ctx context.Context, p *i18n.Printer, args []string, stderr io.Writer) int {
	var listen *string
	c := &configCommand{name: "pmscan serve", usage: func(p *i18n.Printer, w io.Writer) { p.Fprintf(w, serveUsage) }, extra: func(fs *flag.FlagSet) {
		listen = fs.String("listen", "", p.Sprintf("serve /healthz, /readyz, /metrics and /api/v1/scans on `ADDRESS`, e.g. 127.0.0.1:9464 (default: none)"))
	}}
	fs, code, ok := c.parse(p, args, stderr)
	if !ok {
		return code
	}
	if fs.NArg() > 0 {
		return usageError(p, stderr, c.name, c.name, i18n.Errorf("unexpected argument %q", fs.Arg(0)))
	}
	f, code := c.open(ctx, p, stderr, metrics.New(version()))
	if f == nil {
		return code
	}
	defer f.close()
	var srv *http.Server
	if *listen != "" {
		ln, err := net.Listen("tcp", *listen)
		if err != nil {
			f.log.Error("-listen", "error", err)
			return exitUsage
		}
		srv = &http.Server{Handler: f.handler(), ReadHeaderTimeout: 10 * time.Second}
		go srv.Serve(ln)
		f.log.Info("listening", "address", ln.Addr().String())
	}
	f.log.Info("serving", "config", f.cfg.Source, "targets", len(f.cfg.Targets))
	f.serve(ctx)

	f.log.Info("stopping")
	if srv != nil {
		stop, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Second)
		srv.Shutdown(stop)
		cancel()
	}
	return exitOK
}

// serve runs each scheduled target on its schedule until ctx ends, and
// waits for the scans running then to stop (they checkpoint and record
// themselves interrupted).
func (f *fleet) serve(ctx context.Context) {
	var wg sync.WaitGroup
	for i := range f.cfg.Targets {
		t := &f.cfg.Targets[i]
		if f.metrics != nil {
			f.metrics.Target(t.Name)
		}
		if !t.Scheduled() {
			f.log.Info("not scheduled: run it with pmscan run", "target", t.Name)
			continue
		}
		wg.Go(func() { f.schedule(ctx, t) })
	}
	wg.Wait()
}

// schedule runs t at each time of its schedule. A time that passes while
// t's scan still runs is skipped (and counted): scans of a target do not
// queue up behind a slow one.
func (f *fleet) schedule(ctx context.Context, t *config.Target) {
	log := f.log.With("target", t.Name)
	due, why := f.firstDue(ctx, t, time.Now())
	for {
		f.scheduled(t.Name, due)
		log.Info("next run", "at", due.Format(time.RFC3339), "why", why)
		if !sleepUntil(ctx, due) {
			return
		}
		f.runTarget(ctx, t)
		if ctx.Err() != nil {
			return
		}
		// Between scans, hours apart, the heap the scan grew is garbage:
		// give it back to the system now rather than over minutes.
		debug.FreeOSMemory()
		next, missed := nextAfterRun(t, due, time.Now())
		if missed > 0 {
			log.Warn("runs skipped: the scan ran past them", "skipped", missed)
			for range missed {
				f.skipped(t.Name, "running")
			}
		}
		due, why = next, "schedule"
	}
}

// nextAfterRun is the first time of t's schedule after due, the time the
// run that ended at now was due, that is still to come, and how many
// times passed while it ran: those are skipped, not run one after another.
func nextAfterRun(t *config.Target, due, now time.Time) (next time.Time, skipped int) {
	next = t.Next(due)
	for !next.After(now) && skipped < maxMissed {
		next, skipped = t.Next(next), skipped+1
	}
	if !next.After(now) {
		next = t.Next(now) // a schedule of every second behind a day's scan
	}
	return next, skipped
}

// maxMissed bounds the times counted as skipped after a long scan.
const maxMissed = 1000

// firstDue is when t first runs after pmscan serve starts: now when its
// latest scan did not end (stopped by SIGTERM, killed, failed: it is
// resumed) or when a time of its schedule passed since that scan began
// (a run missed while pmscan was down runs once, not once per missed
// time); else at the schedule's next time.
func (f *fleet) firstDue(ctx context.Context, t *config.Target, now time.Time) (time.Time, string) {
	last, err := f.st.LatestRun(ctx, t.StoreName())
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		f.log.Warn("the latest scan could not be read; waiting for the schedule", "target", t.Name, "error", err)
		last = nil
	}
	return dueAfter(t, last, now)
}

// dueAfter is firstDue's decision, given the latest scan of the target
// (nil for none).
func dueAfter(t *config.Target, last *store.Scan, now time.Time) (time.Time, string) {
	if last == nil {
		return t.Next(now), "schedule"
	}
	switch last.Status() {
	case store.ScanUnfinished:
		return t.Next(now), "schedule" // another process's scan, alive: its own to finish
	case inventory.StatusComplete, inventory.StatusUnreadable:
	default:
		return now, "resume: the latest scan did not end complete"
	}
	if missed := t.Next(last.Info.Started); !missed.After(now) {
		return now, "missed: a run was due at " + missed.Format(time.RFC3339)
	}
	return t.Next(now), "schedule"
}

// sleepUntil waits until t, or ctx's end: false then.
func sleepUntil(ctx context.Context, t time.Time) bool {
	timer := time.NewTimer(time.Until(t))
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-timer.C:
		return true
	}
}

func (f *fleet) scheduled(target string, at time.Time) {
	if f.metrics != nil {
		f.metrics.Scheduled(target, at)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.status[target].NextRun = &at
}
