package store

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/detectors/all"
	"github.com/pmscan/pmscan/reports/inventory"
	"github.com/pmscan/pmscan/reports/policy"
	"github.com/pmscan/pmscan/scanner"
)

// kill makes the scan of sink look as if its process had died at
// died: the heartbeat stops, and the last one stored is died.
func kill(t *testing.T, s *Store, sink *ScanSink, died time.Time) {
	t.Helper()
	sink.stopHeartbeat()
	if _, err := s.db.Exec(`UPDATE scans SET heartbeat = $2 WHERE id = $1`, sink.id, dbTime(died)); err != nil {
		t.Fatal(err)
	}
}

// TestAbandonedScan: a scan killed after storing some findings is told
// from a running one by its heartbeat, and its inventory can be rebuilt
// from what it kept.
func TestAbandonedScan(t *testing.T) {
	forEach(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn)
		begun := time.Now()
		id, err := s.BeginScan(ctx, ScanInfo{Targets: []string{"data", "s3://b/"}, Started: begun.Add(-time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
		sc, err := s.Scan(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if d := sc.Heartbeat.Sub(begun); d < -time.Second || d > time.Minute {
			t.Errorf("heartbeat %v after BeginScan at %v: want about then", sc.Heartbeat, begun)
		}
		if got := sc.Status(); got != ScanUnfinished {
			t.Errorf("a scan just begun: status %q, want %q", got, ScanUnfinished)
		}

		sink := s.Sink(ctx, id)
		for i := range 5 {
			f := finding(i)
			if err := sink.Finding(&f); err != nil {
				t.Fatal(err)
			}
		}
		p := scanner.Problem{Location: connectors.At(connectors.NewFile("bin/x")), Err: errors.New("permission denied")}
		if err := sink.Problem(p); err != nil {
			t.Fatal(err)
		}
		if err := sink.flush(); err != nil {
			t.Fatal(err)
		}
		died := time.Now().Add(-AbandonedAfter - time.Minute)
		kill(t, s, sink, died) // and never closed

		sc, err = s.Scan(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if got := sc.Status(); got != ScanAbandoned {
			t.Errorf("killed scan: status %q, want %q", got, ScanAbandoned)
		}
		if !sc.Heartbeat.Equal(dbTime(died)) {
			t.Errorf("Heartbeat = %v, want %v", sc.Heartbeat, dbTime(died))
		}
		scans, err := s.Scans(ctx, 0)
		if err != nil || len(scans) != 1 || scans[0].Status() != ScanAbandoned {
			t.Errorf("Scans = %+v, %v; want the abandoned scan", scans, err)
		}

		inv, err := s.Rebuild(ctx, sc, policy.Default(all.PolicyTypes()))
		if err != nil {
			t.Fatal(err)
		}
		if inv.Status != inventory.StatusInterrupted || !inv.Interrupted {
			t.Errorf("rebuilt inventory: status %q, interrupted %v; want interrupted", inv.Status, inv.Interrupted)
		}
		if inv.Totals.Findings != 5 || inv.Totals.Failed != 1 || len(inv.Problems) != 1 {
			t.Errorf("rebuilt inventory: totals %+v, %d problems; want 5 findings, 1 failed item", inv.Totals, len(inv.Problems))
		}
		var held int64
		for _, h := range inv.Holdings {
			held += h.Findings
		}
		if held != 5 {
			t.Errorf("rebuilt inventory: %d findings in holdings, want 5", held)
		}
		if !inv.Started.Equal(sc.Info.Started) || !inv.Finished.Equal(sc.Heartbeat) {
			t.Errorf("rebuilt inventory: %v to %v, want %v to the last heartbeat %v", inv.Started, inv.Finished, sc.Info.Started, sc.Heartbeat)
		}
		if len(inv.Targets) != 2 || inv.Targets[0].Status != inventory.TargetInterrupted || inv.Targets[1].Name != "s3://b/" {
			t.Errorf("rebuilt inventory: targets %+v", inv.Targets)
		}
	})
}

// TestHeartbeat: a sink refreshes the heartbeat while nothing arrives,
// and stops at Close.
func TestHeartbeat(t *testing.T) {
	defer func(d time.Duration) { heartbeatEvery = d }(heartbeatEvery)
	heartbeatEvery = 20 * time.Millisecond
	forEach(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn)
		id, err := s.BeginScan(ctx, ScanInfo{Targets: []string{"data"}})
		if err != nil {
			t.Fatal(err)
		}
		old := dbTime(time.Now().Add(-time.Hour))
		if _, err := s.db.Exec(`UPDATE scans SET heartbeat = $2 WHERE id = $1`, id, old); err != nil {
			t.Fatal(err)
		}
		sink := s.Sink(ctx, id)
		var sc *Scan
		for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(10 * time.Millisecond) {
			if sc, err = s.Scan(ctx, id); err != nil {
				t.Fatal(err)
			}
			if sc.Heartbeat.After(old) || time.Now().After(deadline) {
				break
			}
		}
		if got := sc.Status(); got != ScanUnfinished {
			t.Fatalf("a sink with no results: heartbeat %v, status %q; want it refreshed, %q", sc.Heartbeat, got, ScanUnfinished)
		}
		if err := sink.Close(&scanner.Summary{Targets: []scanner.TargetResult{{Name: "data"}}}, nil); err != nil {
			t.Fatal(err)
		}
		if sc, err = s.Scan(ctx, id); err != nil {
			t.Fatal(err)
		}
		last := sc.Heartbeat
		time.Sleep(5 * heartbeatEvery)
		if sc, err = s.Scan(ctx, id); err != nil {
			t.Fatal(err)
		}
		if !sc.Heartbeat.Equal(last) {
			t.Errorf("heartbeat went on after Close: %v, then %v", last, sc.Heartbeat)
		}
		if got := sc.Status(); got != inventory.StatusComplete {
			t.Errorf("closed scan: status %q", got)
		}
	})
}
