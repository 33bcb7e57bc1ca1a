package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/pmscan/pmscan/connectors"
	connall "github.com/pmscan/pmscan/connectors/all"
	"github.com/pmscan/pmscan/internal/i18n"
	"github.com/pmscan/pmscan/internal/queue"
	"github.com/pmscan/pmscan/internal/safetext"
	"github.com/pmscan/pmscan/reports/store"
)

const workerUsage = `Usage: pmscan worker -state postgres://… [-concurrency N]

Runs the units of distributed scans (pmscan scan -distributed) from the
queue in the PostgreSQL state store until stopped. Credentials for the
targets come as for pmscan scan: PGPASSWORD, ~/.pgpass, MYSQL_PWD, the
AWS default chain; never through the queue. SIGTERM or Ctrl-C: no new
unit is taken, and the running ones get -stop-grace to end before they
are given back to the queue.

Flags:
`

func runWorker(ctx context.Context, p *i18n.Printer, args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("pmscan worker", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		p.Fprintf(stderr, workerUsage)
		fs.PrintDefaults()
	}
	state := fs.String("state", "", p.Sprintf("the PostgreSQL state store of the distributed scans: a postgres:// `URL`"))
	concurrency := fs.Int("concurrency", 1, p.Sprintf("units run at once"))
	unitTimeout := fs.Duration("unit-timeout", queue.DefaultUnitTimeout, p.Sprintf("cancel a unit that runs longer than `DURATION` plus a second per megabyte it holds, and try it again; a unit whose worker died is run again soon after that"))
	listen := fs.String("listen", "", p.Sprintf("serve /healthz and /metrics (the queue's depth, for an autoscaler) on `ADDRESS`, e.g. :9465 (default: none)"))
	grace := fs.Duration("stop-grace", 30*time.Second, p.Sprintf("on SIGTERM, how long the running units get to end before they are given back (`DURATION`)"))
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return exitOK
		}
		return exitUsage
	}
	if fs.NArg() > 0 {
		return usageError(p, stderr, "pmscan worker", "pmscan worker", i18n.Errorf("unexpected argument %q", fs.Arg(0)))
	}
	if err := (&scanOptions{state: *state}).checkDistributed(); err != nil {
		return usageError(p, stderr, "pmscan worker", "pmscan worker", err)
	}
	pool, err := queue.Open(ctx, *state)
	if err != nil {
		p.Fprintf(safetext.LineWriter(stderr), "pmscan worker: %v\n", err)
		return exitTargetError
	}
	defer pool.Close()
	st, err := store.Open(ctx, *state)
	if err != nil {
		p.Fprintf(safetext.LineWriter(stderr), "pmscan worker: %v\n", err)
		return exitTargetError
	}
	defer st.Close()
	if *listen != "" {
		ln, err := net.Listen("tcp", *listen)
		if err != nil {
			p.Fprintf(safetext.LineWriter(stderr), "pmscan worker: %v\n", err)
			return exitUsage
		}
		srv := &http.Server{Handler: workerHandler(pool), ReadHeaderTimeout: 10 * time.Second}
		go srv.Serve(ln)
		defer srv.Close()
	}
	logf := func(format string, a ...any) {
		fmt.Fprintf(safetext.LineWriter(stderr), "pmscan worker: "+format+"\n", a...)
	}
	sets := &detectorSets{}
	run := func(ctx context.Context, u queue.Unit) (int64, error) {
		return runUnit(ctx, p, st, *state, sets, u, stderr)
	}
	logf("waiting for units (concurrency %d)", *concurrency)
	if err := queue.Work(ctx, pool, run, queue.WorkerOptions{Concurrency: *concurrency, UnitTimeout: *unitTimeout, Logf: logf}, *grace); err != nil {
		p.Fprintf(safetext.LineWriter(stderr), "pmscan worker: %v\n", err)
		return exitTargetError
	}
	return exitOK
}

// workerHandler serves /healthz (the process is up) and /metrics (the
// queue's depth, and Go's own).
func workerHandler(pool *pgxpool.Pool) http.Handler {
	reg := prometheus.NewRegistry()
	reg.MustRegister(queue.NewCollector(pool), collectors.NewGoCollector())
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, "ok\n") })
	mux.Handle("GET /metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
	return mux
}

// runUnit scans unit u as the distributed scan's arguments say, as a unit
// scan of its own in the store at state, and returns its ID. A scan that
// could not walk its target, or keep what it found, is an error: the
// unit is tried again.
func runUnit(ctx context.Context, p *i18n.Printer, st *store.Store, state string, sets *detectorSets, u queue.Unit, stderr io.Writer) (int64, error) {
	args, targets, err := st.DistributedArgs(ctx, u.Scan)
	if err != nil {
		return 0, err
	}
	if u.Target < 0 || u.Target >= len(targets) {
		return 0, i18n.Errorf("unit %d of scan %d: no target %d", u.Number, u.Scan, u.Target)
	}
	if len(u.Objects) == 0 {
		return 0, i18n.Errorf("unit %d of scan %d: no objects", u.Number, u.Scan)
	}
	objects := make(map[string]bool, len(u.Objects))
	for _, name := range u.Objects {
		objects[name] = true
	}
	o := &scanOptions{factories: connall.Factories(), p: p, cmd: "pmscan worker",
		unit: &unitRun{parent: u.Scan, target: targets[u.Target], objects: objects, after: u.After, last: u.Objects[len(u.Objects)-1], state: state, sets: sets}}
	out := o.scan(ctx, args, io.Discard, stderr)
	switch out.code {
	case exitOK, exitItemErrors, exitFindings:
		return out.id, nil
	}
	return 0, i18n.Errorf("unit %d of scan %d: its scan ended with exit status %d", u.Number, u.Scan, out.code)
}

// unitOverrides make a scan given the distributed scan's arguments one of
// its units: no report (the distributed scan writes it), the worker's
// state store, only the unit's target, every object of the unit read.
func (o *scanOptions) unitOverrides() {
	o.output, o.columns, o.format, o.progress, o.quiet, o.failOnFindings = "", "", "text", "never", true, false
	o.distributed, o.resume, o.full = false, false, true
	o.state = o.unit.state
	for _, t := range o.targets {
		if connectors.Redact(t) == o.unit.target {
			o.targets = []string{t}
			return
		}
	}
	o.targets = nil
}
