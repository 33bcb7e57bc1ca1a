package s3

import "net/http"

// WithTransport returns o with every HTTP round trip of the connector
// going through wrap, for tests that count or inspect requests.
func WithTransport(o Options, wrap func(http.RoundTripper) http.RoundTripper) Options {
	o.wrapTransport = wrap
	return o
}

// AccessRequests is the requests a walk sends, once, to read who can read
// its bucket's objects.
const AccessRequests = accessRequests
