package store

import (
	"context"
	"database/sql"
	"encoding/json"
)

// DistributedArgs returns the command-line arguments of distributed scan
// id, which its workers scan each unit with, and its targets' names.
func (s *Store) DistributedArgs(ctx context.Context, id int64) (args, targets []string, err error) {
	var raw sql.NullString
	if err := s.db.QueryRowContext(ctx, `SELECT args FROM scans WHERE id = $1`, id).Scan(&raw); err != nil {
		return nil, nil, s.errorf("scan %d: %w", id, err)
	}
	if !raw.Valid {
		return nil, nil, s.errorf("scan %d is no distributed scan: %w", id, ErrNotFound)
	}
	if err := json.Unmarshal([]byte(raw.String), &args); err != nil {
		return nil, nil, s.errorf("scan %d: its arguments: %w", id, err)
	}
	targets, err = s.targetNames(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	return args, targets, nil
}
