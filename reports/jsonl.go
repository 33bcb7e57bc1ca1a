package reports

import (
	"bufio"
	"encoding/json"
	"io"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/scanner"
)

// JSONL writes one finding per line as it arrives, so memory does not grow
// with the number of findings. Problems go to the problem writer, if any, as
// plain lines: the JSON stream holds findings only, which other tools rely on.
type JSONL struct {
	w        *bufio.Writer
	enc      *json.Encoder
	problems *Problems
}

var _ Report = (*JSONL)(nil)

// NewJSONL writes findings to w and problems to problems (nil to drop them).
func NewJSONL(w io.Writer, problems io.Writer) *JSONL {
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	return &JSONL{w: bw, enc: enc, problems: NewProblems(problems)}
}

func (j *JSONL) Finding(f *scanner.Finding) error { return j.enc.Encode(f) }

func (j *JSONL) Object(connectors.Location, connectors.ObjectStats) error { return nil }

func (j *JSONL) Problem(p scanner.Problem) error { return j.problems.Problem(p) }

func (j *JSONL) Close(sum *scanner.Summary) error {
	if err := j.w.Flush(); err != nil {
		return err
	}
	return j.problems.Close(sum)
}
