package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/pmscan/pmscan/internal/queue"
	"github.com/pmscan/pmscan/internal/testkit/dbload"
	"github.com/pmscan/pmscan/internal/testkit/dbtest"
	"github.com/pmscan/pmscan/internal/testkit/s3test"
	"github.com/pmscan/pmscan/internal/testkit/synthetic"
	"github.com/pmscan/pmscan/reports/inventory"
)

// distributedSetup is a file tree, a bucket in versitygw and a PostgreSQL
// database to scan, and a PostgreSQL state store for the queue.
type distributedSetup struct {
	state   string // the state store's URL
	stateDB string // its database's name, and its sessions' application_name
	admin   *pgx.Conn
	targets []string // the file tree, the bucket, the database
	args    []string // the flags every scan of them takes
	srv     *s3test.Server
}

func newDistributedSetup(t *testing.T) distributedSetup {
	t.Helper()
	dir := t.TempDir()
	for i := range 2 {
		if err := synthetic.WriteCorpus(filepath.Join(dir, fmt.Sprintf("part%02d", i)), 1, uint64(700+i)); err != nil {
			t.Fatal(err)
		}
	}
	bucketDir := t.TempDir()
	if err := synthetic.WriteCorpus(bucketDir, 1, 710); err != nil {
		t.Fatal(err)
	}
	srv := s3test.Start(t)
	srv.Env(t, srv.Root())
	srv.CreateBucket(t, "dist")
	srv.PutAll(t, "dist", s3test.DirObjects(t, bucketDir))

	source, _, _ := dbtest.PostgresDatabase(t)
	conn, err := pgx.Connect(context.Background(), source)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	for i, table := range []string{"customers", "members", "applicants"} {
		if _, err := dbload.LoadPostgres(context.Background(), conn, table, int64(600+200*i), uint64(720+i)); err != nil {
			t.Fatal(err)
		}
	}
	dbtest.ExecPostgres(t, conn, "CREATE VIEW recent_customers AS SELECT * FROM customers LIMIT 200")
	conn.Exec(context.Background(), `SELECT pg_stat_force_next_flush()`)

	state, stateDB, admin := dbtest.PostgresDatabase(t)
	// A policy that declares a few items: the rest raise flags.
	policy := filepath.Join(t.TempDir(), "policy.yaml")
	writeFile(t, policy, []byte(diffPolicy))
	return distributedSetup{
		state:   state,
		stateDB: stateDB,
		admin:   admin,
		targets: []string{dir, "s3://dist/", source},
		args:    []string{"-progress", "never", "-concurrency", "1", "-s3-endpoint", srv.Endpoint, "-policy", policy},
		srv:     srv,
	}
}

// reference scans the setup's targets in one process, reading everything,
// and returns its inventory and kept findings. The binary runs it, as it
// runs the workers: the suite's race detector would make an in-process
// scan of a hundred thousand findings the slowest part of the test.
func (d distributedSetup) reference(t *testing.T) (*inventory.Inventory, []string) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "inv.json")
	_, wait := startPmscan(t, 10*time.Minute, append(append([]string{"scan", "-state", d.state, "-full", "-format", "json", "-o", out}, d.args...), d.targets...)...)
	if res := wait(); res.code != exitOK && res.code != exitItemErrors {
		t.Fatalf("the single-process scan: exit %d\n%s", res.code, tail(res.stderr, 3000))
	}
	return readInventory(t, out), d.keptFindings(t, latestScan(t, d.state))
}

// keptFindings is keptFindings through the binary, for the same reason.
func (d distributedSetup) keptFindings(t *testing.T, id int64) []string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "findings.jsonl")
	_, wait := startPmscan(t, 5*time.Minute, "report", "-state", d.state, "-scan", strconv.FormatInt(id, 10), "-format", "jsonl", "-o", out)
	if res := wait(); res.code != exitOK {
		t.Fatalf("pmscan report -scan %d: exit %d\n%s", id, res.code, tail(res.stderr, 3000))
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSpace(string(b)), "\n")
}

// startDistributed starts pmscan scan -distributed -full of the setup's
// targets in units of at most unitObjects objects, and returns where its
// inventory goes and the wait for it.
func (d distributedSetup) startDistributed(t *testing.T, unitObjects int) (string, func() childRun) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "inv.json")
	args := append([]string{"scan", "-distributed", "-full", "-unit-objects", strconv.Itoa(unitObjects), "-state", d.state, "-format", "json", "-o", out}, d.args...)
	_, wait := startPmscan(t, 10*time.Minute, append(args, d.targets...)...)
	return out, wait
}

// checkSame checks that the distributed scan that ended with res and
// wrote its inventory to out ended, with every unit done, and that it
// equals the reference scan; it returns the scan's units.
func (d distributedSetup) checkSame(t *testing.T, what string, res childRun, out string, want *inventory.Inventory, wantFindings []string) []queue.Unit {
	t.Helper()
	if res.code != exitOK && res.code != exitItemErrors {
		t.Fatalf("%s: pmscan scan -distributed: exit %d\n%s", what, res.code, tail(res.stderr, 3000))
	}
	id := latestScan(t, d.state)
	units := unitsOf(t, d.state, id)
	for _, u := range units {
		if u.State != queue.StateDone {
			t.Errorf("%s: unit %d ended %s: %s", what, u.Number, u.State, u.Error)
		}
	}
	sameInventory(t, what, want, readInventory(t, out))
	if g := d.keptFindings(t, id); !slices.Equal(wantFindings, g) {
		t.Errorf("%s: kept findings: one process kept %d, the distributed scan %d; first difference: %s", what, len(wantFindings), len(g), firstDiff(wantFindings, g))
	}
	return units
}

// startWorkers starts n worker processes on the setup's queue, with extra
// flags, and returns a function that stops them with SIGTERM and checks
// that they ended cleanly.
func (d distributedSetup) startWorkers(t *testing.T, n int, extra ...string) func() {
	t.Helper()
	var stops []func()
	for range n {
		cmd, wait := startPmscan(t, 10*time.Minute, append([]string{"worker", "-state", d.state}, extra...)...)
		stops = append(stops, func() {
			cmd.Process.Signal(syscall.SIGTERM)
			if res := wait(); res.code != exitOK {
				t.Errorf("a worker ended with exit %d after SIGTERM:\n%s", res.code, tail(res.stderr, 3000))
			}
		})
	}
	return func() {
		for _, stop := range stops {
			stop()
		}
	}
}

// scanDistributed runs pmscan scan -distributed of the setup's targets,
// in units of at most unitObjects objects, with extra flags, and returns
// its inventory's file, its exit code and its standard error.
func (d distributedSetup) scanDistributed(t *testing.T, unitObjects int, extra ...string) (string, childRun) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "inv.json")
	args := append(append([]string{"scan", "-distributed", "-unit-objects", strconv.Itoa(unitObjects), "-state", d.state, "-format", "json", "-o", out}, extra...), d.args...)
	_, wait := startPmscan(t, 10*time.Minute, append(args, d.targets...)...)
	return out, wait()
}

// TestDistributedEqualsSingleProcess: a file tree, a bucket and a
// database scanned by 1, 2 and 4 worker processes give exactly the
// inventory (holdings, flags, problems) and the kept findings of one
// process scanning them alone; a worker stops cleanly on SIGTERM.
func TestDistributedEqualsSingleProcess(t *testing.T) {
	if testing.Short() {
		t.Skip("runs worker processes against PostgreSQL and versitygw; not with -short")
	}
	d := newDistributedSetup(t)
	want, wantFindings := d.reference(t)
	single := latestScan(t, d.state)
	if want.Totals.Findings == 0 || len(want.Flags) == 0 {
		t.Fatalf("the single-process scan found %d findings and %d flags: the comparison would prove nothing", want.Totals.Findings, len(want.Flags))
	}
	for _, workers := range []int{1, 2, 4} {
		var extra []string
		addr := freeAddr(t)
		if workers == 1 {
			extra = []string{"-listen", addr}
		}
		stop := d.startWorkers(t, workers, extra...)
		out, wait := d.startDistributed(t, 1)
		res := wait()
		if workers == 1 {
			// The queue's depth, for an autoscaler: nothing left waiting.
			if m := httpGet(t, "http://"+addr+"/metrics"); !strings.Contains(m, `pmscan_queue_units{state="waiting"} 0`) {
				t.Errorf("the worker's /metrics has no empty queue depth:\n%s", m)
			}
		}
		stop()
		units := d.checkSame(t, fmt.Sprintf("%d workers", workers), res, out, want, wantFindings)
		if id := latestScan(t, d.state); id == single {
			t.Fatalf("%d workers: the distributed scan is not the latest scan", workers)
		}
		if len(units) < 8 {
			t.Fatalf("%d workers: %d units, want enough to spread", workers, len(units))
		}
		children := map[int64]bool{}
		for _, u := range units {
			children[u.Child] = true
		}
		if len(children) != len(units) {
			t.Errorf("%d workers: %d units done by %d unit scans", workers, len(units), len(children))
		}
		t.Logf("%d workers: %d units, %v", workers, len(units), res.wall)
	}

	// Pruning to the newest scan, a distributed one, keeps it whole: its
	// unit scans go with it, never in its place, and the older distributed
	// scans go with theirs.
	last := latestScan(t, d.state)
	lastInv := storedInventory(t, d.state, last)
	var out, errOut strings.Builder
	if code := run(context.Background(), []string{"scans", "prune", "-keep", "1", "-state", d.state}, &out, &errOut); code != exitOK {
		t.Fatalf("pmscan scans prune -keep 1: exit %d\n%s", code, errOut.String())
	}
	if id := latestScan(t, d.state); id != last {
		t.Fatalf("after prune -keep 1 the latest scan is %d, want %d", id, last)
	}
	sameInventory(t, "the distributed scan after prune", lastInv, storedInventory(t, d.state, last))
	if g := d.keptFindings(t, last); !slices.Equal(wantFindings, g) {
		t.Errorf("after prune: kept findings: %d, want %d; first difference: %s", len(g), len(wantFindings), firstDiff(wantFindings, g))
	}
	conn, err := pgx.Connect(context.Background(), d.state)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	var top, orphans int
	if err := conn.QueryRow(context.Background(), `SELECT count(*) FILTER (WHERE parent_id IS NULL), count(*) FILTER (WHERE parent_id IS NOT NULL AND parent_id <> $1) FROM scans`, last).Scan(&top, &orphans); err != nil {
		t.Fatal(err)
	}
	if top != 1 || orphans != 0 {
		t.Errorf("after prune -keep 1: %d scans and %d unit scans of deleted scans left", top, orphans)
	}
}

// TestDistributedIncremental: a second distributed scan of the same
// targets queues only what changed since the first (a file edited, a file
// added, the view, which has no version), carries the rest over from the
// first, and equals a full single-process scan of the data as it is now.
func TestDistributedIncremental(t *testing.T) {
	if testing.Short() {
		t.Skip("runs worker processes against PostgreSQL and versitygw; not with -short")
	}
	d := newDistributedSetup(t)
	stop := d.startWorkers(t, 2)
	defer stop()
	if _, res := d.scanDistributed(t, 1); res.code != exitOK && res.code != exitItemErrors {
		t.Fatalf("the first distributed scan: exit %d\n%s", res.code, tail(res.stderr, 3000))
	}
	first := latestScan(t, d.state)
	all := 0
	for _, u := range unitsOf(t, d.state, first) {
		all += len(u.Objects)
	}
	edited := filepath.Join(d.targets[0], "part01")
	entries, err := os.ReadDir(edited)
	if err != nil || len(entries) == 0 {
		t.Fatalf("%s: %v", edited, err)
	}
	edited = filepath.Join(edited, entries[0].Name())
	f, err := os.OpenFile(edited, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintln(f, "追記: 担当 山本様 電話 090-1234-5678")
	f.Close()
	added := filepath.Join(d.targets[0], "part00", "added.txt")
	writeFile(t, added, []byte("新規: 連絡先 080-2345-6789 佐々木様\n"))

	out, res := d.scanDistributed(t, 1)
	if res.code != exitOK && res.code != exitItemErrors {
		t.Fatalf("the second distributed scan: exit %d\n%s", res.code, tail(res.stderr, 3000))
	}
	second := latestScan(t, d.state)
	queued := map[string]bool{}
	for _, u := range unitsOf(t, d.state, second) {
		for _, name := range u.Objects {
			queued[name] = true
		}
	}
	if !queued[edited] || !queued[added] {
		t.Errorf("the edited file queued %v, the new one %v: want both", queued[edited], queued[added])
	}
	if len(queued) >= all/2 {
		t.Errorf("the second scan queued %d of %d objects: want only what changed: %v", len(queued), all, queued)
	}
	got := readInventory(t, out)
	if got.Changes == nil || got.Changes.Carried == 0 {
		t.Errorf("the second scan carried nothing over: %+v", got.Changes)
	}
	want, wantFindings := d.reference(t)
	sameInventory(t, "a second distributed scan after changes", want, got)
	if w, g := wantFindings, d.keptFindings(t, second); !slices.Equal(w, g) {
		t.Errorf("kept findings: a full scan kept %d, the incremental distributed scan %d; first difference: %s", len(w), len(g), firstDiff(w, g))
	}
}

// TestDistributedWorkerKilled: a worker killed with SIGKILL in the middle
// of a unit loses nothing: River rescues the unit, another worker runs it
// again, and the scan equals a single process's.
func TestDistributedWorkerKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("kills worker processes and waits for River to rescue their units; not with -short")
	}
	d := newDistributedSetup(t)
	want, wantFindings := d.reference(t)

	// One worker and large units: it is killed while it scans one.
	victim, waitVictim := startPmscan(t, 10*time.Minute, "worker", "-state", d.state)
	out, waitScan := d.startDistributed(t, 20)
	waitRunning(t, d.state)
	victim.Process.Signal(syscall.SIGKILL)
	waitVictim()
	// The rescuer takes a unit running longer than -unit-timeout for lost.
	stop := d.startWorkers(t, 1, "-unit-timeout", "8s")
	res := waitScan()
	stop()
	rerun := 0
	for _, u := range d.checkSame(t, "a worker killed mid-unit", res, out, want, wantFindings) {
		if u.Attempts > 1 {
			rerun++
		}
	}
	if rerun == 0 {
		t.Errorf("no unit was run twice: the kill did not land inside a unit")
	}
}

// TestDistributedStoreConnectionsDrop: the state store ends every session
// of the coordinator and the workers, twice, while units run (as a
// restart or a failover does): the workers' queue and unit scans and the
// coordinator's wait reconnect, units cut off are run again, and the
// result equals a single process's. The jobs hold nothing but numbers:
// the scan, the unit and its size.
func TestDistributedStoreConnectionsDrop(t *testing.T) {
	if testing.Short() {
		t.Skip("runs worker processes against PostgreSQL and versitygw; not with -short")
	}
	d := newDistributedSetup(t)
	want, wantFindings := d.reference(t)
	stop := d.startWorkers(t, 2)
	out, waitScan := d.startDistributed(t, 1)
	waitRunning(t, d.state)
	ended := dbtest.TerminatePostgres(t, d.admin, d.stateDB)
	time.Sleep(time.Second)
	ended += dbtest.TerminatePostgres(t, d.admin, d.stateDB)
	t.Logf("ended %d sessions of the state store", ended)
	res := waitScan()
	stop()
	d.checkSame(t, "the store's sessions ended twice", res, out, want, wantFindings)
	conn, err := pgx.Connect(context.Background(), d.state)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	var odd int
	if err := conn.QueryRow(context.Background(), `SELECT count(*) FROM river_job WHERE kind = 'pmscan_unit' AND (NOT args::jsonb ?& array['scan', 'unit']
	OR EXISTS (SELECT 1 FROM jsonb_each(args::jsonb) e WHERE e.key NOT IN ('scan', 'unit', 'bytes') OR jsonb_typeof(e.value) <> 'number'))`).Scan(&odd); err != nil {
		t.Fatal(err)
	}
	if odd > 0 {
		t.Errorf("%d unit jobs hold more than the scan's and the unit's numbers and the unit's size", odd)
	}
}

// TestDistributedUnitKeepsFailing: units whose worker cannot read the
// bucket (its credentials are refused) are tried MaxAttempts times and end
// failed; the scan does not hang: it ends with every other object scanned
// and each object of the failed units a problem naming the unit.
func TestDistributedUnitKeepsFailing(t *testing.T) {
	if testing.Short() {
		t.Skip("runs worker processes against PostgreSQL and versitygw; not with -short")
	}
	d := newDistributedSetup(t)
	// The worker's environment has credentials the server refuses; the
	// coordinator's (this process's) are right.
	t.Setenv("AWS_SECRET_ACCESS_KEY", "not-the-secret")
	stop := d.startWorkers(t, 2)
	t.Setenv("AWS_SECRET_ACCESS_KEY", d.srv.Root().SecretKey)
	out, res := d.scanDistributed(t, 4)
	stop()
	if res.code != exitItemErrors {
		t.Fatalf("pmscan scan -distributed: exit %d, want %d (problems)\n%s", res.code, exitItemErrors, tail(res.stderr, 3000))
	}
	inv := readInventory(t, out)
	id := latestScan(t, d.state)
	failed := 0
	for _, u := range unitsOf(t, d.state, id) {
		switch {
		case u.State == queue.StateFailed && u.Attempts == queue.MaxAttempts:
			failed++
		case u.State != queue.StateDone:
			t.Errorf("unit %d ended %s after %d attempts: %s", u.Number, u.State, u.Attempts, u.Error)
		}
	}
	if failed == 0 {
		t.Fatal("no unit failed: the refused credentials did not reach the worker")
	}
	var named int
	for _, p := range inv.Problems {
		if strings.Contains(p.Error, "unit ") && strings.Contains(p.Error, "failed after 4 attempts") {
			named++
		}
	}
	if named == 0 || inv.Totals.Failed == 0 {
		t.Errorf("%d failed units, but %d problems name them (failed objects %d)", failed, named, inv.Totals.Failed)
	}
	if inv.Totals.Findings == 0 {
		t.Error("nothing found: the units that did not fail were lost")
	}
}

// freeAddr is a loopback address with a port free now.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// httpGet returns the body of url, which must answer 200.
func httpGet(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %v", url, resp.StatusCode, err)
	}
	return string(b)
}

// waitRunning waits until a unit job is running.
func waitRunning(t *testing.T, state string) {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), state)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	for deadline := time.Now().Add(2 * time.Minute); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		var n int
		err := conn.QueryRow(context.Background(), `SELECT count(*) FROM river_job WHERE state = 'running'`).Scan(&n)
		if err == nil && n > 0 {
			time.Sleep(300 * time.Millisecond) // inside the unit, not at its start
			return
		}
	}
	t.Fatal("no unit started running within 2 minutes")
}

// unitsOf reads the units of scan id.
func unitsOf(t *testing.T, state string, id int64) []queue.Unit {
	t.Helper()
	pool, err := queue.Open(context.Background(), state)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	units, err := queue.Units(context.Background(), pool, id)
	if err != nil {
		t.Fatal(err)
	}
	return units
}
