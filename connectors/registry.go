package connectors

import (
	"context"
	"fmt"
	"net/url"
	"sort"
	"strings"
)

// Factory opens connectors for the URL schemes it names.
type Factory interface {
	// Schemes lists the URL schemes served, e.g. "file"; "" means a bare path.
	Schemes() []string
	// Open opens target, which is a URL with one of Schemes, or a bare path.
	Open(ctx context.Context, target string) (Connector, error)
}

// Registry picks a connector by the target's URL scheme.
type Registry struct {
	bySchema map[string]Factory
}

// NewRegistry registers fs; two factories claiming one scheme is a programming error.
func NewRegistry(fs ...Factory) *Registry {
	r := &Registry{bySchema: map[string]Factory{}}
	for _, f := range fs {
		for _, s := range f.Schemes() {
			if _, dup := r.bySchema[s]; dup {
				panic("connectors: scheme registered twice: " + s)
			}
			r.bySchema[s] = f
		}
	}
	return r
}

// Open opens target with the factory for its scheme.
func (r *Registry) Open(ctx context.Context, target string) (Connector, error) {
	scheme := Scheme(target)
	f, ok := r.bySchema[scheme]
	if !ok {
		return nil, fmt.Errorf("unsupported target scheme %q (supported: %s)", scheme, strings.Join(r.Schemes(), ", "))
	}
	return f.Open(ctx, target)
}

// Schemes lists the registered URL schemes.
func (r *Registry) Schemes() []string {
	var out []string
	for s := range r.bySchema {
		if s != "" {
			out = append(out, s+"://")
		}
	}
	sort.Strings(out)
	return out
}

// Scheme returns the lowercased URL scheme of target, or "" for a bare path.
func Scheme(target string) string {
	i := strings.Index(target, "://")
	if i <= 0 {
		return ""
	}
	s := target[:i]
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.') {
			return ""
		}
	}
	return strings.ToLower(s)
}

// Redact returns target with any password in its userinfo or query
// replaced, for logs, errors and reports. A target with no secret is
// returned as given: url.URL.String would rewrite it (s3:// comes back as
// "s3:", and the scheme lowercased). Targets that do not parse as URLs are
// returned with everything between "://" and "@" hidden.
func Redact(target string) string {
	if Scheme(target) == "" {
		return target
	}
	sep := strings.Index(target, "://") + len("://")
	u, err := url.Parse(target)
	if err != nil {
		rest := target[sep:]
		if at := strings.LastIndex(rest, "@"); at >= 0 {
			return target[:sep] + "xxxxx@" + rest[at+1:]
		}
		return target
	}
	if !hideSecrets(u) {
		return target
	}
	// Keep the target's own "scheme://", which String drops when the URL
	// has neither host nor path.
	s := strings.TrimPrefix(u.String(), u.Scheme+":")
	return target[:sep] + strings.TrimPrefix(s, "//")
}

// hideSecrets replaces the password and the secret query parameters of u,
// and reports whether there were any.
func hideSecrets(u *url.URL) bool {
	changed := false
	if _, has := u.User.Password(); has {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
		changed = true
	}
	q := u.Query()
	inQuery := false
	for k := range q {
		switch strings.ToLower(k) {
		case "password", "pass", "secret", "token", "x-amz-security-token", "x-amz-signature":
			q.Set(k, "xxxxx")
			inQuery = true
		}
	}
	if inQuery {
		u.RawQuery = q.Encode()
	}
	return changed || inQuery
}
