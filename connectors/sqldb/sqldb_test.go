package sqldb

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestFilter(t *testing.T) {
	f := Filter{Include: []string{"public.*", "customers", "sales.order_*"}, Exclude: []string{"*.tmp_*", "public.audit"}}
	tests := []struct {
		schema, table string
		want          bool
	}{
		{"public", "users", true},
		{"crm", "customers", true}, // a pattern without a dot matches the name in any schema
		{"sales", "order_lines", true},
		{"sales", "invoices", false},
		{"public", "tmp_import", false},
		{"public", "audit", false},
		{"publicity", "users", false},
	}
	for _, tc := range tests {
		if got := f.Match(tc.schema, tc.table); got != tc.want {
			t.Errorf("Match(%s.%s) = %v, want %v", tc.schema, tc.table, got, tc.want)
		}
	}
	if !(Filter{}).Match("any", "thing") {
		t.Error("an empty filter must match everything")
	}
	for _, tc := range []struct {
		schema string
		want   bool
	}{{"public", true}, {"crm", true}, {"sales", true}} {
		if got := f.MatchDatabase(tc.schema); got != tc.want {
			t.Errorf("MatchDatabase(%s) = %v, want %v", tc.schema, got, tc.want)
		}
	}
	for _, tc := range []struct {
		f      Filter
		schema string
		want   bool
	}{
		{Filter{}, "any", true},
		{Filter{Include: []string{"sales.*"}}, "public", false},
		{Filter{Exclude: []string{"public.*"}}, "public", false},
		{Filter{Exclude: []string{"public.audit"}}, "public", true}, // other tables of it are in scope
	} {
		if got := tc.f.MatchDatabase(tc.schema); got != tc.want {
			t.Errorf("%+v MatchDatabase(%s) = %v, want %v", tc.f, tc.schema, got, tc.want)
		}
	}
	var pe *PatternError
	if err := (Filter{Exclude: []string{"a[b"}}).Validate(); !errors.As(err, &pe) {
		t.Errorf("Validate of a malformed glob: %v", err)
	}
}

func TestRowKey(t *testing.T) {
	tbl := &Table{Columns: []Column{
		{Name: "order_id", Kind: KindNumber},
		{Name: "line", Kind: KindNumber},
		{Name: "名前\"x", Kind: KindText},
		{Name: "uuid", Kind: KindSkip, Skip: "binary"},
		{Name: "amount", Kind: KindNumber},
	}, Key: []int{0, 1, 2, 3, 4}}
	tbl.prepare()
	vals := [][]byte{[]byte("42"), []byte("-7"), []byte("山田\n\"太郎\""), {0xff, 0x00}, []byte("12.50")}
	_, key := rowKey(nil, tbl, vals)
	want := `{"order_id":42,"line":-7,"名前\"x":"山田\u000a\"太郎\"","uuid":"0xff00","amount":"12.50"}`
	if string(key) != want {
		t.Errorf("rowKey = %s\nwant     %s", key, want)
	}
	var decoded map[string]any
	if err := json.Unmarshal([]byte(key), &decoded); err != nil {
		t.Errorf("rowKey is not JSON: %v", err)
	}
	for _, v := range []string{"007", "", "-", "1e5", "1.0"} {
		if isInteger([]byte(v)) {
			t.Errorf("isInteger(%q) = true", v)
		}
	}
}

func TestPrepareSelectsScannedAndKeyColumns(t *testing.T) {
	tbl := &Table{Columns: []Column{
		{Name: "id", Kind: KindSkip, Skip: "binary"}, // a binary key: read, not scanned
		{Name: "name", Kind: KindText},
		{Name: "photo", Kind: KindSkip, Skip: "binary"},
		{Name: "ctid", Kind: KindText, Pseudo: true},
	}, Key: []int{0}}
	tbl.prepare()
	if got := tbl.Select(); len(got) != 2 || got[0] != 0 || got[1] != 1 {
		t.Errorf("Select = %v, want [0 1]", got)
	}
	if len(tbl.scanSel) != 1 || tbl.scanSel[0] != 1 || tbl.KeySelect()[0] != 0 {
		t.Errorf("scanSel %v keySel %v", tbl.scanSel, tbl.keySel)
	}
}

func TestChunksAndCaps(t *testing.T) {
	long := []byte(strings.Repeat("あ", 40000)) // 120,000 bytes, no newline
	var total int
	for v := long; len(v) > 0; {
		n := nextChunk(v)
		if n > recordChunk || n == 0 || !utf8.Valid(v[:n]) {
			t.Fatalf("chunk of %d bytes, valid %v", n, utf8.Valid(v[:n]))
		}
		total += n
		v = v[n:]
	}
	if total != len(long) {
		t.Errorf("chunks cover %d of %d bytes", total, len(long))
	}
	lines := []byte(strings.Repeat("0123456789\n", 10000))
	if n := nextChunk(lines); lines[n-1] != '\n' {
		t.Errorf("a chunk of lines should end after a newline, ends %q", lines[n-1])
	}

	v, cut := capRunes([]byte("山田太郎様"), 3)
	if string(v) != "山田太" || !cut {
		t.Errorf("capRunes = %q %v", v, cut)
	}
	if v, cut := capRunes([]byte("abc"), 3); string(v) != "abc" || cut {
		t.Errorf("capRunes of a short value = %q %v", v, cut)
	}
}

func TestSecretsScrub(t *testing.T) {
	s := NewSecrets("p@ss word", "")
	err := s.Scrub(errors.New(`cannot connect to "u:p@ss word@h" (p%40ss+word, p@ss%20word)`))
	if strings.Contains(err.Error(), "p@ss") || strings.Contains(err.Error(), "p%40ss") || strings.Contains(err.Error(), "ss%20word") {
		t.Errorf("secret left in %q", err)
	}
	inner := errors.New("x p@ss word")
	if !errors.Is(s.Scrub(inner), inner) {
		t.Error("a scrubbed error must still wrap the original")
	}
	if NewSecrets().Scrub(nil) != nil {
		t.Error("Scrub(nil) must be nil")
	}
}

func TestJSONValues(t *testing.T) {
	for v, want := range map[string]bool{
		`{"a":1}`: true, ` [1, 2] `: true, `{a,b}`: true, // {a,b} looks like JSON; json.Valid then says no
		`"x"`: false, `12`: false, `{`: false, `[}`: false, ``: false,
	} {
		if got := looksJSON([]byte(v)); got != want {
			t.Errorf("looksJSON(%q) = %v", v, got)
		}
	}
	var p jsonPaths
	for _, tc := range [][3]string{{"profile", "", "profile"}, {"profile", "contact.tel", "profile.contact.tel"}, {"items", "[].name", "items[].name"}} {
		if got := p.name(tc[0], tc[1]); got != tc[2] {
			t.Errorf("name(%q, %q) = %q, want %q", tc[0], tc[1], got, tc[2])
		}
	}
	for i := range maxJSONPaths + 10 {
		p.name("c", string(rune('a'+i%26))+string(rune(i)))
	}
	if len(p.names) > maxJSONPaths {
		t.Errorf("interned %d paths, bound %d", len(p.names), maxJSONPaths)
	}
}

func TestIsRecordTime(t *testing.T) {
	for name, want := range map[string]bool{
		"created_at": true, "updated_at": true, "CreatedAt": true, "last_modified": true, "registered_on": true,
		"登録日": true, "更新日時": true, "入会日": true, "申込日": true, "作成日時": true,
		"birth_date": false, "birthday": false, "生年月日": false, "誕生日": false, "deadline": false, "date": false,
	} {
		if got := isRecordTime(name); got != want {
			t.Errorf("isRecordTime(%q) = %v, want %v", name, got, want)
		}
	}
}
