package text

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pmscan/pmscan/reports/inventory"
)

func TestHeadline(t *testing.T) {
	start := time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)
	inv := &inventory.Inventory{Started: start, Finished: start.Add(2500 * time.Millisecond),
		Totals:  inventory.Totals{Objects: 1, Bytes: 2048, Rows: 3, Findings: 1, Skipped: 2, Failed: 1},
		Targets: []inventory.Target{{Name: "a"}, {Name: "b", Error: "connection refused"}}}
	want := "scanned 1 object (2.0 KiB, 3 rows) in 2.5s: 1 finding, 2 skipped, 1 error, 1 target failed"
	if got := Headline(inv); got != want {
		t.Errorf("Headline = %q\nwant %q", got, want)
	}
	inv.Interrupted = true
	if got := Headline(inv); !strings.HasSuffix(got, "1 error (interrupted: results are partial)") {
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
	var b bytes.Buffer
	if err := Write(&b, inv); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if !regexp.MustCompile(`\n  \(25 more\) +50 +email 50\n`).MatchString(out) || !strings.Contains(out, "f099.txt") || strings.Contains(out, "f100.txt") {
		t.Errorf("places not bounded to 100 with the rest counted:\n%s", out)
	}
	if !strings.Contains(out, "bad49.csv") || strings.Contains(out, "bad50.csv") || !strings.Contains(out, "  (20 more)\n") {
		t.Errorf("problems not bounded to 50 with the rest counted:\n%s", out)
	}
}

func TestWriteTableAlignsFullWidth(t *testing.T) {
	var b strings.Builder
	writeTable(&b, "  ", [][]string{{"ITEM", "N"}, {"電話番号", "1"}, {"email", "22"}, {"ﾃﾞﾝﾜ", "3"}})
	want := "  ITEM      N\n  電話番号  1\n  email     22\n  ﾃﾞﾝﾜ      3\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}
