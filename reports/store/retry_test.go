package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/pmscan/pmscan/internal/testkit/dbtest"
)

// TestTransient: the errors of a store that is down, busy or full are
// retried; cancellation and the statement's own mistakes are not. Real
// errors from real servers where they can be had.
func TestTransient(t *testing.T) {
	busy, constraint := sqliteErrors(t)
	refused := postgresRefused(t)
	syntax := postgresSyntaxError(t)
	cases := []struct {
		name string
		err  error
		want bool
	}{
		{"sqlite busy", busy, true},
		{"postgres connection refused", refused, true},
		{"postgres admin shutdown", &pgconn.PgError{Code: "57P01", Message: "terminating connection due to administrator command"}, true},
		{"postgres connection failure", &pgconn.PgError{Code: "08006"}, true},
		{"postgres disk full", &pgconn.PgError{Code: "53100"}, true},
		{"postgres too many connections", &pgconn.PgError{Code: "53300"}, true},
		{"postgres serialization failure", &pgconn.PgError{Code: "40001"}, true},
		{"bad connection", fmt.Errorf("storing: %w", driver.ErrBadConn), true},
		{"connection reset", &net.OpError{Op: "read", Net: "tcp", Err: os.NewSyscallError("read", syscall.ECONNRESET)}, true},
		{"unexpected EOF", fmt.Errorf("reading: %w", io.ErrUnexpectedEOF), true},
		{"disk full", &os.PathError{Op: "write", Path: "state.db-wal", Err: syscall.ENOSPC}, true},
		{"attempt timed out", &timeoutError{context.DeadlineExceeded}, true},

		{"sqlite constraint", constraint, false},
		{"postgres syntax error", syntax, false},
		{"postgres unique violation", &pgconn.PgError{Code: "23505"}, false},
		{"postgres invalid text", &pgconn.PgError{Code: "22P02"}, false},
		{"postgres query cancelled", &pgconn.PgError{Code: "57014"}, false},
		{"cancelled", fmt.Errorf("storing: %w", context.Canceled), false},
		{"deadline", context.DeadlineExceeded, false},
		{"not found", fmt.Errorf("scan 3: %w", ErrNotFound), false},
		{"permission denied", &os.PathError{Op: "open", Path: "state.db", Err: syscall.EACCES}, false},
		{"plain", errors.New("the scan has already finished"), false},
		{"nil", nil, false},
	}
	for _, c := range cases {
		if got := Transient(c.err); got != c.want {
			t.Errorf("%s: Transient(%v) = %v, want %v", c.name, c.err, got, c.want)
		}
	}
}

// sqliteErrors returns a real SQLITE_BUSY (a second writer without a busy
// timeout) and a real constraint violation.
func sqliteErrors(t *testing.T) (busy, constraint error) {
	path := filepath.Join(t.TempDir(), "busy.db")
	open := func() *sql.DB {
		db, err := sql.Open("sqlite", "file:"+path+"?_txlock=immediate")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	}
	a, b := open(), open()
	if _, err := a.Exec(`CREATE TABLE t (id INTEGER PRIMARY KEY)`); err != nil {
		t.Fatal(err)
	}
	tx, err := a.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	_, busy = b.Begin()
	if busy == nil {
		t.Fatal("a second writer began while the first held the lock")
	}
	if _, err := tx.Exec(`INSERT INTO t VALUES (1)`); err != nil {
		t.Fatal(err)
	}
	_, constraint = tx.Exec(`INSERT INTO t VALUES (1)`)
	if constraint == nil {
		t.Fatal("a duplicate key was inserted")
	}
	return busy, constraint
}

// postgresRefused returns pgx's error for a port nobody listens on.
func postgresRefused(t *testing.T) error {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	_, err = pgx.Connect(context.Background(), "postgres://postgres@"+addr+"/test?connect_timeout=5&sslmode=disable")
	if err == nil {
		t.Fatal("connected to a closed port")
	}
	return err
}

func postgresSyntaxError(t *testing.T) error {
	admin := dbtest.Postgres(t)
	_, err := admin.Exec(context.Background(), "SELEC 1")
	if err == nil {
		t.Fatal("a syntax error ran")
	}
	return err
}

// TestRetryRun: a transient failure is retried, said once, and its end
// said once; a permanent one, a stop, or a spent budget ends the retry.
func TestRetryRun(t *testing.T) {
	reset := &net.OpError{Op: "read", Net: "tcp", Err: syscall.ECONNRESET}
	r := Retry{Budget: 300 * time.Millisecond, Initial: 10 * time.Millisecond, Max: 40 * time.Millisecond}
	cases := []struct {
		name       string
		fails      int   // attempts that fail before one succeeds; -1: all
		err        error // their error
		stop       bool
		wantErr    bool
		wantCalls  int // 0: more than one
		wantFailed int
		wantBack   int
	}{
		{"succeeds", 0, reset, false, false, 1, 0, 0},
		{"recovers", 3, reset, false, false, 4, 1, 1},
		{"permanent", -1, errors.New("syntax error"), false, true, 1, 0, 0},
		{"budget spent", -1, reset, false, true, 0, 1, 0},
		{"stopped", -1, reset, true, true, 1, 0, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			calls, failed, back := 0, 0, 0
			stop := make(chan struct{})
			if c.stop {
				close(stop)
			}
			begun := time.Now()
			first, err := r.run(context.Background(), stop, func(context.Context) error {
				calls++
				if c.fails < 0 || calls <= c.fails {
					return c.err
				}
				return nil
			}, func(error) { failed++ }, func(time.Duration) { back++ })
			if (err != nil) != c.wantErr {
				t.Errorf("err = %v, want an error: %v", err, c.wantErr)
			}
			if c.wantCalls > 0 && calls != c.wantCalls || c.wantCalls == 0 && calls < 3 {
				t.Errorf("%d calls, want %d (0: several)", calls, c.wantCalls)
			}
			if failed != c.wantFailed || back != c.wantBack {
				t.Errorf("said the failure %d times and the recovery %d times, want %d and %d", failed, back, c.wantFailed, c.wantBack)
			}
			if c.name == "budget spent" && time.Since(begun) < r.Budget {
				t.Errorf("gave up after %v, before the budget of %v", time.Since(begun), r.Budget)
			}
			if (c.fails != 0) != !first.IsZero() {
				t.Errorf("first failure at %v with %d failing attempts", first, c.fails)
			}
		})
	}
}
