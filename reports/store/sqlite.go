package store

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "modernc.org/sqlite" // registers "sqlite": SQLite compiled to Go, no cgo
)

var sqliteDialect = &dialect{
	name:       "sqlite",
	migrations: "migrations/sqlite",
	createMigrations: `CREATE TABLE IF NOT EXISTS schema_migrations (
	version    INTEGER PRIMARY KEY,
	applied_at TIMESTAMP NOT NULL
)`,
	// Transactions begin IMMEDIATE (_txlock below): each takes the write
	// lock at once, which serialises migrations between processes.
	anonymous: true,
}

// busyTimeout is how long a writer waits for another process's write.
const busyTimeout = "30000" // ms

// openSQLite opens the SQLite store at path. The directory (0700) and the
// file (0600) are created here rather than by the driver, whose file
// would get the umask's mode; SQLite gives its -wal and -shm files the
// database file's mode.
func openSQLite(ctx context.Context, path string) (*Store, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("state store %s: %w", path, err)
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
		return nil, fmt.Errorf("state store: %w", err)
	}
	f, err := os.OpenFile(abs, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("state store: %w", err)
	}
	f.Close()

	q := url.Values{}
	q.Add("_pragma", "busy_timeout("+busyTimeout+")") // first, so the others wait too
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(NORMAL)") // durable at checkpoints; WAL keeps the file consistent
	q.Add("_pragma", "foreign_keys(1)")
	// Zero what deletes and page reorganisations free, or raw values of
	// pruned --show-data scans stay readable in the file; scans only
	// append, and pay nothing measurable for it.
	q.Add("_pragma", "secure_delete(1)")
	q.Set("_txlock", "immediate")   // writers queue on busy_timeout instead of failing to upgrade a read lock
	q.Set("_time_format", "sqlite") // 2006-01-02 15:04:05.999999999-07:00, parsed back for TIMESTAMP columns
	// A file: URI, so that any character may be in the path.
	dsn := (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs), OmitHost: true}).String() + "?" + q.Encode()
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("state store %s: %w", path, err)
	}
	s := &Store{db: db, dialect: sqliteDialect, name: path, path: abs}
	if err := pingSQLite(ctx, db); err != nil {
		db.Close()
		return nil, s.errorf("%w", err)
	}
	return s, nil
}

// pingSQLite opens the first connection. Turning a new file to WAL needs
// the file to itself, and SQLite answers a second process doing the same
// at that moment with SQLITE_BUSY at once, not after busy_timeout: such a
// connection is retried for as long as busy_timeout would have waited.
func pingSQLite(ctx context.Context, db *sql.DB) error {
	deadline := time.Now().Add(30 * time.Second)
	for {
		err := db.PingContext(ctx)
		if err == nil || !strings.Contains(err.Error(), "SQLITE_BUSY") || time.Now().After(deadline) {
			return err
		}
		select {
		case <-time.After(20 * time.Millisecond):
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// checkPrivate refuses to store raw values in a SQLite file that others
// may read: the file is created 0600, but its mode may have been widened.
func (s *Store) checkPrivate() error {
	if s.path == "" {
		return nil
	}
	fi, err := os.Stat(s.path)
	if err != nil {
		return s.errorf("%w", err)
	}
	if m := fi.Mode().Perm(); m&0o077 != 0 {
		return s.errorf("the file is readable by others (mode %04o): refusing to store raw values (--show-data); chmod 600 it", m)
	}
	return nil
}
