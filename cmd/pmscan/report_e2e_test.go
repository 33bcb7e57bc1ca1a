package main

import (
	"context"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/pmscan/pmscan/internal/testkit/dbtest"
	"github.com/pmscan/pmscan/reports/inventory"
)

// TestScanKeepsAndReports: a scan is kept in the state store, listed by
// 'pmscan scans' and rendered by 'pmscan report' in every format, from an
// SQLite file and from PostgreSQL.
func TestScanKeepsAndReports(t *testing.T) {
	stores := map[string]string{"sqlite": filepath.Join(t.TempDir(), "state.db")}
	pg := dbtest.Postgres(t)
	dbtest.ExecPostgres(t, pg, "DROP SCHEMA IF EXISTS pmscan_clistate CASCADE", "CREATE SCHEMA pmscan_clistate")
	t.Cleanup(func() { pg.Exec(context.Background(), "DROP SCHEMA IF EXISTS pmscan_clistate CASCADE") })
	u, err := url.Parse(dbtest.PostgresURL())
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", "pmscan_clistate")
	u.RawQuery = q.Encode()
	stores["postgres"] = u.String()

	for name, state := range stores {
		t.Run(name, func(t *testing.T) {
			code, _, errOut := scan(t, "-state", state, "-progress", "never", demoDir)
			if code != exitOK || !strings.Contains(errOut, "kept as scan 1") {
				t.Fatalf("scan: exit %d, stderr:\n%s", code, errOut)
			}
			code, out, errOut := run2(t, "scans", "-state", state)
			if code != exitOK || !strings.Contains(out, "testdata/demo") {
				t.Fatalf("scans: exit %d\n%s%s", code, out, errOut)
			}

			code, out, errOut = run2(t, "report", "-state", state, "-format", "json")
			if code != exitOK {
				t.Fatalf("report json: exit %d: %s", code, errOut)
			}
			var inv inventory.Inventory
			if err := json.Unmarshal([]byte(out), &inv); err != nil {
				t.Fatalf("report json does not parse: %v", err)
			}
			if inv.Totals.Findings < 700 || len(inv.Holdings) == 0 || inv.Policy != "built-in" {
				t.Errorf("inventory: totals %+v, %d holdings, policy %q", inv.Totals, len(inv.Holdings), inv.Policy)
			}
			var myNumber *inventory.ItemSummary
			for i := range inv.Items {
				if inv.Items[i].ItemID == "my_number" {
					myNumber = &inv.Items[i]
				}
			}
			if myNumber == nil || myNumber.Distinct < 20 || myNumber.Class != "特定個人情報" {
				t.Errorf("個人番号 in the ledger: %+v", myNumber)
			}
			// 病歴 is held though the built-in policy says it is not; the
			// demo files are world-readable (0644 in a checkout).
			undeclared, public := false, 0
			for _, f := range inv.Flags {
				switch {
				case f.Rule == inventory.RuleUndeclaredItem && f.ItemID == "medical" && f.Severity == inventory.SeverityHigh:
					undeclared = true
				case f.Rule == inventory.RulePublicAccess && len(f.Readers) > 0:
					public++
				}
			}
			if !undeclared || inv.Flags[0].Severity != inventory.SeverityHigh {
				t.Errorf("flags: %+v", inv.Flags)
			}
			if mode := demoMode(t); mode&0o004 != 0 && public == 0 {
				t.Errorf("the demo files are mode %04o, but no public_access flag with its readers came back from the store", mode)
			}

			code, out, _ = run2(t, "report", "-state", state, "-scan", "1", "-format", "csv")
			if code != exitOK || !strings.HasPrefix(out, "\ufeff個人情報の項目,") {
				t.Errorf("report csv: exit %d, starts %q", code, out[:min(len(out), 40)])
			}
			html := filepath.Join(t.TempDir(), "report.html")
			if code, _, errOut := run2(t, "report", "-state", state, "-format", "html", "-o", html); code != exitOK {
				t.Fatalf("report html: exit %d: %s", code, errOut)
			}
			xlsx := filepath.Join(t.TempDir(), "ledger.xlsx")
			if code, _, errOut := run2(t, "report", "-state", state, "-format", "xlsx", "-o", xlsx); code != exitOK {
				t.Fatalf("report xlsx: exit %d: %s", code, errOut)
			}
			f, err := excelize.OpenFile(xlsx)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if sheets := f.GetSheetList(); !containsAll(sheets, "概要", "個人情報管理台帳") {
				t.Errorf("sheets %q", sheets)
			}

			if code, _, errOut := run2(t, "report", "-state", state, "-scan", "99", "-format", "json"); code != exitTargetError || !strings.Contains(errOut, "99") {
				t.Errorf("unknown scan: exit %d: %s", code, errOut)
			}
		})
	}
}

func TestReportFlagErrors(t *testing.T) {
	for _, args := range [][]string{
		{"report", "-format", "pdf"},
		{"report", "-format", "xlsx"}, // needs -o
		{"report", "extra"},
	} {
		if code, _, errOut := run2(t, args...); code != exitUsage {
			t.Errorf("%q: exit %d, want %d: %s", args, code, exitUsage, errOut)
		}
	}
	empty := filepath.Join(t.TempDir(), "empty.db")
	if code, _, errOut := run2(t, "report", "-state", empty, "-format", "json"); code != exitTargetError || !strings.Contains(errOut, "no") {
		t.Errorf("empty store: exit %d: %s", code, errOut)
	}
}

// run2 runs any pmscan command line.
func run2(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut strings.Builder
	code := run(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func containsAll(list []string, want ...string) bool {
	for _, w := range want {
		found := false
		for _, l := range list {
			found = found || l == w
		}
		if !found {
			return false
		}
	}
	return true
}

// demoMode is the mode of a demo file, as the checkout made it.
func demoMode(t *testing.T) os.FileMode {
	t.Helper()
	info, err := os.Stat(filepath.Join(demoDir, "memo.txt"))
	if err != nil {
		t.Fatal(err)
	}
	return info.Mode().Perm()
}
