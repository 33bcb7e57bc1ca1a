package s3_test

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/md5"
	"encoding/hex"
	"errors"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/connectors/s3"
	"github.com/pmscan/pmscan/internal/testkit/s3test"
)

// putSmallObjects creates bucket and uploads n small CSV objects to it
// (manyObjects: many/export-0000.csv…), several PUTs at a time, and
// returns them. It is the bucket of TestIncrementalGETCount and of
// BenchmarkWalkSince.
func putSmallObjects(tb testing.TB, srv *s3test.Server, bucket string, n int) map[string][]byte {
	tb.Helper()
	srv.CreateBucket(tb, bucket)
	objs := manyObjects(n)
	srv.PutAll(tb, bucket, objs)
	return objs
}

// requestCounter counts the HTTP requests a connector sends, by S3
// operation, through s3.WithTransport.
type requestCounter struct {
	mu sync.Mutex
	n  map[string]int
}

func newRequestCounter() *requestCounter { return &requestCounter{n: map[string]int{}} }

func (c *requestCounter) wrap(next http.RoundTripper) http.RoundTripper {
	return roundTripFunc(func(r *http.Request) (*http.Response, error) {
		c.mu.Lock()
		c.n[operation(r)]++
		c.mu.Unlock()
		return next.RoundTrip(r)
	})
}

func (c *requestCounter) counts() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return maps.Clone(c.n)
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// operation names the S3 operation of a path-style request as the SDK
// sends it: GetObject carries x-id=GetObject, ListObjectsV2 list-type=2,
// HeadObject is the one HEAD with a key, and the reads of a bucket's
// settings name the setting in their query.
func operation(r *http.Request) string {
	q := r.URL.Query()
	key := strings.Contains(strings.TrimPrefix(r.URL.Path, "/"), "/")
	switch {
	case r.Method == http.MethodHead && key:
		return "HeadObject"
	case r.Method == http.MethodGet && q.Get("list-type") == "2":
		return "ListObjectsV2"
	case q.Get("x-id") != "":
		return q.Get("x-id")
	}
	for _, op := range bucketSettingReads {
		if r.Method == http.MethodGet && !key && q.Has(op.query) {
			return op.name
		}
	}
	return r.Method + " " + r.URL.Path // counted, so that a test sees it
}

// bucketSettingReads are the requests with which a walk reads who can
// read its bucket's objects, once.
var bucketSettingReads = []struct{ query, name string }{
	{"policy", "GetBucketPolicy"},
	{"acl", "GetBucketAcl"},
	{"publicAccessBlock", "GetPublicAccessBlock"},
	{"ownershipControls", "GetBucketOwnershipControls"},
}

// withAccessReads is the requests of a walk: reqs, plus one read of each
// of the bucket's settings.
func withAccessReads(reqs map[string]int) map[string]int {
	reqs = maps.Clone(reqs)
	for _, op := range bucketSettingReads {
		reqs[op.name]++
	}
	return reqs
}

// baseline carries every object (all), or those whose Version equals the
// one an earlier walk read (read, by name); it counts what it was asked.
type baseline struct {
	all  bool
	read map[string]*connectors.Version

	mu    sync.Mutex
	asked int
}

func (b *baseline) Carry(_ context.Context, o *connectors.Object) *connectors.Carried {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.asked++
	was, ok := b.read[o.Name()]
	switch {
	case b.all || ok && was.Equal(o.Version):
		return &connectors.Carried{Scan: 1, Parts: []connectors.CarriedPart{{Object: o, Stats: connectors.ObjectStats{Format: "carried"}}}}
	case ok:
		o.ReadBecause = was.Changes(o.Version)
	default:
		o.ReadBecause = "new"
	}
	return nil
}

// ended is how a walk ended one listed object.
type ended struct {
	name    string
	version *connectors.Version
	because string
	carried bool
	members int // records of its archive members
	err     error
}

// walkSince walks conn with b and returns its listed objects as they
// ended, in the walk's order.
func walkSince(t testing.TB, conn connectors.Connector, b connectors.Baseline) []ended {
	t.Helper()
	defer conn.Close()
	var out []ended
	members := 0
	err := conn.(connectors.IncrementalWalker).WalkSince(t.Context(), b, func(rec connectors.Record, err error) error {
		o := rec.Loc.Object
		switch {
		case o.Parent != nil:
			members++
		case rec.Done != nil:
			out = append(out, ended{name: o.Name(), version: o.Version, because: o.ReadBecause,
				carried: rec.Done.Carried != nil, members: members, err: err})
			members = 0
		}
		return nil
	})
	if err != nil {
		t.Fatalf("WalkSince: %v", err)
	}
	return out
}

func names(es []ended) []string {
	var n []string
	for _, e := range es {
		n = append(n, e.name)
	}
	return n
}

func versions(es []ended) map[string]*connectors.Version {
	v := map[string]*connectors.Version{}
	for _, e := range es {
		v[e.name] = e.version
	}
	return v
}

// fact is the value of the named fact of v, or "".
func fact(v *connectors.Version, name string) string {
	for _, f := range v.Facts {
		if f.Name == name {
			return f.Value
		}
	}
	return ""
}

// TestIncrementalGETCount counts the requests of walks of a bucket of
// small objects: an object the baseline carries costs no GET and no HEAD,
// only its share of the listing; one it does not carry costs one GET, as
// in a full walk. The versions of objects read compare equal to the next
// listing's, so a baseline made of them carries everything.
func TestIncrementalGETCount(t *testing.T) {
	const n = 200
	srv := s3test.Start(t)
	start := time.Now()
	putSmallObjects(t, srv, "inc", n)
	t.Logf("put %d objects in %v", n, time.Since(start).Round(time.Millisecond))
	srv.Env(t, srv.Root())

	walk := func(t *testing.T, target string, b connectors.Baseline) ([]ended, map[string]int) {
		counter := newRequestCounter()
		conn := open(t, s3.WithTransport(s3.Options{Endpoint: srv.Endpoint}, counter.wrap), target)
		return walkSince(t, conn, b), counter.counts()
	}
	full, reqs := walk(t, "s3://inc/", nil)
	if want := withAccessReads(map[string]int{"ListObjectsV2": 1, "GetObject": n}); !maps.Equal(reqs, want) {
		t.Fatalf("a full walk sent %v, want %v", reqs, want)
	}
	if len(full) != n {
		t.Fatalf("a full walk ended %d objects, want %d", len(full), n)
	}
	for _, e := range full {
		if e.err != nil || e.carried || e.version == nil {
			t.Fatalf("full walk: %s: err %v, carried %v, version %v", e.name, e.err, e.carried, e.version)
		}
	}

	const key = "s3://inc/many/export-0007.csv"
	for _, tt := range []struct {
		name     string
		target   string
		b        *baseline
		carried  int
		requests map[string]int
	}{
		// A listing page holds up to 1,000 keys: one page.
		{"carry nothing", "s3://inc/", &baseline{}, 0, map[string]int{"ListObjectsV2": 1, "GetObject": n}},
		{"carry everything", "s3://inc/", &baseline{all: true}, n, map[string]int{"ListObjectsV2": 1}},
		{"carry what the full walk read", "s3://inc/", &baseline{read: versions(full)}, n, map[string]int{"ListObjectsV2": 1}},
		// A target naming a key is listed by a HEAD of it.
		{"key, carry nothing", key, &baseline{}, 0, map[string]int{"HeadObject": 1, "GetObject": 1}},
		{"key, carry everything", key, &baseline{all: true}, 1, map[string]int{"HeadObject": 1}},
		{"key, carry what the full walk read", key, &baseline{read: versions(full)}, 1, map[string]int{"HeadObject": 1}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, reqs := walk(t, tt.target, tt.b)
			if want := withAccessReads(tt.requests); !maps.Equal(reqs, want) {
				t.Errorf("requests %v, want %v", reqs, want)
			}
			if tt.b.asked != len(got) {
				t.Errorf("the baseline was asked %d times for %d objects", tt.b.asked, len(got))
			}
			carried := 0
			for _, e := range got {
				if e.err != nil {
					t.Errorf("%s: %v", e.name, e.err)
				}
				if e.version == nil || len(e.version.Facts) < 3 {
					t.Errorf("%s: version %v, want etag, size and last_modified", e.name, e.version)
				}
				if e.carried {
					carried++
				} else if e.because != "new" {
					t.Errorf("%s: read because %q, want the baseline's \"new\"", e.name, e.because)
				}
			}
			if carried != tt.carried {
				t.Errorf("%d of %d objects carried, want %d", carried, len(got), tt.carried)
			}
			if tt.target == "s3://inc/" && !slices.Equal(names(got), names(full)) {
				t.Errorf("objects ended in another order than in a full walk")
			}
		})
	}

	t.Run("callback error", func(t *testing.T) {
		// Carried objects end on the walk goroutine too: the callback's
		// error stops the walk there.
		conn := open(t, s3.Options{Endpoint: srv.Endpoint}, "s3://inc/")
		defer conn.Close()
		stop, calls := errors.New("stop"), 0
		err := conn.(connectors.IncrementalWalker).WalkSince(t.Context(), &baseline{all: true}, func(connectors.Record, error) error {
			calls++
			return stop
		})
		if err != stop || calls != 1 {
			t.Errorf("WalkSince = %v after %d calls, want the callback's error after 1", err, calls)
		}
	})
}

// TestIncrementalVersions overwrites an object between walks: its version
// changes and it is read again, the others carried, an archive whole.
// Identical bytes uploaded again keep the ETag.
func TestIncrementalVersions(t *testing.T) {
	srv := s3test.Start(t)
	srv.CreateBucket(t, "ver")
	srv.PutAll(t, "ver", map[string][]byte{
		"a.csv":       []byte("氏名,電話番号\n山田 太郎,090-1234-5678\n"),
		"b.csv":       []byte("氏名,電話番号\n佐藤 花子,080-2345-6789\n"),
		"archive.zip": zipOf(t, map[string]string{"c.csv": "電話番号\n070-3456-7890\n", "d.txt": "メール user@example.jp\n"}),
	})
	srv.Env(t, srv.Root())
	walk := func(t *testing.T, b connectors.Baseline) ([]ended, map[string]int) {
		counter := newRequestCounter()
		conn := open(t, s3.WithTransport(s3.Options{Endpoint: srv.Endpoint}, counter.wrap), "s3://ver/")
		return walkSince(t, conn, b), counter.counts()
	}
	byName := func(es []ended) map[string]ended {
		m := map[string]ended{}
		for _, e := range es {
			m[strings.TrimPrefix(e.name, "s3://ver/")] = e
		}
		return m
	}

	first, _ := walk(t, nil)
	if zip := byName(first)["archive.zip"]; zip.members == 0 {
		t.Fatalf("a full walk read no member of archive.zip: %+v", zip)
	}

	// Overwritten: same key and size, other bytes.
	srv.Put(t, "ver", "a.csv", []byte("氏名,電話番号\n山田 次郎,090-1234-5678\n"))
	second, reqs := walk(t, &baseline{read: versions(first)})
	if want := withAccessReads(map[string]int{"ListObjectsV2": 1, "GetObject": 1}); !maps.Equal(reqs, want) {
		t.Errorf("after one overwrite, requests %v, want %v", reqs, want)
	}
	was, now := byName(first)["a.csv"], byName(second)["a.csv"]
	if now.carried || was.version.Equal(now.version) || fact(was.version, "etag") == fact(now.version, "etag") {
		t.Errorf("overwritten a.csv: carried %v, version %v, was %v; want it read, with another etag", now.carried, now.version, was.version)
	}
	if !strings.Contains(now.because, "etag ") {
		t.Errorf("overwritten a.csv read because %q, want the etag's change", now.because)
	}
	t.Logf("overwritten a.csv read because: %s (was %v)", now.because, was.version)
	for _, name := range []string{"b.csv", "archive.zip"} {
		if e := byName(second)[name]; !e.carried || e.members != 0 {
			t.Errorf("unchanged %s: carried %v with %d member records, want carried whole", name, e.carried, e.members)
		}
	}

	// The same bytes again, a second later (listings give whole seconds):
	// the ETag is the content's MD5 and stays, the time moves on, and the
	// object is read again.
	time.Sleep(1100 * time.Millisecond)
	srv.Put(t, "ver", "a.csv", []byte("氏名,電話番号\n山田 次郎,090-1234-5678\n"))
	third, _ := walk(t, &baseline{read: versions(second)})
	again := byName(third)["a.csv"]
	if fact(again.version, "etag") != fact(now.version, "etag") || fact(again.version, "size") != fact(now.version, "size") {
		t.Errorf("identical bytes uploaded again: version %v, was %v; want the same etag and size", again.version, now.version)
	}
	if again.carried || !strings.Contains(again.because, "last_modified ") || strings.Contains(again.because, "etag") {
		t.Errorf("identical bytes uploaded again: carried %v, read because %q; want read for its last_modified alone", again.carried, again.because)
	}
	t.Logf("identical bytes uploaded again read because: %s", again.because)
}

// TestVersionIsWhatWasRead overwrites an object after it is listed and
// before its GET: it is read as it is now, and its version says so, for
// the next scan to compare with what was read, not with what was listed.
func TestVersionIsWhatWasRead(t *testing.T) {
	srv := s3test.Start(t)
	srv.CreateBucket(t, "race")
	listed, put := []byte("氏名\n山田 太郎\n"), []byte("氏名,電話番号\n山田 太郎,090-1234-5678\n")
	srv.PutAll(t, "race", map[string][]byte{"a.csv": listed, "b.csv": listed})
	srv.Env(t, srv.Root())
	proxy := s3test.NewFaultProxy(t, srv.Endpoint)
	proxy.Before("GET", "race", "a.csv", func() { srv.Put(t, "race", "a.csv", put) })

	got := walkSince(t, open(t, s3.Options{Endpoint: proxy.URL}, "s3://race/"), &baseline{})
	if len(got) != 2 {
		t.Fatalf("%d objects ended, want 2", len(got))
	}
	for _, tt := range []struct {
		e    ended
		body []byte
	}{{got[0], put}, {got[1], listed}} {
		sum := md5.Sum(tt.body)
		if etag := fact(tt.e.version, "etag"); etag != hex.EncodeToString(sum[:]) {
			t.Errorf("%s: version %v, want the etag of the bytes read", tt.e.name, tt.e.version)
		}
		if size := fact(tt.e.version, "size"); size != strconv.Itoa(len(tt.body)) {
			t.Errorf("%s: version %v, want the size of the bytes read (%d)", tt.e.name, tt.e.version, len(tt.body))
		}
	}
}

func zipOf(t *testing.T, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for _, name := range slices.Sorted(maps.Keys(files)) {
		f, err := w.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Write([]byte(files[name])); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
