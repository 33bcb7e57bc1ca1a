package main

import (
	"context"
	"flag"

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

// stateFlag defines -state, to read from a store, on fs.
func stateFlag(fs *flag.FlagSet) *string {
	return fs.String("state", "", "the state store: a file (SQLite) or a postgres:// URL (default: "+defaultStateHelp()+")")
}

// defaultStateHelp names the default store for -h.
func defaultStateHelp() string {
	if p, err := store.DefaultPath(); err == nil {
		return p
	}
	return "$XDG_STATE_HOME/pmscan/state.db"
}
