package main

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pmscan/pmscan/internal/safetext"
	"github.com/pmscan/pmscan/reports/store"
	"github.com/pmscan/pmscan/scanner"
)

// storedScan is a scan to store through the store's API: sum nil leaves
// it unfinished.
type storedScan struct {
	age time.Duration // started this long before now
	sum *scanner.Summary
}

// makeStore stores scans, IDs 1, 2, 3 … in order, each with a finding,
// in a new SQLite store, and returns its path.
func makeStore(t *testing.T, scans []storedScan) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "state.db")
	st, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, s := range scans {
		started := time.Now().Add(-s.age)
		id, err := st.BeginScan(ctx, store.ScanInfo{Targets: []string{"data", "s3://b/"}, Started: started})
		if err != nil {
			t.Fatal(err)
		}
		sink := st.Sink(ctx, id)
		if err := sink.Finding(&scanner.Finding{Type: "email", Masked: "u***@example.com"}); err != nil {
			t.Fatal(err)
		}
		if s.sum == nil {
			continue // the finding stays in the sink's batch: nothing stored
		}
		sum := *s.sum
		sum.Started, sum.Finished = started, started.Add(90*time.Second)
		if err := sink.Close(&sum, nil); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

// inEnglish runs the rest of the test in the C locale, whatever the
// developer's: these tests read pmscan's English.
func inEnglish(t *testing.T) {
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LANG", "C")
}

// column reads the named column of a table the way tabwriter aligns it,
// by row, keyed by the first column.
func column(t *testing.T, out, name string) map[string]string {
	t.Helper()
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	header := lines[0]
	start := strings.Index(header, name)
	if start < 0 {
		t.Fatalf("no %s column in\n%s", name, out)
	}
	end := len(header)
	if rest := strings.TrimLeft(header[start+len(name):], " "); rest != "" {
		end = strings.Index(header, rest)
	}
	got := map[string]string{}
	for _, l := range lines[1:] {
		id, _, _ := strings.Cut(l, " ")
		got[id] = strings.TrimSpace(l[start:min(end, len(l))])
	}
	return got
}

func TestScansStatus(t *testing.T) {
	inEnglish(t)
	both := []scanner.TargetResult{{Name: "data"}, {Name: "s3://b/"}}
	path := makeStore(t, []storedScan{
		{age: 6 * time.Hour, sum: &scanner.Summary{Targets: both, Skipped: 4}},
		{age: 5 * time.Hour, sum: &scanner.Summary{Targets: both, Failed: 2}},
		{age: 4 * time.Hour, sum: &scanner.Summary{Targets: []scanner.TargetResult{{Name: "data"}, {Name: "s3://b/", Err: errors.New("AccessDenied")}}}},
		{age: 3 * time.Hour, sum: &scanner.Summary{Targets: []scanner.TargetResult{{Name: "data", Err: scanner.ErrInterrupted}}, Interrupted: true}},
		{age: 2 * time.Hour, sum: &scanner.Summary{Targets: []scanner.TargetResult{{Name: "data"}}}}, // s3://b/ never opened
		{age: time.Hour},
	})
	code, out, errOut := run2(t, "scans", "-state", path)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	want := map[string]string{
		"1": "complete",
		"2": "unreadable items",
		"3": "failed",
		"4": "interrupted",
		"5": "failed",
		"6": "unfinished",
	}
	if got := column(t, out, "STATUS"); !reflect.DeepEqual(got, want) {
		t.Errorf("STATUS = %v, want %v; output:\n%s", got, want, out)
	}
	took := column(t, out, "TOOK")
	if took["1"] != "1m30s" || took["6"] != "-" {
		t.Errorf("TOOK = %v", took)
	}
	st, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	sc, err := st.Scan(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := column(t, out, "STARTED")["1"], sc.Info.Started.Local().Format("2006-01-02 15:04"); got != want {
		t.Errorf("STARTED = %q, want %q, in local time", got, want)
	}
	if !strings.Contains(out, "data s3://b/") {
		t.Errorf("targets not listed:\n%s", out)
	}

	code, out, _ = run2(t, "scans", "-state", path, "-n", "2")
	if got := column(t, out, "STATUS"); code != exitOK || len(got) != 2 || got["6"] != "unfinished" {
		t.Errorf("-n 2: exit %d, %v", code, got)
	}
}

func TestScansPrune(t *testing.T) {
	inEnglish(t)
	ok := &scanner.Summary{Targets: []scanner.TargetResult{{Name: "data"}, {Name: "s3://b/"}}}
	path := makeStore(t, []storedScan{
		{age: 100 * 24 * time.Hour, sum: ok},
		{age: 50 * 24 * time.Hour, sum: ok},
		{age: 10 * 24 * time.Hour, sum: ok},
		{age: 24 * time.Hour, sum: ok},
		{age: 2 * time.Hour}, // may still be running
	})
	ids := func() []string {
		t.Helper()
		code, out, errOut := run2(t, "scans", "-state", path)
		if code != exitOK {
			t.Fatalf("scans: exit %d: %s", code, errOut)
		}
		var ids []string
		for _, l := range strings.Split(strings.TrimSpace(out), "\n")[1:] {
			id, _, _ := strings.Cut(l, " ")
			ids = append(ids, id)
		}
		return ids
	}
	steps := []struct {
		args     []string
		wantOut  []string // lines, with runs of spaces as one
		wantLeft []string
	}{
		{
			args:     []string{"-older-than", "30d", "-dry-run"},
			wantOut:  []string{"would delete 1 ", "would delete 2 ", "would prune 2 scans, keep 3"},
			wantLeft: []string{"5", "4", "3", "2", "1"},
		},
		{
			args:     []string{"-older-than", "4w"},
			wantOut:  []string{"deleted 1 ", "deleted 2 ", "pruned 2 scans, kept 3"},
			wantLeft: []string{"5", "4", "3"},
		},
		{
			args:     []string{"-keep", "1"},
			wantOut:  []string{"deleted 3 ", "pruned 1 scan, kept 2"},
			wantLeft: []string{"5", "4"},
		},
		{
			args:     []string{"-keep", "1", "-older-than", "36h", "-vacuum"},
			wantOut:  []string{"pruned 0 scans, kept 2"},
			wantLeft: []string{"5", "4"},
		},
	}
	for _, s := range steps {
		code, out, errOut := run2(t, append([]string{"scans", "prune", "-state", path}, s.args...)...)
		if code != exitOK {
			t.Fatalf("prune %q: exit %d: %s", s.args, code, errOut)
		}
		lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
		if len(lines) != len(s.wantOut) {
			t.Errorf("prune %q printed\n%s\nwant %d lines", s.args, out, len(s.wantOut))
			continue
		}
		for i, l := range lines {
			if l = strings.Join(strings.Fields(l), " "); !strings.HasPrefix(l+" ", s.wantOut[i]) {
				t.Errorf("prune %q line %d = %q, want %q…", s.args, i+1, l, s.wantOut[i])
			}
			if i < len(lines)-1 && !strings.Contains(l, " complete data s3://b/") {
				t.Errorf("prune %q line %d = %q: want the scan's status and targets", s.args, i+1, l)
			}
		}
		if left := ids(); !reflect.DeepEqual(left, s.wantLeft) {
			t.Errorf("after prune %q: scans %v, want %v", s.args, left, s.wantLeft)
		}
	}
}

func TestScansUsage(t *testing.T) {
	inEnglish(t)
	tests := []struct {
		args []string
		want string // in the first line
	}{
		{[]string{"scans", "-x"}, "pmscan scans: flag provided but not defined: -x"},
		{[]string{"scans", "-n", "many"}, `pmscan scans: invalid value "many" for flag -n`},
		{[]string{"scans", "extra"}, `pmscan scans: unexpected argument "extra"`},
		{[]string{"scans", "-n", "3", "prune"}, "prune must come before the flags"},
		{[]string{"scans", "prune"}, "pmscan scans prune: give -keep N, -older-than D or both"},
		{[]string{"scans", "prune", "-dry-run"}, "give -keep N, -older-than D or both"},
		{[]string{"scans", "prune", "-bogus"}, "pmscan scans prune: flag provided but not defined: -bogus"},
		{[]string{"scans", "prune", "-keep", "0"}, "-keep must be at least 1"},
		{[]string{"scans", "prune", "-keep", "-3"}, "-keep must be at least 1"},
		{[]string{"scans", "prune", "-older-than", "3x"}, `invalid value "3x" for flag -older-than: want a duration`},
		{[]string{"scans", "prune", "-older-than", "0d"}, "must be more than 0"},
		{[]string{"scans", "prune", "-older-than", "-1h"}, "must be more than 0"},
	}
	for _, tt := range tests {
		code, out, errOut := run2(t, tt.args...)
		lines := strings.Split(strings.TrimRight(errOut, "\n"), "\n")
		if code != exitUsage || out != "" || len(lines) != 2 || !strings.Contains(lines[0], tt.want) || lines[1] != "run 'pmscan scans -h' for usage" {
			t.Errorf("%q: exit %d, stdout %q, stderr:\n%s\nwant exit %d, a line with %q and where the usage is", tt.args, code, out, errOut, exitUsage, tt.want)
		}
	}
	for _, args := range [][]string{{"scans", "-h"}, {"scans", "prune", "-help"}} {
		code, _, errOut := run2(t, args...)
		if code != exitOK || !strings.Contains(errOut, "pmscan scans [-n N] [-state S]") ||
			!strings.Contains(errOut, "Flags of pmscan scans prune:") || !strings.Contains(errOut, "-older-than D") ||
			!strings.Contains(errOut, "unreadable items") {
			t.Errorf("%q: exit %d, usage:\n%s", args, code, errOut)
		}
	}
}

func TestScansParseAge(t *testing.T) {
	tests := []struct {
		in      string
		want    time.Duration
		wantErr bool
	}{
		{in: "36h", want: 36 * time.Hour},
		{in: "90m", want: 90 * time.Minute},
		{in: "1h30m", want: 90 * time.Minute},
		{in: "90d", want: 90 * 24 * time.Hour},
		{in: "1d", want: 24 * time.Hour},
		{in: "12w", want: 12 * 7 * 24 * time.Hour},
		{in: "", wantErr: true},
		{in: "d", wantErr: true},
		{in: "0", wantErr: true},
		{in: "0d", wantErr: true},
		{in: "-5d", wantErr: true},
		{in: "-1h", wantErr: true},
		{in: "1.5d", wantErr: true},
		{in: "3x", wantErr: true},
		{in: "90D", wantErr: true},
		{in: "1d12h", wantErr: true},
		{in: "99999999999999d", wantErr: true},
	}
	for _, tt := range tests {
		got, err := parseAge(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("parseAge(%q) = %v, %v; want %v, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

// cells splits a table line into its cells, each with the display column
// it starts at: cells are two or more spaces apart, and a cell holds at
// most single spaces (2024-01-02 15:04, data s3://b/).
func cells(line string) (text []string, cols []int) {
	for _, loc := range regexp.MustCompile(`\S+( \S+)*`).FindAllStringIndex(line, -1) {
		text = append(text, line[loc[0]:loc[1]])
		cols = append(cols, safetext.Width(line[:loc[0]]))
	}
	return text, cols
}

// TestScansInJapanese: under a Japanese locale 'pmscan scans' heads its
// table and names the statuses in Japanese, and its columns line up on
// a terminal, where a kanji takes two cells; 'pmscan scans prune' says
// what is wrong with its flags, and what it did, in Japanese too.
func TestScansInJapanese(t *testing.T) {
	both := []scanner.TargetResult{{Name: "data"}, {Name: "s3://b/"}}
	path := makeStore(t, []storedScan{
		{age: 5 * time.Hour, sum: &scanner.Summary{Targets: both}},
		{age: 4 * time.Hour, sum: &scanner.Summary{Targets: both, Failed: 2}},
		{age: 3 * time.Hour, sum: &scanner.Summary{Targets: []scanner.TargetResult{{Name: "data"}, {Name: "s3://b/", Err: errors.New("AccessDenied")}}}},
		{age: 2 * time.Hour, sum: &scanner.Summary{Targets: []scanner.TargetResult{{Name: "data", Err: scanner.ErrInterrupted}}, Interrupted: true}},
		{age: time.Hour},
	})
	ja := map[string]string{"LANG": "ja_JP.UTF-8"}

	code, out, errOut := runIn(t, ja, "scans", "-state", path)
	if code != exitOK || errOut != "" {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	header, headerCols := cells(lines[0])
	if want := []string{"ID", "開始日時", "所要時間", "状態", "対象"}; !reflect.DeepEqual(header, want) {
		t.Fatalf("header %q, want %q:\n%s", header, want, out)
	}
	wantStatus := map[string]string{"1": "完了", "2": "読み取れない項目あり", "3": "失敗", "4": "中断", "5": "未完了"}
	gotStatus := map[string]string{}
	for _, l := range lines[1:] {
		row, cols := cells(l)
		if len(row) != len(header) {
			t.Errorf("row %q: %d cells, want %d", l, len(row), len(header))
			continue
		}
		gotStatus[row[0]] = row[3]
		if !reflect.DeepEqual(cols, headerCols) {
			t.Errorf("row %q: columns start at %v, the header's at %v:\n%s", l, cols, headerCols, out)
		}
	}
	if !reflect.DeepEqual(gotStatus, wantStatus) {
		t.Errorf("状態 = %v, want %v", gotStatus, wantStatus)
	}

	// Scan 5 may still be running: the scans it may carry objects over
	// from (2, the last that read s3://b/ whole, and those after it) are
	// kept, and said to be.
	code, out, errOut = runIn(t, ja, "scans", "prune", "-state", path, "-keep", "1", "-dry-run")
	lines = strings.Split(strings.TrimRight(out, "\n"), "\n")
	if code != exitOK || errOut != "" || len(lines) != 5 {
		t.Fatalf("prune -dry-run: exit %d, stderr %q, stdout:\n%s", code, errOut, out)
	}
	_, firstCols := cells(lines[0])
	for i, l := range lines[:3] {
		row, cols := cells(l)
		label := "使用中のため保持"
		if i == 0 {
			label = "削除対象"
		}
		if want := []string{label, string(rune('1' + i))}; !reflect.DeepEqual(row[:2], want) || !reflect.DeepEqual(cols, firstCols) {
			t.Errorf("prune -dry-run line %d = %q (columns at %v), want %q… at %v", i+1, l, cols, want, firstCols)
		}
	}
	for i, want := range []string{
		"削除対象のスキャンは 1 件、残るスキャンは 4 件です（-dry-run のため何も削除していません）",
		"スキャン 2, 3 は保持しました: 実行中のスキャン 5 がそこから変更のないオブジェクトを引き継ぐ可能性があります。終了後にもう一度 prune してください",
	} {
		if lines[3+i] != want {
			t.Errorf("prune -dry-run line %d %q, want %q", 4+i, lines[3+i], want)
		}
	}

	usage := "使い方は 'pmscan scans -h' で確認できます\n"
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"-keep", "0"}, "pmscan scans prune: -keep には 1 以上を指定してください\n" + usage},
		{[]string{"-dry-run"}, "pmscan scans prune: -keep N と -older-than D のどちらか、または両方を指定してください\n" + usage},
		{[]string{"-older-than", "3x"}, "pmscan scans prune: -older-than の値 \"3x\" が正しくありません: 36h のような時間、または 90d、12w のような日数・週数を指定してください\n" + usage},
		{[]string{"-older-than", "0d"}, "pmscan scans prune: -older-than の値 \"0d\" が正しくありません: 0 より大きい値を指定してください\n" + usage},
		{[]string{"-bogus"}, "pmscan scans prune: -bogus というフラグはありません\n" + usage},
		{[]string{"-keep"}, "pmscan scans prune: -keep には値が必要です\n" + usage},
		{[]string{"-keep", "many"}, "pmscan scans prune: -keep の値 \"many\" が正しくありません: parse error\n" + usage},
	} {
		code, out, errOut := runIn(t, ja, append([]string{"scans", "prune", "-state", path}, tt.args...)...)
		if code != exitUsage || out != "" || errOut != tt.want {
			t.Errorf("prune %q: exit %d, stdout %q, stderr %q; want exit %d, %q", tt.args, code, out, errOut, exitUsage, tt.want)
		}
	}
	code, out, errOut = runIn(t, ja, "scans", "-n", "3", "prune")
	if want := "pmscan scans: prune はフラグより前に指定してください\n" + usage; code != exitUsage || out != "" || errOut != want {
		t.Errorf("scans -n 3 prune: exit %d, stdout %q, stderr %q; want exit %d, %q", code, out, errOut, exitUsage, want)
	}
	code, _, errOut = runIn(t, ja, "scans", "prune", "-h")
	for _, w := range []string{"使い方:", "「状態」の列", "読み取れない項目あり", "pmscan scans prune のフラグ:", "-older-than D", "日数・週数"} {
		if code != exitOK || !strings.Contains(errOut, w) {
			t.Errorf("scans prune -h: exit %d, no %q in\n%s", code, w, errOut)
		}
	}
}
