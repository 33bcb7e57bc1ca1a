package custom

import (
	"fmt"

	"github.com/pmscan/pmscan/detectors"
)

// exampleThreshold is the confidence an example is judged at: what a
// default scan reports.
const exampleThreshold = detectors.Medium

// ExampleResult is how one example of a rule went.
type ExampleResult struct {
	Rule    string
	Match   bool // a match example (else a no_match one)
	Example Example
	Found   []string // what the rule reported, as written
	Err     error    // nil when the example holds
}

// Test runs every example of every rule, through the same prefilter and
// normalisation as a scan, and returns how each went.
func (rs *RuleSet) Test() []ExampleResult {
	var out []ExampleResult
	for _, c := range rs.rules {
		out = append(out, c.test()...)
	}
	return out
}

// runExamples is the first failing example's error, or nil.
func (c *compiled) runExamples() error {
	for _, r := range c.test() {
		if r.Err != nil {
			return r.Err
		}
	}
	return nil
}

func (c *compiled) test() []ExampleResult {
	set, err := detectors.NewSet([]detectors.Detector{c})
	if err != nil {
		return []ExampleResult{{Rule: c.id, Err: err}}
	}
	var t detectors.Text
	run := func(e Example) []string {
		t.SetText(e.Text, e.Column)
		var found []string
		set.Run(&t, func(m detectors.Match) {
			if m.Verdict.Confidence >= exampleThreshold {
				found = append(found, t.OrigSpan(m.Start, m.End))
			}
		})
		return found
	}
	var out []ExampleResult
	for _, e := range c.examples.Match {
		r := ExampleResult{Rule: c.id, Match: true, Example: e, Found: run(e)}
		switch {
		case len(r.Found) == 0:
			r.Err = fmt.Errorf("example %q%s: nothing found at %s or above", e.Text, inColumn(e), exampleThreshold)
		case e.Value != "" && !contains(r.Found, e.Value):
			r.Err = fmt.Errorf("example %q%s: found %q, not %q", e.Text, inColumn(e), r.Found, e.Value)
		}
		out = append(out, r)
	}
	for _, e := range c.examples.NoMatch {
		r := ExampleResult{Rule: c.id, Example: e, Found: run(e)}
		if len(r.Found) > 0 {
			r.Err = fmt.Errorf("no_match example %q%s: found %q", e.Text, inColumn(e), r.Found)
		}
		out = append(out, r)
	}
	return out
}

func inColumn(e Example) string {
	if e.Column == "" {
		return ""
	}
	return " in column " + fmt.Sprintf("%q", e.Column)
}

func contains(list []string, s string) bool {
	for _, l := range list {
		if l == s {
			return true
		}
	}
	return false
}
