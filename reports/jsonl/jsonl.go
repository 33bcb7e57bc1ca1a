// Package jsonl writes findings as JSON Lines, one finding per line, in the
// documented shape of scanner.Finding: while a scan runs, as findings
// arrive, so that memory does not grow with them, or from a kept scan.
package jsonl

import (
	"bufio"
	"encoding/json"
	"io"
	"iter"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/scanner"
)

// Stream writes a scan's findings to w as they arrive, and hands its
// problems to a function of the caller's (which says them to the user, in
// the user's language): the JSON stream holds findings only, which other
// tools rely on.
type Stream struct {
	w       *bufio.Writer
	enc     *json.Encoder
	problem func(scanner.Problem) error
	wire    wire
}

var _ scanner.Sink = (*Stream)(nil)

// NewStream writes findings to w and hands problems to problem (nil drops
// them).
func NewStream(w io.Writer, problem func(scanner.Problem) error) *Stream {
	bw := bufio.NewWriterSize(w, 64<<10)
	return &Stream{w: bw, enc: encoder(bw), problem: problem}
}

func encoder(w io.Writer) *json.Encoder {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc
}

func (s *Stream) Finding(f *scanner.Finding) error { return s.enc.Encode(s.wire.of(f)) }

// findingJSON is scanner.Finding as JSON, its location flat: encoding a
// Location through its MarshalJSON, which encoding/json validates again,
// would cost a sixth more of a scan's time when every finding is written.
type findingJSON struct {
	Type       string                  `json:"type"`
	Kind       string                  `json:"kind,omitempty"`
	Confidence detectors.Confidence    `json:"confidence"`
	Reasons    []string                `json:"reasons"`
	Location   connectors.LocationJSON `json:"location"`
	Masked     string                  `json:"masked"`
	Value      string                  `json:"value,omitempty"`
}

// wire makes the JSON form of findings, reusing it and its object's part:
// findings come object by object.
type wire struct {
	f      findingJSON
	obj    *connectors.Object
	objLoc connectors.LocationJSON
}

func (w *wire) of(f *scanner.Finding) *findingJSON {
	if o := f.Location.Object; o != w.obj || o == nil {
		w.obj, w.objLoc = o, connectors.LocationJSON{}
		if o != nil {
			w.objLoc = connectors.FlatObject(o)
		}
	}
	w.f = findingJSON{Type: f.Type, Kind: f.Kind, Confidence: f.Confidence, Reasons: f.Reasons,
		Location: f.Location.FlatIn(w.objLoc), Masked: f.Masked, Value: f.Value}
	return &w.f
}

func (s *Stream) Object(*connectors.Object, connectors.ObjectStats) error { return nil }

// Problem hands a problem to the stream's problem function.
func (s *Stream) Problem(p scanner.Problem) error {
	if s.problem == nil {
		return nil
	}
	return s.problem(p)
}

// Flush writes what is buffered.
func (s *Stream) Flush() error { return s.w.Flush() }

// Write writes findings, from a kept scan, to w.
func Write(w io.Writer, findings iter.Seq2[scanner.Finding, error]) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := encoder(bw)
	var wr wire
	for f, err := range findings {
		if err != nil {
			return err
		}
		if err := enc.Encode(wr.of(&f)); err != nil {
			return err
		}
	}
	return bw.Flush()
}
