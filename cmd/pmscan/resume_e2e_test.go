package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/pmscan/pmscan/connectors/mysql"
	"github.com/pmscan/pmscan/internal/testkit/dbload"
	"github.com/pmscan/pmscan/internal/testkit/dbtest"
	"github.com/pmscan/pmscan/internal/testkit/s3test"
	"github.com/pmscan/pmscan/internal/testkit/synthetic"
	"github.com/pmscan/pmscan/reports/inventory"
	"github.com/pmscan/pmscan/reports/store"
)

// interruption is how a scan is stopped: a signal, after a delay.
type interruption struct {
	sig   syscall.Signal
	after time.Duration
}

// resumeRun is a target scanned to the end through interruptions.
type resumeRun struct {
	target string
	args   []string // flags of every run
	stops  []interruption
}

// killAndResume runs the scan, stopping it at each interruption, then
// lets it finish, and returns the last run's inventory and the scans the
// finished run carried objects over from.
func killAndResume(t *testing.T, r resumeRun, state string) *inventory.Inventory {
	t.Helper()
	out := filepath.Join(t.TempDir(), "inv.json")
	args := append([]string{"scan", "-state", state, "-progress", "never", "-format", "json", "-o", out}, r.args...)
	for i, stop := range r.stops {
		cmd, wait := startPmscan(t, 5*time.Minute, append(args, r.target)...)
		time.Sleep(stop.after)
		cmd.Process.Signal(stop.sig)
		res := wait()
		t.Logf("run %d: %v after %v: exit %d", i+1, stop.sig, stop.after, res.code)
	}
	_, wait := startPmscan(t, 5*time.Minute, append(args, r.target)...)
	if res := wait(); res.code != exitOK && res.code != exitItemErrors {
		t.Fatalf("the last run: exit %d\n%s", res.code, tail(res.stderr, 3000))
	}
	return readInventory(t, out)
}

// randomStops are n interruptions at random points of a scan that takes
// about d, by SIGKILL mostly, one SIGINT and one SIGTERM.
func randomStops(rng *rand.Rand, n int, d time.Duration) []interruption {
	sigs := []syscall.Signal{syscall.SIGKILL, syscall.SIGINT, syscall.SIGKILL, syscall.SIGTERM}
	var stops []interruption
	for i := range n {
		after := d/10 + time.Duration(rng.Int64N(int64(d*6/10)))
		stops = append(stops, interruption{sig: sigs[i%len(sigs)], after: after})
	}
	return stops
}

// TestResumeAfterKill kills scans of a file tree at random points, by
// SIGKILL, SIGINT and SIGTERM, several times over, then lets the scan end:
// the inventory and the kept findings are those of an uninterrupted scan,
// none lost and none twice, and the runs after the first carried over
// what the ones before them finished.
func TestResumeAfterKill(t *testing.T) {
	if testing.Short() {
		t.Skip("kills real scans for a while; not with -short")
	}
	dir := t.TempDir()
	for i := range 12 {
		if err := synthetic.WriteCorpus(filepath.Join(dir, fmt.Sprintf("part%02d", i)), 1, uint64(100+i)); err != nil {
			t.Fatal(err)
		}
	}
	args := []string{"-concurrency", "1"}
	// An uninterrupted scan, for its time: where to interrupt.
	_, wait := startPmscan(t, 5*time.Minute, append([]string{"scan", "-state", filepath.Join(t.TempDir(), "timing.db"), "-progress", "never"}, append(args, dir)...)...)
	timing := wait()
	if timing.code != exitOK {
		t.Fatalf("the uninterrupted scan: exit %d\n%s", timing.code, tail(timing.stderr, 3000))
	}
	t.Logf("the uninterrupted scan took %v", timing.wall)
	rng := rand.New(rand.NewPCG(16, 2026))
	state := filepath.Join(t.TempDir(), "state.db")
	got := killAndResume(t, resumeRun{target: dir, args: args, stops: randomStops(rng, 4, timing.wall)}, state)
	resumed := latestScan(t, state)
	if got.Changes == nil || got.Changes.Carried == 0 {
		t.Errorf("the last run carried nothing over from the interrupted ones: %+v", got.Changes)
	}
	// The reference reads everything again with the same store, so that
	// values hash with the same key and distinct counts compare exactly.
	want := scanJSON(t, append([]string{"-state", state, "-full"}, append(args, dir)...)...)
	sameInventory(t, "scanned through four interruptions", want, got)
	// As stored: the killed scans kept no holdings rows, so the resumed
	// one stores those of what it carried from them.
	sameInventory(t, "scanned through four interruptions, stored", storedInventory(t, state, latestScan(t, state)), storedInventory(t, state, resumed))
	if w, g := keptFindings(t, state, latestScan(t, state)), keptFindings(t, state, resumed); !slices.Equal(w, g) {
		t.Errorf("kept findings: the uninterrupted scan kept %d, the resumed %d; first difference: %s", len(w), len(g), firstDiff(w, g))
	}
	os.RemoveAll(dir)
}

// TestResumeFlag: after a scan is killed, 'pmscan scan -resume' with no
// TARGET scans the killed scan's targets, carrying over what it finished;
// given other flags than the killed scan had, it refuses, naming the
// command to run; with nothing to resume it says so.
func TestResumeFlag(t *testing.T) {
	if testing.Short() {
		t.Skip("kills a real scan; not with -short")
	}
	dir := t.TempDir()
	for i := range 6 {
		if err := synthetic.WriteCorpus(filepath.Join(dir, fmt.Sprintf("part%02d", i)), 1, uint64(200+i)); err != nil {
			t.Fatal(err)
		}
	}
	state := filepath.Join(t.TempDir(), "state.db")
	out := filepath.Join(t.TempDir(), "inv.json")
	base := []string{"scan", "-state", state, "-progress", "never", "-concurrency", "1", "-format", "json", "-o", out}
	cmd, wait := startPmscan(t, time.Minute, append(slices.Clone(base), dir)...)
	// Kill it once it has finished some objects: their rows are written
	// about once a second.
	deadline := time.Now().Add(30 * time.Second)
	for objectsKept(t, state) < 2 && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
	}
	cmd.Process.Kill()
	wait()

	_, wait = startPmscan(t, time.Minute, append(slices.Clone(base), "-resume", "-keep-findings", "7")...)
	if r := wait(); r.code != exitUsage || !strings.Contains(r.stderr, "ran with other flags") || !strings.Contains(r.stderr, "pmscan scan -state") {
		t.Errorf("-resume with other flags: exit %d\n%s", r.code, r.stderr)
	}
	_, wait = startPmscan(t, time.Minute, append(slices.Clone(base), "-resume")...)
	if r := wait(); r.code != exitOK || !strings.Contains(r.stderr, "resuming scan 1") {
		t.Fatalf("-resume: exit %d\n%s", r.code, r.stderr)
	}
	inv := readInventory(t, out)
	if inv.Changes == nil || inv.Changes.Carried < 2 || len(inv.Targets) != 1 || inv.Targets[0].Name != dir {
		t.Errorf("-resume: targets %+v, changes %+v", inv.Targets, inv.Changes)
	}
	_, wait = startPmscan(t, time.Minute, append(slices.Clone(base), "-resume")...)
	if r := wait(); r.code != exitTargetError || !strings.Contains(r.stderr, "there is nothing to resume") {
		t.Errorf("-resume after a complete scan: exit %d\n%s", r.code, r.stderr)
	}
}

// objectsKept counts the rows of scan_objects the state store holds, 0 while it
// cannot be read.
func objectsKept(t *testing.T, state string) int {
	db, err := sql.Open("sqlite", "file:"+state+"?mode=ro&_pragma=busy_timeout(1000)")
	if err != nil {
		return 0
	}
	defer db.Close()
	var n int
	if db.QueryRow(`SELECT count(*) FROM scan_objects`).Scan(&n) != nil {
		return 0
	}
	return n
}

// TestResumeS3AfterKill is TestResumeAfterKill for a bucket served by
// versitygw: the corpus as 200 objects, read one at a time.
func TestResumeS3AfterKill(t *testing.T) {
	if testing.Short() {
		t.Skip("kills real scans for a while; not with -short")
	}
	dir := t.TempDir()
	for i := range 4 {
		if err := synthetic.WriteCorpus(filepath.Join(dir, fmt.Sprintf("part%02d", i)), 1, uint64(400+i)); err != nil {
			t.Fatal(err)
		}
	}
	srv := s3test.Start(t)
	srv.Env(t, srv.Root())
	srv.CreateBucket(t, "resume")
	objects := map[string][]byte{}
	for k, v := range s3test.DirObjects(t, dir) {
		// Cut the corpus into pieces of about 20 KiB at line ends: many
		// objects, so that kills land between them.
		for part := 0; len(v) > 0; part++ {
			n := min(len(v), 20<<10)
			if i := bytes.IndexByte(v[n:], '\n'); i >= 0 && n < len(v) {
				n += i + 1
			} else {
				n = len(v)
			}
			objects[fmt.Sprintf("%s.%03d.txt", k, part)] = v[:n]
			v = v[n:]
		}
	}
	srv.PutAll(t, "resume", objects)
	args := []string{"-concurrency", "1", "-s3-conns", "1", "-s3-endpoint", srv.Endpoint}
	_, wait := startPmscan(t, 5*time.Minute, append([]string{"scan", "-state", filepath.Join(t.TempDir(), "timing.db"), "-progress", "never"}, append(args, "s3://resume/")...)...)
	timing := wait()
	if timing.code != exitOK {
		t.Fatalf("the uninterrupted scan: exit %d\n%s", timing.code, tail(timing.stderr, 3000))
	}
	t.Logf("%d objects; the uninterrupted scan took %v", len(objects), timing.wall)
	rng := rand.New(rand.NewPCG(17, 2026))
	state := filepath.Join(t.TempDir(), "state.db")
	got := killAndResume(t, resumeRun{target: "s3://resume/", args: args, stops: randomStops(rng, 4, timing.wall)}, state)
	resumed := latestScan(t, state)
	if got.Changes == nil || got.Changes.Carried == 0 {
		t.Errorf("the last run carried nothing over from the interrupted ones: %+v", got.Changes)
	}
	want := scanJSON(t, append([]string{"-state", state, "-full"}, append(args, "s3://resume/")...)...)
	sameInventory(t, "a bucket scanned through four interruptions", want, got)
	if w, g := keptFindings(t, state, latestScan(t, state)), keptFindings(t, state, resumed); !slices.Equal(w, g) {
		t.Errorf("kept findings: the uninterrupted scan kept %d, the resumed %d; first difference: %s", len(w), len(g), firstDiff(w, g))
	}
}

// oneTable is a database holding one generated customer table of rows
// rows, settled so that its version vouches for it.
type oneTable struct {
	url  string
	name string // the table's object name ends with it
}

func postgresTable(t testing.TB, rows int64) oneTable {
	dsn, _, _ := dbtest.PostgresDatabase(t)
	conn, err := pgx.Connect(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	if _, err := dbload.LoadPostgres(context.Background(), conn, "customers", rows, 5); err != nil {
		t.Fatal(err)
	}
	conn.Exec(context.Background(), `SELECT pg_stat_force_next_flush()`)
	return oneTable{url: dsn, name: "/public.customers"}
}

func mysqlTable(t testing.TB, rows int64) oneTable {
	admin := dbtest.MySQL(t, mysql.ParseURL)
	dbtest.ExecMySQL(t, admin, "DROP DATABASE IF EXISTS pmscan_cptest", "CREATE DATABASE pmscan_cptest DEFAULT CHARACTER SET utf8mb4")
	t.Cleanup(func() { admin.Exec("DROP DATABASE IF EXISTS pmscan_cptest") })
	cfg, err := mysql.ParseURL(dbtest.MySQLURL())
	if err != nil {
		t.Fatal(err)
	}
	url := fmt.Sprintf("mysql://%s@%s/pmscan_cptest", cfg.User, cfg.Addr)
	cfg.DBName = "pmscan_cptest"
	db, err := sql.Open("mysql", cfg.FormatDSN())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := dbload.LoadMySQL(context.Background(), db, "customers", rows, 5); err != nil {
		t.Fatal(err)
	}
	// UPDATE_TIME has whole seconds: a version taken in the second of the
	// load is in doubt, and a table in doubt is read whole.
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(200 * time.Millisecond) {
		var recent bool
		err := db.QueryRow(`SELECT coalesce(max(UPDATE_TIME) >= NOW() - INTERVAL 1 SECOND, false) FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'pmscan_cptest'`).Scan(&recent)
		if err != nil {
			t.Fatal(err)
		}
		if !recent {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("UPDATE_TIME stays in the last second")
		}
	}
	return oneTable{url: url, name: "/customers"}
}

// tableReads are the rows of objects that say how each scan ended the
// table: status and reason, in scan order.
func tableReads(t *testing.T, state, name string) []string {
	t.Helper()
	rows, err := openStateDB(t, state).Query(`SELECT scan_id, status, reason FROM scan_objects WHERE root = name AND name LIKE $1 ORDER BY scan_id`, "%"+name)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var (
			id             int64
			status, reason string
		)
		if err := rows.Scan(&id, &status, &reason); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprintf("scan %d: %s: %s", id, status, reason))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestResumeTableAfterKill kills scans of one 20,000-row table at random
// points, by SIGKILL, SIGINT and SIGTERM, several times over, then lets
// the scan end: the table is read on from the last checkpoint stored, not
// from its first row, and the inventory and the kept findings are those
// of an uninterrupted scan, none lost and none twice.
func TestResumeTableAfterKill(t *testing.T) {
	if testing.Short() {
		t.Skip("kills real scans for a while; not with -short")
	}
	const rows = 20_000
	for name, open := range map[string]func(testing.TB, int64) oneTable{"postgres": postgresTable, "mariadb": mysqlTable} {
		t.Run(name, func(t *testing.T) {
			target := open(t, rows)
			// Pages of 40 rows: a checkpoint every 64 pages, 7 in the table.
			args := []string{"-db-page-rows", "40", "-db-conns", "1"}
			_, wait := startPmscan(t, 5*time.Minute, append([]string{"scan", "-state", filepath.Join(t.TempDir(), "timing.db"), "-progress", "never"}, append(args, target.url)...)...)
			timing := wait()
			if timing.code != exitOK {
				t.Fatalf("the uninterrupted scan: exit %d\n%s", timing.code, tail(timing.stderr, 3000))
			}
			t.Logf("the uninterrupted scan took %v", timing.wall)
			rng := rand.New(rand.NewPCG(20, 2026))
			state := filepath.Join(t.TempDir(), "state.db")
			got := killAndResume(t, resumeRun{target: target.url, args: args, stops: randomStops(rng, 3, timing.wall)}, state)
			resumed := latestScan(t, state)
			reads := tableReads(t, state, target.name)
			t.Logf("how the runs ended the table:\n%s", strings.Join(reads, "\n"))
			// The first run that ended the table read it on from a
			// checkpoint: it read fewer rows than the table has.
			var from int64
			for _, r := range reads {
				if _, reason, ok := strings.Cut(r, ": read: "); ok {
					if d, ok := strings.CutPrefix(reason, store.ReadResumed+": from row "); ok {
						from, _ = strconv.ParseInt(strings.Fields(d)[0], 10, 64)
					}
					break
				}
			}
			if from <= 1 || from > rows {
				t.Errorf("no run read the table on from a checkpoint inside it")
			} else {
				t.Logf("the run that ended the table read %d rows of %d", rows-from+1, rows)
			}
			want := scanJSON(t, append([]string{"-state", state, "-full"}, append(args, target.url)...)...)
			if want.Totals.Rows != rows || got.Totals.Rows != rows {
				t.Errorf("rows: the resumed scan counts %d, the uninterrupted %d, want %d", got.Totals.Rows, want.Totals.Rows, rows)
			}
			sameInventory(t, "scanned through three interruptions", want, got)
			if w, g := keptFindings(t, state, latestScan(t, state)), keptFindings(t, state, resumed); !slices.Equal(w, g) {
				t.Errorf("kept findings: the uninterrupted scan kept %d, the resumed %d; first difference: %s", len(w), len(g), firstDiff(w, g))
			}
			// The lookup index of the table: the records each run read up
			// to its checkpoint, taken over by the run that resumed it.
			if w, g := indexedRecords(t, state, latestScan(t, state)), indexedRecords(t, state, resumed); len(w) == 0 || !slices.Equal(w, g) {
				t.Errorf("lookup index: the uninterrupted scan has %d records, the resumed %d; first difference: %s", len(w), len(g), firstDiff(w, g))
			}
		})
	}
}

// indexedRecords lists the positions of the records in scan id's lookup
// index, each once, in order: those of the objects it read, and of those
// it carried over, kept by the scans that read them.
func indexedRecords(t *testing.T, state string, id int64) []string {
	t.Helper()
	rows, err := openStateDB(t, state).Query(`SELECT DISTINCT r.record FROM scan_objects so
	JOIN lookup_objects o ON o.scan_id = so.kept_scan AND o.root = so.root
	JOIN lookup_records r ON r.object_id = o.id
WHERE so.scan_id = ? AND so.name = so.root ORDER BY r.record`, id)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var r string
		if err := rows.Scan(&r); err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	return out
}
