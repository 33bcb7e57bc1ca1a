package postgres

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/connectors/sqldb"
	"github.com/pmscan/pmscan/internal/testkit/dbtest"
)

// accessPrefix starts the names of the roles and schemas these tests
// make; roles are cluster-wide, so each run adds a suffix of its own.
func accessPrefix(t testing.TB) string {
	t.Helper()
	var b [4]byte
	rand.Read(b[:])
	return "pmscan_acc_" + hex.EncodeToString(b[:])
}

// accessRoles are the roles of the access fixture, by what they are for.
type accessRoles struct {
	owner    string // NOLOGIN, owns every table
	admin    string // member of owner
	auditor  string // member of pg_read_all_data ("" before PostgreSQL 14)
	auditor2 string // member of auditor
	reader   string // the scan user: LOGIN, granted SELECT on some tables
	colRead  string // granted SELECT on two columns
	colWrite string // granted UPDATE on a column: no reader
	group    string // NOLOGIN, granted SELECT
	member   string // member of group, INHERIT
	nested   string // member of member, INHERIT
	noinh    string // member of group, NOINHERIT
	deep     string // member of noinh, INHERIT: the chain stops at noinh
}

func newAccessRoles(prefix string) accessRoles {
	r := func(name string) string { return prefix + "_" + name }
	return accessRoles{owner: r("owner"), admin: r("admin"), auditor: r("auditor"), auditor2: r("auditor2"),
		reader: r("reader"), colRead: r("colread"), colWrite: r("colwrite"), group: r("group"),
		member: r("member"), nested: r("nested"), noinh: r("noinh"), deep: r("deep")}
}

// accessFixture makes a schema of tables owned by roles.owner, grants on
// them, and the roles; everything is dropped when the test ends.
func accessFixture(t *testing.T, admin *pgx.Conn, prefix string) (schema string, roles accessRoles) {
	t.Helper()
	schema, roles = prefix, newAccessRoles(prefix)
	var hasReadAllData bool
	if err := admin.QueryRow(t.Context(), "SELECT to_regrole('pg_read_all_data') IS NOT NULL").Scan(&hasReadAllData); err != nil {
		t.Fatal(err)
	}
	if !hasReadAllData {
		roles.auditor, roles.auditor2 = "", ""
	}
	t.Cleanup(func() { dropAccessFixture(t, admin, schema, roles) })

	q := func(name string) string { return schema + "." + name }
	stmts := []string{
		"CREATE ROLE " + roles.owner + " NOLOGIN",
		"CREATE ROLE " + roles.admin + " LOGIN IN ROLE " + roles.owner,
		"CREATE ROLE " + roles.reader + " LOGIN",
		"CREATE ROLE " + roles.colRead + " LOGIN",
		"CREATE ROLE " + roles.colWrite + " LOGIN",
		"CREATE ROLE " + roles.group + " NOLOGIN",
		"CREATE ROLE " + roles.member + " LOGIN INHERIT IN ROLE " + roles.group,
		"CREATE ROLE " + roles.nested + " LOGIN INHERIT IN ROLE " + roles.member,
		"CREATE ROLE " + roles.noinh + " LOGIN NOINHERIT IN ROLE " + roles.group,
		"CREATE ROLE " + roles.deep + " LOGIN INHERIT IN ROLE " + roles.noinh,
		"CREATE SCHEMA " + schema,
		"CREATE TABLE " + q("t_default") + " (id int)",
		"CREATE TABLE " + q("t_grant") + " (id int)",
		"CREATE TABLE " + q("t_insert") + " (id int)",
		"CREATE TABLE " + q("t_cols") + " (id int, name text, email text, phone text)",
		"CREATE TABLE " + q("t_inherit") + " (id int)",
		"CREATE TABLE " + q("t_both") + " (id int)",
		"CREATE TABLE " + q("t_public") + " (id int)",
		"CREATE TABLE " + q("t_revoked") + " (id int)",
		"CREATE TABLE " + q("t_rls") + " (id int)",
		"CREATE TABLE " + q("t_forced") + " (id int)",
		"CREATE VIEW " + q("v_view") + " AS SELECT id FROM " + q("t_grant"),
		"CREATE MATERIALIZED VIEW " + q("m_public") + " AS SELECT id FROM " + q("t_grant"),
		"GRANT SELECT ON " + q("t_grant") + ", " + q("v_view") + " TO " + roles.reader,
		"GRANT INSERT, UPDATE ON " + q("t_insert") + " TO " + roles.reader,
		// Granted in the other order from the Via expected: sorted.
		"GRANT SELECT (name, email) ON " + q("t_cols") + " TO " + roles.colRead,
		"GRANT UPDATE (name) ON " + q("t_cols") + " TO " + roles.colWrite,
		"GRANT SELECT (phone) ON " + q("t_cols") + " TO " + roles.group,
		"GRANT SELECT ON " + q("t_inherit") + " TO " + roles.group,
		"GRANT SELECT ON " + q("t_both") + " TO " + roles.group + ", " + roles.member,
		"GRANT SELECT ON " + q("t_public") + ", " + q("m_public") + " TO PUBLIC",
		"GRANT SELECT ON " + q("t_revoked") + " TO " + roles.reader + ", PUBLIC",
		"REVOKE SELECT ON " + q("t_revoked") + " FROM " + roles.reader + ", PUBLIC",
		"ALTER TABLE " + q("t_rls") + " ENABLE ROW LEVEL SECURITY",
		"ALTER TABLE " + q("t_forced") + " ENABLE ROW LEVEL SECURITY",
		"ALTER TABLE " + q("t_forced") + " FORCE ROW LEVEL SECURITY",
	}
	for _, rel := range []string{"t_default", "t_grant", "t_insert", "t_cols", "t_inherit", "t_both", "t_public", "t_revoked", "t_rls", "t_forced"} {
		stmts = append(stmts, "ALTER TABLE "+q(rel)+" OWNER TO "+roles.owner)
	}
	stmts = append(stmts, "ALTER VIEW "+q("v_view")+" OWNER TO "+roles.owner,
		"ALTER MATERIALIZED VIEW "+q("m_public")+" OWNER TO "+roles.owner)
	if roles.auditor != "" {
		stmts = append(stmts,
			"CREATE ROLE "+roles.auditor+" LOGIN IN ROLE pg_read_all_data",
			"CREATE ROLE "+roles.auditor2+" LOGIN INHERIT IN ROLE "+roles.auditor)
	}
	dbtest.ExecPostgres(t, admin, stmts...)
	return schema, roles
}

// dropAccessFixture drops the schema and then the roles, which own or
// hold grants on nothing else.
func dropAccessFixture(t testing.TB, admin *pgx.Conn, schema string, roles accessRoles) {
	ctx := context.Background()
	if _, err := admin.Exec(ctx, "DROP SCHEMA IF EXISTS "+schema+" CASCADE"); err != nil {
		t.Errorf("drop schema %s: %v", schema, err)
	}
	// Members first: a role cannot be dropped while it is granted.
	for _, r := range []string{roles.deep, roles.noinh, roles.nested, roles.member, roles.group, roles.colWrite,
		roles.colRead, roles.reader, roles.auditor2, roles.auditor, roles.admin, roles.owner} {
		if r == "" {
			continue
		}
		if _, err := admin.Exec(ctx, "DROP ROLE IF EXISTS "+r); err != nil {
			t.Errorf("drop role %s: %v", r, err)
		}
	}
}

// connectAs opens a session on the test server as user.
func connectAs(t testing.TB, user string) *session {
	t.Helper()
	url := strings.Replace(dbtest.PostgresURL(), "://postgres@", "://"+user+"@", 1)
	srv, err := newServer(url, sqldb.Options{}.WithDefaults())
	if err != nil {
		t.Fatal(err)
	}
	s, err := srv.Connect(t.Context())
	if err != nil {
		t.Fatalf("connect as %s: %v", user, err)
	}
	t.Cleanup(func() { s.Close() })
	return s.(*session)
}

func TestTableAccess(t *testing.T) {
	admin := dbtest.Postgres(t)
	prefix := accessPrefix(t)
	schema, r := accessFixture(t, admin, prefix)
	// The scan user is no superuser: the catalog tells any user.
	s := connectAs(t, r.reader)

	all, err := s.Tables(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	tables := slices.DeleteFunc(all, func(tb *sqldb.Table) bool { return tb.Schema != schema })
	tables = append(tables, &sqldb.Table{Schema: schema, Name: "t_dropped", Kind: "table"})
	if err := s.TableAccess(t.Context(), tables); err != nil {
		t.Fatal(err)
	}
	byName := map[string]*sqldb.Table{}
	for _, tb := range tables {
		byName[tb.Name] = tb
	}

	user := func(name, via string) connectors.Principal {
		return connectors.Principal{Kind: connectors.KindUser, Name: name, Via: via}
	}
	role := func(name, via string) connectors.Principal {
		return connectors.Principal{Kind: connectors.KindRole, Name: name, Via: via}
	}
	everyone := connectors.Principal{Kind: connectors.KindEveryone, Name: "PUBLIC", Via: "GRANT SELECT TO PUBLIC"}
	// Every relation: the owner, who inherits from it, and who reads all data.
	base := []connectors.Principal{role(r.owner, "owner"), user(r.admin, "member of "+r.owner)}
	if r.auditor != "" {
		base = append(base, user(r.auditor, "member of pg_read_all_data"), user(r.auditor2, "member of pg_read_all_data"))
	}
	groupCols := "column grant (phone)"

	tests := []struct {
		table   string
		readers []connectors.Principal // besides base and the superusers
		notes   []string
		public  bool
	}{
		{table: "t_default"},
		{table: "t_grant", readers: []connectors.Principal{user(r.reader, "GRANT SELECT")}},
		{table: "v_view", readers: []connectors.Principal{user(r.reader, "GRANT SELECT")}},
		{table: "t_insert"},
		{table: "t_cols", readers: []connectors.Principal{
			user(r.colRead, "column grant (email, name)"),
			role(r.group, groupCols),
			user(r.member, "member of "+r.group+": "+groupCols),
			user(r.nested, "member of "+r.group+": "+groupCols),
		}},
		{table: "t_inherit", readers: []connectors.Principal{
			role(r.group, "GRANT SELECT"),
			user(r.member, "member of "+r.group),
			user(r.nested, "member of "+r.group),
		}},
		{table: "t_both", readers: []connectors.Principal{
			role(r.group, "GRANT SELECT"),
			user(r.member, "GRANT SELECT, member of "+r.group),
			user(r.nested, "member of "+r.group+", member of "+r.member),
		}},
		{table: "t_public", readers: []connectors.Principal{everyone}, public: true},
		{table: "m_public", readers: []connectors.Principal{everyone}, public: true},
		{table: "t_revoked"},
		{table: "t_rls", notes: []string{"row-level security on"}},
		{table: "t_forced", notes: []string{"row-level security on, forced for the owner"}},
	}
	supers := superusers(t, admin)
	for _, tc := range tests {
		t.Run(tc.table, func(t *testing.T) {
			a := byName[tc.table].Access
			if a == nil {
				t.Fatal("no Access")
			}
			want := &connectors.Access{Readers: slices.Concat(base, tc.readers)}
			want.Sort()
			if got := ownReaders(a, prefix); !slices.Equal(got, want.Readers) {
				t.Errorf("readers\n got %v\nwant %v", got, want.Readers)
			}
			for _, name := range supers {
				if !readsAs(a, name, "superuser") {
					t.Errorf("superuser %s not listed as one: %v", name, a.Readers)
				}
			}
			if !slices.Equal(a.Notes, tc.notes) || a.Public() != tc.public || a.Unknown != "" {
				t.Errorf("notes %q, public %v, unknown %q; want notes %q, public %v", a.Notes, a.Public(), a.Unknown, tc.notes, tc.public)
			}
		})
	}
	if a := byName["t_dropped"].Access; a == nil || a.Unknown == "" || len(a.Readers) > 0 {
		t.Errorf("a relation not in the catalog: %+v, want it unknown", a)
	}
}

// ownReaders are a's readers made by the test (and PUBLIC): the cluster's
// other roles may read too (superusers, pg_read_all_data members).
func ownReaders(a *connectors.Access, prefix string) []connectors.Principal {
	var own []connectors.Principal
	for _, p := range a.Readers {
		if strings.HasPrefix(p.Name, prefix+"_") || p.Kind == connectors.KindEveryone {
			own = append(own, p)
		}
	}
	return own
}

// readsAs reports whether name is among a's readers by via.
func readsAs(a *connectors.Access, name, via string) bool {
	for _, p := range a.Readers {
		if p.Name == name {
			return slices.Contains(strings.Split(p.Via, ", "), via)
		}
	}
	return false
}

func superusers(t testing.TB, admin *pgx.Conn) []string {
	t.Helper()
	rows, err := admin.Query(t.Context(), "SELECT rolname FROM pg_roles WHERE rolsuper")
	if err != nil {
		t.Fatal(err)
	}
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	return names
}

// TestTableAccessFails checks that a query that cannot run fails the
// whole call, leaving the caller to mark every table unknown.
func TestTableAccessFails(t *testing.T) {
	dbtest.Postgres(t)
	s := connectAs(t, "postgres")
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	tables := []*sqldb.Table{{Schema: "public", Name: "x", Kind: "table"}}
	if err := s.TableAccess(ctx, tables); err == nil {
		t.Error("TableAccess on a cancelled context: no error")
	}
}

// BenchmarkTableAccess reads the grants of 1,000 tables, a tenth of them
// with a table grant and a tenth with a column grant:
//
//	go test -run XXX -bench TableAccess ./connectors/postgres
func BenchmarkTableAccess(b *testing.B) {
	const n = 1000
	admin := dbtest.Postgres(b)
	prefix := accessPrefix(b)
	schema, grantee := prefix, prefix+"_reader"
	b.Cleanup(func() {
		ctx := context.Background()
		admin.Exec(ctx, "DROP SCHEMA IF EXISTS "+schema+" CASCADE")
		admin.Exec(ctx, "DROP ROLE IF EXISTS "+grantee)
	})
	dbtest.ExecPostgres(b, admin,
		"CREATE ROLE "+grantee+" LOGIN",
		"CREATE SCHEMA "+schema,
		fmt.Sprintf(`DO $$ BEGIN
			FOR i IN 1..%d LOOP
				EXECUTE format('CREATE TABLE %%I.%%I (id int, email varchar(100))', '%s', 't' || i);
				IF i %% 10 = 0 THEN EXECUTE format('GRANT SELECT ON %%I.%%I TO %%I', '%s', 't' || i, '%s'); END IF;
				IF i %% 10 = 5 THEN EXECUTE format('GRANT SELECT (email) ON %%I.%%I TO %%I', '%s', 't' || i, '%s'); END IF;
			END LOOP; END $$`, n, schema, schema, grantee, schema, grantee),
	)
	tables := make([]*sqldb.Table, n)
	for i := range tables {
		tables[i] = &sqldb.Table{Schema: schema, Name: fmt.Sprintf("t%d", i+1), Kind: "table"}
	}
	s := connectAs(b, "postgres")
	for b.Loop() {
		if err := s.TableAccess(b.Context(), tables); err != nil {
			b.Fatal(err)
		}
	}
	if a := tables[9].Access; !readsAs(a, grantee, "GRANT SELECT") {
		b.Errorf("t10: %+v, want %s granted SELECT", a, grantee)
	}
}
