package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/detectors/all"
	"github.com/pmscan/pmscan/internal/testkit/dbtest"
	"github.com/pmscan/pmscan/reports/inventory"
	"github.com/pmscan/pmscan/reports/policy"
	"github.com/pmscan/pmscan/scanner"
)

// TestBatchStoredOnce: a batch written twice, as a retry after a commit
// whose answer was lost writes it, is stored once.
func TestBatchStoredOnce(t *testing.T) {
	forEach(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn)
		id, err := s.BeginScan(ctx, ScanInfo{Targets: []string{"data"}})
		if err != nil {
			t.Fatal(err)
		}
		sink := s.Sink(ctx, id)
		defer sink.stopHeartbeat()
		for i := range 10 {
			f := finding(i)
			if err := sink.Finding(&f); err != nil {
				t.Fatal(err)
			}
		}
		if err := sink.Problem(problem(0)); err != nil {
			t.Fatal(err)
		}
		write := sink.writeBatch(s)
		for try := range 2 {
			if err := write(ctx); err != nil {
				t.Fatalf("write %d: %v", try+1, err)
			}
		}
		if n := count(t, s, `SELECT count(*) FROM findings WHERE scan_id = $1`, id); n != 10 {
			t.Errorf("%d findings stored, want 10", n)
		}
		if n := count(t, s, `SELECT count(*) FROM problems WHERE scan_id = $1`, id); n != 1 {
			t.Errorf("%d problems stored, want 1", n)
		}
	})
}

// TestEndRecordedOnce: recording an end again, as a retry after a lost
// answer does, changes nothing; another end of the same scan is refused.
func TestEndRecordedOnce(t *testing.T) {
	forEach(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn)
		id, err := s.BeginScan(ctx, ScanInfo{Targets: []string{"data"}})
		if err != nil {
			t.Fatal(err)
		}
		sum, inv := summarise(t, nil, 20)
		end, err := endOf(id, sum, inv)
		if err != nil {
			t.Fatal(err)
		}
		for try := range 2 {
			if err := end.record(s)(ctx); err != nil {
				t.Fatalf("record %d: %v", try+1, err)
			}
		}
		if n := count(t, s, `SELECT count(*) FROM holdings WHERE scan_id = $1`, id); n != int64(len(inv.Holdings)) || n == 0 {
			t.Errorf("%d holdings stored, want %d", n, len(inv.Holdings))
		}
		other := *end
		other.finished = other.finished.Add(time.Second)
		if err := other.record(s)(ctx); !errors.Is(err, errFinished) {
			t.Errorf("another end: %v, want errFinished", err)
		}
	})
}

// TestSinkRetriesTerminatedSession: the server ends the sink's session in
// the middle of a batch (pg_terminate_backend, as a restart does); the
// batch is tried again on a new connection, and every row is stored once.
func TestSinkRetriesTerminatedSession(t *testing.T) {
	dsn, name, admin := dbtest.PostgresDatabase(t)
	ctx := context.Background()
	s := open(t, dsn)
	id, err := s.BeginScan(ctx, ScanInfo{Targets: []string{"data"}})
	if err != nil {
		t.Fatal(err)
	}
	var events eventLog
	sink := s.SinkWith(ctx, id, SinkOptions{Retry: Retry{Budget: 30 * time.Second, Initial: 50 * time.Millisecond}, Spool: true,
		Info: ScanInfo{Targets: []string{"data"}}, Notify: events.add})
	sink.flushEvery = time.Hour // batches by size alone, however loaded the machine
	chunks, terminated := 0, 0
	sink.afterChunk = func() {
		// Inside the second batch's transaction, after some of its INSERTs.
		if chunks++; chunks == 16 {
			terminated = dbtest.TerminatePostgres(t, admin, name)
		}
	}
	const n = 12000
	sum, inv := summarise(t, sink, n)
	if err := sink.Close(sum, inv); err != nil {
		t.Fatal(err)
	}
	if terminated == 0 {
		t.Fatal("no session was terminated")
	}
	if l := sink.Lost(); l != nil {
		t.Fatalf("Lost = %+v, want nil", l)
	}
	if got := events.kinds(); !reflect.DeepEqual(got, []SinkEventKind{StoreRetrying, StoreRecovered}) {
		t.Errorf("events %v, want retrying, recovered", got)
	}
	if got := count(t, s, `SELECT count(*) FROM findings WHERE scan_id = $1`, id); got != n {
		t.Errorf("%d findings stored, want %d", got, n)
	}
	if got := count(t, s, `SELECT count(*) FROM findings WHERE scan_id = $1 AND seq BETWEEN 1 AND $2`, id, n); got != n {
		t.Errorf("%d findings stored with seq 1..%d, want all", got, n)
	}
	sc, err := s.Scan(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if sc.Finished.IsZero() || sc.Inventory == nil || sc.Totals.Findings != n {
		t.Errorf("scan after the retry: finished %v, totals %+v; want it finished with %d findings", sc.Finished, sc.Totals, n)
	}
}

// TestSinkSpools: a store that stays down past the retry is given up for
// a spool and the scan goes on; at the end the spool moves into the store
// if it is back, or stays, to be imported later, and says what the store
// lacks. A spool that cannot be made counts what was dropped.
func TestSinkSpools(t *testing.T) {
	const before, after, problems = 100, 300, 2
	cases := []struct {
		name        string
		backAtEnd   bool // the store answers again before Close
		brokenSpool bool // the spool cannot be made
		wantEvents  []SinkEventKind
	}{
		{"store stays down", false, false, []SinkEventKind{StoreRetrying, StoreSpooling}},
		{"store back at the end", true, false, []SinkEventKind{StoreRetrying, StoreSpooling, StoreDrained}},
		{"spool fails too", false, true, []SinkEventKind{StoreRetrying, StoreSpoolFailed}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dsn, name, admin := dbtest.PostgresDatabase(t)
			ctx := context.Background()
			s := open(t, dsn)
			info := ScanInfo{Targets: []string{"data"}, Started: time.Now(), Command: "pmscan scan data"}
			id, err := s.BeginScan(ctx, info)
			if err != nil {
				t.Fatal(err)
			}
			spoolDir := t.TempDir()
			if c.brokenSpool {
				spoolDir = filepath.Join(spoolDir, "a file")
				if err := os.WriteFile(spoolDir, nil, 0o600); err != nil {
					t.Fatal(err)
				}
			}
			var events eventLog
			sink := s.SinkWith(ctx, id, SinkOptions{Retry: Retry{Budget: 300 * time.Millisecond, Initial: 20 * time.Millisecond},
				Spool: true, SpoolDir: spoolDir, Info: info, Notify: events.add})
			b := newSummariser(t, sink)
			b.findings(0, before)
			if err := sink.flush(); err != nil {
				t.Fatal(err)
			}
			// The scan references another's holdings of the findings'
			// place, as for an object carried over: the store would not
			// take them again, but a spool lacks that scan and takes them.
			referenced := finding(0).Location.Object.Name()
			sink.refs.ended(referenced, id+1000)
			dbtest.RefusePostgres(t, admin, name)
			b.findings(before, before+after)
			for i := range problems {
				if err := b.tee.Problem(problem(i)); err != nil {
					t.Fatal(err)
				}
			}
			// A flush while the store is down: it is retried, then given up.
			if err := sink.flush(); err != nil {
				t.Fatal(err)
			}
			sum, inv := b.build(problems)
			if c.backAtEnd {
				dbtest.AllowPostgres(t, admin, name)
			}
			if err := sink.Close(sum, inv); err != nil {
				t.Fatalf("Close: %v", err)
			}
			if got := events.kinds(); !reflect.DeepEqual(got, c.wantEvents) {
				t.Errorf("events %v, want %v", got, c.wantEvents)
			}
			if !c.backAtEnd {
				dbtest.AllowPostgres(t, admin, name)
			}

			lost := sink.Lost()
			switch {
			case c.backAtEnd:
				if lost != nil {
					t.Fatalf("Lost = %+v after the store came back, want nil", lost)
				}
				if spools, _ := filepath.Glob(filepath.Join(spoolDir, "*")); len(spools) != 0 {
					t.Errorf("the spool was moved into the store but left behind: %v", spools)
				}
				checkWhole(t, s, id, sum, before+after, problems)
				return
			case lost == nil:
				t.Fatal("Lost = nil, want what the store lacks")
			case lost.Findings != after || lost.Problems != problems:
				t.Errorf("Lost counts %d findings and %d problems, want %d and %d", lost.Findings, lost.Problems, after, problems)
			case lost.Store != s.name || lost.At.IsZero() || lost.Err == nil:
				t.Errorf("Lost = %+v: want the store, when and why", lost)
			}
			if c.brokenSpool {
				if lost.SpoolErr == nil || lost.Spool != "" || lost.DroppedFindings != after || lost.DroppedProblems != problems {
					t.Errorf("Lost = %+v: want the spool's error and %d findings, %d problems dropped", lost, after, problems)
				}
				n := 0
				for range sink.Findings(ctx) {
					n++
				}
				if n != 0 {
					t.Errorf("%d findings read for the report, want none", n)
				}
				return
			}
			if lost.SpoolErr != nil || lost.DroppedFindings != 0 {
				t.Errorf("Lost = %+v: want nothing dropped", lost)
			}
			// The report reads what the spool has.
			n := 0
			for _, err := range sink.Findings(ctx) {
				if err != nil {
					t.Fatal(err)
				}
				n++
			}
			if n != after {
				t.Errorf("%d findings read for the report, want the spool's %d", n, after)
			}
			if sink.Problems(ctx) != nil {
				t.Error("the report reads problems from a store that lacks some")
			}
			if err := sink.CloseSpool(); err != nil {
				t.Fatal(err)
			}

			// The store has the scan unfinished, with what came before.
			if got := count(t, s, `SELECT count(*) FROM findings WHERE scan_id = $1`, id); got != before {
				t.Errorf("the store has %d findings, want the %d before it failed", got, before)
			}
			// The spool has the rest and the end, under the same ID.
			spool := open(t, lost.Spool)
			sc, err := spool.Scan(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if sc.Finished.IsZero() || sc.Inventory == nil || !sc.Info.Started.Equal(dbTime(info.Started)) || sc.Info.Command != info.Command {
				t.Fatalf("the spool's scan: %+v", sc)
			}
			if got := len(sc.Inventory.Holdings); got != len(inv.Holdings) || !slices.ContainsFunc(sc.Inventory.Holdings, func(h inventory.Holding) bool { return h.Name == referenced }) {
				t.Errorf("the spool keeps %d holdings, want every one of the scan's %d, %s's too", got, len(inv.Holdings), referenced)
			}
			if got := count(t, spool, `SELECT count(*) FROM findings WHERE scan_id = $1 AND seq > $2`, id, before); got != after {
				t.Errorf("the spool has %d findings after seq %d, want %d", got, before, after)
			}
			// Imported, the store has the scan whole, its objects' rows too (the
			// next scan's baseline); a second import does nothing.
			for try := range 2 {
				if err := s.ImportScan(ctx, spool, id); err != nil {
					t.Fatalf("import %d: %v", try+1, err)
				}
			}
			if got := count(t, s, `SELECT count(*) FROM objects WHERE scan_id = $1 AND status = 'failed'`, id); got != problems {
				t.Errorf("the store has %d objects rows of the failed objects after the import, want %d", got, problems)
			}
			checkWhole(t, s, id, sum, before+after, problems)
		})
	}
}

// TestImportRefusesAnotherScan: a spool imported into a store whose scan
// of that ID is another one is refused.
func TestImportRefusesAnotherScan(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	a, b := open(t, filepath.Join(dir, "a.db")), open(t, filepath.Join(dir, "b.db"))
	for _, s := range []*Store{a, b} {
		if _, err := s.BeginScan(ctx, ScanInfo{Targets: []string{"data"}}); err != nil {
			t.Fatal(err)
		}
	}
	sum, inv := summarise(t, a.Sink(ctx, 1), 3)
	if err := a.Sink(ctx, 1).Close(sum, inv); err != nil {
		t.Fatal(err)
	}
	if err := b.ImportScan(ctx, a, 1); err == nil {
		t.Error("a scan started at another moment was imported")
	}
	if err := b.ImportScan(ctx, a, 2); !errors.Is(err, ErrNotFound) {
		t.Errorf("import of a scan the spool lacks: %v, want ErrNotFound", err)
	}
}

// checkWhole checks that scan id is kept whole in s.
func checkWhole(t *testing.T, s *Store, id int64, sum *scanner.Summary, findings, problems int64) {
	t.Helper()
	if got := count(t, s, `SELECT count(*) FROM findings WHERE scan_id = $1 AND seq BETWEEN 1 AND $2`, id, findings); got != findings {
		t.Errorf("the store has %d findings, want %d", got, findings)
	}
	if got := count(t, s, `SELECT count(*) FROM problems WHERE scan_id = $1`, id); got != problems {
		t.Errorf("the store has %d problems, want %d", got, problems)
	}
	sc, err := s.Scan(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if !sc.Finished.Equal(dbTime(sum.Finished)) || sc.Inventory == nil || sc.Totals.Findings != findings || sc.Status() != inventory.StatusUnreadable {
		t.Errorf("the store's scan: finished %v (want %v), totals %+v, status %s", sc.Finished, sum.Finished, sc.Totals, sc.Status())
	}
	if len(sc.Targets) != 1 || sc.Targets[0].Status != StatusOK {
		t.Errorf("the store's targets: %+v", sc.Targets)
	}
}

func problem(i int) scanner.Problem {
	return scanner.Problem{Location: connectors.At(connectors.NewFile("bin/" + string(rune('a'+i)))), Err: errors.New("permission denied"), Terminal: true}
}

// summariser feeds findings to a sink and an inventory, as a scan does.
type summariser struct {
	t       *testing.T
	builder *inventory.Builder
	tee     scanner.Sink
	sum     scanner.Summary
}

func newSummariser(t *testing.T, sink scanner.Sink) *summariser {
	b := inventory.NewBuilder(policy.Default(all.PolicyTypes()))
	sinks := []scanner.Sink{b}
	if sink != nil {
		sinks = append(sinks, sink)
	}
	return &summariser{t: t, builder: b, tee: scanner.Tee(sinks...), sum: scanner.Summary{Started: time.Now()}}
}

func (s *summariser) findings(from, to int) {
	for i := from; i < to; i++ {
		f := finding(i)
		if err := s.tee.Finding(&f); err != nil {
			s.t.Fatalf("finding %d: %v", i, err)
		}
		s.sum.Findings++
	}
}

func (s *summariser) build(failed int64) (*scanner.Summary, *inventory.Inventory) {
	s.sum.Failed = failed
	s.sum.Finished = time.Now()
	s.sum.Targets = []scanner.TargetResult{{Name: "data"}}
	return &s.sum, s.builder.Build(&s.sum)
}

// summarise feeds n findings to sink (nil: none) and returns the summary
// and inventory of that scan.
func summarise(t *testing.T, sink scanner.Sink, n int) (*scanner.Summary, *inventory.Inventory) {
	s := newSummariser(t, sink)
	s.findings(0, n)
	return s.build(0)
}

// eventLog records a sink's events.
type eventLog struct {
	mu     sync.Mutex
	events []SinkEvent
}

func (l *eventLog) add(e SinkEvent) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.events = append(l.events, e)
}

func (l *eventLog) kinds() []SinkEventKind {
	l.mu.Lock()
	defer l.mu.Unlock()
	var ks []SinkEventKind
	for _, e := range l.events {
		ks = append(ks, e.Kind)
	}
	return ks
}
