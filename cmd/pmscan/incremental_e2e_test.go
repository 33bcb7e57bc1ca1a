package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
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

// copyTree copies the directory src to dst.
func copyTree(t testing.TB, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		to := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(to, 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(to, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// scanJSON scans with args and returns the inventory it wrote; the scan
// may have items it could not read.
func scanJSON(t *testing.T, args ...string) *inventory.Inventory {
	t.Helper()
	out := filepath.Join(t.TempDir(), "inv.json")
	code, _, stderr := scan(t, append([]string{"-progress", "never", "-format", "json", "-o", out}, args...)...)
	if code != exitOK && code != exitItemErrors {
		t.Fatalf("pmscan scan %s: exit %d\n%s", strings.Join(args, " "), code, stderr)
	}
	return readInventory(t, out)
}

// comparable is an inventory without what differs between two scans of
// the same data: their times, and the incremental scan's account.
func comparable(t *testing.T, inv *inventory.Inventory) string {
	t.Helper()
	c := *inv
	c.Started, c.Finished, c.Changes = time.Time{}, time.Time{}, nil
	b, err := json.MarshalIndent(&c, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// sameInventory fails the test if two inventories differ in more than
// their times and the incremental account.
func sameInventory(t *testing.T, what string, want, got *inventory.Inventory) {
	t.Helper()
	w, g := comparable(t, want), comparable(t, got)
	if w == g {
		return
	}
	wl, gl := strings.Split(w, "\n"), strings.Split(g, "\n")
	for i := 0; i < len(wl) && i < len(gl); i++ {
		if wl[i] != gl[i] {
			t.Fatalf("%s: the inventories differ at line %d:\nwant %s\n got %s\n(context: %s)", what, i+1, wl[i], gl[i], strings.Join(wl[max(0, i-8):i], "\n"))
		}
	}
	t.Fatalf("%s: the inventories differ in length: %d and %d lines", what, len(wl), len(gl))
}

// keptFindings are the findings a stored scan kept, as report -format
// jsonl writes them, in order.
func keptFindings(t *testing.T, state string, id int64) []string {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), []string{"report", "-state", state, "-scan", strconv.FormatInt(id, 10), "-format", "jsonl"}, &out, &errOut)
	if code != exitOK {
		t.Fatalf("pmscan report -scan %d: exit %d\n%s", id, code, errOut.String())
	}
	return strings.Split(strings.TrimSpace(out.String()), "\n")
}

// storedInventory is scan id's inventory as the state store gives it
// back to reports: its own holdings rows and those it references.
func storedInventory(t *testing.T, state string, id int64) *inventory.Inventory {
	t.Helper()
	st, err := store.Open(context.Background(), state)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	sc, err := st.Scan(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if sc.Inventory == nil {
		t.Fatalf("scan %d has no inventory", id)
	}
	return sc.Inventory
}

// ownHoldingRows counts the holdings rows scan id stored itself, not
// referencing those of earlier scans.
func ownHoldingRows(t *testing.T, state string, id int64) int {
	t.Helper()
	return countRows(t, state, `SELECT count(*) FROM holdings WHERE scan_id = $1`, id)
}

// openStateDB opens a state store's database (SQLite or PostgreSQL) for
// a test to read, closed when the test ends.
func openStateDB(t testing.TB, state string) *sql.DB {
	t.Helper()
	driver := "sqlite"
	if strings.HasPrefix(state, "postgres") {
		driver = "pgx"
	}
	db, err := sql.Open(driver, state)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// countRows runs a count query of one argument, id, on the state store.
func countRows(t *testing.T, state, query string, id int64) int {
	t.Helper()
	var n int
	if err := openStateDB(t, state).QueryRow(query, id).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// stateStores make a new, empty state store of each kind a test runs
// against, and return its -state argument.
var stateStores = map[string]func(t *testing.T) string{
	"sqlite":   func(t *testing.T) string { return filepath.Join(t.TempDir(), "state.db") },
	"postgres": func(t *testing.T) string { dsn, _, _ := dbtest.PostgresDatabase(t); return dsn },
}

func latestScan(t *testing.T, state string) int64 {
	t.Helper()
	st, err := store.Open(context.Background(), state)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	id, err := st.LatestScan(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// TestIncrementalScanEqualsFull scans a tree of the demo data (archives,
// legacy encodings, a binary file, a file that cannot be decoded), then
// changes it, and checks that the incremental scan's inventory, ledger,
// conformance flags and kept findings are those of a full scan of the
// same data, with the state store in SQLite and in PostgreSQL.
func TestIncrementalScanEqualsFull(t *testing.T) {
	for name, newStore := range stateStores {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "tree")
			copyTree(t, demoDir, dir)
			writeFile(t, filepath.Join(dir, "broken.csv.gz"), []byte("\x1f\x8b not gzip"))
			state := newStore(t)

			first := scanJSON(t, "-state", state, dir)
			if first.Changes != nil {
				t.Fatalf("the first scan of a target is full, yet it says %+v", first.Changes)
			}
			// Nothing changed: everything is carried over, and the
			// inventory is the first one.
			again := scanJSON(t, "-state", state, dir)
			sameInventory(t, "an unchanged tree", first, again)
			// It stores no holdings of its own, and reads back whole.
			againID := latestScan(t, state)
			sameInventory(t, "an unchanged tree, stored", first, storedInventory(t, state, againID))
			if n := ownHoldingRows(t, state, againID); n != 0 {
				t.Errorf("the scan of an unchanged tree stored %d holdings rows; want none, the first scan's are referenced", n)
			}
			// SQL sees them through the view.
			if n := countRows(t, state, `SELECT count(*) FROM scan_holdings WHERE scan_id = $1`, againID); n != len(first.Holdings) {
				t.Errorf("scan_holdings has %d rows of the scan of an unchanged tree; want its %d holdings", n, len(first.Holdings))
			}
			if c := again.Changes; c == nil || c.Read != 1 || c.Reasons[store.ReadFailed] != 1 || c.Carried != first.Totals.Objects+first.Totals.Skipped {
				t.Fatalf("second scan of an unchanged tree: want every object carried but the one that failed, got %+v (objects %d, skipped %d)",
					again.Changes, first.Totals.Objects, first.Totals.Skipped)
			}

			// Change the tree: a file grows, one goes, one comes, an archive
			// is rewritten.
			f, err := os.OpenFile(filepath.Join(dir, "memo.txt"), os.O_APPEND|os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			f.WriteString("\n追記: 連絡先 incremental.test@example.co.jp 090-8765-4321\n")
			f.Close()
			if err := os.Remove(filepath.Join(dir, "negatives.txt")); err != nil {
				t.Fatal(err)
			}
			if err := os.Mkdir(filepath.Join(dir, "new"), 0o755); err != nil {
				t.Fatal(err)
			}
			writeFile(t, filepath.Join(dir, "new", "added.csv"), []byte("氏名,電話番号,メール\n佐藤 花子,03-5555-0101,hanako.sato@example.jp\n"))
			writeFile(t, filepath.Join(dir, "new", "added.csv.gz"), gzipped(t, "氏名,電話番号\n鈴木 一郎,06-6666-0202\n"))
			inc := scanJSON(t, "-state", state, dir)
			incID := latestScan(t, state)
			full := scanJSON(t, "-state", state, "-full", dir)
			fullID := latestScan(t, state)
			sameInventory(t, "a changed tree", full, inc)
			sameInventory(t, "a changed tree, stored", storedInventory(t, state, fullID), storedInventory(t, state, incID))
			if n := ownHoldingRows(t, state, incID); n == 0 || n >= len(inc.Holdings) {
				t.Errorf("the incremental scan stored %d holdings rows of %d; want those of the places it read alone", n, len(inc.Holdings))
			}
			if full.Changes != nil {
				t.Errorf("-full made an incremental scan: %+v", full.Changes)
			}
			c := inc.Changes
			if c == nil || c.Reasons[store.ReadChanged] != 1 || c.Reasons[store.ReadNew] != 2 || c.Carried == 0 {
				t.Fatalf("changes: want memo.txt changed, two files new and the rest carried, got %+v", c)
			}
			for _, r := range c.ReadObjects {
				if r.Reason == store.ReadChanged && (!strings.HasSuffix(r.Name, "memo.txt") || !strings.Contains(r.Detail, "size")) {
					t.Errorf("changed object %s: %s", r.Name, r.Detail)
				}
			}
			if w, g := keptFindings(t, state, fullID), keptFindings(t, state, incID); !slices.Equal(w, g) {
				t.Errorf("kept findings: the full scan kept %d, the incremental %d; first difference: %s", len(w), len(g), firstDiff(w, g))
			}
		})
	}
}

func firstDiff(a, b []string) string {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return a[i] + "\n  vs\n" + b[i]
		}
	}
	return "one is a prefix of the other"
}

// TestIncrementalTrustsFactsUntilFullEvery shows what the facts cannot
// see, and what catches it: a file rewritten in place with its size and
// modification time put back is carried over (it is not even opened),
// until -full-every says it was read too long ago.
func TestIncrementalTrustsFactsUntilFullEvery(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "contacts.txt")
	writeFile(t, path, []byte("連絡先: first.person@example.co.jp\n"))
	state := filepath.Join(t.TempDir(), "state.db")
	first := scanJSON(t, "-state", state, dir)
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, path, []byte("連絡先: other.person@example.co.jp\n")) // same length
	if err := os.Chtimes(path, info.ModTime(), info.ModTime()); err != nil {
		t.Fatal(err)
	}
	carried := scanJSON(t, "-state", state, dir)
	sameInventory(t, "a rewrite hidden from the facts", first, carried)
	if carried.Changes == nil || carried.Changes.Carried != 1 {
		t.Fatalf("want the file carried over, got %+v", carried.Changes)
	}
	read := scanJSON(t, "-state", state, "-full-every", "1ns", dir)
	if read.Changes == nil || read.Changes.Reasons[store.ReadFullEvery] != 1 {
		t.Fatalf("-full-every 1ns: want the file read as too old, got %+v", read.Changes)
	}
	if got := read.Holdings[0].Examples[0]; !strings.HasPrefix(got, "o") {
		t.Errorf("-full-every read the file, yet its example is %q, the old value's", got)
	}
}

// TestScanOfARunningTargetIsRefused: two scans of one target on one store
// would each carry over what the other is still writing. The second is
// refused while the first is alive, and goes ahead once it has ended or
// its process is gone.
func TestScanOfARunningTargetIsRefused(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.txt"), []byte("連絡先: someone@example.co.jp\n"))
	state := filepath.Join(t.TempDir(), "state.db")
	ctx := context.Background()
	st, err := store.Open(ctx, state)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	running, err := st.BeginScan(ctx, store.ScanInfo{Targets: []string{dir}}) // this process: alive
	if err != nil {
		t.Fatal(err)
	}
	code, _, stderr := scan(t, "-state", state, "-progress", "never", dir)
	if code != exitTargetError || !strings.Contains(stderr, "another scan of the same target is running") || !strings.Contains(stderr, "scan "+strconv.FormatInt(running, 10)) {
		t.Fatalf("a scan of a target being scanned: exit %d\n%s", code, stderr)
	}
	other := t.TempDir()
	writeFile(t, filepath.Join(other, "b.txt"), []byte("nothing here\n"))
	if code, _, stderr := scan(t, "-state", state, "-progress", "never", other); code != exitOK {
		t.Fatalf("a scan of another target: exit %d\n%s", code, stderr)
	}
	if err := st.Sink(ctx, running).Close(nil, nil); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := scan(t, "-state", state, "-progress", "never", dir); code != exitOK {
		t.Fatalf("a scan after the other ended: exit %d\n%s", code, stderr)
	}
}

// TestIncrementalS3 scans a bucket twice through a proxy that counts the
// requests: the second scan of the unchanged bucket sends no GET and no
// HEAD, only the listing, and makes the same inventory; an object
// overwritten with other content is read again, alone.
func TestIncrementalS3(t *testing.T) {
	srv := s3test.Start(t)
	proxy := s3test.NewFaultProxy(t, srv.Endpoint)
	srv.Env(t, srv.Root())
	srv.CreateBucket(t, "inc")
	objects := s3test.DirObjects(t, demoDir)
	srv.PutAll(t, "inc", objects)
	state := filepath.Join(t.TempDir(), "state.db")
	args := []string{"-state", state, "-s3-endpoint", proxy.URL, "s3://inc/"}

	first := scanJSON(t, args...)
	if got := proxy.ObjectRequests("GET", "inc"); got < len(objects)-1 {
		t.Fatalf("the first scan sent %d GETs for %d objects", got, len(objects))
	}
	gets, heads := proxy.ObjectRequests("GET", "inc"), proxy.ObjectRequests("HEAD", "inc")
	again := scanJSON(t, args...)
	if g, h := proxy.ObjectRequests("GET", "inc")-gets, proxy.ObjectRequests("HEAD", "inc")-heads; g != 0 || h != 0 {
		t.Errorf("the scan of an unchanged bucket sent %d GETs and %d HEADs, want none", g, h)
	}
	sameInventory(t, "an unchanged bucket", first, again)
	if again.Changes == nil || again.Changes.Read != 0 || again.Changes.Carried != int64(len(objects)) {
		t.Errorf("an unchanged bucket of %d objects: %+v", len(objects), again.Changes)
	}

	srv.Put(t, "inc", "memo.txt", append(objects["memo.txt"], []byte("\n追記 s3.test@example.co.jp\n")...))
	gets = proxy.ObjectRequests("GET", "inc")
	inc := scanJSON(t, args...)
	if g := proxy.ObjectRequests("GET", "inc") - gets; g != 1 {
		t.Errorf("one object overwritten: %d GETs, want 1", g)
	}
	full := scanJSON(t, append([]string{"-full"}, args...)...)
	sameInventory(t, "a bucket with one object overwritten", full, inc)
	if c := inc.Changes; c == nil || c.Reasons[store.ReadChanged] != 1 || len(c.ReadObjects) != 1 || !strings.Contains(c.ReadObjects[0].Detail, "etag") {
		t.Errorf("one object overwritten: %+v", inc.Changes)
	}
}

// tableTarget is a database with two generated customer tables and a
// view, and a way to change one row.
type tableTarget struct {
	url    string
	change func(t *testing.T) // updates one row of customers_b
}

func postgresTables(t *testing.T) tableTarget {
	dsn, _, _ := dbtest.PostgresDatabase(t)
	conn, err := pgx.Connect(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	for table, rows := range map[string]int64{"customers_a": 1500, "customers_b": 400} {
		if _, err := dbload.LoadPostgres(context.Background(), conn, table, rows, 7); err != nil {
			t.Fatal(err)
		}
	}
	dbtest.ExecPostgres(t, conn, `CREATE VIEW recent AS SELECT * FROM customers_b WHERE id < 50`)
	// The loading session's statistics reach the server about a second
	// after it goes idle; the test does not wait for that.
	flush := func() {
		conn.Exec(context.Background(), `SELECT pg_stat_force_next_flush()`)
		conn.Exec(context.Background(), `SELECT 1`)
	}
	flush()
	return tableTarget{url: dsn, change: func(t *testing.T) {
		dbtest.ExecPostgres(t, conn, `UPDATE customers_b SET "メールアドレス" = 'changed.row@example.co.jp' WHERE id = 3`)
		flush()
	}}
}

func mysqlTables(t *testing.T) tableTarget {
	admin := dbtest.MySQL(t, mysql.ParseURL)
	dbtest.ExecMySQL(t, admin, "DROP DATABASE IF EXISTS pmscan_inctest", "CREATE DATABASE pmscan_inctest DEFAULT CHARACTER SET utf8mb4")
	t.Cleanup(func() { admin.Exec("DROP DATABASE IF EXISTS pmscan_inctest") })
	cfg, err := mysql.ParseURL(dbtest.MySQLURL())
	if err != nil {
		t.Fatal(err)
	}
	url := fmt.Sprintf("mysql://%s@%s/pmscan_inctest", cfg.User, cfg.Addr)
	cfg.DBName = "pmscan_inctest"
	db, err := sql.Open("mysql", cfg.FormatDSN())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	for table, rows := range map[string]int64{"customers_a": 1500, "customers_b": 400} {
		if _, err := dbload.LoadMySQL(context.Background(), db, table, rows, 7); err != nil {
			t.Fatal(err)
		}
	}
	dbtest.ExecMySQL(t, db, "CREATE VIEW recent AS SELECT * FROM customers_b WHERE id < 50")
	// UPDATE_TIME has whole seconds: a version taken in the second of the
	// last change is in doubt, rightly. The test waits that second out.
	settled := func(t *testing.T) {
		for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(200 * time.Millisecond) {
			var recent bool
			err := db.QueryRow(`SELECT coalesce(max(UPDATE_TIME) >= NOW() - INTERVAL 1 SECOND, false) FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'pmscan_inctest'`).Scan(&recent)
			if err != nil {
				t.Fatal(err)
			}
			if !recent {
				return
			}
			if time.Now().After(deadline) {
				t.Fatal("UPDATE_TIME stays in the last second")
			}
		}
	}
	settled(t)
	return tableTarget{url: url, change: func(t *testing.T) {
		dbtest.ExecMySQL(t, db, "UPDATE customers_b SET `メールアドレス` = 'changed.row@example.co.jp' WHERE id = 3")
		settled(t)
	}}
}

// TestIncrementalTables scans a database twice: unchanged tables are
// carried over without reading a row, the view is read (it has no version
// of its own), and the inventory and column verdicts are the first
// scan's; after one row changes, only its table is read, and the
// inventory is a full scan's.
func TestIncrementalTables(t *testing.T) {
	for name, open := range map[string]func(*testing.T) tableTarget{"postgres": postgresTables, "mariadb": mysqlTables} {
		t.Run(name, func(t *testing.T) {
			target := open(t)
			state := filepath.Join(t.TempDir(), "state.db")
			first := scanJSON(t, "-state", state, target.url)
			again := scanJSON(t, "-state", state, target.url)
			sameInventory(t, "unchanged tables", first, again)
			if c := again.Changes; c == nil || c.CarriedTables != 2 || c.ReadTables != 1 || c.Reasons[store.ReadDoubt] != 1 {
				t.Fatalf("unchanged tables: want both carried and the view read in doubt, got %+v", c)
			}
			target.change(t)
			inc := scanJSON(t, "-state", state, target.url)
			full := scanJSON(t, "-state", state, "-full", target.url)
			sameInventory(t, "one row changed", full, inc)
			c := inc.Changes
			if c == nil || c.CarriedTables != 1 || c.Reasons[store.ReadChanged] != 1 {
				t.Fatalf("one row changed: want customers_b read as changed and customers_a carried, got %+v", c)
			}
			for _, r := range c.ReadObjects {
				if r.Reason == store.ReadChanged && !strings.HasSuffix(r.Name, "customers_b") {
					t.Errorf("read as changed: %s (%s)", r.Name, r.Detail)
				}
			}
		})
	}
}

// TestTwoScansAtOnce starts two scans of one target on one store at the
// same moment, as two cron jobs would: one runs, the other is refused with
// the running scan named, and the store holds one whole scan, with the
// SQLite store and with PostgreSQL.
func TestTwoScansAtOnce(t *testing.T) {
	dir := t.TempDir()
	for i := range 3 {
		if err := synthetic.WriteCorpus(filepath.Join(dir, fmt.Sprintf("part%d", i)), 1, uint64(300+i)); err != nil {
			t.Fatal(err)
		}
	}
	for name, newStore := range stateStores {
		t.Run(name, func(t *testing.T) {
			state := newStore(t)
			args := []string{"scan", "-state", state, "-progress", "never", "-concurrency", "1", "-o", os.DevNull, dir}
			_, waitA := startPmscan(t, 2*time.Minute, args...)
			_, waitB := startPmscan(t, 2*time.Minute, args...)
			a, b := waitA(), waitB()
			codes := []int{a.code, b.code}
			slices.Sort(codes)
			if !slices.Equal(codes, []int{exitOK, exitTargetError}) {
				t.Fatalf("exit codes %v, want one scan to run and one to be refused\nA: %s\nB: %s", codes, tail(a.stderr, 800), tail(b.stderr, 800))
			}
			refused := a.stderr
			if b.code == exitTargetError {
				refused = b.stderr
			}
			if !strings.Contains(refused, "another scan of the same target is running: scan ") {
				t.Errorf("the refused scan says:\n%s", refused)
			}
			st, err := store.Open(context.Background(), state)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			scans, err := st.Scans(context.Background(), 0)
			if err != nil || len(scans) != 1 || scans[0].Status() != inventory.StatusComplete {
				t.Fatalf("the store holds %d scans (%v), want one complete", len(scans), err)
			}
		})
	}
}

// TestBuildIDNamesThisBuild: the reading signature names the detectors'
// code by the executable's Go build ID, read from its ELF note.
func TestBuildIDNamesThisBuild(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	id := goBuildID(exe)
	if id == "" || strings.ContainsAny(id, "\x00\n") || len(id) < 20 {
		t.Fatalf("goBuildID(%s) = %q", exe, id)
	}
	if other := goBuildID(pmscanBinary(t)); other == "" || other == id {
		t.Errorf("the pmscan binary's build ID %q, the test binary's %q: want two", other, id)
	}
	if goBuildID("testdata/store-v3/state.db") != "" {
		t.Error("a file that is no executable has a build ID")
	}
}

// TestPruneKeepsCarriedEvidence: an incremental scan references the kept
// findings of the scan that read its unchanged objects instead of copying
// them; pruning that scan moves them, so the kept scan's reports are the
// same after the prune as before, with SQLite and PostgreSQL stores.
func TestPruneKeepsCarriedEvidence(t *testing.T) {
	for name, newStore := range stateStores {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "tree")
			copyTree(t, demoDir, dir)
			state := newStore(t)
			scanJSON(t, "-state", state, dir) // 1: reads everything
			writeFile(t, filepath.Join(dir, "added.txt"), []byte("連絡先: prune.test@example.co.jp\n"))
			scanJSON(t, "-state", state, dir) // 2: carries all but added.txt over from 1
			scanJSON(t, "-state", state, dir) // 3: carries everything, from 1 and 2
			before := map[int64][]string{2: keptFindings(t, state, 2), 3: keptFindings(t, state, 3)}
			inventories := map[int64]*inventory.Inventory{2: storedInventory(t, state, 2), 3: storedInventory(t, state, 3)}
			if len(before[3]) < 500 {
				t.Fatalf("scan 3 kept %d findings", len(before[3]))
			}
			var out, errOut bytes.Buffer
			if code := run(context.Background(), []string{"scans", "prune", "-state", state, "-keep", "2"}, &out, &errOut); code != exitOK {
				t.Fatalf("prune: exit %d\n%s", code, errOut.String())
			}
			for id, want := range before {
				if got := keptFindings(t, state, id); !slices.Equal(want, got) {
					t.Errorf("scan %d after scan 1 was pruned: %d kept findings, %d before; first difference: %s", id, len(got), len(want), firstDiff(want, got))
				}
				// The holdings it referenced in scan 1 moved too.
				sameInventory(t, fmt.Sprintf("scan %d after scan 1 was pruned", id), inventories[id], storedInventory(t, state, id))
			}
			// The next scan carries from what is left.
			again := scanJSON(t, "-state", state, dir)
			if again.Changes == nil || again.Changes.Read != 0 {
				t.Errorf("after the prune: %+v", again.Changes)
			}
			if got := keptFindings(t, state, latestScan(t, state)); !slices.Equal(before[3], got) {
				t.Errorf("the scan after the prune kept %d findings, want scan 3's %d", len(got), len(before[3]))
			}
		})
	}
}

// TestIncrementalOverlappingTargets: a place reached through two targets
// has the holdings of both, merged. Such a scan stores that place's
// holdings itself and marks them not to be referenced, so that a later
// scan reaching the place once takes its own counts, not the merged ones.
func TestIncrementalOverlappingTargets(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "tree")
	copyTree(t, demoDir, dir)
	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(sub, "contacts.csv"), []byte("氏名,電話番号,メール\n佐藤 花子,03-5555-0101,hanako.sato@example.jp\n鈴木 一郎,06-6666-0202,ichiro.suzuki@example.jp\n"))
	state := filepath.Join(t.TempDir(), "state.db")

	both := scanJSON(t, "-state", state, dir, sub)
	again := scanJSON(t, "-state", state, dir, sub)
	sameInventory(t, "two overlapping targets, again", both, again)
	sameInventory(t, "two overlapping targets, stored", again, storedInventory(t, state, latestScan(t, state)))

	// The same place once, now: its counts are those of a full scan.
	one := scanJSON(t, "-state", state, sub)
	full := scanJSON(t, "-state", state, "-full", sub)
	sameInventory(t, "the inner target alone", full, one)
	sameInventory(t, "the inner target alone, stored", full, storedInventory(t, state, latestScan(t, state)-1))
	var held int64
	for _, h := range one.Holdings {
		held += h.Findings
	}
	if held == 0 {
		t.Fatal("the inner target holds nothing: the test proves nothing")
	}
}
