package dbtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"testing"

	"github.com/jackc/pgx/v5"
)

// PostgresDatabase makes a database of its own on the test server, for a
// test that takes the server away from it (RefusePostgres) without
// disturbing others, and drops it when the test ends. It returns the
// database's URL, whose application_name is the database's name so that
// its sessions can be told apart, the name, and an admin connection to
// the server's default database.
func PostgresDatabase(t testing.TB) (dsn, name string, admin *pgx.Conn) {
	t.Helper()
	admin = Postgres(t)
	var b [6]byte
	rand.Read(b[:])
	name = "pmscan_test_" + hex.EncodeToString(b[:])
	ExecPostgres(t, admin, "CREATE DATABASE "+name)
	t.Cleanup(func() {
		ExecPostgres(t, admin, "ALTER DATABASE "+name+" ALLOW_CONNECTIONS true", "DROP DATABASE "+name+" WITH (FORCE)")
	})
	u, err := url.Parse(PostgresURL())
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	q := u.Query()
	q.Set("application_name", name)
	u.RawQuery = q.Encode()
	return u.String(), name, admin
}

// RefusePostgres takes the server away from database name: new
// connections are refused ("not currently accepting connections") and its
// sessions are ended, as a server shut down would end them.
func RefusePostgres(t testing.TB, admin *pgx.Conn, name string) {
	t.Helper()
	ExecPostgres(t, admin, "ALTER DATABASE "+name+" ALLOW_CONNECTIONS false")
	ExecPostgresArgs(t, admin, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, name)
}

// AllowPostgres gives database name back after RefusePostgres.
func AllowPostgres(t testing.TB, admin *pgx.Conn, name string) {
	t.Helper()
	ExecPostgres(t, admin, "ALTER DATABASE "+name+" ALLOW_CONNECTIONS true")
}

// TerminatePostgres ends the sessions whose application_name is app, as
// an administrator's pg_terminate_backend or a restarting server would,
// and returns how many there were.
func TerminatePostgres(t testing.TB, admin *pgx.Conn, app string) int {
	t.Helper()
	var n int
	err := admin.QueryRow(context.Background(),
		`SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()`, app).Scan(&n)
	if err != nil {
		t.Fatalf("pg_terminate_backend: %v", err)
	}
	return n
}
