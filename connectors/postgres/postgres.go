// Package postgres is the PostgreSQL connector: postgres:// and
// postgresql:// targets (libpq URL parameters such as sslmode work, and
// PGPASSWORD and ~/.pgpass as with psql), read with pgx in read-only
// transactions under a statement and a lock timeout. Rows with a primary key
// or a NOT NULL unique index are read in keyset pages; other tables through
// a cursor located by ctid; views through a cursor, rows numbered.
package postgres

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/pmscan/pmscan/connectors/sqldb"
	"github.com/pmscan/pmscan/internal/pgerr"
)

// NewFactory opens PostgreSQL connectors with opts.
func NewFactory(opts sqldb.Options) *sqldb.Factory {
	return &sqldb.Factory{SchemeNames: []string{"postgres", "postgresql"}, Options: opts,
		NewServer: func(target string, opts sqldb.Options) (sqldb.Server, error) { return newServer(target, opts) }}
}

// server holds the parsed connection settings.
type server struct {
	cfg      *pgx.ConnConfig
	secrets  sqldb.Secrets
	id       sqldb.Identity
	maxChars int
}

func newServer(target string, opts sqldb.Options) (*server, error) {
	cfg, err := pgx.ParseConfig(target)
	if err != nil {
		// pgx hides the password in its message; scrub it anyway.
		return nil, fmt.Errorf("parse PostgreSQL URL: %w", sqldb.NewSecrets(passwordOf(target)).Scrub(err))
	}
	if cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = 10 * time.Second
	}
	// Simple protocol: every value comes back as text and keyset arguments go
	// as literals the server casts to the key's type.
	cfg.DefaultQueryExecMode = pgx.QueryExecModeSimpleProtocol
	rp := cfg.RuntimeParams
	if rp["application_name"] == "" {
		rp["application_name"] = "pmscan"
	}
	rp["default_transaction_read_only"] = "on"
	rp["statement_timeout"] = strconv.FormatInt(opts.StatementTimeout.Milliseconds(), 10)
	// A read waits behind DDL's locks and makes everything else queue behind
	// it: give up on the table instead.
	rp["lock_timeout"] = "5000"
	rp["idle_in_transaction_session_timeout"] = strconv.FormatInt((opts.StatementTimeout + time.Minute).Milliseconds(), 10)
	// Physical order for cursors, so that a stream resumes by ctid.
	rp["synchronize_seqscans"] = "off"
	host := cfg.Host
	if len(host) > 0 && host[0] != '/' {
		host = net.JoinHostPort(host, strconv.Itoa(int(cfg.Port)))
	}
	return &server{
		cfg:      cfg,
		secrets:  sqldb.NewSecrets(cfg.Password),
		id:       sqldb.Identity{Store: "postgres", Host: host, Database: cfg.Database},
		maxChars: opts.MaxValueChars,
	}, nil
}

// passwordOf finds the password of a URL that pgx could not parse.
func passwordOf(target string) string {
	if u, err := url.Parse(target); err == nil && u.User != nil {
		p, _ := u.User.Password()
		return p
	}
	return ""
}

func (s *server) Connect(ctx context.Context) (sqldb.Session, error) {
	conn, err := pgx.ConnectConfig(ctx, s.cfg.Copy())
	if err != nil {
		return nil, pgerr.OnceEach(s.secrets.Scrub(err))
	}
	return &session{conn: conn, srv: s}, nil
}

// session is one connection.
type session struct {
	conn *pgx.Conn
	srv  *server
}

func (s *session) Identity() sqldb.Identity { return s.srv.id }

func (s *session) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return s.conn.Close(ctx)
}

// fail scrubs err and marks it ErrConnLost when the connection is gone.
func (s *session) fail(err error) error {
	if err == nil {
		return nil
	}
	err = s.srv.secrets.Scrub(err)
	if s.conn.IsClosed() || lost(err) {
		return fmt.Errorf("%w: %w", sqldb.ErrConnLost, err)
	}
	return err
}

func lost(err error) bool {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		// 08: connection exceptions; 57P01-03: the server is shutting down
		// or an administrator ended the session.
		return pgErr.Code[:2] == "08" || pgErr.Code == "57P01" || pgErr.Code == "57P02" || pgErr.Code == "57P03"
	}
	var netErr net.Error
	return errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.As(err, &netErr)
}

// readOnly runs fn in a read-only transaction.
func (s *session) readOnly(ctx context.Context, fn func(tx pgx.Tx) error) error {
	tx, err := s.conn.BeginTx(ctx, pgx.TxOptions{AccessMode: pgx.ReadOnly})
	if err != nil {
		return s.fail(err)
	}
	if err := fn(tx); err != nil {
		rbCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		tx.Rollback(rbCtx)
		cancel()
		return s.fail(err)
	}
	return s.fail(tx.Commit(ctx))
}

// each runs sql in tx and hands every row's raw text values to fn.
func (s *session) each(ctx context.Context, tx pgx.Tx, sql string, args []any, fn func(vals [][]byte) error) (int64, error) {
	rows, err := tx.Query(ctx, sql, args...)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var n int64
	for rows.Next() {
		n++
		// RawValues are the wire's text; NULL is nil.
		if err := fn(rows.RawValues()); err != nil {
			return n, err
		}
	}
	return n, rows.Err()
}
