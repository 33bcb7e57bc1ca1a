package scanner_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/connectors/files"
	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/detectors/all"
	"github.com/pmscan/pmscan/detectors/custom"
	"github.com/pmscan/pmscan/internal/testkit/synthetic"
	"github.com/pmscan/pmscan/scanner"
	"github.com/pmscan/pmscan/scanner/allowlist"
)

// BenchmarkPipeline measures the whole pipeline — walking, decoding, parsing,
// normalising and every detector — over a generated corpus of Japanese prose
// and customer CSV (UTF-8 and CP932). The corpus is PMSCAN_BENCH_MB MiB
// (default 64), generated once into the temp directory and reused.
//
//	go test -run '^$' -bench Pipeline -count 5 ./scanner/
//
// PMSCAN_BENCH_EXCLUDE (a comma-separated list of types) leaves detectors
// out, to measure what they cost; PMSCAN_BENCH_RULES=N adds N custom rules
// (benchRules), to measure what a company's own detectors cost;
// PMSCAN_BENCH_ALLOW=N an allow list of N phone numbers.
//
// MB/s is for all cores together; MB/s/core divides by GOMAXPROCS; peak-RSS-MB
// is the process's high-water mark, which stays flat as the corpus grows.
func BenchmarkPipeline(b *testing.B) {
	kinds := map[string][]string{}
	for _, p := range corpusFiles(b) {
		kinds["mixed"] = append(kinds["mixed"], p)
		if strings.HasSuffix(p, ".txt") {
			kinds["prose"] = append(kinds["prose"], p)
		} else {
			kinds["csv"] = append(kinds["csv"], p)
		}
	}
	// PMSCAN_BENCH_EXCLUDE=person_name,address measures what a detector
	// costs by leaving it out.
	ds := all.Detectors()
	if ex := os.Getenv("PMSCAN_BENCH_EXCLUDE"); ex != "" {
		skip := strings.Split(ex, ",")
		ds = slices.DeleteFunc(ds, func(d detectors.Detector) bool { return slices.Contains(skip, d.Type()) })
	}
	if n := os.Getenv("PMSCAN_BENCH_RULES"); n != "" {
		count, err := strconv.Atoi(n)
		if err != nil {
			b.Fatal(err)
		}
		ds = append(ds, benchRules(b, count)...)
	}
	set, err := detectors.NewSet(ds)
	if err != nil {
		b.Fatal(err)
	}
	var allow scanner.Allower
	if n := os.Getenv("PMSCAN_BENCH_ALLOW"); n != "" {
		count, err := strconv.Atoi(n)
		if err != nil {
			b.Fatal(err)
		}
		l, err := allowlist.Parse([]byte(allowlist.BigList(count)), "bench-allow.yaml", all.PolicyTypes(), nil)
		if err != nil {
			b.Fatal(err)
		}
		allow = l
	}
	for _, kind := range []string{"mixed", "prose", "csv"} {
		paths := kinds[kind]
		var bytes int64
		for _, p := range paths {
			st, err := os.Stat(p)
			if err != nil {
				b.Fatal(err)
			}
			bytes += st.Size()
		}
		b.Run(kind, func(b *testing.B) {
			b.SetBytes(bytes)
			var findings, records int64
			for b.Loop() {
				var targets []scanner.Target
				for _, p := range paths {
					c, err := files.Factory{}.Open(context.Background(), p)
					if err != nil {
						b.Fatal(err)
					}
					targets = append(targets, scanner.Target{Name: p, Conn: c})
				}
				sum, err := scanner.Run(context.Background(), scanner.Options{Detectors: set, Allow: allow}, targets, discard{})
				if err != nil {
					b.Fatal(err)
				}
				if sum.Failed > 0 || sum.Objects != int64(len(paths)) {
					b.Fatalf("scan failed: %+v", sum)
				}
				findings, records = sum.Findings, sum.Records
			}
			sec := b.Elapsed().Seconds() / float64(b.N)
			b.ReportMetric(float64(bytes)/1e6/sec/float64(runtime.GOMAXPROCS(0)), "MB/s/core")
			b.ReportMetric(float64(findings), "findings")
			b.ReportMetric(float64(records), "records")
			b.ReportMetric(peakRSSMB(), "peak-RSS-MB")
		})
	}
}

// benchRules are n rules as a company writes them: half need a keyword
// or a column (their prefilter gate keeps them off most text), half report
// a bare match at low confidence (their pattern runs on every text).
func benchRules(b *testing.B, n int) []detectors.Detector {
	var y strings.Builder
	y.WriteString("rules:\n")
	for i := range n {
		prefix := string(rune('A'+i%26)) + string(rune('A'+i/26%26))
		fmt.Fprintf(&y, "  - id: company_id_%d\n    pattern: '\\b%s-?[0-9]{6,8}\\b'\n    keywords: [番号%d, id%d]\n    columns: [col%d]\n", i, prefix, i, i, i)
		if i%2 == 0 {
			y.WriteString("    confidence: {pattern: reject}\n")
		}
	}
	rs, err := custom.Parse([]byte(y.String()), "bench-rules.yaml", all.PolicyTypes())
	if err != nil {
		b.Fatal(err)
	}
	return rs.Detectors()
}

type discard struct{}

func (discard) Finding(*scanner.Finding) error                          { return nil }
func (discard) Object(*connectors.Object, connectors.ObjectStats) error { return nil }
func (discard) Problem(scanner.Problem) error                           { return nil }

func corpus(b *testing.B, sizeMB int) string {
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("pmscan-bench-corpus-%dMB", sizeMB))
	marker := filepath.Join(dir, ".complete")
	if _, err := os.Stat(marker); err == nil {
		return dir
	}
	os.RemoveAll(dir)
	if err := synthetic.WriteCorpus(dir, sizeMB, 1); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(marker, nil, 0o644); err != nil {
		b.Fatal(err)
	}
	return dir
}

func peakRSSMB() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Maxrss) / 1024 // kilobytes on Linux
}

// corpusFiles is the benchmark corpus of PMSCAN_BENCH_MB MiB (default 64),
// generated once: its files' paths.
func corpusFiles(b *testing.B) []string {
	size := 64
	if s := os.Getenv("PMSCAN_BENCH_MB"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			b.Fatalf("PMSCAN_BENCH_MB: %v", err)
		}
		size = n
	}
	dir := corpus(b, size)
	entries, err := os.ReadDir(dir)
	if err != nil {
		b.Fatal(err)
	}
	var paths []string
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), ".") {
			paths = append(paths, filepath.Join(dir, e.Name()))
		}
	}
	return paths
}
