package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/internal/testkit/synthetic"
	"github.com/pmscan/pmscan/scanner"
)

const demoDir = "../../testdata/demo"

// scan runs pmscan scan in-process. A scan without -state keeps itself in
// the default store that every test shares, so it reads everything
// (-full): what another test scanned before must not make it
// incremental.
func scan(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	if !slices.ContainsFunc(args, func(a string) bool { return a == "-state" || strings.HasPrefix(a, "-state=") || a == "-resume" }) {
		args = append([]string{"-full"}, args...)
	}
	var out, errOut bytes.Buffer
	code = run(context.Background(), append([]string{"scan"}, args...), &out, &errOut)
	return code, out.String(), errOut.String()
}

func parseFindings(t *testing.T, jsonl string) []scanner.Finding {
	t.Helper()
	var fs []scanner.Finding
	sc := bufio.NewScanner(strings.NewReader(jsonl))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var f scanner.Finding
		dec := json.NewDecoder(bytes.NewReader(sc.Bytes()))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&f); err != nil {
			t.Fatalf("bad JSON line %q: %v", sc.Text(), err)
		}
		// The location has a JSON form of its own: no unknown field there
		// either.
		var raw struct {
			Location json.RawMessage `json:"location"`
		}
		var loc connectors.LocationJSON
		json.Unmarshal(sc.Bytes(), &raw)
		dec = json.NewDecoder(bytes.NewReader(raw.Location))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&loc); err != nil {
			t.Fatalf("bad location in %q: %v", sc.Text(), err)
		}
		fs = append(fs, f)
	}
	return fs
}

func readManifest(t *testing.T) []synthetic.Expect {
	t.Helper()
	f, err := os.Open("../../testdata/demo-expected.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m, err := synthetic.ReadManifest(f)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestDemoScanFindsEveryPlantedValue checks the scan of the demo data against
// the generator's manifest: every planted value is found where it was planted,
// at or above its confidence and of its kind where the manifest names one, and
// no hard-negative line and no unplanted place yields a finding of medium
// confidence or more.
func TestDemoScanFindsEveryPlantedValue(t *testing.T) {
	// Low: the manifest plants values found only at low (a toll-free
	// number, IP addresses in prose), which the default leaves out.
	code, out, errOut := scan(t, "-format", "jsonl", "-show-data", "-min-confidence", "low", demoDir)
	if code != exitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, errOut)
	}
	findings := parseFindings(t, out)
	type key struct {
		path   string
		line   int64
		column string
		typ    string
		value  string
	}
	found := map[key]scanner.Finding{}
	for _, f := range findings {
		rel := strings.TrimPrefix(f.Location.Object.Path, demoDir+"/")
		found[key{rel, f.Location.Line, f.Location.Column, f.Type, f.Value}] = f
	}
	manifest := readManifest(t)
	planted := map[key]bool{}
	negLines := map[string]bool{} // path:line, or path:0 for a whole file
	for _, e := range manifest {
		if e.Negative {
			negLines[fmt.Sprintf("%s:%d", e.Path, e.Line)] = true
			continue
		}
		k := key{e.Path, int64(e.Line), e.Column, e.Type, e.Value}
		planted[k] = true
		f, ok := found[k]
		if !ok {
			t.Errorf("missed %s %q at %s:%d [%s]", e.Type, e.Value, e.Path, e.Line, e.Column)
			continue
		}
		min, err := detectors.ParseConfidence(e.MinConfidence)
		if err != nil {
			t.Fatal(err)
		}
		if f.Confidence < min {
			t.Errorf("%s %q at %s:%d: confidence %s, want at least %s (reasons %v)", e.Type, e.Value, e.Path, e.Line, f.Confidence, min, f.Reasons)
		}
		if e.Kind != "" && f.Kind != e.Kind {
			t.Errorf("%s %q at %s:%d: kind %q, want %q", e.Type, e.Value, e.Path, e.Line, f.Kind, e.Kind)
		}
	}
	for k, f := range found {
		if planted[k] || f.Confidence < detectors.Medium {
			continue
		}
		if negLines[fmt.Sprintf("%s:%d", k.path, k.line)] || negLines[k.path+":0"] {
			t.Errorf("hard negative reported: %s %q at %s:%d (%s, %v)", k.typ, k.value, k.path, k.line, f.Confidence, f.Reasons)
		} else {
			t.Errorf("unplanted finding: %s %q at %s:%d [%s] (%s, %v)", k.typ, k.value, k.path, k.line, k.column, f.Confidence, f.Reasons)
		}
	}
	if !strings.Contains(errOut, "skipped: "+demoDir+"/image.png: binary content") {
		t.Errorf("image.png not reported as skipped; stderr:\n%s", errOut)
	}
}

func TestDemoScanRecordsEncodings(t *testing.T) {
	_, out, _ := scan(t, "-format", "jsonl", demoDir)
	enc := map[string]string{}
	for _, f := range parseFindings(t, out) {
		enc[filepath.Base(f.Location.Object.Path)] = f.Location.Object.Encoding
	}
	for file, want := range map[string]string{
		"customers.csv": "utf-8", "customers_sjis.csv": "cp932", "staff_eucjp.tsv": "euc-jp",
		"notes_utf16.txt": "utf-16le", "old_export.csv.gz": "utf-8", "contacts.jsonl": "utf-8",
	} {
		if enc[file] != want {
			t.Errorf("%s: encoding %q, want %q", file, enc[file], want)
		}
	}
}

// TestDefaultOutputNeverHoldsRawValues: without -show-data no planted value
// may appear anywhere in either report format.
func TestDefaultOutputNeverHoldsRawValues(t *testing.T) {
	_, jsonl, _ := scan(t, "-format", "jsonl", demoDir)
	_, text, _ := scan(t, demoDir)
	for _, f := range parseFindings(t, jsonl) {
		if f.Value != "" {
			t.Fatalf("value present without -show-data: %+v", f)
		}
	}
	for _, e := range readManifest(t) {
		if e.Negative || len(e.Value) < 6 {
			continue
		}
		for name, out := range map[string]string{"jsonl": jsonl, "text": text} {
			if strings.Contains(out, e.Value) {
				t.Errorf("%s output holds the raw %s %q", name, e.Type, e.Value)
			}
		}
	}
}

func TestTextSummary(t *testing.T) {
	code, out, _ := scan(t, demoDir)
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{
		"pmscan: scanned 9 objects",
		"1 skipped, 0 errors",
		"Findings by type (values masked):",
		"my_number",
		demoDir + "/customers_sjis.csv",
		"cp932",
		"skipped: " + demoDir + "/image.png: binary content",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
}

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	clean := filepath.Join(dir, "clean.txt")
	if err := os.WriteFile(clean, []byte("nothing personal here\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		want int
	}{
		{"clean", []string{clean}, exitOK},
		{"findings without the flag", []string{demoDir}, exitOK},
		{"findings with the flag", []string{"-fail-on-findings", demoDir}, exitFindings},
		{"clean with the flag", []string{clean, "-fail-on-findings"}, exitOK},
		{"no target", nil, exitUsage},
		{"bad flag", []string{"-nope", clean}, exitUsage},
		{"unknown type", []string{"-types", "shoe_size", clean}, exitUsage},
		{"bad confidence", []string{"-min-confidence", "sure", clean}, exitUsage},
		{"bad format", []string{"-format", "xml", clean}, exitUsage},
		{"missing target", []string{filepath.Join(dir, "nope"), clean}, exitTargetError},
		{"unsupported scheme", []string{"ftp://host/x"}, exitTargetError},
		// A broken link: /proc/self/mem, the one file even root cannot
		// read, is on a pseudo-filesystem, which is no longer entered.
		{"unreadable file inside", []string{linkTo(t, dir, "missing.txt")}, exitItemErrors},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if code, _, errOut := scan(t, tc.args...); code != tc.want {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tc.want, errOut)
			}
		})
	}
}

func linkTo(t *testing.T, dir, target string) string {
	sub := filepath.Join(dir, "sub")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, filepath.Join(sub, "link")); err != nil {
		t.Fatal(err)
	}
	return sub
}

func TestTypesAndMinConfidenceFilter(t *testing.T) {
	_, out, _ := scan(t, "-format", "jsonl", "-types", "email,phone", "-min-confidence", "high", demoDir)
	types := map[string]bool{}
	for _, f := range parseFindings(t, out) {
		types[f.Type] = true
		if f.Confidence != detectors.High {
			t.Errorf("finding below -min-confidence: %+v", f)
		}
	}
	var got []string
	for k := range types {
		got = append(got, k)
	}
	sort.Strings(got)
	if fmt.Sprint(got) != "[email phone]" {
		t.Errorf("types = %v, want [email phone]", got)
	}
}

func TestOutputFileIsPrivate(t *testing.T) {
	out := filepath.Join(t.TempDir(), "findings.jsonl")
	if code, _, errOut := scan(t, "-format", "jsonl", "-o", out, demoDir); code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	st, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 || st.Size() == 0 {
		t.Errorf("report file mode %v size %d, want 0600 and content", st.Mode().Perm(), st.Size())
	}
}

// TestKeysAndHeadersAreNotValues: the keys of an object under "name"
// (kanji, kana, romaji) and a header 既往歴 name fields; none is reported
// as a value of the column it names or sits in.
func TestKeysAndHeadersAreNotValues(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"people.json": `[{"id": 1, "name": {"kanji": "山田 太郎", "kana": "ヤマダ タロウ", "romaji": "Taro Yamada"}, "病歴": "なし"}]`,
		"c.csv":       "氏名,既往歴,電話番号\n山田 太郎,糖尿病,090-1234-5678\n",
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, out, errOut := scan(t, "-format", "jsonl", "-show-data", "-progress", "never", dir)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got []string
	for _, f := range parseFindings(t, out) {
		got = append(got, f.Type+" "+f.Location.Column+" "+f.Value)
	}
	slices.Sort(got)
	want := []string{
		"person_name [].name.kana ヤマダ タロウ", "person_name [].name.kanji 山田 太郎", "person_name [].name.romaji Taro Yamada",
		"person_name 氏名 山田 太郎", "phone 電話番号 090-1234-5678", "sensitive 既往歴 糖尿病",
	}
	if !slices.Equal(got, want) {
		t.Errorf("findings\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
