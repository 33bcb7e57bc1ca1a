package evaluation

import (
	"io/fs"
	"strings"
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

// TestIndependentFloors holds the detectors to what they scored on the
// independent set when it was written (README, "Accuracy on the
// independent set"), every confidence counted, so that work on one error
// class cannot quietly lose another. They are floors, not targets: the
// detection issue asks person_name for precision 0.97 and recall 0.95.
func TestIndependentFloors(t *testing.T) {
	set, err := detectors.NewSet(all.Detectors())
	if err != nil {
		t.Fatal(err)
	}
	// The real texts are scored apart: their names are mostly bare (清は,
	// 喜助が), a class of its own whose floor is far below the hand-written
	// cases'. Some of them are held out (testdata/independent/README.md).
	written, err := HandWritten()
	if err != nil {
		t.Fatal(err)
	}
	texts, err := RealText()
	if err != nil {
		t.Fatal(err)
	}
	if len(texts) < 2000 {
		t.Fatalf("%d sentences of Aozora text, want the whole novel", len(texts))
	}
	n := Evaluate(set, texts, detectors.Low).Type(TypePersonName)
	if n.Precision() < 0.90 || n.Recall() < 0.16 {
		t.Errorf("person_name in the real texts, sentence by sentence: P %.3f R %.3f, below the floor P 0.90 R 0.16", n.Precision(), n.Recall())
	}
	// Read as pmscan reads a file, in 64 KB chunks of whole lines: a name
	// introduced or honoured once is a name in its bare mentions, in its
	// chunk and the chunks after it.
	n = EvaluateAsFile(set, texts, detectors.Low, 64<<10).Type(TypePersonName)
	// The floor sits below the whole set's figure, held-out texts included
	// (P 0.960 R 0.910 after the fourteenth round's first rules, whose two
	// fresh texts read P 0.477 R 0.284 and P 0.523 R 0.450).
	if n.Precision() < 0.95 || n.Recall() < 0.88 {
		t.Errorf("person_name in the real texts read as files: P %.3f R %.3f, below the floor P 0.95 R 0.88", n.Precision(), n.Recall())
	}
	r := Evaluate(set, written, detectors.Low)
	t.Log("\n" + r.Table() + "\n" + r.ClassTable())
	floors := []struct {
		typ      string
		p, r, f1 float64
	}{
		{TypePersonName, 0.98, 0.98, 0.98},
		{TypeAddress, 0.99, 0.98, 0.98},
		{"postal_code", 1, 1, 1},
		{"phone", 1, 1, 1},
		{"email", 1, 1, 1},
		{"credit_card", 1, 1, 1},
		{"birth_date", 1, 0.96, 0.98},
		{"my_number", 0.96, 1, 0.98},
		{"corporate_number", 1, 1, 1},
	}
	for _, f := range floors {
		tr := r.Type(f.typ)
		if tr.Precision() < f.p || tr.Recall() < f.r || tr.F1() < f.f1 {
			t.Errorf("%s P %.3f R %.3f F1 %.3f, below the floor P %.2f R %.2f F1 %.2f", f.typ, tr.Precision(), tr.Recall(), tr.F1(), f.p, f.r, f.f1)
		}
	}
}

// TestBusinessDocuments holds the detectors to the detection issue's
// target on ordinary business documents (invoices and order lists with
// JAN codes and order numbers, manuals, policies, meeting notes; at least
// 2,000 lines): no finding at medium or high.
func TestBusinessDocuments(t *testing.T) {
	set, err := detectors.NewSet(all.Detectors())
	if err != nil {
		t.Fatal(err)
	}
	samples, err := Business()
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range samples {
		if s.Context != ContextNegative || len(s.Labels) > 0 {
			t.Fatalf("sample %d is not a negative: %+v", i, s)
		}
	}
	r := Evaluate(set, samples, detectors.Medium)
	for _, o := range r.Outcomes {
		for _, p := range o.Predictions {
			t.Errorf("%s: %s %q at %s in %s (column %q)", o.Sample.Class, p.Type, o.Sample.Text[p.Start:p.End], p.Confidence, o.Sample.Text, o.Sample.Column)
		}
	}
	if n := businessLines(t); n < 2000 {
		t.Errorf("%d lines of business documents, want at least 2,000", n)
	}
}

// businessLines counts the non-empty lines of the business documents, a
// CSV file's header and rows included.
func businessLines(t *testing.T) int {
	n := 0
	err := fs.WalkDir(businessFiles, "testdata/business", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(businessFiles, p)
		for _, line := range strings.Split(string(b), "\n") {
			if strings.TrimSpace(line) != "" {
				n++
			}
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}
