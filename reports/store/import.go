package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/pmscan/pmscan/scanner"
)

// ImportScan moves scan id from src, the spool of a scan whose store
// failed, into s: the findings and problems s lacks, then the scan's end,
// totals and inventory. The scan must be one that s began and has not
// finished, started at the same moment as src's; importing it again does
// nothing. Rows are copied in transactions of batchRows, so that an
// import that fails half-way can simply be run again.
func (s *Store) ImportScan(ctx context.Context, src *Store, id int64) error {
	return importScan(ctx, src, s, id)
}

func importScan(ctx context.Context, from, to *Store, id int64) error {
	sc, err := from.Scan(ctx, id)
	if err != nil {
		return err
	}
	if sc.Finished.IsZero() {
		return from.errorf("scan %d has not recorded its end: nothing to import", id)
	}
	var (
		started  time.Time
		finished sql.NullTime
	)
	err = to.db.QueryRowContext(ctx, `SELECT started, finished FROM scans WHERE id = $1`, id).Scan(&started, &finished)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return to.errorf("scan %d: %w", id, ErrNotFound)
	case err != nil:
		return to.errorf("scan %d: %w", id, err)
	case !started.Equal(sc.Info.Started):
		return to.errorf("scan %d started at %s, the spool's at %s: not the same scan",
			id, started.UTC().Format(time.RFC3339Nano), sc.Info.Started.Format(time.RFC3339Nano))
	case finished.Valid && finished.Time.Equal(sc.Finished):
		return nil // imported before
	case finished.Valid:
		return to.errorf("scan %d: %w", id, errFinished)
	}
	if err := copyRows(ctx, from, to, findingsTable, id, scanFinding); err != nil {
		return to.errorf("scan %d: importing findings: %w", id, err)
	}
	if err := copyRows(ctx, from, to, problemsTable, id, scanProblem); err != nil {
		return to.errorf("scan %d: importing problems: %w", id, err)
	}
	if err := copyRows(ctx, from, to, objectsTable, id, scanObject); err != nil {
		return to.errorf("scan %d: importing objects: %w", id, err)
	}
	end, err := endFrom(ctx, from, sc)
	if err != nil {
		return err
	}
	if err := end.record(to)(ctx); err != nil {
		return to.errorf("scan %d: recording the end: %w", id, err)
	}
	return nil
}

// copyRows copies scan id's rows of the keyed table t, in order of its
// second column (seq, ord),
// batchRows at a time; rows to has already are left as they are.
func copyRows(ctx context.Context, from, to *Store, t *table, id int64, scan func(*sql.Rows) ([]any, error)) error {
	key := t.cols[1] // seq, or ord
	src := t.name
	if t.view != "" {
		src = t.view
	}
	q := `SELECT ` + strings.Join(t.cols, ", ") + ` FROM ` + src + ` WHERE scan_id = $1 AND ` + key + ` > $2 ORDER BY ` + key + ` LIMIT $3`
	var after int64
	for {
		rows, err := from.db.QueryContext(ctx, q, id, after, batchRows)
		if err != nil {
			return err
		}
		var args []any
		for rows.Next() {
			row, err := scan(rows)
			if err != nil {
				rows.Close()
				return err
			}
			args = append(args, row...)
			after = row[1].(int64)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if len(args) == 0 {
			return nil
		}
		if err := to.inTx(ctx, func(tx *sql.Tx) error { return to.insert(ctx, tx, t, args, nil) }); err != nil {
			return err
		}
	}
}

// scanFinding reads a row of findingsTable's columns as insert's values.
func scanFinding(rows *sql.Rows) ([]any, error) {
	var (
		id, seq                                    int64
		typ, kind, conf, reasons, location, masked string
		value                                      sql.NullString
		hash                                       sql.NullInt64
	)
	if err := rows.Scan(&id, &seq, &typ, &kind, &conf, &reasons, &location, &masked, &value, &hash); err != nil {
		return nil, err
	}
	var v, h any
	if value.Valid {
		v = value.String
	}
	if hash.Valid {
		h = hash.Int64
	}
	return []any{id, seq, typ, kind, conf, reasons, location, masked, v, h}, nil
}

// scanProblem reads a row of problemsTable's columns as insert's values.
func scanProblem(rows *sql.Rows) ([]any, error) {
	var (
		id, seq               int64
		location, msg, reason string
		skipped               bool
	)
	if err := rows.Scan(&id, &seq, &location, &skipped, &msg, &reason); err != nil {
		return nil, err
	}
	return []any{id, seq, location, skipped, msg, reason}, nil
}

// scanObject reads a row of objectsTable's columns as insert's values.
func scanObject(rows *sql.Rows) ([]any, error) {
	var (
		id, ord, readScan, keptScan, findings, skipped, failed int64
		root, name, store, status, reason, facts               string
		stats                                                  string
		version, byType                                        sql.NullString
		fFrom, fTo, pFrom, pTo                                 sql.NullInt64
		readAt                                                 time.Time
		digest                                                 []byte
		holdingsScan                                           sql.NullInt64
	)
	if err := rows.Scan(&id, &ord, &root, &name, &store, &status, &reason, &version, &facts, &stats,
		&readScan, &readAt, &keptScan, &fFrom, &fTo, &pFrom, &pTo, &findings, &byType, &skipped, &failed, &digest, &holdingsScan); err != nil {
		return nil, err
	}
	var d any
	if digest != nil {
		d = digest
	}
	return []any{id, ord, root, name, store, status, reason, nullString(version), facts, stats,
		readScan, dbTime(readAt), keptScan, nullInt(fFrom), nullInt(fTo), nullInt(pFrom), nullInt(pTo), findings, nullString(byType), skipped, failed, d, nullInt(holdingsScan)}, nil
}

func nullInt(n sql.NullInt64) any {
	if n.Valid {
		return n.Int64
	}
	return nil
}

func nullString(s sql.NullString) any {
	if s.Valid {
		return s.String
	}
	return nil
}

// endFrom is the end of a scan as from recorded it, to record it again
// elsewhere: the inventory's JSON as stored, the targets as they ended.
func endFrom(ctx context.Context, from *Store, sc *Scan) (*scanEnd, error) {
	e := &scanEnd{id: sc.ID, finished: dbTime(sc.Finished), interrupted: sc.Interrupted, totals: sc.Totals}
	byType, err := json.Marshal(sc.Totals.ByType)
	if err != nil {
		return nil, err
	}
	e.byType = string(byType)
	var inv sql.NullString
	if err := from.db.QueryRowContext(ctx, `SELECT inventory FROM scans WHERE id = $1`, sc.ID).Scan(&inv); err != nil {
		return nil, from.errorf("scan %d: %w", sc.ID, err)
	}
	if inv.Valid && sc.Inventory != nil {
		e.inv = encodedInventory(inv.String)
		e.holdings, e.flags = sc.Inventory.Holdings, sc.Inventory.Flags
	}
	for _, t := range sc.Targets {
		switch t.Status {
		case StatusOK:
			e.targets = append(e.targets, scanner.TargetResult{Name: t.Name})
		case StatusFailed:
			e.targets = append(e.targets, scanner.TargetResult{Name: t.Name, Err: errors.New(t.Error)})
		case StatusInterrupted:
			e.targets = append(e.targets, scanner.TargetResult{Name: t.Name, Err: scanner.ErrInterrupted})
		}
	}
	return e, nil
}
