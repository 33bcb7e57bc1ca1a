package main

import (
	"context"
	"flag"
	"io"
	"log/slog"
	"slices"
	"time"

	"github.com/pmscan/pmscan/internal/config"
	"github.com/pmscan/pmscan/internal/i18n"
	"github.com/pmscan/pmscan/internal/metrics"
	"github.com/pmscan/pmscan/internal/safetext"
)

const runConfigUsage = `Usage: pmscan run -config FILE [flags] [TARGET-NAME...]

Runs the config's targets (default: all of them) once each, one after the
other, incrementally, as pmscan serve runs them on their schedules: for a
systemd timer or a Kubernetes CronJob. Each scan is kept in the config's
state store; the webhook is told what is new. The exit code is the worst
of the scans' (pmscan scan's codes: 130, then 3, 5, 4, 1, 0). Logs go to
standard error, one record per line.

Flags:
`

// notifyDrain is how long pmscan run and serve wait, when they stop, for
// the webhook to take what is queued for it.
const notifyDrain = 10 * time.Second

// runFromConfig is pmscan run.
func runFromConfig(ctx context.Context, p *i18n.Printer, args []string, stderr io.Writer) int {
	c := &configCommand{name: "pmscan run", usage: func(p *i18n.Printer, w io.Writer) { p.Fprintf(w, runConfigUsage) }}
	fs, code, ok := c.parse(p, args, stderr)
	if !ok {
		return code
	}
	f, code := c.open(ctx, p, stderr, nil)
	if f == nil {
		return code
	}
	defer f.close()
	targets, err := pickTargets(f.cfg, fs.Args())
	if err != nil {
		return usageError(p, stderr, c.name, c.name, err)
	}
	worst := exitOK
	for _, t := range targets {
		if ctx.Err() != nil {
			f.log.Warn("not run: pmscan run was stopped", "target", t.Name)
			worst = worseExit(worst, exitInterrupted)
			continue
		}
		worst = worseExit(worst, f.runTarget(ctx, t))
	}
	return worst
}

// configCommand is what pmscan run and serve share: -config and
// -log-format, and opening the config's state store and webhook.
type configCommand struct {
	name            string
	usage           func(p *i18n.Printer, w io.Writer) // the text above the flags
	path, logFormat *string
	extra           func(fs *flag.FlagSet) // the command's own flags
}

// parse reads the command line; ok is false when the command should stop
// with code.
func (c *configCommand) parse(p *i18n.Printer, args []string, stderr io.Writer) (fs *flag.FlagSet, code int, ok bool) {
	fs = flag.NewFlagSet(c.name, flag.ContinueOnError)
	c.path = fs.String("config", "", p.Sprintf("the config `FILE` ('pmscan config init' writes an example)"))
	c.logFormat = fs.String("log-format", "text", p.Sprintf("write logs as `FORMAT`: text (key=value) or json, one record per line"))
	if c.extra != nil {
		c.extra(fs)
	}
	usage := func() {
		c.usage(p, stderr)
		printDefaults(p, fs)
	}
	if code, ok := parseFlags(p, fs, args, stderr, usage); !ok {
		return nil, code, false
	}
	if *c.path == "" {
		return nil, usageError(p, stderr, c.name, c.name, i18n.Errorf("-config FILE is required")), false
	}
	return fs, exitOK, true
}

// open reads the config and opens the log, the state store and the
// webhook: a fleet to close. It returns nil and the exit code when one
// of them fails.
func (c *configCommand) open(ctx context.Context, p *i18n.Printer, stderr io.Writer, m *metrics.Metrics) (*fleet, int) {
	log, err := newLogger(*c.logFormat, stderr)
	if err != nil {
		return nil, usageError(p, stderr, c.name, c.name, err)
	}
	cfg, err := loadConfig(p, *c.path)
	if err != nil {
		p.Fprintf(safetext.LineWriter(stderr), "%s: %v\n", c.name, err)
		return nil, exitUsage
	}
	// The store outlives SIGTERM: the scans record their end in it.
	st, err := openState(context.WithoutCancel(ctx), cfg.State)
	if err != nil {
		log.Error("the state store", "error", err)
		return nil, exitTargetError
	}
	notifier, err := newNotifier(cfg, log, m)
	if err != nil {
		st.Close()
		log.Error("the webhook", "error", err)
		return nil, exitUsage
	}
	f := newFleet(cfg, p, log, st)
	f.metrics, f.notifier = m, notifier
	return f, exitOK
}

// close lets the webhook take what is queued for it, for notifyDrain at
// most, and closes the store.
func (f *fleet) close() {
	if f.notifier != nil {
		drain, cancel := context.WithTimeout(context.Background(), notifyDrain)
		if err := f.notifier.Close(drain); err != nil {
			f.log.Warn("the webhook", "error", err)
		}
		cancel()
	}
	f.st.Close()
}

// pickTargets are the config's targets that names name, in the config's
// order; all of them without names.
func pickTargets(cfg *config.Config, names []string) ([]*config.Target, error) {
	for _, n := range names {
		if cfg.Target(n) == nil {
			return nil, i18n.Errorf("no target %q in %s", n, cfg.Source)
		}
	}
	var out []*config.Target
	for i := range cfg.Targets {
		if len(names) == 0 || slices.Contains(names, cfg.Targets[i].Name) {
			out = append(out, &cfg.Targets[i])
		}
	}
	return out, nil
}

// exitRank orders exit codes from least to most severe (exitcode.go).
var exitRank = map[int]int{exitOK: 0, exitFindings: 1, exitItemErrors: 2, exitStoreFailed: 3, exitUsage: 4, exitTargetError: 5, exitInterrupted: 6}

// worseExit is the more severe of two exit codes.
func worseExit(a, b int) int {
	if exitRank[b] > exitRank[a] {
		return b
	}
	return a
}

// newLogger is the structured log of pmscan run and serve. Records carry
// target names, scan IDs, counts and errors: never a value found, and no
// credentials (the scans redact them from what they say).
func newLogger(format string, w io.Writer) (*slog.Logger, error) {
	opts := &slog.HandlerOptions{}
	switch format {
	case "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, i18n.Errorf("-log-format %q: want text or json", format)
}
