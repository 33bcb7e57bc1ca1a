package main

import (
	"strings"
	"testing"
	"time"

	"github.com/pmscan/pmscan/internal/config"
	"github.com/pmscan/pmscan/reports/store"
)

func scheduledTarget(t *testing.T, schedule string) *config.Target {
	t.Helper()
	cfg, err := config.Parse([]byte("targets:\n  - name: a\n    url: /x\n    schedule: \""+schedule+"\"\n"), "cfg.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return &cfg.Targets[0]
}

// TestDueAfter: when pmscan serve first runs a target, from its latest
// scan. A run missed while pmscan was down runs once, at start; a scan
// that did not end is resumed at start.
func TestDueAfter(t *testing.T) {
	jst := time.FixedZone("JST", 9*3600)
	daily := scheduledTarget(t, "CRON_TZ=Asia/Tokyo 0 2 * * *")
	now := time.Date(2026, 12, 7, 10, 0, 0, 0, jst)
	at2 := func(day int) time.Time { return time.Date(2026, 12, day, 2, 0, 1, 0, jst) }
	ended := func(started time.Time, interrupted bool, status string) *store.Scan {
		return &store.Scan{Info: store.ScanInfo{Started: started}, Finished: started.Add(time.Minute), Interrupted: interrupted,
			Targets: []store.Target{{Name: "/x", Status: status}}}
	}
	tonight := time.Date(2026, 12, 8, 2, 0, 0, 0, jst)
	tests := []struct {
		name   string
		last   *store.Scan
		want   time.Time
		whyHas string
	}{
		{"never scanned: the schedule", nil, tonight, "schedule"},
		{"scanned at today's time: the next", ended(at2(7), false, store.StatusOK), tonight, "schedule"},
		{"down for three days: once, now", ended(at2(4), false, store.StatusOK), now, "missed: a run was due at 2026-12-05T02:00:00+09:00"},
		{"down over one time: now", ended(at2(6), false, store.StatusOK), now, "missed"},
		{"stopped by SIGTERM: resumed now", ended(at2(7), true, store.StatusInterrupted), now, "resume"},
		{"failed: now", ended(at2(7), false, store.StatusFailed), now, "resume"},
		{"killed (abandoned): now", &store.Scan{Info: store.ScanInfo{Started: now.Add(-time.Hour)}, Heartbeat: now.Add(-time.Hour), Owner: "elsewhere 1"}, now, "resume"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, why := dueAfter(daily, tc.last, now)
			if !got.Equal(tc.want) || !strings.Contains(why, tc.whyHas) {
				t.Errorf("due %v (%s), want %v (%s)", got, why, tc.want, tc.whyHas)
			}
		})
	}
	// A scan running elsewhere, alive: its own to finish; this one waits.
	alive := &store.Scan{Info: store.ScanInfo{Started: time.Now().Add(-time.Minute)}, Heartbeat: time.Now(), Owner: "elsewhere 1"}
	if got, _ := dueAfter(daily, alive, now); !got.Equal(tonight) {
		t.Errorf("a scan running elsewhere: due %v, want %v", got, tonight)
	}
}

// TestNextAfterRun: times of the schedule that pass while a scan runs are
// skipped, and counted, not run one after another.
func TestNextAfterRun(t *testing.T) {
	hourly := scheduledTarget(t, "0 * * * *")
	due := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		name    string
		ended   time.Time
		want    time.Time
		skipped int
	}{
		{"quick", due.Add(5 * time.Minute), due.Add(time.Hour), 0},
		{"over one time", due.Add(70 * time.Minute), due.Add(2 * time.Hour), 1},
		{"over three", due.Add(3*time.Hour + time.Second), due.Add(4 * time.Hour), 3},
		{"ended on a time", due.Add(time.Hour), due.Add(2 * time.Hour), 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, skipped := nextAfterRun(hourly, due, tc.ended)
			if !got.Equal(tc.want) || skipped != tc.skipped {
				t.Errorf("next %v, %d skipped; want %v, %d", got, skipped, tc.want, tc.skipped)
			}
		})
	}
	every := scheduledTarget(t, "@every 1s")
	got, skipped := nextAfterRun(every, due, due.Add(24*time.Hour))
	if !got.After(due.Add(24*time.Hour)) || skipped != maxMissed {
		t.Errorf("every second behind a day: next %v, %d skipped", got, skipped)
	}
}
