package mysql

import (
	"context"
	"database/sql"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"

	"github.com/pmscan/pmscan/connectors/sqldb"
)

// selectList renders the columns to read; long text is cut on the server to
// one character more than the limit, so that a cut can be told.
func (s *session) selectList(t *sqldb.Table) string {
	var b strings.Builder
	for i, ci := range t.Select() {
		if i > 0 {
			b.WriteString(", ")
		}
		c := t.Columns[ci]
		if c.Capped && !slices.Contains(t.Key, ci) {
			fmt.Fprintf(&b, "LEFT(%s, %d)", quoteIdent(c.Name), s.srv.maxChars+1)
		} else {
			b.WriteString(quoteIdent(c.Name))
		}
	}
	return b.String()
}

func keyList(t *sqldb.Table) string {
	parts := make([]string, len(t.Key))
	for i, k := range t.Key {
		parts[i] = quoteIdent(t.Columns[k].Name)
	}
	return strings.Join(parts, ", ")
}

// keyArg passes an integer key as a number: compared with a string, MySQL
// would compare as floating point and lose precision past 2^53.
func keyArg(c sqldb.Column, v []byte) any {
	if c.Kind == sqldb.KindNumber {
		if n, err := strconv.ParseInt(string(v), 10, 64); err == nil {
			return n
		}
		if n, err := strconv.ParseUint(string(v), 10, 64); err == nil {
			return n
		}
	}
	if c.Kind == sqldb.KindSkip { // a binary key
		return append([]byte(nil), v...)
	}
	return string(v)
}

// afterKey renders "k1 > ? OR (k1 = ? AND k2 > ?) …": the row comparison
// spelled out, which MySQL and MariaDB both turn into index ranges.
func afterKey(t *sqldb.Table, after [][]byte) (string, []any) {
	var ors []string
	var args []any
	for i := range t.Key {
		var ands []string
		for j := 0; j <= i; j++ {
			op := "="
			if j == i {
				op = ">"
			}
			c := t.Columns[t.Key[j]]
			ands = append(ands, quoteIdent(c.Name)+" "+op+" ?")
			args = append(args, keyArg(c, after[j]))
		}
		ors = append(ors, "("+strings.Join(ands, " AND ")+")")
	}
	return strings.Join(ors, " OR "), args
}

// Page reads one keyset page in key order.
func (s *session) Page(ctx context.Context, t *sqldb.Table, after [][]byte, limit int, fn sqldb.RowFunc) error {
	query := fmt.Sprintf("SELECT %s FROM %s", s.selectList(t), quoteTable(t))
	var args []any
	if after != nil {
		var where string
		where, args = afterKey(t, after)
		query += " WHERE " + where
	}
	query += fmt.Sprintf(" ORDER BY %s LIMIT %d", keyList(t), limit)
	return s.readOnly(ctx, func(tx *sql.Tx) error {
		_, err := s.each(ctx, tx, query, args, fn)
		return err
	})
}

// noTimeout lifts the statement timeout for one streamed query: a table
// without a key is read in one statement, however long it takes.
func (s *session) noTimeout(query string) string {
	if s.mariadb {
		return "SET STATEMENT max_statement_time = 0 FOR " + query
	}
	return strings.Replace(query, "SELECT ", "SELECT /*+ MAX_EXECUTION_TIME(0) */ ", 1)
}

// Stream reads a relation without a key in one unbuffered query, skipping
// the rows an earlier, lost session already delivered.
func (s *session) Stream(ctx context.Context, t *sqldb.Table, from sqldb.Resume, fn sqldb.RowFunc) error {
	query := s.noTimeout(fmt.Sprintf("SELECT %s FROM %s", s.selectList(t), quoteTable(t)))
	skip := from.Rows
	return s.readOnly(ctx, func(tx *sql.Tx) error {
		_, err := s.each(ctx, tx, query, nil, skipping(&skip, fn))
		return err
	})
}

func skipping(skip *int64, fn sqldb.RowFunc) sqldb.RowFunc {
	return func(vals [][]byte) error {
		if *skip > 0 {
			*skip--
			return nil
		}
		return fn(vals)
	}
}

// sampleProbes is how many key ranges a sample reads.
const sampleProbes = 10

// Sample reads up to n rows. MySQL has no TABLESAMPLE: a table with one
// integer key and more than twice n rows is read in sampleProbes short key
// ranges spread between its smallest and largest key (seeded), each an
// index range scan; other relations give their first n rows.
func (s *session) Sample(ctx context.Context, t *sqldb.Table, n int, seed int64, from sqldb.Resume, fn sqldb.RowFunc) error {
	skip := from.Rows
	fn = skipping(&skip, fn)
	return s.readOnly(ctx, func(tx *sql.Tx) error {
		if t.Ordered && len(t.Key) == 1 && t.Columns[t.Key[0]].Kind == sqldb.KindNumber && t.EstRows > 2*int64(n) {
			ok, err := s.probe(ctx, tx, t, n, seed, fn)
			if ok || err != nil {
				return err
			}
		}
		query := fmt.Sprintf("SELECT %s FROM %s LIMIT %d", s.selectList(t), quoteTable(t), n)
		_, err := s.each(ctx, tx, query, nil, fn)
		return err
	})
}

// probe reads the key ranges; ok is false when the key is not an integer
// range to spread over.
func (s *session) probe(ctx context.Context, tx *sql.Tx, t *sqldb.Table, n int, seed int64, fn sqldb.RowFunc) (bool, error) {
	key := quoteIdent(t.Columns[t.Key[0]].Name)
	var lo, hi sql.NullInt64
	err := tx.QueryRowContext(ctx, fmt.Sprintf("SELECT MIN(%s), MAX(%s) FROM %s", key, key, quoteTable(t))).Scan(&lo, &hi)
	if err != nil || !lo.Valid || !hi.Valid || hi.Int64-lo.Int64 < int64(2*n) {
		return false, nil // not an integer range (or too narrow): fall back
	}
	h := fnv.New64a()
	h.Write([]byte(t.Schema + "." + t.Name))
	rng := rand.New(rand.NewPCG(uint64(seed), h.Sum64()))
	span := uint64(hi.Int64 - lo.Int64)
	starts := make([]int64, sampleProbes)
	for i := range starts {
		starts[i] = lo.Int64 + int64(rng.Uint64N(span))
	}
	slices.Sort(starts)
	per := (n + sampleProbes - 1) / sampleProbes
	var last int64
	read := false
	for _, start := range starts {
		if read && start <= last {
			start = last + 1
		}
		query := fmt.Sprintf("SELECT %s FROM %s WHERE %s >= ? ORDER BY %s LIMIT %d", s.selectList(t), quoteTable(t), key, key, per)
		keyPos := t.KeySelect()[0]
		_, err := s.each(ctx, tx, query, []any{start}, func(vals [][]byte) error {
			if k, err := strconv.ParseInt(string(vals[keyPos]), 10, 64); err == nil {
				last, read = k, true
			}
			return fn(vals)
		})
		if err != nil {
			return true, err
		}
	}
	return true, nil
}
