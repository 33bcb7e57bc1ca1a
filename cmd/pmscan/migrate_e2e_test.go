package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

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
	render := func(format string) []byte {
		t.Helper()
		var out, errOut bytes.Buffer
		if code := run(context.Background(), []string{"report", "-state", state, "-scan", "1", "-format", format}, &out, &errOut); code != exitOK {
			t.Fatalf("report -format %s: exit %d\n%s", format, code, errOut.String())
		}
		return out.Bytes()
	}
	for format, golden := range map[string]string{"json": "testdata/store-v3/scan1.json", "jsonl": "testdata/store-v3/scan1-findings.jsonl"} {
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
	scans, err := st.Scans(context.Background(), 0)
	st.Close()
	if err != nil || len(scans) != 2 {
		t.Fatalf("the migrated store lists %d scans (%v), want 2", len(scans), err)
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
