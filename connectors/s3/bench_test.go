package s3_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/connectors/s3"
	"github.com/pmscan/pmscan/internal/testkit/benchenv"
	"github.com/pmscan/pmscan/internal/testkit/s3test"
	"github.com/pmscan/pmscan/internal/testkit/synthetic"
	"github.com/pmscan/pmscan/scanner"
)

// BenchmarkScanBucket scans a generated bucket through a real versitygw on
// loopback, every detector on but PMSCAN_BENCH_EXCLUDE (default
// person_name), and reports objects/s, MB/s of object bytes, the CPU time
// the server used (it shares the two cores) and the process's peak RSS. PMSCAN_BENCH_MB sizes the bucket (default 256) and
// PMSCAN_BENCH_CONNS sets -s3-conns (default 16). PMSCAN_BENCH_LATENCY (a
// duration such as 20ms) sends the scan through a proxy that delays every
// request by that much, as a distant region would.
//
//	large: the synthetic corpus as objects of 4 to 16 MiB (prose, customer CSV in UTF-8 and CP932)
//	small: the same text cut into objects of 4 to 32 KiB at line boundaries
//
// The bucket is written straight into the server's directory (versitygw
// serves files placed there), which keeps the upload out of the numbers
// and out of the peak RSS.
func BenchmarkScanBucket(b *testing.B) {
	sizeMB := benchenv.Int(b, "PMSCAN_BENCH_MB", 256)
	conns := benchenv.Int(b, "PMSCAN_BENCH_CONNS", s3.DefaultConns)
	corpus := b.TempDir()
	if err := synthetic.WriteCorpus(corpus, sizeMB, synthetic.DemoSeed); err != nil {
		b.Fatal(err)
	}
	set := benchenv.Detectors(b)
	for _, shape := range []string{"large", "small"} {
		b.Run(shape, func(b *testing.B) {
			srv := s3test.Start(b)
			srv.CreateBucket(b, "bench")
			var objects int
			var err error
			if shape == "large" {
				objects, err = linkObjects(corpus, filepath.Join(srv.Dir, "bench"))
			} else {
				objects, err = cutObjects(corpus, filepath.Join(srv.Dir, "bench"), 4<<10, 32<<10)
			}
			if err != nil {
				b.Fatal(err)
			}
			srv.Env(b, srv.Root())
			endpoint := benchEndpoint(b, srv)
			var bytesRead, findings, done int64
			var seconds float64
			serverCPU := srv.CPUTime()
			b.ResetTimer()
			for range b.N {
				conn, err := s3.Factory{Options: s3.Options{Endpoint: endpoint, Conns: conns}}.Open(context.Background(), "s3://bench/")
				if err != nil {
					b.Fatal(err)
				}
				sum, err := scanner.Run(context.Background(), scanner.Options{Detectors: set},
					[]scanner.Target{{Name: "bench", Conn: conn}}, benchenv.Discard{})
				if err != nil {
					b.Fatal(err)
				}
				if sum.Failed > 0 || sum.TargetsFailed() > 0 || sum.Objects != int64(objects) {
					b.Fatalf("scan: %d of %d objects, %d failed, targets %+v", sum.Objects, objects, sum.Failed, sum.Targets)
				}
				done += sum.Objects
				bytesRead += sum.Bytes
				findings += sum.Findings
				seconds += sum.Finished.Sub(sum.Started).Seconds()
			}
			b.StopTimer()
			serverCPU = srv.CPUTime() - serverCPU
			b.ReportMetric(float64(done)/seconds, "objects/s")
			b.ReportMetric(serverCPU.Seconds()/float64(b.N), "server-CPU-s/op")
			b.ReportMetric(float64(bytesRead)/seconds/1e6, "MB/s")
			b.ReportMetric(float64(bytesRead)/float64(b.N)/1e6, "MB/op")
			b.ReportMetric(float64(findings)/float64(b.N), "findings/op")
			benchenv.ReportPeakRSS(b)
		})
	}
}

// benchEndpoint is srv's endpoint or, with PMSCAN_BENCH_LATENCY (a
// duration such as 20ms), a proxy to it that delays every request by that
// much, as a distant region would.
func benchEndpoint(b *testing.B, srv *s3test.Server) string {
	d := os.Getenv("PMSCAN_BENCH_LATENCY")
	if d == "" {
		return srv.Endpoint
	}
	latency, err := time.ParseDuration(d)
	if err != nil {
		b.Fatalf("PMSCAN_BENCH_LATENCY=%q: %v", d, err)
	}
	proxy := s3test.NewFaultProxy(b, srv.Endpoint)
	proxy.SetLatency(latency)
	return proxy.URL
}

// BenchmarkWalkSince walks a bucket of PMSCAN_BENCH_OBJECTS small objects
// (default 2000, uploaded by putSmallObjects) without detectors, in full
// and with a baseline that carries what the full walk read, and reports
// objects/s and the GETs and listing pages of a walk. PMSCAN_BENCH_CONNS
// sets -s3-conns and PMSCAN_BENCH_LATENCY delays every request.
func BenchmarkWalkSince(b *testing.B) {
	n := benchenv.Int(b, "PMSCAN_BENCH_OBJECTS", 2000)
	conns := benchenv.Int(b, "PMSCAN_BENCH_CONNS", s3.DefaultConns)
	srv := s3test.Start(b)
	putSmallObjects(b, srv, "bench", n)
	srv.Env(b, srv.Root())
	endpoint := benchEndpoint(b, srv)
	walk := func(bl connectors.Baseline) ([]ended, map[string]int) {
		counter := newRequestCounter()
		conn, err := s3.Factory{Options: s3.WithTransport(s3.Options{Endpoint: endpoint, Conns: conns}, counter.wrap)}.Open(b.Context(), "s3://bench/")
		if err != nil {
			b.Fatal(err)
		}
		return walkSince(b, conn, bl), counter.counts()
	}
	full, _ := walk(nil)
	read := versions(full)
	for _, bc := range []struct {
		name string
		bl   func() connectors.Baseline
	}{
		{"full", func() connectors.Baseline { return nil }},
		{"carried", func() connectors.Baseline { return &baseline{read: read} }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			var gets, pages int
			start := time.Now()
			for range b.N {
				got, reqs := walk(bc.bl())
				if len(got) != n {
					b.Fatalf("%d objects ended, want %d", len(got), n)
				}
				gets += reqs["GetObject"]
				pages += reqs["ListObjectsV2"]
			}
			b.ReportMetric(float64(n*b.N)/time.Since(start).Seconds(), "objects/s")
			b.ReportMetric(float64(gets)/float64(b.N), "GET/op")
			b.ReportMetric(float64(pages)/float64(b.N), "list-pages/op")
		})
	}
}

// linkObjects hard-links (or copies) every corpus file into the bucket.
func linkObjects(corpus, bucket string) (int, error) {
	entries, err := os.ReadDir(corpus)
	if err != nil {
		return 0, err
	}
	for _, e := range entries {
		src, dst := filepath.Join(corpus, e.Name()), filepath.Join(bucket, "corpus", e.Name())
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return 0, err
		}
		if err := os.Link(src, dst); err != nil {
			data, rerr := os.ReadFile(src)
			if rerr != nil {
				return 0, rerr
			}
			if err := os.WriteFile(dst, data, 0o644); err != nil {
				return 0, err
			}
		}
	}
	return len(entries), nil
}

// cutObjects cuts every corpus file into objects of minSize to maxSize
// bytes at line boundaries, under a folder per file, 500 to a folder; CSV
// pieces repeat the header. Sizes follow a fixed sequence, so the bucket
// is the same on every run.
func cutObjects(corpus, bucket string, minSize, maxSize int) (int, error) {
	entries, err := os.ReadDir(corpus)
	if err != nil {
		return 0, err
	}
	n, step := 0, 0
	for _, e := range entries {
		f, err := os.Open(filepath.Join(corpus, e.Name()))
		if err != nil {
			return 0, err
		}
		ext := filepath.Ext(e.Name())
		base := strings.TrimSuffix(e.Name(), ext)
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<20)
		var header []byte
		var piece bytes.Buffer
		part := 0
		flush := func() error {
			if piece.Len() == 0 {
				return nil
			}
			dst := filepath.Join(bucket, base, fmt.Sprintf("%03d", part/500), fmt.Sprintf("%s-%05d%s", base, part, ext))
			if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
				return err
			}
			if err := os.WriteFile(dst, piece.Bytes(), 0o644); err != nil {
				return err
			}
			part++
			n++
			piece.Reset()
			return nil
		}
		target := minSize
		for sc.Scan() {
			if ext == ".csv" && header == nil {
				header = append([]byte(nil), sc.Bytes()...)
				header = append(header, '\n')
				continue
			}
			if piece.Len() == 0 && header != nil {
				piece.Write(header)
			}
			piece.Write(sc.Bytes())
			piece.WriteByte('\n')
			if piece.Len() >= target {
				if err := flush(); err != nil {
					f.Close()
					return 0, err
				}
				step = (step*1103515245 + 12345) & 0x7fffffff
				target = minSize + step%(maxSize-minSize)
			}
		}
		err = sc.Err()
		if err == nil {
			err = flush()
		}
		f.Close()
		if err != nil {
			return 0, err
		}
	}
	return n, nil
}
