package store

import (
	"encoding/json"
	"strconv"
	"time"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/internal/jsonw"
)

// Every object of every scan has a row whose version, facts, stats and
// counts by type are JSON (readable with the database's own JSON
// functions), and encoding/json's reflection made those four a quarter
// of what a row of a small file cost, and decoding them a quarter of
// what carrying one over cost. A file's are flat objects of numbers and
// plain strings: they are written and read here directly, in the form
// encoding/json writes (its keys, in its order, its bytes), so that rows
// written either way read the same. Anything else (a table's column
// stats; on reading, a string with escapes) goes through encoding/json.

// jsonWriter appends one flat JSON object's fields; ok turns false at
// a value encoding/json would refuse.
type jsonWriter struct {
	b     []byte
	first bool
	ok    bool
}

func newJSONWriter(b []byte) *jsonWriter {
	return &jsonWriter{b: append(b, '{'), first: true, ok: true}
}

func (w *jsonWriter) key(k string) {
	if !w.first {
		w.b = append(w.b, ',')
	}
	w.first = false
	w.b = append(w.b, '"')
	w.b = append(w.b, k...)
	w.b = append(w.b, '"', ':')
}

func (w *jsonWriter) str(k, v string) {
	w.key(k)
	w.b = jsonw.String(w.b, v)
}

func (w *jsonWriter) int(k string, v int64) {
	w.key(k)
	w.b = strconv.AppendInt(w.b, v, 10)
}

func (w *jsonWriter) bool(k string, v bool) {
	w.key(k)
	w.b = strconv.AppendBool(w.b, v)
}

func (w *jsonWriter) end() ([]byte, bool) { return append(w.b, '}'), w.ok }

// encodeFacts is json.Marshal(f).
func encodeFacts(f *objectFacts) (string, error) {
	w := newJSONWriter(make([]byte, 0, 96))
	if f.Encoding != "" {
		w.str("encoding", f.Encoding)
	}
	if f.Size != 0 {
		w.int("size", f.Size)
	}
	if !f.Modified.IsZero() {
		w.key("modified")
		if y := f.Modified.Year(); y < 0 || y > 9999 {
			w.ok = false // json.Marshal refuses it; let it say so
		} else {
			w.b = append(w.b, '"')
			w.b = f.Modified.AppendFormat(w.b, time.RFC3339Nano)
			w.b = append(w.b, '"')
		}
	}
	if f.ETag != "" {
		w.str("etag", f.ETag)
	}
	if f.VersionID != "" {
		w.str("version_id", f.VersionID)
	}
	if f.SampledBytes != 0 {
		w.int("sampled_bytes", f.SampledBytes)
	}
	if f.RowBy != "" {
		w.str("row_by", f.RowBy)
	}
	if b, ok := w.end(); ok {
		return string(b), nil
	}
	b, err := json.Marshal(f)
	return string(b), err
}

// encodeStats is json.Marshal(st) with st.Carried dropped.
func encodeStats(st *connectors.ObjectStats) (string, error) {
	if st.Columns == nil && st.Allowed == nil {
		w := newJSONWriter(make([]byte, 0, 96))
		w.int("Bytes", st.Bytes)
		w.str("Format", st.Format)
		w.int("Rows", st.Rows)
		w.bool("Sampled", st.Sampled)
		w.key("Columns")
		w.b = append(w.b, "null"...)
		w.str("Oldest", st.Oldest)
		w.str("Newest", st.Newest)
		b, _ := w.end()
		return string(b), nil
	}
	c := *st
	c.Carried = nil
	b, err := json.Marshal(&c)
	return string(b), err
}

// encodeVersion is json.Marshal(v).
func encodeVersion(v *connectors.Version) string {
	b := append(make([]byte, 0, 128), `{"facts":`...)
	if v.Facts == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i, f := range v.Facts {
			if i > 0 {
				b = append(b, ',')
			}
			w := newJSONWriter(b)
			w.str("name", f.Name)
			w.str("value", f.Value)
			b, _ = w.end()
		}
		b = append(b, ']')
	}
	if v.Doubt != "" {
		b = append(b, `,"doubt":`...)
		b = jsonw.String(b, v.Doubt)
	}
	return string(append(b, '}'))
}

// encodeByType is json.Marshal(m): its keys sorted.
func encodeByType(m map[string]int64) string {
	return string(jsonw.Counts(make([]byte, 0, 32*len(m)), m, jsonw.String))
}

// flatFields calls fn with each field of the flat JSON object s: its key
// and its value, a number, true, false, null or a string without escapes
// (unquoted, with str set). It returns false, having maybe called fn on
// some fields, if s is not such an object or fn returns false.
func flatFields(s string, fn func(key, value string, str bool) bool) bool {
	i := 0
	if i >= len(s) || s[i] != '{' {
		return false
	}
	i++
	if i < len(s) && s[i] == '}' {
		return i+1 == len(s)
	}
	for {
		key, n, ok := plainString(s, i)
		if !ok || n >= len(s) || s[n] != ':' {
			return false
		}
		i = n + 1
		var value string
		str := i < len(s) && s[i] == '"'
		if str {
			if value, i, ok = plainString(s, i); !ok {
				return false
			}
		} else {
			start := i
			for i < len(s) && s[i] != ',' && s[i] != '}' {
				i++
			}
			value = s[start:i]
		}
		if !fn(key, value, str) {
			return false
		}
		switch {
		case i < len(s) && s[i] == ',':
			i++
		case i < len(s) && s[i] == '}':
			return i+1 == len(s)
		default:
			return false
		}
	}
}

// plainString reads the string without escapes that starts at s[i], and
// returns it and the index after it.
func plainString(s string, i int) (string, int, bool) {
	if i >= len(s) || s[i] != '"' {
		return "", i, false
	}
	for j := i + 1; j < len(s); j++ {
		switch s[j] {
		case '"':
			return s[i+1 : j], j + 1, true
		case '\\':
			return "", i, false
		}
	}
	return "", i, false
}

func flatInt(v string, str bool, dst *int64) bool {
	n, err := strconv.ParseInt(v, 10, 64)
	*dst = n
	return !str && err == nil
}

func flatBool(v string, str bool, dst *bool) bool {
	*dst = v == "true"
	return !str && (v == "true" || v == "false")
}

// decodeFlat is json.Unmarshal into dst: the flat object s read field by
// field, or when field refuses one (or s is not flat), by encoding/json
// into a zeroed dst.
func decodeFlat[T any](s string, dst *T, field func(key, value string, str bool) bool) error {
	if flatFields(s, field) {
		return nil
	}
	var zero T
	*dst = zero
	return json.Unmarshal([]byte(s), dst)
}

// decodeFacts is json.Unmarshal into f.
func decodeFacts(s string, f *objectFacts) error {
	return decodeFlat(s, f, func(k, v string, str bool) bool {
		switch k {
		case "encoding":
			f.Encoding = v
			return str
		case "size":
			return flatInt(v, str, &f.Size)
		case "modified":
			t, err := time.Parse(time.RFC3339Nano, v)
			f.Modified = t
			return str && err == nil
		case "etag":
			f.ETag = v
			return str
		case "version_id":
			f.VersionID = v
			return str
		case "sampled_bytes":
			return flatInt(v, str, &f.SampledBytes)
		case "row_by":
			f.RowBy = v
			return str
		}
		return false
	})
}

// decodeStats is json.Unmarshal into st.
func decodeStats(s string, st *connectors.ObjectStats) error {
	return decodeFlat(s, st, func(k, v string, str bool) bool {
		switch k {
		case "Bytes":
			return flatInt(v, str, &st.Bytes)
		case "Format":
			st.Format = v
			return str
		case "Rows":
			return flatInt(v, str, &st.Rows)
		case "Sampled":
			return flatBool(v, str, &st.Sampled)
		case "Columns":
			return !str && v == "null"
		case "Oldest":
			st.Oldest = v
			return str
		case "Newest":
			st.Newest = v
			return str
		}
		return false
	})
}

// decodeByType is json.Unmarshal into *m.
func decodeByType(s string, m *map[string]int64) error {
	*m = map[string]int64{}
	return decodeFlat(s, m, func(k, v string, str bool) bool {
		var n int64
		if !flatInt(v, str, &n) {
			return false
		}
		(*m)[k] = n
		return true
	})
}
