package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// An incremental scan of an unchanged tree carries every object over, and
// asking the state store for each object's rows on its own cost a sixth
// of such a scan. The walk meets objects in about the order of their
// names, so a miss reads the rows of the objects named from the one asked
// for on, a window of them, and the next objects are usually found there.
// While the walk takes objects from a window, the next window is read on
// a goroutine of its own, so that the walk, the store and the scan's
// other goroutines share the cores. A walk in another order only misses
// more: every answer is exact.

// windowRows is how many rows one read of a window takes at most, so
// that the memory it holds is bounded (a few KiB of digest per row).
const windowRows = 256

// keptRow is one row of the objects table, as parts needs it.
type keptRow struct {
	root, name, status, reason string
	encoded                    keptEncoding
	readScan, keptScan         int64
	readAt                     time.Time
	keptFindings, keptProblems [2]int64
	findings, skipped, failed  int64
	digest                     []byte
}

// partsWindow is the rows of one scan's objects, whole objects only, by
// root: what a read of a window took that has not been asked for yet.
type partsWindow struct {
	byRoot map[string][]keptRow
	// last is the last root the window read whole, "" when it read none
	// or the rows ran out; ahead is the read of the window after it.
	last  string
	ahead *windowRead
}

// windowRead is a read of a window on a goroutine of its own.
type windowRead struct {
	done chan struct{}
	w    *partsWindow
	err  error
}

// keptEncoding is how a row encodes an object's version, facts, stats
// and findings by type: a scan carrying the object over writes them back
// as they are (see objectRow), since they are unchanged.
type keptEncoding struct {
	version      sql.NullString
	facts, stats string
	byType       sql.NullString
	// src is the row itself, which a run of the carrying scan may stand
	// for instead of a copy (see runs.go).
	src rowRef
}

const keptRowColumns = `ord, root, name, status, reason, version, object, stats, read_scan, read_at, kept_scan,
	coalesce(findings_from, 1), coalesce(findings_to, 0), coalesce(problems_from, 1), coalesce(problems_to, 0),
	findings, by_type, skipped, failed, digest`

func scanKeptRow(rows *sql.Rows, s *Store, scan int64) (keptRow, error) {
	var r keptRow
	e := &r.encoded
	e.src.store, e.src.scan = s, scan
	err := rows.Scan(&e.src.ord, &r.root, &r.name, &r.status, &r.reason, &e.version, &e.facts, &e.stats, &r.readScan, &r.readAt, &r.keptScan,
		&r.keptFindings[0], &r.keptFindings[1], &r.keptProblems[0], &r.keptProblems[1],
		&r.findings, &e.byType, &r.skipped, &r.failed, &r.digest)
	return r, err
}

// keptRows returns the rows of root in scan, members first, root last.
func (b *Baseline) keptRows(ctx context.Context, scan int64, root string) ([]keptRow, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	// In this window, or else in the one read ahead: a root further on
	// is read from where it is.
	for i, w := 0, b.windows[scan]; i < 2 && w != nil; i++ {
		if rows, ok := w.byRoot[root]; ok {
			delete(w.byRoot, root)
			return rows, nil
		}
		if w.ahead == nil || root <= w.last {
			break
		}
		<-w.ahead.done
		if w.ahead.err != nil {
			break // read it again, and say why if it fails again
		}
		w = w.ahead.w
		b.windows[scan] = w
		b.readAhead(ctx, scan, w)
	}
	w, err := b.readWindow(ctx, scan, root, false)
	if err != nil {
		return nil, err
	}
	b.windows[scan] = w
	b.readAhead(ctx, scan, w)
	rows, ok := w.byRoot[root]
	if !ok {
		// More rows than a window: an archive of many members.
		return b.readRoot(ctx, scan, root)
	}
	delete(w.byRoot, root)
	return rows, nil
}

// readAhead starts reading the window after w.
func (b *Baseline) readAhead(ctx context.Context, scan int64, w *partsWindow) {
	if w.last == "" {
		return
	}
	r := &windowRead{done: make(chan struct{})}
	w.ahead = r
	go func(after string) {
		defer close(r.done)
		r.w, r.err = b.readWindow(ctx, scan, after, true)
	}(w.last)
}

// readWindow reads the rows of the objects of scan named root and after
// (after root, with after), up to windowRows of them, and keeps the
// objects it read whole: all but the last, unless the rows ran out first.
func (b *Baseline) readWindow(ctx context.Context, scan int64, root string, after bool) (*partsWindow, error) {
	from := ">="
	if after {
		from = ">"
	}
	rows, err := b.s.db.QueryContext(ctx, `SELECT `+keptRowColumns+` FROM objects
WHERE scan_id = $1 AND root `+from+` $2 ORDER BY root, ord LIMIT `+fmt.Sprint(windowRows), scan, root)
	if err != nil {
		return nil, fmt.Errorf("the state store did not give what scan %d kept of it: %w", scan, err)
	}
	defer rows.Close()
	w := &partsWindow{byRoot: map[string][]keptRow{}}
	var n int
	var last, whole string // the last root, and the one before it
	for rows.Next() {
		r, err := scanKeptRow(rows, b.s, scan)
		if err != nil {
			return nil, fmt.Errorf("reading what scan %d kept of it: %w", scan, err)
		}
		w.byRoot[r.root] = append(w.byRoot[r.root], r)
		if r.root != last {
			whole = last
		}
		n, last = n+1, r.root
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reading what scan %d kept of it: %w", scan, err)
	}
	if n == windowRows {
		delete(w.byRoot, last) // its rows may go on past the window
		w.last = whole
	}
	return w, nil
}

// readRoot reads the rows of root in scan alone.
func (b *Baseline) readRoot(ctx context.Context, scan int64, root string) ([]keptRow, error) {
	rows, err := b.s.db.QueryContext(ctx, `SELECT `+keptRowColumns+` FROM objects WHERE scan_id = $1 AND root = $2 ORDER BY ord`, scan, root)
	if err != nil {
		return nil, fmt.Errorf("the state store did not give what scan %d kept of it: %w", scan, err)
	}
	defer rows.Close()
	var out []keptRow
	for rows.Next() {
		r, err := scanKeptRow(rows, b.s, scan)
		if err != nil {
			return nil, fmt.Errorf("reading what scan %d kept of it: %w", scan, err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reading what scan %d kept of it: %w", scan, err)
	}
	return out, nil
}
