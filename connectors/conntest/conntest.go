// Package conntest is the conformance suite every connector passes (as
// restic's backend/test does for its backends). A connector's package loads
// the shared fixture (Fixture) into its store, real servers included, and
// calls Run with a Harness that opens the connector on it. Run checks the
// contract of connectors.Connector: how a walk stops and is cancelled, that
// every object ends with exactly one terminal record and does not change,
// that records come in the same order every time and are not retained,
// that credentials never leak, and that the same data gives the same
// findings whatever the format, the encoding or the store.
//
// It is test code: only tests import it.
package conntest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"path"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pmscan/pmscan/connectors"
)

// Layout says how a store holds the fixture.
type Layout int

const (
	// Objects: one object per fixture file, named by its file name at the
	// end of the object's name (a file tree, a bucket).
	Objects Layout = iota
	// Table: the customer rows as the table CustomersTable, next to
	// DeniedTable (a database).
	Table
)

// Harness is what Run needs of a connector.
type Harness struct {
	// Open returns a new connector on the store holding the fixture and
	// nothing else. Run calls it once per walk and closes the connector.
	Open func(t *testing.T) connectors.Connector
	// Layout says whether the store holds the fixture as objects or as a
	// table.
	Layout Layout
	// Denied is text that the error of the denied item (DeniedFile or
	// DeniedTable) must contain, such as "AccessDenied".
	Denied string
	// Secrets are the credentials the connectors use: none may appear in
	// a location, in an error, or in the error Walk returns.
	Secrets []string
	// Failing are targets on the same store whose walk fails as a whole
	// (a server that is not there, a wrong password).
	Failing []Failure
}

// Failure is a target whose walk must fail as a whole.
type Failure struct {
	Name string
	Open func(t *testing.T) connectors.Connector
	// Want is text that Walk's error must contain.
	Want string
}

// hangBound bounds a walk that must end promptly; it only catches hangs.
const hangBound = 10 * time.Second

// Run runs the suite on h, in subtests:
//
//	Objects          every record has its object's one Object, unchanged since the
//	                 object's first record; an object's records come together and
//	                 end with exactly one terminal record; the fixture's items are
//	                 all read, the denied one failing with h.Denied
//	Order            a second walk gives the same records in the same order
//	DataNotRetained  a callback that overwrites Data changes no later record
//	CallbackError    the callback's error stops the walk and is returned as is
//	Cancel           cancelling stops the walk promptly with the context's error
//	Secrets          h.Secrets are in no location and no error, h.Failing included
//	Findings         every detector finds the same in every copy of the customer
//	                 rows and of the notes, as in testdata/golden
//
// The callback is never to be called concurrently or after Walk returns.
func Run(t *testing.T, h Harness) {
	if h.Open == nil {
		t.Fatal("conntest: Harness.Open is nil")
	}
	// One clean walk is the reference the others compare with.
	var ref *walkLog
	reference := func(t *testing.T) *walkLog {
		if ref == nil {
			ref = walkAll(t, h, nil)
		}
		return ref
	}
	t.Run("Objects", func(t *testing.T) { checkObjects(t, h, reference(t)) })
	t.Run("Order", func(t *testing.T) {
		compareLogs(t, "a second walk", reference(t), walkAll(t, h, nil))
	})
	t.Run("DataNotRetained", func(t *testing.T) {
		want := reference(t)
		// The callback scribbles over every record's Data once it has
		// read it, as a caller reusing the memory would.
		scribbled := walkAll(t, h, func(rec *connectors.Record) {
			for i := range rec.Data {
				rec.Data[i] = '#'
			}
		})
		compareLogs(t, "a walk whose callback overwrites Data", want, scribbled)
	})
	t.Run("CallbackError", func(t *testing.T) { testCallbackError(t, h, reference(t)) })
	t.Run("Cancel", func(t *testing.T) { testCancel(t, h) })
	t.Run("Secrets", func(t *testing.T) {
		checkSecrets(t, h.Secrets, reference(t))
		for _, f := range h.Failing {
			t.Run(f.Name, func(t *testing.T) { testFailing(t, h, f) })
		}
	})
	t.Run("Findings", func(t *testing.T) { testFindings(t, h) })
	t.Run("Incremental", func(t *testing.T) { testIncremental(t, h, reference(t)) })
}

// entry is one record as a walk handed it on.
type entry struct {
	obj   *connectors.Object
	snap  connectors.Object // *obj when the record was handed on
	loc   connectors.Location
	data  string
	lines bool
	label bool
	done  *connectors.ObjectStats
	err   error
}

// String is everything a record says, for comparing walks.
func (e entry) String() string {
	l := e.loc
	s := fmt.Sprintf("%s line=%d column=%q sheet=%q cell=%q part=%q paragraph=%d row=%s row#=%d lines=%v label=%v data=%q",
		e.obj.Name(), l.Line, l.Column, l.Sheet, l.Cell, l.Part, l.Paragraph, l.Row, l.RowNumber, e.lines, e.label, e.data)
	if e.done != nil {
		s += fmt.Sprintf(" done(format=%s bytes=%d rows=%d sampled=%v)", e.done.Format, e.done.Bytes, e.done.Rows, e.done.Sampled)
	}
	if e.err != nil {
		s += " err=" + e.err.Error()
	}
	return s
}

type walkLog struct {
	entries []entry
	err     error // Walk's
}

// walkAll walks a new connector to the end, logging every record, and
// fails the test if Walk fails, if the callback is called concurrently or
// after Walk returned, or if a record has no object. after, when set, is
// called with each record once it is logged.
func walkAll(t *testing.T, h Harness, after func(*connectors.Record)) *walkLog {
	t.Helper()
	c := h.Open(t)
	defer c.Close()
	log := &walkLog{}
	var guard callGuard
	log.err = c.Walk(t.Context(), guard.wrap(t, func(rec connectors.Record, err error) error {
		if rec.Loc.Object == nil {
			t.Errorf("record without an object: %+v, err %v", rec, err)
			return nil
		}
		e := entry{obj: rec.Loc.Object, snap: *rec.Loc.Object, loc: rec.Loc, data: string(rec.Data),
			lines: rec.Lines, label: rec.Label, err: err}
		if rec.Done != nil {
			st := *rec.Done
			e.done = &st
		}
		log.entries = append(log.entries, e)
		if after != nil {
			after(&rec)
		}
		return nil
	}))
	guard.returned()
	if log.err != nil {
		t.Fatalf("Walk: %v", log.err)
	}
	if len(log.entries) == 0 {
		t.Fatal("the walk handed on no record")
	}
	return log
}

// callGuard checks that a walk's callback runs one call at a time and
// never after Walk returned.
type callGuard struct {
	in   atomic.Int32
	done atomic.Bool
	n    atomic.Int64
}

func (g *callGuard) wrap(t *testing.T, fn connectors.WalkFunc) connectors.WalkFunc {
	return func(rec connectors.Record, err error) error {
		if g.done.Load() {
			t.Errorf("callback called after Walk returned: %v (err %v)", rec.Loc, err)
		}
		if g.in.Add(1) != 1 {
			t.Errorf("callback called concurrently: %v", rec.Loc)
		}
		defer g.in.Add(-1)
		g.n.Add(1)
		return fn(rec, err)
	}
}

// returned marks Walk as returned, and gives a stray goroutine a moment
// to show itself.
func (g *callGuard) returned() {
	g.done.Store(true)
	time.Sleep(20 * time.Millisecond)
}

// item names the fixture item an object holds, or "".
func item(h Harness, o *connectors.Object) string {
	if h.Layout == Table {
		name := o.Table
		if i := strings.LastIndexByte(name, '.'); i >= 0 {
			name = name[i+1:] // schema.table
		}
		return name
	}
	return path.Base(o.Name())
}

// items lists what the store holds, the denied item last.
func items(h Harness) []string {
	if h.Layout == Table {
		return []string{CustomersTable, DeniedTable}
	}
	return []string{CustomersCSV, CustomersCP932CSV, CustomersJSON, CustomersJSONL, Notes, NotesCP932, DeniedFile}
}

func denied(h Harness) string {
	if h.Layout == Table {
		return DeniedTable
	}
	return DeniedFile
}

// checkObjects checks the objects of a walk: every record has its object's
// one Object, unchanged from the object's first record; the records of an
// object come together (an archive's members nest inside it); every object
// ends with exactly one terminal record, its last; the fixture's items are
// there, each read to the end but the denied one, which fails.
func checkObjects(t *testing.T, h Harness, log *walkLog) {
	type state struct {
		first connectors.Object
		ptr   *connectors.Object
		ended bool
		err   error
	}
	objs := map[string]*state{}
	var open []string // objects with records and no terminal yet, innermost last
	var order []string
	for i, e := range log.entries {
		name := e.obj.Name()
		st := objs[name]
		if st == nil {
			st = &state{first: e.snap, ptr: e.obj}
			objs[name] = st
			order = append(order, name)
			open = append(open, name)
		}
		switch {
		case st.ended:
			t.Errorf("record %d: %s: a record after the object's terminal record: %s", i, name, e)
		case open[len(open)-1] != name:
			t.Errorf("record %d: %s: its records are interleaved with those of %s", i, name, open[len(open)-1])
		}
		if e.obj != st.ptr {
			t.Errorf("record %d: %s: the object's records do not share one Object", i, name)
		}
		if e.snap != st.first {
			t.Errorf("record %d: %s: the Object changed after its first record:\n first %+v\n now   %+v", i, name, st.first, e.snap)
		}
		if e.err != nil && e.done == nil {
			t.Errorf("record %d: %s: the fixture holds nothing that fails inside an object, yet: %v", i, name, e.err)
		}
		if e.done != nil && !st.ended {
			st.ended, st.err = true, e.err
			if n := len(open); n > 0 && open[n-1] == name {
				open = open[:n-1]
			}
		}
	}
	for _, name := range order {
		if !objs[name].ended {
			t.Errorf("%s: no terminal record", name)
		}
	}

	byItem := map[string]*state{}
	for _, name := range order {
		it := item(h, objs[name].ptr)
		if byItem[it] != nil {
			t.Errorf("two objects hold %s", it)
		}
		byItem[it] = objs[name]
	}
	for _, it := range items(h) {
		st := byItem[it]
		switch {
		case st == nil:
			t.Errorf("%s: not walked; objects walked: %q", it, order)
		case it == denied(h):
			if st.err == nil || connectors.IsSkip(st.err) || !strings.Contains(st.err.Error(), h.Denied) {
				t.Errorf("%s: ended with error %v, want a failure saying %q", it, st.err, h.Denied)
			}
		case st.err != nil:
			t.Errorf("%s: %v", it, st.err)
		}
		delete(byItem, it)
	}
	for it := range byItem {
		t.Errorf("%s: walked, but not part of the fixture", it)
	}
}

// compareLogs fails the test where got differs from want, record by record.
func compareLogs(t *testing.T, what string, want, got *walkLog) {
	t.Helper()
	shown := 0
	for i := range max(len(want.entries), len(got.entries)) {
		var w, g string
		if i < len(want.entries) {
			w = want.entries[i].String()
		}
		if i < len(got.entries) {
			g = got.entries[i].String()
		}
		if w != g {
			t.Errorf("record %d differs in %s:\n got  %s\n want %s", i, what, g, w)
			if shown++; shown == 5 {
				t.Fatalf("%s: %d records, want %d; stopping at 5 differences", what, len(got.entries), len(want.entries))
			}
		}
	}
}

// testCallbackError stops walks with an error from the callback at its
// first call, at the first terminal record, midway and at its last call:
// Walk must return that error itself and call the callback no more.
func testCallbackError(t *testing.T, h Harness, ref *walkLog) {
	firstDone := 0
	for i, e := range ref.entries {
		if e.done != nil {
			firstDone = i + 1
			break
		}
	}
	n := len(ref.entries)
	for _, stop := range []struct {
		name string
		at   int
	}{{"first", 1}, {"terminal", firstDone}, {"midway", n / 2}, {"last", n}} {
		t.Run(stop.name, func(t *testing.T) {
			c := h.Open(t)
			defer c.Close()
			sentinel := errors.New("conntest: the callback fails")
			var guard callGuard
			calls := 0
			err := c.Walk(t.Context(), guard.wrap(t, func(connectors.Record, error) error {
				if calls++; calls == stop.at {
					return sentinel
				}
				if calls > stop.at {
					t.Errorf("call %d after the callback failed at call %d", calls, stop.at)
				}
				return nil
			}))
			guard.returned()
			if err != sentinel {
				t.Errorf("Walk = %v, want the callback's error unchanged", err)
			}
			if calls != stop.at {
				t.Errorf("the callback was called %d times, want %d", calls, stop.at)
			}
		})
	}
}

// testCancel cancels the context after a few records: Walk must return the
// cancellation promptly, and not call the callback after returning.
func testCancel(t *testing.T, h Harness) {
	c := h.Open(t)
	defer c.Close()
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var guard callGuard
	var cancelled atomic.Int64 // UnixNano of the cancel
	calls := 0
	fn := guard.wrap(t, func(connectors.Record, error) error {
		if calls++; calls == 3 {
			cancelled.Store(time.Now().UnixNano())
			cancel()
		}
		return nil
	})
	done := make(chan error, 1)
	go func() { done <- c.Walk(ctx, fn) }()
	select {
	case err := <-done:
		guard.returned()
		if !errors.Is(err, ctx.Err()) || ctx.Err() == nil {
			t.Errorf("Walk = %v after %d calls, want the context's error (%v)", err, calls, ctx.Err())
		}
	case <-time.After(hangBound):
		t.Fatalf("Walk did not return within %v of the cancellation (%d calls, cancelled: %v)", hangBound, guard.n.Load(), cancelled.Load() != 0)
	}
}

// testFailing walks a target that fails as a whole.
func testFailing(t *testing.T, h Harness, f Failure) {
	c := f.Open(t)
	defer c.Close()
	var guard callGuard
	var log walkLog
	done := make(chan error, 1)
	go func() {
		done <- c.Walk(t.Context(), guard.wrap(t, func(rec connectors.Record, err error) error {
			log.entries = append(log.entries, entry{obj: rec.Loc.Object, loc: rec.Loc, err: err})
			return nil
		}))
	}()
	select {
	case log.err = <-done:
		guard.returned()
	case <-time.After(hangBound):
		t.Fatalf("Walk did not fail within %v", hangBound)
	}
	if log.err == nil || !strings.Contains(log.err.Error(), f.Want) {
		t.Errorf("Walk = %v, want an error saying %q", log.err, f.Want)
	}
	checkSecrets(t, h.Secrets, &log)
}

// checkSecrets fails the test if a secret, or its URL-escaped form, is in a
// location, a record's error or Walk's error.
func checkSecrets(t *testing.T, secrets []string, log *walkLog) {
	t.Helper()
	var forms []string
	for _, s := range secrets {
		if s == "" {
			continue
		}
		forms = append(forms, s, url.QueryEscape(s), url.PathEscape(s))
	}
	leaks := func(what, text string) {
		for _, s := range forms {
			if strings.Contains(text, s) {
				t.Errorf("a secret is in %s: %s", what, text)
				return
			}
		}
	}
	seen := map[*connectors.Object]bool{}
	for _, e := range log.entries {
		if e.obj != nil && !seen[e.obj] {
			seen[e.obj] = true
			leaks("an object's name", e.obj.Name())
		}
		b, err := json.Marshal(e.loc)
		if err != nil {
			t.Errorf("marshal %v: %v", e.loc, err)
		}
		leaks("a location", string(b))
		if e.err != nil {
			leaks("a record's error", e.err.Error())
		}
	}
	if log.err != nil {
		leaks("Walk's error", log.err.Error())
	}
}
