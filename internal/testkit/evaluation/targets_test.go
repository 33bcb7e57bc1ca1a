package evaluation

import (
	"testing"

	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/detectors/all"
)

// TestTargets holds the shipped detectors to the accuracy targets on the
// reference set: F1 of at least 0.95 for person names and addresses, and at
// least 0.97 line precision (no false finding on 97% of the samples without
// such a label).
func TestTargets(t *testing.T) {
	set, err := detectors.NewSet(all.Detectors())
	if err != nil {
		t.Fatal(err)
	}
	r := Evaluate(set, Generate(DefaultSeed, DefaultN), detectors.Medium)
	t.Log("\n" + r.Table())
	for _, typ := range []string{TypePersonName, TypeAddress} {
		tr := r.Type(typ)
		if f1 := tr.F1(); f1 < 0.95 {
			t.Errorf("%s F1 %.3f, want >= 0.95", typ, f1)
		}
		if lp := tr.LinePrecision(); lp < 0.97 {
			t.Errorf("%s line precision %.3f, want >= 0.97", typ, lp)
		}
		if p := tr.Precision(); p < 0.97 {
			t.Errorf("%s precision %.3f, want >= 0.97", typ, p)
		}
	}
}
