package s3

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go/logging"
)

// fallbackRegion signs requests when nothing names a region: S3-compatible
// stores mostly accept it, and AWS answers with the bucket's region.
const fallbackRegion = "us-east-1"

// newClient builds a client from the default credential chain (environment,
// shared config and credentials files with Profile, SSO, web identity,
// container and instance roles), and returns the endpoint's host for
// locations when Endpoint names one.
func newClient(ctx context.Context, opts Options) (*s3.Client, string, error) {
	var load []func(*config.LoadOptions) error
	if opts.Profile != "" {
		load = append(load, config.WithSharedConfigProfile(opts.Profile))
	}
	if opts.Region != "" {
		load = append(load, config.WithRegion(opts.Region))
	}
	// The SDK's own warnings (IMDS fallbacks, checksum notes) would land
	// on standard error, outside the report: failures reach it as errors.
	load = append(load, config.WithHTTPClient(httpClient(opts.Conns)), config.WithLogger(logging.Nop{}))
	cfg, err := config.LoadDefaultConfig(ctx, load...)
	if err != nil {
		// The SDK's message names the profile or file, never a secret.
		return nil, "", fmt.Errorf("load AWS configuration: %w", err)
	}
	if cfg.Region == "" {
		cfg.Region = fallbackRegion
	}
	if opts.wrapTransport != nil {
		// Around the client as configured (a CA bundle added to it).
		cfg.HTTPClient = doer{opts.wrapTransport(roundTripFunc(cfg.HTTPClient.Do))}
	}
	var host string
	if opts.Endpoint != "" {
		u, err := url.Parse(opts.Endpoint)
		if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
			return nil, "", fmt.Errorf("-s3-endpoint %q: want a URL such as https://s3.example.com or http://127.0.0.1:7070", opts.Endpoint)
		}
		if u.User != nil {
			return nil, "", fmt.Errorf("-s3-endpoint must not carry credentials: use the environment or -profile")
		}
		host = u.Host
	}
	client := s3.NewFromConfig(cfg, func(o *s3.Options) {
		if opts.Endpoint != "" {
			o.BaseEndpoint = aws.String(opts.Endpoint)
			o.UsePathStyle = true
		}
		o.Retryer = retry.NewStandard(func(so *retry.StandardOptions) {
			so.MaxAttempts = opts.MaxAttempts
			so.MaxBackoff = opts.MaxBackoff
			// Throttling is answered by backing off, not by a client-side
			// retry budget that would turn SlowDown into failed objects.
			so.RateLimiter = ratelimit.None
			so.Retryables = append([]retry.IsErrorRetryable{retry.IsErrorRetryableFunc(certificateError)}, so.Retryables...)
		})
		// A ranged or partly read GET cannot be checksummed; the SDK would
		// log a warning for each.
		o.DisableLogOutputChecksumValidationSkipped = true
	})
	return client, host, nil
}

// httpClient bounds connection set-up and waiting for headers; bodies are
// watched by the stall timeout instead, since a large object may take long.
func httpClient(conns int) *awshttp.BuildableClient {
	return awshttp.NewBuildableClient().WithTransportOptions(func(t *http.Transport) {
		t.MaxIdleConnsPerHost = conns + 2
		t.ResponseHeaderTimeout = time.Minute
		t.DialContext = (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext
	})
}

// roundTripFunc and doer turn the SDK's HTTP client into a RoundTripper
// and back, for Options.wrapTransport.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

type doer struct{ rt http.RoundTripper }

func (d doer) Do(r *http.Request) (*http.Response, error) { return d.rt.RoundTrip(r) }

// certificateError marks TLS certificate failures as final: the SDK would
// retry them like a dropped connection, for minutes, and they do not heal.
func certificateError(err error) aws.Ternary {
	var verify *tls.CertificateVerificationError
	var unknown x509.UnknownAuthorityError
	var host x509.HostnameError
	var invalid x509.CertificateInvalidError
	if errors.As(err, &verify) || errors.As(err, &unknown) || errors.As(err, &host) || errors.As(err, &invalid) {
		return aws.FalseTernary
	}
	return aws.UnknownTernary
}

// firstRequest is the option of a target's first request: few tries, so
// that an endpoint that is down or refuses us fails the target in seconds,
// not after a full retry schedule.
func firstRequest(o *s3.Options) { o.RetryMaxAttempts = 3 }
