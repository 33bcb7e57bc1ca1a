// Package yamlfile reads YAML files that people write and pmscan checks
// strictly (the policy, the config): unknown keys and wrong types are
// errors, and every error names the file and the line at fault, so that
// editors and people find it.
package yamlfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Decode decodes data, the file source, into v, strictly: a key v has no
// field for is an error. The Lines it returns find the line of a value,
// for the caller's own checks (LineError).
func Decode(data []byte, source string, v any) (Lines, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return Lines{}, &yamlError{msg: source + ":" + strconv.Itoa(syntaxLine(data, err)) + ": " + yamlMessage(err), err: err}
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil && !errors.Is(err, io.EOF) {
		return Lines{}, decodeError(source, err)
	}
	return Lines{&root}, nil
}

// NodeLines finds lines below n, a node of a document decoded elsewhere
// (a list written inline in another file).
func NodeLines(n *yaml.Node) Lines { return Lines{n} }

// LineError is an error at a line of a file: "LINE: message", for the
// caller to put the file's name before.
func LineError(line int, format string, args ...any) error {
	return fmt.Errorf("%d: %s", line, fmt.Sprintf(format, args...))
}

// yamlError is an error from reading the file's YAML, its message
// written source:line: as the validation errors are, so that editors and
// people find the line.
type yamlError struct {
	msg string
	err error
}

func (e *yamlError) Error() string { return e.msg }
func (e *yamlError) Unwrap() error { return e.err }

// yamlLine matches the line yaml.v3 puts before a message.
var yamlLine = regexp.MustCompile(`^(?:yaml: )?line (\d+): `)

// yamlMessage is err's message without yaml.v3's "yaml: line N: ".
func yamlMessage(err error) string {
	return strings.TrimPrefix(yamlLine.ReplaceAllString(err.Error(), ""), "yaml: ")
}

// decodeError renders an error from decoding into a value. Its lines
// are right: each message of a yaml.TypeError (an unknown field, a wrong
// type) and an error of an UnmarshalYAML method starts "line N:" with the
// line of the node at fault.
func decodeError(source string, err error) error {
	var te *yaml.TypeError
	msgs := []string{err.Error()}
	if errors.As(err, &te) {
		msgs = te.Errors
	}
	for i, m := range msgs {
		if sub := yamlLine.FindStringSubmatch(m); sub != nil {
			msgs[i] = source + ":" + sub[1] + ": " + m[len(sub[0]):]
		} else {
			msgs[i] = source + ": " + m
		}
	}
	return &yamlError{msg: strings.Join(msgs, "\n"), err: err}
}

// syntaxLine finds the line of a YAML syntax error. yaml.v3 names the line
// where the enclosing block or flow starts, not the mistake's, so the line
// is found from prefixes of the document instead: the mistake is on the
// first line after the longest prefix that parses whose own prefix fails
// with the same message (a prefix cut inside a quoted or flow scalar that
// spans lines fails too, but at its end, mostly with another message).
func syntaxLine(data []byte, err error) int {
	msg := yamlMessage(err)
	ends := lineEnds(data)
	lastGood := 0
	for k := len(ends); k > 0; k-- {
		var n yaml.Node
		if yaml.Unmarshal(data[:ends[k-1]], &n) == nil {
			lastGood = k
			break
		}
	}
	for k := lastGood + 1; k <= len(ends); k++ {
		var n yaml.Node
		if e := yaml.Unmarshal(data[:ends[k-1]], &n); e != nil && yamlMessage(e) == msg {
			return k
		}
	}
	return lastGood + 1
}

// lineEnds returns the offset just past each line of data.
func lineEnds(data []byte) []int {
	var ends []int
	for i, c := range data {
		if c == '\n' {
			ends = append(ends, i+1)
		}
	}
	if len(data) > 0 && data[len(data)-1] != '\n' {
		ends = append(ends, len(data))
	}
	return ends
}

// Lines finds the line of a node by its path in the document, for errors.
type Lines struct{ root *yaml.Node }

// of returns the line of the value at path (map keys and sequence
// indexes), or of the deepest node found on the way.
func (l Lines) Of(path ...any) int {
	n := l.root
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	line := n.Line
	for _, step := range path {
		var next *yaml.Node
		switch s := step.(type) {
		case string:
			if n.Kind == yaml.MappingNode {
				for k := 0; k+1 < len(n.Content); k += 2 {
					if n.Content[k].Value == s {
						next = n.Content[k+1]
					}
				}
			}
		case int:
			if n.Kind == yaml.SequenceNode && s < len(n.Content) {
				next = n.Content[s]
			}
		}
		if next == nil {
			return line
		}
		n, line = next, next.Line
	}
	return line
}
