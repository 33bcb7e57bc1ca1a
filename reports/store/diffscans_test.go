package store

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/pmscan/pmscan/scanner"
)

// TestDiffPair: pmscan diff's default pair is the newest finished scan and
// the newest finished one before it of the same set of targets (or, with
// a target, that includes it); unfinished scans and scans of a subset or
// a superset of the targets are passed over. On SQLite and PostgreSQL.
func TestDiffPair(t *testing.T) {
	forEach(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn)
		if _, _, err := s.DiffPair(ctx, ""); !errors.Is(err, ErrNotFound) {
			t.Errorf("DiffPair of an empty store = %v, want ErrNotFound", err)
		}
		start := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
		scanOf := func(finished bool, targets ...string) int64 {
			t.Helper()
			id, err := s.BeginScan(ctx, ScanInfo{Targets: targets, Started: start})
			if err != nil {
				t.Fatal(err)
			}
			start = start.Add(time.Hour)
			if finished {
				if err := s.Sink(ctx, id).Close(&scanner.Summary{Started: start, Finished: start.Add(time.Minute)}, nil); err != nil {
					t.Fatal(err)
				}
			} else if _, err := s.db.ExecContext(ctx, `UPDATE scans SET heartbeat = $2 WHERE id = $1`, id, start); err != nil {
				t.Fatal(err) // abandoned long ago, so that scans of its targets may run
			}
			return id
		}
		scanOf(true, "a", "b") // 1
		if _, _, err := s.DiffPair(ctx, ""); !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), "no finished scan of the same targets before scan 1") {
			t.Errorf("DiffPair with one scan = %v, want ErrNotFound saying so", err)
		}
		scanOf(true, "c")           // 2
		scanOf(true, "b", "a")      // 3: the same set, in another order
		scanOf(false, "a", "b")     // 4: never finished
		scanOf(true, "a")           // 5: a subset
		scanOf(true, "a", "b", "c") // 6: a superset
		scanOf(true, "a", "b")      // 7

		for _, tc := range []struct {
			target   string
			from, to int64
		}{
			{"", 3, 7},
			{"a", 6, 7},
			{"b", 6, 7},
			{"c", 2, 6},
		} {
			from, to, err := s.DiffPair(ctx, tc.target)
			if err != nil || from != tc.from || to != tc.to {
				t.Errorf("DiffPair(%q) = %d, %d, %v; want %d, %d", tc.target, from, to, err, tc.from, tc.to)
			}
		}
		for _, tc := range []struct {
			id     int64
			target string
			want   int64 // 0: ErrNotFound
		}{
			{3, "", 1},
			{1, "", 0},
			{6, "", 0}, // no earlier scan of a, b and c
			{5, "", 0}, // no earlier scan of a alone
			{4, "", 3}, // an unfinished scan has its predecessor too
			{7, "a", 6},
			{5, "a", 3},
			{2, "c", 0},
			{1, "a", 0},
			{99, "", 0}, // no such scan
		} {
			got, err := s.PreviousScan(ctx, tc.id, tc.target)
			switch {
			case tc.want == 0 && !errors.Is(err, ErrNotFound):
				t.Errorf("PreviousScan(%d, %q) = %d, %v; want ErrNotFound", tc.id, tc.target, got, err)
			case tc.want != 0 && (err != nil || got != tc.want):
				t.Errorf("PreviousScan(%d, %q) = %d, %v; want %d", tc.id, tc.target, got, err, tc.want)
			}
		}
		if _, _, err := s.DiffPair(ctx, "nowhere"); !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), "nowhere") {
			t.Errorf("DiffPair of a target never scanned = %v, want ErrNotFound naming it", err)
		}
		if id, err := s.LatestScanOf(ctx, "c"); err != nil || id != 6 {
			t.Errorf("LatestScanOf(c) = %d, %v; want 6", id, err)
		}
	})
}
