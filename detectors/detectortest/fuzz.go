package detectortest

import (
	"testing"

	"github.com/pmscan/pmscan/detectors"
)

// Fuzz runs d over arbitrary text and column names, seeded with each of seeds
// under no column and under column: Find, Judge and Mask must not panic, and
// every candidate must lie inside the text.
func Fuzz(f *testing.F, d detectors.Detector, column string, seeds ...string) {
	for _, s := range seeds {
		f.Add(s, "")
		f.Add(s, column)
	}
	f.Fuzz(func(t *testing.T, s, col string) {
		var tx detectors.Text
		tx.SetText(s, col)
		for _, c := range d.Find(&tx) {
			if c.Start < 0 || c.End > len(tx.Norm) || c.Start >= c.End {
				t.Fatalf("candidate %+v outside %q", c, tx.Norm)
			}
			d.Judge(c, &tx)
			detectors.Mask(d, tx.OrigSpan(c.Start, c.End))
		}
		detectors.Mask(d, s)
	})
}
