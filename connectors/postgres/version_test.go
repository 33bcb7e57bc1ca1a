package postgres

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/connectors/sqldb"
	"github.com/pmscan/pmscan/internal/testkit/dbtest"
)

// versionDB makes a database of the test's own (its statistics are reset,
// its sessions counted) and returns its URL, its name, and a connection to
// it for the writer, under an application_name of its own.
func versionDB(t *testing.T) (dsn, name string, writer *pgx.Conn) {
	t.Helper()
	dsn, name, _ = dbtest.PostgresDatabase(t)
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		t.Fatal(err)
	}
	cfg.RuntimeParams["application_name"] = "pmscan_test_writer"
	writer, err = pgx.ConnectConfig(t.Context(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { writer.Close(context.Background()) })
	return dsn, name, writer
}

// write runs stmts as the writer and has its statistics flushed before the
// next statement returns (pg_stat_force_next_flush, PostgreSQL ≥ 15);
// where the server lacks it, the checks poll the version instead.
func write(t *testing.T, writer *pgx.Conn, stmts ...string) {
	t.Helper()
	dbtest.ExecPostgres(t, writer, stmts...)
	var canFlush bool
	if err := writer.QueryRow(t.Context(), "SELECT to_regproc('pg_stat_force_next_flush') IS NOT NULL").Scan(&canFlush); err != nil {
		t.Fatal(err)
	}
	if canFlush {
		dbtest.ExecPostgres(t, writer, "SELECT pg_stat_force_next_flush()")
	}
}

func openDB(t *testing.T, dsn string) connectors.Connector {
	t.Helper()
	c, err := NewFactory(sqldb.Options{Views: true}).Open(t.Context(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// versionOf is the version of table, polled for up to flushWait until
// done says it is the one wanted: the statistics of a change show once
// its backend has flushed them.
func versionOf(t *testing.T, dsn, table string, done func(*connectors.Version) bool) *connectors.Version {
	t.Helper()
	deadline := time.Now().Add(flushWait)
	for {
		v := dbtest.Versions(t, openDB(t, dsn))[table]
		if v == nil {
			t.Fatalf("%s: no version", table)
		}
		if done == nil || done(v) || time.Now().After(deadline) {
			return v
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// flushWait bounds the wait for a backend's statistics: it flushes them
// within a second when idle.
const flushWait = 5 * time.Second

func fact(v *connectors.Version, name string) (string, bool) {
	for _, f := range v.Facts {
		if f.Name == name {
			return f.Value, true
		}
	}
	return "", false
}

// TestVersion: a table's version stays as it is while nothing writes to
// it, reads included, and moves with every kind of change, each in the
// fact that records it.
func TestVersion(t *testing.T) {
	dsn, _, writer := versionDB(t)
	tests := []struct {
		name   string
		change string
		moved  []string // facts that must change; none: the version must not
	}{
		{"unchanged", "", nil},
		{"read", "SELECT count(*), max(name) FROM %s", nil},
		{"insert", "INSERT INTO %s VALUES (4, 'Shiro', now(), now())", []string{"changes", "live_rows"}},
		{"update", "UPDATE %s SET name = 'Jiro2' WHERE id = 2", []string{"changes"}},
		{"update of the record time", "UPDATE %s SET updated_at = updated_at + interval '1 day' WHERE id = 3", []string{"changes", "newest_record"}},
		{"delete", "DELETE FROM %s WHERE id = 1", []string{"changes", "live_rows"}},
		{"truncate", "TRUNCATE %s", []string{"relfilenode"}},
		{"vacuum full", "VACUUM FULL %s", []string{"relfilenode"}},
	}
	for _, tc := range tests {
		table := "t_" + strings.ReplaceAll(tc.name, " ", "_")
		write(t, writer,
			"CREATE TABLE "+table+" (id integer PRIMARY KEY, name text, created_at timestamptz, updated_at timestamptz)",
			"CREATE INDEX ON "+table+" (updated_at)",
			"INSERT INTO "+table+" VALUES (1, 'Taro', now(), '2024-01-01'), (2, 'Jiro', now(), '2024-02-01'), (3, 'Saburo', now(), '2024-03-01')")
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			table := "public.t_" + strings.ReplaceAll(tc.name, " ", "_")
			before := versionOf(t, dsn, table, nil)
			if before.Doubt != "" {
				t.Fatalf("before: doubt %q", before.Doubt)
			}
			if tc.change != "" {
				write(t, writer, fmt.Sprintf(tc.change, table))
			}
			var moved func(*connectors.Version) bool // unchanged: no wait
			if len(tc.moved) > 0 {
				moved = func(v *connectors.Version) bool { return !v.Equal(before) }
			}
			after := versionOf(t, dsn, table, moved)
			if after.Doubt != "" {
				t.Errorf("after: doubt %q", after.Doubt)
			}
			if len(tc.moved) == 0 {
				if !before.Equal(after) {
					t.Errorf("the version moved: %s", before.Changes(after))
				}
				return
			}
			for _, name := range tc.moved {
				b, _ := fact(before, name)
				a, ok := fact(after, name)
				if !ok || a == b {
					t.Errorf("%s did not move (%q → %q): %s", name, b, a, before.Changes(after))
				}
			}
		})
	}
}

// TestVersionFacts: the facts are in their order; newest_record is the
// newest change time where an index leads with it, and absent where its
// max() would read every row; a view and counters that cannot vouch for
// the rows are doubted.
func TestVersionFacts(t *testing.T) {
	dsn, name, writer := versionDB(t)
	write(t, writer,
		`CREATE TABLE indexed (id integer PRIMARY KEY, "登録日時" timestamptz, "更新日時" timestamptz)`,
		`CREATE INDEX ON indexed ("登録日時")`,
		`CREATE INDEX ON indexed ("更新日時")`,
		`INSERT INTO indexed VALUES (1, '2020-01-01 00:00+00', '2024-05-01 12:00+00'), (2, '2021-01-01 00:00+00', NULL)`,
		"CREATE TABLE unindexed (id integer PRIMARY KEY, updated_at timestamptz)",
		"INSERT INTO unindexed VALUES (1, '2024-05-01')",
		"CREATE TABLE empty (id integer PRIMARY KEY, updated_at timestamptz)",
		"CREATE INDEX ON empty (updated_at)",
		"CREATE VIEW a_view AS SELECT id FROM indexed",
	)
	versions := dbtest.Versions(t, openDB(t, dsn))
	var newest string
	if err := writer.QueryRow(t.Context(), `SELECT max("更新日時")::text FROM indexed`).Scan(&newest); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		table  string
		facts  []string
		newest string
		doubt  string
	}{
		{"public.indexed", []string{"relfilenode", "changes", "live_rows", "stats_reset", "select", "newest_record", "columns"}, newest, ""},
		{"public.unindexed", []string{"relfilenode", "changes", "live_rows", "stats_reset", "select", "columns"}, "", ""},
		{"public.empty", []string{"relfilenode", "changes", "live_rows", "stats_reset", "select", "newest_record", "columns"}, "null", ""},
		{"public.a_view", []string{"columns"}, "", sqldb.ViewDoubt},
	} {
		v := versions[tc.table]
		if v == nil {
			t.Errorf("%s: no version", tc.table)
			continue
		}
		var names []string
		for _, f := range v.Facts {
			names = append(names, f.Name)
		}
		if strings.Join(names, " ") != strings.Join(tc.facts, " ") {
			t.Errorf("%s: facts %v, want %v", tc.table, names, tc.facts)
		}
		if got, _ := fact(v, "newest_record"); got != tc.newest {
			t.Errorf("%s: newest_record %q, want %q", tc.table, got, tc.newest)
		}
		if v.Doubt != tc.doubt {
			t.Errorf("%s: doubt %q, want %q", tc.table, v.Doubt, tc.doubt)
		}
	}

	// A reset of the database's counters moves stats_reset, and leaves a
	// table with rows counting none: doubted, until a change is counted.
	before := versions["public.unindexed"]
	write(t, writer, "SELECT pg_stat_reset()")
	after := versionOf(t, dsn, "public.unindexed", func(v *connectors.Version) bool { return v.Doubt != "" })
	if r, _ := fact(after, "stats_reset"); r == "never" || before.Equal(after) {
		t.Errorf("after pg_stat_reset: stats_reset %q, %s", r, before.Changes(after))
	}
	if !strings.Contains(after.Doubt, "count no row though the table has pages") {
		t.Errorf("after pg_stat_reset: doubt %q, want the counters doubted", after.Doubt)
	}
	write(t, writer, "UPDATE unindexed SET updated_at = now()")
	if v := versionOf(t, dsn, "public.unindexed", func(v *connectors.Version) bool { return v.Doubt == "" }); v.Doubt != "" {
		t.Errorf("after a change counted again: doubt %q", v.Doubt)
	}

	// A server that counts no changes cannot vouch for any table.
	dbtest.ExecPostgres(t, writer, "ALTER DATABASE "+name+" SET track_counts = off")
	if v := versionOf(t, dsn, "public.unindexed", nil); !strings.Contains(v.Doubt, "track_counts is off") {
		t.Errorf("with track_counts off: doubt %q", v.Doubt)
	}
	dbtest.ExecPostgres(t, writer, "ALTER DATABASE "+name+" RESET track_counts")
}

// TestVersionMaterializedView: a materialized view has the version of a
// table, and a refresh, which rewrites it, moves its file.
func TestVersionMaterializedView(t *testing.T) {
	dsn, _, writer := versionDB(t)
	write(t, writer,
		"CREATE TABLE base (id integer PRIMARY KEY, email text)",
		"INSERT INTO base VALUES (1, 'a@example.com')",
		"CREATE MATERIALIZED VIEW emails AS SELECT email FROM base")
	before := versionOf(t, dsn, "public.emails", nil)
	if before.Doubt != "" || len(before.Facts) != 6 {
		t.Fatalf("materialized view: %+v, want the facts of a table and no doubt", before)
	}
	write(t, writer, "REFRESH MATERIALIZED VIEW emails")
	after := versionOf(t, dsn, "public.emails", nil)
	if b, _ := fact(before, "relfilenode"); b == mustFact(t, after, "relfilenode") {
		t.Errorf("the refresh did not move relfilenode: %s", before.Changes(after))
	}
}

func mustFact(t *testing.T, v *connectors.Version, name string) string {
	t.Helper()
	f, ok := fact(v, name)
	if !ok {
		t.Fatalf("no %s in %+v", name, v)
	}
	return f
}

// TestCarriedTableReadsNoRows: a table carried over is not scanned, by
// the statistics of the server itself: no sequential scan and no scan of
// its primary key, where a walk that reads it shows both; the version's
// max() of the record time is one probe of its index in either walk.
func TestCarriedTableReadsNoRows(t *testing.T) {
	dsn, name, writer := versionDB(t)
	write(t, writer,
		"CREATE TABLE customers (id integer PRIMARY KEY, email text, updated_at timestamptz)",
		"CREATE INDEX customers_updated ON customers (updated_at)",
		"INSERT INTO customers SELECT g, 'user' || g || '@example.com', now() FROM generate_series(1, 500) g")
	scans := func() (rows, probes int64) {
		t.Helper()
		// The connector's sessions flush their statistics when they end.
		deadline := time.Now().Add(flushWait)
		for {
			var n int
			err := writer.QueryRow(t.Context(), "SELECT count(*) FROM pg_stat_activity WHERE datname = $1 AND application_name = $1", name).Scan(&n)
			if err != nil {
				t.Fatal(err)
			}
			if n == 0 {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("%d sessions of the connector still open", n)
			}
			time.Sleep(20 * time.Millisecond)
		}
		dbtest.ExecPostgres(t, writer, "SELECT pg_stat_clear_snapshot()")
		err := writer.QueryRow(t.Context(), `
			SELECT t.seq_scan + COALESCE((SELECT idx_scan FROM pg_stat_user_indexes WHERE indexrelname = 'customers_pkey'), 0),
			       COALESCE((SELECT idx_scan FROM pg_stat_user_indexes WHERE indexrelname = 'customers_updated'), 0)
			FROM pg_stat_user_tables t WHERE t.relname = 'customers'`).Scan(&rows, &probes)
		if err != nil {
			t.Fatal(err)
		}
		return rows, probes
	}
	for _, tc := range []struct {
		name  string
		carry bool
	}{
		{"carried", true},
		{"read", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rows0, probes0 := scans()
			c := openDB(t, dsn)
			if tc.carry {
				if v := dbtest.Versions(t, c)["public.customers"]; v == nil {
					t.Fatal("customers: not carried")
				}
			} else {
				res := dbtest.Scan(t, t.Context(), c)
				if st := res.Objects["public.customers"]; st.Rows != 500 {
					t.Fatalf("customers: %d rows read, want 500", st.Rows)
				}
			}
			rows1, probes1 := scans()
			if read := rows1 > rows0; read != !tc.carry {
				t.Errorf("row scans of customers %d → %d: read %v, want %v", rows0, rows1, read, !tc.carry)
			}
			if probes1-probes0 != 1 {
				t.Errorf("scans of the updated_at index %d → %d, want the one probe of max()", probes0, probes1)
			}
		})
	}
}

// TestVersionRevokedSelect: a grant revoked since the last scan changes
// the version, and a table the session may not SELECT is in doubt: it is
// read, and fails, instead of being carried over with the findings of a
// read it may no longer make.
func TestVersionRevokedSelect(t *testing.T) {
	dsn, name, writer := versionDB(t)
	role := name + "_reader"
	write(t, writer,
		"CREATE TABLE people (id integer PRIMARY KEY, email text)",
		"INSERT INTO people VALUES (1, 'a@example.com')",
		"DROP ROLE IF EXISTS "+role,
		"CREATE ROLE "+role+" LOGIN",
		"GRANT SELECT ON people TO "+role)
	t.Cleanup(func() {
		writer.Exec(context.Background(), "DROP OWNED BY "+role)
		writer.Exec(context.Background(), "DROP ROLE IF EXISTS "+role)
	})
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.User(role)
	readerDSN := u.String()
	before := versionOf(t, readerDSN, "public.people", nil)
	if s, _ := fact(before, "select"); s != "table" || before.Doubt != "" {
		t.Fatalf("granted: select %q, doubt %q", s, before.Doubt)
	}
	write(t, writer, "REVOKE SELECT ON people FROM "+role)
	after := versionOf(t, readerDSN, "public.people", nil)
	if s, _ := fact(after, "select"); s != "none" || after.Doubt == "" || before.Equal(after) {
		t.Errorf("revoked: select %q, doubt %q, change %q", s, after.Doubt, before.Changes(after))
	}
}
