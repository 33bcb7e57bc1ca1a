package dbtest

import (
	"context"
	"sync"
	"testing"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/detectors/all"
	"github.com/pmscan/pmscan/scanner"
)

// Result is everything a scan reported.
type Result struct {
	Findings []scanner.Finding
	Problems []scanner.Problem
	Objects  map[string]connectors.ObjectStats // by Object.Table
	Summary  *scanner.Summary
}

var (
	setOnce sync.Once
	set     *detectors.Set
	setErr  error
)

// Scan runs every detector over what conn walks.
func Scan(t testing.TB, ctx context.Context, conn connectors.Connector) *Result {
	t.Helper()
	setOnce.Do(func() { set, setErr = detectors.NewSet(all.Detectors()) })
	if setErr != nil {
		t.Fatal(setErr)
	}
	res := &Result{Objects: map[string]connectors.ObjectStats{}}
	sum, err := scanner.Run(ctx, scanner.Options{Detectors: set, ShowData: true},
		[]scanner.Target{{Name: "db", Conn: conn}}, res)
	if err != nil {
		t.Fatal(err)
	}
	res.Summary = sum
	return res
}

var _ scanner.Sink = (*Result)(nil)

func (r *Result) Finding(f *scanner.Finding) error {
	r.Findings = append(r.Findings, *f)
	return nil
}

func (r *Result) Object(o *connectors.Object, st connectors.ObjectStats) error {
	r.Objects[o.Table] = st
	return nil
}

func (r *Result) Problem(p scanner.Problem) error {
	r.Problems = append(r.Problems, p)
	return nil
}

// Where returns the findings of type typ in table and column.
func (r *Result) Where(table, column, typ string) []scanner.Finding {
	var out []scanner.Finding
	for _, f := range r.Findings {
		if f.Location.Object.Table == table && f.Location.Column == column && f.Type == typ {
			out = append(out, f)
		}
	}
	return out
}

// ProblemFor returns the first problem recorded for table, or nil.
func (r *Result) ProblemFor(table string) *scanner.Problem {
	for i := range r.Problems {
		if r.Problems[i].Location.Object.Table == table {
			return &r.Problems[i]
		}
	}
	return nil
}
