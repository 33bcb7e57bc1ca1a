package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/pmscan/pmscan/reports/inventory"
)

// readHoldings reads the holdings of scan id: an inventory stored since
// migration 0005 keeps them in the holdings table alone ("holdings": null
// in its JSON). The view scan_holdings (0006) is what they are: the
// scan's own rows and those of the scans its carried objects reference
// (holdingRefs); reports and SQL read the same.
func (s *Store) readHoldings(ctx context.Context, id int64) ([]inventory.Holding, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT store, place, column_name, item_id, item, class, types,
	findings, distinct_values, high, medium, low, oldest, newest, sampled, declared, examples
FROM scan_holdings WHERE scan_id = $1`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	hs := []inventory.Holding{}
	for rows.Next() {
		var (
			h              inventory.Holding
			types          string
			examples       sql.NullString
			oldest, newest sql.NullTime
		)
		if err := rows.Scan(&h.Store, &h.Name, &h.Column, &h.ItemID, &h.Item, &h.Class, &types,
			&h.Findings, &h.Distinct, &h.High, &h.Medium, &h.Low, &oldest, &newest, &h.Sampled, &h.Declared, &examples); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(types), &h.Types); err != nil {
			return nil, fmt.Errorf("holding %d: types: %w", len(hs), err)
		}
		if !examples.Valid {
			return nil, fmt.Errorf("holding %d has no examples: the scan was stored without them", len(hs))
		}
		if err := json.Unmarshal([]byte(examples.String), &h.Examples); err != nil {
			return nil, fmt.Errorf("holding %d: examples: %w", len(hs), err)
		}
		h.Oldest, h.Newest = utcPtr(oldest), utcPtr(newest)
		hs = append(hs, h)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	slices.SortFunc(hs, func(x, y inventory.Holding) int { return inventory.CompareHoldings(&x, &y) })
	return hs, nil
}

func utcPtr(t sql.NullTime) *time.Time {
	if !t.Valid {
		return nil
	}
	u := t.Time.UTC()
	return &u
}
