package mysql

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-sql-driver/mysql"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/connectors/sqldb"
	"github.com/pmscan/pmscan/internal/testkit/dbtest"
	"github.com/pmscan/pmscan/internal/testkit/synthetic"
	"github.com/pmscan/pmscan/scanner"
)

// The fixture lives in its own database, read by a user with a password who
// may not read one of its tables.
const (
	database = "pmscan_mytest"
	reader   = "pmscan_mytest_reader"
	password = "Pw-secret-4711"
	lines    = 1200
)

var fixtureMu sync.Mutex // tests share one database

func fixture(t *testing.T) string {
	t.Helper()
	admin := dbtest.MySQL(t, ParseURL)
	gen := synthetic.New(42)
	myNumber, _ := strconv.ParseInt(strings.TrimLeft(gen.MyNumber(), "0"), 10, 64)
	big := strings.Repeat("特記事項なし。", 20000) + "連絡先 yamada.large@example.com です。"
	dbtest.ExecMySQL(t, admin,
		"DROP DATABASE IF EXISTS "+database,
		"CREATE DATABASE "+database+" DEFAULT CHARACTER SET utf8mb4",
		"DROP USER IF EXISTS '"+reader+"'@'%', '"+reader+"'@'localhost', '"+reader+"'@'127.0.0.1'",
		"CREATE USER '"+reader+"'@'%' IDENTIFIED BY '"+password+"'",
		"CREATE USER '"+reader+"'@'localhost' IDENTIFIED BY '"+password+"'",
		"CREATE USER '"+reader+"'@'127.0.0.1' IDENTIFIED BY '"+password+"'",
		"CREATE TABLE "+database+".`顧客` (`顧客ID` INT PRIMARY KEY, `氏名` VARCHAR(40), `電話番号` VARCHAR(20), `携帯電話` BIGINT,"+
			" `個人番号` BIGINT, `備考` LONGTEXT, `写真` BLOB, `位置` POINT, `有効` BOOLEAN, `登録日` DATE, profile JSON) ENGINE=InnoDB",
		"CREATE TABLE "+database+".order_lines (order_id INT, line INT, email VARCHAR(80), PRIMARY KEY (order_id, line))",
		"CREATE TABLE "+database+".nokey_log (memo TEXT)",
		"CREATE TABLE "+database+".coded (code VARCHAR(10) NOT NULL, tel VARCHAR(20), UNIQUE KEY code_uq (code))",
		"CREATE TABLE "+database+".secret (id INT PRIMARY KEY, email VARCHAR(80))",
		// ENUM sorts by index but compares as a string: not a keyset key.
		"CREATE TABLE "+database+".ranked (level ENUM('zeta', 'alpha') PRIMARY KEY, mail VARCHAR(80))",
		"INSERT INTO "+database+".ranked VALUES ('zeta', 'z@example.com'), ('alpha', 'a@example.com')",
		"CREATE VIEW "+database+".customer_view AS SELECT `氏名`, `電話番号` FROM "+database+".`顧客`",
		fmt.Sprintf("INSERT INTO %s.`顧客` VALUES (1, '山田 太郎', '090-1234-5678', 9012345678, %d, '特になし', x'0001', POINT(1,2), TRUE, '2020-01-02', '{\"連絡先\": {\"tel\": \"08011112222\"}, \"tags\": [\"vip\"]}')", database, myNumber),
		"INSERT INTO "+database+".`顧客` (`顧客ID`, `氏名`) VALUES (2, '佐藤 花子')",
		"INSERT INTO "+database+".`顧客` (`顧客ID`, `氏名`, `電話番号`, `備考`, `有効`) VALUES (3, '鈴木 一郎', '03-1234-5678', '"+big+"', FALSE)",
		fmt.Sprintf("INSERT INTO %s.order_lines SELECT (seq DIV 3) + 1, (seq MOD 3) + 1, CONCAT('buyer', LPAD(seq, 4, '0'), '@example.com') FROM seq_0_to_%d", database, lines-1),
		"INSERT INTO "+database+".nokey_log SELECT CONCAT('担当者携帯 090-3141-', LPAD(seq, 4, '0')) FROM seq_1_to_2500",
		"INSERT INTO "+database+".coded VALUES ('A-1', '06-6123-4567'), ('B-2', NULL)",
		"INSERT INTO "+database+".secret VALUES (1, 'hidden@example.com')",
	)
	for _, tbl := range []string{"`顧客`", "order_lines", "nokey_log", "coded", "customer_view", "ranked"} {
		for _, host := range []string{"%", "localhost", "127.0.0.1"} {
			dbtest.ExecMySQL(t, admin, "GRANT SELECT ON "+database+"."+tbl+" TO '"+reader+"'@'"+host+"'")
		}
	}
	for _, host := range []string{"%", "localhost", "127.0.0.1"} {
		// Visible in the catalog (it holds a privilege) but not readable.
		dbtest.ExecMySQL(t, admin, "GRANT INSERT ON "+database+".secret TO '"+reader+"'@'"+host+"'")
		// Lists every table of the database (see TestTableAndColumnGrants).
		dbtest.ExecMySQL(t, admin, "GRANT SHOW VIEW ON "+database+".* TO '"+reader+"'@'"+host+"'")
	}
	t.Cleanup(func() {
		admin.Exec("DROP DATABASE IF EXISTS " + database)
		admin.Exec("DROP USER IF EXISTS '" + reader + "'@'%', '" + reader + "'@'localhost', '" + reader + "'@'127.0.0.1'")
	})
	cfg, err := ParseURL(dbtest.MySQLURL())
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("mysql://%s:%s@%s/%s", reader, password, cfg.Addr, database)
}

func open(t *testing.T, url string, opts sqldb.Options) *sqldb.Connector {
	t.Helper()
	opts.Views = true
	c, err := NewFactory(opts).Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	return c.(*sqldb.Connector)
}

func TestScan(t *testing.T) {
	fixtureMu.Lock()
	defer fixtureMu.Unlock()
	url := fixture(t)
	res := dbtest.Scan(t, context.Background(), open(t, url, sqldb.Options{PageRows: 100}))

	tests := []struct {
		table, column, typ, row, value string
	}{
		{"顧客", "電話番号", "phone", `{"顧客ID":1}`, "090-1234-5678"},
		{"顧客", "携帯電話", "phone", `{"顧客ID":1}`, "9012345678"},
		{"顧客", "氏名", "person_name", `{"顧客ID":2}`, "佐藤 花子"},
		{"顧客", "備考", "email", `{"顧客ID":3}`, "yamada.large@example.com"},
		{"顧客", "個人番号", "my_number", `{"顧客ID":1}`, ""},
		{"顧客", "profile.連絡先.tel", "phone", `{"顧客ID":1}`, "08011112222"}, // JSON (LONGTEXT on MariaDB) by key path
		{"coded", "tel", "phone", `{"code":"A-1"}`, "06-6123-4567"},
	}
	for _, tc := range tests {
		var fs []scanner.Finding
		for _, f := range res.Where(tc.table, tc.column, tc.typ) {
			if string(f.Location.Row) == tc.row {
				fs = append(fs, f)
			}
		}
		if len(fs) != 1 {
			t.Errorf("%s.%s %s row %s: %d findings, want 1", tc.table, tc.column, tc.typ, tc.row, len(fs))
			continue
		}
		l := fs[0].Location
		if l.Object.Database != database || l.Object.Store != "mariadb" && l.Object.Store != "mysql" {
			t.Errorf("%s.%s: location %+v", tc.table, tc.column, l)
		}
		if tc.value != "" && fs[0].Value != tc.value {
			t.Errorf("%s.%s %s: value %q, want %q", tc.table, tc.column, tc.typ, fs[0].Value, tc.value)
		}
	}
	if got := res.Where("coded", "tel", "phone"); len(got) != 1 || got[0].Location.Object.RowBy != "unique index code_uq" {
		t.Errorf("coded: %+v, want row_by the unique index", got)
	}

	seen := map[string]bool{}
	for _, f := range res.Where("order_lines", "email", "email") {
		if seen[string(f.Location.Row)] {
			t.Errorf("order_lines row %s reported twice", f.Location.Row)
		}
		seen[string(f.Location.Row)] = true
	}
	if len(seen) != lines || !seen[`{"order_id":1,"line":1}`] || !seen[fmt.Sprintf(`{"order_id":%d,"line":3}`, lines/3)] {
		t.Errorf("order_lines: %d distinct rows, want %d", len(seen), lines)
	}

	nokey := res.Where("nokey_log", "memo", "phone")
	if len(nokey) != 2500 || nokey[0].Location.Row != "" || nokey[0].Location.RowNumber != 1 || !strings.HasPrefix(nokey[0].Location.Object.RowBy, "row number") {
		t.Errorf("nokey_log: %d findings, first at %+v", len(nokey), nokey[0].Location)
	}
	if view := res.Where("customer_view", "電話番号", "phone"); len(view) != 2 || view[0].Location.RowNumber == 0 {
		t.Errorf("customer_view: %+v", view)
	}

	st := res.Objects["顧客"]
	want := map[string]string{"写真": "binary", "位置": "geometry", "有効": "boolean"}
	for _, c := range st.Columns {
		if c.Skipped != want[c.Name] {
			t.Errorf("column %s skipped %q, want %q", c.Name, c.Skipped, want[c.Name])
		}
		if c.Name == "電話番号" && c.Values != 2 {
			t.Errorf("電話番号: %d values, want 2 (one NULL)", c.Values)
		}
	}
	if st.Rows != 3 {
		t.Errorf("顧客 stats %+v", st)
	}

	// Nothing failed but the table the reader may not read (the
	// conformance suite checks how such a failure is reported, and that
	// the password is in none).
	if res.Summary.Failed != 1 || res.ProblemFor("secret") == nil {
		t.Errorf("failed items: %d, want 1 (the secret table): %+v", res.Summary.Failed, res.Problems)
	}
}

// An ENUM key sorts by index but compares as a string: paged on it, one
// row a page, 'alpha' would be skipped after 'zeta'. It is streamed instead.
func TestEnumKeyIsNotPaged(t *testing.T) {
	fixtureMu.Lock()
	defer fixtureMu.Unlock()
	url := fixture(t)
	res := dbtest.Scan(t, context.Background(), open(t, url, sqldb.Options{PageRows: 1, Filter: sqldb.Filter{Include: []string{"ranked"}}}))
	if ranked := res.Where("ranked", "mail", "email"); len(ranked) != 2 || ranked[0].Location.RowNumber == 0 {
		t.Errorf("ranked: %+v, want both rows, numbered", ranked)
	}
}

func TestSample(t *testing.T) {
	fixtureMu.Lock()
	defer fixtureMu.Unlock()
	admin := dbtest.MySQL(t, ParseURL)
	dbtest.ExecMySQL(t, admin,
		"DROP DATABASE IF EXISTS pmscan_mysample",
		"CREATE DATABASE pmscan_mysample",
		"CREATE TABLE pmscan_mysample.people (id INT PRIMARY KEY, email VARCHAR(80))",
		"INSERT INTO pmscan_mysample.people SELECT seq, CONCAT('user', seq, '@example.com') FROM seq_1_to_50000",
		"ANALYZE TABLE pmscan_mysample.people",
	)
	t.Cleanup(func() { admin.Exec("DROP DATABASE IF EXISTS pmscan_mysample") })
	cfg, _ := ParseURL(dbtest.MySQLURL())
	url := fmt.Sprintf("mysql://%s@%s/pmscan_mysample", cfg.User, cfg.Addr)
	rowsOf := func() []string {
		res := dbtest.Scan(t, context.Background(), open(t, url, sqldb.Options{Sample: 200, SampleSeed: 7}))
		var keys []string
		for _, f := range res.Findings {
			keys = append(keys, string(f.Location.Row))
		}
		st := res.Objects["people"]
		if !st.Sampled || st.Rows != int64(len(keys)) || st.Rows != 200 {
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
	far := 0
	for _, k := range a {
		if n, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(k, `{"id":`), "}")); n > 5000 {
			far++
		}
	}
	if far < 100 {
		t.Errorf("sample is not spread over the key range: %d of 200 keys past 5000", far)
	}
}

func TestSessionIsReadOnly(t *testing.T) {
	dbtest.MySQL(t, ParseURL)
	srv, err := newServer(dbtest.MySQLURL(), sqldb.Options{StatementTimeout: 90 * time.Second}.WithDefaults())
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
	tx, txErr := conn.BeginTx(ctx, nil)
	if txErr != nil {
		t.Fatal(txErr)
	}
	_, err = tx.ExecContext(ctx, "INSERT INTO mysql.user (Host) VALUES ('pmscan-never')")
	tx.Rollback()
	if err == nil || !strings.Contains(err.Error(), "READ ONLY") {
		t.Errorf("write in a session transaction: %v, want a read-only error", err)
	}
	var lockWait int
	if err := conn.QueryRowContext(ctx, "SELECT @@SESSION.lock_wait_timeout").Scan(&lockWait); err != nil || lockWait != 5 {
		t.Errorf("lock_wait_timeout %d (%v), want 5", lockWait, err)
	}
	if s.(*session).mariadb {
		var max float64
		if err := conn.QueryRowContext(ctx, "SELECT @@SESSION.max_statement_time").Scan(&max); err != nil || max != 90 {
			t.Errorf("max_statement_time %v (%v), want 90", max, err)
		}
	}
	// information_schema.TABLES is read fresh where the server caches it
	// (MySQL 8); where it has no such variable (MariaDB), the session
	// opened all the same.
	var expiry sql.NullInt64
	err = conn.QueryRowContext(ctx, "SELECT @@SESSION.information_schema_stats_expiry").Scan(&expiry)
	var myErr *mysql.MySQLError
	switch {
	case errors.As(err, &myErr) && myErr.Number == errUnknownVariable:
	case err != nil || !expiry.Valid || expiry.Int64 != 0:
		t.Errorf("information_schema_stats_expiry %v (%v), want 0", expiry, err)
	}
}

func TestFaults(t *testing.T) {
	fixtureMu.Lock()
	defer fixtureMu.Unlock()
	url := fixture(t)
	admin := dbtest.MySQL(t, ParseURL)
	c := open(t, url, sqldb.Options{PageRows: 100, Conns: 1, Backoff: 10 * time.Millisecond})
	kills := map[string]bool{}
	kill := func() {
		rows, err := admin.Query("SELECT ID FROM information_schema.PROCESSLIST WHERE USER = ?", reader)
		if err != nil {
			t.Error(err)
			return
		}
		var ids []int64
		for rows.Next() {
			var id int64
			rows.Scan(&id)
			ids = append(ids, id)
		}
		rows.Close()
		if len(ids) == 0 {
			t.Error("no scan connection to kill")
		}
		for _, id := range ids {
			admin.Exec(fmt.Sprintf("KILL CONNECTION %d", id))
		}
	}
	c.SetProgress(func(tb *sqldb.Table, rows int64) {
		switch {
		case tb.Name == "order_lines" && rows == 300 && !kills[tb.Name],
			tb.Name == "nokey_log" && rows == 1000 && !kills[tb.Name]:
			kills[tb.Name] = true
			kill()
		case tb.Name == "order_lines" && rows == 600:
			// Tables are read in name order: 顧客 is still to come.
			dbtest.ExecMySQL(t, admin, "DROP TABLE "+database+".`顧客`")
		}
	})
	res := dbtest.Scan(t, context.Background(), c)
	if !kills["order_lines"] || !kills["nokey_log"] {
		t.Fatalf("the progress hook did not kill both tables' connections: %v", kills)
	}
	if n := len(res.Where("order_lines", "email", "email")); n != lines {
		t.Errorf("order_lines after a lost connection: %d findings, want %d", n, lines)
	}
	nokey := res.Where("nokey_log", "memo", "phone")
	distinct := map[int64]bool{}
	for _, f := range nokey {
		distinct[f.Location.RowNumber] = true
	}
	if len(nokey) != 2500 || len(distinct) != 2500 {
		t.Errorf("nokey_log after a lost connection: %d findings on %d rows, want 2500", len(nokey), len(distinct))
	}
	for _, table := range []string{"order_lines", "nokey_log"} {
		if p := res.ProblemFor(table); p != nil {
			t.Errorf("%s recorded a problem after a retry that worked: %v", table, p.Err)
		}
	}
	if p := res.ProblemFor("顧客"); p == nil || !strings.Contains(p.Err.Error(), "doesn't exist") {
		t.Errorf("顧客 dropped mid-scan: problem %+v", p)
	}
	if n := len(res.Where("coded", "tel", "phone")); n != 1 {
		t.Errorf("coded, read before the drop: %d findings", n)
	}
}

func TestParseURL(t *testing.T) {
	tests := []struct {
		url, net, addr, db, user string
		wantErr                  bool
	}{
		{"mysql://root@127.0.0.1:3306/test", "tcp", "127.0.0.1:3306", "test", "root", false},
		{"mariadb://app:pw@db.example.com/shop", "tcp", "db.example.com:3306", "shop", "app", false},
		{"mysql://root@/test?socket=/run/mysqld/mysqld.sock", "unix", "/run/mysqld/mysqld.sock", "test", "root", false},
		{"mysql://root@127.0.0.1/", "tcp", "127.0.0.1:3306", "", "root", false},
		{"mysql://root@127.0.0.1/test?sslmode=disable", "", "", "", "", true},
		{"mysql://root@127.0.0.1/test?timeout=soon", "", "", "", "", true},
	}
	for _, tc := range tests {
		cfg, err := ParseURL(tc.url)
		if (err != nil) != tc.wantErr {
			t.Errorf("%s: err %v", tc.url, err)
			continue
		}
		if err == nil && (cfg.Net != tc.net || cfg.Addr != tc.addr || cfg.DBName != tc.db || cfg.User != tc.user) {
			t.Errorf("%s: %s %s %s %s", tc.url, cfg.Net, cfg.Addr, cfg.DBName, cfg.User)
		}
	}
}

// TestNoReadableColumns: a view whose table was dropped lists no columns in
// information_schema, and a keyless table of binary columns has none to
// read. Neither may send a SELECT with an empty column list: the view is
// recorded as invalid, with the server's reason, and the table is read as
// holding nothing to scan.
func TestNoReadableColumns(t *testing.T) {
	const db = "pmscan_mynocols"
	admin := dbtest.MySQL(t, ParseURL)
	dbtest.ExecMySQL(t, admin,
		"DROP DATABASE IF EXISTS "+db,
		"CREATE DATABASE "+db,
		"CREATE TABLE "+db+".gone (id INT, email VARCHAR(80))",
		"CREATE VIEW "+db+".orphan_view AS SELECT id, email FROM "+db+".gone",
		"DROP TABLE "+db+".gone",
		"CREATE TABLE "+db+".blobs (photo BLOB, flag BOOLEAN)",
		"INSERT INTO "+db+".blobs VALUES (x'00', TRUE)",
		"CREATE TABLE "+db+".people (id INT PRIMARY KEY, email VARCHAR(80))",
		"INSERT INTO "+db+".people VALUES (1, 'hanako@example.com')",
		"CREATE VIEW "+db+".people_view AS SELECT email FROM "+db+".people",
	)
	t.Cleanup(func() { admin.Exec("DROP DATABASE IF EXISTS " + db) })
	cfg, _ := ParseURL(dbtest.MySQLURL())
	res := dbtest.Scan(t, context.Background(), open(t, fmt.Sprintf("mysql://%s@%s/%s", cfg.User, cfg.Addr, db), sqldb.Options{}))

	for _, tc := range []struct {
		table   string
		problem []string // words the problem must hold; nil: no problem
	}{
		{"orphan_view", []string{"view is invalid", "View 'pmscan_mynocols.orphan_view' references invalid table(s)"}},
		{"blobs", nil},
		{"people", nil},
		{"people_view", nil},
	} {
		p := res.ProblemFor(tc.table)
		switch {
		case tc.problem == nil && p != nil:
			t.Errorf("%s: problem %v, want none", tc.table, p.Err)
		case tc.problem == nil:
		case p == nil:
			t.Errorf("%s: no problem recorded, want one saying %q", tc.table, tc.problem)
		case strings.Contains(strings.ToLower(p.Err.Error()), "syntax"):
			t.Errorf("%s: %v: a syntax error, want the view's own fault", tc.table, p.Err)
		default:
			for _, w := range tc.problem {
				if !strings.Contains(p.Err.Error(), w) {
					t.Errorf("%s: problem %q does not say %q", tc.table, p.Err, w)
				}
			}
		}
	}
	if st, ok := res.Objects["blobs"]; !ok || st.Bytes != 0 || len(st.Columns) != 2 || st.Columns[0].Skipped != "binary" {
		t.Errorf("blobs: stats %+v (recorded %v), want two skipped columns and 0 bytes", st, ok)
	}
	if n := len(res.Where("people_view", "email", "email")); n != 1 {
		t.Errorf("people_view: %d findings, want 1", n)
	}
}
