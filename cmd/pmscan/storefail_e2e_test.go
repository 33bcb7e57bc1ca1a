package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/pmscan/pmscan/internal/testkit/dbtest"
	"github.com/pmscan/pmscan/internal/testkit/synthetic"
	"github.com/pmscan/pmscan/reports/inventory"
	"github.com/pmscan/pmscan/reports/store"
	"github.com/pmscan/pmscan/reports/text"
	"golang.org/x/text/language"
)

// The state store fails while a scan runs: its sessions are terminated
// (a restart), it refuses connections for a while or for good, its disk
// is full. The scan must go on, write its whole report, keep or spool
// every finding, and say so.

// storeCorpusMB is the size of the corpus these tests scan: with
// -keep-findings all it yields ~35,000 findings, some seven batches,
// and takes a few seconds, long enough to fail the store in the middle.
const storeCorpusMB = 2

// failCorpus writes the corpus, with one binary file that is skipped (a
// problem to keep), into a new directory.
func failCorpus(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "corpus")
	if err := synthetic.WriteCorpus(dir, storeCorpusMB, 1); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "blob.bin"), bytes.Repeat([]byte{0, 1, 2, 0xff}, 4096), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// jsonReport is what these tests read of the -o JSON report.
type jsonReport struct {
	Status string `json:"status"`
	Totals struct {
		Objects  int64 `json:"objects"`
		Findings int64 `json:"findings"`
		Skipped  int64 `json:"skipped"`
	} `json:"totals"`
	StateStore *struct {
		Store           string `json:"store"`
		Error           string `json:"error"`
		Findings        int64  `json:"findings"`
		Problems        int64  `json:"problems"`
		Spool           string `json:"spool"`
		SpoolError      string `json:"spool_error"`
		DroppedFindings int64  `json:"dropped_findings"`
		DroppedProblems int64  `json:"dropped_problems"`
	} `json:"state_store"`
	Problems []json.RawMessage `json:"problems"`
}

func readReport(t *testing.T, path string) jsonReport {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var r jsonReport
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatalf("%s: %v (%d bytes)", path, err, len(b))
	}
	return r
}

var undisturbed struct {
	once   sync.Once
	report jsonReport
}

// undisturbedReport is the report of the corpus scanned with a store that
// does not fail: what every disturbed scan must report too.
func undisturbedReport(t *testing.T) jsonReport {
	undisturbed.once.Do(func() {
		out := filepath.Join(t.TempDir(), "undisturbed.json")
		if code, _, errOut := scan(t, "-state", "none", "-keep-findings", "all", "-format", "json", "-o", out, failCorpus(t)); code != exitOK {
			t.Fatalf("undisturbed scan: exit %d\n%s", code, errOut)
		}
		undisturbed.report = readReport(t, out)
	})
	if undisturbed.report.Totals.Findings < 20000 || undisturbed.report.Totals.Skipped != 1 {
		t.Fatalf("the undisturbed scan: %+v; want tens of thousands of findings and one item skipped", undisturbed.report.Totals)
	}
	return undisturbed.report
}

// lockedBuffer is a writer that the scan writes and the test reads at
// once; onWrite, if set, sees each write before the writer returns.
type lockedBuffer struct {
	mu      sync.Mutex
	b       bytes.Buffer
	onWrite func(string)
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.onWrite != nil {
		l.onWrite(string(p))
	}
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// scanning is a scan running in the background.
type scanning struct {
	ctx    context.Context // Ctrl-C, when cancelled
	stderr *lockedBuffer
	done   chan int // its exit code
}

func startScan(args ...string) *scanning {
	s := &scanning{ctx: context.Background(), stderr: &lockedBuffer{}, done: make(chan int, 1)}
	return s.start(args...)
}

func (s *scanning) start(args ...string) *scanning {
	go func() {
		var out bytes.Buffer
		s.done <- run(s.ctx, append([]string{"scan"}, args...), &out, s.stderr)
	}()
	return s
}

func (s *scanning) wait(t *testing.T) int {
	t.Helper()
	select {
	case code := <-s.done:
		return code
	case <-time.After(3 * time.Minute):
		t.Fatalf("the scan did not end; stderr:\n%s", s.stderr)
	}
	return 0
}

// running reports whether the scan still runs, waiting up to d for it to
// end; an ended scan's code is put back.
func (s *scanning) running(d time.Duration) bool {
	select {
	case code := <-s.done:
		s.done <- code
		return false
	case <-time.After(d):
		return true
	}
}

// waitStored waits until the scan's store sessions (application_name
// app) have begun storing findings, and reports whether they did while
// the scan ran.
func waitStored(t *testing.T, s *scanning, admin *pgx.Conn, app string) bool {
	t.Helper()
	for s.running(5 * time.Millisecond) {
		var n int
		err := admin.QueryRow(context.Background(), `SELECT count(*) FROM pg_stat_activity
WHERE application_name = $1 AND query LIKE 'INSERT INTO findings%'`, app).Scan(&n)
		if err != nil {
			t.Fatal(err)
		}
		if n > 0 {
			return true
		}
	}
	return false
}

// storedFindings counts scan id's findings in the PostgreSQL store at dsn
// and returns the largest sequence number.
func storedFindings(t *testing.T, dsn string, id int64) (n, maxSeq int64) {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	if err := conn.QueryRow(context.Background(), `SELECT count(*), coalesce(max(seq), 0) FROM findings WHERE scan_id = $1`, id).Scan(&n, &maxSeq); err != nil {
		t.Fatal(err)
	}
	return n, maxSeq
}

// spoolFindings counts the findings of scan id in a spool file.
func spoolFindings(t *testing.T, path string, id int64) int64 {
	t.Helper()
	st, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var n int64
	for _, err := range st.Findings(context.Background(), id) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	return n
}

// TestStoreSessionsTerminated: the server ends the store's sessions while
// the scan writes (pg_terminate_backend, as a restart would). The scan
// waits, reconnects, exits 0, and the store holds every finding once.
func TestStoreSessionsTerminated(t *testing.T) {
	want := undisturbedReport(t)
	dsn, name, admin := dbtest.PostgresDatabase(t)
	t.Setenv("TMPDIR", t.TempDir())
	out := filepath.Join(t.TempDir(), "report.json")
	s := startScan("-state", dsn, "-keep-findings", "all", "-format", "json", "-o", out, failCorpus(t))
	if !waitStored(t, s, admin, name) {
		t.Fatalf("the scan ended before storing anything; stderr:\n%s", s.stderr)
	}
	terminated := 0
	for s.running(10*time.Millisecond) && !strings.Contains(s.stderr.String(), "retrying") {
		terminated += dbtest.TerminatePostgres(t, admin, name)
	}
	code := s.wait(t)
	errOut := s.stderr.String()
	if code != exitOK {
		t.Fatalf("exit %d, want %d; stderr:\n%s", code, exitOK, errOut)
	}
	if terminated == 0 || !strings.Contains(errOut, "; retrying for up to 2m0s while the scan waits") || !strings.Contains(errOut, "57P01") {
		t.Fatalf("%d sessions terminated; want the termination said and retried; stderr:\n%s", terminated, errOut)
	}
	back := regexp.MustCompile(`is back after (\S+); nothing was lost`).FindStringSubmatch(errOut)
	if back == nil || strings.Contains(errOut, "spool") {
		t.Errorf("want the recovery said, and no spool; stderr:\n%s", errOut)
	} else {
		t.Logf("%d sessions terminated; the scan waited %s for the store", terminated, back[1])
	}
	got := readReport(t, out)
	if got.Totals != want.Totals || got.Status != want.Status || got.StateStore != nil {
		t.Errorf("report: %s %+v (state_store %+v), want %s %+v as undisturbed", got.Status, got.Totals, got.StateStore, want.Status, want.Totals)
	}
	if n, maxSeq := storedFindings(t, dsn, 1); n != want.Totals.Findings || maxSeq != n {
		t.Errorf("the store holds %d findings, the last numbered %d; want %d, each once", n, maxSeq, want.Totals.Findings)
	}
}

// TestStoreStaysDown: the store refuses connections from the middle of
// the scan to its end. After -state-retry the rest of the scan goes to a
// spool; the report is whole and says what the store lacks; the scan
// exits 5; 'pmscan scans import' later makes the store whole.
func TestStoreStaysDown(t *testing.T) {
	want := undisturbedReport(t)
	dsn, name, admin := dbtest.PostgresDatabase(t)
	// A password (the test server trusts, and ignores it) that nothing may show.
	const password = "hunter2-s3cret"
	dsn = strings.Replace(dsn, "postgres@", "postgres:"+password+"@", 1)
	spoolDir := t.TempDir()
	t.Setenv("TMPDIR", spoolDir)
	out := filepath.Join(t.TempDir(), "report.json")
	s := startScan("-state", dsn, "-state-retry", "1s", "-keep-findings", "all", "-format", "json", "-o", out, failCorpus(t))
	if !waitStored(t, s, admin, name) {
		t.Fatalf("the scan ended before storing anything; stderr:\n%s", s.stderr)
	}
	dbtest.RefusePostgres(t, admin, name)
	code := s.wait(t)
	dbtest.AllowPostgres(t, admin, name)
	errOut := s.stderr.String()
	if code != exitStoreFailed {
		t.Fatalf("exit %d, want %d; stderr:\n%s", code, exitStoreFailed, errOut)
	}
	got := readReport(t, out)
	if got.Totals != want.Totals || got.Status != want.Status || len(got.Problems) != len(want.Problems) {
		t.Errorf("report: %s %+v, %d problems; want %s %+v, %d problems as undisturbed",
			got.Status, got.Totals, len(got.Problems), want.Status, want.Totals, len(want.Problems))
	}
	loss := got.StateStore
	if loss == nil {
		t.Fatalf("the report does not say what the store lacks; stderr:\n%s", errOut)
	}
	if b, _ := os.ReadFile(out); strings.Contains(errOut, password) || bytes.Contains(b, []byte(password)) || !strings.Contains(errOut, "postgres:xxxxx@") {
		t.Errorf("the store's password is shown, or the store is not named; stderr:\n%s", errOut)
	}
	if filepath.Dir(loss.Spool) != spoolDir || loss.Findings == 0 || loss.DroppedFindings != 0 || !strings.Contains(loss.Error, "not currently accepting connections") {
		t.Errorf("state_store = %+v", loss)
	}
	if _, err := os.Stat(loss.Spool); err != nil {
		t.Fatalf("the spool is not kept: %v", err)
	}
	for _, say := range []string{"still fails after 1s: the scan goes on", "the state store failed at ",
		"are in the spool " + loss.Spool + ", which is kept", "'pmscan scans import -state ", "'pmscan report -state " + loss.Spool + " -scan 1'"} {
		if !strings.Contains(errOut, say) {
			t.Errorf("stderr does not say %q:\n%s", say, errOut)
		}
	}
	// The text summary says it too.
	var inv inventory.Inventory
	if b, err := os.ReadFile(out); err != nil || json.Unmarshal(b, &inv) != nil {
		t.Fatalf("reading the report as an inventory: %v", err)
	}
	var summary strings.Builder
	if err := text.Write(&summary, &inv, language.English); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(summary.String(), "State store: ") || !strings.Contains(summary.String(), "they are in the spool "+loss.Spool) {
		t.Errorf("the text summary does not say what the store lacks:\n%s", summary.String())
	}
	stored, _ := storedFindings(t, dsn, 1)
	spooled := spoolFindings(t, loss.Spool, 1)
	if spooled != loss.Findings || stored+spooled < want.Totals.Findings {
		t.Errorf("the store holds %d findings, the spool %d (the report says %d); want %d between them", stored, spooled, loss.Findings, want.Totals.Findings)
	}

	// The spool renders the scan as it ended.
	fromSpool := filepath.Join(t.TempDir(), "spool.json")
	var rOut, rErr bytes.Buffer
	if code := run(context.Background(), []string{"report", "-state", loss.Spool, "-scan", "1", "-format", "json", "-o", fromSpool}, &rOut, &rErr); code != exitOK {
		t.Fatalf("report from the spool: exit %d\n%s", code, rErr.String())
	}
	if r := readReport(t, fromSpool); r.Totals != want.Totals {
		t.Errorf("report from the spool: %+v, want %+v", r.Totals, want.Totals)
	}
	// Imported, the store has the scan whole, as undisturbed.
	var iOut, iErr bytes.Buffer
	if code := run(context.Background(), []string{"scans", "import", "-state", dsn, loss.Spool}, &iOut, &iErr); code != exitOK {
		t.Fatalf("scans import: exit %d\n%s", code, iErr.String())
	}
	if n, maxSeq := storedFindings(t, dsn, 1); n != want.Totals.Findings || maxSeq != n {
		t.Errorf("after import the store holds %d findings, the last numbered %d; want %d", n, maxSeq, want.Totals.Findings)
	}
	fromStore := filepath.Join(t.TempDir(), "store.json")
	if code := run(context.Background(), []string{"report", "-state", dsn, "-scan", "1", "-format", "json", "-o", fromStore}, &rOut, &rErr); code != exitOK {
		t.Fatalf("report after import: exit %d\n%s", code, rErr.String())
	}
	if r := readReport(t, fromStore); r.Totals != want.Totals || r.Status != want.Status || len(r.Problems) != len(want.Problems) {
		t.Errorf("report after import: %s %+v, %d problems; want %s %+v, %d problems", r.Status, r.Totals, len(r.Problems), want.Status, want.Totals, len(want.Problems))
	}
}

// TestStoreBackBeforeTheEnd: the store is given up for a spool, then
// answers again before the scan ends: the spool moves into it, and the
// scan is kept whole (exit 0, no spool left).
func TestStoreBackBeforeTheEnd(t *testing.T) {
	want := undisturbedReport(t)
	dsn, name, admin := dbtest.PostgresDatabase(t)
	spoolDir := t.TempDir()
	t.Setenv("TMPDIR", spoolDir)
	out := filepath.Join(t.TempDir(), "report.json")
	s := &scanning{ctx: context.Background(), stderr: &lockedBuffer{}, done: make(chan int, 1)}
	// The store comes back the moment the scan turns to the spool: the
	// message is written on the scan's own goroutine, which waits here,
	// on a connection of its own.
	allow := dbtest.Postgres(t)
	var allowed error
	s.stderr.onWrite = func(msg string) {
		if strings.Contains(msg, "still fails after") {
			_, allowed = allow.Exec(context.Background(), "ALTER DATABASE "+name+" ALLOW_CONNECTIONS true")
		}
	}
	s.start("-state", dsn, "-state-retry", "1s", "-keep-findings", "all", "-format", "json", "-o", out, failCorpus(t))
	if !waitStored(t, s, admin, name) {
		t.Fatalf("the scan ended before storing anything; stderr:\n%s", s.stderr)
	}
	dbtest.RefusePostgres(t, admin, name)
	code := s.wait(t)
	errOut := s.stderr.String()
	if allowed != nil {
		t.Fatal(allowed)
	}
	if code != exitOK {
		t.Fatalf("exit %d, want %d; stderr:\n%s", code, exitOK, errOut)
	}
	if !strings.Contains(errOut, "kept in the spool meanwhile were moved into it") || !strings.Contains(errOut, "kept as scan 1") {
		t.Errorf("want the spool moved into the store said; stderr:\n%s", errOut)
	}
	if left, _ := filepath.Glob(filepath.Join(spoolDir, "pmscan-spool-*")); len(left) != 0 {
		t.Errorf("spool left behind: %v", left)
	}
	if got := readReport(t, out); got.Totals != want.Totals || got.StateStore != nil {
		t.Errorf("report: %+v (state_store %+v), want %+v", got.Totals, got.StateStore, want.Totals)
	}
	if n, maxSeq := storedFindings(t, dsn, 1); n != want.Totals.Findings || maxSeq != n {
		t.Errorf("the store holds %d findings, the last numbered %d; want %d", n, maxSeq, want.Totals.Findings)
	}
}

// TestStoreOutage: the store refuses connections for a few seconds, less
// than -state-retry, as a restarting server does. The scan waits and
// goes on; nothing is spooled; the wait is logged.
func TestStoreOutage(t *testing.T) {
	want := undisturbedReport(t)
	dsn, name, admin := dbtest.PostgresDatabase(t)
	t.Setenv("TMPDIR", t.TempDir())
	out := filepath.Join(t.TempDir(), "report.json")
	s := startScan("-state", dsn, "-keep-findings", "all", "-format", "json", "-o", out, failCorpus(t))
	if !waitStored(t, s, admin, name) {
		t.Fatalf("the scan ended before storing anything; stderr:\n%s", s.stderr)
	}
	const outage = 3 * time.Second
	dbtest.RefusePostgres(t, admin, name)
	time.Sleep(outage)
	dbtest.AllowPostgres(t, admin, name)
	code := s.wait(t)
	errOut := s.stderr.String()
	if code != exitOK || strings.Contains(errOut, "spool") {
		t.Fatalf("exit %d, want %d without a spool; stderr:\n%s", code, exitOK, errOut)
	}
	back := regexp.MustCompile(`is back after (\S+); nothing was lost`).FindStringSubmatch(errOut)
	if back == nil {
		t.Fatalf("the wait is not said; stderr:\n%s", errOut)
	}
	t.Logf("store down for %v: the scan waited %s", outage, back[1])
	if got := readReport(t, out); got.Totals != want.Totals || got.StateStore != nil {
		t.Errorf("report: %+v (state_store %+v), want %+v", got.Totals, got.StateStore, want.Totals)
	}
	if n, maxSeq := storedFindings(t, dsn, 1); n != want.Totals.Findings || maxSeq != n {
		t.Errorf("the store holds %d findings, the last numbered %d; want %d", n, maxSeq, want.Totals.Findings)
	}
}

// TestInterruptWhileStoreDown: Ctrl-C while the scan waits for its store
// ends the wait: the scan stops at once, as it would with a working
// store, spools what it has, and exits 130.
func TestInterruptWhileStoreDown(t *testing.T) {
	dsn, name, admin := dbtest.PostgresDatabase(t)
	spoolDir := t.TempDir()
	t.Setenv("TMPDIR", spoolDir)
	out := filepath.Join(t.TempDir(), "report.json")
	ctx, interrupt := context.WithCancel(context.Background())
	defer interrupt()
	s := &scanning{ctx: ctx, stderr: &lockedBuffer{}, done: make(chan int, 1)}
	s.start("-state", dsn, "-state-retry", "10m", "-keep-findings", "all", "-format", "json", "-o", out, failCorpus(t))
	if !waitStored(t, s, admin, name) {
		t.Fatalf("the scan ended before storing anything; stderr:\n%s", s.stderr)
	}
	dbtest.RefusePostgres(t, admin, name)
	for s.running(10*time.Millisecond) && !strings.Contains(s.stderr.String(), "retrying for up to 10m0s") {
	}
	interrupted := time.Now()
	interrupt()
	code := s.wait(t)
	took := time.Since(interrupted)
	dbtest.AllowPostgres(t, admin, name)
	errOut := s.stderr.String()
	if code != exitInterrupted || took > time.Minute {
		t.Fatalf("exit %d %v after Ctrl-C, want %d long before the 10m retry; stderr:\n%s", code, took, exitInterrupted, errOut)
	}
	t.Logf("the scan ended %v after Ctrl-C", took.Round(time.Millisecond))
	got := readReport(t, out)
	if got.Status != "interrupted" || got.StateStore == nil || got.StateStore.Spool == "" {
		t.Fatalf("report: status %s, state_store %+v; want interrupted, spooled", got.Status, got.StateStore)
	}
	if n := spoolFindings(t, got.StateStore.Spool, 1); n != got.StateStore.Findings {
		t.Errorf("the spool holds %d findings, the report says %d", n, got.StateStore.Findings)
	}
}
