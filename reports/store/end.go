package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/pmscan/pmscan/reports/inventory"
	"github.com/pmscan/pmscan/scanner"
)

// scanEnd is what recording a scan's end writes, made once so that the
// write can be tried again, or made in another store (a spool, or the
// store a spool is imported into).
type scanEnd struct {
	id          int64
	finished    time.Time
	interrupted bool
	totals      Totals
	byType      string
	inv         *inventoryJSON      // the inventory's JSON, or nil
	holdings    []inventory.Holding // those the scan stores: see holdingRefs
	unreferable []string            // places whose rows later scans may not reference
	flags       []inventory.Flag
	targets     []scanner.TargetResult
}

// endOf is the end of scan id as its sink's Close gets it.
func endOf(id int64, sum *scanner.Summary, inv *inventory.Inventory) (*scanEnd, error) {
	if sum == nil {
		sum = &scanner.Summary{}
	}
	e := &scanEnd{id: id, finished: sum.Finished, interrupted: sum.Interrupted, targets: sum.Targets,
		totals: Totals{Objects: sum.Objects, Bytes: sum.Bytes, Records: sum.Records, Rows: sum.Rows,
			Skipped: sum.Skipped, Failed: sum.Failed, Findings: sum.Findings, ByType: sum.ByType}}
	if e.finished.IsZero() {
		e.finished = time.Now()
	}
	e.finished = dbTime(e.finished)
	byType, err := json.Marshal(sum.ByType)
	if err != nil {
		return nil, err
	}
	e.byType = string(byType)
	if inv != nil {
		// The holdings go to their table, examples and all, and are read
		// back from there (readHoldings): encoding them in the JSON too
		// cost a scan of 240,000 holdings two seconds and 100 MB. So do
		// the flags (readFlags).
		stored := storedInventory{Inventory: new(inventory.Inventory), PlaceAccess: inv.PlaceAccesses(), AccessDeclared: inv.DeclaredAccesses()}
		*stored.Inventory = *inv
		stored.Holdings, stored.Flags = nil, nil
		e.inv = encodeInventory(&stored)
		e.holdings, e.flags = inv.Holdings, inv.Flags
	}
	return e, nil
}

// inventoryJSON is an inventory's JSON, encoded on a goroutine of its own
// while the end's other rows are written: an inventory of many places is
// megabytes of it.
type inventoryJSON struct {
	done chan struct{}
	json string
	err  error
}

// encodeInventory starts encoding inv, which must not change until get
// returns.
func encodeInventory(inv *storedInventory) *inventoryJSON {
	e := &inventoryJSON{done: make(chan struct{})}
	go func() {
		defer close(e.done)
		b, err := json.Marshal(inv)
		if err != nil {
			e.err = fmt.Errorf("store: encoding the inventory: %w", err)
			return
		}
		e.json = string(b)
	}()
	return e
}

// storedInventory is an inventory as the scans table keeps it: without
// its holdings and flags (in tables of their own), with the holdings'
// access once per place and their declared access once per place and
// item, which the holdings' rows do not say: they are shared with later
// scans that carry them over, and access is each scan's own.
type storedInventory struct {
	*inventory.Inventory
	PlaceAccess    []inventory.PlaceAccess    `json:"place_access,omitempty"`
	AccessDeclared []inventory.DeclaredAccess `json:"access_declared,omitempty"`
}

// encodedInventory is an inventory's JSON as a store has it.
func encodedInventory(s string) *inventoryJSON {
	e := &inventoryJSON{done: make(chan struct{}), json: s}
	close(e.done)
	return e
}

// get waits for the JSON.
func (e *inventoryJSON) get() (string, error) {
	<-e.done
	return e.json, e.err
}

// errEndRecorded rolls back an attempt that finds the end already
// recorded by an earlier one.
var errEndRecorded = errors.New("the end is already recorded")

// record returns the transaction that records the end in s. It may be
// tried again: an end that an earlier attempt recorded (its commit
// succeeded, but the answer was lost) is found by its finished time and
// not written twice.
func (e *scanEnd) record(s *Store) func(context.Context) error {
	return func(ctx context.Context) error {
		err := s.inTx(ctx, func(tx *sql.Tx) error {
			res, err := tx.ExecContext(ctx, `UPDATE scans SET finished = $2, interrupted = $3,
	objects = $4, bytes = $5, records = $6, rows_read = $7, skipped = $8, failed = $9, findings = $10,
	by_type = $11, holdings_table = $12
WHERE id = $1 AND finished IS NULL`,
				e.id, e.finished, e.interrupted, e.totals.Objects, e.totals.Bytes, e.totals.Records, e.totals.Rows,
				e.totals.Skipped, e.totals.Failed, e.totals.Findings, e.byType, e.inv != nil)
			if err != nil {
				return err
			}
			if n, err := res.RowsAffected(); err != nil {
				return err
			} else if n != 1 {
				return e.recordedBefore(ctx, tx)
			}
			if err := closeTargets(ctx, tx, e.id, e.targets); err != nil {
				return err
			}
			if e.inv == nil {
				return nil
			}
			if err := s.insert(ctx, tx, holdingsTable, holdingRows(e.id, e.holdings), nil); err != nil {
				return err
			}
			for _, name := range e.unreferable {
				// A run cannot say so: its rows become the scan's own.
				if err := materialize(ctx, tx, `SELECT DISTINCT scan_id, run_ord FROM run_objects WHERE scan_id = $1 AND name = $2`, e.id, name); err != nil {
					return err
				}
				if _, err := tx.ExecContext(ctx, `UPDATE objects SET holdings_scan = 0 WHERE scan_id = $1 AND name = $2`, e.id, name); err != nil {
					return err
				}
			}
			if err := s.insert(ctx, tx, flagsTable, flagRows(e.id, e.flags), nil); err != nil {
				return err
			}
			// Encoded meanwhile.
			inv, err := e.inv.get()
			if err != nil {
				return err
			}
			_, err = tx.ExecContext(ctx, `UPDATE scans SET inventory = $2 WHERE id = $1`, e.id, inv)
			return err
		})
		if errors.Is(err, errEndRecorded) {
			return nil
		}
		return err
	}
}

// recordedBefore tells an end recorded by an earlier attempt
// (errEndRecorded) from a scan that another process finished, or that the
// store does not have.
func (e *scanEnd) recordedBefore(ctx context.Context, tx *sql.Tx) error {
	var finished sql.NullTime
	err := tx.QueryRowContext(ctx, `SELECT finished FROM scans WHERE id = $1`, e.id).Scan(&finished)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return ErrNotFound
	case err != nil:
		return err
	case finished.Valid && finished.Time.Equal(e.finished):
		return errEndRecorded
	}
	return errFinished
}

// closeTargets records how each target's walk ended, matching results to
// the targets BeginScan stored by name, in order.
func closeTargets(ctx context.Context, tx *sql.Tx, id int64, results []scanner.TargetResult) error {
	rows, err := tx.QueryContext(ctx, `SELECT ord, name FROM scan_targets WHERE scan_id = $1 ORDER BY ord`, id)
	if err != nil {
		return err
	}
	type stored struct {
		ord  int
		name string
		done bool
	}
	var targets []stored
	for rows.Next() {
		var t stored
		if err := rows.Scan(&t.ord, &t.name); err != nil {
			rows.Close()
			return err
		}
		targets = append(targets, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	next := len(targets)
	if next > 0 {
		next = targets[next-1].ord + 1
	}
	for _, r := range results {
		status, msg := StatusOK, ""
		switch {
		case errors.Is(r.Err, scanner.ErrInterrupted):
			status = StatusInterrupted
		case r.Err != nil:
			status, msg = StatusFailed, r.Err.Error()
		}
		i := 0
		for i < len(targets) && (targets[i].done || targets[i].name != r.Name) {
			i++
		}
		if i == len(targets) {
			_, err = tx.ExecContext(ctx, `INSERT INTO scan_targets (scan_id, ord, name, status, error) VALUES ($1, $2, $3, $4, $5)`,
				id, next, r.Name, status, msg)
			next++
		} else {
			targets[i].done = true
			_, err = tx.ExecContext(ctx, `UPDATE scan_targets SET status = $3, error = $4 WHERE scan_id = $1 AND ord = $2`,
				id, targets[i].ord, status, msg)
		}
		if err != nil {
			return err
		}
	}
	_, err = tx.ExecContext(ctx, `UPDATE scan_targets SET status = $2 WHERE scan_id = $1 AND status = $3`,
		id, StatusNotScanned, StatusStarted)
	return err
}

func holdingRows(id int64, hs []inventory.Holding) []any {
	args := make([]any, 0, len(hs)*len(holdingsTable.cols))
	for i, h := range hs {
		types, _ := json.Marshal(h.Types)
		examples, _ := json.Marshal(h.Examples)
		args = append(args, id, i, h.Store, h.Name, h.Column, h.ItemID, h.Item, h.Class, string(types),
			h.Findings, h.Distinct, h.High, h.Medium, h.Low, optTime(h.Oldest), optTime(h.Newest), h.Sampled, h.Declared, string(examples))
	}
	return args
}

func flagRows(id int64, fs []inventory.Flag) []any {
	args := make([]any, 0, len(fs)*len(flagsTable.cols))
	for i, f := range fs {
		args = append(args, id, i, f.Severity.String(), f.Rule, f.ItemID, f.Item, f.Class, f.Store, f.Name, f.Column, f.Findings, f.Message,
			jsonList(f.Readers), jsonList(f.Items))
	}
	return args
}

// jsonList is a list of strings as a JSON column holds it; NULL when
// empty.
func jsonList(list []string) any {
	if len(list) == 0 {
		return nil
	}
	b, _ := json.Marshal(list) // strings: cannot fail
	return string(b)
}

func optTime(t *time.Time) any {
	if t == nil {
		return nil
	}
	return dbTime(*t)
}
