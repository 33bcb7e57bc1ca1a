// Package mysql is the MySQL and MariaDB connector: mysql:// and mariadb://
// targets, read with go-sql-driver/mysql on pinned connections in read-only
// transactions (START TRANSACTION READ ONLY) under a statement and a
// metadata-lock timeout. Tables with a primary key or a NOT NULL unique
// index are read in keyset pages; other tables and views in one streamed
// query, rows numbered in scan order.
package mysql

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/go-sql-driver/mysql"

	"github.com/pmscan/pmscan/connectors/sqldb"
)

// NewFactory opens MySQL and MariaDB connectors with opts.
func NewFactory(opts sqldb.Options) *sqldb.Factory {
	return &sqldb.Factory{SchemeNames: []string{"mysql", "mariadb"}, Options: opts,
		NewServer: func(target string, opts sqldb.Options) (sqldb.Server, error) { return newServer(target, opts) }}
}

type server struct {
	cfg      *mysql.Config
	secrets  sqldb.Secrets
	host     string
	timeout  time.Duration
	maxChars int
}

// ParseURL turns mysql://user:pass@host:port/db?tls=…&socket=…&timeout=…
// into a driver configuration. Without a password in the URL, MYSQL_PWD is
// used, as the mysql client does. Without a database, every database the
// user can see is scanned, system schemas excepted.
func ParseURL(target string) (*mysql.Config, error) {
	u, err := url.Parse(target)
	if err != nil {
		return nil, errors.New("parse MySQL URL: malformed URL")
	}
	cfg := mysql.NewConfig()
	if u.User != nil {
		cfg.User = u.User.Username()
		cfg.Passwd, _ = u.User.Password()
	}
	if cfg.Passwd == "" {
		cfg.Passwd = os.Getenv("MYSQL_PWD")
	}
	cfg.Net, cfg.Addr = "tcp", u.Host
	if u.Port() == "" && u.Host != "" {
		cfg.Addr = net.JoinHostPort(u.Hostname(), "3306")
	}
	if u.Host == "" {
		cfg.Addr = "127.0.0.1:3306"
	}
	cfg.DBName = strings.Trim(u.Path, "/")
	cfg.Timeout = 10 * time.Second
	for k, vs := range u.Query() {
		v := vs[len(vs)-1]
		switch k {
		case "socket":
			cfg.Net, cfg.Addr = "unix", v
		case "tls":
			cfg.TLSConfig = v
		case "timeout":
			d, err := time.ParseDuration(v)
			if err != nil {
				return nil, fmt.Errorf("parse MySQL URL: timeout %q: %w", v, err)
			}
			cfg.Timeout = d
		default:
			return nil, fmt.Errorf("parse MySQL URL: unknown parameter %q (supported: socket, tls, timeout)", k)
		}
	}
	// Client-side interpolation keeps every query on the text protocol: one
	// round trip, and every value comes back as text.
	cfg.InterpolateParams = true
	cfg.ParseTime = false
	// The driver logs broken connections on its own; pmscan reports them.
	cfg.Logger = mysql.Logger(log.New(io.Discard, "", 0))
	return cfg, nil
}

func newServer(target string, opts sqldb.Options) (*server, error) {
	cfg, err := ParseURL(target)
	if err != nil {
		return nil, err
	}
	if cfg.TLSConfig != "" {
		// FormatDSN/NewConnector validate the TLS name; surface it now.
		if _, err := mysql.ParseDSN(cfg.FormatDSN()); err != nil {
			return nil, fmt.Errorf("parse MySQL URL: %w", sqldb.NewSecrets(cfg.Passwd).Scrub(err))
		}
	}
	return &server{cfg: cfg, secrets: sqldb.NewSecrets(cfg.Passwd), host: cfg.Addr,
		timeout: opts.StatementTimeout, maxChars: opts.MaxValueChars}, nil
}

func (s *server) Connect(ctx context.Context) (sqldb.Session, error) {
	connector, err := mysql.NewConnector(s.cfg)
	if err != nil {
		return nil, s.secrets.Scrub(err)
	}
	db := sql.OpenDB(connector)
	db.SetMaxOpenConns(1)
	conn, err := db.Conn(ctx)
	if err != nil {
		db.Close()
		return nil, s.secrets.Scrub(err)
	}
	sess := &session{db: db, conn: conn, srv: s}
	if err := sess.setup(ctx); err != nil {
		sess.Close()
		return nil, err
	}
	return sess, nil
}

// session is one pinned connection.
type session struct {
	db      *sql.DB
	conn    *sql.Conn
	srv     *server
	mariadb bool
	id      sqldb.Identity

	raw  []sql.RawBytes
	ptrs []any
	vals [][]byte
}

// setup makes the session read-only and bounded.
func (s *session) setup(ctx context.Context) error {
	var version string
	if err := s.conn.QueryRowContext(ctx, "SELECT VERSION()").Scan(&version); err != nil {
		return s.fail(err)
	}
	s.mariadb = strings.Contains(strings.ToLower(version), "mariadb")
	s.id = sqldb.Identity{Store: "mysql", Host: s.srv.host, Database: s.srv.cfg.DBName, SchemaIsDatabase: true}
	if s.mariadb {
		s.id.Store = "mariadb"
	}
	stmts := []string{
		"SET SESSION TRANSACTION READ ONLY",
		// Wait at most 5 s behind DDL's metadata locks, and let a slow reader
		// pause a stream for 10 minutes before the server gives up on it.
		"SET SESSION lock_wait_timeout = 5",
		"SET SESSION net_write_timeout = 600",
	}
	if s.mariadb {
		stmts = append(stmts, fmt.Sprintf("SET SESSION max_statement_time = %.3f", s.srv.timeout.Seconds()))
	} else {
		stmts = append(stmts, fmt.Sprintf("SET SESSION max_execution_time = %d", s.srv.timeout.Milliseconds()))
	}
	for _, q := range stmts {
		if _, err := s.conn.ExecContext(ctx, q); err != nil {
			return s.fail(fmt.Errorf("%s: %w", q, err))
		}
	}
	// MySQL 8 serves information_schema.TABLES (UPDATE_TIME, TABLE_ROWS)
	// from a cache a day old by default: a version must see them now.
	// MariaDB and MySQL 5.7 have no such cache, nor the variable.
	const fresh = "SET SESSION information_schema_stats_expiry = 0"
	var myErr *mysql.MySQLError
	if _, err := s.conn.ExecContext(ctx, fresh); err != nil && !(errors.As(err, &myErr) && myErr.Number == errUnknownVariable) {
		return s.fail(fmt.Errorf("%s: %w", fresh, err))
	}
	return nil
}

// errUnknownVariable is ER_UNKNOWN_SYSTEM_VARIABLE.
const errUnknownVariable = 1193

func (s *session) Identity() sqldb.Identity { return s.id }

func (s *session) Close() error {
	s.conn.Close()
	return s.db.Close()
}

// fail scrubs err and marks it ErrConnLost when the connection is gone.
func (s *session) fail(err error) error {
	if err == nil {
		return nil
	}
	err = s.srv.secrets.Scrub(err)
	if lost(err) {
		return fmt.Errorf("%w: %w", sqldb.ErrConnLost, err)
	}
	return err
}

func lost(err error) bool {
	var myErr *mysql.MySQLError
	if errors.As(err, &myErr) {
		// 1053 server shutdown, 1927 connection killed (MariaDB), 2006/2013
		// gone away / lost during query.
		switch myErr.Number {
		case 1053, 1927, 2006, 2013:
			return true
		}
		return false
	}
	var netErr net.Error
	return errors.Is(err, driver.ErrBadConn) || errors.Is(err, mysql.ErrInvalidConn) ||
		errors.Is(err, sql.ErrConnDone) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.As(err, &netErr)
}

// readOnly runs fn in a read-only transaction.
func (s *session) readOnly(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.conn.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return s.fail(err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return s.fail(err)
	}
	return s.fail(tx.Commit())
}

// each runs query in tx and hands every row's raw text values to fn.
func (s *session) each(ctx context.Context, tx *sql.Tx, query string, args []any, fn sqldb.RowFunc) (int64, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return 0, err
	}
	if len(s.raw) != len(cols) {
		s.raw = make([]sql.RawBytes, len(cols))
		s.ptrs = make([]any, len(cols))
		s.vals = make([][]byte, len(cols))
		for i := range s.raw {
			s.ptrs[i] = &s.raw[i]
		}
	}
	var n int64
	for rows.Next() {
		if err := rows.Scan(s.ptrs...); err != nil {
			return n, err
		}
		n++
		for i, r := range s.raw {
			s.vals[i] = r // nil for NULL
		}
		if err := fn(s.vals); err != nil {
			return n, err
		}
	}
	return n, rows.Err()
}
