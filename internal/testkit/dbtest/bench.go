package dbtest

import (
	"context"
	"testing"
	"time"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/internal/testkit/benchenv"
	"github.com/pmscan/pmscan/internal/testkit/synthetic"
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
	return int64(benchenv.Int(b, "PMSCAN_BENCH_ROWS", 1_000_000))
}

// BenchConns is the connection limit of the benchmark scan.
func BenchConns(b *testing.B) int { return benchenv.Int(b, "PMSCAN_BENCH_CONNS", 2) }

// BenchScan scans what open returns once per iteration, every detector on
// but those excluded, and reports rows/s, MB/s of the values read, findings
// per scan and the process's peak RSS.
func BenchScan(b *testing.B, open func() connectors.Connector) {
	set := benchenv.Detectors(b)
	var rows, bytes, findings int64
	var elapsed time.Duration
	b.ResetTimer()
	for range b.N {
		sum, err := scanner.Run(context.Background(), scanner.Options{Detectors: set},
			[]scanner.Target{{Name: "bench", Conn: open()}}, benchenv.Discard{})
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
	benchenv.ReportPeakRSS(b)
}
