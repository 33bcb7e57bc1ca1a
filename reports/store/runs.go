package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// A scan that carries an object over stores no copy of the object's rows:
// a run of its own row numbers stands for a run of the rows of the scan
// that holds them (migration 0007), and the view scan_objects gives the
// rows a copy would have been. An unchanged tree of 46,000 files costs a
// scan a handful of runs instead of 46,000 rows. Where a run cannot say
// what the copy would (a row another scan's run cannot give, or that
// the scan must change later), the scan writes the row itself.

// rowRef names a row of a store's objects table.
type rowRef struct {
	store     *Store
	scan, ord int64
}

// runRow says what a queued objects row may be written as instead: src's
// row, carried, referencing the holdings of scan holdings (0: none).
// A zero src means the row is written as it is.
type runRow struct {
	src      rowRef
	holdings int64
}

var carriedRunsTable = &table{name: "carried_runs", chunk: 256, conflict: "scan_id, ord", cols: []string{
	"scan_id", "ord", "n", "src_scan", "src_ord", "holdings_scan"}}

// carriedRun is one row of carried_runs.
type carriedRun struct {
	ord, n, srcScan, srcOrd, holdings int64
}

// extends reports whether the row ord, standing for src, continues r.
func (r *carriedRun) extends(ord int64, src rowRef, holdings int64) bool {
	return r.n > 0 && r.ord+r.n == ord && r.srcScan == src.scan && r.srcOrd+r.n == src.ord && r.holdings == holdings
}

// runsOf splits rows, the batch's objects rows (flattened, as insert
// takes them) with refs their runRows, into the runs that stand for those
// st can reference and the rows written as they are.
func runsOf(st *Store, id int64, rows []any, refs []runRow) (runs, own []any) {
	w := len(objectsTable.cols)
	var cur carriedRun
	flushRun := func() {
		if cur.n > 0 {
			var holdings any // NULL
			if cur.holdings > 0 {
				holdings = cur.holdings
			}
			runs = append(runs, id, cur.ord, cur.n, cur.srcScan, cur.srcOrd, holdings)
		}
		cur = carriedRun{}
	}
	for i, ref := range refs {
		row := rows[i*w : (i+1)*w]
		ord := row[1].(int64)
		if ref.src.store != st || ref.src.scan == 0 {
			flushRun()
			own = append(own, row...)
			continue
		}
		if !cur.extends(ord, ref.src, ref.holdings) {
			flushRun()
			cur = carriedRun{ord: ord, srcScan: ref.src.scan, srcOrd: ref.src.ord, holdings: ref.holdings}
		}
		cur.n++
	}
	flushRun()
	return runs, own
}

// materialize writes as rows of their own the rows that the runs query
// finds (their scan_id and ord) stand for, and deletes those runs: before
// a scan that runs reference is deleted, or a row a run stands for is
// changed.
func materialize(ctx context.Context, tx *sql.Tx, query string, args ...any) error {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("objects: finding runs: %w", err)
	}
	var runs [][2]int64
	for rows.Next() {
		var r [2]int64
		if err := rows.Scan(&r[0], &r[1]); err != nil {
			rows.Close()
			return fmt.Errorf("objects: finding runs: %w", err)
		}
		runs = append(runs, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("objects: finding runs: %w", err)
	}
	cols := strings.Join(objectsTable.cols, ", ")
	for _, r := range runs {
		if _, err := tx.ExecContext(ctx, `INSERT INTO objects (`+cols+`)
SELECT `+cols+` FROM run_objects WHERE scan_id = $1 AND run_ord = $2`, r[0], r[1]); err != nil {
			return fmt.Errorf("objects: writing the rows of a run of scan %d: %w", r[0], err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM carried_runs WHERE scan_id = $1 AND ord = $2`, r[0], r[1]); err != nil {
			return fmt.Errorf("objects: deleting a run of scan %d: %w", r[0], err)
		}
	}
	return nil
}
