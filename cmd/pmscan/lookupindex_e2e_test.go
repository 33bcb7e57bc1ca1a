package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/pmscan/pmscan/internal/testkit/dbtest"
	"github.com/pmscan/pmscan/reports/lookup"
)

func scanInto(t *testing.T, state string, args ...string) {
	t.Helper()
	var out, errOut bytes.Buffer
	args = append([]string{"scan", "-state", state, "-format", "json", "-o", filepath.Join(t.TempDir(), "report.json")}, args...)
	if code := run(context.Background(), args, &out, &errOut); code != exitOK {
		t.Fatalf("scan: exit %d:\n%s", code, errOut.String())
	}
}

// TestLookupFromIndex scans the planted stores into a state store, then
// looks the person up without targets: from the lookup index the scan
// kept, every record of hers and no one else's, as live. The index
// follows incremental scans (a changed file's entries replaced, a deleted
// one's gone, the rest carried over), holds no value, and answers only
// with the key the scans hashed with.
func TestLookupFromIndex(t *testing.T) {
	flags, targets := lookupStores(t, t.TempDir())
	t.Run("sqlite", func(t *testing.T) {
		lookupFromIndex(t, filepath.Join(t.TempDir(), "state.db"), flags, targets)
	})
	t.Run("postgres", func(t *testing.T) {
		dsn, _, _ := dbtest.PostgresDatabase(t)
		lookupFromIndex(t, dsn, flags, targets)
	})
}

func lookupFromIndex(t *testing.T, state string, flags, targets []string) {
	// Files of its own: it changes them.
	dir := t.TempDir()
	writeLookupFiles(t, dir)
	targets = append([]string{dir}, targets[1:]...)
	scanInto(t, state, append(slices.Clone(flags), targets...)...)

	fromIndex := append(slices.Clone(lookupPerson), "-state", state)
	code, out, errOut := lookupCmd(t, fromIndex...)
	if code != exitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, errOut)
	}
	res := checkLookupResult(t, out)
	if len(res.Scans) != 1 || len(res.Targets) != len(targets) {
		t.Errorf("searched scans %+v, targets %v", res.Scans, res.Targets)
	}

	// No value in the index: hashes, positions and column names only.
	db := openStateDB(t, state)
	if n := tableRows(t, db, "lookup_records"); n == 0 {
		t.Fatal("lookup_records is empty")
	}
	rows, err := db.Query(`SELECT r.record, r.entries, o.object FROM lookup_records r JOIN lookup_objects o ON o.id = r.object_id`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var record, entries, object []byte
		if err := rows.Scan(&record, &entries, &object); err != nil {
			t.Fatal(err)
		}
		// Not short digit runs: the temporary directory's name has some.
		for _, v := range []string{"髙橋", "高橋", "タカハシ", "ﾀｶﾊｼ", "isaki", "2468-1357", "24681357", "1991-04-05", "19910405", "M-20391", "m-20391", "北沢"} {
			for _, b := range [][]byte{record, entries, object} {
				if bytes.Contains(b, []byte(v)) {
					t.Errorf("the index holds %q: %q", v, b)
				}
			}
		}
	}
	rows.Close()

	// Her customers.csv record goes, calls.txt is deleted: the next
	// (incremental) scan replaces the one's entries and drops the other's.
	csv := filepath.Join(dir, "customers.csv")
	data, err := os.ReadFile(csv)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(data), "\n")
	if err := os.WriteFile(csv, []byte(lines[0]+lines[2]+lines[3]), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, "calls.txt")); err != nil {
		t.Fatal(err)
	}
	scanInto(t, state, append(slices.Clone(flags), targets...)...)
	code, out, errOut = lookupCmd(t, fromIndex...)
	if code != exitOK {
		t.Fatalf("after the change: exit %d, stderr:\n%s", code, errOut)
	}
	var after lookup.Result
	if err := json.Unmarshal([]byte(out), &after); err != nil {
		t.Fatal(err)
	}
	var got []lookupPlace
	for _, r := range after.Matches {
		got = append(got, placeOf(r))
	}
	for _, p := range lookupMatches {
		gone := p.object == "calls.txt" || p.object == "customers.csv"
		if slices.Contains(got, p) == gone {
			t.Errorf("after the change, match %v: found %v, want %v", p, !gone, !gone)
		}
	}
	for _, r := range after.NearMisses {
		if p := placeOf(r); p.object == "customers.csv" && p.position != "line 2" {
			t.Errorf("near miss %v: customers.csv's lines moved up, the landline is now on line 2", p)
		}
	}

	// Pruning the first scan moves the entries the second carried over
	// with their evidence: the lookup answers as before.
	var pruneOut, pruneErr bytes.Buffer
	if code := run(context.Background(), []string{"scans", "prune", "-keep", "1", "-state", state}, &pruneOut, &pruneErr); code != exitOK {
		t.Fatalf("prune: exit %d: %s", code, pruneErr.String())
	}
	code, out, errOut = lookupCmd(t, fromIndex...)
	if code != exitOK {
		t.Fatalf("after the prune: exit %d, stderr:\n%s", code, errOut)
	}
	var pruned lookup.Result
	if err := json.Unmarshal([]byte(out), &pruned); err != nil {
		t.Fatal(err)
	}
	var again []lookupPlace
	for _, r := range pruned.Matches {
		again = append(again, placeOf(r))
	}
	if !slices.Equal(again, got) || len(pruned.Scans) != 1 || pruned.Scans[0].ID != after.Scans[0].ID {
		t.Errorf("after the prune: matches %v, scans %+v; want %v from scan %d", again, pruned.Scans, got, after.Scans[0].ID)
	}
	if n := tableRows(t, db, "lookup_objects"); n == 0 {
		t.Error("the prune left no lookup_objects")
	}

	// Another key finds nothing, and says so; a key file that is not
	// there is no key.
	t.Setenv(lookup.KeyEnv, strings.Repeat("ab", 32))
	if code, _, errOut := lookupCmd(t, fromIndex...); code != exitUsage || !strings.Contains(errOut, "lookup key") {
		t.Errorf("another key: exit %d, %s", code, errOut)
	}
	t.Setenv(lookup.KeyEnv, "")
	missing := append(slices.Clone(fromIndex), "-lookup-key", filepath.Join(t.TempDir(), "none.key"))
	if code, _, errOut := lookupCmd(t, missing...); code != exitUsage || !strings.Contains(errOut, "lookup key") {
		t.Errorf("no key file: exit %d, %s", code, errOut)
	}
}

func tableRows(t *testing.T, db *sql.DB, table string) int {
	t.Helper()
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM ` + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestLookupFromIndexUnfinishedTarget: a target that the latest scan
// could not walk is not silently left out: the lookup lists it as not
// searched, or as answered from an older scan, and exits 4.
func TestLookupFromIndexUnfinishedTarget(t *testing.T) {
	dir := t.TempDir()
	writeLookupFiles(t, dir)
	state := filepath.Join(t.TempDir(), "state.db")
	missing := filepath.Join(t.TempDir(), "gone")
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"scan", "-state", state, "-o", os.DevNull, dir, missing}, &out, &errOut); code != exitTargetError {
		t.Fatalf("scan with a missing target: exit %d, want %d\n%s", code, exitTargetError, errOut.String())
	}
	fromIndex := append(slices.Clone(lookupPerson), "-state", state)
	code, text, stderr := lookupCmd(t, fromIndex...)
	if code != exitItemErrors {
		t.Fatalf("exit %d, want %d\n%s", code, exitItemErrors, stderr)
	}
	var res lookup.Result
	if err := json.Unmarshal([]byte(text), &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Matches) == 0 {
		t.Error("no match in the target the scan read")
	}
	found := false
	for _, p := range res.Problems {
		found = found || p.Object == missing && strings.Contains(p.Error, "not searched")
	}
	if !found || slices.Contains(res.Targets, missing) {
		t.Errorf("the missing target: problems %+v, targets %v", res.Problems, res.Targets)
	}
}
