package detectortest

import (
	"strings"
	"testing"

	"github.com/pmscan/pmscan/detectors"
)

// AssertNormalised fails for every word that is not written the way
// detectors.Normalize and ASCII lower-casing leave it: context, gate and
// column words are matched against normalised text, so any other spelling
// would never match.
func AssertNormalised(t *testing.T, words ...[]string) {
	t.Helper()
	for _, list := range words {
		for _, w := range list {
			if n := strings.ToLower(detectors.Normalize(w)); n != w {
				t.Errorf("word %q should be written %q", w, n)
			}
		}
	}
}

// AssertMask checks detectors.Mask(d, in) for every entry of want, which maps
// a value to its mask.
func AssertMask(t *testing.T, d detectors.Detector, want map[string]string) {
	t.Helper()
	for in, w := range want {
		if got := detectors.Mask(d, in); got != w {
			t.Errorf("Mask(%q) = %q, want %q", in, got, w)
		}
	}
}

// allocRuns is how many times AssertNoAllocs runs Find. AllocsPerRun reports
// the mean, rounded down, so any allocation on every run shows.
const allocRuns = 100

// AssertNoAllocs fails if d.Find yields a candidate on text (with no column),
// or allocates on it: text without candidates must cost nothing but the
// scan.
func AssertNoAllocs(t *testing.T, d detectors.Detector, text string) {
	t.Helper()
	var tx detectors.Text
	tx.SetText(text, "")
	if c := d.Find(&tx); len(c) != 0 {
		t.Fatalf("text has candidates: %s", spans(&tx, c))
	}
	allocs := testing.AllocsPerRun(allocRuns, func() {
		tx.SetText(text, "")
		if c := d.Find(&tx); len(c) != 0 {
			t.Fatalf("text has candidates: %s", spans(&tx, c))
		}
	})
	if allocs != 0 {
		t.Errorf("Find allocated %.1f times per run on text without candidates", allocs)
	}
}

func spans(tx *detectors.Text, cs []detectors.Candidate) string {
	var out []string
	for _, c := range cs {
		out = append(out, strings.TrimSpace(tx.OrigSpan(c.Start, c.End)))
	}
	return strings.Join(out, " | ")
}
