package formats

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"

	"github.com/pmscan/pmscan/connectors"
)

// The hostile inputs of this file are made at test time. Each is a store
// or a file that keeps a parser or its library busy far longer than the
// tests wait: a stream that never ends (a FIFO, a file that grows), a
// bomb, a PDF that loops, a workbook that makes excelize decode for
// seconds without reading.

// endless is a store that never ends: a head, then line(1), line(2)...
// up to 1 MiB, repeated. The lines are made once, so that reading it
// costs little next to parsing it.
type endless struct {
	head  []byte
	block []byte
	off   int
}

func newEndless(head []byte, line func(n int) []byte) *endless {
	var block []byte
	for n := 1; len(block) < 1<<20; n++ {
		block = append(block, line(n)...)
	}
	return &endless{head: append([]byte(nil), head...), block: block}
}

func (e *endless) Read(p []byte) (int, error) {
	if len(e.head) > 0 {
		k := copy(p, e.head)
		e.head = e.head[k:]
		return k, nil
	}
	k := copy(p, e.block[e.off:])
	e.off = (e.off + k) % len(e.block)
	return k, nil
}

// gzipped is r gzip-compressed on the fly, through a pipe closed when the
// test ends.
func gzipped(t testing.TB, r io.Reader) io.Reader {
	pr, pw := io.Pipe()
	go func() {
		zw, _ := gzip.NewWriterLevel(pw, gzip.BestSpeed)
		_, err := io.Copy(zw, r)
		pw.CloseWithError(err)
	}()
	t.Cleanup(func() { pr.CloseWithError(io.ErrClosedPipe) })
	return pr
}

func csvLine(n int) []byte {
	return fmt.Appendf(nil, "%d,山田 %d,090-%04d-%04d,user%d@example.jp\n", n, n, n%10000, (n*7)%10000, n)
}

func jsonLine(n int) []byte {
	return fmt.Appendf(nil, `{"id":%d,"name":"山田 %d","tel":"090-%04d-%04d"}`+"\n", n, n, n%10000, (n*7)%10000)
}

// tarHead is the header of a tar whose one member, big.csv, says it holds
// size bytes: what follows it is the member.
func tarHead(t testing.TB, size int64) []byte {
	var b bytes.Buffer
	tw := tar.NewWriter(&b)
	if err := tw.WriteHeader(&tar.Header{Name: "big.csv", Size: size, Mode: 0o644, Typeflag: tar.TypeReg}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes() // not closed: the member's bytes follow
}

var (
	bigZipOnce, bigDocxOnce sync.Once
	bigZip, bigDocx         []byte
)

// bigZipOf is a zip of one deflated CSV of 60 MiB.
func bigZipOf(t testing.TB) []byte {
	bigZipOnce.Do(func() {
		var b bytes.Buffer
		zw := zip.NewWriter(&b)
		zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestSpeed) })
		w, _ := zw.Create("export/customers.csv")
		src := io.LimitReader(newEndless(nil, csvLine), 60<<20)
		if _, err := io.Copy(w, src); err != nil {
			t.Fatal(err)
		}
		zw.Close()
		bigZip = b.Bytes()
	})
	return bigZip
}

// bigDocxOf is a Word document of a million paragraphs: 80 MB of XML.
func bigDocxOf(t testing.TB) []byte {
	bigDocxOnce.Do(func() {
		body := `<w:body>` + strings.Repeat(wp(wt("山田 090-1234-5678")), 1_000_000) + `</w:body>`
		bigDocx = zipOf(t, member{"word/document.xml", wdoc("document", body)})
	})
	return bigDocx
}

// spinningWorkbook is a 45 KB workbook whose shared strings part holds
// ten million empty elements before its strings: excelize decodes the
// whole part in one call, at the first row, for seconds, reading nothing
// more from its source and checking no context.
func spinningWorkbook(t testing.TB) []byte {
	f := excelize.NewFile()
	f.SetCellValue("Sheet1", "A1", "氏名")
	f.SetCellValue("Sheet1", "A2", "山田")
	var plain bytes.Buffer
	if err := f.Write(&plain); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(plain.Bytes()), int64(plain.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, m := range zr.File {
		rc, _ := m.Open()
		part, _ := io.ReadAll(rc)
		rc.Close()
		if m.Name == "xl/sharedStrings.xml" {
			i := bytes.Index(part, []byte("<si>"))
			part = append(append(append([]byte(nil), part[:i]...), strings.Repeat("<x/>", 10_000_000)...), part[i:]...)
		}
		w, _ := zw.Create(m.Name)
		w.Write(part)
	}
	zw.Close()
	return out.Bytes()
}

// hostile is one input of every kind of parser, that keeps it busy.
type hostile struct {
	name string // the object's name: it picks the format
	open func(t testing.TB) io.Reader
}

func hostiles() []hostile {
	sjis := japanese.ShiftJIS.NewEncoder()
	utf16le := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder()
	return []hostile{
		{"endless.txt", func(testing.TB) io.Reader { return newEndless(nil, csvLine) }},
		{"endless.csv", func(testing.TB) io.Reader { return newEndless([]byte("id,name,tel,mail\n"), csvLine) }},
		{"endless.tsv", func(testing.TB) io.Reader {
			return newEndless(nil, func(n int) []byte { return bytes.ReplaceAll(csvLine(n), []byte(","), []byte("\t")) })
		}},
		{"endless.json", func(testing.TB) io.Reader {
			return newEndless([]byte("["), func(n int) []byte { return append(bytes.TrimSpace(jsonLine(n)), ',') })
		}},
		{"endless.jsonl", func(testing.TB) io.Reader { return newEndless(nil, jsonLine) }},
		{"endless-cp932.txt", func(testing.TB) io.Reader {
			return newEndless(nil, func(n int) []byte { b, _ := sjis.Bytes(csvLine(n)); return b })
		}},
		{"endless-utf16.txt", func(testing.TB) io.Reader {
			return newEndless([]byte{0xff, 0xfe}, func(n int) []byte { b, _ := utf16le.Bytes(csvLine(n)); return b })
		}},
		{"endless.csv.gz", func(t testing.TB) io.Reader { return gzipped(t, newEndless(nil, csvLine)) }},
		{"endless.tar.gz", func(t testing.TB) io.Reader { return gzipped(t, newEndless(tarHead(t, 500<<20), csvLine)) }},
		{"big.zip", func(t testing.TB) io.Reader { return bytes.NewReader(bigZipOf(t)) }},
		{"big.docx", func(t testing.TB) io.Reader { return bytes.NewReader(bigDocxOf(t)) }},
		// 4 MB: a read budget of 272 MB, seconds of looping on any machine.
		{"loop.pdf", func(testing.TB) io.Reader { return bytes.NewReader(paddedSelfReferencingPDF(4 << 20)) }},
		{"spin.xlsx", func(t testing.TB) io.Reader { return bytes.NewReader(spinningWorkbook(t)) }},
	}
}

// drainAbandoned waits for library calls guard abandoned to end, so that
// they neither burn the CPU of later tests nor count against their limit.
func drainAbandoned(t testing.TB) {
	deadline := time.Now().Add(2 * time.Minute)
	for abandoned.Load() > 0 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if n := abandoned.Load(); n > 0 {
		t.Errorf("%d abandoned library calls still running", n)
	}
}

// TestCancelReachesEveryParser: cancelling the scan (Ctrl-C) while a parser
// or its library is busy with a hostile input makes Read return promptly,
// with the context's error and no terminal record, whatever the format.
// The bound asserted is generous, for a loaded machine; the latencies are
// logged (go test -v).
func TestCancelReachesEveryParser(t *testing.T) {
	if testing.Short() {
		t.Skip("reads hostile inputs for seconds")
	}
	t.Cleanup(func() { drainAbandoned(t) })
	for _, h := range hostiles() {
		t.Run(h.name, func(t *testing.T) {
			r := h.open(t)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var records atomic.Int64
			var ended atomic.Bool
			done := make(chan error, 1)
			go func() {
				done <- Read(ctx, connectors.NewFile(h.name), r, Options{}, func(rec connectors.Record, err error) error {
					if rec.Terminal() && rec.Loc.Object.Member == "" {
						ended.Store(true)
					}
					records.Add(1)
					return nil
				})
			}()
			select {
			case err := <-done:
				t.Fatalf("read to its end before the cancel (%v): not hostile enough", err)
			case <-time.After(300 * time.Millisecond):
			}
			start := time.Now()
			cancel()
			select {
			case err := <-done:
				latency := time.Since(start)
				t.Logf("%s: Read returned %v after the cancel (%d records before)", h.name, latency.Round(100*time.Microsecond), records.Load())
				if !errors.Is(err, context.Canceled) || ended.Load() {
					t.Errorf("Read = %v, terminal record %v; want context.Canceled and none", err, ended.Load())
				}
				if latency > 5*time.Second {
					t.Errorf("Read returned %v after the cancel, want within a second or so", latency)
				}
			case <-time.After(30 * time.Second):
				t.Fatal("Read did not return within 30 s of the cancel")
			}
		})
	}
}

// TestObjectTimeout: an object whose reading passes its time budget fails
// with a timeout (context.DeadlineExceeded, the reason "timeout"), after the
// records read, and Read returns: the next object is read as usual.
func TestObjectTimeout(t *testing.T) {
	if testing.Short() {
		t.Skip("reads hostile inputs for seconds")
	}
	t.Cleanup(func() { drainAbandoned(t) })
	const budget = 300 * time.Millisecond
	opts := Options{ObjectTimeout: budget}
	for _, h := range hostiles() {
		t.Run(h.name, func(t *testing.T) {
			var end error
			records := 0
			r := h.open(t)
			start := time.Now()
			done := make(chan error, 1)
			go func() {
				done <- Read(context.Background(), connectors.NewFile(h.name), r, opts, func(rec connectors.Record, err error) error {
					switch {
					case rec.Terminal() && rec.Loc.Object.Member == "":
						end = err
					case err == nil && !rec.Terminal():
						records++
					}
					return nil
				})
			}()
			select {
			case err := <-done:
				took := time.Since(start)
				t.Logf("%s: failed after %v with %d records read", h.name, took.Round(time.Millisecond), records)
				var te *TimeoutError
				if err != nil || !errors.As(end, &te) || te.Limit != budget || !errors.Is(end, context.DeadlineExceeded) {
					t.Fatalf("Read = %v, terminal error %v; want nil and a timeout", err, end)
				}
				if records == 0 && strings.HasPrefix(h.name, "endless") {
					t.Error("no records passed before the timeout") // what was read stands
				}
				if took > budget+abandonGrace+5*time.Second {
					t.Errorf("the timeout took %v to end the object", took)
				}
			case <-time.After(60 * time.Second):
				t.Fatal("the object timeout did not end Read")
			}
			// The next object is read as usual.
			got := readAll(t, "next.csv", []byte("氏名,電話\n山田,090-1234-5678\n"), opts)
			eq(t, got, []string{"next.csv|line 1 [] label 氏名", "next.csv|line 1 [] label 電話", "next.csv|line 2 [氏名] 山田", "next.csv|line 2 [電話] 090-1234-5678", "next.csv#csv"})
		})
	}
}

// slowReader is a store that sends little at a time, slowly.
type slowReader struct {
	r     io.Reader
	pause time.Duration
}

func (s *slowReader) Read(p []byte) (int, error) {
	time.Sleep(s.pause)
	return s.r.Read(p[:min(len(p), 64)])
}

// TestObjectTimeoutCountsParsingOnly: waiting for a slow store or for slow
// detectors (fn) is not the object's time: an object that takes far longer
// than its budget that way is read whole.
func TestObjectTimeoutCountsParsingOnly(t *testing.T) {
	var data bytes.Buffer
	data.WriteString("id,name,tel,mail\n")
	for n := 1; n <= 200; n++ {
		data.Write(csvLine(n))
	}
	const budget = 200 * time.Millisecond
	for _, tt := range []struct {
		name  string
		r     io.Reader
		pause time.Duration // in fn, for each record
	}{
		{"a slow store", &slowReader{r: bytes.NewReader(data.Bytes()), pause: 10 * time.Millisecond}, 0},
		{"slow detectors", bytes.NewReader(data.Bytes()), 2 * time.Millisecond},
	} {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			var end error
			records := 0
			err := Read(context.Background(), connectors.NewFile("slow.csv"), tt.r, Options{ObjectTimeout: budget}, func(rec connectors.Record, err error) error {
				if rec.Terminal() {
					end = err
					return nil
				}
				records++
				time.Sleep(tt.pause)
				return nil
			})
			took := time.Since(start)
			if took < 4*budget {
				t.Fatalf("read in %v: not slow enough to prove anything", took)
			}
			if err != nil || end != nil || records != 4+200*4 {
				t.Errorf("after %v: Read = %v, terminal error %v, %d records; want all 804 read", took, err, end, records)
			}
		})
	}
}

// spinner stands for a library call that loops in CPU without reading
// and without looking at any context, until release is closed.
func spinner(release chan struct{}, started chan<- struct{}) func(em *emitter) error {
	return func(em *emitter) error {
		close(started)
		for {
			select {
			case <-release:
				// Like a library that comes back: its records are refused
				// once it was abandoned.
				return em.emit(1, "", []byte("late"))
			//lint:ignore SA5004 it spins on purpose: a library that loops in CPU
			default:
			}
		}
	}
}

// TestGuard: a library call that spins without reading is abandoned
// abandonGrace after the cancel: guard returns, the object fails, no
// record of the call reaches fn after that, and the call is counted until
// it ends. While maxAbandoned such calls run, no more are started.
func TestGuard(t *testing.T) {
	var late atomic.Int64
	em := &emitter{ctx: context.Background(), fn: func(connectors.Record, error) error { late.Add(1); return nil }}

	ctx, cancel := context.WithCancel(context.Background())
	release := make(chan struct{})
	started := make(chan struct{})
	done := make(chan error, 1)
	go func() { done <- guard(ctx, "workbook", em, spinner(release, started)) }()
	<-started
	start := time.Now()
	cancel()
	err := <-done
	latency := time.Since(start)
	t.Logf("guard returned %v after the cancel", latency.Round(time.Millisecond))
	if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "did not stop") || latency < abandonGrace || latency > abandonGrace+4*time.Second {
		t.Errorf("guard = %v after %v; want the cancel, after the grace", err, latency)
	}
	if n := abandoned.Load(); n != 1 {
		t.Errorf("abandoned = %d, want 1", n)
	}

	// Up to maxAbandoned, calls are still started; then none is.
	var releases []chan struct{}
	for abandoned.Load() < maxAbandoned {
		c := make(chan struct{})
		releases = append(releases, c)
		s := make(chan struct{})
		go guard(ctx, "workbook", em, spinner(c, s))
		<-s
		for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(10 * time.Millisecond) {
			if abandoned.Load() == int64(len(releases)+1) || time.Now().After(deadline) {
				break
			}
		}
	}
	err = guard(context.Background(), "workbook", em, func(*emitter) error { t.Error("a call started past the limit"); return nil })
	if err == nil || !strings.Contains(err.Error(), "are still running in their library (abandoned); no more are started") {
		t.Errorf("guard past the limit = %v", err)
	}

	close(release)
	for _, c := range releases {
		close(c)
	}
	drainAbandoned(t)
	if n := late.Load(); n != 0 {
		t.Errorf("%d records of abandoned calls reached fn", n)
	}
	// Calls are started again, and a call that returns in time is waited
	// for, its records passed.
	err = guard(context.Background(), "workbook", em, func(em *emitter) error { return em.emit(1, "", []byte("in time")) })
	if err != nil || late.Load() != 1 {
		t.Errorf("guard = %v, %d records; want nil and 1", err, late.Load())
	}
	// A panic in the call is the object's failure, not the scan's.
	err = guard(context.Background(), "PDF", em, func(*emitter) error { panic("boom") })
	if err == nil || !strings.Contains(err.Error(), "PDF: internal error while parsing: boom") {
		t.Errorf("guard of a panicking call = %v", err)
	}
}
