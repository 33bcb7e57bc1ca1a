package mysql_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/connectors/conntest"
	"github.com/pmscan/pmscan/connectors/mysql"
	"github.com/pmscan/pmscan/connectors/sqldb"
	"github.com/pmscan/pmscan/internal/testkit/dbtest"
)

// The fixture's database, and the user that reads it, with a password.
const (
	conntestDatabase = "pmscan_conntest"
	conntestUser     = "pmscan_conntest"
	conntestPassword = "Conntest-My-Secret-8d20f5"
)

var conntestHosts = []string{"%", "localhost", "127.0.0.1"}

// TestConformance runs the connector suite on the fixture as a table of a
// real MariaDB or MySQL, next to a table the user may not SELECT.
func TestConformance(t *testing.T) {
	admin := dbtest.MySQL(t, mysql.ParseURL)
	fx := conntest.NewFixture()
	db := conntestDatabase
	var cols []string
	for i, c := range fx.Columns {
		if i == 0 {
			cols = append(cols, "`"+c+"` VARCHAR(32) PRIMARY KEY")
		} else {
			cols = append(cols, "`"+c+"` TEXT")
		}
	}
	stmts := []string{
		"DROP DATABASE IF EXISTS " + db,
		"CREATE DATABASE " + db + " DEFAULT CHARACTER SET utf8mb4",
		"CREATE TABLE " + db + "." + conntest.CustomersTable + " (" + strings.Join(cols, ", ") + ") ENGINE=InnoDB",
		"CREATE TABLE " + db + "." + conntest.DeniedTable + " (`顧客ID` VARCHAR(32) PRIMARY KEY, `メールアドレス` TEXT) ENGINE=InnoDB",
		"INSERT INTO " + db + "." + conntest.DeniedTable + " VALUES ('C9001', 'hidden@example.com')",
	}
	for _, host := range conntestHosts {
		user := fmt.Sprintf("'%s'@'%s'", conntestUser, host)
		stmts = append(stmts,
			"CREATE USER IF NOT EXISTS "+user+" IDENTIFIED BY '"+conntestPassword+"'",
			"ALTER USER "+user+" IDENTIFIED BY '"+conntestPassword+"'",
			"GRANT SELECT ON "+db+"."+conntest.CustomersTable+" TO "+user,
			// Visible in the catalog (the user holds a privilege on it),
			// but not readable.
			"GRANT INSERT ON "+db+"."+conntest.DeniedTable+" TO "+user,
			// A database-level privilege, which reads nothing, makes the
			// server list every table of the database: without one the
			// database is recorded as listed only in part.
			"GRANT SHOW VIEW ON "+db+".* TO "+user,
		)
	}
	dbtest.ExecMySQL(t, admin, stmts...)
	t.Cleanup(func() { admin.Exec("DROP DATABASE IF EXISTS " + db) })
	marks := strings.TrimSuffix(strings.Repeat("?, ", len(fx.Columns)), ", ")
	insert := "INSERT INTO " + db + "." + conntest.CustomersTable + " VALUES (" + marks + ")"
	for _, r := range fx.Rows {
		args := make([]any, len(r))
		for i, v := range r {
			if v != "" {
				args[i] = v
			}
		}
		if _, err := admin.Exec(insert, args...); err != nil {
			t.Fatalf("%s: %v", insert, err)
		}
	}

	cfg, err := mysql.ParseURL(dbtest.MySQLURL())
	if err != nil {
		t.Fatal(err)
	}
	target := fmt.Sprintf("mysql://%s:%s@%s/%s", conntestUser, conntestPassword, cfg.Addr, db)
	open := func(t *testing.T, target string) connectors.Connector {
		c, err := mysql.NewFactory(sqldb.Options{Conns: 2, Retries: -1}).Open(t.Context(), target)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	conntest.Run(t, conntest.Harness{
		Open:    func(t *testing.T) connectors.Connector { return open(t, target) },
		Layout:  conntest.Table,
		Denied:  "denied",
		Secrets: []string{conntestPassword, "Wrong-" + conntestPassword},
		Failing: []conntest.Failure{
			{Name: "server down", Want: "connect", Open: func(t *testing.T) connectors.Connector {
				return open(t, fmt.Sprintf("mysql://%s:%s@127.0.0.1:1/%s?timeout=2s", conntestUser, conntestPassword, db))
			}},
			{Name: "wrong password", Want: "Access denied", Open: func(t *testing.T) connectors.Connector {
				return open(t, fmt.Sprintf("mysql://%s:Wrong-%s@%s/%s", conntestUser, conntestPassword, cfg.Addr, db))
			}},
		},
	})
}
