package text

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/pmscan/pmscan/internal/safetext"
	"github.com/pmscan/pmscan/reports/inventory"
)

// forged is a file name that, printed raw, would clear the screen and
// forge a report line of its own.
const forged = "a\x1b[2Jb\rFAKE LINE\n.csv"

// controlInventory names forged, or clean in its stead, wherever the text
// report prints a name, a column, an error quoting them, a policy file or
// an example value.
func controlInventory(name string) *inventory.Inventory {
	start := time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)
	col := "e\x1b]0;owned\amail\t" + name
	if name != forged {
		col = "e]0;ownedmail " + name
	}
	place := inventory.Place{Store: "file", Name: name, Column: col}
	return &inventory.Inventory{
		Started: start, Finished: start.Add(time.Second),
		Policy: "/etc/" + name + ".toml",
		Totals: inventory.Totals{Objects: 2, Bytes: 100, Findings: 3, Skipped: 1, Failed: 1, Places: 1, Subjects: 1},
		Flags: []inventory.Flag{{Severity: inventory.SeverityHigh, Rule: inventory.RuleUndeclaredPlace, ItemID: "x", Item: "メールアドレス " + name,
			Place: place, Findings: 3, Message: "held in " + name}},
		Items:  []inventory.ItemSummary{{Item: "メールアドレス " + name, Class: "個人情報", Places: 1, Findings: 3, Distinct: 1}},
		Types:  []inventory.TypeCount{{Type: "email", Findings: 3, High: 3, Examples: []string{"t***@example.com", name + "@example.com", "\u202egnp.exe"}}},
		Places: []inventory.PlaceCount{{Store: "file", Name: name, Encoding: "utf-8", Findings: 3, ByType: map[string]int64{"email": 3}}},
		Columns: []inventory.ColumnVerdict{
			{Place: "postgres://db/crm/" + name, Column: col, Type: "text", Values: 10, Matched: map[string]int64{"email": 3}},
			{Place: "postgres://db/crm/" + name, Column: col + "2", Type: "bytea", Skipped: "binary"},
		},
		Problems: []inventory.Problem{
			{Place: place, Position: "line 2", Reason: "read", Error: "open " + name + ": permission denied"},
			{Place: inventory.Place{Store: "file", Name: name + ".png"}, Skipped: true, Reason: "binary", Error: "binary content"},
		},
		Targets: []inventory.Target{
			{Name: "/data/" + name, Status: inventory.TargetFailed, Reason: "open", Error: "open /data/" + name + ": no such file"},
			{Name: "s3://b/" + name, Status: inventory.TargetInterrupted},
		},
	}
}

// TestControlCharactersEscaped: a name holding control characters is
// printed escaped in both languages, so it neither reaches the terminal
// raw nor starts a line of the report.
func TestControlCharactersEscaped(t *testing.T) {
	for _, lang := range []language.Tag{language.English, language.Japanese} {
		t.Run(lang.String(), func(t *testing.T) {
			render := func(inv *inventory.Inventory) string {
				var b strings.Builder
				if err := Write(&b, inv, lang); err != nil {
					t.Fatal(err)
				}
				return b.String()
			}
			out := render(controlInventory(forged))
			clean := render(controlInventory("abFAKE LINE.csv"))
			for i, r := range out {
				if r != '\n' && (r < 0x20 || r >= 0x7f && r < 0xa0 || r >= 0x202a && r <= 0x202e || r == 0x2028 || r == 0x2029) {
					t.Errorf("raw %U at byte %d:\n%s", r, i, out)
				}
			}
			if !utf8.ValidString(out) {
				t.Errorf("not valid UTF-8:\n%s", out)
			}
			if got, want := strings.Count(out, "\n"), strings.Count(clean, "\n"); got != want {
				t.Errorf("%d lines, want %d as with a clean name:\n%s", got, want, out)
			}
			for _, line := range strings.Split(out, "\n") {
				if strings.HasPrefix(strings.TrimSpace(line), "FAKE LINE") {
					t.Errorf("forged line %q in:\n%s", line, out)
				}
			}
			if n := strings.Count(out, `a\x1b[2Jb\rFAKE LINE\n.csv`); n < 8 {
				t.Errorf("the name shown escaped %d times, want at least 8:\n%s", n, out)
			}
			for _, want := range []string{`\u202egnp.exe`, `e\x1b]0;owned\amail\ta`} {
				if !strings.Contains(out, want) {
					t.Errorf("no %s in:\n%s", want, out)
				}
			}
			h := Headline(controlInventory(forged), lang)
			if strings.ContainsAny(h, "\x1b\r\n") {
				t.Errorf("Headline %q", h)
			}
		})
	}
}

// TestTableEscapesCells: a control character in a cell neither reaches
// the terminal nor breaks the alignment; its escape counts as the columns
// it takes.
func TestTableEscapesCells(t *testing.T) {
	var b strings.Builder
	safetext.WriteTable(&b, "  ", [][]string{{"WHERE", "N"}, {"a\tb", "1"}, {"顧客\r", "2"}})
	want := "  WHERE   N\n  a\\tb    1\n  顧客\\r  2\n"
	if b.String() != want {
		t.Errorf("got\n%q\nwant\n%q", b.String(), want)
	}
}
