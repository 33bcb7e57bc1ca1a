package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/jackc/pgx/v5"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/connectors/mysql"
	"github.com/pmscan/pmscan/internal/testkit/dbtest"
	"github.com/pmscan/pmscan/internal/testkit/s3test"
	"github.com/pmscan/pmscan/reports/inventory"
)

// accessPolicy declares who may read e-mail addresses: the file's group,
// MariaDB's administrators, and PostgreSQL roles named pmscan_ok_*. Phones say
// nothing of access.
const accessPolicy = `
items:
  - {id: email, name: メールアドレス, class: 個人情報, types: [email], access: ["group:root", "'root'@*", "'mysql'@*", "role:pmscan_ok_*", "user:pmscan_ok_*"]}
  - {id: phone, name: 電話番号, class: 個人情報, types: [phone]}
`

// TestAccessInTheLedger scans real files, a real PostgreSQL, a real
// MariaDB and a real S3-compatible server twice, with a state store: first
// with a world-readable file, a table granted to PUBLIC and one to a role
// the policy does not name, a bucket whose policy lets anyone read; then
// with the file closed (0600, not rewritten: the incremental scan carries
// it over), PUBLIC revoked, the grants moved and the bucket policy gone. Who can read
// each holding and the flags follow the stores, not the data.
func TestAccessInTheLedger(t *testing.T) {
	var b [4]byte
	rand.Read(b[:])
	suffix := hex.EncodeToString(b[:])
	okRole, otherRole := "pmscan_ok_"+suffix, "pmscan_other_"+suffix

	base := t.TempDir()
	for _, d := range []string{filepath.Dir(base), base} {
		if err := os.Chmod(d, 0o755); err != nil { // others may enter
			t.Fatal(err)
		}
	}
	files := filepath.Join(base, "share")
	if err := os.Mkdir(files, 0o755); err != nil {
		t.Fatal(err)
	}
	list := filepath.Join(files, "list.csv")
	if err := os.WriteFile(list, []byte("氏名,メール\n山田,hanako@example.jp\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(list, 0o644); err != nil {
		t.Fatal(err)
	}

	pgURL, _, admin := dbtest.PostgresDatabase(t)
	dbtest.ExecPostgres(t, admin, "CREATE ROLE "+okRole, "CREATE ROLE "+otherRole)
	db, err := pgx.Connect(context.Background(), pgURL)
	if err != nil {
		t.Fatal(err)
	}
	// Cleanups run last first: the table goes with its database, before
	// the roles its grants name.
	t.Cleanup(func() {
		admin.Exec(context.Background(), "DROP ROLE IF EXISTS "+okRole)
		admin.Exec(context.Background(), "DROP ROLE IF EXISTS "+otherRole)
	})
	defer db.Close(context.Background())
	dbtest.ExecPostgres(t, db,
		`CREATE TABLE "顧客" (id bigint PRIMARY KEY, "メール" text, "電話" text)`,
		`INSERT INTO "顧客" VALUES (1, 'taro@example.jp', '03-1234-5678')`,
		`GRANT SELECT ON "顧客" TO PUBLIC`,
		`GRANT SELECT ON "顧客" TO `+otherRole,
	)

	my := dbtest.MySQL(t, mysql.ParseURL)
	myDB, myUser := "pmscan_access_"+suffix, "pmscan_other_"+suffix
	dbtest.ExecMySQL(t, my,
		"CREATE DATABASE "+myDB+" DEFAULT CHARACTER SET utf8mb4",
		"CREATE TABLE "+myDB+".`顧客` (id BIGINT PRIMARY KEY, `メール` VARCHAR(80))",
		"INSERT INTO "+myDB+".`顧客` VALUES (1, 'jiro@example.jp')",
		"CREATE USER '"+myUser+"'@'%'",
		"GRANT SELECT ON "+myDB+".`顧客` TO '"+myUser+"'@'%'",
	)
	t.Cleanup(func() {
		my.Exec("DROP DATABASE IF EXISTS " + myDB)
		my.Exec("DROP USER IF EXISTS '" + myUser + "'@'%'")
	})
	cfg, _ := mysql.ParseURL(dbtest.MySQLURL())
	myURL := fmt.Sprintf("mysql://%s@%s/%s", cfg.User, cfg.Addr, myDB)

	// A bucket anyone may read by its policy.
	srv := s3test.Start(t)
	srv.CreateBucket(t, "exports")
	srv.Put(t, "exports", "list.csv", []byte("氏名,メール\n佐藤,saburo@example.jp\n"))
	s3root := srv.Client(t)
	_, err = s3root.PutBucketPolicy(t.Context(), &s3.PutBucketPolicyInput{Bucket: aws.String("exports"), Policy: aws.String(
		`{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::exports/*"}]}`)})
	if err != nil {
		t.Fatal(err)
	}
	srv.Env(t, srv.Root())

	policyFile := filepath.Join(base, "policy.yaml")
	if err := os.WriteFile(policyFile, []byte(accessPolicy), 0o600); err != nil {
		t.Fatal(err)
	}
	state := filepath.Join(t.TempDir(), "state.db")
	args := []string{"-state", state, "-policy", policyFile, "-s3-endpoint", srv.Endpoint, files, pgURL, myURL, "s3://exports/"}

	first := scanJSON(t, args...)
	pgPlace := placeEnding(t, first, "/public.顧客")
	myPlace := placeEnding(t, first, "/"+myDB+"/顧客")
	filePlace := placeEnding(t, first, "share/list.csv")
	bucketPlace := placeEnding(t, first, "s3://exports/list.csv")
	wantFlags(t, "first scan", first, []string{
		"public_access " + filePlace + " [mode 0644] [メールアドレス]",
		"public_access " + pgPlace + " [GRANT SELECT TO PUBLIC] [メールアドレス 電話番号]",
		"public_access " + bucketPlace + " [bucket policy] [メールアドレス]",
		"access_undeclared email " + pgPlace + " [role:" + otherRole + "]",
		"access_undeclared email " + myPlace + " [user:'" + myUser + "'@'%']",
	})
	if a := holdingAccess(t, first, pgPlace); !hasReader(a, connectors.KindRole, otherRole, "GRANT SELECT") {
		t.Errorf("%s: readers %+v, want role %s by GRANT SELECT", pgPlace, a.Readers, otherRole)
	}

	// Close the file without touching its content, revoke PUBLIC, move
	// the grants to a role the policy names.
	if err := os.Chmod(list, 0o600); err != nil {
		t.Fatal(err)
	}
	dbtest.ExecPostgres(t, db,
		`REVOKE SELECT ON "顧客" FROM PUBLIC`,
		`REVOKE SELECT ON "顧客" FROM `+otherRole,
		`GRANT SELECT ("メール") ON "顧客" TO `+okRole,
	)
	dbtest.ExecMySQL(t, my, "REVOKE SELECT ON "+myDB+".`顧客` FROM '"+myUser+"'@'%'")
	if _, err := s3root.DeleteBucketPolicy(t.Context(), &s3.DeleteBucketPolicyInput{Bucket: aws.String("exports")}); err != nil {
		t.Fatal(err)
	}

	second := scanJSON(t, args...)
	if second.Changes == nil || second.Changes.Carried == 0 {
		t.Errorf("the second scan carried nothing over: %+v", second.Changes)
	}
	wantFlags(t, "second scan", second, nil)
	if a := holdingAccess(t, second, pgPlace); !hasReader(a, connectors.KindRole, okRole, `column grant (メール)`) {
		t.Errorf("%s: readers %+v, want role %s by a column grant", pgPlace, a.Readers, okRole)
	}
	if a := holdingAccess(t, second, filePlace); a.Public() {
		t.Errorf("%s: still public after chmod 0600: %+v", filePlace, a)
	}

	// The ledger shows the column, measured and declared.
	ledger := filepath.Join(t.TempDir(), "ledger.csv")
	if code, _, errOut := run2(t, "report", "-state", state, "-format", "csv", "-o", ledger); code != exitOK {
		t.Fatalf("pmscan report: exit %d\n%s", code, errOut)
	}
	csv, err := os.ReadFile(ledger)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"アクセス権を有する者（実測）", "アクセス権を有する者（方針）", "ロール " + okRole + "（column grant (メール)）", "role:pmscan_ok_*"} {
		if !strings.Contains(string(csv), want) {
			t.Errorf("the ledger has no %q", want)
		}
	}
}

// wantFlags checks the access flags of inv: "public_access place
// [readers] [items]", one a place; "access_undeclared item place
// [readers]", one a place and item.
func wantFlags(t *testing.T, what string, inv *inventory.Inventory, want []string) {
	t.Helper()
	var got []string
	for _, f := range inv.Flags {
		switch f.Rule {
		case inventory.RulePublicAccess:
			got = append(got, fmt.Sprintf("%s %s %v %v", f.Rule, f.Name, f.Readers, f.Items))
		case inventory.RuleAccessUndeclared:
			got = append(got, fmt.Sprintf("%s %s %s %v", f.Rule, f.ItemID, f.Name, f.Readers))
		}
	}
	slices.Sort(got)
	want = slices.Clone(want)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("%s: access flags\n got  %q\n want %q", what, got, want)
	}
}

func placeEnding(t *testing.T, inv *inventory.Inventory, suffix string) string {
	t.Helper()
	for _, h := range inv.Holdings {
		if strings.HasSuffix(h.Name, suffix) {
			return h.Name
		}
	}
	t.Fatalf("no holding at a place ending in %q", suffix)
	return ""
}

func holdingAccess(t *testing.T, inv *inventory.Inventory, place string) *connectors.Access {
	t.Helper()
	for _, h := range inv.Holdings {
		if h.Name == place {
			if h.Access == nil {
				t.Fatalf("%s: no access read", place)
			}
			return h.Access
		}
	}
	t.Fatalf("no holding at %s", place)
	return nil
}

func hasReader(a *connectors.Access, kind, name, via string) bool {
	return slices.ContainsFunc(a.Readers, func(p connectors.Principal) bool {
		return p.Kind == kind && p.Name == name && strings.Contains(p.Via, via)
	})
}
