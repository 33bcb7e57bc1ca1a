package ledger

import (
	"bytes"
	"html"
	"strings"
	"testing"
	"time"

	"github.com/pmscan/pmscan/reports/inventory"
)

// TestHTMLForAnAuditor: the page says how the scan ended and why, lists
// what was not read with its reason in Japanese, shows masked examples
// per holding, carries no English sentences from the inventory, and
// writes its times in the reader's zone.
func TestHTMLForAnAuditor(t *testing.T) {
	inv, _ := fixture(t)
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := WriteHTML(&out, inv, Options{Zone: tokyo}); err != nil {
		t.Fatal(err)
	}
	s := html.UnescapeString(strings.ReplaceAll(out.String(), "<wbr>", ""))
	want := []string{
		`data-status="failed"`, "失敗（読み取れなかった対象あり）",
		"接続できません（connect: dial tcp 192.0.2.10:3306: connection refused）",
		"読み取れなかった項目", "テキストではありません", "読み取り権限がありません", "open: permission denied",
		"推定人数の求め方", "2026-11-20 10:00:00 JST", "Asia/Tokyo（UTC+09:00）", "例（伏せ字）",
	}
	for _, p := range inv.Problems {
		want = append(want, p.Name)
	}
	for _, h := range inv.Holdings {
		want = append(want, h.Examples...)
	}
	for _, w := range want {
		if !strings.Contains(s, w) {
			t.Errorf("the page lacks %q", w)
		}
	}
	for _, f := range inv.Flags {
		if strings.Contains(s, f.Message) {
			t.Errorf("the page carries the English flag message %q", f.Message)
		}
	}
	if strings.Contains(s, " UTC ") || strings.Contains(s, "すべて UTC") {
		t.Error("the page still writes times in UTC")
	}
}

// TestHTMLStatus: each way a scan can end reads differently at the top.
func TestHTMLStatus(t *testing.T) {
	for status, want := range map[string]string{
		inventory.StatusComplete:    "スキャンの状態：完了",
		inventory.StatusUnreadable:  "読み取れなかった項目あり",
		inventory.StatusFailed:      "読み取れなかった対象あり",
		inventory.StatusInterrupted: "中断",
	} {
		inv := &inventory.Inventory{SchemaVersion: inventory.SchemaVersion, Status: status, Started: time.Unix(0, 0), Finished: time.Unix(1, 0)}
		var out bytes.Buffer
		if err := WriteHTML(&out, inv, utc); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out.String(), want) || !strings.Contains(out.String(), `data-status="`+status+`"`) {
			t.Errorf("status %s: the page does not say %q", status, want)
		}
	}
}
