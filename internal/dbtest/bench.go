package dbtest

import (
	"bufio"
	"context"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/detectors/all"
	"github.com/pmscan/pmscan/internal/synthetic"
	"github.com/pmscan/pmscan/scanner"
)

// Benchmark knobs, from the environment:
//
//	PMSCAN_BENCH_ROWS     rows in the generated table (default 1,000,000)
//	PMSCAN_BENCH_CONNS    connections to the server (default 2)
//	PMSCAN_BENCH_EXCLUDE  detector types left out (default person_name)
const (
	BenchTable = "bench_customers"
	BenchSeed  = synthetic.DemoSeed // what pmscan-testdata -db-table-* loads by default
)

// BenchRows is the size of the benchmark table.
func BenchRows(b *testing.B) int64 {
	return int64(envInt(b, "PMSCAN_BENCH_ROWS", 1_000_000))
}

// BenchConns is the connection limit of the benchmark scan.
func BenchConns(b *testing.B) int { return envInt(b, "PMSCAN_BENCH_CONNS", 2) }

func envInt(b *testing.B, name string, def int) int {
	s := os.Getenv(name)
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil || n <= 0 {
		b.Fatalf("%s=%q: want a positive number", name, s)
	}
	return n
}

// BenchScan scans what open returns once per iteration, every detector on
// but those excluded, and reports rows/s, MB/s of the values read, findings
// per scan and the process's peak RSS.
func BenchScan(b *testing.B, open func() connectors.Connector) {
	exclude := map[string]bool{}
	ex, ok := os.LookupEnv("PMSCAN_BENCH_EXCLUDE")
	if !ok {
		ex = "person_name"
	}
	for _, t := range strings.Split(ex, ",") {
		exclude[strings.TrimSpace(t)] = true
	}
	var ds []detectors.Detector
	for _, d := range all.Detectors() {
		if !exclude[d.Type()] {
			ds = append(ds, d)
		}
	}
	set, err := detectors.NewSet(ds)
	if err != nil {
		b.Fatal(err)
	}
	var rows, bytes, findings int64
	var elapsed time.Duration
	b.ResetTimer()
	for range b.N {
		var sink countingSink
		sum, err := scanner.Run(context.Background(), scanner.Options{Detectors: set},
			[]scanner.Target{{Name: "bench", Conn: open()}}, &sink)
		if err != nil {
			b.Fatal(err)
		}
		if sum.Failed > 0 || sum.TargetsFailed() > 0 {
			b.Fatalf("scan failed: %+v", sum.Targets)
		}
		rows += sum.Rows
		bytes += sum.Bytes
		findings += sum.Findings
		elapsed += sum.Finished.Sub(sum.Started)
	}
	b.StopTimer()
	sec := elapsed.Seconds()
	b.ReportMetric(float64(rows)/sec, "rows/s")
	b.ReportMetric(float64(bytes)/sec/1e6, "MB/s")
	b.ReportMetric(float64(findings)/float64(b.N), "findings/op")
	if hwm := peakRSS(); hwm > 0 {
		b.ReportMetric(float64(hwm)/(1<<20), "peak-RSS-MiB")
	}
}

type countingSink struct{}

func (*countingSink) Finding(*scanner.Finding) error                           { return nil }
func (*countingSink) Object(connectors.Location, connectors.ObjectStats) error { return nil }
func (*countingSink) Problem(scanner.Problem) error                            { return nil }

// peakRSS is the process's resident high-water mark in bytes (VmHWM).
func peakRSS() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}
