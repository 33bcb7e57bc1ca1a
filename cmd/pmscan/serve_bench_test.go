package main

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/pmscan/pmscan/internal/testkit/dbtest"
)

// BenchmarkServe measures pmscan serve as a service: its memory idle
// (before its first scan, and between scans), its peak while it scans a
// PostgreSQL table of PMSCAN_BENCH_ROWS rows (default 200,000), and the
// time from SIGTERM, sent mid-scan, to its exit. Run it with
//
//	go test -run '^$' -bench Serve -benchtime 1x ./cmd/pmscan
func BenchmarkServe(b *testing.B) {
	rows := int64(200_000)
	if v := os.Getenv("PMSCAN_BENCH_ROWS"); v != "" {
		rows, _ = strconv.ParseInt(v, 10, 64)
	}
	dsn := postgresTable(b, rows).url
	conns := dbtest.BenchConns(b)
	for b.Loop() {
		state := filepath.Join(b.TempDir(), "state.db")
		cfg := writeConfig(b, `state: `+state+`
targets:
  - name: crm
    url: `+dsn+`
    schedule: "@every 5s"
    connections: `+strconv.Itoa(conns)+`
`)
		// The first run: idle until the schedule's first time, then the
		// scan, to the end; then idle again until the next.
		s := startServe(b, cfg)
		time.Sleep(2 * time.Second)
		idle := rss(b, s)
		waitFor(b, 10*time.Minute, "the first scan to end", func() bool { return s.scans(b).target("crm").LastScan > 0 })
		time.Sleep(time.Second)
		idleAfter := rss(b, s)
		res, _ := s.stop(b)
		b.ReportMetric(float64(idle)/(1<<20), "idle-MiB")
		b.ReportMetric(float64(idleAfter)/(1<<20), "idle-after-scan-MiB")
		b.ReportMetric(float64(res.peakRSS)/(1<<20), "peak-MiB")

		// A second store, so that the scan reads the table again: SIGTERM
		// two seconds into it.
		cfg = writeConfig(b, `state: `+filepath.Join(b.TempDir(), "state.db")+`
targets:
  - name: crm
    url: `+dsn+`
    schedule: "@every 1s"
    connections: `+strconv.Itoa(conns)+`
`)
		s = startServe(b, cfg)
		waitFor(b, time.Minute, "the scan to start", func() bool { return s.scans(b).target("crm").Running })
		time.Sleep(2 * time.Second)
		res, took := s.stop(b)
		if res.code != exitOK {
			b.Fatalf("serve: exit %d\n%s", res.code, tail(res.stderr, 2000))
		}
		b.ReportMetric(float64(took.Milliseconds()), "sigterm-to-exit-ms")
	}
}

// rss is the resident memory of the served pmscan now.
func rss(b testing.TB, s *servedPmscan) int64 {
	data, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(s.cmd.Process.Pid), "status"))
	if err != nil {
		b.Fatal(err)
	}
	return vmField(data, "VmRSS:") << 10
}
