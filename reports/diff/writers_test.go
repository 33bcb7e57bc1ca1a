package diff

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/language"

	"github.com/pmscan/pmscan/internal/testkit/golden"
	"github.com/pmscan/pmscan/reports/inventory"
)

var utc = Options{Zone: time.UTC}

// sample is a diff with something in every list.
func sample() *Diff {
	phone := hold("crm/顧客.csv", "電話番号", "phone", "電話番号", 10, 10)
	email := hold("crm/顧客.csv", "メール", "email", "メールアドレス", 4, 4)
	memo := hold("共有/memo.txt", "", "phone", "電話番号", 2, 2)
	old := hold("old/退会者.csv", "氏名", "name", "氏名", 7, 7)
	ip := hold("logs/access.log", "", "", "ip_address", 3, 3)
	mn := hold("人事/給与.csv", "個人番号", "my_number", "個人番号", 5, 5)
	mn.Class = "特定個人情報"
	grown := phone
	grown.Findings, grown.Distinct = 12, 11
	shrunk := memo
	shrunk.Findings, shrunk.Distinct = 1, 1
	memoEmail := memo
	memoEmail.ItemID, memoEmail.Item, memoEmail.Findings, memoEmail.Distinct = "email", "メールアドレス", 1, 1

	from := inv([]inventory.Holding{phone, memo, old},
		flag(inventory.RuleRetention, old, "data from 2019-04-01 is older than the 5y retention of 氏名"),
		flag(inventory.RuleUndeclaredPlace, memo, "電話番号 is held here, outside the stores the policy lists for it (crm/**)"))
	from.Started = time.Date(2026, 3, 1, 1, 0, 0, 0, time.UTC)
	from.Finished = from.Started.Add(90 * time.Second)
	from.Totals.Subjects, from.Totals.Failed = 17, 1
	to := inv([]inventory.Holding{grown, email, shrunk, memoEmail, ip, mn},
		inventory.Flag{Severity: inventory.SeverityHigh, Rule: inventory.RuleUndeclaredPlace, ItemID: "my_number", Item: "個人番号", Class: "特定個人情報",
			Place: mn.Place, Findings: 5, Message: "個人番号 is held here, outside the stores the policy lists for it (人事/マイナンバー/**)"},
		flag(inventory.RuleUnmappedType, ip, "ip_address found, but no item of the policy lists ip_address: add it to an item, or to ignore_types"),
		flag(inventory.RuleUndeclaredPlace, shrunk, "電話番号 is held here, outside the stores the policy lists for it (crm/**)"))
	to.Status = inventory.StatusUnreadable
	to.Started = time.Date(2026, 3, 8, 1, 0, 0, 0, time.UTC)
	to.Finished = to.Started.Add(95 * time.Second)
	to.Totals.Subjects, to.Totals.Failed = 21, 1
	d := Compare(from, to,
		[]inventory.Place{{Store: "file", Name: "共有/古い.xlsx"}},
		[]inventory.Place{{Store: "file", Name: "共有/ロック中.csv"}})
	d.From.Scan, d.To.Scan = 3, 4
	return d
}

func write(t *testing.T, f func(*bytes.Buffer) error) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := f(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestGolden: every writer, in both languages where it has two, against
// its golden file (rewritten with -update).
func TestGolden(t *testing.T) {
	d := sample()
	en, ja := utc, utc
	ja.Language = language.Japanese
	for name, f := range map[string]func(*bytes.Buffer) error{
		"diff.txt":         func(b *bytes.Buffer) error { return WriteText(b, d, en) },
		"diff.ja.txt":      func(b *bytes.Buffer) error { return WriteText(b, d, ja) },
		"summary.txt":      func(b *bytes.Buffer) error { return WriteSummary(b, d, en) },
		"summary.ja.txt":   func(b *bytes.Buffer) error { return WriteSummary(b, d, ja) },
		"diff.json":        func(b *bytes.Buffer) error { return WriteJSON(b, d) },
		"diff.html":        func(b *bytes.Buffer) error { return WriteHTML(b, d, utc) },
		"unchanged.txt":    func(b *bytes.Buffer) error { return WriteText(b, unchanged(), en) },
		"unchanged.ja.txt": func(b *bytes.Buffer) error { return WriteText(b, unchanged(), ja) },
		"unchanged.json":   func(b *bytes.Buffer) error { return WriteJSON(b, unchanged()) },
	} {
		t.Run(name, func(t *testing.T) { golden.Check(t, name, write(t, f)) })
	}
}

// unchanged is the diff of one scan with a later one that found the same.
func unchanged() *Diff {
	i := inv([]inventory.Holding{hold("a.csv", "電話", "phone", "電話番号", 1, 1)})
	i.Finished = time.Date(2026, 3, 1, 1, 0, 0, 0, time.UTC)
	d := Compare(i, i, nil, nil)
	d.From.Scan, d.To.Scan = 1, 2
	return d
}

// TestSummaryBounded: the block pmscan report shows lists SummaryLines
// lines and counts the rest; with nothing new it says so in one line.
func TestSummaryBounded(t *testing.T) {
	var hs []inventory.Holding
	for i := range 14 {
		hs = append(hs, hold(fmt.Sprintf("f%02d.txt", i), "", "phone", "電話番号", 1, 1))
	}
	d := Compare(inv(nil), inv(hs), nil, nil)
	d.From.Scan = 7
	out := string(write(t, func(b *bytes.Buffer) error { return WriteSummary(b, d, utc) }))
	// 15 new: the item and 14 places.
	if n := strings.Count(out, "\n  + "); n != SummaryLines {
		t.Errorf("%d lines listed, want %d:\n%s", n, SummaryLines, out)
	}
	if !strings.Contains(out, "f08.txt") || strings.Contains(out, "f09.txt") || !strings.HasSuffix(out, "\n  … and 5 more; pmscan diff shows all\n\n") {
		t.Errorf("not bounded with the rest counted:\n%s", out)
	}
	if !strings.HasPrefix(out, "New since scan 7 (finished ") {
		t.Errorf("summary starts %q", out)
	}

	// Only what is gone: nothing new.
	d = Compare(inv(hs), inv(hs[:1]), nil, nil)
	d.From.Scan = 7
	for lang, want := range map[language.Tag]string{
		language.English:  "Nothing new since scan 7 (finished 0001-01-01 00:00:00): no new item, place or conformance flag.\n\n",
		language.Japanese: "スキャン 7（0001-01-01 00:00:00 終了）以降、新たな項目・保管場所・指摘はありません。\n\n",
	} {
		opt := utc
		opt.Language = lang
		if got := string(write(t, func(b *bytes.Buffer) error { return WriteSummary(b, d, opt) })); got != want {
			t.Errorf("%v: %q, want %q", lang, got, want)
		}
	}
}

// TestJSONNeverNull: every list of the JSON is [] when empty, and the
// document has every field SCHEMA.md documents.
func TestJSONNeverNull(t *testing.T) {
	for name, d := range map[string]*Diff{"zero Diff": {}, "empty": Compare(nil, nil, nil, nil), "sample": sample()} {
		out := write(t, func(b *bytes.Buffer) error { return WriteJSON(b, d) })
		if bytes.Contains(out, []byte("null")) {
			t.Errorf("%s: null in\n%s", name, out)
		}
		var m map[string]any
		if err := json.Unmarshal(out, &m); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, k := range []string{"schema_version", "from", "to", "totals", "items", "places", "columns", "holdings", "flags", "unreadable"} {
			if _, ok := m[k]; !ok {
				t.Errorf("%s: no %q", name, k)
			}
		}
	}
	// The JSON reads back into the same Diff.
	d := sample()
	var back Diff
	if err := json.Unmarshal(write(t, func(b *bytes.Buffer) error { return WriteJSON(b, d) }), &back); err != nil {
		t.Fatal(err)
	}
	if got, want := lines(&back), lines(d); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("read back:\n%q\nwant\n%q", got, want)
	}
}

// TestHTMLSelfContained: the page loads nothing, runs nothing, wears the
// ledger's style sheet, and escapes names from the data.
func TestHTMLSelfContained(t *testing.T) {
	d := sample()
	d.Places.Appeared[0].Name = `<script>alert(1)</script>/x.csv`
	out := string(write(t, func(b *bytes.Buffer) error { return WriteHTML(b, d, utc) }))
	for _, bad := range []*regexp.Regexp{
		regexp.MustCompile(`(?i)<script`), regexp.MustCompile(`(?i)\bsrc=`), regexp.MustCompile(`(?i)<link`),
		regexp.MustCompile(`(?i)https?://`), regexp.MustCompile(`(?i)url\(`), regexp.MustCompile(`@import`),
	} {
		if m := bad.FindString(out); m != "" {
			t.Errorf("the page has %q", m)
		}
	}
	for _, want := range []string{".masthead { background: var(--accent)", "&lt;script&gt;alert(1)&lt;/<wbr>script&gt;/<wbr>x.csv",
		"default-src 'none'", "スキャン 3 → スキャン 4", `<td>メールアドレス<code class="id">email</code></td>`, "新規", "解消", "今回は失敗せず"} {
		if !strings.Contains(out, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
}

// TestTextNamesAreSafe: a name that holds control characters cannot move
// the cursor or start a line of its own.
func TestTextNamesAreSafe(t *testing.T) {
	d := sample()
	d.Places.Appeared[0].Name = "evil\x1b[2J\nname.csv"
	d.To.Targets = []string{"dir\rx"}
	for _, f := range []func(*bytes.Buffer) error{
		func(b *bytes.Buffer) error { return WriteText(b, d, utc) },
		func(b *bytes.Buffer) error { return WriteSummary(b, d, utc) },
	} {
		out := string(write(t, f))
		if strings.ContainsAny(out, "\x1b\r") || !strings.Contains(out, `evil\x1b[2J\nname.csv`) {
			t.Errorf("a name's control characters reached the text:\n%q", out)
		}
	}
}
