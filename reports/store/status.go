package store

import (
	"time"

	"github.com/pmscan/pmscan/reports/inventory"
)

// The statuses of a scan that has not recorded its end.
const (
	// ScanUnfinished is a scan that is still running: its heartbeat is
	// recent.
	ScanUnfinished = "unfinished"
	// ScanAbandoned is a scan whose process ended without recording its
	// end (killed, power lost, or its store writes failed): its heartbeat
	// stopped more than AbandonedAfter ago.
	ScanAbandoned = "abandoned"
)

// heartbeatEvery is how often a running scan's sink refreshes its
// heartbeat.
var heartbeatEvery = 10 * time.Second

// AbandonedAfter is how old the heartbeat of an unfinished scan must be for
// the scan to count as abandoned: twelve missed heartbeats, which leaves
// room for a heartbeat kept waiting by another process's write and for
// some clock difference between hosts sharing a PostgreSQL store.
const AbandonedAfter = 2 * time.Minute

// Alive reports whether sc may still be running at now: it has not
// recorded its end, its process is not known to be gone, and its
// heartbeat is less than AbandonedAfter old. A
// scan stored before the store had heartbeats counts as alive for
// UnfinishedGrace after its start.
func (sc *Scan) Alive(now time.Time) bool {
	switch {
	case !sc.Finished.IsZero():
		return false
	case ownerGone(sc.Owner):
		return false // its process ended without recording the end
	case !sc.Heartbeat.IsZero():
		return now.Sub(sc.Heartbeat) < AbandonedAfter
	default:
		return now.Sub(sc.Info.Started) < UnfinishedGrace
	}
}

// Status says how the scan as a whole ended: ScanUnfinished or
// ScanAbandoned (see Alive) if it never recorded its end, or else one of
// inventory's scan statuses (StatusComplete, StatusUnreadable,
// StatusFailed, StatusInterrupted). It is worked out here, from the stored
// targets and counters, so that 'pmscan scans', prune and reports agree,
// and so that scans stored without an inventory get one too.
func (sc *Scan) Status() string { return sc.statusAt(time.Now()) }

func (sc *Scan) statusAt(now time.Time) string {
	if sc.Finished.IsZero() {
		if sc.Alive(now) {
			return ScanUnfinished
		}
		return ScanAbandoned
	}
	targets := make([]inventory.Target, len(sc.Targets))
	for i, t := range sc.Targets {
		targets[i] = inventory.Target{Name: t.Name, Status: sc.targetStatus(t), Error: t.Error}
	}
	return inventory.ScanStatus(sc.Interrupted, targets, sc.Totals.Failed)
}

// targetStatus maps a stored target status to inventory's. A target the
// scan never walked was missed because the scan was stopped first, or
// else because it did not open; a status this pmscan does not know counts
// as failed, so that a scan is never called complete on a guess.
func (sc *Scan) targetStatus(t Target) string {
	switch t.Status {
	case StatusOK:
		return inventory.TargetOK
	case StatusInterrupted:
		return inventory.TargetInterrupted
	case StatusNotScanned, StatusStarted:
		if sc.Interrupted {
			return inventory.TargetInterrupted
		}
	}
	return inventory.TargetFailed
}
