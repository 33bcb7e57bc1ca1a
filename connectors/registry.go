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

// Redact returns target with any password in its userinfo replaced, for
// logs, errors and reports. Targets that do not parse as URLs are returned
// with everything between "://" and "@" hidden.
func Redact(target string) string {
	if Scheme(target) == "" {
		return target
	}
	u, err := url.Parse(target)
	if err != nil {
		rest := target[strings.Index(target, "://")+3:]
		if at := strings.LastIndex(rest, "@"); at >= 0 {
			return target[:strings.Index(target, "://")+3] + "xxxxx@" + rest[at+1:]
		}
		return target
	}
	if _, has := u.User.Password(); has {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	q := u.Query()
	changed := false
	for k := range q {
		switch strings.ToLower(k) {
		case "password", "pass", "secret", "token", "x-amz-security-token", "x-amz-signature":
			q.Set(k, "xxxxx")
			changed = true
		}
	}
	if changed {
		u.RawQuery = q.Encode()
	}
	return u.String()
}
