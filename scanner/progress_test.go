package scanner_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/connectors/files"
	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/detectors/all"
	"github.com/pmscan/pmscan/scanner"
)

// xDetector reports every X.
type xDetector struct{}

func (xDetector) Type() string       { return "letter_x" }
func (xDetector) Keywords() []string { return nil }
func (xDetector) Find(t *detectors.Text) []detectors.Candidate {
	var out []detectors.Candidate
	for i := 0; i < len(t.Norm); i++ {
		if t.Norm[i] == 'X' {
			out = append(out, detectors.Candidate{Start: i, End: i + 1})
		}
	}
	return out
}
func (xDetector) Judge(detectors.Candidate, *detectors.Text) detectors.Verdict {
	return detectors.Verdict{Confidence: detectors.High}
}

// walked is a connector that walks a fixed list of records and errors.
type walked struct {
	recs []connectors.Record
	errs map[int]error // by index in recs
	fail error         // returned by Walk after the records
}

func (c *walked) Walk(ctx context.Context, fn connectors.WalkFunc) error {
	for i, r := range c.recs {
		if err := fn(r, c.errs[i]); err != nil {
			return err
		}
	}
	return c.fail
}
func (c *walked) Close() error { return nil }

// fileRecords is n files of lines records each, every record "ab X", and a
// Done per file of size bytes.
func fileRecords(n, lines int, size int64) []connectors.Record {
	var recs []connectors.Record
	for f := range n {
		o := connectors.NewFile(fmt.Sprintf("f%d.txt", f))
		for l := range lines {
			recs = append(recs, connectors.Record{Loc: connectors.Location{Object: o, Line: int64(l + 1)}, Data: []byte("ab X")})
		}
		recs = append(recs, connectors.End(o, connectors.ObjectStats{Bytes: size, Format: "text"}))
	}
	return recs
}

// tableRecords reads a table of rows rows and cols columns whose every
// value is "X": keyed rows carry Location.Row, keyless ones RowNumber. Rows
// listed in empty have no value, so no record, as sqldb does for NULLs.
// Without end the table has no terminal record: the caller adds one.
func tableRecords(db, table string, rows, cols int, keyed bool, empty map[int]bool, end bool) []connectors.Record {
	tbl := connectors.NewTable("postgres", "db:5432", db, table)
	base := connectors.At(tbl)
	var recs []connectors.Record
	for r := range rows {
		if empty[r] {
			continue
		}
		loc := base
		if keyed {
			loc.Row = connectors.RowKey(fmt.Sprintf(`{"id":%d}`, r+1))
		} else {
			loc.RowNumber = int64(r + 1)
		}
		for c := range cols {
			loc.Column = fmt.Sprintf("c%d", c)
			recs = append(recs, connectors.Record{Loc: loc, Data: []byte("X")})
		}
	}
	if end {
		recs = append(recs, connectors.End(tbl, connectors.ObjectStats{Bytes: int64(rows * cols), Format: "table", Rows: int64(rows)}))
	}
	return recs
}

// interleave mixes the records of two tables in runs of n, as a database
// connector reading both at once hands over its batches.
func interleave(a, b []connectors.Record, n int) []connectors.Record {
	var out []connectors.Record
	for len(a) > 0 || len(b) > 0 {
		k := min(n, len(a))
		out, a = append(out, a[:k]...), a[k:]
		k = min(n, len(b))
		out, b = append(out, b[:k]...), b[k:]
	}
	return out
}

func TestProgressCounts(t *testing.T) {
	// 2 columns a row: runs of 6 records end on row boundaries.
	users := tableRecords("shop", "public.users", 1000, 2, true, map[int]bool{5: true, 999: true}, true)
	logs := tableRecords("shop", "public.logs", 700, 2, false, nil, true)
	failed := tableRecords("shop", "public.broken", 40, 3, true, nil, false)
	failed = append(failed, connectors.End(failed[0].Loc.Object, connectors.ObjectStats{}))
	// The same table and keys in another database: not the same rows.
	other := tableRecords("shop2", "public.users", 10, 1, true, nil, true)

	tests := []struct {
		name    string
		targets []scanner.Target
		want    scanner.ProgressSnapshot
	}{{
		name:    "files",
		targets: []scanner.Target{{Name: "/data", Conn: &walked{recs: fileRecords(30, 100, 1234)}}},
		want:    scanner.ProgressSnapshot{Target: "/data", Objects: 30, Bytes: 30 * 100 * 4, Findings: 3000},
	}, {
		name: "problems",
		targets: []scanner.Target{{Name: "/data", Conn: &walked{
			recs: fileRecords(2, 1, 10),
			errs: map[int]error{0: connectors.Skip("binary content"), 2: errors.New("open: permission denied")},
		}}},
		// Both files' Done records still come; the problems' Data is not read.
		want: scanner.ProgressSnapshot{Target: "/data", Objects: 2, Skipped: 1, Failed: 1},
	}, {
		name:    "keyed table with empty rows",
		targets: []scanner.Target{{Name: "postgres://db/shop", Conn: &walked{recs: users}}},
		want:    scanner.ProgressSnapshot{Target: "postgres://db/shop", Objects: 1, Rows: 1000, Bytes: 998 * 2, Findings: 998 * 2},
	}, {
		name:    "interleaved tables",
		targets: []scanner.Target{{Name: "postgres://db/shop", Conn: &walked{recs: interleave(users, logs, 6)}}},
		want:    scanner.ProgressSnapshot{Target: "postgres://db/shop", Objects: 2, Rows: 1700, Bytes: 998*2 + 1400, Findings: 998*2 + 1400},
	}, {
		name: "failed table and two targets",
		targets: []scanner.Target{
			{Name: "postgres://db/shop", Conn: &walked{recs: append(failed, users...), errs: map[int]error{120: errors.New("read table: connection lost")}}},
			{Name: "postgres://db/shop2", Conn: &walked{recs: other}},
		},
		want: scanner.ProgressSnapshot{Target: "postgres://db/shop2", Objects: 2, Rows: 40 + 1000 + 10, Bytes: 120 + 998*2 + 10, Findings: 120 + 998*2 + 10, Failed: 1},
	}}
	set, err := detectors.NewSet([]detectors.Detector{xDetector{}})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &scanner.Progress{}
			// Read it while it runs, as the display does: -race checks it.
			stop := make(chan struct{})
			watched := make(chan struct{})
			go func() {
				defer close(watched)
				for {
					select {
					case <-stop:
						return
					default:
						p.Snapshot()
						time.Sleep(50 * time.Microsecond)
					}
				}
			}()
			sum, err := scanner.Run(context.Background(), scanner.Options{Detectors: set, Concurrency: 2, BatchBytes: 256, Progress: p}, tt.targets, discard{})
			close(stop)
			<-watched
			if err != nil {
				t.Fatal(err)
			}
			got := p.Snapshot()
			if got != tt.want {
				t.Errorf("progress:\n got  %+v\n want %+v", got, tt.want)
			}
			if got.Objects != sum.Objects || got.Findings != sum.Findings || got.Skipped != sum.Skipped || got.Failed != sum.Failed {
				t.Errorf("progress %+v disagrees with the summary %+v", got, sum)
			}
			if got.Rows < sum.Rows {
				t.Errorf("progress counted %d rows, the summary %d", got.Rows, sum.Rows)
			}
		})
	}
}

func TestProgressNilCountsNothing(t *testing.T) {
	set, err := detectors.NewSet([]detectors.Detector{xDetector{}})
	if err != nil {
		t.Fatal(err)
	}
	sum, err := scanner.Run(context.Background(), scanner.Options{Detectors: set},
		[]scanner.Target{{Name: "t", Conn: &walked{recs: tableRecords("d", "t", 10, 1, true, nil, true)}}}, discard{})
	if err != nil || sum.Rows != 10 || sum.Findings != 10 {
		t.Fatalf("summary %+v, err %v", sum, err)
	}
}

// BenchmarkPipelineProgress measures what counting progress costs: the same
// scan with Options.Progress off and on, with a reader taking a snapshot
// every 250 ms as the display does. "files" is BenchmarkPipeline's mixed
// corpus (PMSCAN_BENCH_MB); "rows" is a million tiny table values and one
// cheap detector, where the walker's cost per record shows most.
//
//	go test -run '^$' -bench PipelineProgress -count 5 ./scanner/
func BenchmarkPipelineProgress(b *testing.B) {
	paths := corpusFiles(b)
	var bytes int64
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			b.Fatal(err)
		}
		bytes += info.Size()
	}
	allSet, err := detectors.NewSet(all.Detectors())
	if err != nil {
		b.Fatal(err)
	}
	xSet, err := detectors.NewSet([]detectors.Detector{xDetector{}})
	if err != nil {
		b.Fatal(err)
	}
	rows := tableRecords("d", "public.t", 250000, 4, true, nil, true)

	run := func(b *testing.B, opts scanner.Options, targets func() []scanner.Target) {
		if opts.Progress != nil {
			stop := make(chan struct{})
			defer close(stop)
			go func() {
				t := time.NewTicker(250 * time.Millisecond)
				defer t.Stop()
				for {
					select {
					case <-stop:
						return
					case <-t.C:
						opts.Progress.Snapshot()
					}
				}
			}()
		}
		for b.Loop() {
			if _, err := scanner.Run(context.Background(), opts, targets(), discard{}); err != nil {
				b.Fatal(err)
			}
		}
	}
	for _, on := range []bool{false, true} {
		name := "off"
		var p *scanner.Progress
		if on {
			name, p = "on", &scanner.Progress{}
		}
		b.Run("files/"+name, func(b *testing.B) {
			b.SetBytes(bytes)
			run(b, scanner.Options{Detectors: allSet, Progress: p}, func() []scanner.Target {
				var targets []scanner.Target
				for _, path := range paths {
					c, err := files.Factory{}.Open(context.Background(), path)
					if err != nil {
						b.Fatal(err)
					}
					targets = append(targets, scanner.Target{Name: path, Conn: c})
				}
				return targets
			})
		})
		b.Run("rows/"+name, func(b *testing.B) {
			b.SetBytes(int64(len(rows) - 1))
			run(b, scanner.Options{Detectors: xSet, Progress: p}, func() []scanner.Target {
				return []scanner.Target{{Name: "t", Conn: &walked{recs: rows}}}
			})
		})
	}
}
