package s3test

import (
	"bufio"
	"crypto/rand"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// FaultProxy is a loopback HTTP proxy in front of a server that injects
// faults into chosen requests and forwards all others untouched, Host
// header included, so that the server still checks every signature. Clients
// must use path-style addressing with URL as their endpoint. It is safe for
// concurrent use.
type FaultProxy struct {
	URL string // http://127.0.0.1:PORT

	forward *httputil.ReverseProxy
	mu      sync.Mutex
	faults  []*fault
	seen    map[request]int
	latency time.Duration
	severed bool
}

// request names what a request is for, path-style: PUT /bucket/key is
// {"PUT", "bucket", "key"}, and a bucket-level GET (ListObjectsV2) has key "".
type request struct{ method, bucket, key string }

type faultKind int

const (
	slowDown   faultKind = iota // answer 503 SlowDown without forwarding
	resetAfter                  // forward, then reset the connection mid-body
	stallAfter                  // forward, then send nothing more until the client gives up
	runFirst                    // run a function, then forward
)

type fault struct {
	match request // an empty bucket or key matches any
	kind  faultKind
	left  int    // requests still to fault
	after int64  // resetAfter, stallAfter: body bytes to pass first
	run   func() // runFirst
}

func (f *fault) matches(r request) bool {
	return f.left > 0 && f.match.method == r.method &&
		(f.match.bucket == "" || f.match.bucket == r.bucket) &&
		(f.match.key == "" || f.match.key == r.key)
}

// NewFaultProxy starts a proxy to target (Server.Endpoint); it is closed
// when the test ends.
func NewFaultProxy(tb testing.TB, target string) *FaultProxy {
	tb.Helper()
	u, err := url.Parse(target)
	if err != nil {
		tb.Fatalf("fault proxy: target: %v", err)
	}
	// DisableCompression: the proxy must not add Accept-Encoding: gzip and
	// decompress on the client's behalf; the body goes through as sent.
	transport := &http.Transport{DisableCompression: true, MaxIdleConnsPerHost: 16}
	quiet := log.New(io.Discard, "", 0) // resets and aborted copies are intended
	p := &FaultProxy{
		forward: &httputil.ReverseProxy{
			Rewrite: func(r *httputil.ProxyRequest) {
				r.SetURL(u)
				r.Out.Host = r.In.Host // the client signed the proxy's address
			},
			Transport:     transport,
			FlushInterval: -1, // pass each chunk on at once, so resets land where asked
			ErrorLog:      quiet,
		},
		seen: make(map[request]int),
	}
	srv := httptest.NewUnstartedServer(p)
	srv.Config.ErrorLog = quiet
	srv.Start()
	p.URL = srv.URL
	tb.Cleanup(func() {
		srv.Close()
		transport.CloseIdleConnections()
	})
	return p
}

// SlowDown makes the next n requests with method to bucket/key (an empty
// bucket or key matches any) answer 503 with S3's SlowDown error, without
// forwarding them. Their bodies are not read.
func (p *FaultProxy) SlowDown(method, bucket, key string, n int) {
	p.add(&fault{match: request{method, bucket, key}, kind: slowDown, left: n})
}

// ResetAfter makes the next n GETs of bucket/key go through, but resets the
// TCP connection once after bytes of the response body have been sent, so
// that the client reads "connection reset by peer" mid-object.
func (p *FaultProxy) ResetAfter(bucket, key string, after int64, n int) {
	p.add(&fault{match: request{http.MethodGet, bucket, key}, kind: resetAfter, left: n, after: after})
}

// StallAfter makes the next n GETs of bucket/key go through, but stop
// sending once after bytes of the body, holding the connection open until
// the client closes it: a half-open connection, which only a client-side
// timeout gets out of.
func (p *FaultProxy) StallAfter(bucket, key string, after int64, n int) {
	p.add(&fault{match: request{http.MethodGet, bucket, key}, kind: stallAfter, left: n, after: after})
}

// SetLatency delays every request by d before it is answered or
// forwarded, as a distant region would: benchmarks use it to see how many
// objects in flight hide a round trip.
func (p *FaultProxy) SetLatency(d time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.latency = d
}

// Before runs fn before forwarding the next request with this method to
// bucket/key: a test can change the store between a client's two requests,
// say delete an object after it was listed and before it is read.
func (p *FaultProxy) Before(method, bucket, key string, fn func()) {
	p.add(&fault{match: request{method, bucket, key}, kind: runFirst, left: 1, run: fn})
}

// Sever makes the endpoint unreachable from now on: every request's
// connection is reset before any answer, as when a server or the network
// to it goes away for good.
func (p *FaultProxy) Sever() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.severed = true
}

// Requests counts the requests seen, forwarded or faulted, with method to
// exactly bucket/key; key "" counts bucket-level requests such as
// ListObjectsV2.
func (p *FaultProxy) Requests(method, bucket, key string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.seen[request{method, bucket, key}]
}

// ObjectRequests counts the requests seen with method to any object of
// bucket: GET counts the GetObject requests, HEAD the HeadObject ones.
func (p *FaultProxy) ObjectRequests(method, bucket string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := 0
	for r, c := range p.seen {
		if r.method == method && r.bucket == bucket && r.key != "" {
			n += c
		}
	}
	return n
}

func (p *FaultProxy) add(f *fault) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.faults = append(p.faults, f)
}

// take counts r and claims the first fault that matches it, if any.
func (p *FaultProxy) take(r request) (fault, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.seen[r]++
	for _, f := range p.faults {
		if f.matches(r) {
			f.left--
			return *f, true
		}
	}
	return fault{}, false
}

func (p *FaultProxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	// Path is already URL-decoded, which is how keys are compared.
	bucket, key, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/")
	f, ok := p.take(request{r.Method, bucket, key})
	p.mu.Lock()
	latency, severed := p.latency, p.severed
	p.mu.Unlock()
	if severed {
		hangUp(w)
		return
	}
	if latency > 0 {
		select {
		case <-time.After(latency):
		case <-r.Context().Done():
			return
		}
	}
	// ReverseProxy flushes from a timer goroutine too (FlushInterval -1
	// flushes the headers at once, on its own): once a fault has hijacked
	// the connection, or the handler has ended, such a flush would reach a
	// response that is gone (a nil pointer in net/http).
	sw := &guardedWriter{ResponseWriter: w}
	defer sw.end()
	w = sw
	switch {
	case !ok:
		p.forward.ServeHTTP(w, r)
	case f.kind == runFirst:
		f.run()
		p.forward.ServeHTTP(w, r)
	case f.kind == slowDown:
		writeSlowDown(w, r)
	case f.kind == resetAfter:
		p.forward.ServeHTTP(&cutWriter{ResponseWriter: w, left: f.after, cut: reset}, r)
	case f.kind == stallAfter:
		p.forward.ServeHTTP(&cutWriter{ResponseWriter: w, left: f.after, cut: stallUntil(r.Context().Done())}, r)
	}
}

// writeSlowDown answers as S3 does when throttling, so that SDKs classify
// the error as they would in production.
func writeSlowDown(w http.ResponseWriter, r *http.Request) {
	id := strings.ToUpper(rand.Text()[:16])
	w.Header().Set("Content-Type", "application/xml")
	w.Header().Set("X-Amz-Request-Id", id)
	w.WriteHeader(http.StatusServiceUnavailable)
	if r.Method == http.MethodHead {
		return
	}
	fmt.Fprintf(w, "%s<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message>"+
		"<RequestId>%s</RequestId><HostId>%s</HostId></Error>", xml.Header, id, rand.Text())
}

var (
	errReset   = errors.New("s3test: connection reset on purpose")
	errStalled = errors.New("s3test: the client gave up on a stalled body")
)

// cutWriter passes left bytes of the body on, then calls cut, whose error
// makes ReverseProxy abort the handler and close the upstream response.
type cutWriter struct {
	http.ResponseWriter
	left int64
	cut  func(w http.ResponseWriter) error
}

func (w *cutWriter) Write(b []byte) (int, error) {
	if int64(len(b)) < w.left {
		n, err := w.ResponseWriter.Write(b)
		w.left -= int64(n)
		return n, err
	}
	n, err := w.ResponseWriter.Write(b[:w.left])
	if err != nil {
		return n, err
	}
	w.left = 0
	return n, w.cut(w.ResponseWriter)
}

// Unwrap lets http.ResponseController (ReverseProxy's flushes) reach the
// real writer.
func (w *cutWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// guardedWriter passes flushes on only while the handler owns the
// response: not after a hijack, nor after the handler returned.
type guardedWriter struct {
	http.ResponseWriter
	mu   sync.Mutex
	gone bool
}

func (g *guardedWriter) FlushError() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.gone {
		return http.ErrHijacked
	}
	return http.NewResponseController(g.ResponseWriter).Flush()
}

func (g *guardedWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.gone = true
	return http.NewResponseController(g.ResponseWriter).Hijack()
}

func (g *guardedWriter) end() {
	g.mu.Lock()
	g.gone = true
	g.mu.Unlock()
}

// reset sends what was written, then resets the connection.
func reset(w http.ResponseWriter) error {
	if err := http.NewResponseController(w).Flush(); err != nil {
		return fmt.Errorf("reset: flush: %w", err)
	}
	return hangUp(w)
}

// hangUp closes the connection with linger 0, which makes the kernel send
// RST instead of FIN, without sending anything that was not yet flushed.
func hangUp(w http.ResponseWriter) error {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		return fmt.Errorf("reset: hijack: %w", err)
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		tc.SetLinger(0)
	}
	conn.Close()
	return errReset
}

// stallUntil sends what was written, then holds the connection open,
// sending nothing, until done (the client went away).
func stallUntil(done <-chan struct{}) func(http.ResponseWriter) error {
	return func(w http.ResponseWriter) error {
		if err := http.NewResponseController(w).Flush(); err != nil {
			return err
		}
		<-done
		return errStalled
	}
}
