// Package jsonw appends JSON values as encoding/json writes them, byte for
// byte, without its reflection: for the few shapes pmscan writes by the
// hundred thousand (a row's facts, a place's counts), where reflection
// was most of the cost.
package jsonw

import (
	"bytes"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// String appends s as json.Marshal writes it: HTML characters and the
// line and paragraph separators escaped, invalid UTF-8 replaced.
func String(b []byte, s string) []byte { return appendString(b, s, true) }

// Text appends s as an Encoder with SetEscapeHTML(false) writes it: for
// a MarshalJSON method, whose output encoding/json escapes for HTML
// itself when its caller asked for that.
func Text(b []byte, s string) []byte { return appendString(b, s, false) }

func appendString(b []byte, s string, html bool) []byte {
	wide := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20 || c == '"' || c == '\\':
			return escaped(b, s, html)
		case c == '<' || c == '>' || c == '&':
			if html {
				return escaped(b, s, html)
			}
		case c >= utf8.RuneSelf:
			wide = true
		}
	}
	if wide && (!utf8.ValidString(s) || strings.ContainsAny(s, "\u2028\u2029")) {
		return escaped(b, s, html)
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// escaped is the rare string that needs escaping, as encoding/json
// writes it (a string always encodes).
func escaped(b []byte, s string, html bool) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(html)
	_ = enc.Encode(s)
	return append(b, bytes.TrimSuffix(buf.Bytes(), []byte{'\n'})...)
}

// Counts appends m as encoding/json writes a map[string]int64, its keys
// sorted and written by str (String or Text).
func Counts(b []byte, m map[string]int64, str func([]byte, string) []byte) []byte {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	b = append(b, '{')
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = str(b, k)
		b = append(b, ':')
		b = strconv.AppendInt(b, m[k], 10)
	}
	return append(b, '}')
}
