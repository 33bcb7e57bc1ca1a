package evaluation

import (
	"slices"
	"strings"
	"testing"

	"github.com/pmscan/pmscan/detectors"
)

func TestReadMarked(t *testing.T) {
	in := "# a comment\n\n[names_after_titles]\n" +
		"sentence\t\t部長 {{person_name:山田太郎}}と{{person_name:森}}様\n" +
		"csv\t住所\t〒{{postal_code:060-0001}} {{address:札幌市中央区北1条西2-3}}\n" +
		"[header_words]\n" +
		"negative\tA\t氏名\n" +
		"csv\t病歴\t{{sensitive/medical_history:糖尿病}}\r\n"
	got, err := ReadMarked(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	type label struct{ typ, kind, value string }
	want := []struct {
		class, context, column, text string
		labels                       []label
	}{
		{"names_after_titles", ContextSentence, "", "部長 山田太郎と森様", []label{{"person_name", "", "山田太郎"}, {"person_name", "", "森"}}},
		{"names_after_titles", ContextCSV, "住所", "〒060-0001 札幌市中央区北1条西2-3", []label{{"postal_code", "", "060-0001"}, {"address", "", "札幌市中央区北1条西2-3"}}},
		{"header_words", ContextNegative, "A", "氏名", nil},
		{"header_words", ContextCSV, "病歴", "糖尿病", []label{{"sensitive", "medical_history", "糖尿病"}}},
	}
	if len(got) != len(want) {
		t.Fatalf("%d samples, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if g.Class != w.class || g.Context != w.context || g.Column != w.column || g.Text != w.text {
			t.Errorf("sample %d = %+v, want %+v", i, g, w)
		}
		var gl []label
		for _, l := range g.Labels {
			gl = append(gl, label{l.Type, l.Kind, g.Text[l.Start:l.End]})
		}
		if !slices.Equal(gl, w.labels) {
			t.Errorf("sample %d labels %v, want %v", i, gl, w.labels)
		}
	}
}

func TestReadMarkedErrors(t *testing.T) {
	for _, tt := range []struct{ line, err string }{
		{"sentence\tonly two", "2 tab-separated fields"},
		{"sentence\t\t\tfour", "4 tab-separated fields"},
		{"sentence\t\t{{person_name:山田", "{{ without }}"},
		{"sentence\t\t山田}} 花子", "}} without {{"},
		{"sentence\t\t{{山田}}", "want {{TYPE:VALUE}}"},
		{"sentence\t\t{{person_name:}}", "want {{TYPE:VALUE}}"},
		{"negative\t\t{{person_name:山田}}", "negative sample has labels"},
		{"cell\t\t山田", `unknown context "cell"`},
	} {
		_, err := ReadMarked(strings.NewReader(tt.line + "\n"))
		if err == nil || !strings.Contains(err.Error(), tt.err) || !strings.HasPrefix(err.Error(), "line 1: ") {
			t.Errorf("%q: error %v, want line 1 and %q", tt.line, err, tt.err)
		}
	}
}

// TestIndependentSet: the committed set reads, and every error class the
// detection issue lists has cases of its own, positives and negatives.
func TestIndependentSet(t *testing.T) {
	samples, err := Independent()
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	labels := map[string]int{}
	for _, s := range samples {
		count[s.Class]++
		for _, l := range s.Labels {
			labels[l.Type]++
		}
	}
	if count[""] > 0 {
		t.Errorf("%d samples without a class", count[""])
	}
	for _, class := range []string{
		"names_varied_templates", "halfwidth_kana_names", "names_in_free_text_cells", "names_after_titles",
		"romanised_names_in_text", "kana_given_names", "one_char_surname", "names_hard_negatives",
		"single_kanji_after_label", "role_nouns_honorific", "org_unit_titles", "business_sentences", "header_words",
		"json_key_names", "noise_mixed",
		"phones", "emails", "my_numbers", "credit_cards", "birth_dates", "postal_codes",
		"jan_codes", "order_numbers", "other_business_numbers",
		"addresses_formal", "addresses_informal", "addresses_with_postal", "address_hard_negatives",
	} {
		if count[class] < 20 {
			t.Errorf("class %s has %d samples, want at least 20", class, count[class])
		}
	}
	for _, typ := range []string{"person_name", "address", "postal_code", "phone", "email", "my_number", "credit_card", "birth_date"} {
		if labels[typ] < 20 {
			t.Errorf("%d labels of %s, want at least 20", labels[typ], typ)
		}
	}
}

func TestByClass(t *testing.T) {
	s1 := Sample{Context: ContextSentence, Text: "部長 山田太郎", Class: "a", Labels: []Label{{Type: "person_name", Start: 7, End: 19}}}
	s2 := Sample{Context: ContextNegative, Text: "総務課課長", Class: "b"}
	s3 := Sample{Context: ContextNegative, Text: "支店長", Class: "b"}
	r := Result{Outcomes: []Outcome{
		{Sample: s1, Predictions: []Prediction{{Type: "person_name", Start: 4, End: 19, Confidence: detectors.Low}}},
		{Sample: s2, Predictions: []Prediction{{Type: "person_name", Start: 9, End: 12}}},
		{Sample: s3},
	}}
	got := r.ByClass()
	want := []ClassResult{
		{Class: "a", Samples: 1, Counts: Counts{FP: 1, FN: 1, Partial: 1}},
		{Class: "b", Samples: 2, Counts: Counts{FP: 1}, NegativeLines: 2, NegativeFalseLines: 1},
	}
	if !slices.Equal(got, want) {
		t.Errorf("ByClass = %+v, want %+v", got, want)
	}
	if table := r.ClassTable(); !strings.Contains(table, "1/2") || !strings.Contains(table, "by class") {
		t.Errorf("ClassTable:\n%s", table)
	}
}

func TestByConfidence(t *testing.T) {
	s := Sample{Context: ContextSentence, Text: "山田 花子と森", Labels: []Label{{Type: "person_name", Start: 0, End: 13}}}
	r := Result{MinConfidence: detectors.Medium, Outcomes: []Outcome{{Sample: s, Predictions: []Prediction{
		{Type: "person_name", Start: 0, End: 13, Confidence: detectors.High},
		{Type: "person_name", Start: 16, End: 19, Confidence: detectors.Low},
		{Type: "address", Start: 16, End: 19, Confidence: detectors.Medium},
	}}}}
	want := []ConfidenceCounts{{detectors.Low, 1, 0}, {detectors.Medium, 1, 0}, {detectors.High, 1, 1}}
	if got := r.ByConfidence(); !slices.Equal(got, want) {
		t.Errorf("ByConfidence = %v, want %v", got, want)
	}
	table := r.ConfidenceTable()
	if strings.Contains(table, "low") || !strings.Contains(table, "1.000") {
		t.Errorf("ConfidenceTable (min medium):\n%s", table)
	}
}
