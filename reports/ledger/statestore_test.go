package ledger

import (
	"bytes"
	"html"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/pmscan/pmscan/reports/inventory"
	"github.com/pmscan/pmscan/scanner"
)

// renderings renders inv in the HTML, the CSV and the XLSX summary sheet,
// as text to search, each when called.
func renderings(t *testing.T, inv *inventory.Inventory, fs []scanner.Finding) map[string]func() string {
	return map[string]func() string{
		"html": func() string {
			var out bytes.Buffer
			if err := WriteHTML(&out, inv, utc); err != nil {
				t.Fatal(err)
			}
			return html.UnescapeString(out.String())
		},
		"csv": func() string {
			var out bytes.Buffer
			if err := WriteCSV(&out, inv, utc); err != nil {
				t.Fatal(err)
			}
			return out.String()
		},
		"xlsx": func() string {
			var out bytes.Buffer
			if err := WriteXLSX(&out, inv, findingsOf(fs), utc); err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenReader(bytes.NewReader(out.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			rows, err := f.GetRows(SheetSummary)
			if err != nil {
				t.Fatal(err)
			}
			return strings.Join(slices.Concat(rows...), "\n")
		},
	}
}

// TestStateStoreLoss: a scan whose state store failed says, in the HTML,
// the CSV and the XLSX alike, what the store does not hold and where the
// spool is; a scan whose store kept all says nothing of it.
func TestStateStoreLoss(t *testing.T) {
	inv, fs := fixture(t)
	inv.StateStore = &inventory.StateStoreLoss{Store: "postgres://db.example.jp/pmscan", Failed: time.Date(2026, 12, 6, 3, 4, 5, 0, time.UTC),
		Error: "connection refused", Findings: 1234, Problems: 5, Spool: "/tmp/pmscan-spool-1.db"}
	wants := []string{"状態ストア: postgres://db.example.jp/pmscan は 2026-12-06 03:04:05", "に失敗し、復旧しませんでした", "検出結果 1234 件と問題 5 件",
		"スプール /tmp/pmscan-spool-1.db", "'pmscan scans import'"}
	render := renderings(t, inv, fs)
	everyMentions(t, render, wants)
	inv.StateStore = nil
	noneMentions(t, render, "状態ストア", "the state store of a scan it kept whole")
}

// everyMentions fails the test for each rendering that lacks a want.
func everyMentions(t *testing.T, render map[string]func() string, wants []string) {
	t.Helper()
	for name, r := range render {
		got := r()
		for _, want := range wants {
			if !strings.Contains(got, want) {
				t.Errorf("%s lacks %q", name, want)
			}
		}
	}
}

// noneMentions fails the test for each rendering that holds word, which
// it would hold only if it spoke of what.
func noneMentions(t *testing.T, render map[string]func() string, word, what string) {
	t.Helper()
	for name, r := range render {
		if strings.Contains(r(), word) {
			t.Errorf("%s speaks of %s", name, what)
		}
	}
}

// TestIncrementalAccount: an incremental scan says, in the HTML, the CSV
// and the XLSX alike, what it carried over unchanged and what it read and
// why; a full scan says nothing of it.
func TestIncrementalAccount(t *testing.T) {
	inv, fs := fixture(t)
	inv.Changes = &inventory.Changes{From: []int64{41}, Carried: 9412, CarriedTables: 3, Read: 27, ReadTables: 1,
		Reasons: map[string]int64{"changed": 18, "new": 7, "full_every": 2}}
	wants := []string{"差分スキャン: 変わっていない 9412 件（うちテーブル 3）をスキャン 41 から引き継ぎ、27 件（うちテーブル 1）を読みました",
		"（変更 18、新規 7、定期全読 2）", "すべてを読んだ場合と同じです"}
	render := renderings(t, inv, fs)
	everyMentions(t, render, wants)
	inv.Changes = nil
	noneMentions(t, render, "差分スキャン", "an incremental scan of a full one")
}
