package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/pmscan/pmscan/connectors/mysql"
	"github.com/pmscan/pmscan/internal/testkit/benchenv"
	"github.com/pmscan/pmscan/internal/testkit/dbload"
	"github.com/pmscan/pmscan/internal/testkit/dbtest"
	"github.com/pmscan/pmscan/internal/testkit/s3test"
	"github.com/pmscan/pmscan/internal/testkit/synthetic"
)

// The incremental benchmarks run the pmscan binary twice on one target
// with one state store: a first, full scan and a second one of the
// unchanged data, and report both times, their ratio and both peak
// resident sets. Run them one at a time, e.g.
//
//	PMSCAN_BENCH_TREE_MB=1024 go test -run '^$' -bench IncrementalTree -benchtime 3x ./cmd/pmscan
//	PMSCAN_BENCH_OBJECTS=10000 go test -run '^$' -bench IncrementalS3 -benchtime 3x ./cmd/pmscan
//	PMSCAN_BENCH_ROWS=1000000 go test -run '^$' -bench 'Incremental(Postgres|MySQL)' -benchtime 3x ./cmd/pmscan

// binRun is one timed run of the binary.
type binRun struct {
	wall time.Duration
	peak int64
}

func runBinary(b *testing.B, args ...string) binRun {
	b.Helper()
	cmd := exec.Command(pmscanBinary(b), args...)
	cmd.Env = append(os.Environ(), "LANG=C", "LC_ALL=")
	var stderr limitedBuffer
	cmd.Stderr = &stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	hwm := watchHWM(cmd.Process.Pid)
	err := cmd.Wait()
	r := binRun{wall: time.Since(start), peak: hwm()}
	if code := cmd.ProcessState.ExitCode(); err != nil && code != exitItemErrors {
		b.Fatalf("pmscan %v: %v\n%s", args, err, stderr.String())
	}
	return r
}

// limitedBuffer keeps the last 8 KiB written to it.
type limitedBuffer struct{ b []byte }

func (l *limitedBuffer) Write(p []byte) (int, error) {
	l.b = append(l.b, p...)
	if len(l.b) > 8<<10 {
		l.b = l.b[len(l.b)-8<<10:]
	}
	return len(p), nil
}

func (l *limitedBuffer) String() string { return string(l.b) }

// benchTwice times a full scan then an incremental one of args, each with
// a new state store, b.N times, and reports the medians.
func benchTwice(b *testing.B, args ...string) {
	var first, second []binRun
	for range b.N {
		state := filepath.Join(b.TempDir(), "state.db")
		base := append([]string{"scan", "-state", state, "-progress", "never", "-o", os.DevNull}, args...)
		first = append(first, runBinary(b, base...))
		second = append(second, runBinary(b, base...))
	}
	f, s := medianRun(first), medianRun(second)
	b.ReportMetric(f.wall.Seconds(), "first-s")
	b.ReportMetric(s.wall.Seconds(), "second-s")
	b.ReportMetric(f.wall.Seconds()/s.wall.Seconds(), "speedup")
	b.ReportMetric(float64(f.peak)/(1<<20), "first-peak-MiB")
	b.ReportMetric(float64(s.peak)/(1<<20), "second-peak-MiB")
}

func medianRun(rs []binRun) binRun {
	walls := make([]time.Duration, len(rs))
	peaks := make([]int64, len(rs))
	for i, r := range rs {
		walls[i], peaks[i] = r.wall, r.peak
	}
	return binRun{wall: median(walls), peak: median(peaks)}
}

func median[T int64 | time.Duration](v []T) T {
	s := slices.Clone(v)
	slices.Sort(s)
	return s[len(s)/2]
}

// benchTree is a tree of about mb MiB of mixed files, made once and kept
// in the user's cache: nine tenths the synthetic corpus (Japanese prose,
// customer lists in UTF-8 and CP932, files of 4–16 MiB) and one tenth
// copies of the demo data (CSV, TSV in EUC-JP, UTF-16 text, JSON, JSON
// Lines, a zip archive, a binary image: many small files).
func benchTree(b *testing.B, mb int) string {
	cache, err := os.UserCacheDir()
	if err != nil {
		b.Fatal(err)
	}
	dir := filepath.Join(cache, "pmscan", "bench-tree", strconv.Itoa(mb))
	done := filepath.Join(dir, ".complete")
	if _, err := os.Stat(done); err == nil {
		return dir
	}
	os.RemoveAll(dir)
	if err := synthetic.WriteCorpus(filepath.Join(dir, "corpus"), mb*9/10, 2026); err != nil {
		b.Fatal(err)
	}
	demo := int64(0)
	entries, _ := os.ReadDir(demoDir)
	for _, e := range entries {
		if info, err := e.Info(); err == nil && !e.IsDir() {
			demo += info.Size()
		}
	}
	copies := int(int64(mb) * (1 << 20) / 10 / max(demo, 1))
	for i := range copies {
		copyTree(b, demoDir, filepath.Join(dir, "shares", fmt.Sprintf("%03d", i/100), fmt.Sprintf("dept%05d", i)))
	}
	if err := os.WriteFile(done, nil, 0o644); err != nil {
		b.Fatal(err)
	}
	return dir
}

// BenchmarkIncrementalTree: a tree of PMSCAN_BENCH_TREE_MB MiB (default
// 64) of mixed files, scanned in full, then again unchanged.
func BenchmarkIncrementalTree(b *testing.B) {
	dir := benchTree(b, benchenv.Int(b, "PMSCAN_BENCH_TREE_MB", 64))
	benchTwice(b, dir)
}

// BenchmarkIncrementalS3: a bucket of PMSCAN_BENCH_OBJECTS objects
// (default 1000, the demo files over and over) through versitygw and a
// proxy that counts requests; reports the GETs of the second scan.
func BenchmarkIncrementalS3(b *testing.B) {
	n := benchenv.Int(b, "PMSCAN_BENCH_OBJECTS", 1000)
	srv := s3test.Start(b)
	proxy := s3test.NewFaultProxy(b, srv.Endpoint)
	srv.Env(b, srv.Root())
	srv.CreateBucket(b, "bench")
	demo := s3test.DirObjects(b, demoDir)
	objects := map[string][]byte{}
	for i := 0; len(objects) < n; i++ {
		for k, v := range demo {
			if len(objects) == n {
				break
			}
			objects[fmt.Sprintf("%05d/%s", i, k)] = v
		}
	}
	srv.PutAll(b, "bench", objects)
	var firstGets, secondGets int
	var first, second []binRun
	for range b.N {
		state := filepath.Join(b.TempDir(), "state.db")
		args := []string{"scan", "-state", state, "-progress", "never", "-o", os.DevNull, "-s3-endpoint", proxy.URL, "s3://bench/"}
		g := proxy.ObjectRequests("GET", "bench")
		first = append(first, runBinary(b, args...))
		firstGets = proxy.ObjectRequests("GET", "bench") - g
		g = proxy.ObjectRequests("GET", "bench")
		second = append(second, runBinary(b, args...))
		secondGets = proxy.ObjectRequests("GET", "bench") - g
	}
	f, s := medianRun(first), medianRun(second)
	b.ReportMetric(f.wall.Seconds(), "first-s")
	b.ReportMetric(s.wall.Seconds(), "second-s")
	b.ReportMetric(f.wall.Seconds()/s.wall.Seconds(), "speedup")
	b.ReportMetric(float64(firstGets), "first-GETs")
	b.ReportMetric(float64(secondGets), "second-GETs")
	b.ReportMetric(float64(s.peak)/(1<<20), "second-peak-MiB")
}

// BenchmarkIncrementalPostgres and BenchmarkIncrementalMySQL: the
// generated customer table of PMSCAN_BENCH_ROWS rows (default 100,000;
// see internal/testkit/dbtest), scanned in full, then again unchanged.
func BenchmarkIncrementalPostgres(b *testing.B) {
	admin := dbtest.Postgres(b)
	if _, err := dbload.LoadPostgres(context.Background(), admin, dbtest.BenchTable, dbtest.BenchRows(b), dbtest.BenchSeed); err != nil {
		b.Fatal(err)
	}
	benchTwice(b, "-tables", "public."+dbtest.BenchTable, dbtest.PostgresURL())
}

func BenchmarkIncrementalMySQL(b *testing.B) {
	db := dbtest.MySQL(b, mysql.ParseURL)
	if _, err := dbload.LoadMySQL(context.Background(), db, dbtest.BenchTable, dbtest.BenchRows(b), dbtest.BenchSeed); err != nil {
		b.Fatal(err)
	}
	benchTwice(b, "-tables", dbtest.BenchTable, dbtest.MySQLURL())
}
