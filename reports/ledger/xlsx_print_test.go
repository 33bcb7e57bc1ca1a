package ledger

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestWrappedLines(t *testing.T) {
	for _, tc := range []struct {
		text  string
		width float64
		want  int
	}{
		{"", 10, 1},
		{"abc", 10, 1},
		{"a\nb\nc", 10, 3},
		{"個人情報管理台帳です", 12, 2},                                  // five wide characters a line
		{"aaaa bbbb", 7, 2},                                    // broken at the space
		{strings.Repeat("a", 20), 11, 3},                       // a word longer than a line, broken anywhere
		{"postgres://db.example.jp:5432/crm/public.顧客", 34, 2}, // as the ledger's places
		{"共有/営業/拠点01/顧客一覧.csv\n共有/営業/拠点02/顧客一覧.csv", 34, 2},
	} {
		if got := wrappedLines(tc.text, tc.width); got != tc.want {
			t.Errorf("wrappedLines(%q, %v) = %d, want %d", tc.text, tc.width, got, tc.want)
		}
	}
}

// TestFitLines cuts text taller than a row can be, and says so.
func TestFitLines(t *testing.T) {
	var places []string
	for i := range 40 {
		places = append(places, "共有/拠点/"+strings.Repeat("x", i%3)+"顧客.csv")
	}
	for _, tc := range []struct {
		name, text string
		width      float64
		kept, note string
	}{
		{"short", "本人確認", 20, "本人確認", ""},
		{"lines", strings.Join(places, "\n"), 30, places[0] + "\n", "行は表示しきれないため省略）"},
		{"one long line", strings.Repeat("利用目的", 400), 20, "利用目的利用目的", elided},
	} {
		got := fitLines(tc.text, tc.width)
		if n := wrappedLines(got, tc.width); n > maxCellLines {
			t.Errorf("%s: %d lines, more than a row shows (%d)", tc.name, n, maxCellLines)
		}
		if !strings.HasPrefix(got, tc.kept) || !strings.HasSuffix(got, tc.note) {
			t.Errorf("%s: %q, want it to start %q and end %q", tc.name, got, tc.kept, tc.note)
		}
		if tc.note == "" && got != tc.text {
			t.Errorf("%s: %q cut to %q", tc.name, tc.text, got)
		}
	}
}

func TestHeaderText(t *testing.T) {
	if got := headerText("A&B 商事"); got != "A&&B 商事" {
		t.Errorf("headerText escapes & as %q", got)
	}
	if got := headerText(strings.Repeat("長", 300)); utf8.RuneCountInString(got) != 100 || !strings.HasSuffix(got, "…") {
		t.Errorf("a long header is %d characters", utf8.RuneCountInString(got))
	}
}

func TestFitWidth(t *testing.T) {
	for _, tc := range []struct {
		c            column
		text, number float64
		want         float64
	}{
		{column{header: "項目ID", width: 12}, 5, 0, 6.5},       // its content, with room
		{column{header: "保管場所", width: 34}, 80, 0, 34},       // at most its width: longer text wraps
		{column{header: "検出数（件）", width: 8}, 0, 7, 9},        // numbers do not wrap
		{column{header: "要配慮個人情報の有無", width: 10}, 2, 0, 9.5}, // its header on three lines
	} {
		got := fitWidth(tc.c, tc.text, tc.number)
		if got != tc.want {
			t.Errorf("fitWidth(%s, %v, %v) = %v, want %v", tc.c.header, tc.text, tc.number, got, tc.want)
		}
		if got < tc.c.width && wrappedLines(tc.c.header, got) > 3 {
			t.Errorf("%s: the header takes %d lines at %v", tc.c.header, wrappedLines(tc.c.header, got), got)
		}
	}
}
