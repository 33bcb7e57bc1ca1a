package mysql

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/pmscan/pmscan/connectors/sqldb"
	"github.com/pmscan/pmscan/internal/testkit/dbtest"
)

// A user with table-level grants sees in the catalog only the tables it
// holds a privilege on, and with column-level SELECT only those columns:
// what it cannot see is recorded, not silently missing.
const (
	privsDatabase = "pmscan_privs_test"
	privsUser     = "pmscan_limited"
	privsPassword = "Limited-pw-2e7c"
	privsRole     = "pmscan_limited_role"
)

// privsFixture creates the database and the user, granted SELECT on t_all,
// SELECT on two columns of t_cols and nothing on t_none; dbGrant, when
// set, is granted ON the database.* too, to the user or, with viaRole, to
// a default role of the user.
func privsFixture(t *testing.T, dbGrant string, viaRole bool) string {
	t.Helper()
	admin := dbtest.MySQL(t, ParseURL)
	db := privsDatabase
	hosts := []string{"%", "localhost", "127.0.0.1"}
	var users []string
	for _, h := range hosts {
		users = append(users, fmt.Sprintf("'%s'@'%s'", privsUser, h))
	}
	stmts := []string{
		"DROP DATABASE IF EXISTS " + db,
		"CREATE DATABASE " + db + " DEFAULT CHARACTER SET utf8mb4",
		"DROP USER IF EXISTS " + strings.Join(users, ", "),
		"CREATE TABLE " + db + ".t_all (id INT PRIMARY KEY, email VARCHAR(80))",
		"CREATE TABLE " + db + ".t_none (id INT PRIMARY KEY, email VARCHAR(80))",
		"CREATE TABLE " + db + ".t_cols (id INT PRIMARY KEY, name VARCHAR(40), email VARCHAR(80), tel VARCHAR(20))",
		"INSERT INTO " + db + ".t_all VALUES (1, 'all@example.com')",
		"INSERT INTO " + db + ".t_none VALUES (1, 'none@example.com')",
		"INSERT INTO " + db + ".t_cols VALUES (1, '山田 太郎', 'cols@example.com', '090-1234-5678')",
	}
	for _, u := range users {
		stmts = append(stmts,
			"CREATE USER "+u+" IDENTIFIED BY '"+privsPassword+"'",
			"GRANT SELECT ON "+db+".t_all TO "+u,
			"GRANT SELECT (id, email) ON "+db+".t_cols TO "+u,
		)
		switch {
		case viaRole:
			stmts = append(stmts, "GRANT "+privsRole+" TO "+u, "SET DEFAULT ROLE "+privsRole+" FOR "+u)
		case dbGrant != "":
			stmts = append(stmts, "GRANT "+dbGrant+" ON "+db+".* TO "+u)
		}
	}
	if viaRole {
		stmts = append([]string{"DROP ROLE IF EXISTS " + privsRole, "CREATE ROLE " + privsRole,
			"GRANT " + dbGrant + " ON " + db + ".* TO " + privsRole}, stmts...)
	}
	dbtest.ExecMySQL(t, admin, stmts...)
	t.Cleanup(func() {
		admin.Exec("DROP DATABASE IF EXISTS " + db)
		admin.Exec("DROP USER IF EXISTS " + strings.Join(users, ", "))
		if viaRole {
			admin.Exec("DROP ROLE IF EXISTS " + privsRole)
		}
	})
	cfg, err := ParseURL(dbtest.MySQLURL())
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("mysql://%s:%s@%s/%s", privsUser, privsPassword, cfg.Addr, db)
}

func TestTableAndColumnGrants(t *testing.T) {
	url := privsFixture(t, "", false)
	res := dbtest.Scan(t, context.Background(), open(t, url, sqldb.Options{}))

	if got := res.Where("t_all", "email", "email"); len(got) != 1 {
		t.Errorf("t_all email: %d findings, want 1", len(got))
	}
	if got := res.Where("t_cols", "email", "email"); len(got) != 1 {
		t.Errorf("t_cols email (granted): %d findings, want 1", len(got))
	}
	if st, ok := res.Objects["t_cols"]; !ok || st.Rows != 1 || len(st.Columns) != 2 {
		t.Errorf("t_cols read to the end with its 2 granted columns: %+v (ok %v)", st, ok)
	}

	// The database: the server lists neither t_none nor anything else the
	// user may not read, so its listing is recorded as incomplete.
	var dbProblem, colProblem bool
	for _, p := range res.Problems {
		o := p.Location.Object
		switch {
		case o.Table == "" && o.Database == privsDatabase:
			dbProblem = true
			if !p.Terminal || p.Skipped || !strings.Contains(p.Err.Error(), "may read only some tables of "+privsDatabase) {
				t.Errorf("database problem: %v (terminal %v, skipped %v)", p.Err, p.Terminal, p.Skipped)
			}
		case o.Table == "t_cols":
			colProblem = true
			want := "may read only columns id, email of " + privsDatabase + ".t_cols (column-level grants)"
			if p.Terminal || p.Skipped || !strings.Contains(p.Err.Error(), want) {
				t.Errorf("t_cols problem: %v (terminal %v, skipped %v), want %q", p.Err, p.Terminal, p.Skipped, want)
			}
		default:
			t.Errorf("unexpected problem at %s: %v", o.Name(), p.Err)
		}
	}
	if !dbProblem || !colProblem {
		t.Errorf("database problem %v, t_cols problem %v, want both: %+v", dbProblem, colProblem, res.Problems)
	}
	if res.Summary.Failed != 2 {
		t.Errorf("failed items: %d, want 2 (the database, t_cols)", res.Summary.Failed)
	}
}

// With a database-level privilege the server lists every table: the one
// the user may not read fails on its own, and the database is complete.
func TestDatabaseGrantListsEveryTable(t *testing.T) {
	url := privsFixture(t, "SHOW VIEW", false)
	res := dbtest.Scan(t, context.Background(), open(t, url, sqldb.Options{}))
	if p := res.ProblemFor("t_none"); p == nil || !p.Terminal || !strings.Contains(p.Err.Error(), "denied") {
		t.Errorf("t_none: %+v, want its read denied", p)
	}
	if p := res.ProblemFor(""); p != nil {
		t.Errorf("database problem with a database-level grant: %v", p.Err)
	}
	if res.Summary.Failed != 2 {
		t.Errorf("failed items: %d, want 2 (t_none, t_cols): %+v", res.Summary.Failed, res.Problems)
	}
}

// Grants held through a role are not in information_schema's privilege
// tables: a role's SELECT on the database reads every table and column,
// without a problem.
func TestRoleGrantReadsEverything(t *testing.T) {
	admin := dbtest.MySQL(t, ParseURL)
	var version string
	if err := admin.QueryRow("SELECT VERSION()").Scan(&version); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.ToLower(version), "mariadb") {
		t.Skip("MySQL activates default roles differently; MariaDB only")
	}
	url := privsFixture(t, "SELECT", true)
	res := dbtest.Scan(t, context.Background(), open(t, url, sqldb.Options{}))
	if len(res.Problems) != 0 {
		t.Errorf("problems with SELECT ON the database through a role: %+v", res.Problems)
	}
	for _, table := range []string{"t_all", "t_none", "t_cols"} {
		if got := res.Where(table, "email", "email"); len(got) != 1 {
			t.Errorf("%s email: %d findings, want 1", table, len(got))
		}
	}
	if got := res.Where("t_cols", "tel", "phone"); len(got) != 1 {
		t.Errorf("t_cols tel (not granted to the user, but to its role): %d findings, want 1", len(got))
	}
}
