package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/pmscan/pmscan/internal/i18n"
	"github.com/pmscan/pmscan/reports/store"
)

// openState opens the store named by dsn, or the default one.
func openState(ctx context.Context, dsn string) (*store.Store, error) {
	if dsn == "" {
		var err error
		if dsn, err = store.DefaultPath(); err != nil {
			return nil, err
		}
	}
	return store.Open(ctx, dsn)
}

// stateFlagIn defines -state, to read from a store, on fs, its help in p's language.
func stateFlagIn(p *i18n.Printer, fs *flag.FlagSet) *string {
	return fs.String("state", "", p.Sprintf("the state store: a file (SQLite) or a postgres:// URL (default: %s)", defaultStateHelp()))
}

// defaultStateHelp names the default store for -h.
func defaultStateHelp() string {
	if p, err := store.DefaultPath(); err == nil {
		return p
	}
	return "$XDG_STATE_HOME/pmscan/state.db"
}

// stateNone is -state none: an ad-hoc scan, kept nowhere.
const stateNone = "none"

// scanState is the store a scan writes to. An ad-hoc scan (-state none)
// still goes through one, in a temporary directory removed on Close, so
// that its findings stream to disk rather than to memory and every
// report format works as usual.
type scanState struct {
	*store.Store
	ephemeral bool
	dir       string
}

func openScanState(ctx context.Context, dsn string) (*scanState, error) {
	if dsn != stateNone {
		st, err := openState(ctx, dsn)
		if err != nil {
			return nil, err
		}
		return &scanState{Store: st}, nil
	}
	dir, err := os.MkdirTemp("", "pmscan-adhoc-")
	if err != nil {
		return nil, fmt.Errorf("-state none: %w", err)
	}
	st, err := store.Open(ctx, filepath.Join(dir, "state.db"))
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	return &scanState{Store: st, ephemeral: true, dir: dir}, nil
}

func (s *scanState) Close() error {
	err := s.Store.Close()
	if s.ephemeral {
		if rerr := os.RemoveAll(s.dir); err == nil {
			err = rerr
		}
	}
	return err
}
