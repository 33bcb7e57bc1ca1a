package postgres

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/pmscan/pmscan/connectors/sqldb"
)

// relationsSQL lists tables, leaf partitions, views, materialized views and
// foreign tables outside the system schemas, readable or not: a table the
// scan user may not read is reported, not silently left out. Partitioned
// parents hold no rows of their own; their partitions are read instead.
const relationsSQL = `
SELECT c.oid::bigint, n.nspname, c.relname, c.relkind::text, c.reltuples::bigint
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'v', 'm', 'f')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname !~ '^pg_(toast|temp_)'
ORDER BY n.nspname, c.relname`

const columnsSQL = `
SELECT a.attrelid::bigint, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod),
       t.typname, t.typcategory::text, a.atttypmod, a.attnotnull
FROM pg_catalog.pg_attribute a
JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
WHERE a.attnum > 0 AND NOT a.attisdropped
  AND c.relkind IN ('r', 'v', 'm', 'f')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname !~ '^pg_(toast|temp_)'
ORDER BY a.attrelid, a.attnum`

// keysSQL lists each relation's primary key and its unique indexes that are
// plain (no expression, no predicate) and valid, columns in index order.
const keysSQL = `
SELECT i.indrelid::bigint, ic.relname, i.indisprimary,
       array_to_string(ARRAY(SELECT a.attname FROM unnest(i.indkey) WITH ORDINALITY k(attnum, ord)
                             JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                             ORDER BY k.ord), E'\x1f')
FROM pg_catalog.pg_index i
JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
JOIN pg_catalog.pg_class c ON c.oid = i.indrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE i.indisunique AND i.indisvalid AND i.indexprs IS NULL AND i.indpred IS NULL
  AND NOT (0 = ANY (i.indkey))
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname !~ '^pg_(toast|temp_)'
ORDER BY i.indrelid, i.indisprimary DESC, i.indnatts, ic.relname`

var relKinds = map[string]string{"r": "table", "v": "view", "m": "materialized view", "f": "foreign table"}

func (s *session) Tables(ctx context.Context) ([]*sqldb.Table, error) {
	var tables []*sqldb.Table
	byOID := map[int64]*sqldb.Table{}
	notNull := map[int64]map[string]bool{}
	err := s.readOnly(ctx, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, relationsSQL)
		if err != nil {
			return err
		}
		for rows.Next() {
			var oid, est int64
			var kind string
			t := &sqldb.Table{}
			if err := rows.Scan(&oid, &t.Schema, &t.Name, &kind, &est); err != nil {
				rows.Close()
				return err
			}
			t.Kind, t.EstRows = relKinds[kind], est
			if est < 0 {
				t.EstRows = -1
			}
			tables = append(tables, t)
			byOID[oid] = t
		}
		if err := rows.Err(); err != nil {
			return err
		}

		rows, err = tx.Query(ctx, columnsSQL)
		if err != nil {
			return err
		}
		for rows.Next() {
			var oid int64
			var name, typ, typname, category string
			var typmod int32
			var nn bool
			if err := rows.Scan(&oid, &name, &typ, &typname, &category, &typmod, &nn); err != nil {
				rows.Close()
				return err
			}
			t := byOID[oid]
			if t == nil {
				continue
			}
			t.Columns = append(t.Columns, column(name, typ, typname, category, typmod))
			if nn {
				if notNull[oid] == nil {
					notNull[oid] = map[string]bool{}
				}
				notNull[oid][name] = true
			}
		}
		if err := rows.Err(); err != nil {
			return err
		}

		rows, err = tx.Query(ctx, keysSQL)
		if err != nil {
			return err
		}
		for rows.Next() {
			var oid int64
			var index, cols string
			var primary bool
			if err := rows.Scan(&oid, &index, &primary, &cols); err != nil {
				rows.Close()
				return err
			}
			t := byOID[oid]
			if t == nil || len(t.Key) > 0 {
				continue // the first usable key wins: primary, then the narrowest unique
			}
			setKey(t, strings.Split(cols, "\x1f"), index, primary, notNull[oid])
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	for _, t := range tables {
		if len(t.Key) == 0 && (t.Kind == "table" || t.Kind == "materialized view") {
			// No key: rows are read through a cursor and located by ctid.
			t.Columns = append(t.Columns, sqldb.Column{Name: "ctid", Type: "tid", Kind: sqldb.KindText, Pseudo: true})
			t.Key = []int{len(t.Columns) - 1}
			t.KeyBy = "ctid: the " + t.Kind + " has no primary key or unique index, and a ctid changes when the row is updated"
		}
	}
	return tables, nil
}

// setKey makes cols t's key when every one is NOT NULL (a primary key's are).
func setKey(t *sqldb.Table, cols []string, index string, primary bool, notNull map[string]bool) {
	var key []int
	for _, name := range cols {
		idx := -1
		for i, c := range t.Columns {
			if c.Name == name {
				idx = i
			}
		}
		if idx < 0 || !primary && !notNull[name] {
			return
		}
		key = append(key, idx)
	}
	t.Key, t.Ordered = key, true
	t.KeyBy = "primary key"
	if !primary {
		t.KeyBy = "unique index " + index
	}
}

// column classifies a column by its type.
func column(name, typ, typname, category string, typmod int32) sqldb.Column {
	c := sqldb.Column{Name: name, Type: typ, Kind: sqldb.KindText}
	switch typname {
	case "bytea":
		c.Kind, c.Skip = sqldb.KindSkip, "binary"
		return c
	case "geometry", "geography", "box2d", "box3d", "raster":
		c.Kind, c.Skip = sqldb.KindSkip, "geometry"
		return c
	case "tsvector", "tsquery":
		c.Kind, c.Skip = sqldb.KindSkip, "text search"
		return c
	case "text", "json", "jsonb", "xml", "citext":
		c.Capped = true
	case "varchar", "bpchar":
		// typmod is the declared length + 4, or -1 when unbounded.
		c.Capped = typmod < 0 || typmod-4 > 65535
	}
	switch category {
	case "B":
		c.Kind, c.Skip = sqldb.KindSkip, "boolean"
	case "G":
		c.Kind, c.Skip = sqldb.KindSkip, "geometry"
	case "V":
		c.Kind, c.Skip = sqldb.KindSkip, "bit string"
	case "N":
		c.Kind = sqldb.KindNumber
	case "D", "T":
		c.Kind = sqldb.KindTime
	case "A":
		c.Capped = true
	}
	return c
}

// quoteIdent quotes one identifier.
func quoteIdent(s string) string { return pgx.Identifier{s}.Sanitize() }

func quoteTable(t *sqldb.Table) string { return pgx.Identifier{t.Schema, t.Name}.Sanitize() }

// selectList renders the columns to read; capped ones are cut on the server
// to one character more than the limit, so that a cut can be told.
func selectList(t *sqldb.Table, maxChars int) string {
	var b strings.Builder
	for i, ci := range t.Select() {
		if i > 0 {
			b.WriteString(", ")
		}
		c := t.Columns[ci]
		switch {
		case c.Pseudo:
			b.WriteString(c.Name)
		case c.Capped && !isKey(t, ci):
			fmt.Fprintf(&b, "left(%s::text, %d)", quoteIdent(c.Name), maxChars+1)
		default:
			b.WriteString(quoteIdent(c.Name))
		}
	}
	return b.String()
}

func isKey(t *sqldb.Table, ci int) bool {
	for _, k := range t.Key {
		if k == ci {
			return true
		}
	}
	return false
}

func keyList(t *sqldb.Table) string {
	parts := make([]string, len(t.Key))
	for i, k := range t.Key {
		parts[i] = quoteIdent(t.Columns[k].Name)
	}
	return strings.Join(parts, ", ")
}
