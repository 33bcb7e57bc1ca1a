// Package s3 is the connector for Amazon S3 and S3-compatible stores:
// s3://bucket/, s3://bucket/prefix/ or s3://bucket/key. Keys are listed with
// ListObjectsV2 page by page while objects are already being read, several
// at a time, each streamed through the same format code as local files
// (connectors/formats). Records reach the walk in listing order whatever
// the number of readers, so that two scans of one bucket compare line by
// line. An incremental scan (WalkSince) reads only the objects whose
// listing differs from what an earlier scan read.
package s3

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/connectors/formats"
)

// Defaults for Options fields left zero.
const (
	DefaultConns         = 16
	DefaultMaxObjectSize = 1 << 30  // 1 GiB
	DefaultSampleBytes   = 64 << 20 // 64 MiB
	DefaultMaxAttempts   = 8
	DefaultMaxBackoff    = 20 * time.Second
	DefaultStallTimeout  = 2 * time.Minute
)

// Options configure the S3 connector.
type Options struct {
	// Endpoint is the URL of an S3-compatible store (http://127.0.0.1:7070);
	// with it, buckets are addressed path-style. Empty: AWS, or the
	// AWS_ENDPOINT_URL_S3 the SDK reads itself.
	Endpoint string
	Profile  string // shared config profile; empty: AWS_PROFILE or default
	Region   string // empty: from the environment or profile, else us-east-1

	Keys KeyFilter

	// MaxObjectSize is the largest object read in full. Larger objects
	// have their first SampleBytes read with a ranged GET, or, when
	// SampleBytes < 0, are recorded as skipped.
	MaxObjectSize int64
	SampleBytes   int64

	Conns   int // objects read at once
	Formats formats.Options

	// MaxAttempts bounds the tries of one request (throttling, 5xx,
	// connection errors) and the resumptions of one object body.
	MaxAttempts int
	// MaxBackoff caps the wait between two tries.
	MaxBackoff time.Duration
	// StallTimeout abandons, and resumes, a body that sends nothing for
	// this long.
	StallTimeout time.Duration

	// wrapTransport, set only by tests, wraps the HTTP client's round
	// trips, to watch the requests the connector sends.
	wrapTransport func(http.RoundTripper) http.RoundTripper
}

// WithDefaults fills zero fields.
func (o Options) WithDefaults() Options {
	if o.Conns <= 0 {
		o.Conns = DefaultConns
	}
	if o.MaxObjectSize <= 0 {
		o.MaxObjectSize = DefaultMaxObjectSize
	}
	if o.SampleBytes == 0 {
		o.SampleBytes = DefaultSampleBytes
	}
	if o.MaxAttempts <= 0 {
		o.MaxAttempts = DefaultMaxAttempts
	}
	if o.MaxBackoff <= 0 {
		o.MaxBackoff = DefaultMaxBackoff
	}
	if o.StallTimeout <= 0 {
		o.StallTimeout = DefaultStallTimeout
	}
	return o
}

// Factory opens S3 connectors for s3:// targets.
type Factory struct {
	Options Options
	flags   *flagValues // set by RegisterFlags
}

var _ connectors.Configurable = (*Factory)(nil)

func (Factory) Schemes() []string { return []string{"s3"} }

// Open parses the target and builds a client from the default credential
// chain; it sends no request yet.
func (f Factory) Open(ctx context.Context, target string) (connectors.Connector, error) {
	t, err := ParseTarget(target)
	if err != nil {
		return nil, err
	}
	opts := f.Options.WithDefaults()
	if err := opts.Keys.Validate(); err != nil {
		return nil, err
	}
	client, host, err := newClient(ctx, opts)
	if err != nil {
		return nil, err
	}
	return &Connector{client: client, target: t, host: host, opts: opts}, nil
}

// Target is a bucket and a key or prefix.
type Target struct {
	Bucket string
	// Key is the object key or prefix, without the leading slash. A
	// target ending in "/" (or naming the bucket alone) is a prefix.
	Key      string
	IsPrefix bool
}

// ParseTarget parses s3://bucket/, s3://bucket/prefix/ or s3://bucket/key.
// Its errors quote the target redacted: a mistaken URL may carry keys.
func ParseTarget(target string) (Target, error) {
	name := connectors.Redact(target)
	u, err := url.Parse(target)
	if err != nil {
		// url.Error quotes the URL as given.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return Target{}, fmt.Errorf("parse S3 URL %q: %w", name, err)
	}
	if u.Scheme != "s3" {
		return Target{}, fmt.Errorf("S3 URL %q: scheme is not s3", name)
	}
	if u.Host == "" {
		return Target{}, fmt.Errorf("S3 URL %q names no bucket (want s3://bucket/prefix/)", name)
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return Target{}, fmt.Errorf("S3 URL %q: only s3://bucket/key is understood (credentials come from the environment or -profile)", name)
	}
	key := strings.TrimPrefix(u.Path, "/")
	return Target{Bucket: u.Host, Key: key, IsPrefix: key == "" || strings.HasSuffix(key, "/")}, nil
}

// Connector walks the objects of one target.
type Connector struct {
	client *s3.Client
	target Target
	host   string // the endpoint's host:port, when not AWS
	opts   Options
}

var _ connectors.Connector = (*Connector)(nil)

func (c *Connector) Close() error { return nil }
