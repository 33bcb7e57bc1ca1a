// Package pgerr tidies pgx's connection errors for people, for both the
// PostgreSQL connector and the state store.
package pgerr

import "strings"

// OnceEach drops the repeated lines of a connection error. pgx tries a
// server with and without TLS under sslmode=prefer (the default), and
// every address of every host, and writes a line for each attempt: the
// same refused dial twice says nothing the first did not. Distinct lines
// are kept in order; errors.Is and errors.As still see the original.
func OnceEach(err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	lines := strings.Split(msg, "\n")
	seen := map[string]bool{}
	kept := lines[:0:0]
	for _, l := range lines {
		if !seen[l] {
			seen[l] = true
			kept = append(kept, l)
		}
	}
	// pgx puts a single attempt on the heading's line.
	if len(kept) == 2 && strings.HasSuffix(kept[0], ":") && strings.HasPrefix(kept[1], "\t") {
		kept = []string{kept[0] + " " + kept[1][1:]}
	}
	if len(kept) == len(lines) {
		return err
	}
	return &collapsed{msg: strings.Join(kept, "\n"), err: err}
}

type collapsed struct {
	msg string
	err error
}

func (e *collapsed) Error() string { return e.msg }
func (e *collapsed) Unwrap() error { return e.err }
