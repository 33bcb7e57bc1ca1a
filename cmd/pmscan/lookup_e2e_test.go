package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/japanese"

	"github.com/pmscan/pmscan/connectors/mysql"
	"github.com/pmscan/pmscan/internal/testkit/dbtest"
	"github.com/pmscan/pmscan/internal/testkit/s3test"
	"github.com/pmscan/pmscan/reports/lookup"
	"github.com/pmscan/pmscan/reports/store"
)

func lookupCmd(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(context.Background(), append([]string{"lookup"}, args...), &out, &errOut)
	return code, out.String(), errOut.String()
}

// The person of the lookup tests, 髙橋 美咲, as she gave herself: and the
// same person spelt as the stores hold her, beside people who must not
// match (the same name with another birth date, a family member at her
// address, someone else on her landline).
var lookupPerson = []string{
	"-name", "髙橋 美咲", "-kana", "タカハシ ミサキ", "-email", "misaki.takahashi@example.jp",
	"-phone", "090-2468-1357", "-birth-date", "1991-04-05", "-address", "東京都世田谷区北沢二丁目3番4号",
	"-member-id", "M-20391",
}

// lookupPlace is a record, as the test names it: the object and where in it.
type lookupPlace struct{ object, position string }

func placeOf(r lookup.Record) lookupPlace {
	l := r.Location
	object := l.Path
	switch {
	case l.Bucket != "":
		object = "s3://" + l.Bucket + "/" + l.Key
	case l.Table != "":
		object = strings.Replace(l.Store, "mariadb", "mysql", 1) + ":" + l.Table
	}
	if object != "" && l.Path != "" {
		object = filepath.Base(l.Path)
	}
	pos := string(l.Row)
	switch {
	case l.Sheet != "":
		pos = l.Sheet + "!" + l.Cell
	case l.Line > 0:
		pos = fmt.Sprintf("line %d", l.Line)
	}
	return lookupPlace{object, pos}
}

func writeLookupFiles(t *testing.T, dir string) {
	t.Helper()
	write := func(name string, data []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// UTF-8 CSV: her record with another spelling of each identifier; the
	// landline shared with someone else; strangers.
	write("customers.csv", []byte("id,氏名,フリガナ,メール,電話,生年月日,住所\n"+
		"1,高橋 美咲,ﾀｶﾊｼ ﾐｻｷ,Misaki.Takahashi@Example.JP,09024681357,1991/4/5,世田谷区北沢2-3-4\n"+
		"2,佐藤 健,サトウ ケン,ken@example.jp,０９０－２４６８－１３５７,1970-01-01,大阪府大阪市北区梅田1-1-1\n"+
		"3,鈴木 一郎,スズキ イチロウ,ichiro@example.jp,03-1111-2222,1980-02-02,東京都港区芝公園4-2-8\n"))
	// CP932 CSV: the name without its space, in 新字体, the birth date in 和暦.
	sjis, err := japanese.ShiftJIS.NewEncoder().String("会員名,生年月日,住所\n高橋美咲,平成3年4月5日,東京都世田谷区北沢2丁目3番4号\n田中 花子,昭和60年1月1日,東京都新宿区西新宿2-8-1\n")
	if err != nil {
		t.Fatal(err)
	}
	write("members_sjis.csv", []byte(sjis))
	// Text: a call log naming her by surname and her phone with +81.
	write("calls.txt", []byte("2024-05-01 髙橋様より入電 TEL +81-90-2468-1357 住所変更の相談\n2024-05-02 来客なし\n"))
	// JSON Lines: her member ID, her name in kana.
	write("points.jsonl", []byte(`{"member_id":"m-20391","kana":"タカハシ ミサキ","points":120}`+"\n"+`{"member_id":"M-20392","kana":"スズキ イチロウ","points":5}`+"\n"))
	// A JSON document, pretty-printed: her name and birth date on two lines
	// of one array element, and someone else's after it.
	write("export.json", []byte("[\n  {\n    \"name\": \"髙橋 美咲\",\n    \"profile\": {\"birthday\": \"1991-04-05\"}\n  },\n  {\n    \"name\": \"木村 拓\",\n    \"profile\": {\"birthday\": \"1991-04-05\"}\n  }\n]\n"))
	// XLSX: her name with an ideographic space and 﨑-style variant
	// spelling of the surname (髙), her birth date as 1991年4月5日.
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "名簿")
	for cell, v := range map[string]any{"A1": "氏名", "B1": "生年月日", "A2": "髙橋　美咲", "B2": "1991年4月5日", "A3": "髙橋 美咲", "B3": "1985年1月1日"} {
		f.SetCellValue("名簿", cell, v)
	}
	if err := f.SaveAs(filepath.Join(dir, "roster.xlsx")); err != nil {
		t.Fatal(err)
	}
}

// lookupStores plants one person across every store kind — files in
// UTF-8 and CP932, text, JSON Lines, a JSON document, XLSX, an S3 bucket
// through versitygw, a PostgreSQL and a MariaDB table — in other
// spellings and formats, beside near-miss people, and returns the
// targets and the flags that reach them. dir holds the files.
func lookupStores(t *testing.T, dir string) (flags, targets []string) {
	t.Helper()
	writeLookupFiles(t, dir)

	srv := s3test.Start(t)
	srv.CreateBucket(t, "crm")
	srv.Put(t, "crm", "export/contacts.csv", []byte("name_kana,birthday\nﾀｶﾊｼ ﾐｻｷ,19910405\nﾀﾅｶ ﾊﾅｺ,19850101\n"))
	srv.Put(t, "crm", "notes/visit.txt", []byte("来店: 髙橋 美咲 さま（購入なし）\n"))
	srv.Env(t, srv.Root())

	pg := dbtest.Postgres(t)
	dbtest.ExecPostgres(t, pg,
		"DROP SCHEMA IF EXISTS pmscan_lookup CASCADE",
		"CREATE SCHEMA pmscan_lookup",
		`CREATE TABLE pmscan_lookup.customers (id int PRIMARY KEY, name text, email text, birth date)`,
		`INSERT INTO pmscan_lookup.customers VALUES
			(1, '髙橋 美咲', 'MISAKI.TAKAHASHI@EXAMPLE.JP', '1991-04-05'),
			(2, '高橋 美咲', 'other.misaki@example.jp', '1985-01-01'),
			(3, '山本 次郎', 'jiro@example.jp', '1975-03-03')`,
	)
	t.Cleanup(func() { pg.Exec(context.Background(), "DROP SCHEMA IF EXISTS pmscan_lookup CASCADE") })
	my := dbtest.MySQL(t, mysql.ParseURL)
	dbtest.ExecMySQL(t, my,
		"DROP DATABASE IF EXISTS pmscan_lookup",
		"CREATE DATABASE pmscan_lookup DEFAULT CHARACTER SET utf8mb4",
		"CREATE TABLE pmscan_lookup.deliveries (id INT PRIMARY KEY, name VARCHAR(40), tel VARCHAR(20), address VARCHAR(80))",
		"INSERT INTO pmscan_lookup.deliveries VALUES (1, '高橋美咲', '(090)2468-1357', '世田谷区北沢2-3-4 北沢ハイツ101'), (2, '高橋 健一', '03-5555-6666', '東京都世田谷区北沢二丁目3番4号'), (3, '伊藤 愛', '045-111-2222', '横浜市中区山下町1')",
	)
	t.Cleanup(func() { my.Exec("DROP DATABASE IF EXISTS pmscan_lookup") })
	cfg, _ := mysql.ParseURL(dbtest.MySQLURL())
	myURL := fmt.Sprintf("mysql://%s@%s/pmscan_lookup", cfg.User, cfg.Addr)
	return []string{"-s3-endpoint", srv.Endpoint, "-tables", "pmscan_lookup.*"}, []string{dir, "s3://crm/", dbtest.PostgresURL(), myURL}
}

// lookupMatches are the planted person's records: a lookup must find
// every one of them as a match, and no other.
var lookupMatches = []lookupPlace{
	{"calls.txt", "line 1"},                          // phone with +81 (and the surname)
	{"customers.csv", "line 2"},                      // every identifier, other spellings
	{"export.json", "line 3"},                        // name and birth date on two lines of one element
	{"members_sjis.csv", "line 2"},                   // name + birth date + address, CP932, 和暦
	{"mysql:deliveries", `{"id":1}`},                 // phone in parentheses, address with a building
	{"points.jsonl", "line 1"},                       // member ID in lower case, kana
	{"postgres:pmscan_lookup.customers", `{"id":1}`}, // e-mail in upper case
	{"roster.xlsx", "名簿!2"},                          // name with an ideographic space + 1991年4月5日
	{"s3://crm/export/contacts.csv", "line 2"},       // half-width kana + 19910405
}

// checkLookupResult decodes a lookup's JSON and checks it against the
// planted records: every match, the near misses told apart, the name-only
// visit note as a possible match, items with purposes, no raw value.
func checkLookupResult(t *testing.T, out string) lookup.Result {
	t.Helper()
	var res lookup.Result
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&res); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	places := func(rs []lookup.Record) []lookupPlace {
		var ps []lookupPlace
		for _, r := range rs {
			ps = append(ps, placeOf(r))
		}
		slices.SortFunc(ps, func(a, b lookupPlace) int { return strings.Compare(a.object+a.position, b.object+b.position) })
		return ps
	}
	want := slices.Clone(lookupMatches)
	slices.SortFunc(want, func(a, b lookupPlace) int { return strings.Compare(a.object+a.position, b.object+b.position) })
	if got := places(res.Matches); !slices.Equal(got, want) {
		t.Errorf("matches:\n got  %v\n want %v", got, want)
	}
	wantNear := map[lookupPlace]string{
		{"customers.csv", "line 3"}:                      "another person",     // 佐藤 健 on her landline
		{"postgres:pmscan_lookup.customers", `{"id":2}`}: "another birth date", // same name, 1985
		{"roster.xlsx", "名簿!3"}:                          "another birth date",
		{"mysql:deliveries", `{"id":2}`}:                 "family member", // 高橋 健一 at her address
	}
	near := map[lookupPlace]string{}
	for _, r := range res.NearMisses {
		near[placeOf(r)] = r.Why
	}
	for p, why := range wantNear {
		if !strings.Contains(near[p], why) {
			t.Errorf("near miss %v: got %q, want one that says %q", p, near[p], why)
		}
	}
	if got := places(res.PossibleMatches); !slices.Contains(got, lookupPlace{"s3://crm/notes/visit.txt", "line 1"}) {
		t.Errorf("possible matches %v lack the name-only visit note", got)
	}
	// The disclosure answers with each item's purpose of use (the
	// built-in policy's, here).
	for _, r := range res.Matches {
		for _, m := range r.Matched {
			if m.Item == nil || m.Item.Purpose == "" || m.Item.Name == "" {
				t.Errorf("%v: %s has no policy item with a purpose: %+v", placeOf(r), m.Kind, m.Item)
			}
		}
	}
	for _, r := range append(append(res.Matches, res.NearMisses...), res.PossibleMatches...) {
		for _, m := range r.Matched {
			if strings.Contains(m.Value, "2468-1357") || strings.Contains(strings.ToLower(m.Value), "misaki.takahashi") {
				t.Errorf("value shown without -show-data: %+v", m)
			}
		}
	}
	if strings.Contains(out, "髙橋 美咲") || strings.Contains(out, "1991-04-05") {
		t.Errorf("the query's values are in the result:\n%s", out)
	}
	return res
}

// TestLookupLive checks that a live lookup of every store kind finds
// every record of the planted person and matches no one else's.
func TestLookupLive(t *testing.T) {
	flags, targets := lookupStores(t, t.TempDir())
	state := filepath.Join(t.TempDir(), "state.db")
	args := append(append(append(slices.Clone(lookupPerson), "-state", state), flags...), targets...)
	code, out, errOut := lookupCmd(t, args...)
	if code != exitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, errOut)
	}
	checkLookupResult(t, out)
	wantMatches := lookupMatches

	// The audit trail: the lookup is recorded with the kinds given and
	// their keyed hashes, never the values.
	code, list, errOut := lookupsCmd(t, "-state", state, "-format", "json")
	if code != exitOK {
		t.Fatalf("lookups: exit %d: %s", code, errOut)
	}
	var trail []store.Lookup
	if err := json.Unmarshal([]byte(list), &trail); err != nil {
		t.Fatalf("%v\n%s", err, list)
	}
	if len(trail) != 1 || trail[0].Status != store.LookupComplete || trail[0].Matches != int64(len(wantMatches)) ||
		len(trail[0].Kinds) != 7 || len(trail[0].QueryHashes) != 7 || len(trail[0].Targets) != 4 {
		t.Errorf("audit trail %+v", trail)
	}
	db, err := os.ReadFile(state)
	if err != nil {
		t.Fatal(err)
	}
	wal, _ := os.ReadFile(state + "-wal")
	// Values as given and as folded; not short digit runs, which a keyed
	// hash in hex or a timestamp holds by chance.
	for _, v := range []string{"髙橋", "高橋", "タカハシ", "misaki", "2468-1357", "24681357", "1991-04-05", "19910405", "M-20391", "m-20391", "北沢"} {
		if bytes.Contains(db, []byte(v)) || bytes.Contains(wal, []byte(v)) {
			t.Errorf("the state store holds %q", v)
		}
	}
	if code, text, _ := lookupsCmd(t, "-state", state); code != exitOK || !strings.Contains(text, "complete") || !strings.Contains(text, "name,kana,email") {
		t.Errorf("lookups text (exit %d):\n%s", code, text)
	}
}

func lookupsCmd(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(context.Background(), append([]string{"lookups"}, args...), &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestLookupUsage(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-name", "山田 花子", "-state", "none"}, "no TARGET"},
		{[]string{"/tmp"}, "give at least one identifier"},
		{[]string{"-phone", "12-34", "/tmp"}, "-phone"},
		{[]string{"-birth-date", "someday", "/tmp"}, "-birth-date"},
		{[]string{"-my-number", "123456789012", "/tmp"}, "-my-number"},
		{[]string{"-email", "nobody", "/tmp"}, "-email"},
		{[]string{"-name", "山田", "-format", "pdf", "/tmp"}, "-format"},
	} {
		code, _, errOut := lookupCmd(t, tc.args...)
		if code != exitUsage || !strings.Contains(errOut, tc.want) {
			t.Errorf("lookup %v: exit %d, stderr %q; want %d and %q", tc.args, code, errOut, exitUsage, tc.want)
		}
	}
}

// TestLookupReports writes the HTML and XLSX disclosure reports of a lookup
// of the planted files: Japanese, every category, the policy's purposes,
// no raw value.
func TestLookupReports(t *testing.T) {
	dir := t.TempDir()
	writeLookupFiles(t, dir)
	out := t.TempDir()
	base := append(slices.Clone(lookupPerson), "-state", "none")
	if code, _, errOut := lookupCmd(t, append(slices.Clone(base), "-format", "xlsx", dir)...); code != exitUsage || !strings.Contains(errOut, "-o") {
		t.Errorf("xlsx to standard output: exit %d, %s", code, errOut)
	}
	html := filepath.Join(out, "disclosure.html")
	if code, _, errOut := lookupCmd(t, append(slices.Clone(base), "-format", "html", "-o", html, dir)...); code != exitOK {
		t.Fatalf("html: exit %d: %s", code, errOut)
	}
	page, err := os.ReadFile(html)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"開示等の請求 検索結果", "氏名、フリガナ、メールアドレス、電話番号、生年月日、住所、会員番号", "customers.csv", "calls.txt",
		"強い識別子が一致", "近いが別人", "別の氏名の記録が電話番号を共有", "同じ氏名で生年月日が異なる別人", "利用目的", "本人確認"} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("the HTML lacks %q", want)
		}
	}
	for _, raw := range []string{"2468-1357", "misaki.takahashi", "髙橋 美咲"} {
		if bytes.Contains(page, []byte(raw)) {
			t.Errorf("the HTML shows %q", raw)
		}
	}
	xlsx := filepath.Join(out, "disclosure.xlsx")
	if code, _, errOut := lookupCmd(t, append(slices.Clone(base), "-format", "xlsx", "-o", xlsx, dir)...); code != exitOK {
		t.Fatalf("xlsx: exit %d: %s", code, errOut)
	}
	f, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !slices.Equal(got, []string{"一致", "受託データ", "一致の可能性", "近いが別人", "未検索"}) {
		t.Errorf("sheets %v", got)
	}
	rows, err := f.GetRows("一致")
	if err != nil {
		t.Fatal(err)
	}
	// customers.csv line 2 alone holds 7 identifiers; every line names its
	// item and purpose.
	if len(rows) < 1+7 || rows[0][0] != "保管場所" {
		t.Fatalf("一致: %d rows: %v", len(rows), rows)
	}
	for _, row := range rows[1:] {
		if len(row) < 9 || row[6] == "" || row[8] == "" {
			t.Errorf("a line without its item and purpose: %v", row)
		}
		if strings.Contains(strings.Join(row, " "), "2468-1357") {
			t.Errorf("a raw value: %v", row)
		}
	}
}
