package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/pmscan/pmscan/reports/inventory"
)

// readFlags reads the conformance flags of scan id from the flags table,
// in order: an inventory stored from now on has "flags": null in its JSON
// and its flags there alone, as its holdings (readHoldings). A scan of
// many small files raises thousands of flags, and keeping them twice cost
// every scan's end the encoding of megabytes of JSON.
func (s *Store) readFlags(ctx context.Context, id int64) ([]inventory.Flag, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT severity, rule, item_id, item, class, store, place, column_name, findings, message, readers, items
FROM flags WHERE scan_id = $1 ORDER BY ord`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	fs := []inventory.Flag{}
	for rows.Next() {
		var (
			f       inventory.Flag
			sev     string
			readers sql.NullString
			items   sql.NullString
		)
		if err := rows.Scan(&sev, &f.Rule, &f.ItemID, &f.Item, &f.Class, &f.Store, &f.Name, &f.Column, &f.Findings, &f.Message, &readers, &items); err != nil {
			return nil, err
		}
		for _, l := range []struct {
			col sql.NullString
			to  *[]string
		}{{readers, &f.Readers}, {items, &f.Items}} {
			if l.col.Valid {
				if err := json.Unmarshal([]byte(l.col.String), l.to); err != nil {
					return nil, fmt.Errorf("flag %d: %w", len(fs), err)
				}
			}
		}
		if err := f.Severity.UnmarshalText([]byte(sev)); err != nil {
			return nil, err
		}
		fs = append(fs, f)
	}
	return fs, rows.Err()
}
