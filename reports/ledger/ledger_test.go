package ledger

import (
	"archive/zip"
	"bytes"
	"cmp"
	"encoding/csv"
	"encoding/json"
	"errors"
	"hash/fnv"
	"io"
	"os"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/internal/testkit/golden"
	"github.com/pmscan/pmscan/internal/units"
	"github.com/pmscan/pmscan/reports/inventory"
	"github.com/pmscan/pmscan/reports/ja"
	"github.com/pmscan/pmscan/reports/policy"
	"github.com/pmscan/pmscan/scanner"
)

var knownTypes = []string{"person_name", "phone", "email", "my_number", "corporate_number", "ip_address",
	"sensitive", "sensitive/medical_history", "sensitive/health_check"}

// testPolicy declares My Numbers and health checks for the HR bucket only,
// says the company holds no medical history, and lists no item for IP
// addresses.
const testPolicy = `
company: 株式会社サンプル商事
stores:
  - {name: 顧客DB, match: ["postgres://*/crm/**"], access: ["role:analysts", "user:postgres"]}
  - {name: 人事, match: ["s3://hr-exports/**"]}
  - {name: 共有フォルダ, match: ["共有/**"]}
ignore_types: [corporate_number]
items:
  - {id: name, name: 氏名, class: 個人情報, types: [person_name], purpose: 本人確認、お問い合わせへの対応, disclosure_target: true, department: お客様相談室}
  - {id: phone, name: 電話番号, class: 個人情報, types: [phone], stores: [顧客DB, 共有フォルダ], purpose: ご連絡, disclosure_target: true, retention: 3y, department: 営業部}
  - {id: email, name: メールアドレス, class: 個人情報, types: [email], purpose: ご連絡、メールマガジンの配信, disclosure_target: true, retention: 5y, department: 営業部}
  - {id: client_phone, name: 委託元顧客の電話番号, class: 個人情報, types: [phone], columns: [委託元電話], stores: [顧客DB], purpose: 受託業務（コールセンター）, entrusted: true, department: コールセンター事業部}
  - {id: my_number, name: 個人番号, class: 特定個人情報, types: [my_number], stores: [人事], purpose: 源泉徴収票の作成, retention: 7y, department: 人事部, access: ["group:jinji", "user:hr-*"],
     subjects: 従業員, acquisition: 入社時に本人から書面で, consent: 不要（法令に基づく）, sharing: なし, contractors: 給与計算委託先（株式会社サンプル給与）, manager: 人事部長, use_period: 退職後7年, disposal: 電子データは消去ツールで消去、書面は溶解}
  - {id: health, name: 健康診断の結果, class: 要配慮個人情報, types: [sensitive/health_check], stores: [人事], purpose: 従業員の健康管理, department: 人事部}
  - {id: medical, name: 病歴, class: 要配慮個人情報, types: [sensitive/medical_history], held: false}
`

// escapee is a file name that HTML must escape.
const escapee = `共有/メモ<b>&"x".txt`

// fixture is one fixed scan: a PostgreSQL table, an S3 object, old and new
// files, My Numbers outside their declared store, a 要配慮 item the
// policy says is not held, an unmapped type, a failed target and problems.
func fixture(t testing.TB) (*inventory.Inventory, []scanner.Finding) {
	t.Helper()
	p, err := policy.Parse([]byte(testPolicy), "policy/サンプル.yaml", knownTypes)
	if err != nil {
		t.Fatal(err)
	}
	objects := map[string]*connectors.Object{}
	object := func(key string, make func() *connectors.Object) *connectors.Object {
		if objects[key] == nil {
			objects[key] = make()
		}
		return objects[key]
	}
	// Who can read the places, as their stores would say: a customer list
	// open to everyone, a payroll file of the HR group read by one more
	// user than the policy names, a bucket another account reads, a
	// table of notes granted to PUBLIC.
	owner := func(name string) connectors.Principal {
		return connectors.Principal{Kind: connectors.KindUser, Name: name, Via: "owner"}
	}
	root := connectors.Principal{Kind: connectors.KindUser, Name: "root", Via: "superuser"}
	tableAccess := map[string]*connectors.Access{
		"public.顧客": {Readers: []connectors.Principal{{Kind: connectors.KindRole, Name: "analysts", Via: "column grant (メール, 氏名)"},
			{Kind: connectors.KindUser, Name: "crm_app", Via: "GRANT SELECT"}, {Kind: connectors.KindUser, Name: "postgres", Via: "owner, superuser"}},
			Notes: []string{"row-level security on"}},
		"public.顧客メモ": {Readers: []connectors.Principal{{Kind: connectors.KindEveryone, Name: "PUBLIC", Via: "GRANT SELECT TO PUBLIC"},
			{Kind: connectors.KindUser, Name: "postgres", Via: "owner, superuser"}}},
	}
	db := func(table, col string, row int) connectors.Location {
		o := object("db "+table, func() *connectors.Object {
			o := connectors.NewTable("postgres", "db.example.jp:5432", "crm", table)
			o.Encoding = "utf-8"
			o.Access = tableAccess[table]
			return o
		})
		return connectors.Location{Object: o, Column: col, Row: connectors.RowKey(`{"id":` + string(rune('0'+row%10)) + `}`)}
	}
	file := func(path, col string, line int64, modified string) connectors.Location {
		o := object("file "+path+" "+modified, func() *connectors.Object {
			o := connectors.NewFile(path)
			o.Encoding = "cp932"
			if modified != "" {
				o.Modified, _ = time.Parse(time.RFC3339, modified)
			}
			return o
		})
		return connectors.Location{Object: o, Column: col, Line: line}
	}
	s3 := func(key, col string, line int64) connectors.Location {
		o := object("s3 "+key, func() *connectors.Object {
			o := connectors.NewS3Object("s3.ap-northeast-1.amazonaws.com", "hr-exports", key)
			o.Modified = time.Date(2026, 10, 1, 3, 0, 0, 0, time.UTC)
			o.ETag, o.SampledBytes, o.Encoding = `"9b2cf535f27731c974343645a3985328"`, 8<<20, "utf-8"
			o.Access = &connectors.Access{Readers: []connectors.Principal{{Kind: connectors.KindAccount, Name: "123456789012", Via: "bucket policy"},
				{Kind: connectors.KindAccount, Name: "hr-exports-owner", Via: "owner"}}, Unknown: "GetPublicAccessBlock: AccessDenied"}
			return o
		})
		return connectors.Location{Object: o, Column: col, Line: line}
	}
	var fs []scanner.Finding
	add := func(n int, typ, kind string, conf detectors.Confidence, loc func(i int) connectors.Location, masked func(i int) string, distinct int) {
		for i := range n {
			fs = append(fs, scanner.Finding{Type: typ, Kind: kind, Confidence: conf, Reasons: []string{"fixture"},
				Location: loc(i), Masked: masked(i), ValueHash: hash(typ, i%distinct)})
		}
	}
	same := func(s string) func(int) string { return func(int) string { return s } }
	add(5, "person_name", "", detectors.High, func(i int) connectors.Location { return db("public.顧客", "氏名", i) }, same("山田 **"), 5)
	add(8, "phone", "", detectors.High, func(i int) connectors.Location { return db("public.顧客", "電話番号", i) }, same("03-****-1211"), 6)
	add(2, "phone", "", detectors.Medium, func(i int) connectors.Location { return db("public.顧客", "電話番号", i) }, same("090-****-5678"), 2)
	add(4, "email", "", detectors.High, func(i int) connectors.Location { return db("public.顧客", "メール", i) }, same("t***@example.co.jp"), 4)
	add(3, "phone", "", detectors.High, func(i int) connectors.Location { return db("public.コール履歴", "委託元電話", i) }, same("06-****-0000"), 3)
	add(2, "sensitive", "medical_history", detectors.Medium, func(i int) connectors.Location { return db("public.顧客メモ", "備考", i) }, same("***"), 2)
	old := "2019-04-01T00:00:00Z"
	add(3, "phone", "", detectors.High, func(i int) connectors.Location {
		return file("共有/営業/顧客リスト_2019.csv", "電話", int64(i+2), old)
	}, same("03-****-9999"), 3)
	add(2, "email", "", detectors.High, func(i int) connectors.Location {
		return file("共有/営業/顧客リスト_2019.csv", "=担当者メール", int64(i+2), old)
	}, same("s***@example.com"), 2)
	add(2, "my_number", "", detectors.High, func(i int) connectors.Location {
		return file("人事/給与明細_2024.csv", "個人番号", int64(i+2), "2025-01-10T09:30:00Z")
	}, same("********9018"), 2)
	add(4, "my_number", "", detectors.High, func(i int) connectors.Location {
		return s3("源泉徴収/2026年分.csv", "マイナンバー", int64(i+2))
	}, same("********1234"), 4)
	add(2, "sensitive", "health_check", detectors.High, func(i int) connectors.Location { return s3("源泉徴収/2026年分.csv", "所見", int64(i+2)) }, same("***"), 2)
	add(3, "ip_address", "", detectors.High, func(i int) connectors.Location {
		return file("logs/access.log", "", int64(i+100), "2026-11-19T23:59:00Z")
	}, same("192.0.2.***"), 3)
	add(1, "my_number", "", detectors.Low, func(i int) connectors.Location { return file(escapee, "", 7, "2026-03-03T00:00:00Z") }, same("****-****-9018"), 1)
	add(1, "corporate_number", "", detectors.High, func(i int) connectors.Location { return file("logs/access.log", "", 1, "") }, same("*************"), 1)

	b := inventory.NewBuilder(p)
	for i := range fs {
		if err := b.Finding(&fs[i]); err != nil {
			t.Fatal(err)
		}
	}
	access := map[string]*connectors.Access{
		"共有/営業/顧客リスト_2019.csv": {Readers: []connectors.Principal{{Kind: connectors.KindEveryone, Via: "mode 0644"},
			{Kind: connectors.KindGroup, Name: "sales", Via: "group"}, root, owner("tanaka")}},
		"人事/給与明細_2024.csv": {Readers: []connectors.Principal{{Kind: connectors.KindGroup, Name: "jinji", Via: "group"},
			{Kind: connectors.KindUser, Name: "backup", Via: "ACL"}, owner("hr-sato"), root}},
	}
	for _, path := range []string{"共有/営業/顧客リスト_2019.csv", "人事/給与明細_2024.csv", "logs/access.log", escapee} {
		o := connectors.NewFile(path)
		o.Access = access[path]
		if err := b.Object(o, connectors.ObjectStats{}); err != nil {
			t.Fatal(err)
		}
	}
	for _, pr := range []scanner.Problem{
		{Location: connectors.At(connectors.NewFile("共有/ロゴ.png")), Err: connectors.Skip("binary content (png image)"), Skipped: true, Terminal: true},
		{Location: connectors.At(connectors.NewFile("共有/ロック中.csv")), Err: errors.New("open: permission denied"), Terminal: true},
	} {
		if err := b.Problem(pr); err != nil {
			t.Fatal(err)
		}
	}
	start := time.Date(2026, 11, 20, 1, 0, 0, 0, time.UTC)
	inv := b.Build(&scanner.Summary{
		Started: start, Finished: start.Add(12*time.Minute + 34*time.Second),
		Targets: []scanner.TargetResult{
			{Name: "postgres://db.example.jp:5432/crm"}, {Name: "s3://hr-exports"}, {Name: "./共有"}, {Name: "./人事"}, {Name: "./logs"},
			{Name: "mysql://legacy.example.jp:3306/old", Err: errors.New("connect: dial tcp 192.0.2.10:3306: connection refused")},
		},
		Objects: 120, Bytes: 5<<20 + 12345, Records: 15200, Rows: 15000, Skipped: 3, Failed: 1, Findings: int64(len(fs)),
	})
	return inv, fs
}

func hash(typ string, i int) uint64 {
	h := fnv.New64a()
	h.Write([]byte(typ))
	h.Write([]byte{byte(i), byte(i >> 8)})
	return h.Sum64()
}

// TestFixture checks that the fixture raises what the reports must show.
func TestFixture(t *testing.T) {
	inv, _ := fixture(t)
	got := map[string]inventory.Severity{}
	for _, f := range inv.Flags {
		got[f.Rule+" "+f.Item+" "+f.Name] = f.Severity
	}
	want := map[string]inventory.Severity{
		"undeclared_place 個人番号 人事/給与明細_2024.csv":                           inventory.SeverityHigh,
		"undeclared_place 個人番号 " + escapee:                                 inventory.SeverityLow,
		"undeclared_item 病歴 postgres://db.example.jp:5432/crm/public.顧客メモ": inventory.SeverityHigh,
		"sensitive 健康診断の結果 s3://hr-exports/源泉徴収/2026年分.csv":                inventory.SeverityMedium,
		"retention 電話番号 共有/営業/顧客リスト_2019.csv":                              inventory.SeverityMedium,
		"retention メールアドレス 共有/営業/顧客リスト_2019.csv":                           inventory.SeverityMedium,
		"unmapped_type ip_address logs/access.log":                         inventory.SeverityMedium,
		// Access: everyone reads the customer list and the notes table
		// (one flag a place, at its most sensitive item);
		// the payroll file's ACL and the bucket's policy let in readers
		// the item's access list does not name.
		"public_access メールアドレス 共有/営業/顧客リスト_2019.csv":                     inventory.SeverityMedium,
		"public_access 病歴 postgres://db.example.jp:5432/crm/public.顧客メモ": inventory.SeverityHigh,
		"access_undeclared 個人番号 人事/給与明細_2024.csv":                        inventory.SeverityHigh,
		// The customer DB's store-wide list leaves out crm_app.
		"access_undeclared 氏名 postgres://db.example.jp:5432/crm/public.顧客":      inventory.SeverityMedium,
		"access_undeclared 電話番号 postgres://db.example.jp:5432/crm/public.顧客":    inventory.SeverityMedium,
		"access_undeclared メールアドレス postgres://db.example.jp:5432/crm/public.顧客": inventory.SeverityMedium,
		"access_undeclared 個人番号 s3://hr-exports/源泉徴収/2026年分.csv":                inventory.SeverityHigh,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("flags:\n got %v\nwant %v", got, want)
	}
}

func TestJSON(t *testing.T) {
	inv, _ := fixture(t)
	var out bytes.Buffer
	if err := WriteJSON(&out, inv, nil); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "inventory.json", out.Bytes())
	var back struct {
		Flags, Items, Holdings, Problems []map[string]any
	}
	if err := json.Unmarshal(out.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if len(back.Flags) != len(inv.Flags) || len(back.Items) != len(inv.Items) || len(back.Holdings) != len(inv.Holdings) || len(back.Problems) != len(inv.Problems) {
		t.Errorf("the JSON does not read back to as many flags, items, holdings and problems as the inventory has")
	}
	if bytes.Contains(out.Bytes(), []byte(`\u003c`)) {
		t.Error("the JSON escapes < as for HTML")
	}
}

// TestSchemaDocumented checks that SCHEMA.md documents every field of the
// inventory's JSON, and that its example is JSON of the inventory.
func TestSchemaDocumented(t *testing.T) {
	doc, err := os.ReadFile("SCHEMA.md")
	if err != nil {
		t.Fatal(err)
	}
	paths := jsonPaths(reflect.TypeFor[inventory.Inventory](), "")
	if len(paths) < 50 {
		t.Fatalf("only %d fields found: %q", len(paths), paths)
	}
	for _, p := range paths {
		if !bytes.Contains(doc, []byte("| `"+p+"` |")) {
			t.Errorf("SCHEMA.md does not document %s", p)
		}
	}
	_, example, ok := strings.Cut(string(doc), "```json\n")
	example, _, ok2 := strings.Cut(example, "```")
	if !ok || !ok2 {
		t.Fatal("SCHEMA.md has no JSON example")
	}
	dec := json.NewDecoder(strings.NewReader(example))
	dec.DisallowUnknownFields()
	var v struct {
		inventory.Inventory
		Flags []map[string]any `json:"flags"` // Severity reads no text
	}
	if err := dec.Decode(&v); err != nil {
		t.Errorf("SCHEMA.md's example: %v", err)
	}
}

// jsonPaths lists the JSON fields of t: a.b for a struct, a[].b in a list.
func jsonPaths(t reflect.Type, prefix string) []string {
	var paths []string
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		name, _, _ := strings.Cut(tag, ",")
		if !f.IsExported() || tag == "-" {
			continue
		}
		ft := f.Type
		if f.Anonymous && name == "" {
			paths = append(paths, jsonPaths(ft, prefix)...)
			continue
		}
		p := prefix + cmp.Or(name, f.Name)
		paths = append(paths, p)
		for ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		switch {
		case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct:
			paths = append(paths, jsonPaths(ft.Elem(), p+"[].")...)
		case ft.Kind() == reflect.Struct && ft != reflect.TypeFor[time.Time]():
			paths = append(paths, jsonPaths(ft, p+".")...)
		}
	}
	return paths
}

// TestJSONEmpty checks that an empty inventory has lists, not nulls.
func TestJSONEmpty(t *testing.T) {
	var out bytes.Buffer
	if err := WriteJSON(&out, &inventory.Inventory{SchemaVersion: inventory.SchemaVersion}, nil); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(out.Bytes(), []byte("null")) {
		t.Errorf("null in the JSON of an empty inventory:\n%s", out.Bytes())
	}
}

func TestCSV(t *testing.T) {
	inv, _ := fixture(t)
	// The 電話番号 column of public.顧客 read to the end: 40 rows have a value.
	for i := range inv.Columns {
		if c := &inv.Columns[i]; c.Table == "public.顧客" && c.Column == "電話番号" {
			c.Partial, c.Values = false, 40
		}
	}
	var out bytes.Buffer
	if err := WriteCSV(&out, inv, utc); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "ledger.csv", out.Bytes())
	data := out.Bytes()
	if !bytes.HasPrefix(data, []byte("\xef\xbb\xbf個人情報の項目,")) {
		t.Errorf("the CSV does not start with a BOM and the Japanese header: %q", data[:min(40, len(data))])
	}
	for _, want := range []string{"【高】方針外の保管場所 (undeclared_place)", "'=担当者メール", "【中】保管期限超過 (retention)"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("the CSV lacks %q", want)
		}
	}
	// A CSV reader reads it as one table: every row as long as the header.
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte(utf8BOM))))
	records, err := r.ReadAll()
	if err != nil {
		t.Fatalf("encoding/csv reads the CSV: %v", err)
	}
	header := records[0]
	at := func(name string) int {
		t.Helper()
		j := slices.Index(header, name)
		if j < 0 {
			t.Fatalf("the CSV has no column %s: %q", name, header)
		}
		return j
	}
	byType := map[string][][]string{}
	for _, rec := range records[1:] {
		byType[rec[at("行の種類")]] = append(byType[rec[at("行の種類")]], rec)
	}
	for typ, want := range map[string]int{"保有": len(inv.Holdings), "スキャン対象": 1, "読み取れなかった項目": len(inv.Problems), "省略": 1, "スキャン": 1} {
		if got := len(byType[typ]); got != want {
			t.Errorf("%d rows of 行の種類 %s, want %d", got, typ, want)
		}
	}
	if len(records) != 1+len(inv.Holdings)+1+len(inv.Problems)+1+1 {
		t.Errorf("%d records, want a header, the holdings, the failed target, the problems, the note of those left out and the scan", len(records))
	}
	if last := records[len(records)-1]; last[at("行の種類")] != "スキャン" || last[at("理由コード")] != inventory.StatusFailed ||
		!strings.HasPrefix(last[at("区分")], "失敗") || !strings.Contains(last[at("詳細")], "2026-11-20 01:00:00 UTC") {
		t.Errorf("the last row does not say how the scan ended: %q", last)
	}
	for _, tc := range []struct {
		typ, column, want string
		n                 int // the row of that type
	}{
		{"スキャン対象", "区分", "失敗", 0},
		{"スキャン対象", "保管場所", "mysql://legacy.example.jp:3306/old", 0},
		{"スキャン対象", "理由", "接続できません", 0},
		{"スキャン対象", "理由コード", inventory.ReasonUnreachable, 0},
		{"スキャン対象", "詳細", "connect: dial tcp 192.0.2.10:3306: connection refused", 0},
		{"読み取れなかった項目", "区分", "スキップ", 0},
		{"読み取れなかった項目", "保管場所", "共有/ロゴ.png", 0},
		{"読み取れなかった項目", "保管方法", "電子ファイル", 0},
		{"読み取れなかった項目", "理由", "テキストではありません", 0},
		{"読み取れなかった項目", "区分", "読み取り失敗", 1},
		{"読み取れなかった項目", "理由", "読み取り権限がありません", 1},
		{"読み取れなかった項目", "詳細", "open: permission denied", 1},
		{"省略", "詳細", "ほか 2 件のスキップ・読み取り失敗は一覧にありません（一覧は最初の 2 件）。", 0},
	} {
		if rows := byType[tc.typ]; len(rows) > tc.n {
			if got := rows[tc.n][at(tc.column)]; got != tc.want {
				t.Errorf("%s row %d: %s = %q, want %q", tc.typ, tc.n, tc.column, got, tc.want)
			}
		}
	}
	// The counts: findings, distinct values and, for a column read to the
	// end, the rows with a value.
	for _, rec := range byType["保有"] {
		if rec[at("保管場所")] != "postgres://db.example.jp:5432/crm/public.顧客" {
			continue
		}
		want := map[string][3]string{"電話番号": {"10", "6", "40"}, "氏名": {"5", "5", ""}}[rec[at("列・キー")]]
		got := [3]string{rec[at("検出数（件）")], rec[at("異なる値の数")], rec[at("値のある行数")]}
		if want != ([3]string{}) && got != want {
			t.Errorf("%s: 検出数（件）, 異なる値の数, 値のある行数 = %q, want %q", rec[at("列・キー")], got, want)
		}
	}
}

func TestHTML(t *testing.T) {
	inv, _ := fixture(t)
	var out, again bytes.Buffer
	if err := WriteHTML(&out, inv, utc); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "report.html", out.Bytes())
	if err := WriteHTML(&again, inv, utc); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out.Bytes(), again.Bytes()) {
		t.Error("two renderings of one inventory differ")
	}
	s := out.String()
	for _, bad := range []string{"<b>&", "http://", "https://", "src=", "@import", "url("} {
		if strings.Contains(strings.ReplaceAll(s, `xmlns="http://www.w3.org/2000/svg"`, ""), bad) {
			t.Errorf("the report contains %q: not escaped, or not self-contained", bad)
		}
	}
	conformance, charts, holdings := strings.Index(s, `id="conformance"`), strings.Index(s, `id="charts"`), strings.Index(s, `id="holdings"`)
	if conformance < 0 || charts < conformance || holdings < charts {
		t.Errorf("sections out of order: conformance at %d, charts at %d, holdings at %d", conformance, charts, holdings)
	}
	if !strings.Contains(s, "'"+scriptHash(reportJS)+"'") {
		t.Error("the Content-Security-Policy does not allow the page's script by its hash")
	}
}

// TestHTMLEmpty renders an inventory with nothing in it.
func TestHTMLEmpty(t *testing.T) {
	var out bytes.Buffer
	inv := &inventory.Inventory{SchemaVersion: inventory.SchemaVersion, Started: time.Unix(0, 0), Finished: time.Unix(1, 0)}
	if err := WriteHTML(&out, inv, utc); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"方針に反する保有は見つかりませんでした", "保有はありません"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the empty report lacks %q", want)
		}
	}
}

func findingsOf(fs []scanner.Finding) Findings {
	return func(yield func(scanner.Finding, error) bool) {
		for _, f := range fs {
			if !yield(f, nil) {
				return
			}
		}
	}
}

func TestXLSX(t *testing.T) {
	inv, fs := fixture(t)
	var out bytes.Buffer
	if err := WriteXLSX(&out, inv, findingsOf(fs), utc); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(out.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := []string{SheetSummary, SheetLedger, SheetHoldings, SheetProblems, SheetFindings}
	if got := f.GetSheetList(); !slices.Equal(got, sheets) {
		t.Fatalf("sheets %q, want %q", got, sheets)
	}
	rows := func(sheet string) [][]string {
		t.Helper()
		r, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	ledger := rows(SheetLedger)
	if len(ledger) != len(inv.Items)+1 {
		t.Errorf("%s: %d rows, want a header and %d items", SheetLedger, len(ledger), len(inv.Items))
	}
	for _, h := range []string{"個人情報の項目", "区分", "利用目的", "保管場所", "保管方法", "検出数（件）", "異なる値の数", "要配慮個人情報の有無", "特定個人情報",
		"開示対象", "受託", "保管期限", "管理部門", "最古のデータ", "最新のデータ", "備考"} {
		if !slices.Contains(ledger[0], h) {
			t.Errorf("%s lacks the column %s: %q", SheetLedger, h, ledger[0])
		}
	}
	cell := func(sheet, ref string) string {
		t.Helper()
		v, err := f.GetCellValue(sheet, ref)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	if got := cell(SheetLedger, "A2"); got != "氏名" {
		t.Errorf("the ledger starts with %q, want 氏名", got)
	}
	col := func(header []string, name string) string {
		return colName(slices.Index(header, name))
	}
	row := func(sheet, first string) int {
		for i, r := range rows(sheet) {
			if len(r) > 0 && r[0] == first {
				return i + 1
			}
		}
		t.Fatalf("%s: no row for %s", sheet, first)
		return 0
	}
	mn := row(SheetLedger, "個人番号")
	for h, want := range map[string]string{"区分": "特定個人情報", "特定個人情報": "有", "検出数（件）": "7", "異なる値の数": "4", "保管期限": "7年", "指摘": "高", "最古のデータ": "2025-01-10"} {
		if got := cell(SheetLedger, col(ledger[0], h)+itoa(mn)); got != want {
			t.Errorf("個人番号 %s = %q, want %q", h, got, want)
		}
	}
	if got := cell(SheetLedger, col(ledger[0], "備考")+itoa(mn)); !strings.Contains(got, "方針外の保管場所") {
		t.Errorf("個人番号 備考 = %q", got)
	}
	// The row is tall enough for the item's three places, one a line.
	if places := cell(SheetLedger, col(ledger[0], "保管場所")+itoa(mn)); strings.Count(places, "\n") != 2 {
		t.Errorf("個人番号 保管場所 = %q, want three places", places)
	} else if h, err := f.GetRowHeight(SheetLedger, mn); err != nil || h < 3*lineHeight {
		t.Errorf("個人番号's row is %v points tall (%v), want room for three lines", h, err)
	}
	if holdings := rows(SheetHoldings); len(holdings) != len(inv.Holdings)+1 || holdings[0][0] != "個人情報の項目" {
		t.Errorf("%s: %d rows starting %q, want a header and %d holdings", SheetHoldings, len(holdings), holdings[0], len(inv.Holdings))
	}
	problems := rows(SheetProblems)
	var headers []string
	for _, c := range problemColumns {
		headers = append(headers, c.header)
	}
	// A header, the problems, a blank row and the note of those not listed.
	if len(problems) != len(inv.Problems)+3 || !slices.Equal(problems[0], headers) {
		t.Fatalf("%s: %q", SheetProblems, problems)
	}
	for i, want := range [][]string{
		{"スキップ", "電子ファイル", "共有/ロゴ.png", "", "", "テキストではありません", "binary content (png image)", "binary"},
		{"読み取り失敗", "電子ファイル", "共有/ロック中.csv", "", "", "読み取り権限がありません", "open: permission denied", "permission_denied"},
	} {
		if got := problems[i+1]; !slices.Equal(got, want) {
			t.Errorf("%s row %d: %q, want %q", SheetProblems, i+2, got, want)
		}
	}
	if note := problems[len(problems)-1][0]; !strings.Contains(note, "ほか 2 件") {
		t.Errorf("%s: the last row is %q, want how many more there were", SheetProblems, note)
	}
	findings := rows(SheetFindings)
	if len(findings) != len(fs)+1 || !slices.Equal(findings[0], findingHeaders) {
		t.Errorf("%s: %d rows, want a header and %d findings", SheetFindings, len(findings), len(fs))
	}
	if got := cell(SheetFindings, "F2"); got != "山田 **" {
		t.Errorf("the first finding's value is %q, want it masked", got)
	}
	if got := cell(SheetFindings, "D2"); got != "氏名" {
		t.Errorf("the first finding's item is %q", got)
	}
	summary := strings.Join(slices.Concat(rows(SheetSummary)...), "\n")
	for _, want := range []string{"方針適合性の概要", "株式会社サンプル商事", "undeclared_place",
		"スキャンの状態", ja.Status(inventory.StatusFailed), ja.StatusNote(inventory.StatusFailed),
		"mysql://legacy.example.jp:3306/old", "接続できません（connect: dial tcp 192.0.2.10:3306: connection refused）",
		"スキップ 3 件、読み取り失敗 1 件", "ほか 2 件は一覧にありません", subjectsNote, "異なる値の数"} {
		if !strings.Contains(summary, want) {
			t.Errorf("%s lacks %q", SheetSummary, want)
		}
	}
	// The conformance summary comes before the targets and the totals.
	if row(SheetSummary, "方針適合性の概要") > row(SheetSummary, "スキャン対象") {
		t.Error("the conformance summary is not at the top of the summary sheet")
	}
	// Japanese only: the flags are explained, not quoted from the inventory.
	for _, sh := range sheets {
		text := strings.Join(slices.Concat(rows(sh)...), "\n")
		for _, fl := range inv.Flags {
			if strings.Contains(text, fl.Message) {
				t.Errorf("%s holds the flag's English message %q", sh, fl.Message)
			}
		}
	}

	zr, err := zip.NewReader(bytes.NewReader(out.Bytes()), int64(out.Len()))
	if err != nil {
		t.Fatal(err)
	}
	part := func(name string) string {
		t.Helper()
		r, err := zr.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(r)
		return string(b)
	}
	for n := 1; n <= len(sheets); n++ {
		x := part("xl/worksheets/sheet" + itoa(n) + ".xml")
		if n > 1 && (!strings.Contains(x, "<autoFilter") || !strings.Contains(x, `state="frozen"`)) {
			t.Errorf("sheet %d has no autofilter or no frozen header", n)
		}
		// Printed on A4 landscape, one page wide, with the scan and the
		// page number at the foot of every page.
		for _, want := range []string{`<pageSetUpPr fitToPage="true"`, `paperSize="9"`, `orientation="landscape"`,
			`fitToWidth="1"`, `fitToHeight="0"`, "&amp;P / &amp;N ページ", "スキャン終了 2026-11-20 01:12:34 UTC", "&amp;A"} {
			if !strings.Contains(x, want) {
				t.Errorf("sheet %d (%s) lacks %s", n, sheets[n-1], want)
			}
		}
		want := excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: "'" + sheets[n-1] + "'!$1:$1", Scope: sheets[n-1]}
		if !slices.Contains(f.GetDefinedName(), want) {
			t.Errorf("sheet %d (%s) repeats no header row on every page: want %+v in %+v", n, sheets[n-1], want, f.GetDefinedName())
		}
	}
}

// TestXLSXEmpty writes the workbook of a scan that found nothing.
func TestXLSXEmpty(t *testing.T) {
	inv := &inventory.Inventory{SchemaVersion: inventory.SchemaVersion, Started: time.Unix(0, 0), Finished: time.Unix(1, 0),
		Status: inventory.StatusComplete, Targets: []inventory.Target{{Name: "./空", Status: inventory.TargetOK}}}
	var out bytes.Buffer
	if err := WriteXLSX(&out, inv, nil, utc); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for sheet, want := range map[string]string{
		SheetSummary:  "方針に反する保有は見つかりませんでした。",
		SheetProblems: "スキップした項目、読み取れなかった項目はありません。",
	} {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(strings.Join(slices.Concat(rows...), "\n"), want) {
			t.Errorf("%s lacks %q: %q", sheet, want, rows)
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestXLSXCap lists at most the cap of findings and says how many are left out.
func TestXLSXCap(t *testing.T) {
	inv, fs := fixture(t)
	defer func(n int) { findingRowCap = n }(findingRowCap)
	findingRowCap = 5
	var out bytes.Buffer
	if err := WriteXLSX(&out, inv, findingsOf(fs), utc); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(SheetFindings)
	if err != nil {
		t.Fatal(err)
	}
	// A header, five findings, a blank row and the note.
	if len(rows) != 8 || len(rows[6]) != 0 {
		t.Fatalf("%d rows: %q", len(rows), rows)
	}
	if note := rows[7][0]; !strings.Contains(note, "ほか "+units.Thousands(int64(len(fs)-5))+" 件") || !strings.Contains(note, "上限の 5 行") {
		t.Errorf("note %q", note)
	}
}

// raceEnabled is set under -race, which makes TestXLSXMaxRows take half a
// minute rather than two seconds.
var raceEnabled = false

// TestXLSXMaxRows streams more than MaxFindingRows findings, as a large
// scan has them.
func TestXLSXMaxRows(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("slow with -short or -race; TestXLSXCap checks the cap with a small one")
	}
	inv, fs := fixture(t)
	n := MaxFindingRows + 7
	many := func(yield func(scanner.Finding, error) bool) {
		for i := range n {
			if !yield(fs[i%len(fs)], nil) {
				return
			}
		}
	}
	var out bytes.Buffer
	if err := WriteXLSX(&out, inv, many, utc); err != nil {
		t.Fatal(err)
	}
	// Reading 100,000 rows back with excelize takes seconds: count them in
	// the sheet's XML.
	zr, err := zip.NewReader(bytes.NewReader(out.Bytes()), int64(out.Len()))
	if err != nil {
		t.Fatal(err)
	}
	r, err := zr.Open("xl/worksheets/sheet5.xml")
	if err != nil {
		t.Fatal(err)
	}
	x, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	// A header, the findings and the note.
	if n := bytes.Count(x, []byte("<row ")); n != MaxFindingRows+2 || !bytes.Contains(x, []byte("ほか 7 件")) {
		t.Errorf("%d rows; want %d and a note of 7 left out", n, MaxFindingRows+2)
	}
}

// TestXLSXFindingsError stops at a store's error.
func TestXLSXFindingsError(t *testing.T) {
	inv, fs := fixture(t)
	broken := func(yield func(scanner.Finding, error) bool) {
		if yield(fs[0], nil) {
			yield(scanner.Finding{}, errors.New("state: corrupt record"))
		}
	}
	if err := WriteXLSX(io.Discard, inv, broken, utc); err == nil || !strings.Contains(err.Error(), "corrupt record") {
		t.Errorf("err = %v, want the store's error", err)
	}
	if err := WriteXLSX(io.Discard, inv, nil, utc); err != nil {
		t.Errorf("without findings: %v", err)
	}
}

// utc writes the golden reports' times in UTC, whatever the machine's zone.
var utc = Options{Zone: time.UTC}
