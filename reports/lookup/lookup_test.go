package lookup

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/pmscan/pmscan/detectors"
)

func TestFoldName(t *testing.T) {
	for _, tc := range []struct{ a, b string }{
		{"髙橋 美咲", "高橋美咲"},
		{"山﨑　太郎", "山崎太郎"},
		{"渡邊", "渡辺"}, {"渡邉", "渡辺"},
		{"齋藤", "斎藤"}, {"齊藤", "斎藤"},
		{"濵田", "浜田"}, {"濱田", "浜田"},
		{"澤田", "沢田"}, {"廣田", "広田"}, {"櫻井", "桜井"},
		{"葛\U000E0100城", "葛城"}, // a variation selector
		{"やまだ はなこ", "ヤマダハナコ"},
		{"ﾔﾏﾀﾞ ﾊﾅｺ", "ヤマダハナコ"},
	} {
		if a, b := Fold(tc.a, foldName), Fold(tc.b, foldName); a != b {
			t.Errorf("Fold(%q) = %q, Fold(%q) = %q: want equal", tc.a, a, tc.b, b)
		}
	}
	// Distinct names stay distinct: 花 and 華, 子 and 仔, 関 and 霜 are
	// related in Unicode's tables, but two characters to Japanese.
	for _, tc := range []struct{ a, b string }{
		{"花子", "華子"}, {"花子", "花仔"}, {"関", "霜"}, {"斎藤", "佐藤"}, {"埼玉", "崎玉"},
	} {
		if Fold(tc.a, foldName) == Fold(tc.b, foldName) {
			t.Errorf("Fold(%q) == Fold(%q)", tc.a, tc.b)
		}
	}
}

func TestFoldAddress(t *testing.T) {
	want := Fold("北沢2-3-4", foldAddress)
	for _, s := range []string{"北沢二丁目3番4号", "北沢２－３－４", "北沢2丁目3番地4", "北沢 2-3-4", "北沢二丁目三番四号"} {
		if got := Fold(s, foldAddress); got != want {
			t.Errorf("Fold(%q) = %q, want %q", s, got, want)
		}
	}
	if Fold("北沢2-3-4", foldAddress) == Fold("北沢2-3-5", foldAddress) {
		t.Error("2-3-4 and 2-3-5 fold alike")
	}
}

func TestParse(t *testing.T) {
	q, err := Parse(Input{Name: "髙橋　美咲", Kana: "たかはし みさき", Emails: []string{"Misaki@Example.JP"},
		Phones: []string{"+81 90-2468-1357", "(03)1234-5678"}, BirthDate: "平成3年4月5日", Address: "東京都世田谷区北沢2-3-4",
		MemberIDs: []string{"M-1"}, MyNumber: "1234 5678 9018"})
	if err != nil {
		t.Fatal(err)
	}
	if q.surname != "高橋" || q.given != "美咲" || q.kana != "タカハシミサキ" || q.emails[0] != "misaki@example.jp" ||
		!slices.Equal(q.phones, []string{"09024681357", "0312345678"}) || q.birth != (date{1991, 4, 5}) ||
		!strings.HasPrefix(q.address, "世田谷区") || q.myNumber != "123456789018" {
		t.Errorf("parsed %+v", q)
	}
	if len(q.Kinds()) != 8 {
		t.Errorf("kinds %v", q.Kinds())
	}
	for _, in := range []Input{
		{},
		{Phones: []string{"123"}},
		{BirthDate: "yesterday"},
		{MyNumber: "123456789012"}, // bad check digit
		{Emails: []string{"no-at-sign"}},
		{Kana: "Yamada"},
	} {
		if _, err := Parse(in); err == nil {
			t.Errorf("Parse(%+v) accepted", in)
		}
	}
}

// TestMatchers runs each identifier's matcher on positives (other
// spellings of the query's values) and hard negatives (near values).
func TestMatchers(t *testing.T) {
	q, err := Parse(Input{Name: "髙橋 美咲", Kana: "タカハシ ミサキ", Emails: []string{"misaki.t@example.jp"},
		Phones: []string{"090-2468-1357"}, BirthDate: "1991-04-05", Address: "東京都世田谷区北沢二丁目3番4号",
		MemberIDs: []string{"M-20391"}, MyNumber: "123456789018"})
	if err != nil {
		t.Fatal(err)
	}
	byKind := map[Kind]*matcher{}
	for _, d := range q.Detectors() {
		if m, ok := d.(*matcher); ok {
			byKind[m.kind] = m
		}
	}
	for _, tc := range []struct {
		kind Kind
		text string
		want bool
	}{
		{KindName, "高橋美咲様", true},
		{KindName, "氏名：髙橋　美咲", true},
		{KindName, "小高橋美咲", false}, // inside a longer name
		{KindName, "高橋美佐", false},  // a family member: the surname alone
		{KindKana, "ﾀｶﾊｼ ﾐｻｷ", true},
		{KindKana, "たかはしみさき", true},
		{KindKana, "タカハシミサキコ", false},
		{KindEmail, "MISAKI.T@EXAMPLE.JP", true},
		{KindEmail, "mail: misaki.t@example.jp.", true},
		{KindEmail, "amisaki.t@example.jp", false},
		{KindEmail, "misaki.t@example.jpn", false},
		{KindPhone, "TEL:090(2468)1357", true},
		{KindPhone, "+81 90 2468 1357", true},
		{KindPhone, "０９０－２４６８－１３５７", true},
		{KindPhone, "09024681357", true},
		{KindPhone, "090-2468-13579", false},
		{KindPhone, "1090-2468-1357", false},
		{KindBirthDate, "平成3年4月5日生", true},
		{KindBirthDate, "H3.4.5", true},
		{KindBirthDate, "1991/04/05", true},
		{KindBirthDate, "1991/04/06", false},
		{KindAddress, "世田谷区北沢2-3-4 北沢ハイツ101", true},
		{KindAddress, "東京都世田谷区北沢２丁目３番４号", true},
		{KindAddress, "世田谷区北沢2-3-45", false},
		{KindMemberID, "会員番号 m-20391", true},
		{KindMemberID, "M-203910", false},
		{KindMyNumber, "1234 5678 9018", true},
		{KindMyNumber, "1234-5678-90181", false},
	} {
		var text detectors.Text
		text.SetText(tc.text, "")
		got := false
		for _, c := range byKind[tc.kind].Find(&text) {
			got = got || len(c.Reasons) == 0 || c.Reasons[0] != kindSurnameOnly
		}
		if got != tc.want {
			t.Errorf("%s in %q: found %v, want %v", tc.kind, tc.text, got, tc.want)
		}
	}
}

func TestJudge(t *testing.T) {
	q, err := Parse(Input{Name: "山田 花子", Phones: []string{"090-1234-5678"}, BirthDate: "1990-02-03", Address: "千代田区千代田1-2-3"})
	if err != nil {
		t.Fatal(err)
	}
	h := func(k Kind) hit { return hit{kind: k} }
	for _, tc := range []struct {
		name    string
		r       record
		verdict string
		why     string
	}{
		{"a strong identifier", record{hits: []hit{h(KindPhone)}}, verdictMatch, "phone"},
		{"two weak", record{hits: []hit{h(KindName), h(KindBirthDate)}, names: []string{"山田花子"}}, verdictMatch, "name, birth_date"},
		{"the name alone", record{hits: []hit{h(KindName)}, names: []string{"山田 花子"}}, verdictPossible, "name alone"},
		{"the name with another birth date", record{hits: []hit{h(KindName)}, births: []date{{1985, 1, 1}}}, verdictNearMiss, "another birth date"},
		{"her phone beside another name", record{hits: []hit{h(KindPhone)}, names: []string{"佐藤 健"}}, verdictNearMiss, "another person"},
		{"a family member at her address", record{hits: []hit{h(KindAddress), {kind: KindName, surnameOnly: true}}, names: []string{"山田 太郎"}}, verdictNearMiss, "family member"},
		{"her phone and her surname alone", record{hits: []hit{h(KindPhone)}, names: []string{"山田"}}, verdictMatch, "phone"},
		{"one weak identifier", record{hits: []hit{h(KindAddress)}}, "", ""},
	} {
		j := q.judge(&tc.r)
		if j.verdict != tc.verdict || tc.verdict != "" && !strings.Contains(j.why(), tc.why) {
			t.Errorf("%s: %q %q, want %q and %q", tc.name, j.verdict, j.why(), tc.verdict, tc.why)
		}
	}
}

func TestKeyAndHashes(t *testing.T) {
	dir := t.TempDir()
	path := dir + "/k/lookup.key"
	noEnv := func(string) string { return "" }
	if _, err := LoadKey(path, noEnv); err == nil {
		t.Fatal("a missing key file named explicitly was accepted")
	}
	t.Setenv("XDG_CONFIG_HOME", dir)
	k1, err := LoadKey("", noEnv)
	if err != nil {
		t.Fatal(err)
	}
	def, _ := DefaultKeyPath()
	info, err := os.Stat(def)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("default key file %s: %v, mode %v", def, err, info)
	}
	k2, err := LoadKey(def, noEnv)
	if err != nil || k2 != k1 {
		t.Fatalf("the key read back differs: %v", err)
	}
	env := func(string) string { return strings.Repeat("ab", 32) }
	k3, err := LoadKey(def, env)
	if err != nil || k3 == k1 {
		t.Fatalf("$%s did not override the file: %v", KeyEnv, err)
	}
	if _, err := LoadKey("", func(string) string { return "xyz" }); err == nil {
		t.Error("a bad key in the environment was accepted")
	}
	// The same person spelt otherwise hashes alike; the values are not in
	// the hashes.
	a, _ := Parse(Input{Name: "髙橋 美咲", Phones: []string{"+81 90-2468-1357"}, BirthDate: "平成3年4月5日"})
	b, _ := Parse(Input{Name: "高橋美咲", Phones: []string{"090(2468)1357"}, BirthDate: "1991-04-05"})
	ha, hb := a.Hashes(k1), b.Hashes(k1)
	if !slices.Equal(ha, hb) || len(ha) != 3 {
		t.Errorf("hashes differ for one person: %v and %v", ha, hb)
	}
	if slices.Equal(ha, a.Hashes(k3)) {
		t.Error("two keys give the same hashes")
	}
	for _, h := range ha {
		if strings.Contains(h, "2468") || strings.Contains(h, "1991") {
			t.Errorf("a value shows in the hash %q", h)
		}
	}
}
