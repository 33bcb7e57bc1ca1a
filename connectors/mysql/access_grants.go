package mysql

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/go-sql-driver/mysql"
)

// The grant tables, read whole and indexed (see access.go).

// dbGrant is a row of mysql.db: a privilege, SELECT or another, on every
// table of the databases pattern matches.
type dbGrant struct {
	pattern string
	rank    int64 // dbPatternRank
	sel     bool
}

// tableKey names a table as the grant tables do, case-folded where names
// are case-insensitive.
type tableKey struct{ db, table string }

// columnGrant is the columns of one table an account may SELECT.
type columnGrant struct {
	account account
	columns []string // sorted
}

// dbReader is an account that reads a database through pattern.
type dbReader struct {
	account account
	pattern string
}

// grantTables are what the grant tables say of SELECT.
type grantTables struct {
	mariadb bool
	// caseless: lower_case_table_names is set, and database and table
	// names compare case-insensitively.
	caseless bool
	// literalDBs: MySQL's partial_revokes is on, and % and _ in database
	// grants are themselves, not wildcards.
	literalDBs bool

	roles    map[account]bool
	global   []account                   // SELECT ON *.*
	revoked  map[account]map[string]bool // MySQL partial revokes of SELECT: account, database
	dbs      map[account][]dbGrant       // most specific first
	tables   map[tableKey][]account      // SELECT ON db.table
	columns  map[tableKey][]columnGrant  // SELECT (columns) ON db.table
	grantees map[account][]account       // role: those granted it, sorted

	colSets map[tableKey]map[account][]string // columns while read
	byDB    map[string][]dbReader             // dbReaders, by normalised database name
}

func newGrantTables(mariadb bool) *grantTables {
	return &grantTables{mariadb: mariadb, roles: map[account]bool{}, revoked: map[account]map[string]bool{},
		dbs: map[account][]dbGrant{}, tables: map[tableKey][]account{}, columns: map[tableKey][]columnGrant{},
		grantees: map[account][]account{}, colSets: map[tableKey]map[account][]string{}, byDB: map[string][]dbReader{}}
}

// readGrantTables reads the grant tables whole.
func readGrantTables(ctx context.Context, tx *sql.Tx, mariadb bool) (*grantTables, error) {
	g := newGrantTables(mariadb)
	var err error
	if g.caseless, g.literalDBs, err = readSettings(ctx, tx, mariadb); err != nil {
		return nil, err
	}
	reads := []func(context.Context, *sql.Tx) error{g.readAccounts, g.readRevokes, g.readDatabases,
		g.readTables, g.readColumns, g.readRoles}
	for _, read := range reads {
		if err := read(ctx, tx); err != nil {
			return nil, err
		}
	}
	g.finish()
	return g, nil
}

// readSettings reads the variables that change how grants match names.
func readSettings(ctx context.Context, tx *sql.Tx, mariadb bool) (caseless, literalDBs bool, err error) {
	var lowerCase int
	if err := tx.QueryRowContext(ctx, "SELECT @@lower_case_table_names").Scan(&lowerCase); err != nil {
		return false, false, fmt.Errorf("SELECT @@lower_case_table_names: %w", err)
	}
	if mariadb {
		return lowerCase != 0, false, nil
	}
	var partialRevokes int
	err = tx.QueryRowContext(ctx, "SELECT @@partial_revokes").Scan(&partialRevokes)
	var myErr *mysql.MySQLError
	if errors.As(err, &myErr) && myErr.Number == errUnknownVariable {
		return lowerCase != 0, false, nil // before MySQL 8.0.16
	}
	if err != nil {
		return false, false, fmt.Errorf("SELECT @@partial_revokes: %w", err)
	}
	return lowerCase != 0, partialRevokes != 0, nil
}

// eachRow runs query and hands fn every row's values as text, NULL as "".
func eachRow(ctx context.Context, tx *sql.Tx, query string, fn func(vals []string) error) error {
	rows, err := tx.QueryContext(ctx, query)
	if err != nil {
		return err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	raw := make([]sql.NullString, len(cols))
	ptrs := make([]any, len(cols))
	for i := range raw {
		ptrs[i] = &raw[i]
	}
	vals := make([]string, len(cols))
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		for i, r := range raw {
			vals[i] = r.String
		}
		if err := fn(vals); err != nil {
			return err
		}
	}
	return rows.Err()
}

// readAccounts reads every account and role, and who holds SELECT ON *.*.
func (g *grantTables) readAccounts(ctx context.Context, tx *sql.Tx) error {
	q := "SELECT User, Host, Select_priv = 'Y', 0 FROM mysql.user"
	if g.mariadb {
		q = "SELECT User, Host, Select_priv = 'Y', is_role = 'Y' FROM mysql.user"
	}
	return eachRow(ctx, tx, q, func(v []string) error {
		a := account{v[0], v[1]}
		if v[2] == "1" {
			g.global = append(g.global, a)
		}
		if v[3] == "1" {
			g.roles[a] = true
		}
		return nil
	})
}

// readRevokes reads MySQL's partial revokes of SELECT: "REVOKE SELECT ON
// db.* FROM u" after "GRANT SELECT ON *.* TO u" leaves a restriction in
// User_attributes, not a row in mysql.db.
func (g *grantTables) readRevokes(ctx context.Context, tx *sql.Tx) error {
	if !g.literalDBs {
		return nil // partial_revokes off: there are none
	}
	const q = `SELECT User, Host, JSON_EXTRACT(User_attributes, '$.Restrictions') FROM mysql.user
		WHERE JSON_EXTRACT(User_attributes, '$.Restrictions') IS NOT NULL`
	return eachRow(ctx, tx, q, func(v []string) error {
		dbs, err := selectRevokedFrom(v[2])
		if err != nil {
			return fmt.Errorf("the partial revokes of '%s'@'%s': %w", v[0], v[1], err)
		}
		for _, db := range dbs {
			a := account{v[0], v[1]}
			if g.revoked[a] == nil {
				g.revoked[a] = map[string]bool{}
			}
			g.revoked[a][g.norm(db)] = true
		}
		return nil
	})
}

// selectRevokedFrom lists the databases whose SELECT restrictions (the
// Restrictions of MySQL's User_attributes) revoke.
func selectRevokedFrom(restrictions string) ([]string, error) {
	var rs []struct {
		Database   string
		Privileges []string
	}
	if err := json.Unmarshal([]byte(restrictions), &rs); err != nil {
		return nil, err
	}
	var dbs []string
	for _, r := range rs {
		if slices.ContainsFunc(r.Privileges, func(p string) bool { return strings.EqualFold(p, "SELECT") }) {
			dbs = append(dbs, r.Database)
		}
	}
	return dbs, nil
}

// readDatabases reads every row of mysql.db, with SELECT or without: a
// row without it can hide a less specific one with it.
func (g *grantTables) readDatabases(ctx context.Context, tx *sql.Tx) error {
	return eachRow(ctx, tx, "SELECT User, Host, Db, Select_priv = 'Y' FROM mysql.db", func(v []string) error {
		g.addDBGrant(account{v[0], v[1]}, v[2], v[3] == "1")
		return nil
	})
}

func (g *grantTables) addDBGrant(a account, pattern string, sel bool) {
	g.dbs[a] = append(g.dbs[a], dbGrant{pattern: pattern, rank: dbPatternRank(pattern, g.mariadb), sel: sel})
}

func (g *grantTables) readTables(ctx context.Context, tx *sql.Tx) error {
	const q = "SELECT User, Host, Db, Table_name FROM mysql.tables_priv WHERE FIND_IN_SET('Select', Table_priv) > 0"
	return eachRow(ctx, tx, q, func(v []string) error {
		k := g.key(v[2], v[3])
		g.tables[k] = append(g.tables[k], account{v[0], v[1]})
		return nil
	})
}

func (g *grantTables) readColumns(ctx context.Context, tx *sql.Tx) error {
	const q = `SELECT User, Host, Db, Table_name, Column_name FROM mysql.columns_priv
		WHERE FIND_IN_SET('Select', Column_priv) > 0`
	return eachRow(ctx, tx, q, func(v []string) error {
		g.addColumns(g.key(v[2], v[3]), account{v[0], v[1]}, v[4])
		return nil
	})
}

func (g *grantTables) addColumns(k tableKey, a account, columns ...string) {
	if g.colSets[k] == nil {
		g.colSets[k] = map[account][]string{}
	}
	g.colSets[k][a] = append(g.colSets[k][a], columns...)
}

// readRoles reads who is granted which role. A server without roles
// (MySQL 5.7) has no such table.
func (g *grantTables) readRoles(ctx context.Context, tx *sql.Tx) error {
	q := "SELECT FROM_USER, FROM_HOST, TO_USER, TO_HOST FROM mysql.role_edges"
	if g.mariadb {
		q = "SELECT Role, '', User, Host FROM mysql.roles_mapping"
	}
	err := eachRow(ctx, tx, q, func(v []string) error {
		role := account{v[0], v[1]}
		// MySQL 8 marks no role as one: a role is an account granted to
		// another.
		g.roles[role] = true
		g.grantees[role] = append(g.grantees[role], account{v[2], v[3]})
		return nil
	})
	var myErr *mysql.MySQLError
	if errors.As(err, &myErr) && myErr.Number == errNoSuchTable {
		return nil
	}
	return err
}

// errNoSuchTable is ER_NO_SUCH_TABLE.
const errNoSuchTable = 1146

// finish orders what was read: each account's database grants most
// specific first, column lists and grantees sorted.
func (g *grantTables) finish() {
	for a, rows := range g.dbs {
		// Of rows as specific as each other, the server's choice is not
		// fixed: SELECT first reports a reader rather than miss one.
		slices.SortFunc(rows, func(x, y dbGrant) int {
			return cmp.Or(cmp.Compare(y.rank, x.rank), compareBool(y.sel, x.sel), strings.Compare(x.pattern, y.pattern))
		})
		g.dbs[a] = rows
	}
	for k, byAccount := range g.colSets {
		var grants []columnGrant
		for a, cols := range byAccount {
			slices.SortFunc(cols, compareFold)
			grants = append(grants, columnGrant{account: a, columns: slices.CompactFunc(cols, strings.EqualFold)})
		}
		slices.SortFunc(grants, func(x, y columnGrant) int { return compareAccounts(x.account, y.account) })
		g.columns[k] = grants
	}
	g.colSets = nil
	for r, gs := range g.grantees {
		slices.SortFunc(gs, compareAccounts)
		g.grantees[r] = slices.Compact(gs)
	}
}

func compareBool(x, y bool) int {
	switch {
	case x == y:
		return 0
	case x:
		return 1
	}
	return -1
}

// compareFold orders column names, which are case-insensitive.
func compareFold(x, y string) int {
	return cmp.Or(strings.Compare(strings.ToLower(x), strings.ToLower(y)), strings.Compare(x, y))
}

// norm is a database or table name as compared.
func (g *grantTables) norm(name string) string {
	if g.caseless {
		return strings.ToLower(name)
	}
	return name
}

func (g *grantTables) key(db, table string) tableKey { return tableKey{g.norm(db), g.norm(table)} }
