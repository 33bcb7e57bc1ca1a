package reports

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/pmscan/pmscan/internal/testkit/golden"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/scanner"
)

// feed sends a fixed scan's results to r: three files, findings of several
// types, a skipped file, an unreadable one and a failed target.
func feed(t *testing.T, r Report) {
	t.Helper()
	at := func(path string, line int64, col, enc string) connectors.Location {
		return connectors.Location{Store: "file", Path: path, Line: line, Column: col, Encoding: enc}
	}
	findings := []scanner.Finding{
		{Type: "phone", Confidence: detectors.High, Reasons: []string{"fixed-line number plan", "column name matches 電話"}, Location: at("data/customers.csv", 2, "電話番号", "cp932"), Masked: "03-****-1211"},
		{Type: "phone", Confidence: detectors.Medium, Reasons: []string{"mobile number plan"}, Location: at("data/customers.csv", 3, "電話番号", "cp932"), Masked: "090****5678"},
		{Type: "my_number", Confidence: detectors.High, Reasons: []string{"check digit passed", "column name matches 個人番号"}, Location: at("data/customers.csv", 3, "個人番号", "cp932"), Masked: "********9018"},
		{Type: "email", Confidence: detectors.High, Reasons: []string{"well-formed address"}, Location: at("data/contacts.jsonl", 7, "contact.email", "utf-8"), Masked: "t***@example.co.jp"},
		{Type: "my_number", Confidence: detectors.Low, Reasons: []string{"check digit passed", "no My Number keyword nearby"}, Location: at("notes/memo.txt", 12, "", "utf-8"), Masked: "****-****-9018"},
		{Type: "sensitive", Kind: "medical_history", Confidence: detectors.High, Reasons: []string{"medical history term", "marker of the kind nearby"}, Location: at("notes/memo.txt", 14, "", "utf-8"), Masked: "***"},
	}
	for i := range findings {
		if err := r.Finding(&findings[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := r.Object(at("data/customers.csv", 0, "", "cp932"), connectors.ObjectStats{Bytes: 1200, Format: "csv", Encoding: "cp932"}); err != nil {
		t.Fatal(err)
	}
	problems := []scanner.Problem{
		{Location: at("data/logo.png", 0, "", ""), Err: connectors.Skip("binary content (png image)"), Skipped: true},
		{Location: at("data/locked.csv", 0, "", ""), Err: errors.New("open: permission denied")},
	}
	for _, p := range problems {
		if err := r.Problem(p); err != nil {
			t.Fatal(err)
		}
	}
	start := time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)
	sum := &scanner.Summary{
		Started: start, Finished: start.Add(1500 * time.Millisecond),
		Targets: []scanner.TargetResult{{Name: "data"}, {Name: "notes"}, {Name: "gone", Err: errors.New("open target: stat gone: no such file or directory")}},
		Objects: 3, Bytes: 3 << 20, Records: 100, Skipped: 1, Failed: 1,
		Findings: 6, ByType: map[string]int64{"phone": 2, "my_number": 2, "email": 1, "sensitive": 1},
	}
	if err := r.Close(sum); err != nil {
		t.Fatal(err)
	}
}

// TestGolden renders each fixed scan as the text summary and as JSON lines
// (with problems on their own stream, and column verdicts where the scan
// has columns) and compares them with the golden files.
func TestGolden(t *testing.T) {
	scans := []struct {
		text, jsonl, columns string // golden names; jsonl also names the .stderr file
		feed                 func(*testing.T, Report)
	}{
		{text: "summary.txt", jsonl: "findings", feed: feed},
		{text: "database.txt", jsonl: "database", columns: "database-columns.jsonl", feed: feedDatabase},
		{text: "s3.txt", jsonl: "s3", feed: feedS3},
	}
	for _, sc := range scans {
		t.Run(sc.jsonl, func(t *testing.T) {
			var text bytes.Buffer
			sc.feed(t, NewText(&text))
			golden.Check(t, sc.text, text.Bytes())

			var out, problems, columns bytes.Buffer
			var r Report = NewJSONL(&out, &problems)
			if sc.columns != "" {
				r = WithColumns(r, &columns)
			}
			sc.feed(t, r)
			golden.Check(t, sc.jsonl+".jsonl", out.Bytes())
			golden.Check(t, sc.jsonl+".stderr", problems.Bytes())
			if sc.columns != "" {
				golden.Check(t, sc.columns, columns.Bytes())
			}
		})
	}
}

func TestTextListsBoundedFiles(t *testing.T) {
	var out bytes.Buffer
	r := NewText(&out)
	for i := 0; i < maxFiles+25; i++ {
		for j := 0; j < 2; j++ {
			f := scanner.Finding{Type: "email", Confidence: detectors.High, Location: connectors.Location{Store: "file", Path: fmt.Sprintf("f%03d.txt", i)}, Masked: "a***@example.com"}
			if err := r.Finding(&f); err != nil {
				t.Fatal(err)
			}
		}
	}
	if len(r.files) != maxFiles || r.extraN != 25 || r.extra.total != 50 {
		t.Fatalf("files %d, extra %d files with %d findings; want %d, 25, 50", len(r.files), r.extraN, r.extra.total, maxFiles)
	}
	if err := r.Close(&scanner.Summary{Findings: int64(2 * (maxFiles + 25))}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(out.Bytes(), []byte("(25 more)")) {
		t.Errorf("summary does not count the files past the limit:\n%s", out.String())
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
