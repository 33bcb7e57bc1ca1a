package mysql

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/go-sql-driver/mysql"

	"github.com/pmscan/pmscan/connectors/sqldb"
)

// systemSchemas are never scanned.
const systemSchemas = "'mysql', 'information_schema', 'performance_schema', 'sys'"

func (s *session) Tables(ctx context.Context) ([]*sqldb.Table, error) {
	where := "TABLE_SCHEMA NOT IN (" + systemSchemas + ")"
	var args []any
	if s.id.Database != "" {
		where += " AND TABLE_SCHEMA = ?"
		args = append(args, s.id.Database)
	}
	var tables, gaps []*sqldb.Table
	byName := map[[2]string]*sqldb.Table{}
	nullable := map[[3]string]bool{}
	err := s.readOnly(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE, COALESCE(TABLE_ROWS, -1)
			FROM information_schema.TABLES WHERE `+where+` ORDER BY TABLE_SCHEMA, TABLE_NAME`, args...)
		if err != nil {
			return err
		}
		for rows.Next() {
			t := &sqldb.Table{}
			var typ string
			if err := rows.Scan(&t.Schema, &t.Name, &typ, &t.EstRows); err != nil {
				rows.Close()
				return err
			}
			switch typ {
			case "BASE TABLE", "SYSTEM VERSIONED":
				t.Kind = "table"
			case "VIEW":
				t.Kind = "view"
				t.EstRows = -1
			default:
				t.Kind = strings.ToLower(typ) // SEQUENCE, TEMPORARY: not scanned
			}
			tables = append(tables, t)
			byName[[2]string{t.Schema, t.Name}] = t
		}
		if err := rows.Err(); err != nil {
			return err
		}

		rows, err = tx.QueryContext(ctx, `SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, IS_NULLABLE
			FROM information_schema.COLUMNS WHERE `+where+` ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION`, args...)
		if err != nil {
			return err
		}
		for rows.Next() {
			var schema, table, name, dataType, colType, isNullable string
			if err := rows.Scan(&schema, &table, &name, &dataType, &colType, &isNullable); err != nil {
				rows.Close()
				return err
			}
			t := byName[[2]string{schema, table}]
			if t == nil {
				continue
			}
			t.Columns = append(t.Columns, column(name, strings.ToLower(dataType), colType))
			nullable[[3]string{schema, table, name}] = isNullable == "YES"
		}
		if err := rows.Err(); err != nil {
			return err
		}

		schemas, err := s.schemas(ctx, tx)
		if err != nil {
			return err
		}
		if gaps, err = privileges(ctx, tx, schemas, tables); err != nil {
			return err
		}

		// Unique indexes, primary first, then the narrowest; prefix (SUB_PART)
		// and functional (no COLUMN_NAME) parts cannot identify a row.
		rows, err = tx.QueryContext(ctx, `SELECT TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, COALESCE(COLUMN_NAME, ''), SUB_PART IS NOT NULL
			FROM information_schema.STATISTICS WHERE NON_UNIQUE = 0 AND `+where+`
			ORDER BY TABLE_SCHEMA, TABLE_NAME, INDEX_NAME = 'PRIMARY' DESC, INDEX_NAME, SEQ_IN_INDEX`, args...)
		if err != nil {
			return err
		}
		type index struct {
			t      *sqldb.Table
			name   string
			cols   []string
			usable bool
		}
		var indexes []*index
		var cur *index
		for rows.Next() {
			var schema, table, name, col string
			var prefix bool
			if err := rows.Scan(&schema, &table, &name, &col, &prefix); err != nil {
				rows.Close()
				return err
			}
			t := byName[[2]string{schema, table}]
			if t == nil {
				continue
			}
			if cur == nil || cur.t != t || cur.name != name {
				cur = &index{t: t, name: name, usable: true}
				indexes = append(indexes, cur)
			}
			cur.cols = append(cur.cols, col)
			if col == "" || prefix || name != "PRIMARY" && nullable[[3]string{schema, table, col}] {
				cur.usable = false
			}
		}
		if err := rows.Err(); err != nil {
			return err
		}
		best := map[*sqldb.Table]*index{}
		for _, ix := range indexes {
			if !ix.usable {
				continue
			}
			if b := best[ix.t]; b == nil || b.name != "PRIMARY" && len(ix.cols) < len(b.cols) {
				best[ix.t] = ix
			}
		}
		for t, ix := range best {
			setKey(t, ix.cols, ix.name)
		}
		return markColumnless(ctx, tx, tables)
	})
	if err != nil {
		return nil, err
	}
	return withGaps(tables, gaps), nil
}

// schemas are the databases scanned: the target's, or every one the user
// sees (it may hold privileges in a database and see none of its tables).
func (s *session) schemas(ctx context.Context, tx *sql.Tx) ([]string, error) {
	if s.id.Database != "" {
		return []string{s.id.Database}, nil
	}
	rows, err := tx.QueryContext(ctx, "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME NOT IN ("+
		systemSchemas+") ORDER BY SCHEMA_NAME")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		out = append(out, name)
	}
	return out, rows.Err()
}

// withGaps puts each database's gap before its first table, and the gaps
// of databases without tables at the end.
func withGaps(tables, gaps []*sqldb.Table) []*sqldb.Table {
	if len(gaps) == 0 {
		return tables
	}
	bySchema := map[string]*sqldb.Table{}
	for _, g := range gaps {
		bySchema[g.Schema] = g
	}
	out := make([]*sqldb.Table, 0, len(tables)+len(gaps))
	for _, t := range tables {
		if g := bySchema[t.Schema]; g != nil {
			out = append(out, g)
			delete(bySchema, t.Schema)
		}
		out = append(out, t)
	}
	for _, g := range gaps {
		if bySchema[g.Schema] != nil {
			out = append(out, g)
		}
	}
	return out
}

// errInvalidView is why a view that lists no columns cannot be read, when
// the server does not say.
var errInvalidView = errors.New("view is invalid: it refers to tables or columns that no longer exist (or its definer lacks rights)")

// markColumnless marks the relations that list no columns as unreadable: a
// MySQL relation always has a column, but information_schema lists none for
// a view whose tables or columns were dropped, nor for a table or view the
// user holds a privilege on (a database-level one) but none on any of its
// columns, and reading it would send a SELECT with no columns. Opening such
// a relation costs nothing and fails with the server's own reason (error
// 1356 for an invalid view, 1142 for one the user may not read), which is
// kept.
func markColumnless(ctx context.Context, tx *sql.Tx, tables []*sqldb.Table) error {
	for _, t := range tables {
		if t.Kind != "view" && t.Kind != "table" || len(t.Columns) > 0 {
			continue
		}
		rows, err := tx.QueryContext(ctx, "SELECT 1 FROM "+quoteTable(t)+" LIMIT 0")
		var myErr *mysql.MySQLError
		switch {
		case err == nil && t.Kind == "view": // opens, yet lists no columns: still nothing to select
			rows.Close()
			t.Unreadable = errInvalidView
		case err == nil:
			rows.Close()
			t.Unreadable = errNoColumns
		case lost(err):
			return err
		case errors.As(err, &myErr) && myErr.Number == errViewInvalid:
			t.Unreadable = fmt.Errorf("view is invalid: %s", myErr.Message)
		default:
			t.Unreadable = fmt.Errorf("%s lists no columns: %w", t.Kind, err)
		}
	}
	return nil
}

// errNoColumns is why a table that opens but lists no columns is not read.
var errNoColumns = errors.New("table lists no columns: the scan user holds no privilege on any of its columns")

// errViewInvalid is ER_VIEW_INVALID, the same number in MySQL and MariaDB.
const errViewInvalid = 1356

func setKey(t *sqldb.Table, cols []string, index string) {
	var key []int
	for _, name := range cols {
		found := false
		for i, c := range t.Columns {
			if c.Name == name {
				key, found = append(key, i), true
				break
			}
		}
		if !found || unorderedKey(t.Columns[key[len(key)-1]].Type) {
			return
		}
	}
	t.Key, t.Ordered = key, true
	t.KeyBy = "primary key"
	if index != "PRIMARY" {
		t.KeyBy = "unique index " + index
	}
}

// unorderedKey: ENUM and SET sort by their index but compare with a string
// as strings, so a keyset page on them could skip or repeat rows.
func unorderedKey(colType string) bool {
	t := strings.ToLower(colType)
	return strings.HasPrefix(t, "enum(") || strings.HasPrefix(t, "set(")
}

// column classifies a column by its DATA_TYPE.
func column(name, dataType, colType string) sqldb.Column {
	c := sqldb.Column{Name: name, Type: colType, Kind: sqldb.KindText}
	switch dataType {
	case "text", "mediumtext", "longtext", "json":
		c.Capped = true
	case "tinyint":
		if strings.HasPrefix(strings.ToLower(colType), "tinyint(1)") {
			c.Kind, c.Skip = sqldb.KindSkip, "boolean" // BOOLEAN is TINYINT(1)
		} else {
			c.Kind = sqldb.KindNumber
		}
	case "smallint", "mediumint", "int", "integer", "bigint", "decimal", "numeric", "float", "double", "real", "year":
		c.Kind = sqldb.KindNumber
	case "date", "datetime", "timestamp", "time":
		c.Kind = sqldb.KindTime
	case "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob":
		c.Kind, c.Skip = sqldb.KindSkip, "binary"
	case "bit":
		c.Kind, c.Skip = sqldb.KindSkip, "bit string"
	case "geometry", "point", "linestring", "polygon", "multipoint", "multilinestring", "multipolygon", "geometrycollection":
		c.Kind, c.Skip = sqldb.KindSkip, "geometry"
	}
	return c
}

func quoteIdent(s string) string { return "`" + strings.ReplaceAll(s, "`", "``") + "`" }

func quoteTable(t *sqldb.Table) string { return quoteIdent(t.Schema) + "." + quoteIdent(t.Name) }
