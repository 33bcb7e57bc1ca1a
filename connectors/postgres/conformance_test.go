package postgres_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/connectors/conntest"
	"github.com/pmscan/pmscan/connectors/postgres"
	"github.com/pmscan/pmscan/connectors/sqldb"
	"github.com/pmscan/pmscan/internal/testkit/dbtest"
)

// The fixture's schema, and the login that reads it: a role with a
// password in its URL (the test server trusts loopback and ignores it, but
// the connector must keep it out of every location and error).
const (
	conntestSchema   = "pmscan_conntest"
	conntestRole     = "pmscan_conntest"
	conntestPassword = "Conntest-PG-Secret-4e91c7"
)

// TestConformance runs the connector suite on the fixture as a table of a
// real PostgreSQL, next to a table the login may not SELECT.
func TestConformance(t *testing.T) {
	admin := dbtest.Postgres(t)
	fx := conntest.NewFixture()
	table := pgx.Identifier{conntestSchema, conntest.CustomersTable}.Sanitize()
	denied := pgx.Identifier{conntestSchema, conntest.DeniedTable}.Sanitize()
	var cols []string
	for i, c := range fx.Columns {
		col := pgx.Identifier{c}.Sanitize() + " text"
		if i == 0 {
			col += " PRIMARY KEY"
		}
		cols = append(cols, col)
	}
	dbtest.ExecPostgres(t, admin,
		"DROP SCHEMA IF EXISTS "+conntestSchema+" CASCADE",
		`DO $$ BEGIN
			IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '`+conntestRole+`') THEN
				CREATE ROLE `+conntestRole+` LOGIN PASSWORD '`+conntestPassword+`';
			ELSE
				ALTER ROLE `+conntestRole+` LOGIN PASSWORD '`+conntestPassword+`';
			END IF;
		END $$`,
		"CREATE SCHEMA "+conntestSchema,
		"CREATE TABLE "+table+" ("+strings.Join(cols, ", ")+")",
		"CREATE TABLE "+denied+` ("顧客ID" text PRIMARY KEY, "メールアドレス" text)`,
		"INSERT INTO "+denied+` VALUES ('C9001', 'hidden@example.com')`,
		"GRANT USAGE ON SCHEMA "+conntestSchema+" TO "+conntestRole,
		"GRANT SELECT ON "+table+" TO "+conntestRole,
	)
	t.Cleanup(func() { admin.Exec(context.Background(), "DROP SCHEMA IF EXISTS "+conntestSchema+" CASCADE") })
	rows := make([][]any, len(fx.Rows))
	for i, r := range fx.Rows {
		for _, v := range r {
			if v == "" {
				rows[i] = append(rows[i], nil)
			} else {
				rows[i] = append(rows[i], v)
			}
		}
	}
	if _, err := admin.CopyFrom(t.Context(), pgx.Identifier{conntestSchema, conntest.CustomersTable}, fx.Columns, pgx.CopyFromRows(rows)); err != nil {
		t.Fatal(err)
	}
	dbtest.ExecPostgres(t, admin, "ANALYZE "+table)

	u, err := url.Parse(dbtest.PostgresURL())
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.UserPassword(conntestRole, conntestPassword)
	target := u.String()
	down := "postgres://" + conntestRole + ":" + conntestPassword + "@127.0.0.1:1/test?connect_timeout=2"
	u.Path = "/pmscan_conntest_missing"
	missing := u.String()

	open := func(t *testing.T, target string) connectors.Connector {
		c, err := postgres.NewFactory(sqldb.Options{Conns: 2, Retries: -1,
			Filter: sqldb.Filter{Include: []string{conntestSchema + ".*"}}}).Open(t.Context(), target)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	conntest.Run(t, conntest.Harness{
		Open:    func(t *testing.T) connectors.Connector { return open(t, target) },
		Layout:  conntest.Table,
		Denied:  "permission denied",
		Secrets: []string{conntestPassword},
		Failing: []conntest.Failure{
			{Name: "server down", Want: "connect", Open: func(t *testing.T) connectors.Connector { return open(t, down) }},
			{Name: "no such database", Want: "does not exist", Open: func(t *testing.T) connectors.Connector { return open(t, missing) }},
		},
	})
}
