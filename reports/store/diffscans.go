package store

import (
	"context"
	"database/sql"
	"slices"
)

// DiffPair finds the two scans pmscan diff compares by default: to is the
// newest finished scan (one that recorded its end, interrupted or not) and
// from the newest finished scan before it with the same targets (see
// PreviousScan). With target, to is the newest finished scan that has
// target among its targets, and from the newest earlier one that has it
// too. The error wraps ErrNotFound when either is missing.
func (s *Store) DiffPair(ctx context.Context, target string) (from, to int64, err error) {
	if to, err = s.LatestScanOf(ctx, target); err != nil {
		return 0, 0, err
	}
	if from, err = s.PreviousScan(ctx, to, target); err != nil {
		return 0, 0, err
	}
	return from, to, nil
}

// LatestScanOf returns the newest finished scan with target among its
// targets, as they are stored (as 'pmscan scans' lists them); with target
// "", the newest finished scan (LatestScan).
func (s *Store) LatestScanOf(ctx context.Context, target string) (int64, error) {
	if target == "" {
		return s.LatestScan(ctx)
	}
	var id sql.NullInt64
	err := s.db.QueryRowContext(ctx, `SELECT max(s.id) FROM scans s JOIN scan_targets t ON t.scan_id = s.id
WHERE s.finished IS NOT NULL AND s.parent_id IS NULL AND t.name = $1`, target).Scan(&id)
	if err != nil {
		return 0, s.errorf("finding the latest scan of %s: %w", target, err)
	}
	if !id.Valid {
		return 0, s.errorf("no finished scan of %s ('pmscan scans' lists the scans and their targets): %w", target, ErrNotFound)
	}
	return id.Int64, nil
}

// PreviousScan returns the newest finished scan before scan id whose
// targets are the same as id's, in any order; with target, the newest
// finished scan before id that has target among its targets. The error
// wraps ErrNotFound when there is none, or when there is no scan id.
func (s *Store) PreviousScan(ctx context.Context, id int64, target string) (int64, error) {
	want, err := s.targetNames(ctx, id)
	if err != nil {
		return 0, err
	}
	if target != "" {
		var prev sql.NullInt64
		err := s.db.QueryRowContext(ctx, `SELECT max(s.id) FROM scans s JOIN scan_targets t ON t.scan_id = s.id
WHERE s.finished IS NOT NULL AND s.parent_id IS NULL AND s.id < $1 AND t.name = $2`, id, target).Scan(&prev)
		if err != nil {
			return 0, s.errorf("finding the scan of %s before scan %d: %w", target, id, err)
		}
		if !prev.Valid {
			return 0, s.errorf("no finished scan of %s before scan %d: %w", target, id, ErrNotFound)
		}
		return prev.Int64, nil
	}
	want = targetSet(want)
	// Newest first, each scan's targets together: the first whose set is
	// want's ends the walk, so that only the scans after it are read.
	rows, err := s.db.QueryContext(ctx, `SELECT s.id, t.name FROM scans s LEFT JOIN scan_targets t ON t.scan_id = s.id
WHERE s.finished IS NOT NULL AND s.parent_id IS NULL AND s.id < $1 ORDER BY s.id DESC, t.ord`, id)
	if err != nil {
		return 0, s.errorf("finding the scan before scan %d: %w", id, err)
	}
	defer rows.Close()
	var (
		cur   int64 = -1
		names []string
	)
	for rows.Next() {
		var (
			sid  int64
			name sql.NullString
		)
		if err := rows.Scan(&sid, &name); err != nil {
			return 0, s.errorf("finding the scan before scan %d: %w", id, err)
		}
		if sid != cur {
			if cur >= 0 && slices.Equal(targetSet(names), want) {
				return cur, nil
			}
			cur, names = sid, names[:0]
		}
		if name.Valid {
			names = append(names, name.String)
		}
	}
	if err := rows.Err(); err != nil {
		return 0, s.errorf("finding the scan before scan %d: %w", id, err)
	}
	if cur >= 0 && slices.Equal(targetSet(names), want) {
		return cur, nil
	}
	return 0, s.errorf("no finished scan of the same targets before scan %d: %w", id, ErrNotFound)
}

// targetNames returns the targets of scan id, or an error wrapping
// ErrNotFound when the store has no scan id.
func (s *Store) targetNames(ctx context.Context, id int64) ([]string, error) {
	if err := s.exists(ctx, id); err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT name FROM scan_targets WHERE scan_id = $1 ORDER BY ord`, id)
	if err != nil {
		return nil, s.errorf("scan %d: reading targets: %w", id, err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, s.errorf("scan %d: reading targets: %w", id, err)
		}
		names = append(names, n)
	}
	if err := rows.Err(); err != nil {
		return nil, s.errorf("scan %d: reading targets: %w", id, err)
	}
	return names, nil
}

// targetSet sorts names in place and drops repeats: a scan of a b is a
// scan of b a.
func targetSet(names []string) []string {
	slices.Sort(names)
	return slices.Compact(names)
}

// PreviousWalked returns the newest scan before scan id that walked target
// to the end: finished, not interrupted, the target read. What a scheduled
// scan finds new is new since then; an interrupted scan's partial
// inventory would make the rest look new. The error wraps ErrNotFound
// when there is none.
func (s *Store) PreviousWalked(ctx context.Context, id int64, target string) (int64, error) {
	var prev sql.NullInt64
	err := s.db.QueryRowContext(ctx, `SELECT max(s.id) FROM scans s JOIN scan_targets t ON t.scan_id = s.id
WHERE s.finished IS NOT NULL AND s.parent_id IS NULL AND NOT s.interrupted AND s.id < $1 AND t.name = $2 AND t.status = $3`, id, target, StatusOK).Scan(&prev)
	if err != nil {
		return 0, s.errorf("finding the scan of %s before scan %d: %w", target, id, err)
	}
	if !prev.Valid {
		return 0, s.errorf("no complete scan of %s before scan %d: %w", target, id, ErrNotFound)
	}
	return prev.Int64, nil
}

// LatestRun returns the newest scan that has target among its targets,
// whatever its state: running, finished or stopped. The error wraps
// ErrNotFound when there is none.
func (s *Store) LatestRun(ctx context.Context, target string) (*Scan, error) {
	var id sql.NullInt64
	err := s.db.QueryRowContext(ctx, `SELECT max(s.id) FROM scans s JOIN scan_targets t ON t.scan_id = s.id WHERE t.name = $1 AND s.parent_id IS NULL`, target).Scan(&id)
	if err != nil {
		return nil, s.errorf("finding the latest scan of %s: %w", target, err)
	}
	if !id.Valid {
		return nil, s.errorf("no scan of %s: %w", target, ErrNotFound)
	}
	return s.Scan(ctx, id.Int64)
}
