package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/pmscan/pmscan/internal/testkit/dbtest"
	"github.com/pmscan/pmscan/reports/store"
)

// TestStoreOfThePreviousReleaseMigrates opens a state store written by
// the release before incremental scans (schema 3: testdata/store-v3, two
// scans of the demo data, made by commit ae78727): it is migrated
// forward, its scans render as that release rendered them, and
// incremental scans run on it.
func TestStoreOfThePreviousReleaseMigrates(t *testing.T) {
	fixture, err := os.ReadFile("testdata/store-v3/state.db")
	if err != nil {
		t.Fatal(err)
	}
	state := filepath.Join(t.TempDir(), "state.db")
	if err := os.WriteFile(state, fixture, 0o600); err != nil {
		t.Fatal(err)
	}
	checkMigrated(t, state, map[string]string{"json": "testdata/store-v3/scan1.json", "jsonl": "testdata/store-v3/scan1-findings.jsonl"}, 2)
}

// TestPostgresStoreOfThePreviousReleaseMigrates is the same for a
// PostgreSQL state store, loaded from its dump (pg_dump --inserts of a
// store the previous release wrote with one scan of the demo data).
func TestPostgresStoreOfThePreviousReleaseMigrates(t *testing.T) {
	dump, err := os.ReadFile("testdata/store-v3/postgres.sql")
	if err != nil {
		t.Fatal(err)
	}
	dsn, _, _ := dbtest.PostgresDatabase(t)
	conn, err := pgx.Connect(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	_, err = conn.Exec(context.Background(), string(dump)) // the simple protocol runs the whole script
	conn.Close(context.Background())
	if err != nil {
		t.Fatalf("loading the dump: %v", err)
	}
	checkMigrated(t, dsn, map[string]string{"json": "testdata/store-v3/postgres-scan1.json"}, 1)
}

// checkMigrated opens state, a store of the previous release whose scan 1
// the previous release rendered as golden (format to file), and checks
// that it renders the same after the migration, lists its scans, and
// scans incrementally.
func checkMigrated(t *testing.T, state string, golden map[string]string, scans int) {
	t.Helper()
	render := func(format string) []byte {
		t.Helper()
		var out, errOut bytes.Buffer
		if code := run(context.Background(), []string{"report", "-state", state, "-scan", "1", "-format", format}, &out, &errOut); code != exitOK {
			t.Fatalf("report -format %s: exit %d\n%s", format, code, errOut.String())
		}
		return out.Bytes()
	}
	for format, golden := range golden {
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatal(err)
		}
		if got := render(format); !bytes.Equal(want, got) {
			t.Errorf("scan 1 as -format %s after the migration differs from what the previous release rendered (%d and %d bytes)", format, len(want), len(got))
		}
	}
	st, err := store.Open(context.Background(), state)
	if err != nil {
		t.Fatal(err)
	}
	list, err := st.Scans(context.Background(), 0)
	st.Close()
	if err != nil || len(list) != scans {
		t.Fatalf("the migrated store lists %d scans (%v), want %d", len(list), err, scans)
	}
	first := scanJSON(t, "-state", state, demoDir)
	if first.Changes != nil {
		t.Errorf("the first scan after the migration has no baseline, yet it says %+v", first.Changes)
	}
	second := scanJSON(t, "-state", state, demoDir)
	sameInventory(t, "the second scan after the migration", first, second)
	if second.Changes == nil || second.Changes.Carried == 0 || second.Changes.Read != 0 {
		t.Errorf("the second scan after the migration: want everything carried, got %+v", second.Changes)
	}
}
