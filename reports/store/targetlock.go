package store

import (
	"context"
	"crypto/sha256"
	"database/sql/driver"
	"encoding/binary"
	"errors"
)

// ErrTargetLocked is returned by LockTarget when another process holds
// the target's lock: another pmscan serve or run is scanning it.
var ErrTargetLocked = errors.New("another pmscan is scanning this target")

// TargetLock is held while a scheduled scan of one target runs.
type TargetLock struct{ release func() }

// Unlock releases the lock. It may be called more than once.
func (l *TargetLock) Unlock() {
	if l.release != nil {
		l.release()
		l.release = nil
	}
}

// LockTarget takes the lock on target for a scheduled scan, so that
// instances of pmscan serve sharing a PostgreSQL store do not scan the
// same target at once: the second skips its run rather than failing. The
// lock is a session advisory lock on a connection of its own, so that it
// goes when the process does, however it ends. A SQLite store is one
// machine's: LockTarget takes no lock there, and a scan that begins while
// another of the same target runs is refused by BeginScan as ever.
func (s *Store) LockTarget(ctx context.Context, target string) (*TargetLock, error) {
	if s.dialect.lockScans == "" {
		return &TargetLock{}, nil
	}
	// A pooled connection the server ended (a restart, a failover) fails
	// once; a second try takes a new one.
	l, err := s.lockTarget(ctx, target)
	if err != nil && !errors.Is(err, ErrTargetLocked) && ctx.Err() == nil {
		l, err = s.lockTarget(ctx, target)
	}
	return l, err
}

func (s *Store) lockTarget(ctx context.Context, target string) (*TargetLock, error) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, s.errorf("locking %s: %w", target, err)
	}
	key := targetLockKey(target)
	var got bool
	if err := conn.QueryRowContext(ctx, `SELECT pg_try_advisory_lock($1)`, key).Scan(&got); err != nil {
		conn.Raw(func(any) error { return driver.ErrBadConn }) // not back to the pool
		conn.Close()
		return nil, s.errorf("locking %s: %w", target, err)
	}
	if !got {
		conn.Close()
		return nil, ErrTargetLocked
	}
	return &TargetLock{release: func() {
		// Unlocking can fail only with the connection, which then ends
		// the session and the lock with it.
		conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, key)
		conn.Close()
	}}, nil
}

// targetLockKey is the advisory lock key of a target: a hash of its name,
// in a space of pmscan's own ("pmscan target lock").
func targetLockKey(target string) int64 {
	h := sha256.Sum256([]byte("pmscan target lock\x00" + target))
	return int64(binary.BigEndian.Uint64(h[:8]))
}
