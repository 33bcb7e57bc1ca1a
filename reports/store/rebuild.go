package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/pmscan/pmscan/reports/inventory"
	"github.com/pmscan/pmscan/reports/policy"
	"github.com/pmscan/pmscan/scanner"
)

// Rebuild makes an inventory of a scan that never recorded its end, from
// what the store holds of it: its kept findings and its problems, counted
// under pol. The scan is taken as interrupted at its last heartbeat (now
// if it has none), every target whose walk did not end as interrupted.
// The findings a scan keeps are a sample (at most -keep-findings per
// place, column and type), so the counts are lower bounds.
func (s *Store) Rebuild(ctx context.Context, sc *Scan, pol *policy.Policy) (*inventory.Inventory, error) {
	b := inventory.NewBuilder(pol)
	sum := scanner.Summary{Started: sc.Info.Started, Finished: sc.Heartbeat, Interrupted: true, ByType: map[string]int64{}}
	if sum.Finished.IsZero() {
		sum.Finished = time.Now()
	}
	for f, err := range s.Findings(ctx, sc.ID) {
		if err != nil {
			return nil, err
		}
		if err := b.Finding(&f); err != nil {
			return nil, fmt.Errorf("scan %d: rebuilding the inventory: %w", sc.ID, err)
		}
		sum.Findings++
		sum.ByType[f.Type]++
	}
	for p, err := range s.Problems(ctx, sc.ID) {
		if err != nil {
			return nil, err
		}
		if err := b.Problem(p); err != nil {
			return nil, fmt.Errorf("scan %d: rebuilding the inventory: %w", sc.ID, err)
		}
		if p.Skipped {
			sum.Skipped++
		} else {
			sum.Failed++
		}
	}
	for _, t := range sc.Targets {
		r := scanner.TargetResult{Name: t.Name}
		switch t.Status {
		case StatusOK:
		case StatusFailed:
			r.Err = errors.New(t.Error)
		default:
			r.Err = scanner.ErrInterrupted
		}
		sum.Targets = append(sum.Targets, r)
	}
	return b.Build(&sum), nil
}
