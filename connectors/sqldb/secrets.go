package sqldb

import (
	"net/url"
	"strings"
)

// Secrets scrubs credentials out of error text: drivers quote connection
// strings and server messages in their errors, and a password must never
// reach a log line or a report.
type Secrets struct{ values []string }

// NewSecrets remembers the non-empty values, and their URL-escaped forms.
func NewSecrets(values ...string) Secrets {
	var s Secrets
	for _, v := range values {
		if v == "" {
			continue
		}
		s.values = append(s.values, v)
		for _, esc := range []string{url.QueryEscape(v), url.PathEscape(v)} {
			if esc != v {
				s.values = append(s.values, esc)
			}
		}
	}
	return s
}

// Scrub returns err with every secret in its text replaced; errors.Is and
// errors.As still see the original.
func (s Secrets) Scrub(err error) error {
	if err == nil || len(s.values) == 0 {
		return err
	}
	msg := err.Error()
	clean := msg
	for _, v := range s.values {
		clean = strings.ReplaceAll(clean, v, "xxxxx")
	}
	if clean == msg {
		return err
	}
	return &scrubbedError{msg: clean, err: err}
}

type scrubbedError struct {
	msg string
	err error
}

func (e *scrubbedError) Error() string { return e.msg }
func (e *scrubbedError) Unwrap() error { return e.err }
