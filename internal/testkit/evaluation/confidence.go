package evaluation

import (
	"fmt"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/pmscan/pmscan/detectors"
)

// ConfidenceCounts counts the predictions made at one confidence, and
// those of them that a label has (type and span): whether a level means
// what it says ("worth a look" for low) is their ratio.
type ConfidenceCounts struct {
	Confidence   detectors.Confidence
	Found, Right int
}

// labels reports whether l labels p: its type and its span.
func (p Prediction) labels(l Label) bool {
	return l.Type == p.Type && l.Start == p.Start && l.End == p.End
}

// ByConfidence counts the predictions at each confidence from low to
// high, over every type.
func (r Result) ByConfidence() []ConfidenceCounts {
	out := []ConfidenceCounts{{Confidence: detectors.Low}, {Confidence: detectors.Medium}, {Confidence: detectors.High}}
	for _, o := range r.Outcomes {
		for _, p := range o.Predictions {
			i := slices.IndexFunc(out, func(c ConfidenceCounts) bool { return c.Confidence == p.Confidence })
			if i < 0 {
				continue
			}
			out[i].Found++
			if slices.ContainsFunc(o.Sample.Labels, p.labels) {
				out[i].Right++
			}
		}
	}
	return out
}

// ConfidenceTable formats ByConfidence, the levels below the result's
// minimum left out (nothing was counted there).
func (r Result) ConfidenceTable() string {
	var sb strings.Builder
	sb.WriteString("right by confidence (every type)\n")
	w := tabwriter.NewWriter(&sb, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "confidence\tfound\tright\tshare\t")
	for _, c := range r.ByConfidence() {
		if c.Confidence < r.MinConfidence {
			continue
		}
		fmt.Fprintf(w, "%s\t%d\t%d\t%s\t\n", c.Confidence, c.Found, c.Right, pct(c.Right, c.Found))
	}
	w.Flush()
	return sb.String()
}
