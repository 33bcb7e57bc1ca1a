package sqldb

import (
	"bytes"
	"context"
	"encoding/json"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/connectors/formats"
)

// JSON held in a column (json, jsonb, or JSON text in a text column, as
// MariaDB stores it) is walked by key path like a JSON file, so that
// profile.tel and contact.name give the detectors the context a column name
// gives: a value is located by its column and key path, "profile.tel".

// looksJSON reports whether v is an object or an array, at a glance.
func looksJSON(v []byte) bool {
	v = bytes.TrimSpace(v)
	if len(v) < 2 {
		return false
	}
	first, last := v[0], v[len(v)-1]
	return first == '{' && last == '}' || first == '[' && last == ']'
}

// jsonPaths interns "column.path" names, up to a bound: key paths come from
// the data, and a map keyed by customer IDs would otherwise grow without end.
type jsonPaths struct {
	names map[[2]string]string
}

const maxJSONPaths = 4096

func (p *jsonPaths) name(column, path string) string {
	if path == "" {
		return column
	}
	k := [2]string{column, path}
	if n, ok := p.names[k]; ok {
		return n
	}
	n := column + "." + path
	if path[0] == '[' {
		n = column + path
	}
	if p.names == nil {
		p.names = map[[2]string]string{}
	}
	if len(p.names) < maxJSONPaths {
		p.names[k] = n
	}
	return n
}

// emitJSON hands the strings, numbers and keys (as labels) of a valid JSON
// value to fn, located at loc with the column extended by the key path. It
// reports false, having emitted nothing, when v is not valid JSON: the
// caller scans it as text (a value cut at the length limit is no longer
// valid JSON).
func (w *walk) emitJSON(loc connectors.Location, v []byte) (bool, error) {
	if !json.Valid(v) {
		return false, nil
	}
	column := loc.Column
	err := formats.EachJSONValue(context.Background(), v, func(path string, label bool, data []byte) error {
		rec := connectors.Record{Loc: loc, Label: label, Data: data}
		rec.Loc.Column = w.paths.name(column, path)
		return w.fn(rec, nil)
	})
	return true, err
}
