package main

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/pmscan/pmscan/connectors/mysql"
	"github.com/pmscan/pmscan/internal/testkit/dbtest"
)

// The command line against the real servers: one table each, scanned to
// JSON lines, located by primary key.
func TestScanDatabases(t *testing.T) {
	pg := dbtest.Postgres(t)
	dbtest.ExecPostgres(t, pg,
		"DROP SCHEMA IF EXISTS pmscan_clitest CASCADE",
		"CREATE SCHEMA pmscan_clitest",
		`CREATE TABLE pmscan_clitest."会員" ("会員番号" bigint PRIMARY KEY, "メール" text, "電話" bigint)`,
		`INSERT INTO pmscan_clitest."会員" VALUES (10, 'hanako@example.jp', 9012345678), (11, NULL, NULL)`,
	)
	t.Cleanup(func() { pg.Exec(context.Background(), "DROP SCHEMA IF EXISTS pmscan_clitest CASCADE") })
	my := dbtest.MySQL(t, mysql.ParseURL)
	dbtest.ExecMySQL(t, my,
		"DROP DATABASE IF EXISTS pmscan_clitest",
		"CREATE DATABASE pmscan_clitest DEFAULT CHARACTER SET utf8mb4",
		"CREATE TABLE pmscan_clitest.`会員` (`会員番号` BIGINT PRIMARY KEY, `メール` VARCHAR(80), `電話` BIGINT)",
		"INSERT INTO pmscan_clitest.`会員` VALUES (10, 'hanako@example.jp', 9012345678), (11, NULL, NULL)",
	)
	t.Cleanup(func() { my.Exec("DROP DATABASE IF EXISTS pmscan_clitest") })
	cfg, _ := mysql.ParseURL(dbtest.MySQLURL())
	myURL := fmt.Sprintf("mysql://%s@%s/pmscan_clitest", cfg.User, cfg.Addr)

	code, out, errOut := scan(t, "-format", "jsonl", "-tables", "pmscan_clitest.*", dbtest.PostgresURL(), myURL)
	if code != exitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, errOut)
	}
	fs := parseFindings(t, out)
	got := map[string]bool{}
	for _, f := range fs {
		l := f.Location
		got[fmt.Sprintf("%s %s %s %s %s", l.Object.Store, l.Object.Table, l.Column, l.Row, f.Type)] = true
	}
	for _, want := range []string{
		`postgres pmscan_clitest.会員 メール {"会員番号":10} email`,
		`postgres pmscan_clitest.会員 電話 {"会員番号":10} phone`,
		`会員 メール {"会員番号":10} email`,
		`会員 電話 {"会員番号":10} phone`,
	} {
		found := false
		for k := range got {
			if strings.HasSuffix(k, want) && (strings.HasPrefix(want, "postgres") || strings.HasPrefix(k, "mariadb") || strings.HasPrefix(k, "mysql")) {
				found = true
			}
		}
		if !found {
			t.Errorf("no finding %q in %v", want, got)
		}
	}
	// Per server: the e-mail, the phone held as an integer, and 会員番号 of
	// both rows as a member ID (a column-only detector).
	if len(fs) != 8 {
		t.Errorf("%d findings, want 8: %v", len(fs), got)
	}
	if !strings.Contains(errOut, "scanned 2 objects") || !strings.Contains(errOut, "4 rows") {
		t.Errorf("stderr summary: %s", errOut)
	}
}

// A server that is down fails its target, exit 3, and the report names it
// without the password; the other target is still scanned.
func TestScanDownDatabase(t *testing.T) {
	code, out, _ := scan(t, "postgres://scanner:S3cret-pw@127.0.0.1:1/crm?connect_timeout=2", demoDir+"/memo.txt")
	if code != exitTargetError {
		t.Errorf("exit %d, want %d", code, exitTargetError)
	}
	if strings.Contains(out, "S3cret") {
		t.Errorf("password in the report:\n%s", out)
	}
	if !strings.Contains(out, "target postgres://scanner:xxxxx@127.0.0.1:1/crm") || !strings.Contains(out, "connection refused") {
		t.Errorf("report does not say which target failed and why:\n%s", out)
	}
	if !strings.Contains(out, "memo.txt") {
		t.Errorf("the file target was not scanned:\n%s", out)
	}
}
