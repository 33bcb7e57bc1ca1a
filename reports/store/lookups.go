package store

import (
	"context"
	"encoding/json"
	"time"
)

// Lookup statuses: how a lookup ended.
const (
	LookupComplete    = "complete"
	LookupIncomplete  = "incomplete" // something could not be searched
	LookupInterrupted = "interrupted"
	LookupFailed      = "failed"
)

// Lookup is one disclosure lookup in the audit trail: never the values
// given, only their kinds and keyed hashes (the key lives outside the
// store).
type Lookup struct {
	ID                int64
	Started, Finished time.Time
	Status            string
	Kinds             []string // the kinds of identifier given
	QueryHashes       []string // "kind:hex", keyed hashes of the folded identifiers
	Targets           []string // the stores searched, credentials redacted
	Matches           int64
	Possible          int64 // possible matches: the name alone
	NearMisses        int64
	NotSearched       int64 // objects and items that could not be searched
}

// RecordLookup adds l to the audit trail and returns its ID.
func (s *Store) RecordLookup(ctx context.Context, l Lookup) (int64, error) {
	kinds, err := json.Marshal(nonNil(l.Kinds))
	if err != nil {
		return 0, err
	}
	hashes, err := json.Marshal(nonNil(l.QueryHashes))
	if err != nil {
		return 0, err
	}
	targets, err := json.Marshal(nonNil(l.Targets))
	if err != nil {
		return 0, err
	}
	var id int64
	err = s.db.QueryRowContext(ctx, `INSERT INTO lookups (started, finished, status, kinds, query_hashes, targets, matches, possible, near_misses, not_searched)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
		dbTime(l.Started), dbTime(l.Finished), l.Status, string(kinds), string(hashes), string(targets),
		l.Matches, l.Possible, l.NearMisses, l.NotSearched).Scan(&id)
	if err != nil {
		return 0, s.errorf("recording the lookup: %w", err)
	}
	return id, nil
}

// Lookups returns the latest limit lookups (all when limit <= 0), newest
// first.
func (s *Store) Lookups(ctx context.Context, limit int) ([]Lookup, error) {
	q := `SELECT id, started, finished, status, kinds, query_hashes, targets, matches, possible, near_misses, not_searched FROM lookups ORDER BY id DESC`
	var args []any
	if limit > 0 {
		q += ` LIMIT $1`
		args = append(args, limit)
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, s.errorf("listing lookups: %w", err)
	}
	defer rows.Close()
	out := []Lookup{}
	for rows.Next() {
		var (
			l                      Lookup
			kinds, hashes, targets string
		)
		if err := rows.Scan(&l.ID, &l.Started, &l.Finished, &l.Status, &kinds, &hashes, &targets, &l.Matches, &l.Possible, &l.NearMisses, &l.NotSearched); err != nil {
			return nil, s.errorf("listing lookups: %w", err)
		}
		for _, f := range []struct {
			text string
			into *[]string
		}{{kinds, &l.Kinds}, {hashes, &l.QueryHashes}, {targets, &l.Targets}} {
			if err := json.Unmarshal([]byte(f.text), f.into); err != nil {
				return nil, s.errorf("lookup %d: %w", l.ID, err)
			}
		}
		l.Started, l.Finished = l.Started.UTC(), l.Finished.UTC()
		out = append(out, l)
	}
	if err := rows.Err(); err != nil {
		return nil, s.errorf("listing lookups: %w", err)
	}
	return out, nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
