package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/pmscan/pmscan/internal/testkit/dbtest"
	"github.com/pmscan/pmscan/internal/testkit/s3test"
	"github.com/pmscan/pmscan/reports/inventory"
	"github.com/pmscan/pmscan/reports/policy"
)

// The motivating case: the company's own contact details in its policy
// documents, beside a customer list that holds them once too.
const (
	privacyPolicyDoc = "個人情報保護方針\n株式会社サンプル商事 個人情報お問い合わせ窓口\n電話: ０３（５９８９）１２１１ メール: privacy@sample-shoji.co.jp\n〒100-0005 東京都千代田区丸の内一丁目2番3号\n"
	contactDoc       = "お問い合わせ: 03-5989-1211 / privacy@sample-shoji.co.jp\n"
	customersWithUs  = "氏名,電話番号,メール\n山田 太郎,090-1234-5678,taro.yamada@example.jp\n佐藤 花子,03-5989-1211,privacy@sample-shoji.co.jp\n"
)

func writeCompanyDocs(t *testing.T, dir string) {
	t.Helper()
	os.MkdirAll(filepath.Join(dir, "policies"), 0o755)
	os.MkdirAll(filepath.Join(dir, "crm"), 0o755)
	os.WriteFile(filepath.Join(dir, "policies", "privacy.txt"), []byte(privacyPolicyDoc), 0o644)
	os.WriteFile(filepath.Join(dir, "policies", "contact.txt"), []byte(contactDoc), 0o644)
	os.WriteFile(filepath.Join(dir, "crm", "customers.csv"), []byte(customersWithUs), 0o644)
}

// allowedHits is inv.Allowed as "entry/type" -> hits.
func allowedHits(inv *inventory.Inventory) map[string]int64 {
	out := map[string]int64{}
	for _, a := range inv.Allowed {
		out[a.Entry+"/"+a.Type] = a.Hits
	}
	return out
}

func checkAllowed(t *testing.T, what string, inv *inventory.Inventory, want map[string]int64, unused []string) {
	t.Helper()
	got := allowedHits(inv)
	var total int64
	for k, n := range want {
		total += n
		if got[k] != n {
			t.Errorf("%s: allowed %s: %d hits, want %d (all: %v)", what, k, got[k], n, got)
		}
	}
	if len(got) != len(want) || inv.Totals.Allowed != total {
		t.Errorf("%s: allowed %v (total %d), want %v (total %d)", what, got, inv.Totals.Allowed, want, total)
	}
	if strings.Join(inv.AllowUnused, ",") != strings.Join(unused, ",") {
		t.Errorf("%s: unused %v, want %v", what, inv.AllowUnused, unused)
	}
}

// TestAllowListFiles: the company's own phone number and e-mail address,
// in the policy documents and in the customer list, and its address in
// the public documents, are held back and counted by entry; the customer's
// are reported; a second, incremental scan carries the counts over with
// the objects; the unused entry is said.
func TestAllowListFiles(t *testing.T) {
	dir := t.TempDir()
	writeCompanyDocs(t, dir)
	state := filepath.Join(t.TempDir(), "state.db")
	want := map[string]int64{"office-phone/phone": 3, "privacy-desk/email": 3, "public-documents/address": 1, "public-documents/postal_code": 1}
	first := scanJSON(t, "-state", state, "-policy", companyPolicy, dir)
	checkAllowed(t, "first scan", first, want, []string{"test-cards"})
	types := map[string]int64{}
	for _, ty := range first.Types {
		types[ty.Type] = ty.Findings
	}
	if types["phone"] != 1 || types["email"] != 1 || types["address"] != 0 {
		t.Errorf("findings by type %v: want the customer's phone and e-mail only", types)
	}
	second := scanJSON(t, "-state", state, "-policy", companyPolicy, dir)
	if second.Changes == nil || second.Changes.Carried != 3 {
		t.Fatalf("the second scan did not carry the three files over: %+v", second.Changes)
	}
	checkAllowed(t, "carried over", second, want, []string{"test-cards"})

	// The text report says it, with the reasons; the value is nowhere.
	code, out, stderr := scan(t, "-state", "none", "-policy", companyPolicy, dir)
	if code != exitOK || !strings.Contains(out, "Held back by the allow list and suppressions (not reported as findings): 8 hits") ||
		!strings.Contains(out, "office-phone") || !strings.Contains(out, "当社代表番号") || !strings.Contains(out, "matched nothing in this complete scan: test-cards") {
		t.Errorf("text report: exit %d\n%s%s", code, out, stderr)
	}
	if strings.Contains(out, "5989") {
		t.Errorf("the text report shows an allowed value")
	}

	// An -allow file adds to the policy's list; an entry that cannot
	// match is refused with its line.
	extra := filepath.Join(t.TempDir(), "allow.yaml")
	os.WriteFile(extra, []byte("allow:\n  - id: customer-yamada\n    value: 090-1234-5678\n"), 0o644)
	inv := scanJSON(t, "-state", "none", "-policy", companyPolicy, "-allow", extra, dir)
	if allowedHits(inv)["customer-yamada/phone"] != 1 {
		t.Errorf("the -allow file's entry: %v", allowedHits(inv))
	}
	os.WriteFile(extra, []byte("allow:\n  - id: typo\n    value: 090-1234-567\n    types: [phone]\n"), 0o644)
	if code, _, stderr := scan(t, "-state", "none", "-allow", extra, dir); code != exitUsage || !strings.Contains(stderr, extra+":3: allow entry typo: no phone detector finds this value as a whole") {
		t.Errorf("an entry that cannot match: exit %d\n%s", code, stderr)
	}
}

// TestAllowListS3AndPostgres: the same list over an S3-compatible store
// and a PostgreSQL table.
func TestAllowListS3AndPostgres(t *testing.T) {
	srv := s3test.Start(t)
	srv.CreateBucket(t, "company")
	srv.Put(t, "company", "policies/privacy.txt", []byte(privacyPolicyDoc))
	srv.Put(t, "company", "crm/customers.csv", []byte(customersWithUs))
	srv.Env(t, srv.Root())
	inv := scanJSON(t, "-state", "none", "-policy", companyPolicy, "-s3-endpoint", srv.Endpoint, "s3://company/")
	checkAllowed(t, "s3", inv, map[string]int64{"office-phone/phone": 2, "privacy-desk/email": 2, "public-documents/address": 1, "public-documents/postal_code": 1}, []string{"test-cards"})

	dsn, _, _ := dbtest.PostgresDatabase(t)
	conn, err := pgx.Connect(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	dbtest.ExecPostgres(t, conn,
		`CREATE TABLE orders (name text, tel text, card text)`,
		`INSERT INTO orders VALUES ('山田 太郎', '090-1234-5678', '4111-1111-1111-1111'), ('佐藤 花子', '03-5989-1211', '5555-5555-5555-4444')`)
	inv = scanJSON(t, "-state", "none", "-policy", companyPolicy, dsn)
	checkAllowed(t, "postgres", inv, map[string]int64{"office-phone/phone": 1, "test-cards/credit_card": 1}, []string{"privacy-desk", "public-documents"})
	for _, ty := range inv.Types {
		if ty.Type == "credit_card" && ty.Findings != 1 {
			t.Errorf("credit cards: %d findings, want the real one only", ty.Findings)
		}
	}
}

// TestBaseline: pmscan baseline writes a scan's findings as suppressions;
// a scan with -baseline reports only what is new, keeps a finding whose
// line moved suppressed, reports the findings of an expired suppression
// again and lists it, and lists the suppressions of a deleted file as
// unused.
func TestBaseline(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "customers.csv"), []byte(customersWithUs), 0o644)
	memo := "連絡先: 090-8765-4321 (山田)\n"
	os.WriteFile(filepath.Join(dir, "memo.txt"), []byte(memo), 0o644)
	os.WriteFile(filepath.Join(dir, "old.txt"), []byte("旧連絡先 080-1111-2222\n"), 0o644)
	state := filepath.Join(t.TempDir(), "state.db")
	first := scanJSON(t, "-state", state, "-keep-findings", "all", dir)
	base := filepath.Join(t.TempDir(), "baseline.yaml")
	code, out, stderr := runCmd(t, "baseline", "-state", state, "-o", base, "-by", "privacy-office")
	if code != exitOK || !strings.Contains(out, "suppressions from scan") {
		t.Fatalf("baseline: exit %d\n%s%s", code, out, stderr)
	}
	data, _ := os.ReadFile(base)
	for _, v := range []string{"090-1234-5678", "taro.yamada", "8765", "山田 太郎"} {
		if strings.Contains(string(data), v) {
			t.Errorf("the baseline holds a value, %q", v)
		}
	}

	// Unchanged: nothing is reported, everything is held back.
	again := scanJSON(t, "-state", state, "-baseline", base, dir)
	if again.Totals.Findings != 0 || again.Totals.Allowed != first.Totals.Findings || len(again.AllowUnused) != 0 {
		t.Errorf("unchanged data: %d findings reported, %d held back of %d, unused %v", again.Totals.Findings, again.Totals.Allowed, first.Totals.Findings, again.AllowUnused)
	}

	// A line above the memo's phone number, a new customer, a deleted file.
	os.WriteFile(filepath.Join(dir, "memo.txt"), []byte("追記\n"+memo), 0o644)
	os.WriteFile(filepath.Join(dir, "customers.csv"), []byte(customersWithUs+"鈴木 一郎,090-5555-6666,ichiro@example.jp\n"), 0o644)
	os.Remove(filepath.Join(dir, "old.txt"))
	code, out, stderr = scan(t, "-state", state, "-baseline", base, "-format", "jsonl", dir)
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	var reported []string
	for _, f := range parseFindings(t, out) {
		reported = append(reported, f.Type+"@"+filepath.Base(f.Location.Object.Name()))
	}
	if strings.Join(reported, " ") != "person_name@customers.csv phone@customers.csv email@customers.csv" {
		t.Errorf("reported %v, want the new customer's three findings only", reported)
	}
	after := scanJSON(t, "-state", state, "-baseline", base, dir)
	if len(after.AllowUnused) != 1 || !strings.HasPrefix(after.AllowUnused[0], "suppressed:") {
		t.Errorf("unused %v, want the deleted file's one suppression", after.AllowUnused)
	}

	// Expired: the findings come back, and the suppressions are listed.
	expired := filepath.Join(t.TempDir(), "expired.yaml")
	if code, _, stderr := runCmd(t, "baseline", "-state", state, "-o", expired, "-expires", "2020-01-01"); code != exitOK {
		t.Fatalf("baseline -expires: exit %d\n%s", code, stderr)
	}
	back := scanJSON(t, "-state", state, "-baseline", expired, dir)
	if back.Totals.Allowed != 0 || back.Totals.Findings == 0 || len(back.AllowExpired) == 0 {
		t.Errorf("expired suppressions: %d held back, %d reported, %d listed expired", back.Totals.Allowed, back.Totals.Findings, len(back.AllowExpired))
	}
	if code, out, stderr := scan(t, "-state", state, "-baseline", expired, dir); code != exitOK || !strings.Contains(out, "Suppressions past their expiry date (their findings are reported again): suppressed:") {
		t.Errorf("text report of expired suppressions: exit %d\n%s%s", code, out, stderr)
	}
}

// TestThresholds: the policy's per-type thresholds keep a place's weak
// evidence (one name in a memo) out of the holdings, items and flags,
// counted under below_threshold, while a customer list passes them.
func TestThresholds(t *testing.T) {
	base := policy.DefaultYAML()
	pol := filepath.Join(t.TempDir(), "policy.yaml")
	os.WriteFile(pol, append(base, []byte(`
thresholds:
  person_name: {min_confidence: high, min_findings: 3}
  phone: {min_findings: 2}
`)...), 0o644)

	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "memo.txt"), []byte("山田 太郎様より電話 090-8765-4321\n"), 0o644)
	var csv strings.Builder
	csv.WriteString("氏名,電話番号\n")
	for _, r := range []string{"山田 太郎,090-1111-2222", "佐藤 花子,090-3333-4444", "鈴木 一郎,090-5555-6666", "高橋 美咲,090-7777-8888"} {
		csv.WriteString(r + "\n")
	}
	os.WriteFile(filepath.Join(dir, "customers.csv"), []byte(csv.String()), 0o644)

	inv := scanJSON(t, "-state", "none", "-policy", pol, dir)
	for _, h := range inv.Holdings {
		if strings.HasSuffix(h.Name, "memo.txt") {
			t.Errorf("the memo's weak evidence is a holding: %+v", h)
		}
	}
	held := map[string]bool{}
	for _, h := range inv.Holdings {
		held[filepath.Base(h.Name)] = true
	}
	if !held["customers.csv"] {
		t.Errorf("the customer list's holdings were kept out: %+v", inv.Holdings)
	}
	below := map[string]inventory.BelowThreshold{}
	for _, bt := range inv.BelowThreshold {
		below[bt.Type] = bt
	}
	if below["person_name"].Places != 1 || below["phone"].Places != 1 || below["phone"].Findings != 1 {
		t.Errorf("below_threshold %+v, want the memo's name and phone", inv.BelowThreshold)
	}
	var phones int64
	for _, ty := range inv.Types {
		if ty.Type == "phone" {
			phones = ty.Findings
		}
	}
	if phones != 5 {
		t.Errorf("phone findings %d, want 5: thresholds keep holdings out, not findings", phones)
	}

	bad := filepath.Join(t.TempDir(), "bad.yaml")
	os.WriteFile(bad, append(base[:0:0], []byte("items:\n  - id: a\n    name: 氏名\n    class: 個人情報\n    types: [person_name]\nthresholds:\n  persn_name: {min_findings: 2}\n")...), 0o644)
	if code, _, stderr := runCmd(t, "policy", "check", bad); code != exitUsage || !strings.Contains(stderr, `bad.yaml:7: thresholds: unknown detector type "persn_name"`) {
		t.Errorf("a threshold of an unknown type: exit %d\n%s", code, stderr)
	}
}

// TestBaselineAndThresholdsS3AndPostgres: a baseline made of an S3 bucket
// and a PostgreSQL table suppresses their findings on the next scans,
// and only a new row is reported; a threshold keeps a table's lone name
// out of the holdings.
func TestBaselineAndThresholdsS3AndPostgres(t *testing.T) {
	srv := s3test.Start(t)
	srv.CreateBucket(t, "crm")
	srv.Put(t, "crm", "exports/customers.csv", []byte(customersWithUs))
	srv.Env(t, srv.Root())
	dsn, _, _ := dbtest.PostgresDatabase(t)
	conn, err := pgx.Connect(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	dbtest.ExecPostgres(t, conn,
		`CREATE TABLE customers (id int PRIMARY KEY, shimei text, tel text)`,
		`INSERT INTO customers VALUES (1, '山田 太郎', '090-1234-5678'), (2, '佐藤 花子', '080-2345-6789')`,
		`CREATE TABLE notes (id int PRIMARY KEY, body text)`,
		`INSERT INTO notes VALUES (1, '担当: 鈴木 一郎')`)
	state := filepath.Join(t.TempDir(), "state.db")
	targets := []string{"-s3-endpoint", srv.Endpoint, "s3://crm/", dsn}
	first := scanJSON(t, append([]string{"-state", state, "-keep-findings", "all"}, targets...)...)
	base := filepath.Join(t.TempDir(), "baseline.yaml")
	if code, _, stderr := runCmd(t, "baseline", "-state", state, "-o", base); code != exitOK {
		t.Fatalf("baseline: exit %d\n%s", code, stderr)
	}
	again := scanJSON(t, append([]string{"-state", state, "-baseline", base}, targets...)...)
	if again.Totals.Findings != 0 || again.Totals.Allowed != first.Totals.Findings {
		t.Errorf("with the baseline: %d findings reported, %d held back of %d", again.Totals.Findings, again.Totals.Allowed, first.Totals.Findings)
	}
	dbtest.ExecPostgres(t, conn, `INSERT INTO customers VALUES (3, '高橋 美咲', '070-3456-7890')`)
	conn.Exec(context.Background(), `SELECT pg_stat_force_next_flush()`)
	code, out, stderr := scan(t, append([]string{"-state", state, "-baseline", base, "-format", "jsonl", "-full"}, targets...)...)
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	reported := parseFindings(t, out)
	for _, f := range reported {
		if f.Location.Object.Table != "public.customers" || !strings.Contains(string(f.Location.Row), `"id":3`) {
			t.Errorf("reported %s at %+v: only the new row's findings should be", f.Type, f.Location)
		}
	}
	if len(reported) < 2 {
		t.Errorf("%d findings reported, want the new row's name and phone", len(reported))
	}

	pol := filepath.Join(t.TempDir(), "policy.yaml")
	os.WriteFile(pol, append(policy.DefaultYAML(), []byte("\nthresholds:\n  person_name: {min_findings: 2}\n")...), 0o644)
	inv := scanJSON(t, "-state", "none", "-policy", pol, dsn)
	for _, h := range inv.Holdings {
		if strings.HasSuffix(h.Name, "public.notes") {
			t.Errorf("the note's lone name is a holding: %+v", h)
		}
	}
	if len(inv.BelowThreshold) != 1 || inv.BelowThreshold[0].Type != "person_name" || inv.BelowThreshold[0].Places != 1 {
		t.Errorf("below_threshold %+v", inv.BelowThreshold)
	}
}
