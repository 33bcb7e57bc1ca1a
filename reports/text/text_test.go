package text

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/language"

	"github.com/pmscan/pmscan/internal/safetext"
	"github.com/pmscan/pmscan/reports/inventory"
)

func TestHeadline(t *testing.T) {
	start := time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)
	inv := &inventory.Inventory{Started: start, Finished: start.Add(2500 * time.Millisecond),
		Totals:  inventory.Totals{Objects: 1, Bytes: 2048, Rows: 3, Findings: 1, Skipped: 2, Failed: 1},
		Targets: []inventory.Target{{Name: "a"}, {Name: "b", Error: "connection refused"}}}
	want := "scanned 1 object (2.0 KiB, 3 rows) in 2.5s: 1 finding, 2 skipped, 1 error, 1 target failed"
	if got := Headline(inv, language.English); got != want {
		t.Errorf("Headline = %q\nwant %q", got, want)
	}
	inv.Interrupted = true
	if got := Headline(inv, language.English); !strings.HasSuffix(got, "1 error (interrupted: results are partial)") {
		t.Errorf("interrupted: %q", got)
	}
}

func TestProblemWhere(t *testing.T) {
	for _, tt := range []struct {
		p    inventory.Problem
		want string
	}{
		{inventory.Problem{Place: inventory.Place{Name: "data/a.png"}}, "data/a.png"},
		{inventory.Problem{Place: inventory.Place{Name: "a.jsonl"}, Position: "line 12"}, "a.jsonl line 12"},
		{inventory.Problem{Place: inventory.Place{Name: "postgres://db:5432/crm/public.t", Column: "profile"}, Position: `row {"id":3}`},
			`postgres://db:5432/crm/public.t row {"id":3} [profile]`},
	} {
		if got := ProblemWhere(tt.p); got != tt.want {
			t.Errorf("ProblemWhere = %q, want %q", got, tt.want)
		}
	}
}

// TestBounded: the summary lists the first places, columns and problems
// and counts the rest.
func TestBounded(t *testing.T) {
	inv := &inventory.Inventory{Policy: "built-in", Totals: inventory.Totals{Findings: 250, Failed: 70}}
	for i := range 125 {
		inv.Places = append(inv.Places, inventory.PlaceCount{Store: "file", Name: fmt.Sprintf("f%03d.txt", i), Findings: 2, ByType: map[string]int64{"email": 2}})
	}
	for i := range 70 {
		inv.Problems = append(inv.Problems, inventory.Problem{Place: inventory.Place{Name: fmt.Sprintf("bad%02d.csv", i)}, Error: "open: permission denied"})
	}
	for i := range 205 {
		inv.Columns = append(inv.Columns, inventory.ColumnVerdict{Place: "mysql://db/crm/t", Column: fmt.Sprintf("c%03d", i), Type: "blob", Skipped: "binary"})
	}
	var b bytes.Buffer
	if err := Write(&b, inv, language.Und); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if !strings.Contains(out, "\n  mysql://db/crm/t [c199]  blob  -       not read  binary\n  (5 more columns; -columns FILE writes them all)\n") {
		t.Errorf("columns not bounded to 200 with the rest counted below the table:\n%s", out)
	}
	if !regexp.MustCompile(`\n  \(25 more\) +50 +email 50\n`).MatchString(out) || !strings.Contains(out, "f099.txt") || strings.Contains(out, "f100.txt") {
		t.Errorf("places not bounded to 100 with the rest counted:\n%s", out)
	}
	if !strings.Contains(out, "bad49.csv") || strings.Contains(out, "bad50.csv") || !strings.Contains(out, "  (20 more)\n") {
		t.Errorf("problems not bounded to 50 with the rest counted:\n%s", out)
	}
}

func TestWriteTableAlignsFullWidth(t *testing.T) {
	var b strings.Builder
	safetext.WriteTable(&b, "  ", [][]string{{"ITEM", "N"}, {"電話番号", "1"}, {"email", "22"}, {"ﾃﾞﾝﾜ", "3"}})
	want := "  ITEM      N\n  電話番号  1\n  email     22\n  ﾃﾞﾝﾜ      3\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

// TestTablesAlignJapanese: in every table, in either language, each
// column starts at the same display column in every row, though paths,
// column names and the Japanese headers hold full-width characters that
// take two terminal cells each.
func TestTablesAlignJapanese(t *testing.T) {
	inv := &inventory.Inventory{Policy: "built-in", Totals: inventory.Totals{Findings: 9},
		Types: []inventory.TypeCount{{Type: "phone", Findings: 5, High: 5, Examples: []string{"090-****-5678"}},
			{Type: "email", Findings: 4, Medium: 4}},
		Places: []inventory.PlaceCount{
			{Store: "file", Name: "顧客/名簿.csv", Encoding: "Shift_JIS", Findings: 5, ByType: map[string]int64{"phone": 5}},
			{Store: "file", Name: "data/customers.csv", Encoding: "UTF-8", Findings: 3, ByType: map[string]int64{"email": 3}},
			{Store: "file", Name: "ﾒﾓ.txt", Encoding: "UTF-8", Findings: 1, ByType: map[string]int64{"email": 1}},
		},
		Columns: []inventory.ColumnVerdict{
			{Place: "postgres://db/crm/public.顧客", Column: "電話番号", Type: "text", Values: 10, Matched: map[string]int64{"phone": 10}, Dominant: "phone"},
			{Place: "postgres://db/crm/public.customers", Column: "email", Type: "varchar", Values: 4, Matched: map[string]int64{"email": 4}, Dominant: "email"},
			{Place: "postgres://db/crm/public.顧客", Column: "写真", Type: "bytea", Skipped: "binary"},
		},
	}
	type table struct {
		section string
		rows    [][]string // the header, then each row's cells to find in order
	}
	for _, lang := range []struct {
		tag    language.Tag
		tables []table
	}{
		{language.English, []table{
			{"Findings by type", [][]string{{"TYPE", "FOUND", "HIGH"}, {"phone", "5", "5"}, {"email", "4", "0"}}},
			{"Findings by file", [][]string{{"WHERE", "ENCODING", "FOUND", "TYPES"},
				{"顧客/名簿.csv", "Shift_JIS", "5", "phone"}, {"data/customers.csv", "UTF-8", "3", "email"}, {"ﾒﾓ.txt", "UTF-8", "1", "email"}}},
			{"Columns", [][]string{{"COLUMN", "TYPE", "VALUES", "VERDICT"},
				{"[電話番号]", "text", "10", "phone"}, {"[email]", "varchar", "4", "email"}, {"[写真]", "bytea", "-", "not read"}}},
		}},
		// The Japanese headers are full-width themselves.
		{language.Japanese, []table{
			{"種別ごとの検出", [][]string{{"種別", "検出数", "確度：高"}, {"phone", "5", "5"}, {"email", "4", "0"}}},
			{"ファイル・オブジェクト・テーブルごとの検出", [][]string{{"場所", "文字コード", "検出数", "種別"},
				{"顧客/名簿.csv", "Shift_JIS", "5", "phone"}, {"data/customers.csv", "UTF-8", "3", "email"}, {"ﾒﾓ.txt", "UTF-8", "1", "email"}}},
			{"列ごとの判定", [][]string{{"列", "型", "値の数", "判定"},
				{"[電話番号]", "text", "10", "phone"}, {"[email]", "varchar", "4", "email"}, {"[写真]", "bytea", "-", "読み取らず"}}},
		}},
	} {
		var b bytes.Buffer
		if err := Write(&b, inv, lang.tag); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		for _, tt := range lang.tables {
			lines := sectionLines(out, tt.section)
			if len(lines) < len(tt.rows) {
				t.Errorf("%s: %s: %d lines, want %d:\n%s", lang.tag, tt.section, len(lines), len(tt.rows), out)
				continue
			}
			want := cellStarts(t, lines[0], tt.rows[0])
			for i, cells := range tt.rows[1:] {
				if got := cellStarts(t, lines[i+1], cells); fmt.Sprint(got[1:]) != fmt.Sprint(want[1:]) {
					t.Errorf("%s: %s: row %q: columns start at %v, header's at %v:\n%s", lang.tag, tt.section, lines[i+1], got, want, out)
				}
			}
		}
	}
}

// sectionLines returns the lines of the table after the heading that
// starts with title, up to the next blank line.
func sectionLines(out, title string) []string {
	_, after, ok := strings.Cut(out, "\n"+title)
	if !ok {
		return nil
	}
	_, table, _ := strings.Cut(after, "\n")
	table, _, _ = strings.Cut(table, "\n\n")
	return strings.Split(strings.TrimRight(table, "\n"), "\n")
}

// cellStarts finds cells in line, in order, and returns the display column
// each starts at.
func cellStarts(t *testing.T, line string, cells []string) []int {
	t.Helper()
	var starts []int
	from := 0
	for _, c := range cells {
		i := strings.Index(line[from:], c)
		if i < 0 {
			t.Fatalf("%q not in %q after byte %d", c, line, from)
		}
		starts = append(starts, safetext.Width(line[:from+i]))
		from += i + len(c)
	}
	return starts
}
