package scanner_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/connectors/files"
	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/detectors/all"
	"github.com/pmscan/pmscan/detectors/detectortest"
	"github.com/pmscan/pmscan/scanner"
)

// TestRunRecallsNamesAcrossChunks scans real files: a text file whose
// chunks are judged by different workers, where a name introduced in the
// first chunk is mentioned bare in the last; a table whose rows must not
// lend one another names; a second file that must not inherit the first
// one's names.
func TestRunRecallsNamesAcrossChunks(t *testing.T) {
	dir := t.TempDir()
	filler := detectortest.Prose(80 << 10) // more than one 64 KB chunk
	write := func(name, body string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// 1: the introduction; then filler; then bare mentions, one before
	// a verb that is no name (清い).
	write("a-novel.txt", "清《きよ》という下女が居た。\n"+filler+"\n清は笑った。清い水を飲んだ。\n山田は来ない。\n")
	write("b-other.txt", filler+"\n清は笑った。\n")
	write("c-calls.csv", "id,note\n1,山田太郎様より電話\n2,山田の件は保留\n")

	scan := func(workers, batch int) ([]string, *scanner.Summary) {
		set, err := detectors.NewSet(all.Detectors())
		if err != nil {
			t.Fatal(err)
		}
		var targets []scanner.Target
		for _, name := range []string{"a-novel.txt", "b-other.txt", "c-calls.csv"} {
			c, err := files.Factory{}.Open(context.Background(), filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			targets = append(targets, scanner.Target{Name: name, Conn: c})
		}
		sink := &collect{}
		sum, err := scanner.Run(context.Background(), scanner.Options{Detectors: set, Concurrency: workers, BatchBytes: batch, ShowData: true}, targets, sink)
		if err != nil {
			t.Fatal(err)
		}
		return sink.names, sum
	}
	got, sum := scan(4, 16<<10)
	want := []string{
		"a-novel.txt:1 清 medium [name in dictionary introduced as a person]",
		"a-novel.txt:" + lineOf(t, dir, "a-novel.txt", "清は笑った") + " 清 medium [name in dictionary named elsewhere in the text]",
		"c-calls.csv:2 山田太郎 high [surname and given name before an honorific]",
	}
	if !slices.Equal(got, want) {
		t.Errorf("person names:\n got  %q\n want %q", got, want)
	}
	if sum.ByType["person_name"] != int64(len(want)) {
		t.Errorf("summary counts %d person names, want %d", sum.ByType["person_name"], len(want))
	}
	// The same findings in the same order whatever the workers and batches.
	for _, c := range []struct{ workers, batch int }{{1, 0}, {2, 4 << 10}, {8, 64 << 10}} {
		if again, _ := scan(c.workers, c.batch); !slices.Equal(again, got) {
			t.Errorf("%d workers, %d-byte batches:\n got  %q\n want %q", c.workers, c.batch, again, got)
		}
	}
}

// lineOf is the 1-based line of the first line of name holding s.
func lineOf(t *testing.T, dir, name, s string) string {
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range strings.Split(string(b), "\n") {
		if strings.Contains(l, s) {
			return fmt.Sprint(i + 1)
		}
	}
	t.Fatalf("%s has no %q", name, s)
	return ""
}

// collect keeps the person names found, as "object:line value confidence
// [reasons]".
type collect struct{ names []string }

func (c *collect) Finding(f *scanner.Finding) error {
	if f.Type == "person_name" {
		c.names = append(c.names, fmt.Sprintf("%s:%d %s %s %v", filepath.Base(f.Location.Object.Path), f.Location.Line, f.Value, f.Confidence, f.Reasons))
	}
	return nil
}
func (*collect) Object(*connectors.Object, connectors.ObjectStats) error { return nil }
func (*collect) Problem(scanner.Problem) error                           { return nil }
