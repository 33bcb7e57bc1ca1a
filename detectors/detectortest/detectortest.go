// Package detectortest runs table-driven detector tests through the same
// prefilter and judging path the scanner uses, so keywords are tested too.
// It also holds what every detector's tests share: the checks of words, masks
// and allocations (assert.go), the prose they and the benchmarks run over
// (prose.go), the benchmark itself (bench.go) and the fuzz target (fuzz.go).
package detectortest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/pmscan/pmscan/detectors"
)

// Case is one input. An empty Want makes it a hard negative: the detector
// must report nothing at all.
type Case struct {
	Name   string
	Text   string
	Column string // column name or JSON key path, "" for none
	// Label makes the text a header cell or an object key
	// (detectors.Text.Label); it then has no column.
	Label bool
	Want  []Want
}

// Want is one expected finding: the original text matched and its confidence.
type Want struct {
	Value      string
	Confidence detectors.Confidence
}

// High, Medium and Low return one expected finding of that confidence per
// value, for Case.Want.
func High(values ...string) []Want   { return wants(detectors.High, values) }
func Medium(values ...string) []Want { return wants(detectors.Medium, values) }
func Low(values ...string) []Want    { return wants(detectors.Low, values) }

func wants(c detectors.Confidence, values []string) []Want {
	w := make([]Want, len(values))
	for i, v := range values {
		w[i] = Want{Value: v, Confidence: c}
	}
	return w
}

// Run checks every case against d, alone in a Set.
func Run(t *testing.T, d detectors.Detector, cases []Case) {
	t.Helper()
	set, err := detectors.NewSet([]detectors.Detector{d})
	if err != nil {
		t.Fatal(err)
	}
	var text detectors.Text
	for _, c := range cases {
		name := c.Name
		if name == "" {
			name = c.Text
		}
		t.Run(name, func(t *testing.T) {
			var got []Want
			if c.Label {
				got = FindLabel(set, &text, c.Text)
			} else {
				got = Find(set, &text, c.Text, c.Column)
			}
			if fmt.Sprint(got) != fmt.Sprint(c.Want) {
				t.Errorf("text %q column %q label %v:\n got  %v\n want %v\n reasons: %s",
					c.Text, c.Column, c.Label, got, c.Want, reasons(set, &text, c.Text, c.Column))
			}
		})
	}
}

// Find returns the findings of set on text, in order of position.
func Find(set *detectors.Set, text *detectors.Text, s, column string) []Want {
	text.SetText(s, column)
	return run(set, text)
}

// FindLabel is Find on a label: a header cell or an object key, judged as
// the scanner judges one, without a column.
func FindLabel(set *detectors.Set, text *detectors.Text, s string) []Want {
	text.SetText(s, "")
	text.Label = true
	return run(set, text)
}

func run(set *detectors.Set, text *detectors.Text) []Want {
	var got []Want
	set.Run(text, func(m detectors.Match) {
		got = append(got, Want{Value: text.OrigSpan(m.Start, m.End), Confidence: m.Verdict.Confidence})
	})
	return got
}

func reasons(set *detectors.Set, text *detectors.Text, s, column string) string {
	text.SetText(s, column)
	var out []string
	set.Run(text, func(m detectors.Match) {
		out = append(out, fmt.Sprintf("%q: %s", text.OrigSpan(m.Start, m.End), strings.Join(m.Verdict.Reasons, "; ")))
	})
	return strings.Join(out, " | ")
}

func (w Want) String() string { return fmt.Sprintf("{%q %s}", w.Value, w.Confidence) }

// Negatives returns a hard negative Case for each text, named by the text.
func Negatives(texts ...string) []Case {
	cases := make([]Case, len(texts))
	for i, s := range texts {
		cases[i] = Case{Text: s}
	}
	return cases
}
