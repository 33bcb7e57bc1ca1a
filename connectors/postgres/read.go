package postgres

import (
	"context"
	"fmt"
	"math"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/pmscan/pmscan/connectors/sqldb"
)

// fetchRows is the cursor's batch: small enough that a FETCH stays well
// inside the statement timeout, big enough that round trips do not matter.
const fetchRows = 2000

// Page reads one keyset page: WHERE (k1, k2) > (v1, v2) ORDER BY k1, k2.
// The key values go back as literals, which the server casts to the key's
// types, so every key type that round-trips through text works.
func (s *session) Page(ctx context.Context, t *sqldb.Table, after [][]byte, limit int, fn sqldb.RowFunc) error {
	var b strings.Builder
	fmt.Fprintf(&b, "SELECT %s FROM %s", selectList(t, s.srv.maxChars), quoteTable(t))
	var args []any
	if after != nil {
		ph := make([]string, len(after))
		for i, v := range after {
			args = append(args, string(v))
			ph[i] = fmt.Sprintf("$%d", i+1)
		}
		fmt.Fprintf(&b, " WHERE (%s) > (%s)", keyList(t), strings.Join(ph, ", "))
	}
	fmt.Fprintf(&b, " ORDER BY %s LIMIT %d", keyList(t), limit)
	return s.readOnly(ctx, func(tx pgx.Tx) error {
		_, err := s.each(ctx, tx, b.String(), args, fn)
		return err
	})
}

// Stream reads a relation without a usable key through a cursor, so each
// FETCH is its own statement under the timeout. A table keyed by ctid
// resumes after the last ctid read (a TID range scan); a view skips the rows
// already read.
func (s *session) Stream(ctx context.Context, t *sqldb.Table, from sqldb.Resume, fn sqldb.RowFunc) error {
	query := fmt.Sprintf("SELECT %s FROM %s", selectList(t, s.srv.maxChars), quoteTable(t))
	var args []any
	skip := from.Rows
	if from.LastKey != nil {
		query += " WHERE ctid > $1::tid"
		args = append(args, string(from.LastKey[0]))
		skip = 0
	}
	return s.readOnly(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, "DECLARE pmscan_rows NO SCROLL CURSOR FOR "+query, args...); err != nil {
			return err
		}
		if skip > 0 {
			if _, err := tx.Exec(ctx, fmt.Sprintf("MOVE FORWARD %d FROM pmscan_rows", skip)); err != nil {
				return err
			}
		}
		for {
			n, err := s.each(ctx, tx, fmt.Sprintf("FETCH FORWARD %d FROM pmscan_rows", fetchRows), nil, fn)
			if err != nil {
				return err
			}
			if n < fetchRows {
				_, err := tx.Exec(ctx, "CLOSE pmscan_rows")
				return err
			}
		}
	})
}

// Sample reads up to n rows. A table the planner thinks holds more than
// twice n rows is sampled by block (TABLESAMPLE SYSTEM, twice the share
// needed, REPEATABLE so the same seed picks the same blocks); smaller tables
// and views give their first n rows.
func (s *session) Sample(ctx context.Context, t *sqldb.Table, n int, seed int64, from sqldb.Resume, fn sqldb.RowFunc) error {
	query := fmt.Sprintf("SELECT %s FROM %s", selectList(t, s.srv.maxChars), quoteTable(t))
	if t.Kind != "view" && t.EstRows > 2*int64(n) {
		pct := math.Min(100, 200*float64(n)/float64(t.EstRows))
		query += fmt.Sprintf(" TABLESAMPLE SYSTEM (%.6f) REPEATABLE (%d)", pct, seed)
	}
	query += fmt.Sprintf(" LIMIT %d", n)
	skip := from.Rows
	return s.readOnly(ctx, func(tx pgx.Tx) error {
		_, err := s.each(ctx, tx, query, nil, func(vals [][]byte) error {
			if skip > 0 {
				skip--
				return nil
			}
			return fn(vals)
		})
		return err
	})
}
