package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// UnfinishedGrace is how long after its start an unfinished scan stored
// without a heartbeat (by a pmscan from before heartbeats) counts as
// alive: see Scan.Alive.
const UnfinishedGrace = 24 * time.Hour

// PruneOptions says which scans Prune deletes. A scan is deleted if any
// limit given says so; no limit at all is an error, not "delete nothing",
// so that a forgotten flag is noticed.
type PruneOptions struct {
	// Keep, if above 0, keeps the newest Keep finished scans (by ID, the
	// order 'pmscan scans' lists them) and deletes every other scan.
	// Unfinished scans do not count towards Keep and are not kept by it:
	// one still running must not push a finished one out, and one killed
	// half way is only partly reported on. A scan that may still be
	// running (Scan.Alive: its heartbeat is recent) is safe from both
	// limits: another pmscan is writing it, and deleting it would make
	// that scan fail and lose what it found.
	Keep int
	// OlderThan, if above 0, deletes the scans that started before
	// Now-OlderThan.
	OlderThan time.Duration
	// Now is when OlderThan and Scan.Alive count back from; zero
	// means time.Now().
	Now time.Time
	// DryRun deletes nothing: Prune says what it would delete.
	DryRun bool
	// Vacuum, after deleting, runs VACUUM: on SQLite it rewrites the file
	// to give the freed space back to the file system, which takes a
	// while, holds the write lock throughout and needs as much free disk
	// as the file's size; on PostgreSQL it makes the space reusable at
	// once rather than at autovacuum's next visit.
	Vacuum bool
}

// PruneResult is what Prune deleted, or with DryRun would delete.
type PruneResult struct {
	// Deleted are the scans, oldest first, with their targets but without
	// inventories.
	Deleted []Scan
	// Kept counts the scans left in the store.
	Kept int
	// InUse are the scans, oldest first, that the limits would delete but
	// that a scan still running carries objects over from, or whose rows
	// hold what its rows reference: kept until it ends. UsedBy maps each
	// to the running scan.
	InUse  []Scan
	UsedBy map[int64]int64
}

// Transactions are kept short, so that a scan writing the same store
// (SQLite has one writer at a time) waits for a batch, not for the whole
// prune: a batch holds at most pruneBatchScans scans and, unless a single
// scan is larger, about pruneBatchRows rows.
var (
	pruneBatchScans       = 100
	pruneBatchRows  int64 = 50_000
)

// prunedTables are the tables with a scan_id column, emptied of a scan's
// rows before its scans row goes. Their foreign keys cascade too, which
// catches rows another process commits during the prune.
var prunedTables = []string{"checkpoints", "carried_runs", "objects", "findings", "problems", "holdings", "flags", "scan_targets", "lookup_objects"}

// Prune deletes the scans that opts says to, each with its rows in every
// table. A scan goes whole or not at all: each batch of scans is deleted
// in one transaction, so a prune that fails half way has deleted some
// scans completely and left the rest untouched, and can simply be run
// again. Several processes may prune and scan the same store at once.
//
// On SQLite the store zeroes what it frees (secure_delete, see
// openSQLite) and Prune truncates the write-ahead log afterwards, so that
// raw values of deleted --show-data scans do not linger in the files. The
// freed pages stay in the file, on its free list, and later scans reuse
// them; the file shrinks only with opts.Vacuum. A store written by a
// pmscan without secure_delete may keep stray copies of old rows in pages
// still in use, which only opts.Vacuum clears.
func (s *Store) Prune(ctx context.Context, opts PruneOptions) (*PruneResult, error) {
	switch {
	case opts.Keep <= 0 && opts.OlderThan <= 0:
		return nil, errors.New("prune: give the number of scans to keep or a maximum age")
	case opts.Keep < 0 || opts.OlderThan < 0:
		return nil, fmt.Errorf("prune: negative limit (keep %d, older than %v)", opts.Keep, opts.OlderThan)
	}
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	all, err := s.pruneCandidates(ctx)
	if err != nil {
		return nil, err
	}
	used, err := s.inUse(ctx, all, now)
	if err != nil {
		return nil, err
	}
	// A distributed scan's unit scans go with it, and count as none of
	// their own: the scan references their rows.
	units := map[int64][]Scan{}
	top := all[:0:0]
	for _, sc := range all {
		if sc.Info.Parent != 0 {
			units[sc.Info.Parent] = append(units[sc.Info.Parent], sc)
			continue
		}
		top = append(top, sc)
	}
	res := &PruneResult{UsedBy: map[int64]int64{}}
	finished := 0
	for i := range top {
		sc := &top[i]
		usedBy := used[sc.ID]
		for _, u := range units[sc.ID] {
			if usedBy == 0 {
				usedBy = used[u.ID]
			}
		}
		switch {
		case !opts.prunable(sc, finished, now):
		case usedBy != 0:
			res.InUse = append(res.InUse, *sc)
			res.UsedBy[sc.ID] = usedBy
		default:
			res.Deleted = append(res.Deleted, *sc)
			res.Deleted = append(res.Deleted, units[sc.ID]...)
		}
		if !sc.Finished.IsZero() {
			finished++
		}
	}
	slices.SortFunc(res.Deleted, func(a, b Scan) int { return cmp.Compare(a.ID, b.ID) }) // oldest first
	slices.Reverse(res.InUse)
	for _, list := range [][]Scan{res.Deleted, res.InUse} {
		for i := range list {
			if err := s.readTargets(ctx, &list[i]); err != nil {
				return nil, err
			}
		}
	}
	if opts.DryRun {
		res.Kept = len(top)
		for _, sc := range res.Deleted {
			if sc.Info.Parent == 0 {
				res.Kept--
			}
		}
		return res, nil
	}

	if len(res.Deleted) > 0 {
		if res.Deleted, err = s.deleteScans(ctx, res.Deleted); err != nil {
			return nil, err
		}
	}
	if opts.Vacuum {
		if err := s.vacuum(ctx); err != nil {
			return nil, err
		}
	}
	var kept int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM scans WHERE parent_id IS NULL`).Scan(&kept); err != nil {
		return nil, s.errorf("prune: counting scans: %w", err)
	}
	res.Kept = kept
	return res, nil
}

// prunable is the rule: sc is deleted if it is not protected as possibly
// running (Scan.Alive), and it is either beyond the newest Keep finished scans (newer
// counts the finished scans newer than sc) or older than OlderThan.
func (o *PruneOptions) prunable(sc *Scan, newer int, now time.Time) bool {
	if sc.Alive(now) {
		return false
	}
	beyond := o.Keep > 0 && (newer >= o.Keep || sc.Finished.IsZero())
	old := o.OlderThan > 0 && now.Sub(sc.Info.Started) > o.OlderThan
	return beyond || old
}

// inUse maps the scans that a scan still running (Scan.Alive) may carry
// objects over from, or already has, to that scan: the scans of its
// targets its baseline takes (see Baseline), and the scans whose rows
// hold the evidence, digests and holdings that those scans' rows and its
// own reference. Deleting one would take from under the running scan what
// its rows will point to, and rehome moves evidence only into finished
// scans.
func (s *Store) inUse(ctx context.Context, all []Scan, now time.Time) (map[int64]int64, error) {
	used := map[int64]int64{}
	for i := range all {
		run := all[i]
		if !run.Alive(now) {
			continue
		}
		if err := s.readTargets(ctx, &run); err != nil {
			return nil, err
		}
		ids := []int64{run.ID}
		for _, target := range run.Info.Targets {
			base, err := s.baselineScans(ctx, target, run.Info.Reading, run.ID)
			if err != nil {
				return nil, err
			}
			ids = append(ids, base...)
		}
		in, args := inList(ids)
		refs, err := queryIDs(ctx, s.db, `SELECT kept_scan FROM scan_objects WHERE scan_id IN (`+in+`)
UNION SELECT holdings_scan FROM scan_objects WHERE holdings_scan > 0 AND scan_id IN (`+in+`)
UNION SELECT src_scan FROM carried_runs WHERE scan_id IN (`+in+`)`, args...)
		if err != nil {
			return nil, s.errorf("prune: finding the scans scan %d uses: %w", run.ID, err)
		}
		ids = append(ids, refs...)
		for _, id := range ids {
			if _, ok := used[id]; !ok && id != run.ID {
				used[id] = run.ID
			}
		}
	}
	return used, nil
}

// pruneCandidates reads every scan, newest first, without targets.
func (s *Store) pruneCandidates(ctx context.Context) ([]Scan, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+scanColumns+` FROM scans ORDER BY id DESC`)
	if err != nil {
		return nil, s.errorf("prune: listing scans: %w", err)
	}
	defer rows.Close()
	var out []Scan
	for rows.Next() {
		sc, err := scanScan(rows)
		if err != nil {
			return nil, s.errorf("prune: listing scans: %w", err)
		}
		out = append(out, *sc)
	}
	if err := rows.Err(); err != nil {
		return nil, s.errorf("prune: listing scans: %w", err)
	}
	return out, nil
}

// deleteScans deletes scans in batches and returns those it deleted:
// another process pruning at the same time may have deleted some first.
func (s *Store) deleteScans(ctx context.Context, scans []Scan) ([]Scan, error) {
	gone := map[int64]bool{}
	for rest := scans; len(rest) > 0; {
		n, rows := 0, int64(0)
		for n < len(rest) && n < pruneBatchScans && (n == 0 || rows+scanRows(&rest[n]) <= pruneBatchRows) {
			rows += scanRows(&rest[n])
			n++
		}
		ids := make([]int64, n)
		for i := range n {
			ids[i] = rest[i].ID
		}
		deleted, err := s.deleteBatch(ctx, ids)
		if err != nil {
			return nil, err
		}
		for _, id := range deleted {
			gone[id] = true
		}
		rest = rest[n:]
	}
	if s.dialect == sqliteDialect {
		if err := s.truncateLog(ctx); err != nil {
			return nil, s.errorf("prune: %w", err)
		}
	}
	return slices.DeleteFunc(scans, func(sc Scan) bool { return !gone[sc.ID] }), nil
}

// truncateLog empties SQLite's write-ahead log. Until then the log may
// still hold the pages the deleted rows were written with: a checkpoint
// alone leaves old frames in the file for later writes to overwrite. The
// checkpoint waits (busy_timeout) for other processes' writes; if they
// keep it from finishing, the next checkpoint that can will do it, and the
// prune does not fail for that.
func (s *Store) truncateLog(ctx context.Context) error {
	var busy, log, done int
	if err := s.db.QueryRowContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &log, &done); err != nil {
		return fmt.Errorf("checkpointing the log: %w", err)
	}
	return nil
}

// scanRows estimates a scan's rows in the big tables from its counters.
// An unfinished scan has none, and counts as one large batch of its own.
func scanRows(sc *Scan) int64 {
	if sc.Finished.IsZero() {
		return pruneBatchRows
	}
	return 1 + sc.Totals.Findings + sc.Totals.Skipped + sc.Totals.Failed
}

// deleteBatch deletes the scans ids and their rows in one transaction,
// returning the IDs it found to delete.
func (s *Store) deleteBatch(ctx context.Context, ids []int64) ([]int64, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, s.errorf("prune: %w", err)
	}
	defer tx.Rollback()
	in, args := inList(ids)
	// The rows kept scans' runs stand for in these scans, or whose
	// holdings are these scans', become the kept scans' own, for rehome to
	// move what they reference.
	if err := materialize(ctx, tx, `SELECT scan_id, ord FROM carried_runs WHERE scan_id NOT IN (`+in+`)
	AND (src_scan IN (`+in+`) OR holdings_scan IN (`+in+`))`, args...); err != nil {
		return nil, s.errorf("prune: %w", err)
	}
	if err := rehome(ctx, tx, ids); err != nil {
		return nil, s.errorf("prune: moving evidence that kept scans use: %w", err)
	}
	if err := rehomeHoldings(ctx, tx, ids); err != nil {
		return nil, s.errorf("prune: moving holdings that kept scans use: %w", err)
	}
	// The lookup records go by their objects, which go with the scans;
	// SQLite's index of their hashes first, by their ids.
	if !s.dialect.hashArrays {
		if _, err := tx.ExecContext(ctx, `DELETE FROM lookup_hashes WHERE rowid IN (SELECT r.id FROM lookup_records r
	JOIN lookup_objects o ON o.id = r.object_id WHERE o.scan_id IN (`+in+`))`, args...); err != nil {
			return nil, s.errorf("prune: deleting from lookup_hashes: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM lookup_records WHERE object_id IN (SELECT id FROM lookup_objects WHERE scan_id IN (`+in+`))`, args...); err != nil {
		return nil, s.errorf("prune: deleting from lookup_records: %w", err)
	}
	for _, t := range prunedTables {
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+t+` WHERE scan_id IN (`+in+`)`, args...); err != nil {
			return nil, s.errorf("prune: deleting from %s: %w", t, err)
		}
	}
	deleted, err := queryIDs(ctx, tx, `DELETE FROM scans WHERE id IN (`+in+`) RETURNING id`, args...)
	if err != nil {
		return nil, s.errorf("prune: deleting scans: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return nil, s.errorf("prune: deleting scans: %w", err)
	}
	return deleted, nil
}

// rehome moves the kept findings, problems and digests of objects that scans
// outside ids carried over from scans in ids (objects.kept_scan) into the
// newest finished scan that carries each, numbered after its own, and
// points every carrying scan's row there, so that pruning a scan takes no
// evidence from those kept. A finished scan takes no more rows, so the
// moved rows cannot collide with rows it writes.
func rehome(ctx context.Context, tx *sql.Tx, ids []int64) error {
	in, args := inList(ids)
	rows, err := tx.QueryContext(ctx, `SELECT o.kept_scan, o.root, max(o.scan_id),
	min(o.findings_from), min(o.findings_to), min(o.problems_from), min(o.problems_to)
FROM objects o JOIN scans s ON s.id = o.scan_id
WHERE o.kept_scan IN (`+in+`) AND o.scan_id NOT IN (`+in+`) AND o.name = o.root AND s.finished IS NOT NULL
GROUP BY o.kept_scan, o.root`, args...)
	if err != nil {
		return err
	}
	type move struct {
		from, to int64
		root     string
		f, p     [2]int64
	}
	var moves []move
	for rows.Next() {
		var m move
		if err := rows.Scan(&m.from, &m.root, &m.to, &m.f[0], &m.f[1], &m.p[0], &m.p[1]); err != nil {
			rows.Close()
			return err
		}
		moves = append(moves, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, m := range moves {
		var moved [2][2]int64 // the new first and last sequence numbers
		for i, t := range []struct {
			table, cols string
			span        [2]int64
		}{
			{"findings", "type, kind, confidence, reasons, location, masked, value, value_hash", m.f},
			{"problems", "location, skipped, error, reason", m.p},
		} {
			var last int64
			if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(seq), 0) FROM `+t.table+` WHERE scan_id = $1`, m.to).Scan(&last); err != nil {
				return fmt.Errorf("%s: %w", t.table, err)
			}
			res, err := tx.ExecContext(ctx, `INSERT INTO `+t.table+` (scan_id, seq, `+t.cols+`)
SELECT $1, $2 + row_number() OVER (ORDER BY seq), `+t.cols+`
FROM `+t.table+` WHERE scan_id = $3 AND seq BETWEEN $4 AND $5 ORDER BY seq`, m.to, last, m.from, t.span[0], t.span[1])
			if err != nil {
				return fmt.Errorf("%s: %w", t.table, err)
			}
			n, err := res.RowsAffected()
			if err != nil {
				return fmt.Errorf("%s: %w", t.table, err)
			}
			moved[i] = [2]int64{last + 1, last + n}
		}
		// So do the lookup entries, by their object's row.
		if _, err := tx.ExecContext(ctx, `UPDATE lookup_objects SET scan_id = $1 WHERE scan_id = $2 AND root = $3`, m.to, m.from, m.root); err != nil {
			return fmt.Errorf("lookup_objects: %w", err)
		}
		// The digests go with the evidence: a carrying scan's rows have
		// none of their own (carriedObject).
		if _, err := tx.ExecContext(ctx, `UPDATE objects SET digest = (SELECT k.digest FROM objects k
	WHERE k.scan_id = $2 AND k.root = objects.root AND k.name = objects.name ORDER BY k.ord DESC LIMIT 1)
WHERE scan_id = $1 AND root = $3 AND digest IS NULL`, m.to, m.from, m.root); err != nil {
			return fmt.Errorf("objects: moving digests: %w", err)
		}
		a := append([]any{m.to, moved[0][0], moved[0][1], moved[1][0], moved[1][1], m.from, m.root}, args...)
		if _, err := tx.ExecContext(ctx, `UPDATE objects SET kept_scan = $1, findings_from = $2, findings_to = $3, problems_from = $4, problems_to = $5
WHERE kept_scan = $6 AND root = $7 AND name = root AND scan_id NOT IN (`+shifted(len(ids), 7)+`)`, a...); err != nil {
			return fmt.Errorf("objects: %w", err)
		}
	}
	return nil
}

// rehomeHoldings moves the holdings rows of places that scans outside ids
// reference in scans in ids (objects.holdings_scan) into the newest
// finished scan that references each place, numbered after its own rows,
// and points every other referencing row there: see holdingRefs.
func rehomeHoldings(ctx context.Context, tx *sql.Tx, ids []int64) error {
	in, args := inList(ids)
	rows, err := tx.QueryContext(ctx, `SELECT o.holdings_scan, o.name, max(o.scan_id)
FROM objects o JOIN scans s ON s.id = o.scan_id
WHERE o.holdings_scan IN (`+in+`) AND o.scan_id NOT IN (`+in+`) AND s.finished IS NOT NULL
GROUP BY o.holdings_scan, o.name`, args...)
	if err != nil {
		return err
	}
	type move struct {
		from, to int64
		place    string
	}
	var moves []move
	for rows.Next() {
		var m move
		if err := rows.Scan(&m.from, &m.place, &m.to); err != nil {
			rows.Close()
			return err
		}
		moves = append(moves, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, m := range moves {
		var last int64
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(ord), -1) FROM holdings WHERE scan_id = $1`, m.to).Scan(&last); err != nil {
			return fmt.Errorf("holdings: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE holdings SET scan_id = $1, ord = ord + $2 WHERE scan_id = $3 AND place = $4`,
			m.to, last+1, m.from, m.place); err != nil {
			return fmt.Errorf("holdings: %w", err)
		}
		// The rows are the newest referencing scan's own now, and the
		// others' to reference.
		if _, err := tx.ExecContext(ctx, `UPDATE objects SET holdings_scan = NULL WHERE scan_id = $1 AND name = $2 AND holdings_scan = $3`,
			m.to, m.place, m.from); err != nil {
			return fmt.Errorf("objects: %w", err)
		}
		a := append([]any{m.to, m.from, m.place}, args...)
		if _, err := tx.ExecContext(ctx, `UPDATE objects SET holdings_scan = $1
WHERE holdings_scan = $2 AND name = $3 AND scan_id NOT IN (`+shifted(len(ids), 3)+`)`, a...); err != nil {
			return fmt.Errorf("objects: %w", err)
		}
	}
	return nil
}

// shifted returns "$k+1, …, $k+n".
func shifted(n, k int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("$" + strconv.Itoa(k+i+1))
	}
	return b.String()
}

// inList returns "$1, $2, …" for ids, and ids as arguments.
func inList[T any](ids []T) (string, []any) {
	var b strings.Builder
	args := make([]any, len(ids))
	for i, id := range ids {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("$" + strconv.Itoa(i+1))
		args[i] = id
	}
	return b.String(), args
}

// vacuum gives the space of deleted rows back: see PruneOptions.Vacuum.
func (s *Store) vacuum(ctx context.Context) error {
	if s.dialect == sqliteDialect {
		if _, err := s.db.ExecContext(ctx, `VACUUM`); err != nil {
			return s.errorf("vacuum: %w", err)
		}
		// VACUUM wrote the whole new file through the log: empty it.
		if err := s.truncateLog(ctx); err != nil {
			return s.errorf("vacuum: %w", err)
		}
		return nil
	}
	if _, err := s.db.ExecContext(ctx, `VACUUM scans, `+strings.Join(prunedTables, ", ")); err != nil {
		return s.errorf("vacuum: %w", err)
	}
	return nil
}
