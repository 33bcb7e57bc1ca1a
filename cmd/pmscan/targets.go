package main

import (
	"context"
	"io"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/internal/safetext"
	"github.com/pmscan/pmscan/scanner"
)

// openedTargets are the targets given on the command line, opened: the
// ones that opened, to walk, and why each other one did not.
type openedTargets struct {
	names  []string         // every target as given, credentials redacted
	open   []scanner.Target // the ones that opened, in order
	failed map[int]error    // by index in names: why it did not open
}

// openTargets opens every target. One that does not open is reported and
// kept, with its reason, so that the scan's record and reports show it.
func (o *scanOptions) openTargets(ctx context.Context, stderr io.Writer) *openedTargets {
	registry := connectors.NewRegistry(o.factories...)
	ts := &openedTargets{failed: map[int]error{}}
	for i, t := range o.targets {
		name := connectors.Redact(t)
		ts.names = append(ts.names, name)
		conn, err := registry.Open(ctx, t)
		if err != nil {
			// The target and its error may hold control characters.
			o.p.Fprintf(safetext.LineWriter(stderr), "%s: %s: %v\n", o.command(), name, err)
			ts.failed[i] = err
			continue
		}
		ts.open = append(ts.open, scanner.Target{Name: name, Conn: conn})
	}
	return ts
}

// command names the command that opens the targets, for its messages.
func (o *scanOptions) command() string {
	if o.cmd != "" {
		return o.cmd
	}
	return "pmscan scan"
}

func (ts *openedTargets) close() {
	for _, t := range ts.open {
		t.Conn.Close()
	}
}

// results puts every target given into sum.Targets, in the order given:
// the walks' results, the targets that did not open with their reasons,
// and, after Ctrl-C, the targets never reached as interrupted.
func (ts *openedTargets) results(sum *scanner.Summary) {
	walked := sum.Targets
	all := make([]scanner.TargetResult, 0, len(ts.names))
	for i, name := range ts.names {
		switch err, failed := ts.failed[i]; {
		case failed:
			all = append(all, scanner.TargetResult{Name: name, Err: err})
		case len(walked) > 0:
			all = append(all, walked[0])
			walked = walked[1:]
		default:
			// Not reached: the scan stopped first.
			all = append(all, scanner.TargetResult{Name: name, Err: scanner.ErrInterrupted})
		}
	}
	sum.Targets = all
}
