// Package store keeps every scan pmscan runs: its targets, start and end,
// how each target's walk ended, its findings and problems, and its
// inventory, so that reports can be written again later and compared
// between scans. By default the store is an embedded SQLite file (a pure-Go
// driver, no cgo) at DefaultPath; teams point --state at a PostgreSQL
// database instead, which several pmscan processes may write at once.
//
// Raw values are stored only for scans run with --show-data (ScanInfo.ShowData);
// every finding keeps its keyed value hash, made with the installation's
// ValueKey, so that distinct values compare between scans without the values.
//
// One database/sql implementation serves both databases; the differences
// (opening, schema, migration lock) live in sqlite.go and postgres.go.
package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/internal/privfile"
	"github.com/pmscan/pmscan/scanner"
)

// ErrNotFound is wrapped by the errors for a scan the store does not have.
var ErrNotFound = errors.New("not found")

// Store is an open state store. It is safe for concurrent use.
type Store struct {
	db      *sql.DB
	dialect *dialect
	name    string   // the DSN as errors show it: a path, or a redacted URL
	path    string   // the SQLite file; "" for PostgreSQL
	secrets []string // what errors must not show: the URL's password

	mu    sync.Mutex
	stmts map[stmtKey]*sql.Stmt // prepared INSERTs

	closed    chan struct{} // closed by Close: stops the sinks' heartbeats
	closeOnce sync.Once
}

// DefaultPath is ${XDG_STATE_HOME:-$HOME/.local/state}/pmscan/state.db. A
// relative XDG_STATE_HOME is ignored, as the XDG specification says.
func DefaultPath() (string, error) {
	base := os.Getenv("XDG_STATE_HOME")
	if !filepath.IsAbs(base) {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("state store: default path: %w", err)
		}
		base = filepath.Join(home, ".local", "state")
	}
	return filepath.Join(base, "pmscan", "state.db"), nil
}

// Open opens the store named by dsn, creating it and migrating its schema
// to the version this pmscan knows. dsn is a postgres:// or postgresql://
// URL, a file path (SQLite) or "" for DefaultPath. A new SQLite file is
// created 0600, and a missing directory 0700, before the driver opens it;
// the file runs in WAL mode with a busy timeout, so that a second pmscan
// waits for the first's write instead of failing. Passwords in a URL never
// appear in errors. A store written by a newer pmscan (a schema version
// this one does not know) is refused with ErrSchemaTooNew.
func Open(ctx context.Context, dsn string) (*Store, error) {
	var (
		s   *Store
		err error
	)
	switch connectors.Scheme(dsn) {
	case "postgres", "postgresql":
		s, err = openPostgres(ctx, dsn)
	case "file", "":
		path := strings.TrimPrefix(dsn, "file://")
		if path == "" {
			if path, err = DefaultPath(); err != nil {
				return nil, err
			}
		}
		s, err = openSQLite(ctx, path)
	default:
		return nil, fmt.Errorf("state store %s: unsupported scheme %q (want a file path or postgres://)", connectors.Redact(dsn), connectors.Scheme(dsn))
	}
	if err != nil {
		return nil, err
	}
	if err := s.migrate(ctx); err != nil {
		s.db.Close()
		return nil, s.errorf("%w", err)
	}
	if s.path != "" {
		// A scan of the store's own directory skips its files; the
		// migration has made SQLite create its -wal and -shm.
		privfile.Claim(s.path, s.path+"-wal", s.path+"-shm", s.path+"-journal")
	}
	s.closed = make(chan struct{})
	return s, nil
}

// Close closes the store.
func (s *Store) Close() error {
	s.closeOnce.Do(func() {
		if s.closed != nil {
			close(s.closed)
		}
	})
	s.mu.Lock()
	for _, st := range s.stmts {
		st.Close()
	}
	s.stmts = nil
	s.mu.Unlock()
	return s.db.Close()
}

// errorf names the store in an error, with any password hidden.
func (s *Store) errorf(format string, args ...any) error {
	return redacted{fmt.Errorf("state store %s: "+format, append([]any{s.name}, args...)...), s.secrets}
}

// redacted hides secrets in an error's text while keeping its chain for
// errors.Is and errors.As.
type redacted struct {
	err     error
	secrets []string
}

func (r redacted) Error() string {
	msg := r.err.Error()
	for _, s := range r.secrets {
		if s != "" {
			msg = strings.ReplaceAll(msg, s, "xxxxx")
		}
	}
	return msg
}

func (r redacted) Unwrap() error { return r.err }

// passwordOf returns the password of a URL and its escaped form.
func passwordOf(dsn string) []string {
	u, err := url.Parse(dsn)
	if err != nil {
		// Unparsable: hide everything between "://" and the last "@".
		rest := dsn[strings.Index(dsn, "://")+3:]
		if at := strings.LastIndex(rest, "@"); at >= 0 {
			return []string{rest[:at]}
		}
		return nil
	}
	if p, ok := u.User.Password(); ok && p != "" {
		return []string{p, url.QueryEscape(p), url.PathEscape(p)}
	}
	return nil
}

const valueKeyName = "value_key"

// ValueKey returns the installation's key for value hashes
// (scanner.Options.ValueKey): 16 random bytes made on first use and kept in
// the store, so that hashes and distinct-value counts compare between
// scans. Two processes asking at once get the same key.
func (s *Store) ValueKey(ctx context.Context) (*scanner.ValueKey, error) {
	h, err := s.meta(ctx, valueKeyName)
	if errors.Is(err, sql.ErrNoRows) {
		var k scanner.ValueKey
		if _, err := rand.Read(k[:]); err != nil {
			return nil, fmt.Errorf("value key: %w", err)
		}
		_, err = s.db.ExecContext(ctx, `INSERT INTO meta (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`,
			valueKeyName, hex.EncodeToString(k[:]))
		if err != nil {
			return nil, s.errorf("storing the value key: %w", err)
		}
		h, err = s.meta(ctx, valueKeyName) // another process may have won
	}
	if err != nil {
		return nil, s.errorf("reading the value key: %w", err)
	}
	var k scanner.ValueKey
	if b, err := hex.DecodeString(h); err != nil || len(b) != len(k) {
		return nil, s.errorf("the stored value key is not %d bytes of hex", len(k))
	} else {
		copy(k[:], b)
	}
	return &k, nil
}

func (s *Store) meta(ctx context.Context, name string) (string, error) {
	var v string
	err := s.db.QueryRowContext(ctx, `SELECT value FROM meta WHERE name = $1`, name).Scan(&v)
	return v, err
}
