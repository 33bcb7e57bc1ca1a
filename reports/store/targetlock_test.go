package store

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/pmscan/pmscan/internal/testkit/dbtest"
)

// TestLockTargetPostgres: two stores on one PostgreSQL database, as two
// pmscan serve instances have: while one holds a target's lock, the other
// cannot take it, another target's it can; unlocked, or its process gone
// (its connection closed), the lock is free.
func TestLockTargetPostgres(t *testing.T) {
	dsn, name, admin := dbtest.PostgresDatabase(t)
	ctx := context.Background()
	a, b := open(t, dsn), open(t, dsn)
	la, err := a.LockTarget(ctx, "/srv/exports")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.LockTarget(ctx, "/srv/exports"); !errors.Is(err, ErrTargetLocked) {
		t.Fatalf("second instance: %v, want ErrTargetLocked", err)
	}
	lo, err := b.LockTarget(ctx, "postgres://crm/db")
	if err != nil {
		t.Fatalf("another target: %v", err)
	}
	lo.Unlock()
	la.Unlock()
	la.Unlock() // twice is harmless
	lb, err := b.LockTarget(ctx, "/srv/exports")
	if err != nil {
		t.Fatalf("after unlock: %v", err)
	}
	// The holder's session ends (its process died, the server restarted):
	// the lock goes with it.
	_ = lb
	if n := dbtest.TerminatePostgres(t, admin, name); n == 0 {
		t.Fatal("no session terminated")
	}
	if l, err := a.LockTarget(ctx, "/srv/exports"); err != nil {
		t.Fatalf("after the holder closed: %v", err)
	} else {
		l.Unlock()
	}
}

// TestLockTargetSQLite: a SQLite store takes no lock (BeginScan refuses a
// second running scan of a target instead).
func TestLockTargetSQLite(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "state.db"))
	l1, err := s.LockTarget(context.Background(), "/x")
	if err != nil {
		t.Fatal(err)
	}
	l2, err := s.LockTarget(context.Background(), "/x")
	if err != nil {
		t.Fatal(err)
	}
	l1.Unlock()
	l2.Unlock()
}
