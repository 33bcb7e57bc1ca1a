package main

import (
	"context"
	"io"
	"strconv"
	"time"

	"github.com/pmscan/pmscan/internal/i18n"
	"github.com/pmscan/pmscan/internal/safetext"
	"github.com/pmscan/pmscan/reports/inventory"
	"github.com/pmscan/pmscan/reports/store"
)

// A state store that fails mid-scan does not end the scan: its writes are
// retried for -state-retry while the scan waits, then the rest of the scan
// goes to a spool file, the report is written from the inventory all the
// same, and the scan exits 5 saying what the store did not keep.

// sinkOptions are the options of the scan's store sink: retried for
// -state-retry, then spooled (an ad-hoc scan's spool goes in its
// temporary directory, removed with it); every turn is said on stderr.
// Ctrl-C (ctx) ends a wait for the store.
func (o *scanOptions) sinkOptions(ctx context.Context, st *scanState, info store.ScanInfo, stderr io.Writer) store.SinkOptions {
	retry := store.DefaultRetry
	retry.Budget = o.stateRetry
	opt := store.SinkOptions{Retry: retry, Spool: true, Info: info, Stop: ctx.Done(),
		Notify: func(e store.SinkEvent) { sayStoreEvent(o.p, stderr, e) }}
	if st.ephemeral {
		opt.SpoolDir = st.dir
	}
	return opt
}

// sayStoreEvent says on stderr what happened to the store, once per turn.
func sayStoreEvent(p *i18n.Printer, stderr io.Writer, e store.SinkEvent) {
	w := safetext.LineWriter(stderr) // errors hold names and servers' words
	switch e.Kind {
	case store.StoreRetrying:
		p.Fprintf(w, "pmscan: %v; retrying for up to %s while the scan waits\n", e.Err, e.Retry)
	case store.StoreRecovered:
		p.Fprintf(w, "pmscan: the state store %s is back after %s; nothing was lost\n", e.Store, e.Down.Round(10*time.Millisecond))
	case store.StoreSpooling:
		p.Fprintf(w, "pmscan: the state store %s still fails after %s: the scan goes on, keeping the rest of its findings and problems in the spool %s\n", e.Store, e.Retry, e.Spool)
	case store.StoreSpoolFailed:
		p.Fprintf(w, "pmscan: the spool failed too: %v; findings and problems from now on are kept nowhere, but the report counts them\n", e.Err)
	case store.StoreDrained:
		p.Fprintf(w, "pmscan: the state store %s is back: the %s findings and %s problems kept in the spool meanwhile were moved into it\n",
			e.Store, count(e.Findings), count(e.Problems))
	}
}

// sayLoss says, after the report, what the store did not keep and where
// it is instead.
func sayLoss(p *i18n.Printer, stderr io.Writer, l *store.Loss, id int64, ephemeral bool, zone *time.Location) {
	w := safetext.LineWriter(stderr)
	at := l.At.In(zoneOrLocal(zone)).Format("2006-01-02 15:04:05 MST")
	if ephemeral {
		p.Fprintf(w, "pmscan: the temporary store of this ad-hoc scan failed at %s: %v; the report counts every finding, but lists only those it could keep\n", at, l.Err)
		return
	}
	p.Fprintf(w, "pmscan: the state store failed at %s: %v\n", at, l.Err) // the error names the store
	n := strconv.FormatInt(id, 10)
	switch {
	case l.SpoolErr == nil:
		p.Fprintf(w, "pmscan: the %s findings and %s problems from then on, and the scan's end, are not in it: they are in the spool %s, which is kept\n",
			count(l.Findings), count(l.Problems), l.Spool)
		p.Fprintf(w, "pmscan: once the store is back, 'pmscan scans import -state %s %s' moves them into it as scan %s; until then 'pmscan report -state %s -scan %s' renders the scan from the spool\n",
			l.Store, l.Spool, n, l.Spool, n)
	case l.Spool != "":
		p.Fprintf(w, "pmscan: the %s findings and %s problems from then on, and the scan's end, are not in it; the spool %s holds some of them, then failed too (%v): %s findings and %s problems are kept nowhere, but the report counts them\n",
			count(l.Findings), count(l.Problems), l.Spool, l.SpoolErr, count(l.DroppedFindings), count(l.DroppedProblems))
	default:
		p.Fprintf(w, "pmscan: the %s findings and %s problems from then on, and the scan's end, are kept nowhere (no spool could be written: %v), but the report counts them\n",
			count(l.Findings), count(l.Problems), l.SpoolErr)
	}
}

// lossForReport is l as the report says it.
func lossForReport(l *store.Loss) *inventory.StateStoreLoss {
	r := &inventory.StateStoreLoss{Store: l.Store, Failed: l.At.UTC(), Error: l.Err.Error(), Findings: l.Findings, Problems: l.Problems,
		Spool: l.Spool, DroppedFindings: l.DroppedFindings, DroppedProblems: l.DroppedProblems}
	if l.SpoolErr != nil {
		r.SpoolError = l.SpoolErr.Error()
	}
	return r
}

// count writes n without grouping, as IDs are written: 1234, not 1,234.
func count(n int64) string { return strconv.FormatInt(n, 10) }

func zoneOrLocal(z *time.Location) *time.Location {
	if z == nil {
		return time.Local
	}
	return z
}
