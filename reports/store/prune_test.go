package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/detectors/all"
	"github.com/pmscan/pmscan/reports/inventory"
	"github.com/pmscan/pmscan/reports/policy"
	"github.com/pmscan/pmscan/scanner"
)

var pruneNow = time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)

const day = 24 * time.Hour

// pruneSeeds are the scans the prune tests start from, IDs 1 to 9.
var pruneSeeds = []struct {
	age      time.Duration // before pruneNow
	finished bool
	sum      scanner.Summary
	// Of an unfinished scan: its last heartbeat, this long before
	// pruneNow, or with noBeat none (stored before heartbeats); running
	// keeps its sink open through the prune, beating.
	beat    time.Duration
	noBeat  bool
	running bool
}{
	{age: 200 * day, finished: true},
	{age: 100 * day, finished: true, sum: scanner.Summary{Interrupted: true}},
	{age: 40 * day, beat: 40*day - time.Minute},                      // killed a minute after its start
	{age: 20 * day, finished: true, sum: scanner.Summary{Failed: 2}}, // unreadable items
	{age: 10 * day, finished: true, sum: scanner.Summary{Targets: []scanner.TargetResult{{Name: "data", Err: errors.New("boom")}}}},
	{age: 2 * day, finished: true},
	{age: time.Hour, beat: 5 * time.Second, running: true},
	{age: 3 * time.Hour, beat: time.Hour}, // killed an hour ago: abandoned though younger than a day
	{age: 2 * time.Hour, noBeat: true},    // unfinished, no heartbeat, younger than a day: maybe running
}

// rawValue is the --show-data value of finding j of scan id: distinct
// across the seeds, so that the test can look for it in the files.
func rawValue(id int64, j int) int { return int(id)*1000 + j }

// seedPrune stores pruneSeeds, each scan with findings, problems, and
// unless unfinished an inventory with holdings and flags, and returns the
// sink of the running scan.
func seedPrune(t *testing.T, s *Store) *ScanSink {
	t.Helper()
	ctx := context.Background()
	var running *ScanSink
	for i, seed := range pruneSeeds {
		started := pruneNow.Add(-seed.age)
		id, err := s.BeginScan(ctx, ScanInfo{Targets: []string{"data"}, Started: started, ShowData: true})
		if err != nil {
			t.Fatal(err)
		}
		if id != int64(i+1) {
			t.Fatalf("seed %d got ID %d", i, id)
		}
		b := inventory.NewBuilder(policy.Default(all.PolicyTypes()))
		sink := s.Sink(ctx, id)
		for j := range 12 {
			f := finding(rawValue(id, j))
			if err := sink.Finding(&f); err != nil {
				t.Fatal(err)
			}
			b.Finding(&f)
		}
		p := scanner.Problem{Location: connectors.At(connectors.NewFile(fmt.Sprintf("bin/%d", id))), Err: errors.New("permission denied"), Terminal: true}
		if err := sink.Problem(p); err != nil {
			t.Fatal(err)
		}
		b.Problem(p)
		// A table the scan stopped inside.
		if _, err := s.db.Exec(`INSERT INTO checkpoints (`+checkpointColumns+`) VALUES ($1, 'postgres://db/t', '{"facts":[]}', '{}', '[]', 1, '{}', 1, 0, 1, 0, 0, NULL, 0, 0, $2)`,
			id, []byte("{}")); err != nil {
			t.Fatal(err)
		}
		if !seed.finished {
			if err := sink.flush(); err != nil {
				t.Fatal(err)
			}
			var beat any
			if !seed.noBeat {
				beat = dbTime(pruneNow.Add(-seed.beat))
			}
			if seed.running {
				running = sink
			} else {
				sink.stopHeartbeat() // the process died
			}
			if _, err := s.db.Exec(`UPDATE scans SET heartbeat = $2 WHERE id = $1`, id, beat); err != nil {
				t.Fatal(err)
			}
			continue
		}
		sum := seed.sum
		sum.Started, sum.Finished = started, started.Add(time.Minute)
		if sum.Targets == nil {
			sum.Targets = []scanner.TargetResult{{Name: "data"}}
		}
		if sum.Interrupted {
			sum.Targets = []scanner.TargetResult{{Name: "data", Err: scanner.ErrInterrupted}}
		}
		sum.Findings = 12
		inv := b.Build(&sum)
		if len(inv.Holdings) == 0 || len(inv.Flags) == 0 {
			t.Fatalf("scan %d: %d holdings and %d flags; want some of each", id, len(inv.Holdings), len(inv.Flags))
		}
		if err := sink.Close(&sum, inv); err != nil {
			t.Fatal(err)
		}
	}
	return running
}

// rowCounts counts each scan's rows in every table but scans.
func rowCounts(t *testing.T, s *Store) map[int64]map[string]int64 {
	t.Helper()
	out := map[int64]map[string]int64{}
	for id := int64(1); id <= int64(len(pruneSeeds)); id++ {
		out[id] = map[string]int64{}
		for _, table := range prunedTables {
			out[id][table] = count(t, s, `SELECT count(*) FROM `+table+` WHERE scan_id = $1`, id)
		}
	}
	return out
}

func scanIDs(t *testing.T, s *Store) []int64 {
	t.Helper()
	scans, err := s.Scans(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, sc := range scans {
		ids = append(ids, sc.ID)
	}
	return ids
}

func TestPrune(t *testing.T) {
	tests := []struct {
		name      string
		opts      PruneOptions
		batch     int     // scans per transaction, if not the default
		wantGone  []int64 // oldest first
		wantInUse []int64 // oldest first: the limits would delete them, but 7 or 9 uses them
		wantAfter []int64 // newest first
	}{
		// Finished scans newest first are 6, 5, 4, 2, 1; 3 was killed 40
		// days ago and 8 an hour ago; 7 is running; 9 has no heartbeat
		// and started less than a day ago, so may be running too. 7 and 9,
		// of the same target, may carry objects over from 6, their last
		// complete scan, and from the scans after it (their checkpoints):
		// those stay while they run.
		{name: "keep 2", opts: PruneOptions{Keep: 2}, wantGone: []int64{1, 2, 3, 4}, wantInUse: []int64{8}, wantAfter: []int64{9, 8, 7, 6, 5}},
		{name: "keep more than there are", opts: PruneOptions{Keep: 10}, wantGone: []int64{3}, wantInUse: []int64{8}, wantAfter: []int64{9, 8, 7, 6, 5, 4, 2, 1}},
		{name: "older than 30 days", opts: PruneOptions{OlderThan: 30 * day}, wantGone: []int64{1, 2, 3}, wantAfter: []int64{9, 8, 7, 6, 5, 4}},
		{name: "older than 30 minutes", opts: PruneOptions{OlderThan: 30 * time.Minute}, wantGone: []int64{1, 2, 3, 4, 5}, wantInUse: []int64{6, 8}, wantAfter: []int64{9, 8, 7, 6}},
		{name: "either limit deletes", opts: PruneOptions{Keep: 3, OlderThan: 15 * day}, wantGone: []int64{1, 2, 3, 4}, wantInUse: []int64{8}, wantAfter: []int64{9, 8, 7, 6, 5}},
		{name: "keep 1 in batches of 2", opts: PruneOptions{Keep: 1}, batch: 2, wantGone: []int64{1, 2, 3, 4, 5}, wantInUse: []int64{8}, wantAfter: []int64{9, 8, 7, 6}},
		{name: "vacuum", opts: PruneOptions{Keep: 1, Vacuum: true}, wantGone: []int64{1, 2, 3, 4, 5}, wantInUse: []int64{8}, wantAfter: []int64{9, 8, 7, 6}},
		{name: "dry run", opts: PruneOptions{Keep: 1, DryRun: true}, wantGone: []int64{1, 2, 3, 4, 5}, wantInUse: []int64{8}, wantAfter: []int64{9, 8, 7, 6, 5, 4, 3, 2, 1}},
	}
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					if tt.batch > 0 {
						defer func(n int) { pruneBatchScans = n }(pruneBatchScans)
						pruneBatchScans = tt.batch
					}
					ctx := context.Background()
					s := open(t, b.dsn(t))
					running := seedPrune(t, s)
					before := rowCounts(t, s)

					opts := tt.opts
					opts.Now = pruneNow
					res, err := s.Prune(ctx, opts)
					if err != nil {
						t.Fatal(err)
					}
					var gone []int64
					for _, sc := range res.Deleted {
						gone = append(gone, sc.ID)
						if len(sc.Targets) != 1 || sc.Inventory != nil {
							t.Errorf("deleted scan %d: targets %+v, inventory %v; want its target, no inventory", sc.ID, sc.Targets, sc.Inventory != nil)
						}
					}
					if !reflect.DeepEqual(gone, tt.wantGone) {
						t.Errorf("Prune deleted %v, want %v", gone, tt.wantGone)
					}
					var inUse []int64
					for _, sc := range res.InUse {
						inUse = append(inUse, sc.ID)
						if by := res.UsedBy[sc.ID]; by != 7 && by != 9 || len(sc.Targets) != 1 {
							t.Errorf("scan %d kept in use by %d, targets %+v; want by 7 or 9, with its target", sc.ID, by, sc.Targets)
						}
					}
					if !reflect.DeepEqual(inUse, tt.wantInUse) {
						t.Errorf("Prune kept in use %v, want %v", inUse, tt.wantInUse)
					}
					if got, want := res.Kept, len(pruneSeeds)-len(tt.wantGone); got != want {
						t.Errorf("Kept = %d, want %d", got, want)
					}
					if after := scanIDs(t, s); !reflect.DeepEqual(after, tt.wantAfter) {
						t.Errorf("scans left: %v, want %v", after, tt.wantAfter)
					}
					after := rowCounts(t, s)
					for id, tables := range after {
						for table, n := range tables {
							deleted := !tt.opts.DryRun && contains(tt.wantGone, id)
							switch {
							case deleted && n != 0:
								t.Errorf("scan %d was deleted but has %d rows in %s", id, n, table)
							case !deleted && n != before[id][table]:
								t.Errorf("scan %d was kept but has %d rows in %s, had %d", id, n, table, before[id][table])
							case !deleted && n == 0 && table != "holdings" && table != "flags" && table != "carried_runs":
								t.Errorf("scan %d has no rows in %s: the test seeds too little", id, table)
							}
						}
					}

					// The lookup records go with their objects' rows, and
					// the hashes with their records.
					if n := count(t, s, `SELECT count(*) FROM lookup_records WHERE object_id NOT IN (SELECT id FROM lookup_objects)`); n != 0 {
						t.Errorf("%d lookup records outlived their objects", n)
					}
					if !s.dialect.hashArrays && !tt.opts.DryRun {
						if n := count(t, s, `SELECT count(*) FROM lookup_hashes WHERE rowid NOT IN (SELECT id FROM lookup_records)`); n != 0 {
							t.Errorf("%d lookup hashes outlived their records", n)
						}
					}

					// The running scan goes on as if nothing had happened.
					f := finding(rawValue(7, 99))
					if err := running.Finding(&f); err != nil {
						t.Fatal(err)
					}
					if err := running.Close(&scanner.Summary{Targets: []scanner.TargetResult{{Name: "data"}}}, nil); err != nil {
						t.Fatalf("the running scan could not record its end after the prune: %v", err)
					}

					if b.name == "sqlite" && !tt.opts.DryRun {
						s.Close() // let the files settle as another process would find them
						checkValuesGone(t, s.path, tt.wantGone)
					}
				})
			}
		})
	}
}

// checkValuesGone checks that the raw values of the deleted scans are in
// neither the SQLite file nor its log, and that those of scan 7, which no
// case deletes, are.
func checkValuesGone(t *testing.T, path string, gone []int64) {
	t.Helper()
	var data []byte
	for _, p := range []string{path, path + "-wal"} {
		b, err := os.ReadFile(p)
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			t.Fatal(err)
		}
		data = append(data, b...)
	}
	has := func(id int64) bool {
		for j := range 12 {
			if j%4 == 1 { // phone numbers, the same in every scan
				continue
			}
			if bytes.Contains(data, []byte(fmt.Sprintf("user%d@example.com", rawValue(id, j)))) {
				return true
			}
		}
		return false
	}
	for _, id := range gone {
		if has(id) {
			t.Errorf("raw values of deleted scan %d are still in the files", id)
		}
	}
	if !has(7) {
		t.Errorf("raw values of kept scan 7 are not in the files: the check finds nothing")
	}
}

func contains(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

func TestPruneNeedsALimit(t *testing.T) {
	s := open(t, backends[0].dsn(t))
	for _, opts := range []PruneOptions{{}, {DryRun: true}, {Keep: -1}, {Keep: 2, OlderThan: -time.Hour}} {
		if _, err := s.Prune(context.Background(), opts); err == nil || !strings.Contains(err.Error(), "prune") {
			t.Errorf("Prune(%+v) = %v, want an error", opts, err)
		}
	}
}

func TestPruneEmptyStore(t *testing.T) {
	forEach(t, func(t *testing.T, dsn string) {
		s := open(t, dsn)
		res, err := s.Prune(context.Background(), PruneOptions{Keep: 1, OlderThan: time.Hour})
		if err != nil || len(res.Deleted) != 0 || res.Kept != 0 {
			t.Errorf("Prune of an empty store = %+v, %v", res, err)
		}
	})
}

// TestPruneKeepsWhatARunningScanUses: a scan still running that carried
// an object over references the kept findings of the scan that read it;
// pruning that scan then would leave the running scan pointing at rows
// that are gone. It is kept until the running scan ends, and the next
// prune moves the evidence into it, as for any finished scan.
func TestPruneKeepsWhatARunningScanUses(t *testing.T) {
	forEach(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn)
		o := connectors.NewFile("data/a.txt")
		o.Version = &connectors.Version{Facts: []connectors.Fact{{Name: "size", Value: "10"}}}
		done := &scanner.Summary{Targets: []scanner.TargetResult{{Name: "data"}}}

		old := time.Now().Add(-50 * day)
		first, err := s.BeginScan(ctx, ScanInfo{Targets: []string{"data"}, Started: old, Reading: "r"})
		if err != nil {
			t.Fatal(err)
		}
		sink := s.Sink(ctx, first)
		f := finding(1)
		f.Location = connectors.Location{Object: o, Line: 1}
		must(t, sink.Finding(&f))
		must(t, sink.Object(o, connectors.ObjectStats{Bytes: 10}))
		done.Started, done.Finished = old, old.Add(time.Minute)
		must(t, sink.Close(done, nil))

		second, err := s.BeginScan(ctx, ScanInfo{Targets: []string{"data"}, Started: time.Now(), Reading: "r"})
		if err != nil {
			t.Fatal(err)
		}
		running := s.Sink(ctx, second)
		carried := &connectors.Carried{Scan: first, KeptScan: first, KeptFindings: [2]int64{1, 1}, KeptProblems: [2]int64{1, 0},
			ReadScan: first, Read: old, Parts: []connectors.CarriedPart{{Object: o, Findings: 1, Stats: connectors.ObjectStats{Bytes: 10}}}}
		must(t, running.Object(o, connectors.ObjectStats{Bytes: 10, Carried: carried}))
		must(t, running.flush())

		res, err := s.Prune(ctx, PruneOptions{OlderThan: 30 * day})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Deleted) != 0 || len(res.InUse) != 1 || res.InUse[0].ID != first || res.UsedBy[first] != second {
			t.Fatalf("prune while scan %d runs: deleted %v, in use %v (by %v); want scan %d kept for it", second, res.Deleted, res.InUse, res.UsedBy, first)
		}
		done.Started, done.Finished = time.Now(), time.Now()
		must(t, running.Close(done, nil))

		res, err = s.Prune(ctx, PruneOptions{OlderThan: 30 * day})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Deleted) != 1 || res.Deleted[0].ID != first || len(res.InUse) != 0 {
			t.Fatalf("prune after scan %d ended: deleted %v, in use %v; want scan %d deleted", second, res.Deleted, res.InUse, first)
		}
		var got []scanner.Finding
		for kf, err := range s.Findings(ctx, second) {
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, kf)
		}
		if len(got) != 1 || got[0].Masked != f.Masked {
			t.Errorf("scan %d's kept findings after the prune: %+v; want its one finding, moved", second, got)
		}
	})
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
