package policy

import (
	"strings"
	"testing"
	"time"
)

var known = []string{"person_name", "phone", "email", "my_number", "corporate_number", "sensitive", "sensitive/medical_history", "user_id", "ip_address",
	"gender", "birth_date", "address", "postal_code", "nationality", "education", "work_history", "password", "credit_card", "bank_account",
	"passport", "drivers_license", "residence_card", "pension_number", "sensitive/health_check", "sensitive/disability",
	"sensitive/religion_belief", "sensitive/race_ethnicity", "sensitive/social_status", "sensitive/criminal_record", "sensitive/crime_victim"}

func TestDefaultPolicyParses(t *testing.T) {
	p := Default(known)
	if len(p.Items) < 15 {
		t.Fatalf("%d items", len(p.Items))
	}
	it, err := p.ItemFor("my_number", "", "")
	if err != nil || it.Class != ClassMyNumber {
		t.Errorf("my_number → %+v, %v", it, err)
	}
	it, err = p.ItemFor("sensitive", "medical_history", "")
	if err != nil || it.Class != ClassSensitive || it.IsHeld() {
		t.Errorf("sensitive/medical_history → %+v, %v", it, err)
	}
	if it, err := p.ItemFor("corporate_number", "", ""); it != nil || err != nil {
		t.Errorf("corporate_number is not personal information: %+v, %v", it, err)
	}
}

// TestParseErrors: every mistake is reported with the line it is on.
func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, yaml, want string
	}{
		{"not YAML", "items: [\n  - id: x\n  name", "policy.yaml:1: did not find expected node content"},
		{"unknown field", "items:\n  - id: phone\n    name: 電話番号\n    class: 個人情報\n    typos: [phone]\n", "policy.yaml:5: field typos not found"},
		{"unknown type", "items:\n  - id: phone\n    name: 電話番号\n    class: 個人情報\n    types:\n      - phone\n      - phnoe\n", `policy.yaml:7: item "phone": unknown detector type "phnoe"`},
		{"unknown class", "items:\n  - id: phone\n    name: 電話番号\n    class: 個人データ\n", `policy.yaml:2: item "phone": class "個人データ"`},
		{"duplicate id", "items:\n  - {id: a, name: A, class: 個人情報}\n  - {id: a, name: B, class: 個人情報}\n", `policy.yaml:3: item id "a" is used twice`},
		{"unknown store", "stores:\n  - {name: 顧客DB, match: ['postgres://**']}\nitems:\n  - id: a\n    name: A\n    class: 個人情報\n    stores: [顧客DB, 人事DB]\n", `policy.yaml:7: item "a": store "人事DB"`},
		{"bad retention", "items:\n  - id: a\n    name: A\n    class: 個人情報\n    retention: 5 years\n", "policy.yaml:5: retention"},
		{"type claimed twice", "items:\n  - {id: a, name: A, class: 個人情報, types: [phone]}\n  - {id: b, name: B, class: 個人情報, types: [phone]}\n", `policy.yaml:3: item "b": type "phone" already maps to item "a"`},
		{"no items", "company: x\n", "policy.yaml:1: the policy declares no items"},
		{"unknown access kind", "items:\n  - id: a\n    name: A\n    class: 個人情報\n    access:\n      - group:hr\n      - team:hr\n", `policy.yaml:7: item "a": access "team:hr": kind "team"`},
		{"bad access pattern", "items:\n  - {id: a, name: A, class: 個人情報, access: ['user:[a']}\n", `item "a": access "user:[a": bad pattern`},
		{"store access", "stores:\n  - name: 人事\n    match: ['**']\n    access: [':x']\nitems:\n  - {id: a, name: A, class: 個人情報}\n", `policy.yaml:4: store "人事": access ":x": kind ""`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.yaml), "policy.yaml", known)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestItemForColumns(t *testing.T) {
	p, err := Parse([]byte(`
items:
  - {id: account, name: ユーザーID, class: 個人情報, types: [user_id]}
  - {id: member, name: 会員番号, class: 個人情報, types: [user_id], columns: [会員番号, member_no]}
`), "p", known)
	if err != nil {
		t.Fatal(err)
	}
	for column, want := range map[string]string{"会員番号": "member", "profile.member_no": "member", "MEMBER_NO": "member", "login_id": "account", "": "account"} {
		if it, err := p.ItemFor("user_id", "", column); err != nil || it.ID != want {
			t.Errorf("column %q → %+v, %v; want %s", column, it, err, want)
		}
	}
	if _, err := p.ItemFor("email", "", ""); err != ErrNoItem {
		t.Errorf("an unlisted type: %v, want ErrNoItem", err)
	}
}

func TestDeclaredAt(t *testing.T) {
	p, err := Parse([]byte(`
stores:
  - {name: 人事, match: ["postgres://*/hr/**", "s3://hr-exports/**"]}
items:
  - {id: my_number, name: 個人番号, class: 特定個人情報, types: [my_number], stores: [人事]}
  - {id: phone, name: 電話番号, class: 個人情報, types: [phone]}
`), "p", known)
	if err != nil {
		t.Fatal(err)
	}
	mn, phone := &p.Items[0], &p.Items[1]
	for place, want := range map[string]bool{
		"postgres://db:5432/hr/public.employees": true,
		"s3://hr-exports/2024/payroll.csv":       true,
		"s3://corp-exports/crm/customers.csv":    false,
		"exports/customers.csv":                  false,
	} {
		if got := p.DeclaredAt(mn, place); got != want {
			t.Errorf("my_number at %s: %v, want %v", place, got, want)
		}
	}
	if !p.DeclaredAt(phone, "anything/at/all") {
		t.Error("an item without stores is declared everywhere")
	}
}

func TestRetention(t *testing.T) {
	now := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	for in, want := range map[string]time.Time{
		"90d": time.Date(2026, 8, 24, 0, 0, 0, 0, time.UTC),
		"18m": time.Date(2025, 5, 22, 0, 0, 0, 0, time.UTC),
		"5y":  time.Date(2021, 11, 22, 0, 0, 0, 0, time.UTC),
	} {
		r, err := ParseRetention(in)
		if err != nil || !r.Cutoff(now).Equal(want) {
			t.Errorf("%s: cutoff %v, %v; want %v", in, r.Cutoff(now), err, want)
		}
	}
	for _, bad := range []string{"5", "y", "-1y", "5w", "five years"} {
		if _, err := ParseRetention(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

// TestParseErrorLines: a YAML mistake is reported at its own line, as
// policy.yaml:N:, although yaml.v3 names the line where the enclosing
// block starts (a comment header pushes that far from the mistake, to
// line 1 for a mistake in a top-level block). The policy's first six lines
// are the same in every case.
func TestParseErrorLines(t *testing.T) {
	const head = "# policy\ncompany: 例\nstores:\n  - {name: db, match: ['**']}\nitems:\n  - id: phone\n"
	const tail = "    class: 個人情報\n    types: [phone]\n"
	tests := []struct {
		name, body string
		want       []string
	}{
		{"junk at the top level", "    name: 電話番号\noops\n" + tail, []string{"policy.yaml:8: "}},
		{"key out of its block", "    name: 電話番号\n ignore_types: [x]\n" + tail, []string{"policy.yaml:8: "}},
		{"unterminated quote", "    name: \"電話番号\n" + tail, []string{"policy.yaml:7: "}},
		{"tab indent", "\tname: 電話番号\n" + tail, []string{"policy.yaml:7: "}},
		{"unclosed flow sequence", "    name: 電話番号\n    types: [phone\n    class: 個人情報\n", []string{"policy.yaml:8: "}},
		{"misindented key", "    name: 電話番号\n   class: 個人情報\n", []string{"policy.yaml:8: "}},
		// A flow sequence over two lines is no mistake: the one after it is.
		{"after a multi-line flow", "    name: 電話番号\n    columns: [tel,\n      phone_no]\n   class: 個人情報\n", []string{"policy.yaml:10: "}},
		{"unknown field", "    name: 電話番号\n    typos: [phone]\n" + tail, []string{"policy.yaml:8: field typos not found"}},
		{"wrong type", "    held: maybe\n    name: 電話番号\n    types: phone\n    class: 個人情報\n",
			[]string{"policy.yaml:7: cannot unmarshal !!str `maybe` into bool", "policy.yaml:9: cannot unmarshal !!str `phone`"}},
		{"bad retention", "    retention: 5 years\n    name: 電話番号\n" + tail, []string{"policy.yaml:7: retention \"5 years\""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(head+tt.body), "policy.yaml", known)
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error = %v, want one containing %q", err, w)
				}
			}
		})
	}
}

// TestAccessLists: the lists that apply to a holding are its item's and
// its stores'; a reader must be named by each.
func TestAccessLists(t *testing.T) {
	p, err := Parse([]byte(`
stores:
  - {name: 人事, match: ["s3://hr-exports/**"], access: ["group:jinji", "'backup'@*"]}
  - {name: 共有, match: ["share/**"]}
items:
  - {id: my_number, name: 個人番号, class: 特定個人情報, types: [my_number], access: ["group:jinji", "user:hr-*", "role:payroll_?"]}
  - {id: phone, name: 電話番号, class: 個人情報, types: [phone]}
`), "p", known)
	if err != nil {
		t.Fatal(err)
	}
	mn, phone := &p.Items[0], &p.Items[1]
	allowed := func(lists []AccessList, kind, name string) bool {
		for _, l := range lists {
			if !l.Allows(kind, name) {
				return false
			}
		}
		return true
	}
	for _, tc := range []struct {
		it          *Item
		place       string
		lists       int
		kind, name  string
		wantAllowed bool
	}{
		{mn, "s3://hr-exports/a.csv", 2, "group", "jinji", true},   // both lists name it
		{mn, "s3://hr-exports/a.csv", 2, "user", "hr-sato", false}, // the item's, not the store's
		{mn, "s3://hr-exports/a.csv", 2, "user", "'backup'@'%'", false},
		{mn, "share/a.csv", 1, "user", "hr-sato", true},   // the item's alone
		{mn, "share/a.csv", 1, "role", "payroll_1", true}, // ? is one character
		{mn, "share/a.csv", 1, "role", "payroll_12", false},
		{mn, "share/a.csv", 1, "group", "hr-sato", false}, // the kind must match
		{phone, "s3://hr-exports/a.csv", 1, "user", "'backup'@'%'", true},
		{phone, "share/a.csv", 0, "user", "anyone", true}, // no list applies
	} {
		lists := p.AccessLists(tc.it, tc.place)
		if len(lists) != tc.lists {
			t.Errorf("%s at %s: %d lists %v, want %d", tc.it.ID, tc.place, len(lists), lists, tc.lists)
		}
		if got := allowed(lists, tc.kind, tc.name); got != tc.wantAllowed {
			t.Errorf("%s at %s: %s:%s allowed %v, want %v", tc.it.ID, tc.place, tc.kind, tc.name, got, tc.wantAllowed)
		}
	}
}
