// Package dbtest gives tests the real PostgreSQL and MariaDB/MySQL servers:
// their URLs, admin handles, and the rule for when one is not there. In CI
// (CI set and not "false") an unreachable server fails the test; elsewhere
// the test is skipped with how to start it (.ci/services).
package dbtest

import (
	"context"
	"database/sql"
	"os"
	"testing"
	"time"

	"github.com/go-sql-driver/mysql"
	"github.com/jackc/pgx/v5"
)

// Defaults match the servers .ci/services starts.
const (
	DefaultPostgresURL = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
	DefaultMySQLURL    = "mysql://root@127.0.0.1:3306/test"
)

// PostgresURL is PMSCAN_TEST_POSTGRES_URL or the default.
func PostgresURL() string { return env("PMSCAN_TEST_POSTGRES_URL", DefaultPostgresURL) }

// MySQLURL is PMSCAN_TEST_MYSQL_URL or the default.
func MySQLURL() string { return env("PMSCAN_TEST_MYSQL_URL", DefaultMySQLURL) }

func env(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

func inCI() bool {
	v := os.Getenv("CI")
	return v != "" && v != "false" && v != "0"
}

// unavailable fails in CI and skips elsewhere.
func unavailable(t testing.TB, what string, err error) {
	t.Helper()
	if inCI() {
		t.Fatalf("%s is not reachable in CI: %v", what, err)
	}
	t.Skipf("%s is not reachable (%v): run .ci/services to install and start it, or point the PMSCAN_TEST_* URL at a server", what, err)
}

// Postgres returns an admin connection to the test server, closed when the
// test ends.
func Postgres(t testing.TB) *pgx.Conn {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, PostgresURL())
	if err != nil {
		unavailable(t, "PostgreSQL", err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

// ExecPostgres runs statements as the admin, failing the test on an error.
func ExecPostgres(t testing.TB, conn *pgx.Conn, stmts ...string) {
	t.Helper()
	for _, s := range stmts {
		if _, err := conn.Exec(context.Background(), s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// MySQL returns an admin handle to the test server, closed when the test
// ends. url is a mysql:// URL (see connectors/mysql.ParseURL); parse turns
// it into the driver's configuration.
func MySQL(t testing.TB, parse func(string) (*mysql.Config, error)) *sql.DB {
	t.Helper()
	cfg, err := parse(MySQLURL())
	if err != nil {
		t.Fatalf("PMSCAN_TEST_MYSQL_URL: %v", err)
	}
	cfg.MultiStatements = true
	connector, err := mysql.NewConnector(cfg)
	if err != nil {
		t.Fatal(err)
	}
	db := sql.OpenDB(connector)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		unavailable(t, "MySQL/MariaDB", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// ExecMySQL runs statements as the admin, failing the test on an error.
func ExecMySQL(t testing.TB, db *sql.DB, stmts ...string) {
	t.Helper()
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// ExecPostgresArgs runs one statement with arguments as the admin.
func ExecPostgresArgs(t testing.TB, conn *pgx.Conn, stmt string, args ...any) {
	t.Helper()
	if _, err := conn.Exec(context.Background(), stmt, args...); err != nil {
		t.Fatalf("%s: %v", stmt, err)
	}
}
