package s3test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// noRetry turns the SDK's retries off, so a fault reaches the test.
func noRetry(o *s3.Options) { o.Retryer = aws.NopRetryer{} }

// via sends a client's requests to the fault proxy.
func via(p *FaultProxy) func(*s3.Options) {
	return func(o *s3.Options) { o.BaseEndpoint = aws.String(p.URL) }
}

func get(ctx context.Context, c *s3.Client, bucket, key string) ([]byte, error) {
	out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: &bucket, Key: &key})
	if err != nil {
		return nil, err
	}
	defer out.Body.Close()
	return io.ReadAll(out.Body)
}

func TestSignaturesAreChecked(t *testing.T) {
	s := Start(t)
	s.CreateBucket(t, "bucket")
	ctx := t.Context()

	if _, err := s.Client(t).ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("bucket")}); err != nil {
		t.Fatalf("root: %v", err)
	}
	for _, tc := range []struct {
		name  string
		creds Credentials
		want  string
	}{
		{"wrong secret", Credentials{s.AccessKey, s.SecretKey + "x"}, "SignatureDoesNotMatch"},
		{"unknown key", Credentials{"nobody", s.SecretKey}, "InvalidAccessKeyId"},
	} {
		c := s.ClientAs(t, tc.creds, noRetry)
		_, err := c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("bucket")})
		if got := errorCode(err); got != tc.want {
			t.Errorf("%s: got %q (%v), want %s", tc.name, got, err, tc.want)
		}
	}
}

func TestPutAllAndListPages(t *testing.T) {
	start := time.Now()
	s := Start(t)
	t.Logf("Start: %v", time.Since(start))
	s.CreateBucket(t, "many")
	objects := make(map[string][]byte)
	for i := range 1100 {
		key := fmt.Sprintf("dir%d/obj-%04d.txt", i%3, i)
		objects[key] = []byte("body of " + key)
	}
	start = time.Now()
	s.PutAll(t, "many", objects)
	t.Logf("PutAll(%d): %v", len(objects), time.Since(start))

	pages, seen := 0, make(map[string]bool)
	pager := s3.NewListObjectsV2Paginator(s.Client(t), &s3.ListObjectsV2Input{Bucket: aws.String("many")})
	for pager.HasMorePages() {
		page, err := pager.NextPage(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, o := range page.Contents {
			seen[aws.ToString(o.Key)] = true
		}
	}
	if pages != 2 || len(seen) != len(objects) {
		t.Errorf("listed %d keys in %d pages, want %d in 2", len(seen), pages, len(objects))
	}
	for key := range objects {
		if !seen[key] {
			t.Errorf("%s not listed", key)
		}
	}
}

func TestDenyGet(t *testing.T) {
	s := Start(t)
	s.CreateBucket(t, "bucket")
	s.Put(t, "bucket", "secret/one.csv", []byte("denied"))
	s.Put(t, "bucket", "open.csv", []byte("allowed"))
	reader := s.DenyGet(t, "bucket", "secret/one.csv")
	// A second user on the same bucket must not undo the first one's policy.
	other := s.DenyGet(t, "bucket", "open.csv")

	// Through the SDK's default chain, as a connector would load it.
	s.Env(t, reader)
	cfg, err := config.LoadDefaultConfig(t.Context(), config.WithRetryMaxAttempts(1))
	if err != nil {
		t.Fatal(err)
	}
	c := s3.NewFromConfig(cfg, func(o *s3.Options) {
		o.BaseEndpoint = aws.String(s.Endpoint)
		o.UsePathStyle = true
	})
	ctx := t.Context()
	if body, err := get(ctx, c, "bucket", "open.csv"); err != nil || string(body) != "allowed" {
		t.Errorf("get open.csv: %q, %v", body, err)
	}
	if _, err := get(ctx, c, "bucket", "secret/one.csv"); errorCode(err) != "AccessDenied" {
		t.Errorf("get secret/one.csv: %v, want AccessDenied", err)
	}
	out, err := c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("bucket")})
	if err != nil || len(out.Contents) != 2 {
		t.Errorf("list: %v keys, %v; want 2", len(out.Contents), err)
	}
	if _, err := get(ctx, s.ClientAs(t, other, noRetry), "bucket", "secret/one.csv"); err != nil {
		t.Errorf("other user: get secret/one.csv: %v", err)
	}
}

func TestSlowDown(t *testing.T) {
	s := Start(t)
	s.CreateBucket(t, "bucket")
	// Faults match the URL-decoded key.
	const key = "dir/ファイル 1+1.csv"
	s.Put(t, "bucket", key, []byte("data"))
	p := NewFaultProxy(t, s.Endpoint)
	c := s.Client(t, via(p), noRetry)
	ctx := t.Context()

	p.SlowDown(http.MethodGet, "bucket", key, 1)
	_, err := get(ctx, c, "bucket", key)
	if errorCode(err) != "SlowDown" || httpStatus(err) != http.StatusServiceUnavailable {
		t.Fatalf("first GET: %v, want 503 SlowDown", err)
	}
	if body, err := get(ctx, c, "bucket", key); err != nil || string(body) != "data" {
		t.Fatalf("second GET: %q, %v", body, err)
	}
	if n := p.Requests(http.MethodGet, "bucket", key); n != 2 {
		t.Errorf("Requests = %d, want 2", n)
	}

	// Key "" matches any key; a PUT through the proxy still passes the
	// server's signature check once the fault is used up.
	p.SlowDown(http.MethodPut, "bucket", "", 1)
	if err := put(ctx, c, "bucket", "new", []byte("x")); errorCode(err) != "SlowDown" {
		t.Fatalf("first PUT: %v, want SlowDown", err)
	}
	if err := put(ctx, c, "bucket", "new", []byte("x")); err != nil {
		t.Fatalf("second PUT: %v", err)
	}

	// The SDK's default retryer takes the answer for throttling and retries.
	p.SlowDown(http.MethodGet, "bucket", key, 1)
	if _, err := get(ctx, s.Client(t, via(p)), "bucket", key); err != nil {
		t.Fatalf("GET with retries: %v", err)
	}
	if n := p.Requests(http.MethodGet, "bucket", key); n != 4 {
		t.Errorf("Requests = %d, want 4", n)
	}
}

func TestResetAfter(t *testing.T) {
	s := Start(t)
	s.CreateBucket(t, "bucket")
	want := bytes.Repeat([]byte("0123456789abcdef"), 64<<10) // 1 MiB
	s.Put(t, "bucket", "big", want)
	p := NewFaultProxy(t, s.Endpoint)
	c := s.Client(t, via(p), noRetry)
	ctx := t.Context()

	p.ResetAfter("bucket", "big", 100<<10, 1)
	got, err := get(ctx, c, "bucket", "big")
	if err == nil || len(got) >= len(want) {
		t.Fatalf("first GET: read %d of %d bytes, err %v; want an error mid-body", len(got), len(want), err)
	}
	if !errors.Is(err, syscall.ECONNRESET) {
		t.Errorf("first GET: %v, want connection reset by peer", err)
	}
	t.Logf("first GET: read %d bytes, then %v", len(got), err)
	if got, err := get(ctx, c, "bucket", "big"); err != nil || !bytes.Equal(got, want) {
		t.Fatalf("second GET: read %d of %d bytes, err %v", len(got), len(want), err)
	}
}
