package allowlist

import (
	"slices"
	"strings"
	"testing"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/detectors/all"
	"github.com/pmscan/pmscan/scanner"
)

func check(types []string) []detectors.Detector {
	ds := all.Detectors()
	if len(types) == 0 {
		return ds
	}
	return slices.DeleteFunc(ds, func(d detectors.Detector) bool { return !slices.Contains(types, d.Type()) })
}

const list = `allow:
  - id: office-phone
    value: 03-5989-1211
    types: [phone]
    reason: 当社代表番号
  - value: privacy@sample-shoji.co.jp
  - id: manuals
    place: "s3://corp-docs/manuals/**"
    types: [phone, email]
  - id: sample-column
    place: "postgres://**/public.contacts"
    column: "office_*"
  - id: test-cards
    pattern: '^4111-?1111-?1111-?1111$'
    types: [credit_card]
`

func object(name string) *connectors.Object {
	switch {
	case strings.HasPrefix(name, "s3://"):
		bucket, key, _ := strings.Cut(strings.TrimPrefix(name, "s3://"), "/")
		return &connectors.Object{Store: "s3", Bucket: bucket, Key: key}
	case strings.HasPrefix(name, "postgres://"):
		return &connectors.Object{Store: "postgres", Host: "db", Database: "crm", Table: "public.contacts"}
	}
	return &connectors.Object{Store: "file", Path: name}
}

func TestAllow(t *testing.T) {
	l, err := Parse([]byte(list), "allow.yaml", all.PolicyTypes(), check)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, typ, place, column, norm string
		want                           string // entry, "" for not allowed
	}{
		{"the phone as written", "phone", "/srv/a.txt", "", "03-5989-1211", "office-phone"},
		{"the phone width-folded, in brackets", "phone", "/srv/a.txt", "", "03(5989)1211", "office-phone"},
		{"another phone", "phone", "/srv/a.txt", "", "03-5989-1212", ""},
		{"the phone's digits as another type", "bank_account", "/srv/a.txt", "", "0359891211", ""},
		{"an entry without types: any type", "email", "/srv/a.txt", "", "Privacy@Sample-Shoji.co.jp", "allow.yaml:6"},
		{"a place", "phone", "s3://corp-docs/manuals/2024/setup.pdf", "", "090-1111-2222", "manuals"},
		{"a place, another type", "person_name", "s3://corp-docs/manuals/2024/setup.pdf", "", "山田 太郎", ""},
		{"another bucket", "phone", "s3://corp-data/manuals/a.pdf", "", "090-1111-2222", ""},
		{"a column of a table", "phone", "postgres://db/crm/public.contacts", "office_tel", "03-1111-2222", "sample-column"},
		{"another column", "phone", "postgres://db/crm/public.contacts", "tel", "03-1111-2222", ""},
		{"a pattern", "credit_card", "/srv/a.txt", "", "4111-1111-1111-1111", "test-cards"},
		{"a pattern, another card", "credit_card", "/srv/a.txt", "", "4111-1111-1111-1112", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			loc := connectors.Location{Object: object(tc.place), Column: tc.column}
			got, ok := l.Allow(tc.typ, &loc, detectors.Normalize(tc.norm), 0)
			if got != tc.want || ok != (tc.want != "") {
				t.Errorf("Allow = %q, %v; want %q", got, ok, tc.want)
			}
		})
	}
	if ids := strings.Join(l.IDs(), ","); ids != "office-phone,allow.yaml:6,manuals,sample-column,test-cards" {
		t.Errorf("ids = %s", ids)
	}
	if l.Reason("office-phone") != "当社代表番号" {
		t.Errorf("reason = %q", l.Reason("office-phone"))
	}
}

func TestErrors(t *testing.T) {
	tests := []struct{ name, yaml, want string }{
		{"unknown key", "allow:\n  - valeu: x\n", "a.yaml:2: field valeu not found"},
		{"nothing to match", "allow:\n  - id: x\n    reason: y\n", "a.yaml:2: allow entry x: give value, pattern or place"},
		{"unknown type", "allow:\n  - value: 03-5989-1211\n    types: [phnoe]\n", `a.yaml:3: allow entry a.yaml:2: unknown detector type "phnoe"`},
		{"bad regexp", "allow:\n  - pattern: '[0-9'\n", "a.yaml:2: allow entry a.yaml:2: error parsing regexp"},
		{"bad glob", "allow:\n  - place: 'a/[b'\n", "a.yaml:2: allow entry a.yaml:2:"},
		{"no letters", "allow:\n  - value: '---'\n", "the value has no letters or digits"},
		{"cannot match its type", "allow:\n  - value: 03-5989-121\n    types: [phone]\n", "no phone detector finds this value as a whole"},
		{"cannot match any type", "allow:\n  - value: hello\n", "no detector finds this value as a whole"},
		{"id twice", "allow:\n  - id: a\n    place: x\n  - id: a\n    place: y\n", "a.yaml:4: allow entry a: the id is used twice"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(tc.yaml), "a.yaml", all.PolicyTypes(), check)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error = %v, want it to hold %q", err, tc.want)
			}
		})
	}
}

// BenchmarkAllow: a finding checked against an allow list of 10,000
// values and the entries of list (patterns, places).
func BenchmarkAllow(b *testing.B) {
	l, err := Parse([]byte(BigList(10_000)+strings.TrimPrefix(list, "allow:\n")), "big.yaml", all.PolicyTypes(), nil)
	if err != nil {
		b.Fatal(err)
	}
	loc := connectors.Location{Object: object("/srv/a.txt")}
	for b.Loop() {
		l.Allow("phone", &loc, "090-1234-5678", 1)
	}
}

func TestSuppressions(t *testing.T) {
	var key scanner.ValueKey
	copy(key[:], "0123456789abcdef")
	obj := object("/srv/a.txt")
	fp := FingerprintString(Fingerprint(&key, "phone", obj.Name(), "tel", 42))
	yaml := "suppress:\n  - fingerprint: \"" + fp + "\"\n    reason: known\n  - fingerprint: \"00000000000000aa\"\n    reason: old\n    expires: \"2020-01-01\"\n"
	l, err := Parse([]byte(yaml), "s.yaml", all.PolicyTypes(), check)
	if err != nil {
		t.Fatal(err)
	}
	loc := connectors.Location{Object: obj, Column: "tel"}
	if _, ok := l.Allow("phone", &loc, "x", 42); ok {
		t.Error("a suppression applied without the key")
	}
	l.SetKey(&key)
	if id, ok := l.Allow("phone", &loc, "x", 42); !ok || id != SuppressionID(fp) {
		t.Errorf("Allow = %q, %v", id, ok)
	}
	for _, miss := range []struct {
		typ, column string
		hash        uint64
	}{{"email", "tel", 42}, {"phone", "mobile", 42}, {"phone", "tel", 43}} {
		l2 := connectors.Location{Object: obj, Column: miss.column}
		if _, ok := l.Allow(miss.typ, &l2, "x", miss.hash); ok {
			t.Errorf("%+v: suppressed", miss)
		}
	}
	if got := l.Expired(); len(got) != 1 || got[0] != "suppressed:00000000000000aa" {
		t.Errorf("expired = %v", got)
	}
	if ids := l.IDs(); len(ids) != 1 || ids[0] != SuppressionID(fp) {
		t.Errorf("ids = %v", ids)
	}

	for _, tc := range []struct{ name, yaml, want string }{
		{"bad fingerprint", "suppress:\n  - fingerprint: xyz\n    reason: r\n", "s.yaml:2: suppression xyz: the fingerprint is 16 hex digits"},
		{"no reason", "suppress:\n  - fingerprint: \"00000000000000aa\"\n", "give the reason"},
		{"bad date", "suppress:\n  - fingerprint: \"00000000000000aa\"\n    reason: r\n    expires: soon\n", "s.yaml:4: suppression 00000000000000aa: want a date"},
		{"twice", "suppress:\n  - fingerprint: \"00000000000000aa\"\n    reason: r\n  - fingerprint: \"00000000000000AA\"\n    reason: r\n", "suppressed twice"},
	} {
		if _, err := Parse([]byte(tc.yaml), "s.yaml", all.PolicyTypes(), check); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want %q", tc.name, err, tc.want)
		}
	}
}
