package mysql

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/go-sql-driver/mysql"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/connectors/sqldb"
)

// Who may SELECT a table is read from the grant tables, and decided as the
// server decides it:
//
//   - ON *.*: mysql.user's Select_priv (a view over mysql.global_priv on
//     MariaDB 10.4+), less MySQL 8's partial revokes;
//   - ON db.*: mysql.db, whose Db is a LIKE pattern (% and _, with \
//     escaping them). The server tries an account's rows most specific
//     first (dbPatternRank) and uses only the first that matches the
//     database, so an exact `app`.* row without SELECT hides an `ap%`.* row
//     with it;
//   - ON db.table and on columns: mysql.tables_priv and mysql.columns_priv;
//   - through roles: mysql.roles_mapping (MariaDB) or mysql.role_edges
//     (MySQL 8); a role granted to a role passes on what it reads.
//
// Each grant table is read whole in one query and matched against the
// tables in memory: a server with thousands of tables costs the same few
// queries. The grant tables name accounts, not the hosts a client connects
// from: a mysql.db row is taken as its own account's, as GRANT writes it.

var _ sqldb.AccessReader = (*session)(nil)

// TableAccess sets who may SELECT each of tables. A scan user that may not
// read the grant tables gets every table's Access unknown, with itself as
// a reader where its own grants let it read the table.
func (s *session) TableAccess(ctx context.Context, tables []*sqldb.Table) error {
	var g *grantTables
	err := s.readOnly(ctx, func(tx *sql.Tx) error {
		var err error
		g, err = readGrantTables(ctx, tx, s.mariadb)
		return err
	})
	if denied(err) {
		return s.ownAccess(ctx, tables, err)
	}
	if err != nil {
		return fmt.Errorf("read the grant tables: %w", err)
	}
	for _, t := range tables {
		t.Access = g.access(t)
	}
	return nil
}

// denied says err is the server refusing the grant tables to the user:
// ER_DBACCESS_DENIED_ERROR, ER_TABLEACCESS_DENIED_ERROR or
// ER_COLUMNACCESS_DENIED_ERROR.
func denied(err error) bool {
	var myErr *mysql.MySQLError
	if !errors.As(err, &myErr) {
		return false
	}
	switch myErr.Number {
	case 1044, 1142, 1143:
		return true
	}
	return false
}

// ownAccess marks every table's access unknown, adding the scan user as a
// reader where its own grants (SHOW GRANTS, which needs no privilege) let
// it read the table.
func (s *session) ownAccess(ctx context.Context, tables []*sqldb.Table, deniedErr error) error {
	var own *grantTables
	var me account
	err := s.readOnly(ctx, func(tx *sql.Tx) error {
		var err error
		if me, err = currentUser(ctx, tx); err != nil {
			return err
		}
		g, err := readGrants(ctx, tx)
		if err != nil {
			return err
		}
		own = newGrantTables(s.mariadb)
		if own.caseless, own.literalDBs, err = readSettings(ctx, tx, s.mariadb); err != nil {
			return err
		}
		own.addShowGrants(me, g.lines)
		return nil
	})
	if err != nil {
		return fmt.Errorf("read the grant tables: %w; read the scan user's own grants: %w", deniedErr, err)
	}
	why := "the grant tables cannot be read: " + deniedErr.Error()
	mine := own.principal(me, "")
	for _, t := range tables {
		a := connectors.UnknownAccess(why)
		for _, p := range own.access(t).Readers {
			if p.Kind == mine.Kind && p.Name == mine.Name {
				a.Add(p)
			}
		}
		a.Sort()
		t.Access = a
	}
	return nil
}

// currentUser is the account the server authenticated the session as.
func currentUser(ctx context.Context, tx *sql.Tx) (account, error) {
	var cu string
	if err := tx.QueryRowContext(ctx, "SELECT CURRENT_USER()").Scan(&cu); err != nil {
		return account{}, fmt.Errorf("SELECT CURRENT_USER(): %w", err)
	}
	// A host never holds an @; a user name may.
	i := strings.LastIndex(cu, "@")
	if i < 0 {
		return account{user: cu}, nil
	}
	return account{user: cu[:i], host: cu[i+1:]}, nil
}

// account is a row of mysql.user: an account, a role (on MariaDB, with an
// empty host), or MariaDB's PUBLIC.
type account struct{ user, host string }

func compareAccounts(a, b account) int {
	return cmp.Or(strings.Compare(a.user, b.user), strings.Compare(a.host, b.host))
}

// accountName is how MySQL writes an account: 'user'@'host', wildcards and
// all.
func accountName(a account) string { return "'" + a.user + "'@'" + a.host + "'" }

// access is who may SELECT t.
func (g *grantTables) access(t *sqldb.Table) *connectors.Access {
	r := &readers{g: g, access: &connectors.Access{}, seen: map[account]bool{}}
	for _, a := range g.global {
		if !g.revoked[a][g.norm(t.Schema)] {
			r.add(a, "global SELECT")
		}
	}
	for _, d := range g.dbReaders(t.Schema) {
		r.add(d.account, "SELECT on "+d.pattern+".*")
	}
	k := g.key(t.Schema, t.Name)
	for _, a := range g.tables[k] {
		r.add(a, "GRANT SELECT")
	}
	for _, c := range g.columns[k] {
		r.add(c.account, "column grant ("+strings.Join(c.columns, ", ")+")")
	}
	r.throughRoles()
	r.access.Sort()
	return r.access
}

// dbReaders are the accounts whose database grants let them SELECT every
// table of db: the most specific of an account's rows that matches db
// decides.
func (g *grantTables) dbReaders(db string) []dbReader {
	if rs, ok := g.byDB[g.norm(db)]; ok {
		return rs
	}
	var rs []dbReader
	for a, rows := range g.dbs {
		for _, row := range rows {
			if g.matchDB(row.pattern, db) {
				if row.sel {
					rs = append(rs, dbReader{account: a, pattern: row.pattern})
				}
				break
			}
		}
	}
	slices.SortFunc(rs, func(x, y dbReader) int { return compareAccounts(x.account, y.account) })
	g.byDB[g.norm(db)] = rs
	return rs
}

// matchDB says whether a database grant's pattern covers db.
func (g *grantTables) matchDB(pattern, db string) bool {
	pattern, db = g.norm(pattern), g.norm(db)
	if g.literalDBs {
		return pattern == db || unescapeLike(pattern) == db
	}
	return matchLike(pattern, db)
}

// readers collects the principals that read one table.
type readers struct {
	g      *grantTables
	access *connectors.Access
	roles  []account // the roles found to read it, each once
	seen   map[account]bool
}

func (r *readers) add(a account, via string) {
	r.access.Add(r.g.principal(a, via))
	if r.g.roles[a] && !r.seen[a] {
		r.seen[a] = true
		r.roles = append(r.roles, a)
	}
}

// throughRoles adds those granted a role that reads the table, and those
// granted a role granted such a role, and so on: each reads it "role R",
// R being the role it was granted.
func (r *readers) throughRoles() {
	slices.SortFunc(r.roles, compareAccounts)
	for i := 0; i < len(r.roles); i++ { // r.roles grows as roles are found
		role := r.roles[i]
		via := "role " + r.g.roleName(role)
		for _, grantee := range r.g.grantees[role] {
			r.add(grantee, via)
		}
	}
}

// principal is how an access report names a.
func (g *grantTables) principal(a account, via string) connectors.Principal {
	switch {
	case g.mariadb && g.roles[a] && a.user == "PUBLIC" && a.host == "":
		// MariaDB 10.11's PUBLIC: what it is granted, every account has.
		return connectors.Principal{Kind: connectors.KindAuthenticated, Name: "PUBLIC", Via: via}
	case g.roles[a]:
		return connectors.Principal{Kind: connectors.KindRole, Name: g.roleName(a), Via: via}
	case a.user == "":
		// An anonymous account: anyone who connects from its host and
		// matches no named account; its database grants reach named
		// accounts connecting from there too.
		return connectors.Principal{Kind: connectors.KindEveryone, Name: accountName(a), Via: via}
	}
	return connectors.Principal{Kind: connectors.KindUser, Name: accountName(a), Via: via}
}

// roleName is a role's name as GRANT takes it: MariaDB's have no host,
// and MySQL's host is '%' unless named.
func (g *grantTables) roleName(a account) string {
	if a.host == "" || !g.mariadb && a.host == "%" {
		return a.user
	}
	return accountName(a)
}
