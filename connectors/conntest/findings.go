package conntest

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/detectors/all"
	"github.com/pmscan/pmscan/internal/testkit/golden"
	"github.com/pmscan/pmscan/scanner"
)

// The findings of the fixture are compared with two golden lists in
// testdata/golden: one for the customer rows, whatever their format,
// encoding or store, and one for the notes.
const (
	goldenCustomers = "customers.tsv"
	goldenNotes     = "notes.tsv"
)

// goldenOf names the golden list of a fixture item.
func goldenOf(it string) string {
	switch it {
	case CustomersCSV, CustomersCP932CSV, CustomersJSON, CustomersJSONL, CustomersTable:
		return goldenCustomers
	case Notes, NotesCP932:
		return goldenNotes
	}
	return ""
}

var detectorSet = sync.OnceValues(func() (*detectors.Set, error) { return detectors.NewSet(all.Detectors()) })

// collector is a scanner.Sink that keeps everything.
type collector struct {
	findings []scanner.Finding
	problems []scanner.Problem
	objects  []*connectors.Object
}

var _ scanner.Sink = (*collector)(nil)

func (c *collector) Finding(f *scanner.Finding) error {
	c.findings = append(c.findings, *f)
	return nil
}
func (c *collector) Problem(p scanner.Problem) error { c.problems = append(c.problems, p); return nil }
func (c *collector) Object(o *connectors.Object, _ connectors.ObjectStats) error {
	c.objects = append(c.objects, o)
	return nil
}

// testFindings scans the store with every detector and compares each
// object's findings, as sorted "type<TAB>value" lines, with its golden
// list: the customer rows give the same findings as CSV in UTF-8 and in
// CP932, as JSON, as JSON Lines and as a table, and the notes the same in
// UTF-8 and CP932, in every store.
func testFindings(t *testing.T, h Harness) {
	set, err := detectorSet()
	if err != nil {
		t.Fatal(err)
	}
	c := h.Open(t)
	defer c.Close()
	var res collector
	sum, err := scanner.Run(t.Context(), scanner.Options{Detectors: set, ShowData: true},
		[]scanner.Target{{Name: "conntest", Conn: c}}, &res)
	if err != nil {
		t.Fatal(err)
	}
	if err := sum.Targets[0].Err; err != nil {
		t.Fatalf("the walk failed: %v", err)
	}

	// The denied item is the one problem, and it ends its object.
	for _, p := range res.problems {
		if it := item(h, p.Location.Object); it != denied(h) || !p.Terminal || p.Skipped {
			t.Errorf("problem at %v: %v (terminal %v, skipped %v)", p.Location, p.Err, p.Terminal, p.Skipped)
		}
	}
	if len(res.problems) != 1 {
		t.Errorf("%d problems, want 1 (%s)", len(res.problems), denied(h))
	}

	lists := map[string][]string{} // by item
	for _, o := range res.objects {
		lists[item(h, o)] = []string{}
	}
	for _, f := range res.findings {
		it := item(h, f.Location.Object)
		lists[it] = append(lists[it], f.Type+"\t"+f.Value)
	}
	var got []string
	for it, l := range lists {
		if goldenOf(it) == "" {
			t.Errorf("findings in %s, which is no fixture item", it)
			continue
		}
		slices.Sort(l)
		got = append(got, it)
	}
	slices.Sort(got)
	// The items of one golden list must agree with each other too: with
	// -update, the last one checked would otherwise be the golden.
	first := map[string]string{}
	for _, it := range got {
		g := goldenOf(it)
		if prev, ok := first[g]; ok {
			if d := diff(lists[prev], lists[it]); d != "" {
				t.Errorf("%s and %s hold the same data but give different findings (- %s, + %s):\n%s", prev, it, prev, it, d)
			}
		} else {
			first[g] = it
		}
		checkGolden(t, it, g, lists[it])
	}
	want := []string{CustomersTable}
	if h.Layout == Objects {
		want = []string{CustomersCSV, CustomersCP932CSV, CustomersJSON, CustomersJSONL, Notes, NotesCP932}
	}
	for _, it := range want {
		if _, ok := lists[it]; !ok {
			t.Errorf("%s: not read to the end", it)
		}
	}
}

// checkGolden compares one item's findings with the golden list name, in
// this package's testdata/golden, or rewrites it with -update.
func checkGolden(t *testing.T, it, name string, lines []string) {
	t.Helper()
	got := []byte(strings.Join(lines, "\n") + "\n")
	dir, err := goldenDir()
	if err != nil {
		t.Fatal(err)
	}
	if updating() {
		// golden.Check writes under the test's own directory: name the
		// file relative to it.
		wd, err := os.Getwd()
		if err != nil {
			t.Fatal(err)
		}
		rel, err := filepath.Rel(filepath.Join(wd, "testdata", "golden"), filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		golden.Check(t, rel, got)
		return
	}
	want, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatalf("%v (run the test with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s: the findings differ from connectors/conntest/testdata/golden/%s (- golden, + got; run the test with -update to rewrite it):\n%s",
			it, name, diff(strings.Split(strings.TrimSuffix(string(want), "\n"), "\n"), lines))
	}
}

// updating reports whether the test runs with -update (golden's flag).
func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// goldenDir is this package's testdata/golden, found from the module root
// above the working directory (the package under test's).
func goldenDir() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "connectors", "conntest", "testdata", "golden"), nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("conntest: no go.mod above the working directory")
		}
		dir = parent
	}
}

// diff lists the lines only in want (-) and only in got (+) of two sorted
// lists, at most 40; "" when they are equal.
func diff(want, got []string) string {
	var out []string
	i, j := 0, 0
	for i < len(want) || j < len(got) {
		switch {
		case j == len(got) || i < len(want) && want[i] < got[j]:
			out = append(out, "- "+want[i])
			i++
		case i == len(want) || got[j] < want[i]:
			out = append(out, "+ "+got[j])
			j++
		default:
			i++
			j++
		}
	}
	if len(out) > 40 {
		out = append(out[:40], fmt.Sprintf("... and %d more", len(out)-40))
	}
	return strings.Join(out, "\n")
}
