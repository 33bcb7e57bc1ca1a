package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/reports/inventory"
	"github.com/pmscan/pmscan/reports/policy"
	"github.com/pmscan/pmscan/reports/store"
	"github.com/pmscan/pmscan/scanner"
)

// killedScan stores a scan as a pmscan killed half way leaves it: three
// findings and a problem stored, no end recorded, and its last heartbeat
// an hour ago. It returns the store's path.
func killedScan(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "state.db")
	st, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	id, err := st.BeginScan(ctx, store.ScanInfo{Targets: []string{"data"}, Policy: policy.BuiltIn, Started: time.Now().Add(-2 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	sink := st.Sink(ctx, id)
	for i := range 3 {
		if i == 2 {
			time.Sleep(1100 * time.Millisecond) // the sink stores its batch once it is a second old
		}
		f := scanner.Finding{Type: "email", Confidence: detectors.High, Masked: fmt.Sprintf("u***%d@example.com", i),
			Location: connectors.Location{Object: connectors.NewFile("data/customers.csv"), Line: int64(i + 2), Column: "email"}}
		if err := sink.Finding(&f); err != nil {
			t.Fatal(err)
		}
	}
	st.Close() // the process dies: the sink is never closed
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`UPDATE scans SET heartbeat = ? WHERE id = ?`, time.Now().Add(-time.Hour).UTC(), id); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM findings WHERE scan_id = ?`, id).Scan(&n); err != nil || n != 3 {
		t.Fatalf("the killed scan stored %d findings (%v), want 3", n, err)
	}
	return path
}

// TestReportAbandonedScan: 'pmscan report -scan N' of a scan killed half
// way renders an inventory of what it kept, says so, and 'pmscan scans'
// calls the scan abandoned.
func TestReportAbandonedScan(t *testing.T) {
	inEnglish(t)
	path := killedScan(t)

	code, out, errOut := run2(t, "scans", "-state", path)
	if code != exitOK {
		t.Fatalf("scans: exit %d: %s", code, errOut)
	}
	if got := column(t, out, "STATUS")["1"]; got != "abandoned" {
		t.Errorf("scans: STATUS %q, want abandoned:\n%s", got, out)
	}

	code, out, errOut = run2(t, "report", "-state", path, "-scan", "1", "-format", "json")
	if code != exitOK {
		t.Fatalf("report: exit %d: %s", code, errOut)
	}
	var inv inventory.Inventory
	if err := json.Unmarshal([]byte(out), &inv); err != nil {
		t.Fatalf("report json does not parse: %v", err)
	}
	if inv.Status != inventory.StatusInterrupted || inv.Totals.Findings != 3 || len(inv.Holdings) != 1 || inv.Holdings[0].Findings != 3 {
		t.Errorf("inventory: status %q, totals %+v, holdings %+v; want interrupted, the 3 kept findings", inv.Status, inv.Totals, inv.Holdings)
	}
	if len(inv.Targets) != 1 || inv.Targets[0].Status != inventory.TargetInterrupted {
		t.Errorf("inventory targets %+v, want data interrupted", inv.Targets)
	}
	want := "scan 1 did not finish (the process ended without recording its end): this report is built from the findings it kept (at most -keep-findings per place, column and type), so its counts are lower bounds"
	if !strings.Contains(errOut, want) {
		t.Errorf("stderr does not warn %q:\n%s", want, errOut)
	}

	// In Japanese too.
	code, _, errOut = runIn(t, map[string]string{"LANG": "ja_JP.UTF-8"}, "report", "-state", path, "-scan", "1", "-format", "json")
	if code != exitOK || !strings.Contains(errOut, "件数は下限値です") {
		t.Errorf("report in Japanese: exit %d, stderr:\n%s", code, errOut)
	}
	code, out, _ = runIn(t, map[string]string{"LANG": "ja_JP.UTF-8"}, "scans", "-state", path)
	if code != exitOK || !strings.Contains(out, "中断（プロセス終了）") {
		t.Errorf("scans in Japanese: exit %d:\n%s", code, out)
	}
}
