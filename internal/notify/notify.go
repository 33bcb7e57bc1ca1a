package notify

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Defaults for Options left zero.
const (
	DefaultTimeout  = 10 * time.Second
	DefaultAttempts = 5
	DefaultBackoff  = time.Second
	DefaultQueue    = 100
	maxBackoff      = time.Minute
)

// Errors that Result.Err wraps.
var (
	ErrQueueFull = errors.New("notification queue full") // dropped by Send
	ErrClosed    = errors.New("notifier closed")         // sent after Close, or given up by Close
)

// Options configure a Notifier, one per webhook target.
type Options struct {
	URL        string
	Secret     []byte        // from the environment; empty is an error: a webhook must be signed
	Client     *http.Client  // used as is; default: DefaultTimeout, no redirects followed (a redirect is refused, not retried)
	Attempts   int           // default DefaultAttempts
	Backoff    time.Duration // first retry delay, default DefaultBackoff, doubling, with jitter, capped at 1 min; a 429/503 Retry-After is honoured up to the cap
	Queue      int           // default DefaultQueue notifications waiting; when full, Send drops the new one and reports it
	UserAgent  string        // e.g. "pmscan/1.4.0"; default "pmscan"
	Report     func(Result)  // called once per notification when it is delivered, given up, or dropped (for logs and metrics); may be nil. Called from the worker, or from Send for drops: it must be safe for concurrent use and quick
	maxBackoff time.Duration // the cap; tests shorten it
}

// Result is what became of one notification.
type Result struct {
	Target    string // Payload.Target
	Delivery  string // Payload.Delivery
	Delivered bool   // a 2xx answer
	Dropped   bool   // never attempted: the queue was full or the Notifier closed
	Attempts  int
	Status    int           // the last answer's HTTP status; 0 if none came
	Err       error         // why it was not delivered; nil if it was
	Elapsed   time.Duration // from Send to this result, queueing included
}

// Notifier posts notifications to one webhook from a single worker
// goroutine, in the order sent. Delivery is at least once: a receiver that
// answered too late for us gets the notification again, with the same
// Delivery.
type Notifier struct {
	url       string // as configured, for requests
	safeURL   string // for errors: no userinfo, path or query
	secret    []byte
	client    *http.Client
	attempts  int
	backoff   time.Duration
	cap       time.Duration
	userAgent string
	report    func(Result)

	mu     sync.Mutex // guards closed and sending on queue against its close
	closed bool
	queue  chan job

	ctx       context.Context // cancelled when Close gives up
	cancel    context.CancelFunc
	done      chan struct{} // closed when the worker has returned
	abandoned atomic.Int64  // notifications Close gave up
}

// job is a notification as Send took it: its body is fixed then, so every
// attempt sends the same bytes and the caller may reuse the Payload.
type job struct {
	target, delivery, events string
	body                     []byte
	sent                     time.Time
}

// New checks o and starts the worker. Close must be called to stop it.
func New(o Options) (*Notifier, error) {
	u, err := checkURL(o.URL)
	if err != nil {
		return nil, err
	}
	if len(o.Secret) == 0 {
		return nil, errors.New("notify: no webhook secret: notifications must be signed")
	}
	if o.Attempts < 0 || o.Backoff < 0 || o.Queue < 0 || o.maxBackoff < 0 {
		return nil, errors.New("notify: attempts, backoff and queue must not be negative")
	}
	n := &Notifier{
		url:       o.URL,
		safeURL:   u.Scheme + "://" + u.Host,
		secret:    bytes.Clone(o.Secret),
		client:    o.Client,
		attempts:  orDefault(o.Attempts, DefaultAttempts),
		backoff:   orDefault(o.Backoff, DefaultBackoff),
		cap:       orDefault(o.maxBackoff, maxBackoff),
		userAgent: orDefault(o.UserAgent, "pmscan"),
		report:    o.Report,
		queue:     make(chan job, orDefault(o.Queue, DefaultQueue)),
		done:      make(chan struct{}),
	}
	if n.client == nil {
		n.client = &http.Client{
			Timeout: DefaultTimeout,
			// Following would post the signed body wherever the answer
			// points, and hide a stale URL in the config.
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		}
	}
	if n.backoff > n.cap {
		n.backoff = n.cap
	}
	n.ctx, n.cancel = context.WithCancel(context.Background())
	go n.work()
	return n, nil
}

// orDefault is v, or def when v is zero.
func orDefault[T comparable](v, def T) T {
	var zero T
	if v == zero {
		return def
	}
	return v
}

// checkURL parses a webhook URL. Its errors never quote the URL: it may
// hold a password or a token.
func checkURL(raw string) (*url.URL, error) {
	if raw == "" {
		return nil, errors.New("notify: no webhook URL")
	}
	u, err := url.Parse(raw)
	if err != nil {
		// url.Error quotes the URL, and its inner error can quote a piece
		// of it ("invalid port" after a password with a slash in it).
		return nil, errors.New("notify: webhook URL does not parse")
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, errors.New("notify: webhook URL must start with http:// or https://")
	}
	if u.User != nil {
		return nil, errors.New("notify: webhook URL must not hold a user or password (user:password@); the body is signed with the secret instead")
	}
	if u.Host == "" {
		return nil, errors.New("notify: webhook URL has no host")
	}
	return u, nil
}

// Send queues p for delivery and returns at once. When the queue is full,
// or after Close, p is dropped and reported as Dropped. Send sets
// SchemaVersion and Delivery on its own copy when they are zero; p is not
// kept, so the caller may change it afterwards. Send is safe to call from
// several goroutines. A nil p is ignored.
func (n *Notifier) Send(p *Payload) {
	if p == nil {
		return
	}
	now := time.Now()
	q := *p
	if q.SchemaVersion == 0 {
		q.SchemaVersion = PayloadVersion
	}
	if q.Delivery == "" {
		q.Delivery = NewDeliveryID()
	}
	j := job{target: q.Target, delivery: q.Delivery, events: strings.Join(q.Events, ","), sent: now}
	body, err := json.Marshal(q)
	if err != nil {
		// Only a time outside years 0-9999 can do this.
		n.reportResult(Result{Target: j.target, Delivery: j.delivery, Dropped: true, Err: fmt.Errorf("notify: encode payload: %w", err)})
		return
	}
	j.body = body

	n.mu.Lock()
	var drop error
	if n.closed {
		drop = ErrClosed
	} else {
		select {
		case n.queue <- j:
		default:
			drop = ErrQueueFull
		}
	}
	n.mu.Unlock()
	if drop != nil {
		// Reported here, outside the lock, on the caller's goroutine: the
		// worker is busy, which is why the queue is full.
		n.reportResult(Result{Target: j.target, Delivery: j.delivery, Dropped: true, Err: drop, Elapsed: time.Since(now)})
	}
}

// Close stops taking notifications and delivers those queued, retrying as
// usual, until ctx ends; then it aborts the attempt in flight and reports
// the rest as not delivered. It returns once every notification has been
// reported: no Report call follows it, except from a later Send (reported
// as Dropped). The error says how many were given up when ctx ended.
func (n *Notifier) Close(ctx context.Context) error {
	n.mu.Lock()
	if !n.closed {
		n.closed = true
		close(n.queue)
	}
	n.mu.Unlock()
	select {
	case <-n.done:
	case <-ctx.Done():
		n.cancel()
		<-n.done
	}
	n.cancel() // frees the context's resources
	if k := n.abandoned.Load(); k > 0 {
		return fmt.Errorf("notify: %d notifications not delivered when closing: %w", k, lastOr(context.Cause(ctx), ErrClosed))
	}
	return nil
}

func (n *Notifier) work() {
	defer close(n.done)
	for j := range n.queue {
		n.reportResult(n.deliver(j))
	}
}

func (n *Notifier) reportResult(r Result) {
	if n.report != nil {
		n.report(r)
	}
}

// deliver tries j until it is delivered, refused for good, out of
// attempts, or Close gives up.
func (n *Notifier) deliver(j job) Result {
	r := Result{Target: j.target, Delivery: j.delivery}
	defer func() { r.Elapsed = time.Since(j.sent) }()
	for {
		if n.ctx.Err() != nil {
			n.abandoned.Add(1)
			if r.Err == nil {
				r.Err = fmt.Errorf("notify: not delivered: %w", ErrClosed)
			} else {
				r.Err = fmt.Errorf("notify: gave up after %d attempts: %w (last attempt: %w)", r.Attempts, ErrClosed, r.Err)
			}
			return r
		}
		r.Attempts++
		status, wait, retry, err := n.post(j)
		r.Status = status
		if err == nil {
			r.Delivered, r.Err = true, nil
			return r
		}
		r.Err = err
		if !retry {
			r.Err = fmt.Errorf("notify: refused: %w", err)
			return r
		}
		if n.ctx.Err() != nil {
			continue // Close gave up, maybe aborting this attempt; the loop's top says so
		}
		if r.Attempts >= n.attempts {
			r.Err = fmt.Errorf("notify: gave up after %d attempts: %w", r.Attempts, err)
			return r
		}
		t := time.NewTimer(n.delay(r.Attempts, wait))
		select {
		case <-t.C:
		case <-n.ctx.Done():
			t.Stop()
		}
	}
}

func lastOr(err, def error) error {
	if err != nil {
		return err
	}
	return def
}

// delay is the wait before the retry after attempt (1 for the first):
// backoff doubled per attempt, ±25% at random so that notifiers that failed
// together do not retry together, at least retryAfter, at most the cap.
func (n *Notifier) delay(attempt int, retryAfter time.Duration) time.Duration {
	d := n.backoff
	for i := 1; i < attempt && d < n.cap; i++ {
		d *= 2
	}
	d = min(d, n.cap)
	d = d*3/4 + rand.N(d/2+1)
	d = max(d, retryAfter)
	return min(d, n.cap)
}

// post makes one attempt. It returns the status (0 if no answer), the
// Retry-After asked for, and whether another attempt may succeed.
func (n *Notifier) post(j job) (status int, retryAfter time.Duration, retry bool, err error) {
	req, err := http.NewRequestWithContext(n.ctx, http.MethodPost, n.url, bytes.NewReader(j.body))
	if err != nil {
		return 0, 0, false, fmt.Errorf("POST %s: %w", n.safeURL, scrub(err, n.safeURL))
	}
	h := req.Header
	h.Set("Content-Type", "application/json")
	h.Set("User-Agent", n.userAgent)
	h.Set(HeaderDelivery, j.delivery)
	if j.events != "" {
		h.Set(HeaderEvent, j.events)
	}
	// Signed at each attempt, so a retry a minute later is not refused as
	// a replay.
	h.Set(HeaderSignature, Sign(n.secret, j.body, time.Now()))

	resp, err := n.client.Do(req)
	if err != nil {
		return 0, 0, true, scrub(err, n.safeURL)
	}
	// Read a little of the body so the connection can be reused; none of
	// it goes into errors, where a server could echo the URL's token.
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()

	code := resp.StatusCode
	switch {
	case code >= 200 && code <= 299:
		return code, 0, false, nil
	case code >= 300 && code <= 399:
		// Permanent: a moved webhook stays moved, and following it would
		// post the signed body wherever the answer points.
		return code, 0, false, fmt.Errorf("POST %s: %s: redirects are not followed; update the webhook URL", n.safeURL, resp.Status)
	case code == http.StatusRequestTimeout || code == http.StatusTooManyRequests || code >= 500:
		if code == http.StatusTooManyRequests || code == http.StatusServiceUnavailable {
			retryAfter = parseRetryAfter(resp.Header.Get("Retry-After"), time.Now())
		}
		return code, retryAfter, true, fmt.Errorf("POST %s: %s", n.safeURL, resp.Status)
	default:
		// Any other 4xx: the receiver refuses this notification (a bad
		// signature, a wrong path) and will again.
		return code, 0, false, fmt.Errorf("POST %s: %s", n.safeURL, resp.Status)
	}
}

// parseRetryAfter reads a Retry-After header: seconds, or an HTTP date.
// It returns 0 when there is none or it cannot be read.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if s, err := strconv.ParseInt(v, 10, 64); err == nil {
		if s <= 0 {
			return 0
		}
		return time.Duration(min(s, int64(24*time.Hour/time.Second))) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}

// scrub rewrites a client error to name safeURL in place of the URL the
// request was made to, which the client quotes with its query string (a
// token, often) and with a redirect's target.
func scrub(err error, safeURL string) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return &url.Error{Op: ue.Op, URL: safeURL, Err: ue.Err}
	}
	return err
}
