package reports

import (
	"fmt"
	"io"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/scanner"
)

// Problems prints skipped and unreadable items as they happen, one line
// each, and a one-line summary at the end: the companion of a JSON stream.
type Problems struct {
	w io.Writer
}

// NewProblems writes to w; a nil w discards.
func NewProblems(w io.Writer) *Problems { return &Problems{w: w} }

func (p *Problems) Finding(*scanner.Finding) error { return nil }

func (p *Problems) Object(connectors.Location, connectors.ObjectStats) error { return nil }

func (p *Problems) Problem(pr scanner.Problem) error {
	if p.w == nil {
		return nil
	}
	kind := "error"
	if pr.Skipped {
		kind = "skipped"
	}
	_, err := fmt.Fprintf(p.w, "pmscan: %s: %s: %v\n", kind, describe(pr.Location), pr.Err)
	return err
}

func (p *Problems) Close(sum *scanner.Summary) error {
	if p.w == nil {
		return nil
	}
	_, err := fmt.Fprintf(p.w, "pmscan: %s\n", headline(sum))
	return err
}

// describe names a location for a person.
func describe(l connectors.Location) string {
	s := where(l)
	if s == "" {
		s = l.Store
	}
	if l.Row != "" {
		s += " row " + string(l.Row)
	} else if l.RowNumber > 0 {
		s += fmt.Sprintf(" row #%d", l.RowNumber)
	}
	if l.Line > 0 {
		s += fmt.Sprintf(":%d", l.Line)
	}
	if l.Sheet != "" {
		s += " " + l.Sheet + "!" + l.Cell
	}
	if l.Part != "" {
		s += fmt.Sprintf(" %s ¶%d", l.Part, l.Paragraph)
	}
	if l.Column != "" {
		s += fmt.Sprintf(" [%s]", l.Column)
	}
	return s
}
