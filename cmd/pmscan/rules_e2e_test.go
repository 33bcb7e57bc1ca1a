package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/pmscan/pmscan/internal/testkit/dbtest"
	"github.com/pmscan/pmscan/internal/testkit/s3test"
	"github.com/pmscan/pmscan/reports/inventory"
	"github.com/pmscan/pmscan/reports/lookup"
)

// companyPolicy declares the company's own items and detectors: a rules
// file it includes (member, employee and patient numbers) and one rule
// written in it (contract numbers).
const companyPolicy = "testdata/company/policy.yaml"

// Synthetic company records: a member list as CSV, and a memo.
const (
	membersCSV = "会員番号,氏名,契約番号\nM20241207,山田 太郎,C2024-123456\nM31415926,佐藤 花子,C2024-654321\n"
	staffMemo  = "社員番号: 1234560 の件、患者ID P123456 のカルテを確認。注文番号 M27182818 は別件。\n"
)

// itemFindings is the findings of each item of inv, by the item's name.
func itemFindings(inv *inventory.Inventory) map[string]int64 {
	out := map[string]int64{}
	for _, it := range inv.Items {
		out[it.Item] += it.Findings
	}
	return out
}

// checkCompanyItems fails unless inv holds the company's own items with
// the findings the synthetic records plant.
func checkCompanyItems(t *testing.T, inv *inventory.Inventory, want map[string]int64) {
	t.Helper()
	got := itemFindings(inv)
	for item, n := range want {
		if got[item] != n {
			t.Errorf("item %s: %d findings, want %d (items: %v)", item, got[item], n, got)
		}
	}
	for _, f := range inv.Flags {
		if f.Rule == "undeclared_item" {
			t.Errorf("flagged as undeclared: %+v", f)
		}
	}
}

// TestCompanyRulesFiles: the policy's rules find the company's own
// identifiers in files, map them onto its items, and mask them.
func TestCompanyRulesFiles(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "members.csv"), []byte(membersCSV), 0o644)
	os.WriteFile(filepath.Join(dir, "memo.txt"), []byte(staffMemo), 0o644)
	inv := scanJSON(t, "-state", "none", "-policy", companyPolicy, dir)
	checkCompanyItems(t, inv, map[string]int64{"会員番号": 2, "契約番号": 2, "社員番号": 1, "患者ID": 1})

	code, out, stderr := scan(t, "-state", "none", "-policy", companyPolicy, "-format", "jsonl", "-types", "member_number", dir)
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	fs := parseFindings(t, out)
	if len(fs) != 2 {
		t.Fatalf("-types member_number: %d findings, want 2 (the order number near no keyword is not one)", len(fs))
	}
	for _, f := range fs {
		if f.Type != "member_number" || f.Confidence.String() != "high" || strings.Contains(out, "M20241207") {
			t.Errorf("finding %+v (masked values only)", f)
		}
	}
}

// TestCompanyRulesPostgres: a rule's column words judge a table column.
func TestCompanyRulesPostgres(t *testing.T) {
	dsn, _, _ := dbtest.PostgresDatabase(t)
	conn, err := pgx.Connect(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	dbtest.ExecPostgres(t, conn,
		`CREATE TABLE members (kaiin_no text, shimei text, contract_no text)`,
		`INSERT INTO members VALUES ('M20241207', '山田 太郎', 'C2024-123456'), ('M31415926', '佐藤 花子', 'C2024-654321'), ('M16180339', '鈴木 一郎', 'C2024-111111')`)
	inv := scanJSON(t, "-state", "none", "-policy", companyPolicy, dsn)
	checkCompanyItems(t, inv, map[string]int64{"会員番号": 3, "契約番号": 3})
}

// TestCompanyRulesS3: the same rules over objects in an S3-compatible store.
func TestCompanyRulesS3(t *testing.T) {
	srv := s3test.Start(t)
	srv.CreateBucket(t, "company")
	srv.Put(t, "company", "crm/members.csv", []byte(membersCSV))
	srv.Put(t, "company", "notes/memo.txt", []byte(staffMemo))
	srv.Env(t, srv.Root())
	inv := scanJSON(t, "-state", "none", "-policy", companyPolicy, "-s3-endpoint", srv.Endpoint, "s3://company/")
	checkCompanyItems(t, inv, map[string]int64{"会員番号": 2, "契約番号": 2, "社員番号": 1, "患者ID": 1})
}

// TestCompanyRulesRefused: a rule whose example fails, or that names an
// item the policy lacks, stops the scan with its file and line; pmscan
// rules test says how every example went.
func TestCompanyRulesRefused(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "rules.yaml")
	os.WriteFile(bad, []byte(`rules:
  - id: order_member
    pattern: '\bM[0-9]{8}\b'
    confidence: {pattern: medium}
    examples:
      match: [M12345678]
      no_match: [注文番号 M12345678, M87654321]
  - id: ticket_member
    item: no_such_item
    pattern: '\bT[0-9]{8}\b'
    confidence: {pattern: medium}
`), 0o644)
	code, _, stderr := scan(t, "-state", "none", "-rules", bad, dir)
	if code != exitUsage || !strings.Contains(stderr, bad+`:6: rule "order_member": no_match example "注文番号 M12345678": found ["M12345678"]`) {
		t.Errorf("a rule whose example fails: exit %d\n%s", code, stderr)
	}
	code, out, _ := runCmd(t, "rules", "test", bad)
	if code != exitUsage || strings.Count(out, "FAIL order_member") != 2 || !strings.Contains(out, "1 examples passed, 2 failed") {
		t.Errorf("rules test: exit %d\n%s", code, out)
	}
	os.WriteFile(bad, []byte(`rules:
  - id: ticket_member
    item: no_such_item
    pattern: '\bT[0-9]{8}\b'
`), 0o644)
	code, _, stderr = scan(t, "-state", "none", "-rules", bad, dir)
	if code != exitUsage || !strings.Contains(stderr, bad+`:2: rule "ticket_member": the policy built-in has no item "no_such_item"`) {
		t.Errorf("a rule naming no item of the policy: exit %d\n%s", code, stderr)
	}
	if code, out, _ := runCmd(t, "rules", "test", companyPolicy); code != exitOK || !strings.Contains(out, "4 rules, 15 examples passed, 0 failed") {
		t.Errorf("rules test of the company policy: exit %d\n%s", code, out)
	}
}

// TestCompanyRulesChangeReading: editing a rules file the policy includes
// changes the reading signature: the next scan reads everything again
// rather than carry over what the old rules found.
func TestCompanyRulesChangeReading(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	os.MkdirAll(data, 0o755)
	os.WriteFile(filepath.Join(data, "members.csv"), []byte(membersCSV), 0o644)
	rules := filepath.Join(dir, "rules.yaml")
	rule := "rules:\n  - id: member_number\n    pattern: '\\bM[0-9]{8}\\b'\n    columns: [会員]\n    confidence: {pattern: reject}\n"
	os.WriteFile(rules, []byte(rule), 0o644)
	state := filepath.Join(dir, "state.db")
	first := scanJSON(t, "-state", state, "-rules", rules, data)
	second := scanJSON(t, "-state", state, "-rules", rules, data)
	if second.Changes == nil || second.Changes.Carried == 0 {
		t.Fatalf("the unchanged rerun carried nothing over: %+v", second.Changes)
	}
	os.WriteFile(rules, []byte(rule+"    ignore: [M20241207]\n"), 0o644)
	third := scanJSON(t, "-state", state, "-rules", rules, data)
	if third.Changes != nil && third.Changes.Carried > 0 {
		t.Errorf("after the rules changed, %d objects were carried over", third.Changes.Carried)
	}
	count := func(inv *inventory.Inventory) int64 {
		for _, ty := range inv.Types {
			if ty.Type == "member_number" {
				return ty.Findings
			}
		}
		return 0
	}
	if count(first) != 2 || count(third) != 1 {
		t.Errorf("member_number findings: %d before, %d after ignoring one, want 2 and 1", count(first), count(third))
	}
}

// TestCompanyRulesTypesInItems: an item may list a rule's type itself,
// as it lists a built-in type; pmscan policy check and pmscan lookup read
// the policy with its rules.
func TestCompanyRulesTypesInItems(t *testing.T) {
	dir := t.TempDir()
	pol := filepath.Join(dir, "policy.yaml")
	os.WriteFile(pol, []byte(`items:
  - id: contract
    name: 契約番号
    class: 個人情報
    types: [contract_number]
detectors:
  - id: contract_number
    pattern: '\bC[0-9]{4}-[0-9]{6}\b'
    confidence: {pattern: medium}
`), 0o644)
	code, out, stderr := runCmd(t, "policy", "check", pol)
	if code != exitOK || !strings.Contains(out, "契約番号\t個人情報\theld\t[contract_number]") {
		t.Errorf("policy check: exit %d\n%s%s", code, out, stderr)
	}
	data := filepath.Join(dir, "data")
	os.MkdirAll(data, 0o755)
	os.WriteFile(filepath.Join(data, "c.txt"), []byte("契約 C2024-123456\n"), 0o644)
	checkCompanyItems(t, scanJSON(t, "-state", "none", "-policy", pol, data), map[string]int64{"契約番号": 1})
	code, _, stderr = runCmd(t, "lookup", "-state", "none", "-policy", pol, "-email", "a@example.jp", data)
	if code != exitOK && code != exitFindings {
		t.Errorf("lookup with the policy: exit %d\n%s", code, stderr)
	}
}

// TestCompanyRulesLookup: a rule with lookup: member_id puts its findings
// in the lookup index as member IDs: pmscan lookup -member-id finds the
// record from the state store alone, and another member's ID does not.
func TestCompanyRulesLookup(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	os.MkdirAll(data, 0o755)
	os.WriteFile(filepath.Join(data, "members.csv"), []byte(membersCSV), 0o644)
	state := filepath.Join(dir, "state.db")
	scanInto(t, state, "-policy", companyPolicy, data)

	code, out, stderr := lookupCmd(t, "-state", state, "-member-id", "M31415926")
	if code != exitOK {
		t.Fatalf("lookup: exit %d\n%s", code, stderr)
	}
	res := decodeLookup(t, out)
	if len(res.Matches) != 1 || placeOf(res.Matches[0]) != (lookupPlace{"members.csv", "line 3"}) {
		t.Errorf("matches %+v, want members.csv line 3", res.Matches)
	}
	code, out, stderr = lookupCmd(t, "-state", state, "-member-id", "M27182818")
	if code != exitOK {
		t.Fatalf("lookup: exit %d\n%s", code, stderr)
	}
	if res := decodeLookup(t, out); len(res.Matches) != 0 {
		t.Errorf("another member's ID matched %+v", res.Matches)
	}
}

func decodeLookup(t *testing.T, out string) lookup.Result {
	t.Helper()
	var res lookup.Result
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	return res
}
