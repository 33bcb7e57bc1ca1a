package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/pmscan/pmscan/internal/testkit/benchenv"
	"github.com/pmscan/pmscan/internal/testkit/dbtest"
)

// The distributed benchmarks scan one file tree with a PostgreSQL state
// store: alone (one process, one detector thread), then with
// -distributed and 1, 2 and 4 worker processes of one detector thread
// each, and report the medians' times, the speed-ups over one worker and
// the state store's load. Run one at a time:
//
//	PMSCAN_BENCH_TREE_MB=256 go test -run '^$' -bench 'Distributed$' -benchtime 3x ./cmd/pmscan
//	PMSCAN_BENCH_UNITS=2000 go test -run '^$' -bench DistributedUnits -benchtime 3x ./cmd/pmscan
func BenchmarkDistributed(b *testing.B) {
	tree := benchTree(b, benchenv.Int(b, "PMSCAN_BENCH_TREE_MB", 256))
	state, _, _ := dbtest.PostgresDatabase(b)
	args := []string{"-progress", "never", "-concurrency", "1", "-o", os.DevNull}
	var single []time.Duration
	by := map[int][]time.Duration{}
	var units, commits int64
	for range b.N {
		single = append(single, runBinary(b, append(append([]string{"scan", "-full", "-state", state}, args...), tree)...).wall)
		for _, workers := range []int{1, 2, 4} {
			before := stateCommits(b, state)
			stop := startBenchWorkers(b, state, workers)
			r := runBinary(b, append(append([]string{"scan", "-distributed", "-full", "-unit-mb", "16", "-state", state}, args...), tree)...)
			stop()
			by[workers] = append(by[workers], r.wall)
			if workers == 1 {
				units = lastUnits(b, state)
				commits = stateCommits(b, state) - before
			}
		}
	}
	one := median(by[1]).Seconds()
	b.ReportMetric(median(single).Seconds(), "single-s")
	for _, w := range []int{1, 2, 4} {
		b.ReportMetric(median(by[w]).Seconds(), fmt.Sprintf("workers%d-s", w))
		b.ReportMetric(one/median(by[w]).Seconds(), fmt.Sprintf("speedup%d", w))
	}
	b.ReportMetric(float64(units), "units")
	b.ReportMetric(float64(commits)/float64(max(units, 1)), "commits/unit")
}

// BenchmarkDistributedUnits measures what a unit costs beyond its
// objects: PMSCAN_BENCH_UNITS small files, one per unit, run by four
// workers: units per second, and the state store's transactions per unit.
func BenchmarkDistributedUnits(b *testing.B) {
	n := benchenv.Int(b, "PMSCAN_BENCH_UNITS", 2000)
	dir := b.TempDir()
	for i := range n {
		name := filepath.Join(dir, fmt.Sprintf("d%03d", i/100), fmt.Sprintf("f%05d.txt", i))
		os.MkdirAll(filepath.Dir(name), 0o755)
		if err := os.WriteFile(name, []byte("お問い合わせ: 03-1234-"+fmt.Sprintf("%04d", i%10000)+"\n"), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	state, _, _ := dbtest.PostgresDatabase(b)
	var walls []time.Duration
	var commits int64
	for range b.N {
		before := stateCommits(b, state)
		stop := startBenchWorkers(b, state, 4)
		r := runBinary(b, "scan", "-distributed", "-full", "-unit-objects", "1", "-state", state, "-progress", "never", "-concurrency", "1", "-o", os.DevNull, dir)
		stop()
		walls = append(walls, r.wall)
		commits = stateCommits(b, state) - before
	}
	w := median(walls).Seconds()
	b.ReportMetric(w, "wall-s")
	b.ReportMetric(float64(n)/w, "units/s")
	b.ReportMetric(float64(commits)/float64(n), "commits/unit")
}

// startBenchWorkers starts n workers and returns what stops them.
func startBenchWorkers(b *testing.B, state string, n int) func() {
	b.Helper()
	var cmds []*exec.Cmd
	for range n {
		cmd := exec.Command(pmscanBinary(b), "worker", "-state", state)
		cmd.Env = append(os.Environ(), "LANG=C", "LC_ALL=")
		if err := cmd.Start(); err != nil {
			b.Fatal(err)
		}
		cmds = append(cmds, cmd)
	}
	return func() {
		for _, c := range cmds {
			c.Process.Signal(syscall.SIGTERM)
		}
		for _, c := range cmds {
			c.Wait()
		}
	}
}

// stateCommits is the state store database's committed transactions.
func stateCommits(b *testing.B, state string) int64 {
	return queryInt(b, state, `SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()`)
}

// lastUnits is the number of units of the latest distributed scan.
func lastUnits(b *testing.B, state string) int64 {
	return queryInt(b, state, `SELECT count(*) FROM scan_units WHERE scan_id = (SELECT max(scan_id) FROM scan_units)`)
}

// queryInt runs a query of one number on the state store, its
// statistics flushed first.
func queryInt(b *testing.B, state, query string) int64 {
	b.Helper()
	conn, err := pgx.Connect(context.Background(), state)
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close(context.Background())
	conn.Exec(context.Background(), `SELECT pg_stat_force_next_flush()`)
	var n int64
	if err := conn.QueryRow(context.Background(), query).Scan(&n); err != nil {
		b.Fatal(err)
	}
	return n
}
