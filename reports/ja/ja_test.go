package ja

import (
	"strings"
	"testing"
	"time"

	"github.com/pmscan/pmscan/reports/inventory"
)

func TestReasonText(t *testing.T) {
	for _, tc := range []struct{ code, detail, want string }{
		{inventory.ReasonNotFound, "stat /x: no such file or directory", "見つかりません（stat /x: no such file or directory）"},
		{inventory.ReasonEncrypted, "", "暗号化されています"},
		{"", "boom", "boom"}, // kept before reasons were
		{"something_new", "boom", "読み取りエラー（boom）"},
	} {
		if got := ReasonText(tc.code, tc.detail); got != tc.want {
			t.Errorf("ReasonText(%q, %q) = %q, want %q", tc.code, tc.detail, got, tc.want)
		}
	}
}

// TestEveryCodeNamed: every status, target status, reason and rule the
// inventory defines has its Japanese.
func TestEveryCodeNamed(t *testing.T) {
	for _, s := range []string{inventory.StatusComplete, inventory.StatusUnreadable, inventory.StatusFailed, inventory.StatusInterrupted} {
		if Status(s) == s {
			t.Errorf("status %q has no Japanese", s)
		}
		if (StatusNote(s) == "") != (s == inventory.StatusComplete) {
			t.Errorf("status %q: note %q", s, StatusNote(s))
		}
	}
	for _, s := range []string{inventory.TargetOK, inventory.TargetFailed, inventory.TargetInterrupted} {
		if TargetStatus(s) == s {
			t.Errorf("target status %q has no Japanese", s)
		}
	}
	reasons := []string{inventory.ReasonPermission, inventory.ReasonNotFound, inventory.ReasonUnreachable, inventory.ReasonTimeout,
		inventory.ReasonEncrypted, inventory.ReasonTooLarge, inventory.ReasonBinary, inventory.ReasonUnsupported,
		inventory.ReasonMalformed, inventory.ReasonNoText, inventory.ReasonSpecial, inventory.ReasonArchived}
	seen := map[string]string{}
	for _, r := range reasons {
		l := Reason(r)
		if l == Reason(inventory.ReasonOther) {
			t.Errorf("reason %q has no Japanese of its own", r)
		}
		if other, dup := seen[l]; dup {
			t.Errorf("reasons %q and %q read the same: %q", r, other, l)
		}
		seen[l] = r
	}
	for _, r := range []string{inventory.RuleUndeclaredItem, inventory.RuleUnmappedType, inventory.RuleUndeclaredPlace, inventory.RuleSensitive, inventory.RuleRetention} {
		if Rule(r) == r {
			t.Errorf("rule %q has no Japanese", r)
		}
		if FlagDetail(&inventory.Flag{Rule: r, Item: "氏名"}, nil, "", func(*time.Time) string { return "" }) == "" {
			t.Errorf("rule %q has no explanation", r)
		}
	}
	if FlagDetail(&inventory.Flag{Rule: "new_rule"}, nil, "", nil) != "" {
		t.Error("an unknown rule is explained")
	}
}

func TestFlagDetailRetention(t *testing.T) {
	oldest := time.Date(2015, 4, 1, 0, 0, 0, 0, time.UTC)
	h := &inventory.Holding{High: 1, Oldest: &oldest}
	f := &inventory.Flag{Rule: inventory.RuleRetention, Item: "個人番号"}
	date := func(t *time.Time) string { return t.Format(time.DateOnly) }
	if got, want := FlagDetail(f, h, "7y", date), "2015-04-01 のデータがあり、「個人番号」の保管期限（7年）を過ぎています。"; got != want {
		t.Errorf("FlagDetail = %q, want %q", got, want)
	}
	h.High, h.Low = 0, 3
	if got := FlagDetail(f, h, "7y", date); !strings.HasSuffix(got, "（確度の低い検出のみ）") {
		t.Errorf("low-confidence only: %q", got)
	}
}
