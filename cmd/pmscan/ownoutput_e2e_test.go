package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// TestOwnOutputNotScanned: a scan of the directory that holds its own
// report and its SQLite state store reads neither: each is recorded as
// pmscan's own output, skipped, and the scan is complete.
func TestOwnOutputNotScanned(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.csv"), []byte("氏名,メール\n山田太郎,taro@example.jp\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	report := filepath.Join(dir, "zz-report.json")
	for run := 1; run <= 2; run++ { // the second finds last run's report and store
		code, _, errOut := scan(t, "-state", filepath.Join(dir, "state.db"), "-format", "json", "-o", report, "-progress", "never", dir)
		if code != exitOK {
			t.Fatalf("run %d: exit %d; stderr:\n%s", run, code, errOut)
		}
		data, err := os.ReadFile(report)
		if err != nil {
			t.Fatal(err)
		}
		var r struct {
			Status   string
			Problems []struct {
				Place   string
				Skipped bool
				Reason  string
				Error   string
			}
			Places []struct{ Place string }
		}
		if err := json.Unmarshal(data, &r); err != nil {
			t.Fatal(err)
		}
		own := map[string]bool{}
		for _, p := range r.Problems {
			if !p.Skipped || p.Reason != "special" || p.Error != "pmscan's own output: not scanned" {
				t.Errorf("run %d: problem %+v", run, p)
			}
			own[filepath.Base(p.Place)] = true
		}
		for _, name := range []string{"zz-report.json", "state.db", "state.db-wal", "state.db-shm"} {
			if !own[name] {
				t.Errorf("run %d: %s not recorded as pmscan's own output (problems %+v)", run, name, r.Problems)
			}
		}
		if len(r.Places) == 0 {
			t.Errorf("run %d: nothing found in a.csv", run)
		}
		for _, p := range r.Places {
			if filepath.Base(p.Place) != "a.csv" {
				t.Errorf("run %d: findings in %s", run, p.Place)
			}
		}
		if r.Status != "complete" {
			t.Errorf("run %d: status %q", run, r.Status)
		}
	}
}
