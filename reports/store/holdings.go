package store

import (
	"cmp"
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
// in its JSON), the scan's own rows and, since 0006, the rows of the
// scans its carried objects reference (holdingRefs), in Build's order.
func (s *Store) readHoldings(ctx context.Context, id int64) ([]inventory.Holding, error) {
	hs := []inventory.Holding{}
	own := map[string]bool{}
	err := s.scanHoldings(ctx, `SELECT `+holdingColumns+` FROM holdings h WHERE h.scan_id = $1 ORDER BY h.ord`, id, func(h inventory.Holding) {
		own[h.Name] = true
		hs = append(hs, h)
	})
	if err != nil {
		return nil, err
	}
	err = s.scanHoldings(ctx, `SELECT `+holdingColumns+` FROM (SELECT DISTINCT name, holdings_scan FROM objects WHERE scan_id = $1 AND holdings_scan > 0) o
JOIN holdings h ON h.scan_id = o.holdings_scan AND h.place = o.name ORDER BY h.scan_id, h.ord`, id, func(h inventory.Holding) {
		if !own[h.Name] {
			hs = append(hs, h)
		}
	})
	if err != nil {
		return nil, err
	}
	// Own rows are in order, but for those prune moved in
	// (rehomeHoldings); referenced ones come after.
	slices.SortStableFunc(hs, func(x, y inventory.Holding) int {
		return cmp.Or(cmp.Compare(x.Name, y.Name), cmp.Compare(x.Column, y.Column), cmp.Compare(x.Item, y.Item))
	})
	return hs, nil
}

const holdingColumns = `h.store, h.place, h.column_name, h.item_id, h.item, h.class, h.types,
	h.findings, h.distinct_values, h.high, h.medium, h.low, h.oldest, h.newest, h.sampled, h.declared, h.examples`

// scanHoldings reads the holdings query gives, its one argument id.
func (s *Store) scanHoldings(ctx context.Context, query string, id int64, each func(inventory.Holding)) error {
	rows, err := s.db.QueryContext(ctx, query, id)
	if err != nil {
		return err
	}
	defer rows.Close()
	for n := 0; rows.Next(); n++ {
		var (
			h              inventory.Holding
			types          string
			examples       sql.NullString
			oldest, newest sql.NullTime
		)
		if err := rows.Scan(&h.Store, &h.Name, &h.Column, &h.ItemID, &h.Item, &h.Class, &types,
			&h.Findings, &h.Distinct, &h.High, &h.Medium, &h.Low, &oldest, &newest, &h.Sampled, &h.Declared, &examples); err != nil {
			return err
		}
		if err := json.Unmarshal([]byte(types), &h.Types); err != nil {
			return fmt.Errorf("holding %d: types: %w", n, err)
		}
		if !examples.Valid {
			return fmt.Errorf("holding %d has no examples: the scan was stored without them", n)
		}
		if err := json.Unmarshal([]byte(examples.String), &h.Examples); err != nil {
			return fmt.Errorf("holding %d: examples: %w", n, err)
		}
		h.Oldest, h.Newest = utcPtr(oldest), utcPtr(newest)
		each(h)
	}
	return rows.Err()
}

func utcPtr(t sql.NullTime) *time.Time {
	if !t.Valid {
		return nil
	}
	u := t.Time.UTC()
	return &u
}
