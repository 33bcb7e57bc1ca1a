package store

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/internal/pgerr"
)

// PostgreSQL is reached through pgx's database/sql driver rather than pgx
// itself, so that one implementation of the store serves SQLite and
// PostgreSQL alike; pgx still does the type handling, and its statement
// cache prepares each multi-row INSERT once per connection.

var postgresDialect = &dialect{
	name:       "postgres",
	migrations: "migrations/postgres",
	createMigrations: `CREATE TABLE IF NOT EXISTS schema_migrations (
	version    integer PRIMARY KEY,
	applied_at timestamptz NOT NULL
)`,
	// Two processes opening a new store at once: the first migrates, the
	// second waits here and then finds the schema current. The key is
	// arbitrary but fixed: "pmscan" in ASCII, 0x706d7363616e.
	lockMigrations: `SELECT pg_advisory_xact_lock(123615389639022)`,
	lockScans:      `SELECT pg_advisory_xact_lock(123615389639023)`,
	hashArrays:     true,
}

// openPostgres opens the store in the PostgreSQL database named by a
// postgres:// URL. The URL's query may set connection parameters, e.g.
// search_path to keep the store's tables in a schema of their own.
func openPostgres(ctx context.Context, dsn string) (*Store, error) {
	s := &Store{dialect: postgresDialect, name: connectors.Redact(dsn), secrets: passwordOf(dsn)}
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, s.errorf("%w", err)
	}
	// Name the store's sessions, so that a DBA sees what they are (and a
	// test can end them); a URL's application_name is kept.
	if _, ok := cfg.RuntimeParams["application_name"]; !ok {
		cfg.RuntimeParams["application_name"] = "pmscan"
	}
	s.db = stdlib.OpenDB(*cfg)
	if err := s.db.PingContext(ctx); err != nil {
		s.db.Close()
		return nil, s.errorf("%w", pgerr.OnceEach(err))
	}
	return s, nil
}
