package store

import "github.com/pmscan/pmscan/reports/inventory"

// ScanUnfinished is the status of a scan that never recorded its end: it
// is still running, or it was killed, or its store writes failed.
const ScanUnfinished = "unfinished"

// Status says how the scan as a whole ended: ScanUnfinished, or one of
// inventory's scan statuses (StatusComplete, StatusUnreadable,
// StatusFailed, StatusInterrupted). It is worked out here, from the stored
// targets and counters, so that 'pmscan scans', prune and reports agree,
// and so that scans stored without an inventory get one too.
func (sc *Scan) Status() string {
	if sc.Finished.IsZero() {
		return ScanUnfinished
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
