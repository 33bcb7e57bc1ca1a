package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/detectors/all"
	"github.com/pmscan/pmscan/internal/testkit/dbtest"
	"github.com/pmscan/pmscan/reports/inventory"
	"github.com/pmscan/pmscan/reports/policy"
	"github.com/pmscan/pmscan/scanner"
)

// backend makes an empty store for one test and returns its DSN.
type backend struct {
	name string
	dsn  func(t testing.TB) string
}

var backends = []backend{
	{"sqlite", func(t testing.TB) string { return filepath.Join(t.TempDir(), "state", "state.db") }},
	{"postgres", postgresDSN},
}

// postgresDSN makes a schema of its own on the test server, dropped when
// the test ends, and returns a URL whose search_path selects it.
func postgresDSN(t testing.TB) string {
	t.Helper()
	admin := dbtest.Postgres(t)
	var b [6]byte
	rand.Read(b[:])
	schema := "pmscan_store_test_" + hex.EncodeToString(b[:])
	dbtest.ExecPostgres(t, admin, "CREATE SCHEMA "+schema)
	t.Cleanup(func() { dbtest.ExecPostgres(t, admin, "DROP SCHEMA "+schema+" CASCADE") })
	u, err := url.Parse(dbtest.PostgresURL())
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// forEach runs test once per backend.
func forEach(t *testing.T, test func(t *testing.T, dsn string)) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) { test(t, b.dsn(t)) })
	}
}

func open(t testing.TB, dsn string) *Store {
	t.Helper()
	s, err := Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func count(t testing.TB, s *Store, query string, args ...any) int64 {
	t.Helper()
	var n int64
	if err := s.db.QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

func TestMigrateTwiceIsNoop(t *testing.T) {
	ms, err := loadMigrations(sqliteDialect.migrations)
	if err != nil {
		t.Fatal(err)
	}
	forEach(t, func(t *testing.T, dsn string) {
		s := open(t, dsn)
		var applied time.Time
		if err := s.db.QueryRow(`SELECT applied_at FROM schema_migrations WHERE version = 1`).Scan(&applied); err != nil {
			t.Fatal(err)
		}
		s.Close()
		s = open(t, dsn)
		if n := count(t, s, `SELECT count(*) FROM schema_migrations`); n != int64(len(ms)) {
			t.Errorf("schema_migrations has %d rows, want %d", n, len(ms))
		}
		var again time.Time
		if err := s.db.QueryRow(`SELECT applied_at FROM schema_migrations WHERE version = 1`).Scan(&again); err != nil {
			t.Fatal(err)
		}
		if !again.Equal(applied) {
			t.Errorf("migration 1 applied again: %v, then %v", applied, again)
		}
	})
}

func TestMigrationsMatch(t *testing.T) {
	sq, err := loadMigrations(sqliteDialect.migrations)
	if err != nil {
		t.Fatal(err)
	}
	pg, err := loadMigrations(postgresDialect.migrations)
	if err != nil {
		t.Fatal(err)
	}
	if len(sq) != len(pg) || len(sq) == 0 {
		t.Fatalf("%d SQLite and %d PostgreSQL migrations", len(sq), len(pg))
	}
	for i := range sq {
		if sq[i].name != pg[i].name {
			t.Errorf("migration %d: %s (SQLite) vs %s (PostgreSQL)", i+1, sq[i].name, pg[i].name)
		}
	}
}

func TestSchemaTooNew(t *testing.T) {
	forEach(t, func(t *testing.T, dsn string) {
		s := open(t, dsn)
		if _, err := s.db.Exec(`INSERT INTO schema_migrations (version, applied_at) VALUES (9999, $1)`, now()); err != nil {
			t.Fatal(err)
		}
		s.Close()
		_, err := Open(context.Background(), dsn)
		if !errors.Is(err, ErrSchemaTooNew) {
			t.Fatalf("Open = %v, want ErrSchemaTooNew", err)
		}
		if !strings.Contains(err.Error(), "9999") {
			t.Errorf("error does not name the version: %v", err)
		}
	})
}

// finding makes the i'th of many varied findings.
func finding(i int) scanner.Finding {
	f := scanner.Finding{
		Type:       "email",
		Confidence: detectors.High,
		Reasons:    []string{"column name email"},
		Masked:     fmt.Sprintf("u***%d@example.com", i),
		Value:      fmt.Sprintf("user%d@example.com", i),
		ValueHash:  uint64(i)*0x9e3779b97f4a7c15 + 1, // half have the top bit set
		LookupHash: uint64(i)*0x2545f4914f6cdd1d + 7,
		Location: connectors.Location{Object: connectors.NewTable("postgres", "db.example:5432", "shop", "public.customers"),
			Column: "email", Row: connectors.RowKey(fmt.Sprintf(`{"order_id":%d,"line":2}`, i))},
	}
	switch i % 4 {
	case 1:
		f.Type, f.Confidence, f.Reasons, f.Masked, f.Value = "phone", detectors.Medium, nil, "090-****-5678", "090-1234-5678"
		o := connectors.NewFile(fmt.Sprintf("data/日本語 %d.csv", i/100))
		o.Encoding, o.Modified = "cp932", time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
		f.Location = connectors.Location{Object: o, Line: int64(i), Column: "電話"}
	case 2:
		f.Type, f.Kind, f.Confidence, f.Reasons = "sensitive", "medical_history", detectors.Low, []string{}
		o := connectors.NewS3Object("", "b", fmt.Sprintf("k/%d.jsonl", i))
		o.SampledBytes = 1 << 20
		f.Location = connectors.Location{Object: o, Line: 3, Column: "$.note"}
	case 3:
		f.ValueHash = 0 // no value key
	}
	return f
}

func TestScanRoundTrip(t *testing.T) {
	forEach(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn)
		if _, err := s.LatestScan(ctx); !errors.Is(err, ErrNotFound) {
			t.Errorf("LatestScan of an empty store = %v, want ErrNotFound", err)
		}
		info := ScanInfo{
			Targets:  []string{"data", "s3://b/k/", "postgres://app:xxxxx@db.example/shop"},
			Started:  time.Date(2025, 4, 1, 9, 30, 15, 123456789, time.FixedZone("JST", 9*3600)),
			Policy:   "built-in",
			ShowData: true,
			Command:  "pmscan scan --show-data data s3://b/k/ postgres://app:xxxxx@db.example/shop",
		}
		id, err := s.BeginScan(ctx, info)
		if err != nil {
			t.Fatal(err)
		}
		if id != 1 {
			t.Errorf("first scan ID = %d, want 1", id)
		}

		const n = 12000
		b := inventory.NewBuilder(policy.Default(all.PolicyTypes()))
		sink := s.Sink(ctx, id)
		var want []scanner.Finding
		var problems []scanner.Problem
		for i := range n {
			f := finding(i)
			want = append(want, f)
			if err := sink.Finding(&f); err != nil {
				t.Fatal(err)
			}
			if i < 20 {
				if err := b.Finding(&f); err != nil {
					t.Fatal(err)
				}
			}
			if i%3000 == 0 {
				p := scanner.Problem{Location: connectors.At(connectors.NewFile(fmt.Sprintf("bin/%d", i))), Err: connectors.Skip("binary"), Skipped: true}
				if i == 3000 {
					p = scanner.Problem{Location: connectors.At(connectors.NewS3Object("", "b", "denied")), Err: errors.New("AccessDenied")}
				}
				problems = append(problems, p)
				if err := sink.Problem(p); err != nil {
					t.Fatal(err)
				}
				b.Problem(p)
			}
		}
		sum := &scanner.Summary{
			Started: info.Started, Finished: info.Started.Add(90 * time.Second),
			Targets: []scanner.TargetResult{{Name: "data"}, {Name: "s3://b/k/", Err: errors.New("listing: AccessDenied")}},
			Objects: 7, Bytes: 1 << 30, Records: 99999, Rows: 5000, Skipped: 3, Failed: 1, Findings: n,
			ByType: map[string]int64{"email": n / 2, "phone": n / 4, "sensitive": n / 4},
		}
		inv := b.Build(sum)
		if len(inv.Holdings) == 0 || len(inv.Flags) == 0 {
			t.Fatalf("the test inventory has %d holdings and %d flags; want some of each", len(inv.Holdings), len(inv.Flags))
		}
		if err := sink.Close(sum, inv); err != nil {
			t.Fatal(err)
		}

		latest, err := s.LatestScan(ctx)
		if err != nil || latest != id {
			t.Fatalf("LatestScan = %d, %v; want %d", latest, err, id)
		}
		got, err := s.Scan(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		wantInfo := info
		wantInfo.Started = time.Date(2025, 4, 1, 0, 30, 15, 123456000, time.UTC)
		if !reflect.DeepEqual(got.Info, wantInfo) {
			t.Errorf("Info = %+v,\nwant %+v", got.Info, wantInfo)
		}
		if want := wantInfo.Started.Add(90 * time.Second); !got.Finished.Equal(want) || got.Interrupted {
			t.Errorf("Finished, Interrupted = %v, %v; want %v, false", got.Finished, got.Interrupted, want)
		}
		wantTargets := []Target{
			{Name: "data", Status: StatusOK},
			{Name: "s3://b/k/", Status: StatusFailed, Error: "listing: AccessDenied"},
			{Name: "postgres://app:xxxxx@db.example/shop", Status: StatusNotScanned},
		}
		if !reflect.DeepEqual(got.Targets, wantTargets) {
			t.Errorf("Targets = %+v,\nwant %+v", got.Targets, wantTargets)
		}
		wantTotals := Totals{Objects: 7, Bytes: 1 << 30, Records: 99999, Rows: 5000, Skipped: 3, Failed: 1, Findings: n, ByType: sum.ByType}
		if !reflect.DeepEqual(got.Totals, wantTotals) {
			t.Errorf("Totals = %+v,\nwant %+v", got.Totals, wantTotals)
		}
		if g, w := jsonOf(t, got.Inventory), jsonOf(t, inv); g != w {
			t.Errorf("Inventory = %s,\nwant %s", g, w)
		}
		if h := count(t, s, `SELECT count(*) FROM holdings WHERE scan_id = $1`, id); h != int64(len(inv.Holdings)) {
			t.Errorf("%d holding rows, want %d", h, len(inv.Holdings))
		}
		// The holdings and flags came back from their tables: the JSON
		// has none.
		var stored string
		if err := s.db.QueryRowContext(ctx, `SELECT inventory FROM scans WHERE id = $1`, id).Scan(&stored); err != nil {
			t.Fatal(err)
		}
		var fields map[string]json.RawMessage
		if err := json.Unmarshal([]byte(stored), &fields); err != nil {
			t.Fatal(err)
		}
		for _, k := range []string{"holdings", "flags"} {
			if v := string(fields[k]); v != "null" {
				t.Errorf("the stored JSON has %s %.80s; want null, the table has them", k, v)
			}
		}
		if f := count(t, s, `SELECT count(*) FROM flags WHERE scan_id = $1`, id); f != int64(len(inv.Flags)) {
			t.Errorf("%d flag rows, want %d", f, len(inv.Flags))
		}

		var i int
		for f, err := range s.Findings(ctx, id) {
			if err != nil {
				t.Fatal(err)
			}
			if i < len(want) {
				w := want[i]
				w.LookupHash, w.LookupSurname = 0, 0 // kept in the lookup index, not with the finding
				if !reflect.DeepEqual(f, w) {
					t.Fatalf("finding %d = %+v,\nwant %+v", i, f, w)
				}
			}
			i++
		}
		if i != n {
			t.Errorf("read %d findings back, want %d", i, n)
		}
		i = 0
		for p, err := range s.Problems(ctx, id) {
			if err != nil {
				t.Fatal(err)
			}
			if w := problems[i]; !reflect.DeepEqual(p.Location, w.Location) || p.Skipped != w.Skipped || p.Err.Error() != w.Err.Error() {
				t.Errorf("problem %d = %+v, want %+v", i, p, w)
			}
			i++
		}
		if i != len(problems) {
			t.Errorf("read %d problems back, want %d", i, len(problems))
		}

		// A second, unfinished scan: listed first, not the latest.
		id2, err := s.BeginScan(ctx, ScanInfo{Targets: []string{"x"}})
		if err != nil || id2 != 2 {
			t.Fatalf("second BeginScan = %d, %v; want 2", id2, err)
		}
		if latest, _ := s.LatestScan(ctx); latest != id {
			t.Errorf("LatestScan = %d with scan 2 unfinished, want %d", latest, id)
		}
		scans, err := s.Scans(ctx, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(scans) != 2 || scans[0].ID != 2 || scans[1].ID != 1 || scans[0].Inventory != nil || scans[1].Inventory != nil {
			t.Fatalf("Scans = %+v; want scans 2, 1 without inventories", scans)
		}
		if !scans[0].Finished.IsZero() || scans[0].Targets[0].Status != StatusStarted || scans[1].Totals.Findings != n {
			t.Errorf("Scans = %+v", scans)
		}
		if scans, err := s.Scans(ctx, 1); err != nil || len(scans) != 1 {
			t.Errorf("Scans(1) = %d scans, %v", len(scans), err)
		}

		if _, err := s.Scan(ctx, 99); !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), "scan 99") {
			t.Errorf("Scan(99) = %v, want ErrNotFound naming the scan", err)
		}
		for _, err := range s.Findings(ctx, 99) {
			if !errors.Is(err, ErrNotFound) {
				t.Errorf("Findings(99) = %v, want ErrNotFound", err)
			}
		}
		if err := s.Sink(ctx, id).Finding(&want[0]); err == nil {
			t.Error("a sink stored findings into a finished scan")
		}
	})
}

func jsonOf(t *testing.T, v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestValueStoredOnlyWithShowData(t *testing.T) {
	forEach(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn)
		for _, show := range []bool{false, true} {
			id, err := s.BeginScan(ctx, ScanInfo{ShowData: show})
			if err != nil {
				t.Fatal(err)
			}
			sink := s.Sink(ctx, id)
			for i := range 10 {
				f := finding(4 * i) // every one has a value and a hash
				if err := sink.Finding(&f); err != nil {
					t.Fatal(err)
				}
			}
			if err := sink.Close(&scanner.Summary{}, nil); err != nil {
				t.Fatal(err)
			}
			want := int64(0)
			if show {
				want = 10
			}
			if n := count(t, s, `SELECT count(*) FROM findings WHERE scan_id = $1 AND value IS NOT NULL`, id); n != want {
				t.Errorf("ShowData %v: %d raw values stored, want %d", show, n, want)
			}
			if n := count(t, s, `SELECT count(*) FROM findings WHERE scan_id = $1 AND value_hash IS NOT NULL`, id); n != 10 {
				t.Errorf("ShowData %v: %d value hashes stored, want 10", show, n)
			}
			for f, err := range s.Findings(ctx, id) {
				if err != nil {
					t.Fatal(err)
				}
				if (f.Value != "") != show {
					t.Errorf("ShowData %v: read back Value %q", show, f.Value)
				}
			}
			sc, err := s.Scan(ctx, id)
			if err != nil || sc.Inventory != nil || sc.Finished.IsZero() {
				t.Errorf("Scan without inventory = %+v, %v", sc, err)
			}
		}
	})
}

func TestSQLiteFileModes(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a", "pmscan")
	path := filepath.Join(dir, "state.db")
	s := open(t, path)
	ctx := context.Background()
	if _, err := s.ValueKey(ctx); err != nil { // a write, so the WAL exists
		t.Fatal(err)
	}
	for p, want := range map[string]os.FileMode{dir: 0o700, filepath.Dir(dir): 0o700, path: 0o600, path + "-wal": 0o600} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode().Perm(); got != want {
			t.Errorf("%s: mode %04o, want %04o", p, got, want)
		}
	}
	var mode string
	if err := s.db.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode = %q, %v; want wal", mode, err)
	}

	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := s.BeginScan(ctx, ScanInfo{ShowData: true}); err == nil || !strings.Contains(err.Error(), "readable by others") {
		t.Errorf("BeginScan with ShowData on a 0644 file = %v, want refused", err)
	}
	if _, err := s.BeginScan(ctx, ScanInfo{}); err != nil {
		t.Errorf("BeginScan without ShowData on a 0644 file: %v", err)
	}
}

func TestSQLiteOddPath(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a?b#c %41 d", "state.db")
	s := open(t, path)
	if _, err := s.ValueKey(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("the store is not at %s: %v", path, err)
	}
}

func TestValueKeyStable(t *testing.T) {
	forEach(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn)
		k1, err := s.ValueKey(ctx)
		if err != nil {
			t.Fatal(err)
		}
		k2, err := s.ValueKey(ctx)
		if err != nil {
			t.Fatal(err)
		}
		s.Close()
		s = open(t, dsn)
		k3, err := s.ValueKey(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if *k1 == (scanner.ValueKey{}) || *k1 != *k2 || *k1 != *k3 {
			t.Errorf("value keys %x, %x, %x; want one non-zero key", *k1, *k2, *k3)
		}
	})
}

func TestCancelMidSink(t *testing.T) {
	forEach(t, func(t *testing.T, dsn string) {
		s := open(t, dsn)
		bg := context.Background()
		id, err := s.BeginScan(bg, ScanInfo{Targets: []string{"data"}})
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(bg)
		defer cancel()
		sink := s.Sink(ctx, id)
		// Batches by size alone: on a loaded machine 5,000 findings can
		// take longer than flushEvery, and a flush on time would move the
		// INSERTs this test counts.
		sink.flushEvery = time.Hour
		chunks := 0
		sink.afterChunk = func() {
			// The first batch is 10 INSERTs (5000 rows); cancel inside the second.
			if chunks++; chunks == 13 {
				cancel()
			}
		}
		var failed error
		for i := range 12000 {
			f := finding(i)
			f.LookupHash = 0 // batches of findings alone: the INSERTs counted
			if failed = sink.Finding(&f); failed != nil {
				if i != 2*batchRows-1 {
					t.Errorf("finding %d failed, want %d", i, 2*batchRows-1)
				}
				break
			}
		}
		if !errors.Is(failed, context.Canceled) {
			t.Fatalf("Finding after cancel = %v, want context.Canceled", failed)
		}
		if err := sink.Close(&scanner.Summary{Interrupted: true}, nil); err == nil {
			t.Error("Close after a failed flush succeeded")
		}

		if n := count(t, s, `SELECT count(*) FROM findings WHERE scan_id = $1`, id); n != batchRows {
			t.Errorf("%d findings stored, want the first batch's %d", n, batchRows)
		}
		sc, err := s.Scan(bg, id)
		if err != nil {
			t.Fatal(err)
		}
		if !sc.Finished.IsZero() || sc.Inventory != nil || sc.Targets[0].Status != StatusStarted {
			t.Errorf("the cancelled scan = %+v; want it unfinished", sc)
		}
		if _, err := s.LatestScan(bg); !errors.Is(err, ErrNotFound) {
			t.Errorf("LatestScan = %v, want ErrNotFound", err)
		}
		// No lock is left behind: the store takes the next scan.
		id2, err := s.BeginScan(bg, ScanInfo{})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Sink(bg, id2).Close(&scanner.Summary{}, nil); err != nil {
			t.Fatal(err)
		}
		if s.dialect == sqliteDialect {
			var ok string
			if err := s.db.QueryRow(`PRAGMA integrity_check`).Scan(&ok); err != nil || ok != "ok" {
				t.Errorf("integrity_check = %q, %v", ok, err)
			}
		}
	})
}

// TestConcurrentWriters runs two stores (two pmscan processes) on one
// database: they migrate it at once, then store scans side by side.
func TestConcurrentWriters(t *testing.T) {
	forEach(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		const per = 6000
		ids := make([]int64, 2)
		errs := make(chan error, 2)
		for w := range 2 {
			go func() {
				errs <- func() error {
					s, err := Open(ctx, dsn)
					if err != nil {
						return err
					}
					defer s.Close()
					if ids[w], err = s.BeginScan(ctx, ScanInfo{Targets: []string{fmt.Sprint("writer", w)}}); err != nil {
						return err
					}
					sink := s.Sink(ctx, ids[w])
					sink.batchRows = 1000
					for i := range per {
						f := finding(i)
						if err := sink.Finding(&f); err != nil {
							return err
						}
					}
					return sink.Close(&scanner.Summary{Findings: per}, nil)
				}()
			}()
		}
		for range 2 {
			if err := <-errs; err != nil {
				t.Fatal(err)
			}
		}
		if ids[0] == ids[1] {
			t.Fatalf("both writers got scan %d", ids[0])
		}
		s := open(t, dsn)
		for _, id := range ids {
			if n := count(t, s, `SELECT count(*) FROM findings WHERE scan_id = $1`, id); n != per {
				t.Errorf("scan %d: %d findings, want %d", id, n, per)
			}
		}
	})
}

func TestOpenErrors(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, err := Open(ctx, "postgres://pmscan:s3cr%40tpw@127.0.0.1:1/state?connect_timeout=2&sslmode=disable")
	if err == nil {
		t.Fatal("opened a store on port 1")
	}
	if msg := err.Error(); strings.Contains(msg, "s3cr") || !strings.Contains(msg, "127.0.0.1") {
		t.Errorf("error shows the password or hides the host: %v", msg)
	}
	if _, err := Open(ctx, "mysql://root@127.0.0.1/state"); err == nil || !strings.Contains(err.Error(), `unsupported scheme "mysql"`) {
		t.Errorf("Open(mysql://) = %v", err)
	}
}

func TestDefaultPath(t *testing.T) {
	t.Setenv("XDG_STATE_HOME", "/var/lib/x")
	if p, err := DefaultPath(); err != nil || p != "/var/lib/x/pmscan/state.db" {
		t.Errorf("DefaultPath = %q, %v", p, err)
	}
	t.Setenv("XDG_STATE_HOME", "relative")
	t.Setenv("HOME", "/home/u")
	if p, err := DefaultPath(); err != nil || p != "/home/u/.local/state/pmscan/state.db" {
		t.Errorf("DefaultPath = %q, %v", p, err)
	}
}

// BenchmarkSink stores b.N findings through a sink; run it with
// -benchtime=1000000x for the cost of a million.
func BenchmarkSink(b *testing.B) {
	for _, be := range backends {
		b.Run(be.name, func(b *testing.B) {
			ctx := context.Background()
			s := open(b, be.dsn(b))
			key, err := s.ValueKey(ctx)
			if err != nil {
				b.Fatal(err)
			}
			_ = key
			id, err := s.BeginScan(ctx, ScanInfo{Targets: []string{"bench"}})
			if err != nil {
				b.Fatal(err)
			}
			fs := make([]scanner.Finding, 1024)
			for i := range fs {
				fs[i] = finding(i)
			}
			sink := s.Sink(ctx, id)
			b.ResetTimer()
			start := time.Now()
			for i := range b.N {
				f := &fs[i%len(fs)]
				f.ValueHash = uint64(i)*0x9e3779b97f4a7c15 + 1
				if err := sink.Finding(f); err != nil {
					b.Fatal(err)
				}
			}
			if err := sink.Close(&scanner.Summary{Findings: int64(b.N)}, nil); err != nil {
				b.Fatal(err)
			}
			elapsed := time.Since(start)
			b.StopTimer()
			b.ReportMetric(float64(b.N)/elapsed.Seconds(), "findings/s")
			var size int64
			if s.path != "" {
				if _, err := s.db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
					b.Fatal(err)
				}
				fi, err := os.Stat(s.path)
				if err != nil {
					b.Fatal(err)
				}
				size = fi.Size()
			} else if err := s.db.QueryRow(`SELECT pg_total_relation_size('findings')`).Scan(&size); err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(size)/float64(b.N), "bytes/finding")
		})
	}
}
