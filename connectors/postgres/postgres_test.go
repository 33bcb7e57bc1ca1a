package postgres

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/pmscan/pmscan/connectors"

	"github.com/pmscan/pmscan/connectors/sqldb"
	"github.com/pmscan/pmscan/internal/testkit/dbtest"
	"github.com/pmscan/pmscan/internal/testkit/synthetic"
	"github.com/pmscan/pmscan/scanner"
)

// The fixture lives in its own schema, read by a role that may not read
// one of its tables. The role needs no password: the test server trusts
// loopback.
const (
	schema = "pmscan_pgtest"
	reader = "pmscan_pgtest_reader"
)

const lines = 1200 // rows of order_lines: several keyset pages at pageRows

// fixture creates the schema and returns the reader's URL.
func fixture(t *testing.T) string {
	t.Helper()
	admin := dbtest.Postgres(t)
	gen := synthetic.New(42)
	dbtest.ExecPostgres(t, admin,
		"DROP SCHEMA IF EXISTS "+schema+" CASCADE",
		fmt.Sprintf(`DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%s') THEN CREATE ROLE %s LOGIN; END IF; END $$`, reader, reader),
		"CREATE SCHEMA "+schema,
		`CREATE TABLE `+schema+`."顧客" (
			"顧客ID" integer PRIMARY KEY, "氏名" text, "電話番号" varchar(20), "携帯電話" bigint,
			"個人番号" bigint, "備考" text, "写真" bytea, "位置" point, "有効" boolean, "登録日" date, profile jsonb)`,
		`CREATE TABLE `+schema+`.order_lines (order_id integer, line integer, email text, PRIMARY KEY (order_id, line))`,
		`CREATE TABLE `+schema+`.nokey_log (memo text)`,
		`CREATE TABLE `+schema+`.coded (code text NOT NULL UNIQUE, tel text)`,
		`CREATE TABLE `+schema+`.secret (id integer PRIMARY KEY, email text)`,
		`CREATE VIEW `+schema+`.customer_view AS SELECT "氏名", "電話番号" FROM `+schema+`."顧客"`,
	)
	ctx := context.Background()
	// 顧客: NULLs, a phone and a My Number held as integers, large text.
	myNumber, _ := strconv.ParseInt(strings.TrimLeft(gen.MyNumber(), "0"), 10, 64)
	big := strings.Repeat("特記事項なし。", 20000) + "連絡先 yamada.large@example.com です。" // ~400 KB, the address past several chunks
	rows := [][]any{
		{1, "山田 太郎", "090-1234-5678", int64(9012345678), myNumber, "特になし", []byte{0, 1}, "(1,2)", true, "2020-01-02", `{"連絡先": {"tel": "08011112222"}, "tags": ["vip"]}`},
		{2, "佐藤 花子", nil, nil, nil, nil, nil, nil, nil, nil, nil},
		{3, "鈴木 一郎", "03-1234-5678", nil, nil, big, nil, nil, false, nil, nil},
	}
	for _, r := range rows {
		dbtest.ExecPostgresArgs(t, admin, `INSERT INTO `+schema+`."顧客" VALUES ($1,$2,$3,$4,$5,$6,$7,$8::text::point,$9,$10::text::date,$11::text::jsonb)`, r...)
	}
	var lineRows [][]any
	for i := range lines {
		lineRows = append(lineRows, []any{i/3 + 1, i%3 + 1, fmt.Sprintf("buyer%04d@example.com", i)})
	}
	if _, err := admin.CopyFrom(ctx, pgx.Identifier{schema, "order_lines"}, []string{"order_id", "line", "email"}, pgx.CopyFromRows(lineRows)); err != nil {
		t.Fatal(err)
	}
	dbtest.ExecPostgres(t, admin,
		`INSERT INTO `+schema+`.nokey_log SELECT '担当者携帯 090-3141-' || lpad(g::text, 4, '0') FROM generate_series(1, 2500) g`,
		`INSERT INTO `+schema+`.coded VALUES ('A-1', '06-6123-4567'), ('B-2', NULL)`,
		`INSERT INTO `+schema+`.secret VALUES (1, 'hidden@example.com')`,
		"GRANT USAGE ON SCHEMA "+schema+" TO "+reader,
		`GRANT SELECT ON `+schema+`."顧客", `+schema+`.order_lines, `+schema+`.nokey_log, `+schema+`.coded, `+schema+`.customer_view TO `+reader,
		"ANALYZE "+schema+".order_lines",
	)
	t.Cleanup(func() {
		admin.Exec(context.Background(), "DROP SCHEMA IF EXISTS "+schema+" CASCADE")
	})
	u := dbtest.PostgresURL()
	return strings.Replace(u, "://postgres@", "://"+reader+"@", 1)
}

func open(t *testing.T, url string, opts sqldb.Options) *sqldb.Connector {
	t.Helper()
	opts.Filter.Include = []string{schema + ".*"}
	opts.Views = true
	c, err := NewFactory(opts).Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	return c.(*sqldb.Connector)
}

var fixtureMu sync.Mutex // tests share one schema

func TestScan(t *testing.T) {
	fixtureMu.Lock()
	defer fixtureMu.Unlock()
	url := fixture(t)
	admin := dbtest.Postgres(t)
	c := open(t, url, sqldb.Options{PageRows: 100, Conns: 2})
	var mu sync.Mutex // readers call the hook concurrently
	maxConns := 0
	c.SetProgress(func(*sqldb.Table, int64) {
		mu.Lock()
		defer mu.Unlock()
		var n int
		err := admin.QueryRow(context.Background(), "SELECT count(*) FROM pg_stat_activity WHERE usename = $1", reader).Scan(&n)
		if err != nil {
			t.Error(err)
		}
		maxConns = max(maxConns, n)
	})
	res := dbtest.Scan(t, context.Background(), c)
	if maxConns == 0 || maxConns > 2 {
		t.Errorf("the scan held %d connections at once, want 1 or 2 (-db-conns 2)", maxConns)
	}

	customers := schema + ".顧客"
	tests := []struct {
		table, column, typ, row, value string
	}{
		{customers, "電話番号", "phone", `{"顧客ID":1}`, "090-1234-5678"},
		{customers, "携帯電話", "phone", `{"顧客ID":1}`, "9012345678"},
		{customers, "氏名", "person_name", `{"顧客ID":2}`, "佐藤 花子"},
		{customers, "備考", "email", `{"顧客ID":3}`, "yamada.large@example.com"},
		{customers, "個人番号", "my_number", `{"顧客ID":1}`, ""},
		{customers, "profile.連絡先.tel", "phone", `{"顧客ID":1}`, "08011112222"}, // JSON by key path
		{schema + ".coded", "tel", "phone", `{"code":"A-1"}`, "06-6123-4567"},
	}
	for _, tc := range tests {
		var fs []scanner.Finding
		for _, f := range res.Where(tc.table, tc.column, tc.typ) {
			if string(f.Location.Row) == tc.row {
				fs = append(fs, f)
			}
		}
		if len(fs) != 1 {
			t.Errorf("%s.%s %s: %d findings, want 1: %+v", tc.table, tc.column, tc.typ, len(fs), fs)
			continue
		}
		l := fs[0].Location
		if string(l.Row) != tc.row || l.Object.Store != "postgres" || l.Object.Database != "test" && !strings.Contains(url, l.Object.Database) {
			t.Errorf("%s.%s %s: location %+v, want row %s", tc.table, tc.column, tc.typ, l, tc.row)
		}
		if tc.value != "" && fs[0].Value != tc.value {
			t.Errorf("%s.%s %s: value %q, want %q", tc.table, tc.column, tc.typ, fs[0].Value, tc.value)
		}
	}
	if got := res.Where(schema+".coded", "tel", "phone"); len(got) == 1 && !strings.HasPrefix(got[0].Location.Object.RowBy, "unique index") {
		t.Errorf("coded: row_by %q, want the unique index named", got[0].Location.Object.RowBy)
	}

	// Every row of a composite-key table, once, across keyset pages.
	seen := map[string]bool{}
	for _, f := range res.Where(schema+".order_lines", "email", "email") {
		if seen[string(f.Location.Row)] {
			t.Errorf("order_lines row %s reported twice", f.Location.Row)
		}
		seen[string(f.Location.Row)] = true
	}
	if len(seen) != lines || !seen[`{"order_id":1,"line":1}`] || !seen[fmt.Sprintf(`{"order_id":%d,"line":3}`, lines/3)] {
		t.Errorf("order_lines: %d distinct rows found, want %d", len(seen), lines)
	}

	// No key: located by ctid, and said so.
	nokey := res.Where(schema+".nokey_log", "memo", "phone")
	if len(nokey) != 2500 || !strings.HasPrefix(string(nokey[0].Location.Row), `{"ctid":"(`) || !strings.HasPrefix(nokey[0].Location.Object.RowBy, "ctid") {
		t.Errorf("nokey_log: %d findings, first at %+v", len(nokey), nokey[0].Location)
	}
	// A view: rows numbered in scan order.
	view := res.Where(schema+".customer_view", "電話番号", "phone")
	if len(view) != 2 || view[0].Location.RowNumber == 0 || view[0].Location.Row != "" {
		t.Errorf("customer_view: %+v", view)
	}

	// Columns that cannot hold text are counted, not read; NULLs are not values.
	st := res.Objects[customers]
	want := map[string]string{"写真": "binary", "位置": "geometry", "有効": "boolean"}
	for _, c := range st.Columns {
		if c.Skipped != want[c.Name] {
			t.Errorf("column %s skipped %q, want %q", c.Name, c.Skipped, want[c.Name])
		}
		if c.Name == "電話番号" && c.Values != 2 {
			t.Errorf("電話番号: %d values, want 2 (one NULL)", c.Values)
		}
	}
	if st.Rows != 3 || st.Format != "table" {
		t.Errorf("顧客 stats %+v", st)
	}
	// 登録日 dates the rows: the inventory ages the table by it.
	if st.Oldest != "2020-01-02" || st.Newest != "2020-01-02" {
		t.Errorf("顧客 record dates %q to %q, want 2020-01-02 (登録日)", st.Oldest, st.Newest)
	}

	// Nothing failed but the table the reader may not read (the
	// conformance suite checks how such a failure is reported).
	if res.Summary.Failed != 1 || res.ProblemFor(schema+".secret") == nil {
		t.Errorf("failed items: %d, want 1 (the secret table): %+v", res.Summary.Failed, res.Problems)
	}
}

// A long value is read up to the cap, and the cut is counted.
func TestValueCap(t *testing.T) {
	fixtureMu.Lock()
	defer fixtureMu.Unlock()
	url := fixture(t)
	res := dbtest.Scan(t, context.Background(), open(t, url, sqldb.Options{MaxValueChars: 1000}))
	if n := len(res.Where(schema+".顧客", "備考", "email")); n != 0 {
		t.Errorf("an address past the cap was found (%d): the cap did not hold", n)
	}
	for _, c := range res.Objects[schema+".顧客"].Columns {
		if c.Name == "備考" && (c.Truncated != 1 || c.Values != 2) {
			t.Errorf("備考: %d values, %d truncated; want 2 and 1", c.Values, c.Truncated)
		}
	}
}

func TestSample(t *testing.T) {
	fixtureMu.Lock()
	defer fixtureMu.Unlock()
	admin := dbtest.Postgres(t)
	dbtest.ExecPostgres(t, admin,
		"DROP TABLE IF EXISTS public.pmscan_pgtest_sample",
		"CREATE TABLE public.pmscan_pgtest_sample (id integer PRIMARY KEY, email text)",
		"INSERT INTO public.pmscan_pgtest_sample SELECT g, 'user' || g || '@example.com' FROM generate_series(1, 50000) g",
		"ANALYZE public.pmscan_pgtest_sample",
	)
	t.Cleanup(func() { admin.Exec(context.Background(), "DROP TABLE IF EXISTS public.pmscan_pgtest_sample") })
	rowsOf := func() []string {
		c, err := NewFactory(sqldb.Options{Sample: 200, SampleSeed: 7,
			Filter: sqldb.Filter{Include: []string{"public.pmscan_pgtest_sample"}}}).Open(context.Background(), dbtest.PostgresURL())
		if err != nil {
			t.Fatal(err)
		}
		res := dbtest.Scan(t, context.Background(), c)
		var keys []string
		for _, f := range res.Findings {
			keys = append(keys, string(f.Location.Row))
		}
		st := res.Objects["public.pmscan_pgtest_sample"]
		if !st.Sampled || st.Rows != int64(len(keys)) || st.Rows == 0 || st.Rows > 200 {
			t.Fatalf("sample stats %+v with %d findings", st, len(keys))
		}
		if len(res.Problems) != 1 || !strings.Contains(res.Problems[0].Err.Error(), "a sample (-sample 200): ") ||
			!strings.HasSuffix(res.Problems[0].Err.Error(), ": the rest not read") || !errors.Is(res.Problems[0].Err, connectors.ErrTooLarge) {
			t.Errorf("a sampled table is not recorded as read in part: %v", res.Problems)
		}
		return keys
	}
	a, b := rowsOf(), rowsOf()
	if strings.Join(a, " ") != strings.Join(b, " ") {
		t.Errorf("the same seed sampled different rows")
	}
	// Blocks, not the first rows: some sampled key lies past the first 200.
	far := false
	for _, k := range a {
		if n, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(k, `{"id":`), "}")); n > 1000 {
			far = true
		}
	}
	if !far {
		t.Errorf("sample looks like the first rows, not TABLESAMPLE: %v", a[:5])
	}
}

// The session refuses to write, and runs under the timeouts.
func TestSessionIsReadOnly(t *testing.T) {
	dbtest.Postgres(t) // skip or fail when the server is not there
	srv, err := newServer(dbtest.PostgresURL(), sqldb.Options{StatementTimeout: 90 * time.Second}.WithDefaults())
	if err != nil {
		t.Fatal(err)
	}
	s, err := srv.Connect(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	conn := s.(*session).conn
	ctx := context.Background()
	_, err = conn.Exec(ctx, "CREATE TABLE pmscan_pgtest_write (x int)")
	if err == nil || !strings.Contains(err.Error(), "read-only transaction") {
		t.Errorf("write outside a transaction: %v, want a read-only error", err)
	}
	err = s.(*session).readOnly(ctx, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, "CREATE TEMP TABLE pmscan_pgtest_write (x int)")
		return err
	})
	if err == nil || !strings.Contains(err.Error(), "read-only transaction") {
		t.Errorf("write in the scan's transaction: %v, want a read-only error", err)
	}
	for setting, want := range map[string]string{"statement_timeout": "90s", "lock_timeout": "5s", "application_name": "pmscan"} {
		var got string
		if err := conn.QueryRow(ctx, "SHOW "+setting).Scan(&got); err != nil || got != want {
			t.Errorf("SHOW %s = %q (%v), want %q", setting, got, err, want)
		}
	}
}

// A connection killed mid-table is reopened and the table goes on from the
// last key; a table dropped mid-scan is recorded and the scan goes on.
func TestFaults(t *testing.T) {
	fixtureMu.Lock()
	defer fixtureMu.Unlock()
	url := fixture(t)
	admin := dbtest.Postgres(t)
	c := open(t, url, sqldb.Options{PageRows: 100, Conns: 1, Backoff: 10 * time.Millisecond})
	kills := map[string]bool{}
	c.SetProgress(func(tb *sqldb.Table, rows int64) {
		ctx := context.Background()
		switch {
		// Between two keyset pages, and inside a cursor's transaction.
		case tb.Name == "order_lines" && rows == 300 && !kills[tb.Name],
			tb.Name == "nokey_log" && rows == 1000 && !kills[tb.Name]:
			kills[tb.Name] = true
			var n int
			err := admin.QueryRow(ctx, "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE usename = $1", reader).Scan(&n)
			if err != nil || n == 0 {
				t.Errorf("terminate the scan's backend: %d killed, %v", n, err)
			}
		case tb.Name == "order_lines" && rows == 600:
			// Tables are read in name order: 顧客 is still to come.
			dbtest.ExecPostgres(t, admin, `DROP TABLE `+schema+`."顧客" CASCADE`)
		}
	})
	dbtest.ExecPostgres(t, admin, "REVOKE SELECT ON "+schema+".coded FROM "+reader)
	res := dbtest.Scan(t, context.Background(), c)
	if !kills["order_lines"] || !kills["nokey_log"] {
		t.Fatalf("the progress hook did not kill both tables' connections: %v", kills)
	}
	if n := len(res.Where(schema+".order_lines", "email", "email")); n != lines {
		t.Errorf("order_lines after a lost connection: %d findings, want %d (no row lost or repeated)", n, lines)
	}
	nokey := res.Where(schema+".nokey_log", "memo", "phone")
	distinct := map[string]bool{}
	for _, f := range nokey {
		distinct[string(f.Location.Row)] = true
	}
	if len(nokey) != 2500 || len(distinct) != 2500 {
		t.Errorf("nokey_log after a lost connection: %d findings on %d rows, want 2500", len(nokey), len(distinct))
	}
	if p := res.ProblemFor(schema + ".coded"); p == nil || !strings.Contains(p.Err.Error(), "permission denied") {
		t.Errorf("coded: problem %+v", p)
	}
	if p := res.ProblemFor(schema + ".顧客"); p == nil || !strings.Contains(p.Err.Error(), "does not exist") {
		t.Errorf("顧客 dropped mid-scan: problem %+v", p)
	}
	for _, table := range []string{"order_lines", "nokey_log"} {
		if p := res.ProblemFor(schema + "." + table); p != nil {
			t.Errorf("%s recorded a problem after a retry that worked: %v", table, p.Err)
		}
	}
	if len(res.Where(schema+".secret", "email", "email")) != 0 || res.ProblemFor(schema+".secret") == nil {
		t.Errorf("secret: read or not recorded")
	}
}

// A server lost for good mid-scan: the table being read and every table
// not yet reached are recorded, and the target fails with the reason.
func TestServerLostMidScan(t *testing.T) {
	fixtureMu.Lock()
	defer fixtureMu.Unlock()
	url := fixture(t)
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		t.Fatal(err)
	}
	proxy := dbtest.NewProxy(t, fmt.Sprintf("%s:%d", cfg.Host, cfg.Port))
	viaProxy := fmt.Sprintf("postgres://%s@%s/%s?sslmode=disable", reader, proxy.Addr, cfg.Database)
	c := open(t, viaProxy, sqldb.Options{PageRows: 100, Conns: 1, Backoff: 10 * time.Millisecond})
	c.SetProgress(func(tb *sqldb.Table, rows int64) {
		if tb.Name == "order_lines" && rows == 300 {
			proxy.Stop()
		}
	})
	res := dbtest.Scan(t, context.Background(), c)
	if p := res.ProblemFor(schema + ".order_lines"); p == nil || !strings.Contains(p.Err.Error(), "reconnect failed after 3 retries") {
		t.Errorf("order_lines: problem %+v, want the failed reconnects", p)
	}
	for _, table := range []string{"secret", "顧客"} {
		if p := res.ProblemFor(schema + "." + table); p == nil || !strings.Contains(p.Err.Error(), "not scanned") {
			t.Errorf("%s, never reached: problem %+v", table, p)
		}
	}
	if n := len(res.Where(schema+".order_lines", "email", "email")); n != 300 {
		t.Errorf("order_lines: %d findings kept from before the loss, want 300", n)
	}
	if tr := res.Summary.Targets[0]; tr.Err == nil || !strings.Contains(tr.Err.Error(), "lost the server") {
		t.Errorf("target result %v, want the server lost", tr.Err)
	}
}

// TestNoReadableColumns: PostgreSQL allows a table with no columns
// (CREATE TABLE t()) and a view with none; a view of binary columns has
// none to scan. None is a syntax error or a failure: the table is read by
// ctid as holding no text, and the views as having nothing to read.
func TestNoReadableColumns(t *testing.T) {
	const schema = "pmscan_pgnocols"
	admin := dbtest.Postgres(t)
	dbtest.ExecPostgres(t, admin,
		"DROP SCHEMA IF EXISTS "+schema+" CASCADE",
		"CREATE SCHEMA "+schema,
		"CREATE TABLE "+schema+".no_columns ()",
		"INSERT INTO "+schema+".no_columns DEFAULT VALUES",
		"INSERT INTO "+schema+".no_columns DEFAULT VALUES",
		"CREATE VIEW "+schema+".no_columns_view AS SELECT FROM "+schema+".no_columns",
		"CREATE TABLE "+schema+".photos (photo bytea, flag boolean)",
		"INSERT INTO "+schema+".photos VALUES ('\\x00', true)",
		"CREATE VIEW "+schema+".photos_view AS SELECT photo FROM "+schema+".photos",
	)
	t.Cleanup(func() { admin.Exec(context.Background(), "DROP SCHEMA IF EXISTS "+schema+" CASCADE") })
	for _, sample := range []int{0, 10} {
		c, err := NewFactory(sqldb.Options{Views: true, Sample: sample,
			Filter: sqldb.Filter{Include: []string{schema + ".*"}}}).Open(context.Background(), dbtest.PostgresURL())
		if err != nil {
			t.Fatal(err)
		}
		res := dbtest.Scan(t, context.Background(), c)
		if len(res.Problems) > 0 {
			t.Errorf("sample %d: problems %+v, want none", sample, res.Problems)
		}
		for _, tc := range []struct {
			table      string
			rows, cols int
		}{
			{"no_columns", 2, 0},
			{"no_columns_view", 0, 0},
			{"photos", 1, 2},
			{"photos_view", 0, 1},
		} {
			st, ok := res.Objects[schema+"."+tc.table]
			if !ok || st.Bytes != 0 || st.Rows != int64(tc.rows) || len(st.Columns) != tc.cols {
				t.Errorf("sample %d: %s: stats %+v (recorded %v), want %d rows, %d columns, 0 bytes", sample, tc.table, st, ok, tc.rows, tc.cols)
			}
		}
	}
}

// closedPort returns a local port nothing listens on.
func closedPort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	return port
}

// TestConnectErrorOnce: pgx tries a server with and without TLS under
// sslmode=prefer, and each host of a list, and its error has a line per
// attempt: a failure is said once, and distinct failures each once.
func TestConnectErrorOnce(t *testing.T) {
	p1, p2 := closedPort(t), closedPort(t)
	tests := []struct {
		url   string
		lines []string // each must appear exactly once
	}{
		{fmt.Sprintf("postgres://postgres@127.0.0.1:%d/test", p1), []string{fmt.Sprintf("127.0.0.1:%d (127.0.0.1): dial error", p1)}},
		{fmt.Sprintf("postgres://postgres@127.0.0.1:%d/test?sslmode=disable", p1), []string{fmt.Sprintf("127.0.0.1:%d (127.0.0.1): dial error", p1)}},
		{fmt.Sprintf("postgres://postgres@127.0.0.1:%d,127.0.0.1:%d/test", p1, p2),
			[]string{fmt.Sprintf("127.0.0.1:%d (127.0.0.1): dial error", p1), fmt.Sprintf("127.0.0.1:%d (127.0.0.1): dial error", p2)}},
	}
	for _, tc := range tests {
		srv, err := newServer(tc.url, sqldb.Options{}.WithDefaults())
		if err != nil {
			t.Fatal(err)
		}
		_, err = srv.Connect(context.Background())
		if err == nil {
			t.Fatalf("%s: connected", tc.url)
		}
		for _, l := range tc.lines {
			if n := strings.Count(err.Error(), l); n != 1 {
				t.Errorf("%s: %q appears %d times in:\n%v", tc.url, l, n, err)
			}
		}
		if !errors.Is(err, syscall.ECONNREFUSED) {
			t.Errorf("%s: %v is not ECONNREFUSED to errors.Is", tc.url, err)
		}
	}
}
