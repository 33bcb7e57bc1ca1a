package detectors

import "testing"

type fakeDetector struct {
	id  string
	kws []string
}

func (f fakeDetector) Type() string       { return f.id }
func (f fakeDetector) Keywords() []string { return f.kws }
func (f fakeDetector) Find(t *Text) []Candidate {
	return []Candidate{{Start: 0, End: len(t.Norm)}}
}
func (f fakeDetector) Judge(Candidate, *Text) Verdict { return Verdict{Confidence: Low} }

func TestSetPrefilterGatesByKeyword(t *testing.T) {
	set, err := NewSet([]Detector{
		fakeDetector{id: "always"},
		fakeDetector{id: "bank", kws: []string{"口座", "Account"}},
		fakeDetector{id: "passport", kws: []string{"旅券", "passport"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text, column string
		want         string
	}{
		{"nothing", "", "always"},
		{"普通口座です", "", "always bank"},
		{"ACCOUNT no", "", "always bank"},
		{"ＡＣＣＯＵＮＴ", "", "always bank"},
		{"x", "Passport_No", "always passport"},
		{"旅券 and account", "", "always bank passport"},
	}
	var tx Text
	for _, tc := range tests {
		tx.SetText(tc.text, tc.column)
		got := ""
		set.Run(&tx, func(m Match) {
			if got != "" {
				got += " "
			}
			got += m.Detector.Type()
		})
		if got != tc.want {
			t.Errorf("Run(%q, %q) ran %q, want %q", tc.text, tc.column, got, tc.want)
		}
	}
}

type columnGated struct{ fakeDetector }

func (columnGated) ColumnWords() []string { return []string{"acct"} }

func TestSetColumnWordsOpenTheGate(t *testing.T) {
	set, err := NewSet([]Detector{columnGated{fakeDetector{id: "bank", kws: []string{"口座"}}}})
	if err != nil {
		t.Fatal(err)
	}
	var tx Text
	for _, tc := range []struct {
		text, column string
		runs         bool
	}{
		{"1234567", "ACCT_NO", true},
		{"1234567", "name", false},
		{"acct 1234567", "", false}, // column words do not open the gate in text
		{"口座 1234567", "", true},
	} {
		tx.SetText(tc.text, tc.column)
		ran := false
		set.Run(&tx, func(Match) { ran = true })
		if ran != tc.runs {
			t.Errorf("Run(%q, column %q) ran = %v, want %v", tc.text, tc.column, ran, tc.runs)
		}
	}
}

func TestSetRejectsDuplicateTypes(t *testing.T) {
	if _, err := NewSet([]Detector{fakeDetector{id: "a"}, fakeDetector{id: "a"}}); err == nil {
		t.Fatal("want an error for a duplicate detector type")
	}
}

type longNumbers struct{ fakeDetector }

func (longNumbers) MinDigits() int { return 10 }

func TestSetSkipsDetectorsByDigitCount(t *testing.T) {
	set, err := NewSet([]Detector{longNumbers{fakeDetector{id: "long"}}})
	if err != nil {
		t.Fatal(err)
	}
	var tx Text
	for _, tc := range []struct {
		text string
		runs bool
	}{
		{"2024/11/22 1,790,355", false}, // 8 digits in the longest span
		{"03-5989-1211", true},          // 10
		{"no digits", false},
	} {
		tx.SetText(tc.text, "")
		ran := false
		set.Run(&tx, func(Match) { ran = true })
		if ran != tc.runs {
			t.Errorf("%q: ran = %v, want %v", tc.text, ran, tc.runs)
		}
	}
}

type columnOnly struct{ fakeDetector }

func (columnOnly) ColumnWords() []string { return []string{"gender", "性別"} }

func TestSetColumnWordsWithoutKeywordsGateOnColumnsOnly(t *testing.T) {
	set, err := NewSet([]Detector{columnOnly{fakeDetector{id: "gender"}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		text, column string
		runs         bool
	}{
		{"男", "性別", true},
		{"F", "customer.Gender", true},
		{"性別は男", "", false}, // a column word in the text opens nothing
		{"gender", "note", false},
		{"男", "", false},
	} {
		var tx Text
		tx.SetText(tc.text, tc.column)
		ran := false
		set.Run(&tx, func(Match) { ran = true })
		if ran != tc.runs {
			t.Errorf("Run(%q, %q) ran %v, want %v", tc.text, tc.column, ran, tc.runs)
		}
	}
}
