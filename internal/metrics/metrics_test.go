package metrics

import (
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/pmscan/pmscan/reports/inventory"
)

func scrape(t *testing.T, m *Metrics) string {
	t.Helper()
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	return rec.Body.String()
}

func inv(status string, flags ...inventory.Flag) *inventory.Inventory {
	return &inventory.Inventory{Status: status,
		Totals:  inventory.Totals{Objects: 10, Rows: 500, Bytes: 4096, Findings: 7, Skipped: 1, Failed: 2},
		Changes: &inventory.Changes{Read: 3, Carried: 7},
		Types:   []inventory.TypeCount{{Type: "email", Findings: 5, High: 4, Medium: 1, Examples: []string{"t***@example.jp"}}, {Type: "sensitive/medical_history", Findings: 2, Low: 2}},
		Flags:   flags}
}

// TestFinished: what a scan's end puts in the metrics, and what it never
// does: examples, places.
func TestFinished(t *testing.T) {
	m := New("v1.2.3")
	m.Target("crm")
	m.Started("crm")
	flag := inventory.Flag{Severity: inventory.SeverityHigh, Rule: "undeclared_item", Item: "要配慮個人情報", Place: inventory.Place{Store: "postgres", Name: "postgres://db/public.patients", Column: "notes"}}
	m.Finished("crm", Scan{Status: inventory.StatusComplete, Duration: 90 * time.Second, Finished: time.Unix(1_800_000_000, 0), Inventory: inv(inventory.StatusComplete, flag, flag)})
	text := scrape(t, m)
	for _, want := range []string{
		`pmscan_scans_started_total{target="crm"} 1`,
		`pmscan_scans_finished_total{status="complete",target="crm"} 1`,
		`pmscan_scans_running{target="crm"} 0`,
		`pmscan_scans_failed_total{target="crm"} 0`,
		`pmscan_objects_read_total{target="crm"} 3`,
		`pmscan_objects_carried_total{target="crm"} 7`,
		`pmscan_rows_read_total{target="crm"} 500`,
		`pmscan_findings{confidence="high",target="crm",type="email"} 4`,
		`pmscan_findings{confidence="low",target="crm",type="sensitive/medical_history"} 2`,
		`pmscan_problems{kind="failed",target="crm"} 2`,
		`pmscan_conformance_flags{rule="undeclared_item",severity="high",target="crm"} 2`,
		`pmscan_scan_duration_seconds_count{status="complete",target="crm"} 1`,
		`pmscan_last_success_timestamp_seconds{target="crm"} 1.8e+09`,
		`pmscan_build_info{version="v1.2.3"} 1`,
	} {
		if !strings.Contains(text, want+"\n") {
			t.Errorf("no %s", want)
		}
	}
	for _, never := range []string{"example.jp", "patients", "notes", "要配慮"} {
		if strings.Contains(text, never) {
			t.Errorf("the metrics hold %q", never)
		}
	}

	// An interrupted scan counts as ended and read, but its partial
	// findings and flags do not replace the complete scan's.
	m.Started("crm")
	m.Finished("crm", Scan{Status: inventory.StatusInterrupted, Duration: time.Second, Finished: time.Unix(1_800_000_100, 0), Inventory: inv(inventory.StatusInterrupted)})
	text = scrape(t, m)
	for _, want := range []string{
		`pmscan_scans_finished_total{status="interrupted",target="crm"} 1`,
		`pmscan_conformance_flags{rule="undeclared_item",severity="high",target="crm"} 2`,
		`pmscan_last_success_timestamp_seconds{target="crm"} 1.8e+09`,
		`pmscan_last_finish_timestamp_seconds{target="crm"} 1.8000001e+09`,
	} {
		if !strings.Contains(text, want+"\n") {
			t.Errorf("after an interrupted scan: no %s", want)
		}
	}
	// A complete scan without flags clears them.
	m.Started("crm")
	m.Finished("crm", Scan{Status: inventory.StatusComplete, Duration: time.Second, Finished: time.Unix(1_800_000_200, 0), Inventory: inv(inventory.StatusComplete)})
	if text = scrape(t, m); strings.Contains(text, "pmscan_conformance_flags{") {
		t.Errorf("flags resolved are still reported")
	}
	// A scan that could not begin: failed, without an inventory.
	m.Started("crm")
	m.Finished("crm", Scan{Status: inventory.StatusFailed, Failed: true, Finished: time.Unix(1_800_000_300, 0)})
	if text = scrape(t, m); !strings.Contains(text, `pmscan_scans_failed_total{target="crm"} 1`+"\n") {
		t.Errorf("a failed scan is not counted")
	}
}
