package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/pmscan/pmscan/internal/testkit/benchenv"
)

// BenchmarkLookupLive times a live lookup of one person over the
// synthetic corpus of the incremental benchmark's tree (PMSCAN_BENCH_TREE_MB,
// default 64) beside a scan of the same files without a state store, and
// reports both throughputs and their ratio:
//
//	PMSCAN_BENCH_TREE_MB=1024 go test -run '^$' -bench LookupLive -benchtime 3x ./cmd/pmscan
func BenchmarkLookupLive(b *testing.B) {
	dir := filepath.Join(benchTree(b, benchenv.Int(b, "PMSCAN_BENCH_TREE_MB", 64)), "corpus")
	var size int64
	filepath.WalkDir(dir, func(_ string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				size += info.Size()
			}
		}
		return nil
	})
	var lookups, scans []binRun
	for range b.N {
		lookups = append(lookups, runBinary(b, "lookup", "-o", os.DevNull, "-name", "岡本 真由美", "-kana", "オカモト マユミ",
			"-phone", "090-2476-0679", "-email", "okamoto_mayumi@example.com", "-birth-date", "昭和55年9月29日",
			"-address", "沖縄県那覇市久茂地4丁目17番地11号", dir))
		scans = append(scans, runBinary(b, "scan", "-state", "none", "-progress", "never", "-o", os.DevNull, dir))
	}
	l, s := medianRun(lookups), medianRun(scans)
	mb := float64(size) / (1 << 20)
	b.ReportMetric(mb/l.wall.Seconds(), "lookup-MB/s")
	b.ReportMetric(mb/s.wall.Seconds(), "scan-MB/s")
	b.ReportMetric(s.wall.Seconds()/l.wall.Seconds(), "lookup/scan-speed")
	b.ReportMetric(float64(l.peak)/(1<<20), "lookup-peak-MiB")
}
