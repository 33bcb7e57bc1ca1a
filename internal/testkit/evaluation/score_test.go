package evaluation

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/detectors/all"
)

// fake reports every occurrence of its needles in the normalised text.
type fake struct {
	typ     string
	needles []string
	conf    detectors.Confidence
	kind    string
}

func (f fake) Type() string       { return f.typ }
func (f fake) Keywords() []string { return nil }
func (f fake) Find(t *detectors.Text) []detectors.Candidate {
	var out []detectors.Candidate
	for _, n := range f.needles {
		for i := 0; ; {
			j := strings.Index(t.Norm[i:], n)
			if j < 0 {
				break
			}
			out = append(out, detectors.Candidate{Start: i + j, End: i + j + len(n)})
			i += j + len(n)
		}
	}
	return out
}
func (f fake) Judge(detectors.Candidate, *detectors.Text) detectors.Verdict {
	return detectors.Verdict{Confidence: f.conf, Kind: f.kind}
}

// labelled builds a sample whose labels are given as (type, kind, value):
// each value is looked up in text.
func labelled(context, column, text string, labels ...[3]string) Sample {
	s := Sample{Context: context, Column: column, Text: text}
	for _, l := range labels {
		i := strings.Index(text, l[2])
		if i < 0 {
			panic("value not in text: " + l[2])
		}
		s.Labels = append(s.Labels, Label{Type: l[0], Kind: l[1], Start: i, End: i + len(l[2])})
	}
	return s
}

func TestEvaluate(t *testing.T) {
	set, err := detectors.NewSet([]detectors.Detector{
		// "山田 太郎" matches the normalised form of "山田　太郎".
		fake{typ: TypePersonName, needles: []string{"山田 太郎", "佐藤様", "林", "鈴木花子"}, conf: detectors.High},
		fake{typ: TypeAddress, needles: []string{"東京都渋谷区渋谷1-2-3"}, conf: detectors.Medium},
		fake{typ: TypePostalCode, needles: []string{"150-0002"}, conf: detectors.Low},
		fake{typ: TypeSensitive, needles: []string{"糖尿病"}, conf: detectors.High, kind: "disability"},
	})
	if err != nil {
		t.Fatal(err)
	}
	samples := []Sample{
		// exact span through normalisation: TP
		labelled(ContextSentence, "", "氏名：山田　太郎", [3]string{TypePersonName, "", "山田　太郎"}),
		// honorific included: FP, FN, partial
		labelled(ContextSentence, "", "担当の佐藤様より", [3]string{TypePersonName, "", "佐藤"}),
		// missed without overlap: FN only
		labelled(ContextCSV, "氏名", "小鳥遊 陽葵", [3]string{TypePersonName, "", "小鳥遊 陽葵"}),
		// hard negative with a name prediction: FP on a negative line
		labelled(ContextNegative, "", "林の中を歩く。"),
		// another type's positive: a clean line for person_name; the postal
		// code is predicted below min and counts as missed
		labelled(ContextJSON, "customer.address", "〒150-0002 東京都渋谷区渋谷1-2-3",
			[3]string{TypePostalCode, "", "150-0002"}, [3]string{TypeAddress, "", "東京都渋谷区渋谷1-2-3"}),
		// the right span of the wrong kind: TP and a kind mismatch; the name
		// is a TP in the same line
		labelled(ContextSentence, "", "鈴木花子さんは糖尿病で通院中",
			[3]string{TypePersonName, "", "鈴木花子"}, [3]string{TypeSensitive, "medical_history", "糖尿病"}),
	}
	r := Evaluate(set, samples, detectors.Medium)

	name := r.Type(TypePersonName)
	want := TypeResult{Type: TypePersonName, Labels: 4, Counts: Counts{TP: 2, FP: 2, FN: 2, Partial: 1},
		CleanLines: 2, FalseLines: 1, NegativeLines: 1, NegativeFalseLines: 1}
	name.ByContext, name.ByKind = nil, nil
	if !equalScores(name, want) {
		t.Errorf("person_name:\n got  %+v\n want %+v", name, want)
	}
	if got := name.LinePrecision(); got != 0.5 {
		t.Errorf("person_name line precision %v, want 0.5", got)
	}
	if p, rc := name.Precision(), name.Recall(); p != 0.5 || rc != 0.5 {
		t.Errorf("person_name P %v R %v, want 0.5 0.5", p, rc)
	}
	ctx := r.Type(TypePersonName).ByContext
	if ctx[ContextSentence] != (Counts{TP: 2, FP: 1, FN: 1, Partial: 1}) || ctx[ContextCSV] != (Counts{FN: 1}) || ctx[ContextNegative] != (Counts{FP: 1}) {
		t.Errorf("person_name by context %+v", ctx)
	}

	if a := r.Type(TypeAddress); a.Counts != (Counts{TP: 1}) || a.FalseLines != 0 || a.CleanLines != 5 || a.F1() != 1 {
		t.Errorf("address %+v", a)
	}
	if p := r.Type(TypePostalCode); p.Counts != (Counts{FN: 1}) {
		t.Errorf("postal_code below min confidence: %+v", p)
	}
	if s := r.Type(TypeSensitive); s.Counts != (Counts{TP: 1}) || s.KindMismatch != 1 || s.ByKind["medical_history"] != (Counts{TP: 1}) {
		t.Errorf("sensitive %+v", s)
	}

	// A lower bar turns the postal code into a TP.
	if p := Evaluate(set, samples, detectors.Low).Type(TypePostalCode); p.Counts != (Counts{TP: 1}) {
		t.Errorf("postal_code at low: %+v", p)
	}

	errs := r.Errors(TypePersonName, 0)
	var texts []string
	for _, o := range errs {
		texts = append(texts, o.Sample.Text)
	}
	if got, want := strings.Join(texts, "|"), "担当の佐藤様より|小鳥遊 陽葵|林の中を歩く。"; got != want {
		t.Errorf("errors %q, want %q", got, want)
	}
	if len(r.Errors(TypePersonName, 1)) != 1 {
		t.Error("Errors ignores max")
	}
	if s := errs[0].String(); !strings.Contains(s, `label person_name "佐藤"`) || !strings.Contains(s, `found person_name "佐藤様"`) {
		t.Errorf("outcome listing:\n%s", s)
	}

	table := r.Only(TypePersonName, "gender").Table()
	for _, want := range []string{"person_name", "gender", "0.500", "1/1", "2/3 (0.67)", "0/1"} {
		if !strings.Contains(table, want) {
			t.Errorf("table lacks %q:\n%s", want, table)
		}
	}
	if strings.Contains(table, TypeAddress) {
		t.Errorf("Only kept address:\n%s", table)
	}
}

func equalScores(a, b TypeResult) bool {
	return a.Type == b.Type && a.Labels == b.Labels && a.Counts == b.Counts && a.KindMismatch == b.KindMismatch &&
		a.CleanLines == b.CleanLines && a.FalseLines == b.FalseLines &&
		a.NegativeLines == b.NegativeLines && a.NegativeFalseLines == b.NegativeFalseLines
}

func TestCountsWithoutPredictions(t *testing.T) {
	c := Counts{FN: 3}
	if c.Precision() != 0 || c.Recall() != 0 || c.F1() != 0 {
		t.Errorf("%+v: P %v R %v F1 %v, want zeros", c, c.Precision(), c.Recall(), c.F1())
	}
	if (TypeResult{}).LinePrecision() != 1 {
		t.Error("line precision without clean lines should be 1")
	}
}

// TestEvaluateAsFile: sentences are judged together, in chunks of whole
// lines, and each prediction lands on the line it starts on with offsets
// of that line; a cell is still judged alone.
func TestEvaluateAsFile(t *testing.T) {
	set, err := detectors.NewSet(all.Detectors())
	if err != nil {
		t.Fatal(err)
	}
	samples := []Sample{
		{Context: ContextSentence, Text: "堀田さんが来た。堀田は笑った。"},
		{Context: ContextSentence, Text: "翌日、堀田は休んだ。"},
		{Context: ContextCSV, Column: "備考", Text: "堀田は休み"},
		{Context: ContextSentence, Text: "堀田が来た。"},
	}
	// Right after the first two, a sentence of another class: another
	// file, which recalls nothing of theirs.
	samples = slices.Insert(samples, 2, Sample{Context: ContextSentence, Text: "堀田が来た。", Class: "another_text"})
	found := func(r Result) []string {
		var out []string
		for i, o := range r.Outcomes {
			for _, p := range o.Predictions {
				out = append(out, fmt.Sprintf("%d:%s", i, samples[i].Text[p.Start:p.End]))
			}
		}
		return out
	}
	alone := found(Evaluate(set, samples, detectors.Medium))
	if want := []string{"0:堀田", "0:堀田"}; !slices.Equal(alone, want) {
		t.Errorf("Evaluate found %v, want %v", alone, want)
	}
	// The first two lines are one chunk, the cell breaks the run, and the
	// last line is another file, without evidence.
	asFile := found(EvaluateAsFile(set, samples, detectors.Medium, 64<<10))
	if want := []string{"0:堀田", "0:堀田", "1:堀田"}; !slices.Equal(asFile, want) {
		t.Errorf("EvaluateAsFile found %v, want %v", asFile, want)
	}
	// A limit smaller than two lines puts them in two chunks of one file:
	// the second recalls the name the first came back to.
	small := found(EvaluateAsFile(set, samples, detectors.Medium, 30))
	if want := []string{"0:堀田", "0:堀田", "1:堀田"}; !slices.Equal(small, want) {
		t.Errorf("EvaluateAsFile with a 30-byte limit found %v, want %v", small, want)
	}
}
