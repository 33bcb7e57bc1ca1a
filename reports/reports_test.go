package reports

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pmscan/pmscan/internal/testkit/golden"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/detectors/all"
	"github.com/pmscan/pmscan/reports/inventory"
	"github.com/pmscan/pmscan/reports/policy"
	"github.com/pmscan/pmscan/scanner"
	"golang.org/x/text/language"
)

// feed sends a fixed scan's results to r: three files, findings of several
// types, a skipped file, an unreadable one and a failed target.
func feed(t *testing.T, r scanner.Sink) *scanner.Summary {
	t.Helper()
	objects := map[string]*connectors.Object{}
	at := func(path string, line int64, col, enc string) connectors.Location {
		o := objects[path]
		if o == nil {
			o = connectors.NewFile(path)
			o.Encoding = enc
			objects[path] = o
		}
		return connectors.Location{Object: o, Line: line, Column: col}
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
	if err := r.Object(at("data/customers.csv", 0, "", "cp932").Object, connectors.ObjectStats{Bytes: 1200, Format: "csv"}); err != nil {
		t.Fatal(err)
	}
	problems := []scanner.Problem{
		{Location: at("data/logo.png", 0, "", ""), Err: connectors.Skip("binary content (png image)"), Skipped: true, Terminal: true},
		{Location: at("data/locked.csv", 0, "", ""), Err: errors.New("open: permission denied"), Terminal: true},
		{Location: at("data/contacts.jsonl", 9, "", "utf-8"), Err: errors.New("jsonl: line 9 column 3: invalid character 'x' looking for beginning of value")},
	}
	for _, p := range problems {
		if err := r.Problem(p); err != nil {
			t.Fatal(err)
		}
	}
	start := time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)
	return &scanner.Summary{
		Started: start, Finished: start.Add(1500 * time.Millisecond),
		Targets: []scanner.TargetResult{{Name: "data"}, {Name: "notes"}, {Name: "gone", Err: errors.New("open target: stat gone: no such file or directory")}},
		Objects: 3, Bytes: 3 << 20, Records: 100, Skipped: 1, Failed: 2,
		Findings: 6, ByType: map[string]int64{"phone": 2, "my_number": 2, "email": 1, "sensitive": 1},
	}
}

// rendered is what the formats made of one fixed scan.
type rendered struct {
	inv                            *inventory.Inventory
	text, jsonl, problems, columns []byte
	textJA                         []byte // the text summary in Japanese
	json, csv, html                []byte
}

// render runs a fixed scan's results through the inventory and a JSON
// Lines stream, as pmscan scan does, then renders the inventory in every
// registered format.
func render(t *testing.T, feed func(*testing.T, scanner.Sink) *scanner.Summary, p *policy.Policy) rendered {
	t.Helper()
	var r rendered
	b := inventory.NewBuilder(p)
	var stream, problems bytes.Buffer
	jl, err := Lookup("jsonl")
	if err != nil {
		t.Fatal(err)
	}
	// The problems the stream hands on, one a line (pmscan scan says them
	// on stderr, in the user's language).
	s := jl.Stream(&stream, func(p scanner.Problem) error {
		kind := "error"
		if p.Skipped {
			kind = "skipped"
		}
		_, err := fmt.Fprintf(&problems, "%s: %s: %v\n", kind, p.Location, p.Err)
		return err
	})
	var kept []scanner.Finding
	sum := feed(t, scanner.Tee(b, s, keep{&kept}))
	if err := s.Flush(); err != nil {
		t.Fatal(err)
	}
	r.inv, r.jsonl, r.problems = b.Build(sum), stream.Bytes(), problems.Bytes()
	res := Result{Inventory: r.inv, Findings: func(yield func(scanner.Finding, error) bool) {
		for _, f := range kept {
			if !yield(f, nil) {
				return
			}
		}
	}}
	for _, f := range Formats() {
		if f.Binary {
			continue // xlsx: read back in reports/ledger
		}
		var out bytes.Buffer
		if err := f.Write(&out, res); err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		switch f.Name {
		case "text":
			r.text = out.Bytes()
			ja := res
			ja.Language = language.Japanese
			var out bytes.Buffer
			if err := f.Write(&out, ja); err != nil {
				t.Fatalf("%s in Japanese: %v", f.Name, err)
			}
			r.textJA = out.Bytes()
		case "jsonl":
			if !bytes.Equal(out.Bytes(), r.jsonl) {
				t.Errorf("jsonl from the kept findings differs from the stream:\n%s\nstream:\n%s", out.Bytes(), r.jsonl)
			}
		case "json":
			r.json = out.Bytes()
		case "csv":
			r.csv = out.Bytes()
		case "html":
			r.html = out.Bytes()
		default:
			t.Errorf("format %s is not tested", f.Name)
		}
	}
	var columns bytes.Buffer
	if err := inventory.WriteColumns(&columns, r.inv.Columns); err != nil {
		t.Fatal(err)
	}
	r.columns = columns.Bytes()
	return r
}

// keep is a sink that keeps every finding, as the state store may.
type keep struct{ findings *[]scanner.Finding }

func (k keep) Finding(f *scanner.Finding) error {
	*k.findings = append(*k.findings, *f)
	return nil
}
func (keep) Object(*connectors.Object, connectors.ObjectStats) error { return nil }
func (keep) Problem(scanner.Problem) error                           { return nil }

// TestGolden renders each fixed scan as the text summary, in English and
// in Japanese (NAME.ja.txt), and as JSON lines (with problems on their own
// stream, and column verdicts where the scan has columns) and compares
// them with the golden files.
func TestGolden(t *testing.T) {
	testPolicy, err := policy.Load("testdata/policy.yaml", all.PolicyTypes())
	if err != nil {
		t.Fatal(err)
	}
	builtIn := policy.Default(all.PolicyTypes())
	scans := []struct {
		text, jsonl, columns string // golden names; jsonl also names the .stderr file
		feed                 func(*testing.T, scanner.Sink) *scanner.Summary
		policy               *policy.Policy
	}{
		{text: "summary.txt", jsonl: "findings", feed: feed, policy: builtIn},
		{text: "database.txt", jsonl: "database", columns: "database-columns.jsonl", feed: feedDatabase, policy: builtIn},
		{text: "s3.txt", jsonl: "s3", feed: feedS3, policy: builtIn},
		{text: "s3-inventory.txt", feed: feedS3, policy: testPolicy},
	}
	for _, sc := range scans {
		t.Run(sc.text, func(t *testing.T) {
			r := render(t, sc.feed, sc.policy)
			golden.Check(t, sc.text, r.text)
			golden.Check(t, strings.TrimSuffix(sc.text, ".txt")+".ja.txt", r.textJA)
			if sc.jsonl != "" {
				golden.Check(t, sc.jsonl+".jsonl", r.jsonl)
				golden.Check(t, sc.jsonl+".stderr", r.problems)
			}
			if sc.columns != "" {
				golden.Check(t, sc.columns, r.columns)
			}
		})
	}
}

// TestTextNamesObjectsAsPolicyGlobsDo: the name the text report shows for a
// table is the name policy store globs match.
func TestTextNamesObjectsAsPolicyGlobsDo(t *testing.T) {
	r := render(t, feedDatabase, policy.Default(all.PolicyTypes()))
	name := "postgres://db.example.com:5432/crm/public.顧客"
	for _, part := range []string{"\n  " + name + "  ", "\n  " + name + " [電話番号]", "error: postgres://db.example.com:5432/crm/public.secret: read table"} {
		if !bytes.Contains(r.text, []byte(part)) {
			t.Errorf("text report lacks %q:\n%s", part, r.text)
		}
	}
	for _, h := range r.inv.Holdings {
		if h.Name != name && h.Name != "postgres://db.example.com:5432/crm/public.order_view" {
			t.Errorf("holding place %q", h.Name)
		}
	}
	if r.inv.Columns[0].Place != name {
		t.Errorf("column verdict place %q, want %q", r.inv.Columns[0].Place, name)
	}
}

func TestFormatsAreRegisteredOnce(t *testing.T) {
	var names []string
	for _, f := range Formats() {
		if f.Write == nil || f.Usage == "" {
			t.Errorf("format %q has no writer or no usage", f.Name)
		}
		names = append(names, f.Name)
	}
	want := []string{"text", "jsonl", "json", "csv", "xlsx", "html"}
	if !slices.Equal(names, want) {
		t.Errorf("formats %v, want %v", names, want)
	}
	if _, err := Lookup("pdf"); err == nil || !strings.Contains(err.Error(), "text, jsonl, json, csv, xlsx or html") {
		t.Errorf("Lookup(pdf) = %v", err)
	}
}
