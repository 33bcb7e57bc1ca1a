package postgres

import (
	"context"
	"encoding/json"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/connectors/sqldb"
	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/detectors/all"
	"github.com/pmscan/pmscan/internal/testkit/dbload"
	"github.com/pmscan/pmscan/internal/testkit/dbtest"
	"github.com/pmscan/pmscan/reports/inventory"
	"github.com/pmscan/pmscan/reports/policy"
	"github.com/pmscan/pmscan/reports/store"
	"github.com/pmscan/pmscan/scanner"
)

// checkpointRows is the size of the table the checkpoint test reads: 100
// pages of 200 rows, a checkpoint every 5 pages.
const checkpointRows = 20_000

// stopAt cancels a scan once it has seen n checkpoints, as Ctrl-C would
// between two of them, and records the resume it was handed.
type stopAt struct {
	n, seen int
	cancel  context.CancelFunc
	resumed *connectors.Checkpoint
}

func (s *stopAt) Finding(*scanner.Finding) error                          { return nil }
func (s *stopAt) Object(*connectors.Object, connectors.ObjectStats) error { return nil }
func (s *stopAt) Problem(scanner.Problem) error                           { return nil }

func (s *stopAt) Checkpoint(*connectors.Object, *connectors.Checkpoint) error {
	if s.seen++; s.n > 0 && s.seen == s.n {
		s.cancel()
	}
	return nil
}

func (s *stopAt) Resume(_ *connectors.Object, c *connectors.Carried) error {
	s.resumed = c.Resume
	return nil
}

// checkpointScan scans url into st with the reading signature reading,
// incrementally when incremental, stopping after stopAfter checkpoints
// (0: never), and returns the scan's ID, its inventory and the stopper.
func checkpointScan(t testing.TB, st *store.Store, url, reading string, incremental bool, stopAfter int) (int64, *inventory.Inventory, *stopAt) {
	return scanInto(t, st, url, reading, incremental, stopAfter, sqldb.Options{PageRows: 200, CheckpointPages: 5, Conns: 1}, 20)
}

// scanInto is checkpointScan with the connector's options and the
// findings kept per place, column and type.
func scanInto(t testing.TB, st *store.Store, url, reading string, incremental bool, stopAfter int, opts sqldb.Options, keep int) (int64, *inventory.Inventory, *stopAt) {
	t.Helper()
	ctx := context.Background()
	key, err := st.ValueKey(ctx)
	if err != nil {
		t.Fatal(err)
	}
	set, err := detectors.NewSet(all.Detectors())
	if err != nil {
		t.Fatal(err)
	}
	id, err := st.BeginScan(ctx, store.ScanInfo{Targets: []string{url}, Started: time.Now(), Reading: reading})
	if err != nil {
		t.Fatal(err)
	}
	target := scanner.Target{Name: url}
	if incremental {
		b, err := st.Baseline(ctx, store.BaselineOptions{Target: url, Reading: reading, Exclude: id})
		if err != nil {
			t.Fatal(err)
		}
		if b != nil {
			target.Baseline = b
		}
	}
	c, err := NewFactory(opts).Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	target.Conn = c
	defer c.Close()
	builder := inventory.NewBuilder(policy.Default(all.PolicyTypes()))
	builder.EnableDigests()
	sink := st.SinkWith(ctx, id, store.SinkOptions{Digests: builder})
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	stop := &stopAt{n: stopAfter, cancel: cancel}
	sum, err := scanner.Run(runCtx, scanner.Options{Detectors: set, Concurrency: 2, ValueKey: key}, []scanner.Target{target},
		scanner.Tee(builder, store.Sample(sink, keep), stop))
	if err != nil {
		t.Fatal(err)
	}
	if stopAfter > 0 && !sum.Interrupted {
		t.Fatalf("scan %d: not stopped after %d checkpoints (it saw %d)", id, stopAfter, stop.seen)
	}
	inv := builder.Build(sum)
	if err := sink.Close(sum, inv); err != nil {
		t.Fatal(err)
	}
	return id, inv, stop
}

func keptOf(t *testing.T, st *store.Store, id int64) []string {
	t.Helper()
	var out []string
	for f, err := range st.Findings(context.Background(), id) {
		if err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal(&f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, string(b))
	}
	return out
}

func inventoryText(t *testing.T, inv *inventory.Inventory) string {
	t.Helper()
	c := *inv
	c.Started, c.Finished, c.Changes = time.Time{}, time.Time{}, nil
	b, err := json.MarshalIndent(&c, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestResumeFromCheckpoint stops a scan of a 20,000-row table inside it,
// twice, each time after some checkpoints and with the rows read past the
// last one stored too, then lets a scan end: it reads the table on from
// the last checkpoint, not from its first row, and ends with the
// inventory, the column verdicts and the kept findings of an
// uninterrupted scan.
func TestResumeFromCheckpoint(t *testing.T) {
	dsn, _, _ := dbtest.PostgresDatabase(t)
	conn, err := pgx.Connect(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	if _, err := dbload.LoadPostgres(context.Background(), conn, "customers", checkpointRows, 11); err != nil {
		t.Fatal(err)
	}
	conn.Exec(context.Background(), `SELECT pg_stat_force_next_flush()`)
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "state.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()

	// The reference has a reading signature of its own, so that the
	// scans below cannot carry anything over from it.
	refID, want, _ := checkpointScan(t, st, dsn, "reference", false, 0)

	_, _, first := checkpointScan(t, st, dsn, "resumed", true, 3)
	if first.resumed != nil {
		t.Fatalf("the first scan resumed from %+v: there was nothing to resume", first.resumed)
	}
	_, _, second := checkpointScan(t, st, dsn, "resumed", true, 4)
	if second.resumed == nil || second.resumed.Stats.Rows < 3*5*200 {
		t.Fatalf("the second scan did not resume from the first one's third checkpoint: %+v", second.resumed)
	}
	lastID, got, last := checkpointScan(t, st, dsn, "resumed", true, 0)
	if last.resumed == nil || last.resumed.Stats.Rows <= second.resumed.Stats.Rows {
		t.Fatalf("the last scan did not resume from the second one's checkpoints (it resumed from %+v, the second from row %d)", last.resumed, second.resumed.Stats.Rows)
	}
	// The second scan's fourth checkpoint was stored before it stopped.
	if last.resumed.Stats.Rows < second.resumed.Stats.Rows+4*5*200 {
		t.Errorf("the last scan resumed from row %d, before the second scan's last checkpoint", last.resumed.Stats.Rows+1)
	}
	t.Logf("resumed from rows %d and %d of %d", second.resumed.Stats.Rows+1, last.resumed.Stats.Rows+1, checkpointRows)
	if c := got.Changes; c == nil || c.Reasons[store.ReadResumed] != 1 || len(c.ReadObjects) != 1 || !strings.HasPrefix(c.ReadObjects[0].Detail, "from row ") {
		t.Errorf("the changes account does not say the table was resumed: %+v", got.Changes)
	}
	if got.Totals.Rows != checkpointRows || want.Totals.Rows != checkpointRows {
		t.Errorf("rows: the resumed scan counts %d, the uninterrupted %d, want %d", got.Totals.Rows, want.Totals.Rows, checkpointRows)
	}
	if w, g := inventoryText(t, want), inventoryText(t, got); w != g {
		wl, gl := strings.Split(w, "\n"), strings.Split(g, "\n")
		for i := range min(len(wl), len(gl)) {
			if wl[i] != gl[i] {
				t.Fatalf("the inventories differ at line %d:\nwant %s\n got %s\n(context: %s)", i+1, wl[i], gl[i], strings.Join(wl[max(0, i-8):i], "\n"))
			}
		}
		t.Fatalf("the inventories differ in length: %d and %d lines", len(wl), len(gl))
	}
	w, g := keptOf(t, st, refID), keptOf(t, st, lastID)
	if len(w) == 0 || !slices.Equal(w, g) {
		t.Errorf("kept findings: the uninterrupted scan kept %d, the resumed %d", len(w), len(g))
		for i := range min(len(w), len(g)) {
			if w[i] != g[i] {
				t.Errorf("first difference at %d:\n%s\n  vs\n%s", i, w[i], g[i])
				break
			}
		}
	}
}

// BenchmarkCheckpointCost scans a generated table of PMSCAN_BENCH_ROWS
// rows (default 200,000) into a SQLite state store, as pmscan scan does:
// each iteration scans it without checkpoints, with the default cadence
// (64 pages of 5,000 rows, or 10 s) and with one after every page, in an
// order that turns round, so that the three share the machine's moods.
// It reports each one's seconds per scan, the checkpoints each took, and
// the cost of a checkpoint: the every-page scan's extra time over its
// checkpoints.
func BenchmarkCheckpointCost(b *testing.B) {
	rows := int64(200_000)
	if n, err := strconv.ParseInt(os.Getenv("PMSCAN_BENCH_ROWS"), 10, 64); err == nil && n > 0 {
		rows = n
	}
	conn := dbtest.Postgres(b)
	if _, err := dbload.LoadPostgres(context.Background(), conn, "pmscan_bench_checkpoints", rows, 3); err != nil {
		b.Fatal(err)
	}
	u, err := url.Parse(dbtest.PostgresURL())
	if err != nil {
		b.Fatal(err)
	}
	target := u.String()
	settings := []struct {
		name        string
		opts        sqldb.Options
		took        time.Duration
		checkpoints int
	}{
		{name: "none", opts: sqldb.Options{CheckpointPages: math.MaxInt, CheckpointEvery: time.Duration(math.MaxInt64)}},
		{name: "default"},
		{name: "every-page", opts: sqldb.Options{CheckpointPages: 1}},
	}
	round := 0
	for b.Loop() {
		for k := range settings {
			bc := &settings[(k+round)%len(settings)]
			bc.opts.Filter.Include = []string{"public.pmscan_bench_checkpoints"}
			st, err := store.Open(context.Background(), filepath.Join(b.TempDir(), "state.db"))
			if err != nil {
				b.Fatal(err)
			}
			start := time.Now()
			_, inv, stop := scanInto(b, st, target, "bench", false, 0, bc.opts, 100)
			bc.took += time.Since(start)
			if inv.Totals.Rows != rows {
				b.Fatalf("read %d rows of %d", inv.Totals.Rows, rows)
			}
			bc.checkpoints += stop.seen
			st.Close()
		}
		round++
	}
	n := float64(b.N)
	for _, bc := range settings {
		b.ReportMetric(bc.took.Seconds()/n, "s/scan-"+bc.name)
		b.ReportMetric(float64(bc.checkpoints)/n, "checkpoints/scan-"+bc.name)
	}
	if cps := float64(settings[2].checkpoints) / n; cps > 0 {
		b.ReportMetric((settings[2].took-settings[0].took).Seconds()/n/cps*1000, "ms/checkpoint")
	}
}
