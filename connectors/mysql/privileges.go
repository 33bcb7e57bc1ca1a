package mysql

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"github.com/pmscan/pmscan/connectors/sqldb"
)

// The server lists in information_schema only the tables and columns the
// user holds some privilege on, and answers a SELECT on a table it may not
// see exactly as on one that does not exist: nothing the scan user can
// query without further privileges (SHOW TABLES, SHOW TABLE STATUS,
// information_schema.TABLES, STATISTICS, PARTITIONS; INNODB_SYS_TABLES
// needs PROCESS, mysql.innodb_table_stats a grant on mysql) reveals them.
// So the catalog's gaps are told from the user's own grants, which
// information_schema's *_PRIVILEGES tables and SHOW GRANTS (which adds the
// grants of enabled roles) show it:
//
//   - a database in which the user holds no database-level (db.*) or
//     global table privilege lists only the tables it was granted: the
//     database is recorded as read only in part;
//   - a table on which the user holds only column-level grants lists only
//     the columns it holds a privilege on: those it may SELECT (each is
//     opened with LIMIT 0) are read, and the table is recorded as read
//     only in part.

// tablePrivileges are the privileges that, held on every table (ON *.*
// or ON db.*), let a user see every table in the catalog.
var tablePrivileges = []string{"SELECT", "INSERT", "UPDATE", "DELETE", "CREATE", "DROP", "REFERENCES", "INDEX",
	"ALTER", "CREATE VIEW", "SHOW VIEW", "TRIGGER", "DELETE HISTORY", "ALL PRIVILEGES", "ALL"}

// grants are the user's privileges on every table (ON *.*) and on every
// table of some databases (ON db.*).
type grants struct {
	global, globalSelect bool
	lines                []string // SHOW GRANTS
}

// readGrants reads the user's global grants from information_schema, and
// its grants as SHOW GRANTS tells them, which, unlike information_schema's
// *_PRIVILEGES tables, include those of its enabled roles (MariaDB).
func readGrants(ctx context.Context, tx *sql.Tx) (*grants, error) {
	g := &grants{}
	rows, err := tx.QueryContext(ctx, "SHOW GRANTS")
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			rows.Close()
			return nil, err
		}
		g.lines = append(g.lines, line)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = tx.QueryContext(ctx, "SELECT PRIVILEGE_TYPE FROM information_schema.USER_PRIVILEGES")
	if err != nil {
		return nil, err
	}
	var privs []string
	for rows.Next() {
		var p string
		if err := rows.Scan(&p); err != nil {
			rows.Close()
			return nil, err
		}
		privs = append(privs, p)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	g.global, g.globalSelect = onAll(privs)
	if a, s := g.on("*.*"); a {
		g.global, g.globalSelect = true, g.globalSelect || s
	}
	return g, nil
}

// on says whether SHOW GRANTS grants a table privilege, and SELECT, ON
// target (*.* or `db`.*): such grants name no columns.
func (g *grants) on(target string) (anyPriv, sel bool) {
	for _, line := range g.lines {
		privs, ok := strings.CutPrefix(line, "GRANT ")
		if !ok {
			continue
		}
		privs, _, ok = strings.Cut(privs, " ON "+target+" TO ")
		if !ok {
			continue
		}
		a, s := onAll(strings.Split(privs, ", "))
		anyPriv, sel = anyPriv || a, sel || s
	}
	return anyPriv, sel
}

func onAll(privs []string) (anyPriv, sel bool) {
	for _, p := range privs {
		p = strings.TrimSpace(p)
		if slices.Contains(tablePrivileges, p) {
			anyPriv = true
			sel = sel || p == "SELECT" || strings.HasPrefix(p, "ALL")
		}
	}
	return anyPriv, sel
}

// privileges notes, in tables (as Tables listed them), what the user's
// grants hide: it returns a gap for every database whose tables the user
// may see only in part, and sets Partial on, and keeps only the readable
// columns of, every table it may SELECT only some columns of. schemas are
// the databases scanned.
func privileges(ctx context.Context, tx *sql.Tx, schemas []string, tables []*sqldb.Table) ([]*sqldb.Table, error) {
	g, err := readGrants(ctx, tx)
	if err != nil {
		return nil, err
	}
	if g.globalSelect {
		return nil, nil
	}

	// Database-level grants name a database as a LIKE pattern (db\_1 or db_%).
	dbAny, dbSelect := map[string]bool{}, map[string]bool{}
	for _, s := range schemas {
		var anyPriv, sel bool
		err := tx.QueryRowContext(ctx, `SELECT COUNT(*) > 0, COALESCE(MAX(PRIVILEGE_TYPE = 'SELECT'), 0)
			FROM information_schema.SCHEMA_PRIVILEGES WHERE ? LIKE TABLE_SCHEMA`, s).Scan(&anyPriv, &sel)
		if err != nil {
			return nil, err
		}
		a, s2 := g.on(quoteIdent(s) + ".*")
		dbAny[s], dbSelect[s] = anyPriv || a, sel || s2
	}
	var gaps []*sqldb.Table
	if !g.global {
		for _, s := range schemas {
			if !dbAny[s] {
				gaps = append(gaps, &sqldb.Table{Schema: s, Kind: sqldb.DatabaseGap, Unreadable: fmt.Errorf(
					"the scan user may read only some tables of %s (it holds table-level grants only, none ON %s.*): "+
						"tables it may not read are not listed by the server and were not scanned", s, quoteIdent(s))})
			}
		}
	}

	tableSelect := map[[2]string]bool{}
	rows, err := tx.QueryContext(ctx, `SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLE_PRIVILEGES
		WHERE PRIVILEGE_TYPE = 'SELECT'`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var s, t string
		if err := rows.Scan(&s, &t); err != nil {
			rows.Close()
			return nil, err
		}
		tableSelect[[2]string{s, t}] = true
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// Columns the user holds a privilege on, of any type: the catalog shows
	// it those, and only those where it holds nothing on the whole table.
	colGrants := map[[2]string]map[string]bool{}
	rows, err = tx.QueryContext(ctx, `SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME FROM information_schema.COLUMN_PRIVILEGES`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var s, t, c string
		if err := rows.Scan(&s, &t, &c); err != nil {
			rows.Close()
			return nil, err
		}
		k := [2]string{s, t}
		if colGrants[k] == nil {
			colGrants[k] = map[string]bool{}
		}
		colGrants[k][strings.ToLower(c)] = true // column names are case-insensitive
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}

	for _, t := range tables {
		k := [2]string{t.Schema, t.Name}
		granted := colGrants[k]
		if dbSelect[t.Schema] || tableSelect[k] || len(granted) == 0 || len(t.Columns) == 0 {
			continue
		}
		// Column-level grants: the columns that open are read. A role may
		// grant more than information_schema shows the user; a visible
		// column it holds no column grant on says something else lets it
		// see the whole table.
		var keep []sqldb.Column
		var names []string
		whole := true
		for _, c := range t.Columns {
			ok, err := selectable(ctx, tx, t, c.Name)
			if err != nil {
				return nil, err
			}
			if ok {
				keep = append(keep, c)
				names = append(names, c.Name)
			}
			whole = whole && ok
		}
		allGranted := true
		for _, c := range t.Columns {
			allGranted = allGranted && granted[strings.ToLower(c.Name)]
		}
		if len(keep) == 0 || whole && !allGranted {
			continue // none may be read, and reading it says why; or all are
		}
		t.Columns = keep
		t.Partial = fmt.Errorf("the scan user may read only columns %s of %s.%s (column-level grants): other columns were not read",
			strings.Join(names, ", "), t.Schema, t.Name)
	}
	return gaps, nil
}

// selectable says whether the user may SELECT column of t.
func selectable(ctx context.Context, tx *sql.Tx, t *sqldb.Table, column string) (bool, error) {
	rows, err := tx.QueryContext(ctx, "SELECT "+quoteIdent(column)+" FROM "+quoteTable(t)+" LIMIT 0")
	if err == nil {
		return true, rows.Close()
	}
	if lost(err) {
		return false, err
	}
	return false, nil
}
