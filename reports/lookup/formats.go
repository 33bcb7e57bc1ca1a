package lookup

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
)

// Format writes a lookup's result.
type Format struct {
	Name   string
	Usage  string
	Write  func(w io.Writer, r *Result) error
	Binary bool // needs -o FILE: not for a terminal
}

// formats are the lookup's output formats, each registered once here.
var formats = []Format{
	{Name: "json", Usage: "the result as one JSON object: matches, possible_matches, near_misses, problems", Write: writeJSON},
	{Name: "csv", Usage: "one line per record: category, location, identifiers matched, why", Write: writeCSV},
	{Name: "html", Usage: "one self-contained page in Japanese, for the privacy office", Write: writeHTML},
	{Name: "xlsx", Usage: "a workbook in Japanese: a sheet per category, a line per identifier with its policy item", Write: writeXLSX, Binary: true},
}

// Formats lists the output formats.
func Formats() []Format { return formats }

// FormatNamed returns the format called name.
func FormatNamed(name string) (Format, error) {
	for _, f := range formats {
		if f.Name == name {
			return f, nil
		}
	}
	var names []string
	for _, f := range formats {
		names = append(names, f.Name)
	}
	sort.Strings(names)
	return Format{}, fmt.Errorf("unknown format %q: want %s", name, strings.Join(names, ", "))
}

func writeJSON(w io.Writer, r *Result) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}

// csvHeader names the CSV columns.
var csvHeader = []string{"category", "store", "object", "position", "matched", "strength", "why"}

func writeCSV(w io.Writer, r *Result) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	for _, group := range []struct {
		name    string
		records []Record
	}{{"match", r.Matches}, {"possible_match", r.PossibleMatches}, {"near_miss", r.NearMisses}} {
		for _, rec := range group.records {
			var matched []string
			for _, m := range rec.Matched {
				s := string(m.Kind) + "=" + m.Value
				if m.Column != "" {
					s = string(m.Kind) + "[" + m.Column + "]=" + m.Value
				}
				matched = append(matched, s)
			}
			if err := cw.Write([]string{group.name, rec.Location.Store, rec.Object, rec.Position, strings.Join(matched, "; "), rec.Strength, rec.Why}); err != nil {
				return err
			}
		}
	}
	for _, p := range r.Problems {
		if err := cw.Write([]string{"not_searched", p.Location.Store, p.Object, "", "", "", p.Error}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
