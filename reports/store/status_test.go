package store

import (
	"testing"
	"time"

	"github.com/pmscan/pmscan/reports/inventory"
)

func TestScanStatus(t *testing.T) {
	end := time.Date(2025, 4, 1, 10, 0, 0, 0, time.UTC)
	ok := Target{Name: "data", Status: StatusOK}
	tests := []struct {
		name        string
		started     time.Time
		heartbeat   time.Time
		finished    time.Time
		interrupted bool
		targets     []Target
		failed      int64 // items that could not be read
		skipped     int64
		want        string
	}{
		{name: "never ended, heartbeat recent", started: end.Add(-time.Hour), heartbeat: end.Add(-10 * time.Second),
			targets: []Target{{Name: "data", Status: StatusStarted}}, want: ScanUnfinished},
		{name: "never ended, items failed", started: end.Add(-time.Hour), heartbeat: end.Add(-time.Minute),
			targets: []Target{ok}, failed: 2, want: ScanUnfinished},
		{name: "never ended, heartbeat stopped", started: end.Add(-time.Hour), heartbeat: end.Add(-AbandonedAfter),
			targets: []Target{{Name: "data", Status: StatusStarted}}, want: ScanAbandoned},
		{name: "never ended, heartbeat stopped long ago", started: end.Add(-40 * 24 * time.Hour), heartbeat: end.Add(-39 * 24 * time.Hour),
			targets: []Target{{Name: "data", Status: StatusStarted}}, want: ScanAbandoned},
		{name: "never ended, no heartbeat, started today", started: end.Add(-23 * time.Hour),
			targets: []Target{{Name: "data", Status: StatusStarted}}, want: ScanUnfinished},
		{name: "never ended, no heartbeat, started over a day ago", started: end.Add(-25 * time.Hour),
			targets: []Target{{Name: "data", Status: StatusStarted}}, want: ScanAbandoned},
		{name: "complete", finished: end, targets: []Target{ok, ok}, want: inventory.StatusComplete},
		{name: "skipped items are not a failure", finished: end, targets: []Target{ok}, skipped: 5, want: inventory.StatusComplete},
		{name: "unreadable items", finished: end, targets: []Target{ok}, failed: 1, want: inventory.StatusUnreadable},
		{name: "target failed", finished: end, targets: []Target{ok, {Name: "s3://b/", Status: StatusFailed, Error: "AccessDenied"}}, want: inventory.StatusFailed},
		{name: "target failed and items failed", finished: end, targets: []Target{{Name: "x", Status: StatusFailed}}, failed: 3, want: inventory.StatusFailed},
		{name: "target not scanned", finished: end, targets: []Target{ok, {Name: "pg", Status: StatusNotScanned}}, want: inventory.StatusFailed},
		{name: "target not scanned because interrupted", finished: end, interrupted: true, targets: []Target{ok, {Name: "pg", Status: StatusNotScanned}}, want: inventory.StatusInterrupted},
		{name: "target interrupted", finished: end, targets: []Target{{Name: "data", Status: StatusInterrupted}}, want: inventory.StatusInterrupted},
		{name: "interrupted after every walk", finished: end, interrupted: true, targets: []Target{ok}, want: inventory.StatusInterrupted},
		{name: "no targets", finished: end, want: inventory.StatusFailed},
		{name: "unknown target status", finished: end, targets: []Target{{Name: "data", Status: "exploded"}}, want: inventory.StatusFailed},
		{name: "started but ended", finished: end, targets: []Target{{Name: "data", Status: StatusStarted}}, want: inventory.StatusFailed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc := &Scan{Info: ScanInfo{Started: tt.started}, Heartbeat: tt.heartbeat, Finished: tt.finished,
				Interrupted: tt.interrupted, Targets: tt.targets, Totals: Totals{Failed: tt.failed, Skipped: tt.skipped}}
			if got := sc.statusAt(end); got != tt.want {
				t.Errorf("status at %v = %q, want %q", end, got, tt.want)
			}
			if alive := sc.Alive(end); alive != (tt.want == ScanUnfinished) {
				t.Errorf("Alive(%v) = %v with status %q", end, alive, tt.want)
			}
		})
	}
}
