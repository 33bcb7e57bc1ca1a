package custom

import (
	"os"
	"strings"
	"testing"

	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/detectors/all"
	"github.com/pmscan/pmscan/detectors/detectortest"
)

func load(t *testing.T) *RuleSet {
	t.Helper()
	rs, err := Load("testdata/rules.yaml", all.PolicyTypes())
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

func TestLoadRunsExamples(t *testing.T) {
	rs := load(t)
	if got := strings.Join(rs.Types(), ","); got != "member_number,employee_number,patient_id" {
		t.Fatalf("types = %s", got)
	}
	for _, r := range rs.Test() {
		if r.Err != nil {
			t.Errorf("%s: %v", r.Rule, r.Err)
		}
	}
	if refs := rs.Items(); refs[0].Item != "member_id" || !strings.HasPrefix(refs[0].Where, "testdata/rules.yaml:3") {
		t.Errorf("items = %+v", refs)
	}
}

// scan runs rs's detectors with the built-in ones over text in column,
// and returns "type:value:confidence" for every match.
func scan(t *testing.T, rs *RuleSet, text, column string) []string {
	t.Helper()
	set, err := detectors.NewSet(append(all.Detectors(), rs.Detectors()...))
	if err != nil {
		t.Fatal(err)
	}
	var tx detectors.Text
	tx.SetText(text, column)
	var out []string
	set.Run(&tx, func(m detectors.Match) {
		out = append(out, m.Detector.Type()+":"+tx.OrigSpan(m.Start, m.End)+":"+m.Verdict.Confidence.String())
	})
	return out
}

// TestWithBuiltIns: the rules run beside the built-in detectors, through
// the same normalisation (full-width digits), and only the evidence their
// rule names raises them.
func TestWithBuiltIns(t *testing.T) {
	rs := load(t)
	tests := []struct {
		name, text, column string
		want, notWant      string
	}{
		{"keyword, full-width", "会員番号：Ｍ２０２４１２０７ 様", "", "member_number:Ｍ２０２４１２０７:medium", ""},
		{"column", "M20241207", "kaiin_no", "member_number:M20241207:high", ""},
		{"alone: low", "M20241207", "", "member_number:M20241207:low", ""},
		{"ignored value", "会員番号: M-12345678", "", "", "member_number"},
		{"employee, check digit", "社員番号: 1234560", "", "employee_number:1234560:high", ""},
		{"employee, bad check digit", "社員番号: 1234567", "", "", "employee_number"},
		{"employee, gated: no keyword", "1234560", "", "", "employee_number"},
		{"patient, another rule's keyword does not open it", "社員番号 P123456", "", "", "patient_id"},
		{"beside a phone number", "会員番号 M20241207 電話 03-1234-5678", "", "member_number:M20241207:medium", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := strings.Join(scan(t, rs, tc.text, tc.column), " ")
			if tc.want != "" && !strings.Contains(got, tc.want) {
				t.Errorf("found %q, want %q", got, tc.want)
			}
			if tc.notWant != "" && strings.Contains(got, tc.notWant) {
				t.Errorf("found %q, want no %s", got, tc.notWant)
			}
		})
	}
}

func TestMask(t *testing.T) {
	d := load(t).Detectors()[0]
	detectortest.AssertMask(t, d, map[string]string{"M20241207": "*******07", "M-31415926": "*-******26"})
}

func TestErrors(t *testing.T) {
	builtIn := all.PolicyTypes()
	tests := []struct{ name, yaml, want string }{
		{"unknown key", "rules:\n  - id: a_b\n    patern: x\n", "r.yaml:3: field patern not found"},
		{"no id", "rules:\n  - pattern: x\n", "r.yaml:2: a rule without an id"},
		{"bad id", "rules:\n  - id: Member-No\n    pattern: x\n", `r.yaml:2: rule "Member-No": the id must be snake_case`},
		{"built-in id", "rules:\n  - id: phone\n    pattern: x\n", `r.yaml:2: rule "phone": phone is a built-in type`},
		{"twice", "rules:\n  - id: a_b\n    pattern: x\n  - id: a_b\n    pattern: y\n", `r.yaml:4: rule "a_b": the id is used twice (also at r.yaml:2)`},
		{"no pattern", "rules:\n  - id: a_b\n", `r.yaml:2: rule "a_b": no pattern`},
		{"bad regex", "rules:\n  - id: a_b\n    pattern: '[0-9'\n", `r.yaml:3: rule "a_b": error parsing regexp`},
		{"backreference", "rules:\n  - id: a_b\n    pattern: '(a)\\1'\n", `r.yaml:3: rule "a_b": error parsing regexp: invalid escape`},
		{"empty match", "rules:\n  - id: a_b\n    pattern: 'x*'\n", "matches the empty string"},
		{"bad confidence", "rules:\n  - id: a_b\n    pattern: x\n    confidence: {keyword: sure}\n", `r.yaml:4: rule "a_b": keyword: unknown confidence "sure"`},
		{"never reports", "rules:\n  - id: a_b\n    pattern: x\n    confidence: {pattern: reject}\n", "can never report anything"},
		{"unknown validator", "rules:\n  - id: a_b\n    pattern: x\n    validate: [crc32]\n", `unknown validator "crc32"`},
		{"mod without weights", "rules:\n  - id: a_b\n    pattern: x\n    validate: [{mod: 11}]\n", "mod: give the weights"},
		{"bad length", "rules:\n  - id: a_b\n    pattern: x\n    validate: [{length: [5]}]\n", "length: want [MIN, MAX]"},
		{"distance", "rules:\n  - id: a_b\n    pattern: x\n    distance: {before: 500}\n", "before and after are 0 to 200"},
		{"empty keyword", "rules:\n  - id: a_b\n    pattern: x\n    keywords: [' ']\n", "keywords: an empty word"},
		{"failing match example", "rules:\n  - id: a_b\n    pattern: 'A[0-9]{3}'\n    confidence: {pattern: medium}\n    examples:\n      match: [A12]\n",
			`r.yaml:6: rule "a_b": example "A12": nothing found at medium or above`},
		{"failing no_match example", "rules:\n  - id: a_b\n    pattern: 'A[0-9]{3}'\n    confidence: {pattern: medium}\n    examples:\n      no_match: [A123]\n",
			`no_match example "A123": found ["A123"]`},
		{"wrong value", "rules:\n  - id: a_b\n    pattern: 'A[0-9]{3}'\n    confidence: {pattern: medium}\n    examples:\n      match: [{text: A123, value: A124}]\n",
			`found ["A123"], not "A124"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(tc.yaml), "r.yaml", builtIn)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error = %v, want it to hold %q", err, tc.want)
			}
		})
	}
}

func TestValidators(t *testing.T) {
	tests := []struct {
		v     Validator
		value string
		want  bool
	}{
		{Validator{Kind: "luhn"}, "4111-1111-1111-1111", true},
		{Validator{Kind: "luhn"}, "4111-1111-1111-1112", false},
		{Validator{Kind: "my_number"}, "1234 5678 9018", true},
		{Validator{Kind: "my_number"}, "123456789012", false},
		{Validator{Kind: "date", Layout: "20060102"}, "2024-02-29", true},
		{Validator{Kind: "date", Layout: "20060102"}, "2023-02-29", false},
		{Validator{Kind: "mod", Modulus: 11, Weights: []int{2, 3, 4, 5, 6, 7}, Complement: true}, "1234560", true},
		{Validator{Kind: "mod", Modulus: 11, Weights: []int{2, 3, 4, 5, 6, 7}, Complement: true}, "1234561", false},
		{Validator{Kind: "mod", Modulus: 10, Weights: []int{1}, Complement: false}, "1236", true}, // 1+2+3 = 6
		{Validator{Kind: "length", Min: 8, Max: 10}, "AB-123456", true},
		{Validator{Kind: "length", Min: 8, Max: 10}, "AB-1234", false},
	}
	for _, tc := range tests {
		if err := tc.v.check(); err != nil {
			t.Fatalf("%+v: %v", tc.v, err)
		}
		if got := tc.v.valid(tc.value); got != tc.want {
			t.Errorf("%s(%q) = %v, want %v", tc.v.Kind, tc.value, got, tc.want)
		}
	}
}

// TestManyRulesShareGates: more gated rules than the prefilter has bits
// still each fire on their own keyword only.
func TestManyRulesShareGates(t *testing.T) {
	var b strings.Builder
	b.WriteString("rules:\n")
	for i := range 80 {
		n := string(rune('a'+i/26)) + string(rune('a'+i%26))
		b.WriteString("  - id: rule_" + n + "\n    pattern: '\\bX" + n + "[0-9]{4}\\b'\n    keywords: [kw" + n + "]\n    confidence: {pattern: reject}\n")
	}
	rs, err := Parse([]byte(b.String()), "many.yaml", all.PolicyTypes())
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ text, want string }{
		{"kwaa Xaa1234", "rule_aa:Xaa1234:medium"},
		{"kwdb Xdb1234", "rule_db:Xdb1234:medium"},
		{"kwaa Xdb1234", ""}, // rule_db's bit may be open; its own keyword is not there
	} {
		got := strings.Join(scan(t, rs, tc.text, ""), " ")
		if got != tc.want {
			t.Errorf("%q: found %q, want %q", tc.text, got, tc.want)
		}
	}
}

// FuzzParse: no rules file makes Parse panic, and what it accepts runs on
// any text without panicking.
func FuzzParse(f *testing.F) {
	seed, _ := os.ReadFile("testdata/rules.yaml")
	f.Add(seed, "会員番号：Ｍ２０２４１２０７")
	f.Add([]byte("rules:\n  - id: a_b\n    pattern: '[0-9]+'\n    validate: [{mod: 7, weights: [1, 3]}, {length: [1, 3]}, date]\n"), "12 1234 20240229")
	builtIn := all.PolicyTypes()
	f.Fuzz(func(t *testing.T, data []byte, text string) {
		rs, err := ParseForTest(data, "fuzz.yaml", builtIn)
		if err != nil {
			return
		}
		set, err := detectors.NewSet(rs.Detectors())
		if err != nil {
			return
		}
		var tx detectors.Text
		tx.SetText(text, "会員")
		set.Run(&tx, func(detectors.Match) {})
		rs.Test()
	})
}

func TestPrefilter(t *testing.T) {
	tests := []struct {
		pattern, literal string
		digit            bool
	}{
		{`\bM-?[0-9]{8}\b`, "m", true},
		{`\bMEM[0-9]{8}\b`, "mem", true},
		{`(?i)kaiin-[a-z]{4}`, "kaiin-", false},
		{`会員(番号|ID)[0-9]+`, "会員", true},
		{`\b[0-9]{7}\b`, "", true},
		{`(AB|CD)[0-9]?`, "", false},
		{`x(?:[0-9]|[a-f])`, "x", false},
		{`(?i)ΣΑ[0-9]`, "", true},
	}
	for _, tc := range tests {
		c := &compiled{}
		c.prefilter(tc.pattern)
		if c.literal != tc.literal || c.digit != tc.digit {
			t.Errorf("%s: literal %q digit %v, want %q %v", tc.pattern, c.literal, c.digit, tc.literal, tc.digit)
		}
	}
}
