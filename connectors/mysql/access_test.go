package mysql

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/connectors/sqldb"
	"github.com/pmscan/pmscan/internal/testkit/dbtest"
)

// The access fixture: a database of three tables, and accounts and roles
// that read them each another way. Every name holds "pmscan_acc" (the
// anonymous account's host "pmscan-acc"), so that the readers the server
// has anyway (root's global SELECT) are left out of the comparison.
const (
	accessDB      = "pmscan_access_test"
	accessOtherDB = "pmscan_access_other"
	accessRole    = "pmscan_acc_role"
	accessOuter   = "pmscan_acc_outer" // granted accessRole
	accessAnon    = "''@'pmscan-acc-anon.invalid'"
	scanUser      = "pmscan_acc_scan"
	scanPassword  = "Scan-pw-91c3"
	scanRole      = "pmscan_acc_scanrole"
	scanInner     = "pmscan_acc_scaninner" // granted scanRole
)

// accessAccounts are the fixture's accounts, and their grants.
var accessAccounts = []struct {
	account string
	grants  []string
}{
	{"'pmscan_acc_table'@'%'", []string{"SELECT ON " + accessDB + ".customers"}},
	{"'pmscan_acc_db'@'192.0.2.%'", []string{"SELECT ON " + accessDB + ".*", "SELECT ON " + accessDB + ".customers"}},
	{"'pmscan_acc_cols'@'%'", []string{"SELECT (tel, email), INSERT (name) ON " + accessDB + ".customers"}},
	{"'pmscan_acc_member'@'%'", []string{accessRole}},
	{"'pmscan_acc_nested'@'%'", []string{accessOuter}},
	{"'pmscan_acc_global'@'192.0.2.1'", []string{"SELECT ON *.*"}},
	{accessAnon, []string{"SELECT ON " + accessDB + ".notes"}},
	// Database patterns: % and _ match, \_ is an underscore.
	{"'pmscan_acc_wild'@'%'", []string{"SELECT ON `pmscan\\_access\\_te%`.*"}},
	{"'pmscan_acc_under'@'%'", []string{"SELECT ON `pmscan_access_tes_`.*"}},
	{"'pmscan_acc_literal'@'%'", []string{"SELECT ON `pmscan\\_access\\_tes\\_`.*"}},
	// The exact row, without SELECT, hides the pattern's.
	{"'pmscan_acc_shadow'@'%'", []string{"SELECT ON `pmscan\\_access%`.*", "INSERT ON " + accessDB + ".*"}},
}

// accessFixture creates the fixture and returns the admin handle, and
// whether the server took a grant to PUBLIC (MariaDB 10.11+).
func accessFixture(t *testing.T) (admin *sql.DB, public bool) {
	t.Helper()
	admin = dbtest.MySQL(t, ParseURL)
	var users []string
	for _, a := range accessAccounts {
		users = append(users, a.account)
	}
	dropAll := []string{
		"DROP DATABASE IF EXISTS " + accessDB,
		"DROP USER IF EXISTS " + strings.Join(users, ", "),
		"DROP ROLE IF EXISTS " + accessOuter,
		"DROP ROLE IF EXISTS " + accessRole,
	}
	stmts := append(slices.Clone(dropAll),
		"CREATE DATABASE "+accessDB,
		"CREATE TABLE "+accessDB+".customers (id INT PRIMARY KEY, name VARCHAR(40), email VARCHAR(80), tel VARCHAR(20))",
		"CREATE TABLE "+accessDB+".orders (id INT PRIMARY KEY, email VARCHAR(80))",
		"CREATE TABLE "+accessDB+".notes (id INT PRIMARY KEY, memo TEXT)",
		"CREATE ROLE "+accessRole,
		"CREATE ROLE "+accessOuter,
		"GRANT SELECT ON "+accessDB+".orders TO "+accessRole,
		"GRANT "+accessRole+" TO "+accessOuter,
	)
	for _, a := range accessAccounts {
		stmts = append(stmts, "CREATE USER "+a.account)
		for _, g := range a.grants {
			stmts = append(stmts, "GRANT "+g+" TO "+a.account)
		}
	}
	t.Cleanup(func() {
		admin.Exec("REVOKE SELECT ON " + accessDB + ".notes FROM PUBLIC")
		for _, s := range dropAll {
			admin.Exec(s)
		}
	})
	dbtest.ExecMySQL(t, admin, stmts...)
	_, err := admin.Exec("GRANT SELECT ON " + accessDB + ".notes TO PUBLIC")
	return admin, err == nil
}

// accessSession opens a session on url as the connector does.
func accessSession(t testing.TB, url string) *session {
	t.Helper()
	srv, err := newServer(url, sqldb.Options{}.WithDefaults())
	if err != nil {
		t.Fatal(err)
	}
	s, err := srv.Connect(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s.(*session)
}

// fixtureReaders leaves out the readers the fixture did not make.
func fixtureReaders(a *connectors.Access) []connectors.Principal {
	var out []connectors.Principal
	for _, p := range a.Readers {
		if strings.Contains(p.Name, "pmscan_acc") || strings.Contains(p.Name, "pmscan-acc") || p.Name == "PUBLIC" {
			out = append(out, p)
		}
	}
	return out
}

func user(name, via string) connectors.Principal {
	return connectors.Principal{Kind: connectors.KindUser, Name: name, Via: via}
}

func role(name, via string) connectors.Principal {
	return connectors.Principal{Kind: connectors.KindRole, Name: name, Via: via}
}

// tableReaders runs TableAccess on the fixture's tables and returns the
// fixture's readers of each.
func tableReaders(t *testing.T, s *session, names ...string) map[string][]connectors.Principal {
	t.Helper()
	var tables []*sqldb.Table
	for _, n := range names {
		schema, name, _ := strings.Cut(n, ".")
		tables = append(tables, &sqldb.Table{Schema: schema, Name: name, Kind: "table"})
	}
	if err := s.TableAccess(context.Background(), tables); err != nil {
		t.Fatal(err)
	}
	out := map[string][]connectors.Principal{}
	for i, tb := range tables {
		if tb.Access == nil {
			t.Fatalf("%s: no Access", names[i])
		}
		if tb.Access.Unknown != "" {
			t.Errorf("%s: unknown: %s", names[i], tb.Access.Unknown)
		}
		out[names[i]] = fixtureReaders(tb.Access)
	}
	return out
}

func checkReaders(t *testing.T, got map[string][]connectors.Principal, want map[string][]connectors.Principal) {
	t.Helper()
	for table, w := range want {
		if !slices.Equal(got[table], w) {
			t.Errorf("%s readers:\n got  %v\n want %v", table, got[table], w)
		}
	}
}

var (
	customers = accessDB + ".customers"
	orders    = accessDB + ".orders"
	notes     = accessDB + ".notes"
)

func TestTableAccess(t *testing.T) {
	_, public := accessFixture(t)
	s := accessSession(t, dbtest.MySQLURL())
	got := tableReaders(t, s, customers, orders, notes)

	global := user("'pmscan_acc_global'@'192.0.2.1'", "global SELECT")
	under := user("'pmscan_acc_under'@'%'", "SELECT on pmscan_access_tes_.*")
	wild := user("'pmscan_acc_wild'@'%'", `SELECT on pmscan\_access\_te%.*`)
	onDB := user("'pmscan_acc_db'@'192.0.2.%'", "SELECT on pmscan_access_test.*")
	var everyone []connectors.Principal
	everyone = append(everyone, connectors.Principal{Kind: connectors.KindEveryone, Name: accessAnon, Via: "GRANT SELECT"})
	if public {
		everyone = append(everyone, connectors.Principal{Kind: connectors.KindAuthenticated, Name: "PUBLIC", Via: "GRANT SELECT"})
	}
	checkReaders(t, got, map[string][]connectors.Principal{
		customers: {
			user("'pmscan_acc_cols'@'%'", "column grant (email, tel)"),
			user("'pmscan_acc_db'@'192.0.2.%'", "SELECT on pmscan_access_test.*, GRANT SELECT"),
			global,
			user("'pmscan_acc_table'@'%'", "GRANT SELECT"),
			under,
			wild,
		},
		orders: {
			role(accessOuter, "role "+accessRole),
			role(accessRole, "GRANT SELECT"),
			onDB,
			global,
			user("'pmscan_acc_member'@'%'", "role "+accessRole),
			user("'pmscan_acc_nested'@'%'", "role "+accessOuter),
			under,
			wild,
		},
		notes: append(everyone, onDB, global, under, wild),
	})
}

// Revoking a grant, or a role, takes the reader away, and with a role's
// grant its members.
func TestTableAccessRevoke(t *testing.T) {
	admin, _ := accessFixture(t)
	s := accessSession(t, dbtest.MySQLURL())
	global := user("'pmscan_acc_global'@'192.0.2.1'", "global SELECT")
	under := user("'pmscan_acc_under'@'%'", "SELECT on pmscan_access_tes_.*")
	wild := user("'pmscan_acc_wild'@'%'", `SELECT on pmscan\_access\_te%.*`)
	onDB := user("'pmscan_acc_db'@'192.0.2.%'", "SELECT on pmscan_access_test.*")
	steps := []struct {
		revoke string
		table  string
		want   []connectors.Principal
	}{
		{"REVOKE SELECT ON " + customers + " FROM 'pmscan_acc_table'@'%'", customers, []connectors.Principal{
			user("'pmscan_acc_cols'@'%'", "column grant (email, tel)"),
			user("'pmscan_acc_db'@'192.0.2.%'", "SELECT on pmscan_access_test.*, GRANT SELECT"),
			global, under, wild}},
		{"REVOKE SELECT (tel) ON " + customers + " FROM 'pmscan_acc_cols'@'%'", customers, []connectors.Principal{
			user("'pmscan_acc_cols'@'%'", "column grant (email)"),
			user("'pmscan_acc_db'@'192.0.2.%'", "SELECT on pmscan_access_test.*, GRANT SELECT"),
			global, under, wild}},
		{"REVOKE " + accessRole + " FROM 'pmscan_acc_member'@'%'", orders, []connectors.Principal{
			role(accessOuter, "role "+accessRole),
			role(accessRole, "GRANT SELECT"),
			onDB, global,
			user("'pmscan_acc_nested'@'%'", "role "+accessOuter),
			under, wild}},
		{"REVOKE SELECT ON " + orders + " FROM " + accessRole, orders, []connectors.Principal{onDB, global, under, wild}},
		{"REVOKE SELECT ON *.* FROM 'pmscan_acc_global'@'192.0.2.1'", orders, []connectors.Principal{onDB, under, wild}},
		{"REVOKE SELECT ON " + accessDB + ".* FROM 'pmscan_acc_db'@'192.0.2.%'", orders, []connectors.Principal{under, wild}},
	}
	for _, st := range steps {
		dbtest.ExecMySQL(t, admin, st.revoke)
		got := tableReaders(t, s, st.table)
		if !slices.Equal(got[st.table], st.want) {
			t.Errorf("after %s, %s readers:\n got  %v\n want %v", st.revoke, st.table, got[st.table], st.want)
		}
	}
}

// A scan user that may not read the grant tables: every table's access is
// unknown, and the user itself reads what its own grants say.
func TestTableAccessWithoutGrantTables(t *testing.T) {
	admin := dbtest.MySQL(t, ParseURL)
	var version string
	if err := admin.QueryRow("SELECT VERSION()").Scan(&version); err != nil {
		t.Fatal(err)
	}
	mariadb := strings.Contains(strings.ToLower(version), "mariadb")
	var users []string
	for _, h := range []string{"%", "localhost", "127.0.0.1"} {
		users = append(users, fmt.Sprintf("'%s'@'%s'", scanUser, h))
	}
	dropAll := []string{
		"DROP DATABASE IF EXISTS " + accessDB,
		"DROP DATABASE IF EXISTS " + accessOtherDB,
		"DROP USER IF EXISTS " + strings.Join(users, ", "),
		"DROP ROLE IF EXISTS " + scanRole,
		"DROP ROLE IF EXISTS " + scanInner,
	}
	stmts := append(slices.Clone(dropAll),
		"CREATE DATABASE "+accessDB,
		"CREATE DATABASE "+accessOtherDB,
		"CREATE TABLE "+customers+" (id INT PRIMARY KEY, email VARCHAR(80))",
		"CREATE TABLE "+accessOtherDB+".t (id INT PRIMARY KEY, email VARCHAR(80))",
		"CREATE TABLE "+accessOtherDB+".u (id INT PRIMARY KEY, email VARCHAR(80))",
		"CREATE TABLE "+accessOtherDB+".v (id INT PRIMARY KEY, email VARCHAR(80))",
		"CREATE TABLE "+accessOtherDB+".w (id INT PRIMARY KEY, email VARCHAR(80))",
		"CREATE ROLE "+scanRole,
		"CREATE ROLE "+scanInner,
		"GRANT SELECT ON "+accessOtherDB+".u TO "+scanInner,
		"GRANT "+scanInner+" TO "+scanRole,
	)
	for _, u := range users {
		stmts = append(stmts,
			"CREATE USER "+u+" IDENTIFIED BY '"+scanPassword+"'",
			"GRANT SELECT ON "+accessDB+".* TO "+u,
			"GRANT SELECT (email) ON "+accessOtherDB+".t TO "+u,
			"GRANT "+scanRole+" TO "+u,
		)
		if mariadb { // MySQL's SHOW GRANTS leaves out the grants of roles
			stmts = append(stmts, "SET DEFAULT ROLE "+scanRole+" FOR "+u)
		}
	}
	t.Cleanup(func() {
		admin.Exec("REVOKE SELECT ON " + accessOtherDB + ".w FROM PUBLIC")
		for _, s := range dropAll {
			admin.Exec(s)
		}
	})
	dbtest.ExecMySQL(t, admin, stmts...)
	_, err := admin.Exec("GRANT SELECT ON " + accessOtherDB + ".w TO PUBLIC")
	public := err == nil
	cfg, err := ParseURL(dbtest.MySQLURL())
	if err != nil {
		t.Fatal(err)
	}
	s := accessSession(t, fmt.Sprintf("mysql://%s:%s@%s/%s", scanUser, scanPassword, cfg.Addr, accessDB))
	var cu string
	if err := s.conn.QueryRowContext(context.Background(), "SELECT CURRENT_USER()").Scan(&cu); err != nil {
		t.Fatal(err)
	}
	userName, host, _ := strings.Cut(cu, "@")
	me := "'" + userName + "'@'" + host + "'"

	type ownTest struct {
		table string
		want  []connectors.Principal
	}
	tests := []ownTest{
		{customers, []connectors.Principal{user(me, "SELECT on pmscan_access_test.*")}},
		{accessOtherDB + ".t", []connectors.Principal{user(me, "column grant (email)")}},
		{accessOtherDB + ".v", nil},
	}
	if mariadb { // through the default role, which holds the one granted SELECT
		tests = append(tests, ownTest{accessOtherDB + ".u", []connectors.Principal{user(me, "role "+scanRole)}})
	}
	if public {
		tests = append(tests, ownTest{accessOtherDB + ".w", []connectors.Principal{user(me, "role PUBLIC")}})
	}
	var tables []*sqldb.Table
	for _, tc := range tests {
		schema, name, _ := strings.Cut(tc.table, ".")
		tables = append(tables, &sqldb.Table{Schema: schema, Name: name, Kind: "table"})
	}
	if err := s.TableAccess(context.Background(), tables); err != nil {
		t.Fatalf("TableAccess: %v, want the access unknown and no error", err)
	}
	for i, tc := range tests {
		a := tables[i].Access
		if a == nil {
			t.Errorf("%s: no Access", tc.table)
			continue
		}
		if !strings.HasPrefix(a.Unknown, "the grant tables cannot be read: ") || !strings.Contains(a.Unknown, "denied") {
			t.Errorf("%s: unknown %q, want the grant tables denied", tc.table, a.Unknown)
		}
		if !slices.Equal(a.Readers, tc.want) {
			t.Errorf("%s readers:\n got  %v\n want %v", tc.table, a.Readers, tc.want)
		}
	}
}

func TestMatchLike(t *testing.T) {
	tests := []struct {
		pattern, name string
		want          bool
	}{
		{"app", "app", true},
		{"app", "App", false},
		{"app", "apps", false},
		{"app%", "app", true},
		{"app%", "app_prod", true},
		{"%", "", true},
		{"%", "anything", true},
		{"a%b%c", "aXbYc", true},
		{"a%b%c", "aXbY", false},
		{"%_db", "x_db", true},
		{"%_db", "_db", true},
		{"%_db", "db", false},
		{"app_db", "appXdb", true}, // _ unescaped is a wildcard
		{`app\_db`, "appXdb", false},
		{`app\_db`, "app_db", true},
		{`app\%`, "app%", true},
		{`app\%`, "apps", false},
		{"顧客_", "顧客x", true}, // one character, not one byte
		{"顧客_", "顧客", false},
	}
	for _, tc := range tests {
		if got := matchLike(tc.pattern, tc.name); got != tc.want {
			t.Errorf("matchLike(%q, %q) = %v, want %v", tc.pattern, tc.name, got, tc.want)
		}
	}
}

func TestDBPatternRank(t *testing.T) {
	// In the order the server tries them, most specific first.
	tests := []struct {
		mariadb bool
		order   []string
	}{
		{false, []string{`app\_prod`, "app%", "a%", "_pp", "%", ""}},
		{true, []string{`app\_prod`, "_pp", "app_prod", "pmscan_access_test", `pmscan\_access%`, "app%", "a%", "%"}},
	}
	for _, tc := range tests {
		for i := 1; i < len(tc.order); i++ {
			hi, lo := dbPatternRank(tc.order[i-1], tc.mariadb), dbPatternRank(tc.order[i], tc.mariadb)
			if hi <= lo {
				t.Errorf("mariadb %v: rank(%q) = %d, rank(%q) = %d: want the first higher",
					tc.mariadb, tc.order[i-1], hi, tc.order[i], lo)
			}
		}
	}
}

// The precedence of database grants, MySQL's partial revokes and literal
// database names, case-folding: without a server.
func TestGrantTablesDatabases(t *testing.T) {
	u := account{"u", "%"}
	tests := []struct {
		name       string
		mariadb    bool
		caseless   bool
		literalDBs bool
		global     bool
		revoked    []string
		dbRows     []dbGrant
		db         string
		want       []connectors.Principal
	}{
		{name: "pattern", dbRows: []dbGrant{{pattern: "app%", sel: true}}, db: "app_prod",
			want: []connectors.Principal{user("'u'@'%'", "SELECT on app%.*")}},
		{name: "exact row without SELECT hides the pattern", db: "app_prod",
			dbRows: []dbGrant{{pattern: "app%", sel: true}, {pattern: `app\_prod`}}},
		{name: "MariaDB: a name with _ is more specific than a longer prefix with %", mariadb: true, db: "app_prod",
			dbRows: []dbGrant{{pattern: `app\_pr%`, sel: true}, {pattern: "app_prod"}}},
		{name: "MySQL: a longer prefix is more specific", db: "app_prod",
			dbRows: []dbGrant{{pattern: `app\_pr%`, sel: true}, {pattern: "app_prod"}},
			want:   []connectors.Principal{user("'u'@'%'", `SELECT on app\_pr%.*`)}},
		{name: "more specific pattern wins", db: "app_prod",
			dbRows: []dbGrant{{pattern: "%", sel: true}, {pattern: "app%"}}},
		{name: "a pattern that does not match hides nothing", db: "app_prod",
			dbRows: []dbGrant{{pattern: "%", sel: true}, {pattern: "web%"}},
			want:   []connectors.Principal{user("'u'@'%'", "SELECT on %.*")}},
		{name: "partial_revokes: wildcards are literal", literalDBs: true, db: "app_prod",
			dbRows: []dbGrant{{pattern: "app%", sel: true}}},
		{name: "partial_revokes: an exact name", literalDBs: true, db: "app_prod",
			dbRows: []dbGrant{{pattern: "app_prod", sel: true}},
			want:   []connectors.Principal{user("'u'@'%'", "SELECT on app_prod.*")}},
		{name: "partial revoke of SELECT", literalDBs: true, global: true, revoked: []string{"app_prod"}, db: "app_prod"},
		{name: "partial revoke of another database", literalDBs: true, global: true, revoked: []string{"mysql"}, db: "app_prod",
			want: []connectors.Principal{user("'u'@'%'", "global SELECT")}},
		{name: "case-sensitive names", dbRows: []dbGrant{{pattern: "App", sel: true}}, db: "app"},
		{name: "lower_case_table_names", caseless: true, dbRows: []dbGrant{{pattern: "App", sel: true}}, db: "app",
			want: []connectors.Principal{user("'u'@'%'", "SELECT on App.*")}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := newGrantTables(tc.mariadb)
			g.caseless, g.literalDBs = tc.caseless, tc.literalDBs
			if tc.global {
				g.global = []account{u}
			}
			for _, db := range tc.revoked {
				g.revoked[u] = map[string]bool{g.norm(db): true}
			}
			for _, r := range tc.dbRows {
				g.addDBGrant(u, r.pattern, r.sel)
			}
			g.finish()
			got := g.access(&sqldb.Table{Schema: tc.db, Name: "t"}).Readers
			if !slices.Equal(got, tc.want) {
				t.Errorf("readers %v, want %v", got, tc.want)
			}
		})
	}
}

// MySQL 8 roles: accounts, named without the host '%'; a role granted to
// a role passes its reads on; a cycle ends.
func TestGrantTablesMySQLRoles(t *testing.T) {
	g := newGrantTables(false)
	r1, r2, u := account{"r1", "%"}, account{"r2", "%"}, account{"app", "10.0.%"}
	g.tables[g.key("db", "t")] = []account{r1}
	for _, e := range [][2]account{{r1, r2}, {r2, r1}, {r2, u}} {
		g.roles[e[0]] = true
		g.grantees[e[0]] = append(g.grantees[e[0]], e[1])
	}
	g.finish()
	got := g.access(&sqldb.Table{Schema: "db", Name: "t"}).Readers
	want := []connectors.Principal{role("r1", "GRANT SELECT, role r2"), role("r2", "role r1"), user("'app'@'10.0.%'", "role r2")}
	if !slices.Equal(got, want) {
		t.Errorf("readers %v, want %v", got, want)
	}
}

func TestParseRoleGrant(t *testing.T) {
	tests := []struct {
		line    string
		roles   []account
		grantee account
		ok      bool
	}{
		{"GRANT `r` TO `u`@`10.0.%`", []account{{user: "r"}}, account{"u", "10.0.%"}, true},
		{"GRANT `r1` TO `r2`", []account{{user: "r1"}}, account{user: "r2"}, true},
		{"GRANT `a`@`%`,`b`@`%` TO `u`@`%` WITH ADMIN OPTION", []account{{"a", "%"}, {"b", "%"}}, account{"u", "%"}, true},
		{"GRANT SELECT ON `app`.* TO `u`@`%`", nil, account{}, false},
		{"GRANT PROXY ON ''@'%' TO 'u'@'%'", nil, account{}, false},
	}
	for _, tc := range tests {
		roles, grantee, ok := parseRoleGrant(tc.line)
		if ok != tc.ok || !slices.Equal(roles, tc.roles) || grantee != tc.grantee {
			t.Errorf("parseRoleGrant(%q) = %v, %v, %v; want %v, %v, %v", tc.line, roles, grantee, ok, tc.roles, tc.grantee, tc.ok)
		}
	}
}

func TestSelectRevokedFrom(t *testing.T) {
	got, err := selectRevokedFrom(`[{"Database": "mysql", "Privileges": ["SELECT", "INSERT"]}, {"Database": "hr", "Privileges": ["UPDATE"]}]`)
	if err != nil || !slices.Equal(got, []string{"mysql"}) {
		t.Errorf("selectRevokedFrom: %v, %v; want [mysql]", got, err)
	}
	if _, err := selectRevokedFrom("not json"); err == nil {
		t.Error("selectRevokedFrom(not json): no error")
	}
}

func TestParseGrant(t *testing.T) {
	u := account{"u", "10.0.%"}
	tests := []struct {
		line string
		want grantLine
		ok   bool
	}{
		{"GRANT USAGE ON *.* TO `u`@`10.0.%` IDENTIFIED BY PASSWORD '*AB'", grantLine{global: true, grantee: u}, true},
		{"GRANT SELECT, INSERT ON *.* TO `u`@`10.0.%`",
			grantLine{privileges: []string{"SELECT", "INSERT"}, sel: true, global: true, grantee: u}, true},
		{"GRANT ALL PRIVILEGES ON `app\\_%`.* TO `u`@`10.0.%` WITH GRANT OPTION",
			grantLine{privileges: []string{"ALL PRIVILEGES"}, sel: true, db: `app\_%`, grantee: u}, true},
		{"GRANT INSERT ON `app`.* TO 'u'@'10.0.%'", grantLine{privileges: []string{"INSERT"}, db: "app", grantee: u}, true},
		{"GRANT SELECT (`id`, `e, ``mail`), INSERT (`x`) ON `app`.`t.1` TO `u`@`10.0.%`",
			grantLine{privileges: []string{"SELECT", "INSERT"}, columns: []string{"id", "e, `mail"}, db: "app", table: "t.1", grantee: u}, true},
		{"GRANT SELECT ON `app`.`t` TO `r`", grantLine{privileges: []string{"SELECT"}, sel: true, db: "app", table: "t", grantee: account{user: "r"}}, true},
		{"GRANT SELECT ON `app`.* TO PUBLIC", grantLine{privileges: []string{"SELECT"}, sel: true, db: "app", grantee: account{user: "PUBLIC"}}, true},
		{"GRANT `r` TO `u`@`10.0.%`", grantLine{}, false}, // parseRoleGrant's
		{"GRANT EXECUTE ON PROCEDURE `app`.`p` TO `u`@`10.0.%`", grantLine{}, false},
		{"GRANT PROXY ON ''@'%' TO 'u'@'10.0.%'", grantLine{}, false},
		{"SET DEFAULT ROLE `r` FOR `u`@`10.0.%`", grantLine{}, false},
	}
	for _, tc := range tests {
		got, ok := parseGrant(tc.line)
		if ok != tc.ok || ok && (!slices.Equal(got.privileges, tc.want.privileges) || got.sel != tc.want.sel ||
			!slices.Equal(got.columns, tc.want.columns) || got.global != tc.want.global || got.db != tc.want.db ||
			got.table != tc.want.table || got.grantee != tc.want.grantee) {
			t.Errorf("parseGrant(%q) = %+v, %v; want %+v, %v", tc.line, got, ok, tc.want, tc.ok)
		}
	}
}

// BenchmarkTableAccess reads who may read each of 1,000 tables, granted
// to 20 accounts table by table, 5 on the database, 100 columns each to 2
// accounts and 3 roles of 5 members each:
//
//	go test -run XXX -bench TableAccess ./connectors/mysql
func BenchmarkTableAccess(b *testing.B) {
	const (
		db      = "pmscan_access_bench"
		nTables = 1000
	)
	admin := dbtest.MySQL(b, ParseURL)
	var accounts, roles []string
	for i := range 20 {
		accounts = append(accounts, fmt.Sprintf("'pmscan_accb_%02d'@'10.0.%%'", i))
	}
	for i := range 3 {
		roles = append(roles, fmt.Sprintf("pmscan_accb_role%d", i))
	}
	drop := func() {
		admin.Exec("DROP DATABASE IF EXISTS " + db)
		admin.Exec("DROP USER IF EXISTS " + strings.Join(accounts, ", "))
		admin.Exec("DROP ROLE IF EXISTS " + strings.Join(roles, ", "))
	}
	drop()
	b.Cleanup(drop)
	stmts := []string{"CREATE DATABASE " + db}
	for _, a := range accounts {
		stmts = append(stmts, "CREATE USER "+a)
	}
	for _, r := range roles {
		stmts = append(stmts, "CREATE ROLE "+r)
	}
	var tables []*sqldb.Table
	for i := range nTables {
		name := fmt.Sprintf("t%04d", i)
		tables = append(tables, &sqldb.Table{Schema: db, Name: name, Kind: "table"})
		stmts = append(stmts,
			fmt.Sprintf("CREATE TABLE %s.%s (id INT PRIMARY KEY, email VARCHAR(80))", db, name),
			fmt.Sprintf("GRANT SELECT ON %s.%s TO %s", db, name, accounts[i%len(accounts)]))
		if i < 100 {
			stmts = append(stmts, fmt.Sprintf("GRANT SELECT (email) ON %s.%s TO %s, %s", db, name, accounts[0], accounts[1]))
		}
		if i%10 == 0 {
			stmts = append(stmts, fmt.Sprintf("GRANT SELECT ON %s.%s TO %s", db, name, roles[i%len(roles)]))
		}
	}
	for i, a := range accounts {
		if i < 5 {
			stmts = append(stmts, "GRANT SELECT ON "+db+".* TO "+a)
		}
		stmts = append(stmts, "GRANT "+roles[i%len(roles)]+" TO "+a)
	}
	start := time.Now()
	for len(stmts) > 0 { // multi-statement batches: one round trip each
		n := min(len(stmts), 200)
		dbtest.ExecMySQL(b, admin, strings.Join(stmts[:n], "; "))
		stmts = stmts[n:]
	}
	b.Logf("fixture: %d tables in %v", nTables, time.Since(start).Round(time.Millisecond))

	s := accessSession(b, dbtest.MySQLURL())
	ctx := context.Background()
	for b.Loop() {
		if err := s.TableAccess(ctx, tables); err != nil {
			b.Fatal(err)
		}
	}
	if a := tables[0].Access; a == nil || len(a.Readers) < 5 || a.Unknown != "" {
		b.Errorf("t0000: %+v", a)
	}
}
