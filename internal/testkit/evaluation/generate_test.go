package evaluation

import (
	"bytes"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/pmscan/pmscan/internal/testkit/synthetic"
)

func TestGenerateDeterministic(t *testing.T) {
	a, b := Generate(DefaultSeed, 400), Generate(DefaultSeed, 400)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("same seed gave different samples")
	}
	if len(a) != 400 {
		t.Fatalf("got %d samples, want 400", len(a))
	}
	if c := Generate(DefaultSeed+1, 400); reflect.DeepEqual(a, c) {
		t.Fatal("different seeds gave the same samples")
	}
}

// honorifics and labels that must stay outside a name label.
var notInName = []string{"様", "さん", "氏", "殿", "先生", "部長", "課長", "主任", "くん", "ちゃん", "氏名", "担当", "：", ":", "（", "）", "<", "Name", "Contact"}

var (
	postalRE   = regexp.MustCompile(`^[0-9]{3}-?[0-9]{4}$`)
	addrEndsRE = regexp.MustCompile(`([0-9０-９]|[一二三四五六七八九十]|号|番地|号室|F)$`)
)

func TestLabelsSpanWhatTheyClaim(t *testing.T) {
	starts := map[string]bool{}
	for _, p := range places {
		starts[p.pref] = true
		starts[p.city] = true
	}
	for i, s := range Generate(DefaultSeed, DefaultN) {
		if err := s.Validate(); err != nil {
			t.Fatalf("sample %d %q: %v", i, s.Text, err)
		}
		if s.Context != ContextNegative && (s.Context == ContextSentence) == (s.Column != "") {
			t.Errorf("sample %d: context %s with column %q", i, s.Context, s.Column)
		}
		for j, l := range s.Labels {
			v := s.Text[l.Start:l.End]
			if strings.TrimSpace(strings.Trim(v, "　")) != v {
				t.Errorf("sample %d: %s label %q has padding", i, l.Type, v)
			}
			for _, m := range s.Labels[j+1:] {
				if l.Start < m.End && m.Start < l.End {
					t.Errorf("sample %d: labels %q and %q overlap", i, v, s.Text[m.Start:m.End])
				}
			}
			switch l.Type {
			case TypePersonName:
				for _, h := range notInName {
					if strings.Contains(v, h) {
						t.Errorf("sample %d: name label %q contains %q", i, v, h)
					}
				}
			case TypeAddress:
				if strings.HasPrefix(v, "〒") || !addrEndsRE.MatchString(v) {
					t.Errorf("sample %d: address label %q", i, v)
				}
				ok := false
				for p := range starts {
					ok = ok || strings.HasPrefix(v, p)
				}
				if !ok {
					t.Errorf("sample %d: address label %q starts with neither prefecture nor municipality", i, v)
				}
			case TypePostalCode:
				if !postalRE.MatchString(v) {
					t.Errorf("sample %d: postal label %q", i, v)
				}
			case TypeSensitive:
				if l.Kind == "" {
					t.Errorf("sample %d: sensitive label %q without kind", i, v)
				}
			}
		}
		// A cell with one label is labelled whole, padding aside.
		if s.Context != ContextSentence && len(s.Labels) == 1 {
			if l := s.Labels[0]; s.Text[l.Start:l.End] != strings.TrimSpace(strings.Trim(s.Text, " 　")) {
				t.Errorf("sample %d: cell %q labelled %q", i, s.Text, s.Text[l.Start:l.End])
			}
		}
	}
}

func TestGenerateMix(t *testing.T) {
	samples := Generate(DefaultSeed, DefaultN)
	contexts := map[string]int{}
	nameContexts := map[string]int{}
	names, rare := 0, 0
	cities := map[string]bool{}
	kinds := map[string]bool{}
	for _, s := range samples {
		contexts[s.Context]++
		for _, l := range s.Labels {
			v := s.Text[l.Start:l.End]
			switch l.Type {
			case TypePersonName:
				nameContexts[s.Context]++
				names++
				if isRare(v) {
					rare++
				}
			case TypeAddress:
				for _, p := range places {
					if strings.Contains(v, p.city) {
						cities[p.city] = true
					}
				}
			case TypeSensitive:
				kinds[l.Kind] = true
			}
		}
	}
	if neg := contexts[ContextNegative]; neg*4 < len(samples) {
		t.Errorf("%d hard negatives of %d samples, want at least 25%%", neg, len(samples))
	}
	for _, c := range []string{ContextCSV, ContextJSON, ContextSentence} {
		if nameContexts[c] < 100 {
			t.Errorf("%d name labels in %s samples, want 100 or more", nameContexts[c], c)
		}
	}
	if rare*5 < names {
		t.Errorf("%d of %d name labels use a rare surname or modern given name, want 20%% or more", rare, names)
	}
	if len(cities) < 40 {
		t.Errorf("addresses in %d municipalities, want 40 or more", len(cities))
	}
	if len(kinds) != 8 {
		t.Errorf("sensitive kinds %v, want all 8", kinds)
	}
	t.Logf("contexts %v, name labels by context %v, rare names %d/%d, municipalities %d", contexts, nameContexts, rare, names, len(cities))
}

// isRare reports whether a name label uses a rare surname or a modern given
// name, in any script.
func isRare(v string) bool {
	for _, list := range [][]string{kanjiOf(rareSurnames), kanjiOf(modernGivenNames)} {
		for _, w := range list {
			if strings.Contains(v, w) {
				return true
			}
		}
	}
	for _, n := range append(rareSurnames[:len(rareSurnames):len(rareSurnames)], modernGivenNames...) {
		if strings.Contains(strings.ToLower(v), strings.ToLower(n.Romaji)) || strings.Contains(halfWidthKana(v), halfWidthKana(n.Kana)) {
			return true
		}
	}
	return false
}

func TestJSONLRoundTrip(t *testing.T) {
	samples := Generate(DefaultSeed, 300)
	var b bytes.Buffer
	if err := WriteJSONL(&b, samples); err != nil {
		t.Fatal(err)
	}
	got, err := ReadJSONL(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, samples) {
		t.Fatal("samples changed in a JSONL round trip")
	}

	bad := []string{
		`{"context":"csv","column":"氏名","text":"山田太郎","labels":[{"type":"person_name","start":0,"end":6,"value":"山田太郎"}]}`,
		`{"context":"csv","column":"氏名","text":"山田太郎","labels":[{"type":"person_name","start":0,"end":13,"value":"山田太郎"}]}`,
		`{"context":"csv","column":"氏名","text":"山田太郎","labels":[{"type":"person_name","start":1,"end":12,"value":"山田太郎"}]}`,
		`{"context":"negative","text":"山田太郎","labels":[{"type":"person_name","start":0,"end":12,"value":"山田太郎"}]}`,
		`{"context":"table","text":"山田太郎"}`,
	}
	for _, line := range bad {
		if _, err := ReadJSONL(strings.NewReader(line)); err == nil {
			t.Errorf("ReadJSONL accepted %s", line)
		}
	}
}

func TestKanjiNumber(t *testing.T) {
	for n, want := range map[int]string{1: "一", 9: "九", 10: "十", 12: "十二", 20: "二十", 23: "二十三", 40: "四十"} {
		if got := kanjiNumber(n); got != want {
			t.Errorf("kanjiNumber(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestHalfWidthKana(t *testing.T) {
	for in, want := range map[string]string{
		"ヤマダ タロウ": "ﾔﾏﾀﾞ ﾀﾛｳ",
		"ショウジ　パト": "ｼｮｳｼﾞ ﾊﾟﾄ",
		"ヴァン":     "ｳﾞｧﾝ",
	} {
		if got := halfWidthKana(in); got != want {
			t.Errorf("halfWidthKana(%q) = %q, want %q", in, got, want)
		}
	}
}

func kanjiOf(names []synthetic.Name) []string {
	var out []string
	for _, n := range names {
		out = append(out, n.Kanji)
	}
	return out
}

// TestSensitivePhrases: a sensitive label spans the phrase of the detector's
// convention, with no phrase mark left in the text, and the other labels
// keep their text.
func TestSensitivePhrases(t *testing.T) {
	seen := map[string]bool{}
	for i, s := range Generate(DefaultSeed, DefaultN) {
		if strings.Contains(s.Text, phraseOpen) || strings.Contains(s.Text, phraseClose) {
			t.Fatalf("sample %d %q: phrase mark left", i, s.Text)
		}
		for _, l := range s.Labels {
			if l.Type != TypeSensitive || s.Context != ContextSentence {
				continue
			}
			v := s.Text[l.Start:l.End]
			switch {
			case strings.HasPrefix(v, "信仰："), strings.HasPrefix(v, "既往歴："):
				seen["label"] = true
			case strings.HasSuffix(v, "あり"), strings.HasSuffix(v, "がある"):
				seen["status"] = true
			case strings.HasSuffix(v, "級"):
				seen["grade"] = true
			}
			for _, bad := range []string{"信仰：", "既往歴：", "あり", "がある", "級"} {
				if strings.Contains(s.Text, v+bad) {
					t.Errorf("sample %d %q: label %q leaves out %q", i, s.Text, v, bad)
				}
			}
		}
	}
	for _, k := range []string{"label", "status", "grade"} {
		if !seen[k] {
			t.Errorf("no sensitive phrase with a %s", k)
		}
	}

	got := phrase(Sample{Context: ContextSentence, Text: "山田は«前科あり»。", Labels: []Label{
		{Type: TypePersonName, Start: 0, End: len("山田")},
		{Type: TypeSensitive, Kind: "criminal_record", Start: len("山田は«"), End: len("山田は«前科")},
	}})
	want := Sample{Context: ContextSentence, Text: "山田は前科あり。", Labels: []Label{
		{Type: TypePersonName, Start: 0, End: len("山田")},
		{Type: TypeSensitive, Kind: "criminal_record", Start: len("山田は"), End: len("山田は前科あり")},
	}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("phrase = %+v, want %+v", got, want)
	}
}
