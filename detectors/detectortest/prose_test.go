package detectortest

import (
	"slices"
	"strings"
	"testing"

	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/detectors/all"
)

// candidates returns the detectors of ds whose Find returns a candidate on s
// alone, after or before one of the keywords of any detector.
func candidates(ds []detectors.Detector, s string) []string {
	var keywords []string
	for _, d := range ds {
		keywords = append(keywords, d.Keywords()...)
	}
	var found []string
	for _, d := range ds {
		texts := []string{s}
		for _, k := range keywords {
			if isFinding(d, k) {
				continue // sensitive's terms are findings themselves
			}
			texts = append(texts, k+" "+s, s+k)
		}
		for _, text := range texts {
			var tx detectors.Text
			tx.SetText(text, "")
			if len(d.Find(&tx)) != 0 {
				found = append(found, d.Type())
				break
			}
		}
	}
	return found
}

// TestProseHasNoCandidates holds Prose to its promise: no detector finds a
// candidate in any of its sentences, even next to a keyword, nor in a long
// stretch of it.
func TestProseHasNoCandidates(t *testing.T) {
	ds := all.Detectors()
	for _, s := range sentences {
		if found := candidates(ds, s); len(found) != 0 {
			t.Errorf("%v find candidates in %q", found, s)
		}
	}
	text := Prose(64 << 10)
	for _, d := range ds {
		var tx detectors.Text
		tx.SetText(text, "")
		if c := d.Find(&tx); len(c) != 0 {
			t.Errorf("%s finds %d candidates in Prose, the first %q", d.Type(), len(c), tx.OrigSpan(c[0].Start, c[0].End))
		}
	}
}

// TestNearMisses checks that Contacts and Dates are identifiers only for the
// detectors they are not near misses for.
func TestNearMisses(t *testing.T) {
	ds := all.Detectors()
	for _, tc := range []struct {
		name      string
		sentences []string
		want      []string
	}{
		{"Contacts", Contacts, []string{"phone", "postal_code"}},
		{"Dates", Dates, []string{"birth_date"}},
	} {
		for _, s := range tc.sentences {
			found := candidates(ds, s)
			for _, typ := range found {
				if !slices.Contains(tc.want, typ) {
					t.Errorf("%s: %s finds a candidate in %q", tc.name, typ, s)
				}
			}
			if len(found) == 0 {
				t.Errorf("%s: %q is no identifier for %v", tc.name, s, tc.want)
			}
		}
	}
}

func TestProse(t *testing.T) {
	for _, n := range []int{0, 1, 100, 8 << 10} {
		if s := Prose(n); len(s) < n {
			t.Errorf("Prose(%d) is %d bytes", n, len(s))
		}
	}
	extra := []string{"<one>", "<two>"}
	s := Prose(4<<10, extra...)
	for _, e := range extra {
		if c := strings.Count(s, e); c < 2 {
			t.Errorf("Prose(4<<10) has %q %d times", e, c)
		}
	}
	for _, line := range strings.Split(strings.TrimSuffix(s, "\n"), "\n") {
		if !strings.HasSuffix(line, "<one>") && !strings.HasSuffix(line, "<two>") {
			t.Errorf("paragraph %q does not end in an extra sentence", line)
		}
	}
	c := Corpus(64<<10, 4<<10, "<hit>")
	if len(c) < 64<<10 || strings.Count(c, "<hit>") != 16 {
		t.Errorf("Corpus(64<<10, 4<<10) is %d bytes with %d hits", len(c), strings.Count(c, "<hit>"))
	}
	if c := Corpus(64<<10, 64<<10, "<hit>"); !strings.HasSuffix(c, "<hit>") || strings.Count(c, "<hit>") != 1 {
		t.Errorf("Corpus(64<<10, 64<<10) has %d hits", strings.Count(c, "<hit>"))
	}
}

// isFinding reports whether d finds a candidate in keyword k alone.
func isFinding(d detectors.Detector, k string) bool {
	var tx detectors.Text
	tx.SetText(k, "")
	return len(d.Find(&tx)) != 0
}
