package scanner

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/detectors"
)

// letterDetector reports every run of its letter; it panics on "PANIC".
type letterDetector struct{ letter byte }

func (d letterDetector) Type() string       { return "letter_" + string(d.letter) }
func (d letterDetector) Keywords() []string { return nil }
func (d letterDetector) Find(t *detectors.Text) []detectors.Candidate {
	if strings.Contains(t.Norm, "PANIC") {
		panic("boom")
	}
	var out []detectors.Candidate
	for i := 0; i < len(t.Norm); i++ {
		if t.Norm[i] == d.letter {
			out = append(out, detectors.Candidate{Start: i, End: i + 1})
		}
	}
	return out
}
func (d letterDetector) Judge(detectors.Candidate, *detectors.Text) detectors.Verdict {
	return detectors.Verdict{Confidence: detectors.High, Reasons: []string{"letter"}}
}

// sliceConnector walks a fixed list of records: the pipeline's own input,
// not a stand-in for any store.
type sliceConnector struct {
	recs []connectors.Record
	errs []error
	// block, when set, makes the walk wait for cancellation after the records.
	block  bool
	cancel func() // called after the records, before blocking
	fail   error
}

func (c *sliceConnector) Walk(ctx context.Context, fn connectors.WalkFunc) error {
	for i, r := range c.recs {
		var err error
		if c.errs != nil {
			err = c.errs[i]
		}
		if err := fn(r, err); err != nil {
			return err
		}
	}
	if c.cancel != nil {
		c.cancel()
	}
	if c.block {
		<-ctx.Done()
		return ctx.Err()
	}
	return c.fail
}
func (c *sliceConnector) Close() error { return nil }

type recordingSink struct {
	findings []Finding
	objects  []string
	problems []Problem
	failAt   int
}

func (s *recordingSink) Finding(f *Finding) error {
	s.findings = append(s.findings, *f)
	if s.failAt > 0 && len(s.findings) == s.failAt {
		return errors.New("disk full")
	}
	return nil
}
func (s *recordingSink) Object(o *connectors.Object, st connectors.ObjectStats) error {
	s.objects = append(s.objects, o.Path)
	return nil
}

// at is a location at line in the object o.
func at(o *connectors.Object, line int64) connectors.Location {
	return connectors.Location{Object: o, Line: line}
}

func memObject(path string) *connectors.Object   { return &connectors.Object{Store: "mem", Path: path} }
func (s *recordingSink) Problem(p Problem) error { s.problems = append(s.problems, p); return nil }

func newSet(t *testing.T) *detectors.Set {
	set, err := detectors.NewSet([]detectors.Detector{letterDetector{'X'}})
	if err != nil {
		t.Fatal(err)
	}
	return set
}

func TestRunKeepsWalkOrderAcrossWorkers(t *testing.T) {
	var recs []connectors.Record
	objs := make([]*connectors.Object, 50)
	for i := range objs {
		objs[i] = memObject(fmt.Sprintf("f%d", i))
	}
	for i := 0; i < 5000; i++ {
		recs = append(recs, connectors.Record{
			Loc:  at(objs[i/100], int64(i%100+1)),
			Data: []byte(strings.Repeat("ab", i%7) + "X" + strings.Repeat("c", i%13)),
		})
		if i%100 == 99 {
			recs = append(recs, connectors.End(objs[i/100], connectors.ObjectStats{Bytes: 10}))
		}
	}
	sink := &recordingSink{}
	sum, err := Run(context.Background(), Options{Detectors: newSet(t), Concurrency: 4, BatchBytes: 512},
		[]Target{{Name: "mem", Conn: &sliceConnector{recs: recs}}}, sink)
	if err != nil {
		t.Fatal(err)
	}
	if len(sink.findings) != 5000 || sum.Findings != 5000 || sum.ByType["letter_X"] != 5000 {
		t.Fatalf("got %d findings (summary %d), want 5000", len(sink.findings), sum.Findings)
	}
	for i, f := range sink.findings {
		want := at(objs[i/100], int64(i%100+1))
		if f.Location != want {
			t.Fatalf("finding %d at %+v, want %+v: order lost", i, f.Location, want)
		}
	}
	if len(sink.objects) != 50 || sum.Objects != 50 || sum.Bytes != 500 {
		t.Errorf("objects = %d (summary %d, %d bytes), want 50 and 500 bytes", len(sink.objects), sum.Objects, sum.Bytes)
	}
}

func TestRunLinesAndMasking(t *testing.T) {
	rec := connectors.Record{
		Loc:   at(memObject("a.txt"), 10),
		Data:  []byte("line ten\nline X eleven\n\nX on thirteen, X again"),
		Lines: true,
	}
	for _, showData := range []bool{false, true} {
		sink := &recordingSink{}
		_, err := Run(context.Background(), Options{Detectors: newSet(t), ShowData: showData},
			[]Target{{Name: "mem", Conn: &sliceConnector{recs: []connectors.Record{rec}}}}, sink)
		if err != nil {
			t.Fatal(err)
		}
		var lines []int64
		for _, f := range sink.findings {
			lines = append(lines, f.Location.Line)
			if f.Masked != "*" {
				t.Errorf("masked = %q, want *", f.Masked)
			}
			if showData != (f.Value == "X") {
				t.Errorf("show-data %v: value %q", showData, f.Value)
			}
		}
		if fmt.Sprint(lines) != "[11 13 13]" {
			t.Errorf("lines = %v, want [11 13 13]", lines)
		}
	}
}

func TestRunRecordsProblemsAndGoesOn(t *testing.T) {
	loc := func(p string) connectors.Location { return at(memObject(p), 1) }
	c := &sliceConnector{
		recs: []connectors.Record{{Loc: loc("a"), Data: []byte("X")}, connectors.End(memObject("bin"), connectors.ObjectStats{}),
			connectors.End(memObject("denied"), connectors.ObjectStats{}), {Loc: loc("p"), Data: []byte("PANIC X")}, {Loc: loc("b"), Data: []byte("XX")}},
		errs: []error{nil, connectors.Skip("binary content"), errors.New("open: permission denied"), nil, nil},
	}
	sink := &recordingSink{}
	sum, err := Run(context.Background(), Options{Detectors: newSet(t)}, []Target{{Name: "mem", Conn: c}}, sink)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Skipped != 1 || sum.Failed != 2 || sum.Findings != 3 {
		t.Fatalf("skipped %d failed %d findings %d, want 1, 2 (denied and the panic), 3", sum.Skipped, sum.Failed, sum.Findings)
	}
	var got []string
	for _, p := range sink.problems {
		got = append(got, fmt.Sprintf("%s skipped=%v terminal=%v %v", p.Location.Object.Path, p.Skipped, p.Terminal, p.Err))
	}
	want := "[bin skipped=true terminal=true binary content denied skipped=false terminal=true open: permission denied p skipped=false terminal=false internal error while scanning: boom]"
	if fmt.Sprint(got) != want {
		t.Errorf("problems:\n got  %v\n want %s", got, want)
	}
}

func TestRunTargetFailureIsRecorded(t *testing.T) {
	sink := &recordingSink{}
	sum, err := Run(context.Background(), Options{Detectors: newSet(t)}, []Target{
		{Name: "gone", Conn: &sliceConnector{fail: errors.New("connection refused")}},
		{Name: "ok", Conn: &sliceConnector{recs: []connectors.Record{{Loc: at(memObject("x"), 1), Data: []byte("X")}}}},
	}, sink)
	if err != nil {
		t.Fatal(err)
	}
	if sum.TargetsFailed() != 1 || sum.Targets[0].Err == nil || sum.Targets[1].Err != nil || sum.Findings != 1 {
		t.Fatalf("targets %+v, findings %d", sum.Targets, sum.Findings)
	}
}

func TestRunCancelKeepsWhatWasRead(t *testing.T) {
	var recs []connectors.Record
	for i := 0; i < 300; i++ {
		recs = append(recs, connectors.Record{Loc: at(memObject("f"), int64(i+1)), Data: []byte("X")})
	}
	ctx, cancel := context.WithCancel(context.Background())
	sink := &recordingSink{}
	c := &sliceConnector{recs: recs, block: true, cancel: cancel}
	sum, err := Run(ctx, Options{Detectors: newSet(t), Concurrency: 2}, []Target{{Name: "mem", Conn: c}}, sink)
	if err != nil {
		t.Fatal(err)
	}
	if !sum.Interrupted {
		t.Fatal("summary does not say interrupted")
	}
	if sum.Records != 300 || sum.Findings != 300 || len(sink.findings) != 300 {
		t.Fatalf("records %d findings %d delivered %d, want 300: every record read must be judged and delivered", sum.Records, sum.Findings, len(sink.findings))
	}
	if len(sum.Targets) != 1 || !errors.Is(sum.Targets[0].Err, ErrInterrupted) {
		t.Errorf("targets = %+v, want the one target marked interrupted", sum.Targets)
	}
}

func TestRunStopsOnSinkError(t *testing.T) {
	var recs []connectors.Record
	f := memObject("f")
	for i := 0; i < 100000; i++ {
		recs = append(recs, connectors.Record{Loc: at(f, 1), Data: []byte("X")})
	}
	sink := &recordingSink{failAt: 10}
	_, err := Run(context.Background(), Options{Detectors: newSet(t), BatchBytes: 64}, []Target{{Name: "mem", Conn: &sliceConnector{recs: recs}}}, sink)
	if err == nil || err.Error() != "disk full" {
		t.Fatalf("err = %v, want disk full", err)
	}
	if len(sink.findings) != 10 {
		t.Fatalf("sink got %d findings after failing at 10", len(sink.findings))
	}
}

// columnDetector reports the whole text, with the column and label flag
// the detectors saw as its reason.
type columnDetector struct{}

func (columnDetector) Type() string       { return "column" }
func (columnDetector) Keywords() []string { return nil }
func (columnDetector) Find(t *detectors.Text) []detectors.Candidate {
	return []detectors.Candidate{{Start: 0, End: len(t.Norm)}}
}
func (columnDetector) Judge(_ detectors.Candidate, t *detectors.Text) detectors.Verdict {
	return detectors.Verdict{Confidence: detectors.High, Reasons: []string{fmt.Sprintf("column=%q label=%v", t.Column, t.Label)}}
}

// TestRunJudgesLabelsWithoutTheirColumn: a header cell or an object key
// names a column; detectors never judge it as a value of that column.
func TestRunJudgesLabelsWithoutTheirColumn(t *testing.T) {
	o := memObject("a.json")
	key := connectors.Record{Loc: connectors.Location{Object: o, Line: 1, Column: "name"}, Data: []byte("kanji"), Label: true}
	value := connectors.Record{Loc: connectors.Location{Object: o, Line: 1, Column: "name.kanji"}, Data: []byte("山田")}
	set, err := detectors.NewSet([]detectors.Detector{columnDetector{}})
	if err != nil {
		t.Fatal(err)
	}
	sink := &recordingSink{}
	if _, err := Run(context.Background(), Options{Detectors: set}, []Target{{Name: "mem", Conn: &sliceConnector{recs: []connectors.Record{key, value}}}}, sink); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range sink.findings {
		got = append(got, f.Location.Column+": "+strings.Join(f.Reasons, ""))
	}
	want := `[name: column="" label=true name.kanji: column="name.kanji" label=false]`
	if fmt.Sprint(got) != want {
		t.Errorf("got %v\nwant %s", got, want)
	}
}

// TestRunCountsRowsOfAFailedTable: a table that fails midway read its rows
// all the same; the summary counts them, as the progress line does.
func TestRunCountsRowsOfAFailedTable(t *testing.T) {
	tbl := &connectors.Object{Store: "mem", Table: "t"}
	c := &sliceConnector{
		recs: []connectors.Record{{Loc: connectors.Location{Object: tbl, Row: `{"id":1}`, Column: "c"}, Data: []byte("X")},
			connectors.End(tbl, connectors.ObjectStats{Rows: 7})},
		errs: []error{nil, errors.New("read table: connection lost")},
	}
	sink := &recordingSink{}
	sum, err := Run(context.Background(), Options{Detectors: newSet(t)}, []Target{{Name: "mem", Conn: c}}, sink)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Rows != 7 || sum.Objects != 0 || sum.Failed != 1 || len(sink.objects) != 0 {
		t.Errorf("rows %d objects %d failed %d sink objects %v; want 7 rows, the table failed and not read", sum.Rows, sum.Objects, sum.Failed, sink.objects)
	}
}
