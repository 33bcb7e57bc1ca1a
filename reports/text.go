package reports

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/pmscan/pmscan/internal/units"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/reports/inventory"
	"github.com/pmscan/pmscan/scanner"
)

// Text is the human summary: counts per type and per file with masked
// examples, then what was skipped or could not be read. It keeps bounded
// state: a fixed number of files and problems are listed, the rest counted.
type Text struct {
	w        io.Writer
	types    map[string]*typeStats
	files    []*fileStats
	byPath   map[string]*fileStats
	extra    fileStats // files beyond maxFiles, merged
	extraN   int       // files beyond maxFiles
	lastX    string    // the last of them seen: a file's findings arrive together
	problems []scanner.Problem
	moreProb int
	raw      bool // examples are raw values (-show-data)
	columns  *ColumnVerdicts
	inv      *inventory.Inventory // shown first when set
}

const (
	maxFiles    = 100
	maxProblems = 50
	maxExamples = 3
)

type typeStats struct {
	n        int64
	byConf   [4]int64
	examples []string
}

type fileStats struct {
	path     string
	encoding string
	byType   map[string]int64
	total    int64
}

var _ Report = (*Text)(nil)

// NewText writes the summary to w when the scan ends.
func NewText(w io.Writer) *Text {
	return &Text{w: w, types: map[string]*typeStats{}, byPath: map[string]*fileStats{},
		extra: fileStats{byType: map[string]int64{}}, columns: NewColumnVerdicts()}
}

func (t *Text) Finding(f *scanner.Finding) error {
	typ := f.Type
	if f.Kind != "" {
		typ += "/" + f.Kind // sensitive/medical_history: the kind is what a reader needs
	}
	ts := t.types[typ]
	if ts == nil {
		ts = &typeStats{}
		t.types[typ] = ts
	}
	ts.n++
	ts.byConf[f.Confidence]++
	example := f.Masked
	if f.Value != "" { // -show-data: the user asked for raw values
		example, t.raw = f.Value, true
	}
	if len(ts.examples) < maxExamples && !contains(ts.examples, example) {
		ts.examples = append(ts.examples, example)
	}
	fs := t.file(f.Location)
	fs.byType[typ]++
	fs.total++
	t.columns.Finding(f)
	return nil
}

func (t *Text) file(l connectors.Location) *fileStats {
	key := where(l)
	if fs, ok := t.byPath[key]; ok {
		return fs
	}
	if len(t.files) >= maxFiles {
		// Files past the limit are merged into one row, so memory stays bounded.
		if key != t.lastX {
			t.extraN++
			t.lastX = key
		}
		return &t.extra
	}
	fs := &fileStats{path: key, encoding: l.Encoding, byType: map[string]int64{}}
	t.files = append(t.files, fs)
	t.byPath[key] = fs
	return fs
}

func (t *Text) Object(l connectors.Location, st connectors.ObjectStats) error {
	t.columns.Object(l, st)
	return nil
}

// where names a file by its path, an S3 object by its URL (and how much of
// it was read, when only its start was), and a table by server and
// qualified name.
func where(l connectors.Location) string {
	switch {
	case l.Table != "" && l.Host != "":
		return l.Store + "://" + l.Host + "/" + l.Object()
	case l.SampledBytes > 0:
		return fmt.Sprintf("%s (first %s read)", l.Object(), units.Bytes(l.SampledBytes))
	}
	return l.Object()
}

func (t *Text) Problem(p scanner.Problem) error {
	if len(t.problems) < maxProblems {
		t.problems = append(t.problems, p)
	} else {
		t.moreProb++
	}
	return nil
}

func (t *Text) Close(sum *scanner.Summary) error {
	var b strings.Builder
	fmt.Fprintf(&b, "pmscan: %s\n", headline(sum))
	if t.inv != nil {
		writeInventory(&b, t.inv)
	}
	if sum.Findings > 0 {
		if t.raw {
			b.WriteString("\nFindings by type (raw values, -show-data):\n")
		} else {
			b.WriteString("\nFindings by type (values masked):\n")
		}
		tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "  TYPE\tFOUND\tHIGH\tMEDIUM\tLOW\tEXAMPLES")
		for _, name := range sortedKeys(t.types) {
			ts := t.types[name]
			fmt.Fprintf(tw, "  %s\t%d\t%d\t%d\t%d\t%s\n", name, ts.n,
				ts.byConf[detectors.High], ts.byConf[detectors.Medium], ts.byConf[detectors.Low],
				strings.Join(ts.examples, ", "))
		}
		tw.Flush()
		b.WriteString("\nFindings by file, object or table:\n")
		tw = tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "  WHERE\tENCODING\tFOUND\tTYPES")
		for _, fs := range t.files {
			fmt.Fprintf(tw, "  %s\t%s\t%d\t%s\n", fs.path, fs.encoding, fs.total, typeCounts(fs.byType))
		}
		if t.extraN > 0 {
			fmt.Fprintf(tw, "  (%d more)\t\t%d\t%s\n", t.extraN, t.extra.total, typeCounts(t.extra.byType))
		}
		tw.Flush()
	}
	t.columns.writeText(&b)
	if len(t.problems) > 0 {
		b.WriteString("\nNot scanned:\n")
		for _, p := range t.problems {
			kind := "error"
			if p.Skipped {
				kind = "skipped"
			}
			fmt.Fprintf(&b, "  %s: %s: %v\n", kind, describe(p.Location), p.Err)
		}
		if t.moreProb > 0 {
			fmt.Fprintf(&b, "  (%d more)\n", t.moreProb)
		}
	}
	for _, tr := range sum.Targets {
		if tr.Err != nil {
			fmt.Fprintf(&b, "\ntarget %s: %v\n", tr.Name, tr.Err)
		}
	}
	_, err := io.WriteString(t.w, b.String())
	return err
}

// typeCounts renders "phone 3, email 2", most frequent first.
func typeCounts(m map[string]int64) string {
	names := sortedKeys(m)
	sort.SliceStable(names, func(i, j int) bool { return m[names[i]] > m[names[j]] })
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = fmt.Sprintf("%s %d", n, m[n])
	}
	return strings.Join(parts, ", ")
}

func headline(sum *scanner.Summary) string {
	d := sum.Finished.Sub(sum.Started)
	rows := ""
	if sum.Rows > 0 {
		rows = fmt.Sprintf(", %d %s", sum.Rows, plural(sum.Rows, "row", "rows"))
	}
	s := fmt.Sprintf("scanned %d %s (%s%s) in %s: %d %s, %d skipped, %d %s",
		sum.Objects, plural(sum.Objects, "object", "objects"), units.Bytes(sum.Bytes), rows, d.Round(time.Millisecond),
		sum.Findings, plural(sum.Findings, "finding", "findings"),
		sum.Skipped, sum.Failed, plural(sum.Failed, "error", "errors"))
	if n := sum.TargetsFailed(); n > 0 && !sum.Interrupted {
		s += fmt.Sprintf(", %d %s failed", n, plural(int64(n), "target", "targets"))
	}
	if sum.Interrupted {
		s += " (interrupted: results are partial)"
	}
	return s
}

func plural(n int64, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
