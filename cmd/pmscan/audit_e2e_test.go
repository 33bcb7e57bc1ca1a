package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/pmscan/pmscan/reports/inventory"
)

// smallTree is a directory with one CSV of four people: 氏名 and フリガナ.
func smallTree(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	csv := "氏名,フリガナ,電話\n山田太郎,ヤマダタロウ,090-1234-5678\n佐藤花子,サトウハナコ,090-2234-5678\n" +
		"鈴木一郎,スズキイチロウ,090-3234-5678\n田中次郎,タナカジロウ,090-4234-5678\n"
	if err := os.WriteFile(filepath.Join(dir, "customers.csv"), []byte(csv), 0o600); err != nil {
		t.Fatal(err)
	}
	return dir
}

func reportJSON(t *testing.T, state string) *inventory.Inventory {
	t.Helper()
	code, out, errOut := run2(t, "report", "-state", state, "-format", "json")
	if code != exitOK {
		t.Fatalf("report: exit %d: %s", code, errOut)
	}
	var inv inventory.Inventory
	if err := json.Unmarshal([]byte(out), &inv); err != nil {
		t.Fatal(err)
	}
	return &inv
}

// TestTargetThatDoesNotOpenIsKept: a target that cannot be opened stays
// in the kept scan and in every report, with its reason, and the scan is
// failed, not clean.
func TestTargetThatDoesNotOpenIsKept(t *testing.T) {
	dir := smallTree(t)
	missing := filepath.Join(t.TempDir(), "share-not-mounted")
	state := filepath.Join(t.TempDir(), "state.db")
	code, _, errOut := scan(t, "-state", state, "-progress", "never", dir, missing)
	if code != exitTargetError || !strings.Contains(errOut, missing) {
		t.Fatalf("scan: exit %d, want %d; stderr:\n%s", code, exitTargetError, errOut)
	}
	inv := reportJSON(t, state)
	if inv.Status != inventory.StatusFailed {
		t.Errorf("status = %q, want failed", inv.Status)
	}
	if len(inv.Targets) != 2 || inv.Targets[0].Status != inventory.TargetOK ||
		inv.Targets[1].Name != missing || inv.Targets[1].Status != inventory.TargetFailed ||
		inv.Targets[1].Reason != inventory.ReasonNotFound || !strings.Contains(inv.Targets[1].Error, "no such file") {
		t.Errorf("targets = %+v, want %s ok and %s failed (not_found)", inv.Targets, dir, missing)
	}
	if inv.Totals.Subjects != 4 {
		t.Errorf("people = %d, want 4: a name and its reading are one person", inv.Totals.Subjects)
	}
	code, out, _ := run2(t, "report", "-state", state, "-format", "html")
	if code != exitOK || !strings.Contains(out, missing) || !strings.Contains(out, "失敗") {
		t.Errorf("the HTML report does not show the failed target %s", missing)
	}

	csvPath := filepath.Join(t.TempDir(), "ledger.csv")
	if code, _, errOut := run2(t, "report", "-state", state, "-format", "csv", "-o", csvPath); code != exitOK {
		t.Fatalf("report csv: exit %d: %s", code, errOut)
	}
	if b, _ := os.ReadFile(csvPath); !strings.Contains(string(b), missing) || !strings.Contains(string(b), "スキャン対象") {
		t.Errorf("the CSV ledger does not list the failed target %s", missing)
	}
	xlsxPath := filepath.Join(t.TempDir(), "ledger.xlsx")
	if code, _, errOut := run2(t, "report", "-state", state, "-format", "xlsx", "-o", xlsxPath); code != exitOK {
		t.Fatalf("report xlsx: exit %d: %s", code, errOut)
	}
	wb, err := excelize.OpenFile(xlsxPath)
	if err != nil {
		t.Fatal(err)
	}
	summary, _ := wb.GetRows(wb.GetSheetName(0))
	if text := fmt.Sprint(summary); !strings.Contains(text, missing) || !strings.Contains(text, "失敗") {
		t.Errorf("the workbook's first sheet does not show the failed target %s", missing)
	}
	wb.Close()

	// A scan of nothing that opens is failed too, not an empty clean one.
	code, _, _ = scan(t, "-state", state, "-progress", "never", missing)
	if code != exitTargetError {
		t.Fatalf("scan of a missing path: exit %d", code)
	}
	if inv := reportJSON(t, state); inv.Status != inventory.StatusFailed || len(inv.Targets) != 1 {
		t.Errorf("scan of a missing path: status %q, targets %+v", inv.Status, inv.Targets)
	}
	code, out, _ = run2(t, "report", "-state", state, "-format", "text")
	if code != exitOK || !strings.Contains(out, missing) {
		t.Errorf("text report of a failed scan does not name the target:\n%s", out)
	}
}

// TestStateNone: an ad-hoc scan writes its report and keeps nothing.
func TestStateNone(t *testing.T) {
	dir := smallTree(t)
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	before := countScans(t)
	code, out, errOut := scan(t, "-state", "none", "-progress", "never", "-format", "json", dir)
	if code != exitOK {
		t.Fatalf("scan -state none: exit %d: %s", code, errOut)
	}
	var inv inventory.Inventory
	if err := json.Unmarshal([]byte(out), &inv); err != nil || inv.Totals.Findings == 0 {
		t.Fatalf("scan -state none wrote no inventory (%v):\n%s", err, out)
	}
	if strings.Contains(errOut, "kept as scan") {
		t.Errorf("scan -state none says it kept the scan: %s", errOut)
	}
	if after := countScans(t); after != before {
		t.Errorf("the default store holds %d scans after an ad-hoc scan, %d before", after, before)
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("the ad-hoc store was left behind: %v", left)
	}
	// xlsx reads its findings back from the store: it works ad hoc too.
	xlsx := filepath.Join(t.TempDir(), "l.xlsx")
	if code, _, errOut := scan(t, "-state", "none", "-progress", "never", "-format", "xlsx", "-o", xlsx, dir); code != exitOK {
		t.Fatalf("scan -state none -format xlsx: exit %d: %s", code, errOut)
	}
}

// countScans counts the scans in the default store.
func countScans(t *testing.T) int {
	t.Helper()
	code, out, errOut := run2(t, "scans", "-n", "0")
	if code != exitOK {
		t.Fatalf("scans: exit %d: %s", code, errOut)
	}
	return strings.Count(out, "\n") - 1
}

// TestBadFlagIsOneLine: a mistyped flag says what is wrong and where the
// help is, without the whole usage.
func TestBadFlagIsOneLine(t *testing.T) {
	for _, args := range [][]string{{"scan", "-bogus", "."}, {"report", "-bogus"}, {"policy", "init", "-bogus"}} {
		code, _, errOut := run2(t, args...)
		lines := strings.Split(strings.TrimSpace(errOut), "\n")
		if code != exitUsage || len(lines) > 2 || !strings.Contains(errOut, "-bogus") || !strings.Contains(errOut, " -h' for usage") {
			t.Errorf("pmscan %s: exit %d, %d lines:\n%s", strings.Join(args, " "), code, len(lines), errOut)
		}
	}
	// -h still prints every flag.
	if code, _, errOut := run2(t, "scan", "-h"); code != exitOK || !strings.Contains(errOut, "-min-confidence") {
		t.Errorf("scan -h: exit %d:\n%s", code, errOut)
	}
}

// TestHelpCommand: 'pmscan help scan' prints the scan flags, on stdout.
func TestHelpCommand(t *testing.T) {
	for cmd, want := range map[string]string{"scan": "Usage: pmscan scan", "report": "Usage: pmscan report"} {
		code, out, _ := run2(t, "help", cmd)
		if code != exitOK || !strings.Contains(out, want) || !strings.Contains(out, "-state") {
			t.Errorf("help %s: exit %d:\n%s", cmd, code, out)
		}
	}
}

// TestTimeZone: report times are in the zone asked for, named.
func TestTimeZone(t *testing.T) {
	dir := smallTree(t)
	state := filepath.Join(t.TempDir(), "state.db")
	if code, _, errOut := scan(t, "-state", state, "-progress", "never", "-tz", "Asia/Tokyo", "-format", "html", "-o", filepath.Join(t.TempDir(), "r.html"), dir); code != exitOK {
		t.Fatalf("scan: %d %s", code, errOut)
	}
	for zone, want := range map[string]string{"Asia/Tokyo": " JST", "UTC": " UTC"} {
		code, out, errOut := run2(t, "report", "-state", state, "-format", "html", "-tz", zone)
		if code != exitOK || !strings.Contains(out, want) {
			t.Errorf("report -tz %s: exit %d, times not in%s: %s", zone, code, want, errOut)
		}
	}
	if code, _, errOut := run2(t, "report", "-state", state, "-tz", "Mars/Olympus"); code != exitUsage || !strings.Contains(errOut, "Mars/Olympus") {
		t.Errorf("report -tz Mars/Olympus: exit %d: %s", code, errOut)
	}
}

// TestReportFormat: 'pmscan report' with no -o never dumps HTML on a
// terminal.
func TestReportFormat(t *testing.T) {
	for _, tc := range []struct {
		format           string
		toFile, terminal bool
		want             string // "" for an error
	}{
		{"", false, true, "text"},
		{"", false, false, "html"},
		{"", true, true, "html"},
		{"html", false, true, ""},
		{"html", false, false, "html"},
		{"xlsx", false, false, ""},
		{"xlsx", true, true, "xlsx"},
		{"json", false, true, "json"},
		{"yaml", true, false, ""},
	} {
		f, err := reportFormat(tc.format, tc.toFile, tc.terminal)
		got := f.Name
		if err != nil {
			got = ""
		}
		if got != tc.want {
			t.Errorf("reportFormat(%q, file %v, terminal %v) = %q (%v), want %q", tc.format, tc.toFile, tc.terminal, got, err, tc.want)
		}
	}
}

// TestUnreadableItemStatus: a scan that reads every target but not every
// item is "unreadable items" in 'pmscan scans' and in the reports, and the
// item is listed with its reason.
func TestUnreadableItemStatus(t *testing.T) {
	t.Setenv("LANG", "C")
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	dir := smallTree(t)
	if err := os.WriteFile(filepath.Join(dir, "broken.csv.gz"), []byte("\x1f\x8b\x08\x00garbage"), 0o600); err != nil {
		t.Fatal(err)
	}
	state := filepath.Join(t.TempDir(), "state.db")
	if code, _, errOut := scan(t, "-state", state, "-progress", "never", dir); code != exitItemErrors {
		t.Fatalf("scan: exit %d, want %d: %s", code, exitItemErrors, errOut)
	}
	code, out, errOut := run2(t, "scans", "-state", state)
	if code != exitOK || !strings.Contains(out, "unreadable items") {
		t.Errorf("scans: exit %d, no 'unreadable items':\n%s%s", code, out, errOut)
	}
	inv := reportJSON(t, state)
	if inv.Status != inventory.StatusUnreadable || len(inv.Problems) != 1 || inv.Problems[0].Reason != inventory.ReasonMalformed ||
		!strings.HasSuffix(inv.Problems[0].Name, "broken.csv.gz") {
		t.Errorf("status %q, problems %+v: want unreadable_items and broken.csv.gz as malformed", inv.Status, inv.Problems)
	}
	code, out, _ = run2(t, "report", "-state", state, "-format", "html")
	if code != exitOK || !strings.Contains(out, "broken.csv.gz") || !strings.Contains(out, "壊れているか不正です") {
		t.Error("the HTML report does not list broken.csv.gz with its reason in Japanese")
	}
}

// TestConcurrencyBounded: a huge -concurrency is refused at once, rather
// than growing memory before anything is read.
func TestConcurrencyBounded(t *testing.T) {
	t.Setenv("LANG", "C")
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	dir := smallTree(t)
	for _, n := range []string{"0", "257", "99999999"} {
		code, _, errOut := scan(t, "-state", "none", "-concurrency", n, dir)
		if code != exitUsage || !strings.Contains(errOut, "-concurrency must be between 1 and 256") {
			t.Errorf("-concurrency %s: exit %d: %s", n, code, errOut)
		}
	}
	if code, _, errOut := scan(t, "-state", "none", "-progress", "never", "-concurrency", "256", dir); code != exitOK {
		t.Errorf("-concurrency 256: exit %d: %s", code, errOut)
	}
}
