package notify

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

var testSecret = []byte("test-secret-9f8e7d")

// wait is how long a test waits for something that should take
// milliseconds, before failing rather than hanging: long, since a loaded
// 2-core CI machine can stall a goroutine for a second.
const wait = 10 * time.Second

// request is one request a test server received.
type request struct {
	header http.Header
	body   []byte
	at     time.Time
}

// server answers with the next of its answers per request (the last one
// repeated) and records what it received.
type server struct {
	*httptest.Server
	mu       sync.Mutex
	reqs     []request
	answers  []answer
	received chan struct{} // a value per request, for tests waiting on one
}

type answer struct {
	status int
	header map[string]string
	hang   bool // until the client gives up
}

func newServer(t *testing.T, answers ...answer) *server {
	t.Helper()
	s := &server{answers: answers, received: make(chan struct{}, 100)}
	stop := make(chan struct{})
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		s.mu.Lock()
		s.reqs = append(s.reqs, request{header: r.Header.Clone(), body: body, at: time.Now()})
		a := s.answers[min(len(s.reqs), len(s.answers))-1]
		s.mu.Unlock()
		select {
		case s.received <- struct{}{}:
		default:
		}
		if a.hang {
			select {
			case <-r.Context().Done():
			case <-stop:
			}
			return
		}
		for k, v := range a.header {
			w.Header().Set(k, v)
		}
		w.WriteHeader(a.status)
		io.WriteString(w, "answer body that must not reach errors: "+r.URL.RawQuery)
	}))
	t.Cleanup(func() {
		close(stop)
		s.Close()
	})
	return s
}

func (s *server) requests() []request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]request(nil), s.reqs...)
}

// waitRequest waits until the server has received a request.
func (s *server) waitRequest(t *testing.T) {
	t.Helper()
	select {
	case <-s.received:
	case <-time.After(wait):
		t.Fatal("no request reached the server")
	}
}

// newNotifier starts a Notifier with test timings whose results arrive on
// the channel returned. It is closed when the test ends.
func newNotifier(t *testing.T, o Options) (*Notifier, <-chan Result) {
	t.Helper()
	results := make(chan Result, 100)
	if o.Secret == nil {
		o.Secret = testSecret
	}
	if o.Backoff == 0 {
		o.Backoff = 10 * time.Millisecond
	}
	if o.maxBackoff == 0 {
		o.maxBackoff = 100 * time.Millisecond
	}
	o.Report = func(r Result) { results <- r }
	n, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), wait)
		defer cancel()
		n.Close(ctx)
	})
	return n, results
}

func next(t *testing.T, results <-chan Result) Result {
	t.Helper()
	select {
	case r := <-results:
		return r
	case <-time.After(wait):
		t.Fatal("no result reported")
		return Result{}
	}
}

func TestDeliver(t *testing.T) {
	ok, created := answer{status: 200}, answer{status: 201}
	tests := []struct {
		name          string
		answers       []answer
		attempts      int
		wantDelivered bool
		wantAttempts  int
		wantStatus    int
		wantErr       string
	}{
		{name: "accepted", answers: []answer{ok}, wantDelivered: true, wantAttempts: 1, wantStatus: 200},
		{name: "503 twice then accepted", answers: []answer{{status: 503}, {status: 503}, created}, wantDelivered: true, wantAttempts: 3, wantStatus: 201},
		{name: "408 retried", answers: []answer{{status: 408}, ok}, wantDelivered: true, wantAttempts: 2, wantStatus: 200},
		{name: "429 retried", answers: []answer{{status: 429}, ok}, wantDelivered: true, wantAttempts: 2, wantStatus: 200},
		{name: "500 until out of attempts", answers: []answer{{status: 500}}, attempts: 3, wantAttempts: 3, wantStatus: 500, wantErr: "gave up after 3 attempts: POST http://127.0.0.1:"},
		{name: "400 refused", answers: []answer{{status: 400}, ok}, wantAttempts: 1, wantStatus: 400, wantErr: "refused: POST http://127.0.0.1:"},
		{name: "401 refused", answers: []answer{{status: 401}, ok}, wantAttempts: 1, wantStatus: 401, wantErr: "401 Unauthorized"},
		{name: "404 refused", answers: []answer{{status: 404}, ok}, wantAttempts: 1, wantStatus: 404, wantErr: "404 Not Found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t, tt.answers...)
			n, results := newNotifier(t, Options{URL: srv.URL + "/hook", Attempts: tt.attempts, UserAgent: "pmscan/test"})
			p := samplePayload()
			p.Delivery = "" // Send makes one
			n.Send(p)
			r := next(t, results)

			if r.Delivered != tt.wantDelivered || r.Dropped || r.Attempts != tt.wantAttempts || r.Status != tt.wantStatus {
				t.Errorf("Result = %+v, want delivered %v after %d attempts, status %d", r, tt.wantDelivered, tt.wantAttempts, tt.wantStatus)
			}
			if tt.wantErr == "" && r.Err != nil || tt.wantErr != "" && (r.Err == nil || !strings.Contains(r.Err.Error(), tt.wantErr)) {
				t.Errorf("Err = %v, want one containing %q", r.Err, tt.wantErr)
			}
			if r.Target != "crm" || len(r.Delivery) != 32 {
				t.Errorf("Result names target %q, delivery %q", r.Target, r.Delivery)
			}
			if p.Delivery != "" {
				t.Error("Send changed the caller's payload")
			}

			reqs := srv.requests()
			if len(reqs) != tt.wantAttempts {
				t.Fatalf("server received %d requests, want %d", len(reqs), tt.wantAttempts)
			}
			for i, req := range reqs {
				if !bytes.Equal(req.body, reqs[0].body) {
					t.Errorf("attempt %d sent another body:\n%s\n%s", i+1, req.body, reqs[0].body)
				}
				var got Payload
				if err := json.Unmarshal(req.body, &got); err != nil {
					t.Fatal(err)
				}
				h := req.header
				if got.Delivery != r.Delivery || h.Get(HeaderDelivery) != r.Delivery || got.SchemaVersion != PayloadVersion {
					t.Errorf("attempt %d: delivery %q, header %q, schema %d; result's delivery %q", i+1, got.Delivery, h.Get(HeaderDelivery), got.SchemaVersion, r.Delivery)
				}
				if err := Verify(testSecret, h.Get(HeaderSignature), req.body, time.Now(), time.Minute); err != nil {
					t.Errorf("attempt %d: %v", i+1, err)
				}
				if h.Get(HeaderEvent) != "new_flags,new_items" || h.Get("Content-Type") != "application/json" || h.Get("User-Agent") != "pmscan/test" {
					t.Errorf("attempt %d: headers %v", i+1, h)
				}
			}
		})
	}
}

func TestRedirectNotFollowed(t *testing.T) {
	elsewhere := newServer(t, answer{status: 200})
	srv := newServer(t, answer{status: 307, header: map[string]string{"Location": elsewhere.URL + "/?token=x"}})
	n, results := newNotifier(t, Options{URL: srv.URL})
	n.Send(samplePayload())
	r := next(t, results)
	if r.Delivered || r.Attempts != 1 || r.Status != 307 || r.Err == nil || strings.Contains(r.Err.Error(), "token") {
		t.Errorf("Result = %+v", r)
	}
	if k := len(elsewhere.requests()); k != 0 {
		t.Errorf("the redirect was followed: %d requests", k)
	}
}

func TestHangingServer(t *testing.T) {
	srv := newServer(t, answer{hang: true})
	n, results := newNotifier(t, Options{URL: srv.URL, Attempts: 2, Client: &http.Client{Timeout: 100 * time.Millisecond}})
	n.Send(samplePayload())
	r := next(t, results)
	if r.Delivered || r.Attempts != 2 || r.Status != 0 {
		t.Errorf("Result = %+v, want given up after 2 attempts", r)
	}
	var timeout interface{ Timeout() bool }
	if !errors.As(r.Err, &timeout) || !timeout.Timeout() {
		t.Errorf("Err = %v, want a timeout", r.Err)
	}
	if k := len(srv.requests()); k != 2 {
		t.Errorf("server received %d requests, want 2", k)
	}
}

func TestRetryAfter(t *testing.T) {
	// Retry-After: 1 asks for a second; the cap (150 ms here) cuts it, and
	// the 10 ms backoff alone would retry far sooner.
	const limit = 150 * time.Millisecond
	for _, status := range []int{429, 503} {
		t.Run(strconv.Itoa(status), func(t *testing.T) {
			srv := newServer(t, answer{status: status, header: map[string]string{"Retry-After": "1"}}, answer{status: 200})
			n, results := newNotifier(t, Options{URL: srv.URL, maxBackoff: limit})
			n.Send(samplePayload())
			if r := next(t, results); !r.Delivered || r.Attempts != 2 {
				t.Fatalf("Result = %+v", r)
			}
			reqs := srv.requests()
			// Only a lower bound: a loaded machine makes waits longer,
			// never shorter.
			if gap := reqs[1].at.Sub(reqs[0].at); gap < limit {
				t.Errorf("retried after %v, want at least %v", gap, limit)
			}
		})
	}
}

func TestDelay(t *testing.T) {
	n := &Notifier{backoff: time.Second, cap: time.Minute}
	tests := []struct {
		attempt    int
		retryAfter time.Duration
		lo, hi     time.Duration
	}{
		{attempt: 1, lo: 750 * time.Millisecond, hi: 1250 * time.Millisecond},
		{attempt: 2, lo: 1500 * time.Millisecond, hi: 2500 * time.Millisecond},
		{attempt: 4, lo: 6 * time.Second, hi: 10 * time.Second},
		{attempt: 7, lo: 45 * time.Second, hi: time.Minute},
		{attempt: 1000, lo: 45 * time.Second, hi: time.Minute}, // no overflow
		{attempt: 1, retryAfter: 30 * time.Second, lo: 30 * time.Second, hi: 30 * time.Second},
		{attempt: 3, retryAfter: 2 * time.Second, lo: 3 * time.Second, hi: 5 * time.Second}, // backoff is longer
		{attempt: 1, retryAfter: time.Hour, lo: time.Minute, hi: time.Minute},               // honoured up to the cap
	}
	for _, tt := range tests {
		for range 50 {
			if d := n.delay(tt.attempt, tt.retryAfter); d < tt.lo || d > tt.hi {
				t.Errorf("delay(%d, %v) = %v, want %v to %v", tt.attempt, tt.retryAfter, d, tt.lo, tt.hi)
				break
			}
		}
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Duration
	}{
		{"", 0},
		{"7", 7 * time.Second},
		{" 7 ", 7 * time.Second},
		{"0", 0},
		{"-3", 0},
		{"soon", 0},
		{"99999999999999999", 24 * time.Hour},
		{"Sun, 01 Mar 2026 12:00:30 GMT", 30 * time.Second},
		{"Sun, 01 Mar 2026 11:00:00 GMT", 0},
	}
	for _, tt := range tests {
		if got := parseRetryAfter(tt.in, now); got != tt.want {
			t.Errorf("parseRetryAfter(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestQueueFull(t *testing.T) {
	srv := newServer(t, answer{hang: true})
	// The worker holds the first notification on the hanging server, the
	// queue the second; the third has nowhere to go.
	n, results := newNotifier(t, Options{URL: srv.URL, Queue: 1, Attempts: 1})
	first, second, third := samplePayload(), samplePayload(), samplePayload()
	first.Delivery, second.Delivery, third.Delivery = "1", "2", "3"
	n.Send(first)
	srv.waitRequest(t)
	n.Send(second)
	n.Send(third) // would hang the test if Send waited

	r := next(t, results) // reported within Send
	if !r.Dropped || r.Delivered || r.Delivery != "3" || r.Attempts != 0 || !errors.Is(r.Err, ErrQueueFull) {
		t.Errorf("Result = %+v, want the third dropped", r)
	}
	select {
	case r := <-results:
		t.Errorf("unexpected result %+v", r)
	default:
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := n.Close(ctx); err == nil {
		t.Error("Close gave up two notifications, and returned no error")
	}
	for _, want := range []string{"1", "2"} {
		if r := next(t, results); r.Delivery != want || r.Delivered || r.Dropped {
			t.Errorf("Result = %+v, want %s not delivered", r, want)
		}
	}
}

func TestCloseDelivers(t *testing.T) {
	srv := newServer(t, answer{status: 503}, answer{status: 204})
	n, results := newNotifier(t, Options{URL: srv.URL})
	for i := range 5 {
		p := samplePayload()
		p.Delivery = strconv.Itoa(i)
		n.Send(p)
	}
	if err := n.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	// All reported by the time Close returns, in the order sent.
	for i := range 5 {
		select {
		case r := <-results:
			if !r.Delivered || r.Delivery != strconv.Itoa(i) {
				t.Errorf("Result %d = %+v", i, r)
			}
		default:
			t.Fatalf("only %d results when Close returned", i)
		}
	}
	n.Send(samplePayload())
	if r := next(t, results); !r.Dropped || !errors.Is(r.Err, ErrClosed) {
		t.Errorf("Send after Close: %+v", r)
	}
}

func TestCloseGivesUp(t *testing.T) {
	tests := []struct {
		name    string
		answers []answer
	}{
		// Close ends the attempt in flight.
		{name: "hanging", answers: []answer{{hang: true}}},
		// Close ends the wait before a retry (1 min here).
		{name: "retrying", answers: []answer{{status: 503, header: map[string]string{"Retry-After": "60"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t, tt.answers...)
			n, results := newNotifier(t, Options{URL: srv.URL, maxBackoff: time.Minute})
			for range 3 {
				n.Send(samplePayload())
			}
			srv.waitRequest(t)
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			err := n.Close(ctx)
			if err == nil || !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "3 notifications not delivered") {
				t.Errorf("Close = %v", err)
			}
			for i := range 3 {
				select {
				case r := <-results:
					if r.Delivered || r.Dropped || !errors.Is(r.Err, ErrClosed) {
						t.Errorf("Result %d = %+v", i, r)
					}
					wantAttempts := 0 // never tried
					if i == 0 {
						wantAttempts = 1
					}
					if r.Attempts != wantAttempts {
						t.Errorf("Result %d made %d attempts, want %d", i, r.Attempts, wantAttempts)
					}
				default:
					t.Fatalf("only %d results when Close returned", i)
				}
			}
		})
	}
}

func TestNoSecretsInErrors(t *testing.T) {
	// A listener closed at once: nothing answers at its address.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	deadAddr := l.Addr().String()
	l.Close()
	srv := newServer(t, answer{status: 500})

	const token = "tok-QUERY-1234"
	const pathToken = "PATH-TOKEN-5678"
	for name, url := range map[string]string{
		"status":  srv.URL + "/hooks/" + pathToken + "?token=" + token,
		"network": "http://" + deadAddr + "/hooks/" + pathToken + "?token=" + token,
	} {
		t.Run(name, func(t *testing.T) {
			n, results := newNotifier(t, Options{URL: url, Attempts: 2})
			n.Send(samplePayload())
			r := next(t, results)
			if r.Err == nil {
				t.Fatal("delivered")
			}
			msg := r.Err.Error()
			for _, secret := range []string{token, pathToken, string(testSecret), "must not reach"} {
				if strings.Contains(msg, secret) {
					t.Errorf("error shows %q: %s", secret, msg)
				}
			}
			if !strings.Contains(msg, "http://127.0.0.1:") {
				t.Errorf("error does not name the host: %s", msg)
			}
		})
	}
}

func TestNew(t *testing.T) {
	tests := []struct {
		name    string
		o       Options
		wantErr string // "" for none
	}{
		{name: "https", o: Options{URL: "https://hooks.example/pmscan?token=x"}},
		{name: "http", o: Options{URL: "http://127.0.0.1:9/"}},
		{name: "upper-case scheme", o: Options{URL: "HTTPS://hooks.example/"}},
		{name: "no URL", o: Options{}, wantErr: "no webhook URL"},
		{name: "ftp", o: Options{URL: "ftp://hooks.example/"}, wantErr: "http:// or https://"},
		{name: "no scheme", o: Options{URL: "hooks.example/pmscan"}, wantErr: "http:// or https://"},
		{name: "no host", o: Options{URL: "https:///pmscan"}, wantErr: "no host"},
		{name: "userinfo", o: Options{URL: "https://bob:hunter2@hooks.example/"}, wantErr: "must not hold a user or password"},
		{name: "user only", o: Options{URL: "https://hunter2@hooks.example/"}, wantErr: "must not hold a user or password"},
		{name: "unparsable with password", o: Options{URL: "https://bob:hun/ter2@hooks.example/"}, wantErr: "does not parse"},
		{name: "control character", o: Options{URL: "https://hooks.example/\nhunter2"}, wantErr: "does not parse"},
		{name: "no secret", o: Options{URL: "https://hooks.example/", Secret: []byte{}}, wantErr: "no webhook secret"},
		{name: "negative attempts", o: Options{URL: "https://hooks.example/", Attempts: -1}, wantErr: "negative"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.o.Secret == nil {
				tt.o.Secret = testSecret
			}
			n, err := New(tt.o)
			if n != nil {
				n.Close(context.Background())
			}
			if tt.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("New = %v, want an error containing %q", err, tt.wantErr)
			}
			if strings.Contains(err.Error(), "hunter2") || strings.Contains(err.Error(), "ter2") {
				t.Errorf("error shows the password: %v", err)
			}
		})
	}
}

func TestNilPayload(t *testing.T) {
	n, results := newNotifier(t, Options{URL: "http://127.0.0.1:9/"})
	n.Send(nil)
	n.Close(context.Background())
	select {
	case r := <-results:
		t.Errorf("nil payload reported: %+v", r)
	default:
	}
}
