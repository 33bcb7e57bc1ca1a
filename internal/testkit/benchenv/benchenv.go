// Package benchenv holds what the connector benchmarks share: knobs read
// from the environment, the detector set they run, a sink that keeps
// nothing, and the process's peak RSS.
package benchenv

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/detectors/all"
	"github.com/pmscan/pmscan/scanner"
)

// Int reads a positive number from the environment variable name, or def.
func Int(b *testing.B, name string, def int) int {
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

// Detectors is every detector but those PMSCAN_BENCH_EXCLUDE names
// (comma-separated; default person_name, whose dictionary dominates).
func Detectors(b *testing.B) *detectors.Set {
	ex, ok := os.LookupEnv("PMSCAN_BENCH_EXCLUDE")
	if !ok {
		ex = "person_name"
	}
	exclude := map[string]bool{}
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
	return set
}

// Discard is a scanner.Sink that keeps nothing.
type Discard struct{}

func (Discard) Finding(*scanner.Finding) error                          { return nil }
func (Discard) Object(*connectors.Object, connectors.ObjectStats) error { return nil }
func (Discard) Problem(scanner.Problem) error                           { return nil }

var _ scanner.Sink = Discard{}

// PeakRSS is the process's resident high-water mark in bytes (VmHWM), or 0
// where /proc does not say.
func PeakRSS() int64 {
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

// ReportPeakRSS adds the peak RSS, in MiB, to b's metrics.
func ReportPeakRSS(b *testing.B) {
	if hwm := PeakRSS(); hwm > 0 {
		b.ReportMetric(float64(hwm)/(1<<20), "peak-RSS-MiB")
	}
}
