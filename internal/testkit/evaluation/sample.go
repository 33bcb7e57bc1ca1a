// Package evaluation measures detector accuracy on a labelled synthetic set:
// Generate makes samples (cells, JSON values, sentences and hard negatives)
// whose personal information is labelled with exact byte spans, and Evaluate
// runs a detectors.Set over them and scores every type by strict span match.
//
// The set is synthetic (see internal/synthetic), so error listings may print
// values.
package evaluation

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"
)

// Contexts a sample comes from.
const (
	ContextCSV      = "csv"      // a cell under a column name
	ContextJSON     = "json"     // a JSON value under its key path
	ContextSentence = "sentence" // free text without a column
	ContextNegative = "negative" // a hard negative: nothing personal, with or without a column
)

// Sample is one text a detector sees, with the personal information in it.
type Sample struct {
	Context string // one of the Context constants
	Column  string // column name or JSON key path ("" for sentences)
	Text    string
	Labels  []Label
	Class   string // the error class a hand-written case probes, or ""
}

// Label marks Text[Start:End] as information of Type (Kind: its sub-kind,
// for sensitive).
type Label struct {
	Type, Kind string
	Start, End int // byte offsets into Sample.Text
}

// Validate reports the first label that is not a valid span of s.Text.
func (s Sample) Validate() error {
	switch s.Context {
	case ContextCSV, ContextJSON, ContextSentence, ContextNegative:
	default:
		return fmt.Errorf("unknown context %q", s.Context)
	}
	if !utf8.ValidString(s.Text) {
		return errors.New("text is not valid UTF-8")
	}
	if s.Context == ContextNegative && len(s.Labels) > 0 {
		return errors.New("negative sample has labels")
	}
	for _, l := range s.Labels {
		if l.Type == "" || l.Start < 0 || l.End > len(s.Text) || l.Start >= l.End {
			return fmt.Errorf("label %s [%d,%d) out of range", l.Type, l.Start, l.End)
		}
		if !utf8.ValidString(s.Text[l.Start:l.End]) || !utf8.RuneStart(s.Text[l.Start]) ||
			(l.End < len(s.Text) && !utf8.RuneStart(s.Text[l.End])) {
			return fmt.Errorf("label %s [%d,%d) splits a character", l.Type, l.Start, l.End)
		}
	}
	return nil
}

// jsonSample is the JSONL form: labels carry their text, so that a file can
// be read (and edited) by eye and an offset that drifted is caught on read.
type jsonSample struct {
	Context string      `json:"context"`
	Column  string      `json:"column,omitempty"`
	Text    string      `json:"text"`
	Labels  []jsonLabel `json:"labels,omitempty"`
	Class   string      `json:"class,omitempty"`
}

type jsonLabel struct {
	Type  string `json:"type"`
	Kind  string `json:"kind,omitempty"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Value string `json:"value"`
}

// WriteJSONL writes one sample per line.
func WriteJSONL(w io.Writer, samples []Sample) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for _, s := range samples {
		js := jsonSample{Context: s.Context, Column: s.Column, Text: s.Text, Class: s.Class}
		for _, l := range s.Labels {
			js.Labels = append(js.Labels, jsonLabel{l.Type, l.Kind, l.Start, l.End, s.Text[l.Start:l.End]})
		}
		if err := enc.Encode(js); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// ReadJSONL reads what WriteJSONL writes, validating every sample and
// checking each label's value against its span.
func ReadJSONL(r io.Reader) ([]Sample, error) {
	var out []Sample
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 16<<20)
	for line := 1; sc.Scan(); line++ {
		if len(sc.Bytes()) == 0 {
			continue
		}
		var js jsonSample
		if err := json.Unmarshal(sc.Bytes(), &js); err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		s := Sample{Context: js.Context, Column: js.Column, Text: js.Text, Class: js.Class}
		for _, l := range js.Labels {
			s.Labels = append(s.Labels, Label{Type: l.Type, Kind: l.Kind, Start: l.Start, End: l.End})
		}
		if err := s.Validate(); err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		for _, l := range js.Labels {
			if got := s.Text[l.Start:l.End]; got != l.Value {
				return nil, fmt.Errorf("line %d: label %s spans %q, value says %q", line, l.Type, got, l.Value)
			}
		}
		out = append(out, s)
	}
	return out, sc.Err()
}
