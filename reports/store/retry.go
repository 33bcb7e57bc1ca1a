package store

import (
	"context"
	"database/sql/driver"
	"errors"
	"io"
	"math/rand/v2"
	"net"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
)

// Retry is how long a scan's sink keeps retrying a store write that failed
// with a transient error (Transient) before it gives the store up: waits
// start at Initial and double up to Max, each with jitter, until Budget has
// passed since the first failure of the run. The scan waits meanwhile. The
// zero Retry gives up at the first failure.
type Retry struct {
	Budget  time.Duration
	Initial time.Duration
	Max     time.Duration
}

// DefaultRetry is the retry of pmscan scan, whose -state-retry sets its
// Budget.
var DefaultRetry = Retry{Budget: 2 * time.Minute, Initial: 500 * time.Millisecond, Max: 30 * time.Second}

// attemptFloor bounds one attempt from below: an attempt may take
// max(Budget, attemptFloor) before it counts as failed, so that a server
// that stops answering (a dropped network, not a refused connection) does
// not hold the scan for the kernel's TCP timeout, a quarter of an hour.
const attemptFloor = 30 * time.Second

// run calls op until it succeeds, fails with an error that is not
// transient, Budget has passed since its first failure, or stop is closed.
// Each call gets a context of its own, derived from ctx and bounded by
// attemptTimeout. failed is called at the first failure that is retried,
// and recovered when op succeeds after it. It returns op's last error and
// when the first failure was (zero if none).
func (r Retry) run(ctx context.Context, stop <-chan struct{}, op func(context.Context) error,
	failed func(error), recovered func(down time.Duration)) (time.Time, error) {
	var (
		first time.Time
		said  bool
	)
	wait, longest := r.Initial, r.Max
	if wait <= 0 {
		wait = DefaultRetry.Initial
	}
	if longest < wait {
		longest = max(wait, DefaultRetry.Max)
	}
	for {
		err := r.attempt(ctx, op)
		if err == nil {
			if !first.IsZero() && recovered != nil {
				recovered(time.Since(first))
			}
			return first, nil
		}
		if first.IsZero() {
			first = time.Now()
		}
		left := r.Budget - time.Since(first)
		if !Transient(err) || left <= 0 || stopped(stop) {
			return first, err
		}
		if !said && failed != nil {
			failed(err)
		}
		said = true
		d := min(jitter(wait), left)
		t := time.NewTimer(d)
		select {
		case <-t.C:
		case <-stop:
			t.Stop()
			return first, err
		}
		wait = min(2*wait, longest)
	}
}

// attempt runs op once, under a deadline of max(Budget, attemptFloor)
// unless r is the zero Retry. A deadline that passes is a transient
// failure (the server did not answer), told apart from ctx's own end,
// which is not.
func (r Retry) attempt(ctx context.Context, op func(context.Context) error) error {
	if r == (Retry{}) {
		return op(ctx)
	}
	actx, cancel := context.WithTimeout(ctx, max(r.Budget, attemptFloor))
	defer cancel()
	err := op(actx)
	if err != nil && ctx.Err() == nil && actx.Err() != nil {
		return &timeoutError{err}
	}
	return err
}

// timeoutError is an attempt that ran out of time while its caller had not
// given up: the store did not answer.
type timeoutError struct{ err error }

func (e *timeoutError) Error() string { return "no answer: " + e.err.Error() }
func (e *timeoutError) Unwrap() error { return e.err }

func stopped(stop <-chan struct{}) bool {
	select {
	case <-stop:
		return true
	default:
		return false
	}
}

// jitter returns a wait between d/2 and d, so that pmscan processes that
// lost one store together do not all come back at the same moment.
func jitter(d time.Duration) time.Duration {
	if d <= 1 {
		return d
	}
	return d/2 + rand.N(d/2+1)
}

// Transient reports whether a store operation that failed with err may
// succeed if tried again: the connection was lost, reset or refused, the
// server is shutting down or starting up, or out of connections, memory or
// disk; a SQLite file was busy, full or could not be written. Cancellation
// is not transient, nor is anything the statement itself did wrong
// (syntax, constraints, data).
func Transient(err error) bool {
	var te *timeoutError
	switch {
	case err == nil:
		return false
	case errors.As(err, &te):
		return true
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return false
	case errors.Is(err, driver.ErrBadConn), errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, net.ErrClosed):
		return true
	}
	// A connection that could not be made: the store was reached when it
	// opened, so whatever stops it now (a refusal, a server starting up, a
	// database closed to connections) is an outage.
	var ce *pgconn.ConnectError
	if errors.As(err, &ce) {
		return true
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return transientSQLState(pe.Code)
	}
	if pgconn.SafeToRetry(err) || pgconn.Timeout(err) {
		return true
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		return transientSQLite(se.Code())
	}
	var errno syscall.Errno
	if errors.As(err, &errno) {
		return transientErrno(errno)
	}
	var ne net.Error
	return errors.As(err, &ne)
}

// transientSQLState: PostgreSQL's connection exceptions (class 08),
// insufficient resources (53: disk full, out of memory, too many
// connections), operator intervention (57P01 admin shutdown, 57P02 crash
// shutdown, 57P03 cannot connect now), serialisation failures and
// deadlocks (40001, 40P01) and I/O errors (58030).
func transientSQLState(code string) bool {
	switch {
	case strings.HasPrefix(code, "08"), strings.HasPrefix(code, "53"):
		return true
	}
	switch code {
	case "57P01", "57P02", "57P03", "40001", "40P01", "58030":
		return true
	}
	return false
}

// SQLite's primary result codes (the low byte of an extended code).
const (
	sqliteBusy     = 5
	sqliteLocked   = 6
	sqliteNoMem    = 7
	sqliteReadOnly = 8
	sqliteIOErr    = 10
	sqliteFull     = 13
	sqliteCantOpen = 14
	sqliteProtocol = 15
)

// transientSQLite: busy or locked by another process, out of memory, a
// file that cannot be written or opened (a full disk, a read-only
// remount, an I/O error).
func transientSQLite(code int) bool {
	switch code & 0xff {
	case sqliteBusy, sqliteLocked, sqliteNoMem, sqliteReadOnly, sqliteIOErr, sqliteFull, sqliteCantOpen, sqliteProtocol:
		return true
	}
	return false
}

func transientErrno(e syscall.Errno) bool {
	switch e {
	case syscall.ENOSPC, syscall.EDQUOT, syscall.EIO, syscall.EFBIG, syscall.EROFS,
		syscall.ECONNRESET, syscall.ECONNREFUSED, syscall.ECONNABORTED, syscall.EPIPE,
		syscall.ETIMEDOUT, syscall.EHOSTUNREACH, syscall.ENETUNREACH, syscall.ENETDOWN:
		return true
	}
	return false
}
