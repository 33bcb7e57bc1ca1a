package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"time"
)

// The schema is versioned: migrations/<dialect>/NNNN_name.sql are applied
// in order, each in a transaction of its own that also records it in
// schema_migrations. Both dialects have the same versions. To change the
// schema, add the next file to both directories; never edit one that has
// shipped.
//
//go:embed migrations
var migrationFiles embed.FS

// ErrSchemaTooNew is wrapped by Open's error for a store whose schema a
// newer pmscan has migrated past what this one knows.
var ErrSchemaTooNew = errors.New("the state store was written by a newer pmscan")

// dialect is what differs between the databases.
type dialect struct {
	name       string
	migrations string // directory in migrationFiles
	// createMigrations creates schema_migrations if it is missing.
	createMigrations string
	// lockMigrations, if set, runs first in each migration transaction to
	// serialise migrating processes.
	lockMigrations string
	// anonymous makes bulk INSERTs use ? rather than $n: SQLite looks
	// each named or numbered parameter up in a list, which made a
	// 5,000-parameter INSERT spend most of its time there.
	anonymous bool
	// lockBegin, if set, runs first in the transaction that begins a scan,
	// so that two scans beginning at once see each other.
	lockScans string
	// hashArrays keeps a lookup record's hashes in an array column with a
	// GIN index (PostgreSQL), not in lookup_hashes (SQLite).
	hashArrays bool
}

func (d *dialect) lockBegin(ctx context.Context, tx *sql.Tx) error {
	if d.lockScans == "" {
		return nil
	}
	_, err := tx.ExecContext(ctx, d.lockScans)
	return err
}

type migration struct {
	version int
	name    string
	sql     string
}

// loadMigrations reads a dialect's migrations, checking they are numbered
// 1, 2, 3 … without gaps.
func loadMigrations(dir string) ([]migration, error) {
	entries, err := fs.ReadDir(migrationFiles, dir)
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".sql") {
			continue
		}
		num, _, _ := strings.Cut(name, "_")
		v, err := strconv.Atoi(num)
		if err != nil || v != len(ms)+1 {
			return nil, fmt.Errorf("migration %s: want number %04d", path.Join(dir, name), len(ms)+1)
		}
		b, err := migrationFiles.ReadFile(path.Join(dir, name))
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: name, sql: string(b)})
	}
	return ms, nil
}

// migrate brings the schema to the newest version, one migration per
// transaction.
func (s *Store) migrate(ctx context.Context) error {
	ms, err := loadMigrations(s.dialect.migrations)
	if err != nil {
		return err
	}
	for {
		done, err := s.migrateOnce(ctx, ms)
		if err != nil || done {
			return err
		}
	}
}

// migrateOnce applies the next migration, or says there is none.
func (s *Store) migrateOnce(ctx context.Context, ms []migration) (done bool, err error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("migrating: %w", err)
	}
	defer tx.Rollback()
	if s.dialect.lockMigrations != "" {
		if _, err := tx.ExecContext(ctx, s.dialect.lockMigrations); err != nil {
			return false, fmt.Errorf("migrating: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, s.dialect.createMigrations); err != nil {
		return false, fmt.Errorf("migrating: %w", err)
	}
	var v int
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&v); err != nil {
		return false, fmt.Errorf("reading the schema version: %w", err)
	}
	switch {
	case v > len(ms):
		return false, fmt.Errorf("schema version %d, but this pmscan knows only up to %d: %w; upgrade pmscan", v, len(ms), ErrSchemaTooNew)
	case v == len(ms):
		return true, tx.Commit()
	}
	m := ms[v]
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return false, fmt.Errorf("migration %s: %w", m.name, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)`, m.version, now()); err != nil {
		return false, fmt.Errorf("migration %s: %w", m.name, err)
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("migration %s: %w", m.name, err)
	}
	return false, nil
}

// now is the time as the store keeps it: UTC, to the microsecond
// (PostgreSQL's precision).
func now() time.Time { return dbTime(time.Now()) }

func dbTime(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }
