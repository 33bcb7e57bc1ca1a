package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/pmscan/pmscan/connectors/files"
	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/detectors/all"
	"github.com/pmscan/pmscan/reports/inventory"
	"github.com/pmscan/pmscan/reports/policy"
	"github.com/pmscan/pmscan/scanner"
)

// TestRunsStandForTheRowsTheyReplace: scans of the demo tree, full then
// incremental (unchanged; with a file changed, one deleted and one added;
// unchanged again), stored at once in a store whose baseline they carry objects
// from, which writes runs, and in another, which cannot and writes rows
// of their own, give the same rows in scan_objects; and the runs stand
// for every row of the scan of the unchanged tree.
func TestRunsStandForTheRowsTheyReplace(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			runs, rows := open(t, b.dsn(t)), open(t, b.dsn(t))
			dir := t.TempDir()
			if err := os.CopyFS(dir, os.DirFS("../../testdata/demo")); err != nil {
				t.Fatal(err)
			}
			start := time.Date(2026, 12, 1, 2, 0, 0, 0, time.UTC)
			scanTree(t, dir, start, runs, rows)
			id := scanTree(t, dir, start.Add(24*time.Hour), runs, rows)
			if n := count(t, runs, `SELECT count(*) FROM objects WHERE scan_id = $1`, id); n != 0 {
				t.Errorf("the scan of the unchanged tree wrote %d rows of its own, want none: runs stand for them", n)
			}
			if n := count(t, runs, `SELECT count(*) FROM carried_runs WHERE scan_id = $1`, id); n == 0 {
				t.Error("the scan of the unchanged tree wrote no runs")
			}
			if n := count(t, rows, `SELECT count(*) FROM carried_runs`); n != 0 {
				t.Errorf("the store the baseline is not from wrote %d runs", n)
			}
			if err := os.WriteFile(filepath.Join(dir, "memo.txt"), []byte("担当: 山田 花子 hanako.yamada@example.co.jp 090-1234-5678\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Remove(filepath.Join(dir, "orders.json")); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "added.txt"), []byte("連絡先: runs.test@example.co.jp\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			scanTree(t, dir, start.Add(48*time.Hour), runs, rows)
			// Carrying what the last scan read, and why.
			scanTree(t, dir, start.Add(72*time.Hour), runs, rows)
			withRuns, without := scanObjects(t, runs), scanObjects(t, rows)
			if len(withRuns) != len(without) {
				t.Fatalf("%d rows with runs, %d without", len(withRuns), len(without))
			}
			for i := range withRuns {
				if !reflect.DeepEqual(withRuns[i], without[i]) {
					t.Errorf("row %d\nwith runs: %v\nwithout:   %v", i, withRuns[i], without[i])
				}
			}
		})
	}
}

// scanObjects returns the rows of scan_objects, each column as text.
func scanObjects(t *testing.T, s *Store) [][]string {
	t.Helper()
	rows, err := s.db.Query(`SELECT ` + strings.Join(objectsTable.cols, ", ") + ` FROM scan_objects ORDER BY scan_id, ord`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out [][]string
	for rows.Next() {
		vals := make([]any, len(objectsTable.cols))
		ptrs := make([]any, len(vals))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		row := make([]string, len(vals))
		for i, v := range vals {
			switch v := v.(type) {
			case time.Time:
				row[i] = v.UTC().Format(time.RFC3339Nano)
			case []byte:
				row[i] = string(v)
			default:
				row[i] = fmt.Sprint(v)
			}
		}
		out = append(out, row)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// scanTree scans dir as pmscan scan does: incrementally from the
// target's earlier scans in s, with their digests, into s and also into
// each of also, and returns the scan's ID, the same in each.
func scanTree(t *testing.T, dir string, started time.Time, s *Store, also ...*Store) int64 {
	t.Helper()
	ctx := context.Background()
	const reading = "runs test"
	info := ScanInfo{Targets: []string{dir}, Started: started, Reading: reading}
	id, err := s.BeginScan(ctx, info)
	if err != nil {
		t.Fatal(err)
	}
	sinks := []*ScanSink{}
	for _, st := range append([]*Store{s}, also...) {
		if st != s {
			if other, err := st.BeginScan(ctx, info); err != nil || other != id {
				t.Fatalf("scan %d in the other store: %v", other, err)
			}
		}
	}
	target := scanner.Target{Name: dir}
	if target.Conn, err = (files.Factory{}).Open(ctx, dir); err != nil {
		t.Fatal(err)
	}
	b, err := s.Baseline(ctx, BaselineOptions{Target: dir, Reading: reading, Exclude: id, Now: started})
	if err != nil {
		t.Fatal(err)
	}
	if b != nil {
		target.Baseline = b
	}
	set, err := detectors.NewSet(all.Detectors())
	if err != nil {
		t.Fatal(err)
	}
	builder := inventory.NewBuilder(policy.Default(all.PolicyTypes()))
	builder.EnableDigests()
	tee := []scanner.Sink{builder}
	for _, st := range append([]*Store{s}, also...) {
		sink := st.SinkWith(ctx, id, SinkOptions{Digests: builder})
		sinks = append(sinks, sink)
		tee = append(tee, sink)
	}
	sum, err := scanner.Run(ctx, scanner.Options{Detectors: set, Concurrency: 2}, []scanner.Target{target}, scanner.Tee(tee...))
	if err != nil {
		t.Fatal(err)
	}
	inv := builder.Build(sum)
	for _, sink := range sinks {
		if err := sink.Close(sum, inv); err != nil {
			t.Fatal(err)
		}
	}
	return id
}
