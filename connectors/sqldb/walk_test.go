package sqldb

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pmscan/pmscan/connectors"
)

// fakeServer serves tables of generated rows, without a key: row i of
// table t holds "t:i" in its one column, v. Each session reads at its own pace, so that readers finish
// their tables in an order of their own.
type fakeServer struct {
	tables []fakeTable
	// readRows counts the rows handed to the connector, by table.
	readRows sync.Map // string -> *atomic.Int64
	// fail, when set, is called before every row; an error it returns
	// ends the read.
	fail func(table string, row int64) error
	// down, when set, makes Connect fail after the first connection.
	down    atomic.Bool
	connect atomic.Int32
	// versionErr, when set, is what Version returns.
	versionErr error
}

type fakeTable struct {
	name   string
	rows   int64
	denied bool // reading it fails at once
	kind   string
	// partial, when set, is the table's Table.Partial; gap, the
	// Unreadable of a DatabaseGap entry (kind DatabaseGap).
	partial, gap string
}

func (s *fakeServer) Connect(ctx context.Context) (Session, error) {
	n := s.connect.Add(1)
	if n > 1 && s.down.Load() {
		return nil, errors.New("connection refused")
	}
	return &fakeSession{srv: s, r: rand.New(rand.NewPCG(uint64(n), 7))}, nil
}

func (s *fakeServer) counter(table string) *atomic.Int64 {
	c, _ := s.readRows.LoadOrStore(table, new(atomic.Int64))
	return c.(*atomic.Int64)
}

type fakeSession struct {
	srv *fakeServer
	r   *rand.Rand
}

func (s *fakeSession) Identity() Identity {
	return Identity{Store: "postgres", Host: "fake:5432", Database: "db"}
}

func (s *fakeSession) Tables(context.Context) ([]*Table, error) {
	var out []*Table
	for _, ft := range s.srv.tables {
		kind := ft.kind
		if kind == "" {
			kind = "table"
		}
		if kind == DatabaseGap {
			out = append(out, &Table{Schema: ft.name, Kind: kind, Unreadable: errors.New(ft.gap)})
			continue
		}
		t := &Table{Schema: "public", Name: ft.name, Kind: kind, EstRows: ft.rows,
			Columns: []Column{{Name: "v", Kind: KindText}}}
		if ft.partial != "" {
			t.Partial = errors.New(ft.partial)
		}
		out = append(out, t)
	}
	return out, nil
}

func (s *fakeSession) Page(context.Context, *Table, [][]byte, int, RowFunc) error {
	return errors.New("fake: no pages")
}

func (s *fakeSession) Sample(context.Context, *Table, int, int64, Resume, RowFunc) error {
	return errors.New("fake: no samples")
}

func (s *fakeSession) Stream(ctx context.Context, t *Table, from Resume, fn RowFunc) error {
	var ft fakeTable
	for _, x := range s.srv.tables {
		if x.name == t.Name {
			ft = x
		}
	}
	if ft.denied {
		return errors.New("permission denied for table " + t.Name)
	}
	count := s.srv.counter(t.Name)
	vals := make([][]byte, 1)
	for i := from.Rows + 1; i <= ft.rows; i++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		if f := s.srv.fail; f != nil {
			if err := f(t.Name, i); err != nil {
				return err
			}
		}
		if s.r.IntN(500) == 0 {
			time.Sleep(time.Duration(s.r.IntN(300)) * time.Microsecond)
		}
		vals[0] = fmt.Appendf(vals[0][:0], "%s:%d", t.Name, i)
		count.Add(1)
		if err := fn(vals); err != nil {
			return err
		}
	}
	return nil
}

// Version says the table's row count, the fake's only fact.
func (s *fakeSession) Version(_ context.Context, t *Table) (*connectors.Version, error) {
	if err := s.srv.versionErr; err != nil {
		return nil, err
	}
	for _, ft := range s.srv.tables {
		if ft.name == t.Name {
			v := &connectors.Version{}
			v.Add("rows", fmt.Sprint(ft.rows))
			return v, nil
		}
	}
	return nil, errors.New("fake: no table " + t.Name)
}

func (s *fakeSession) Close() error { return nil }

// logWalk walks c and logs every record as "table row column data" or
// "table done err".
func logWalk(t *testing.T, ctx context.Context, c *Connector, fn func(rec connectors.Record, err error) error) ([]string, error) {
	t.Helper()
	var log []string
	err := c.Walk(ctx, func(rec connectors.Record, err error) error {
		l := rec.Loc
		if rec.Terminal() {
			log = append(log, fmt.Sprintf("%s done %v", l.Object.Table, err))
		} else {
			log = append(log, fmt.Sprintf("%s %s%d %s %s", l.Object.Table, l.Row, l.RowNumber, l.Column, rec.Data))
		}
		if fn != nil {
			return fn(rec, err)
		}
		return nil
	})
	return log, err
}

// TestWalkOrder reads tables of several batches on three connections at
// once: the records come in catalog order, each table's together and in
// row order, the same on every walk.
func TestWalkOrder(t *testing.T) {
	srv := &fakeServer{tables: []fakeTable{
		{name: "a", rows: 7000}, {name: "b", rows: 300}, {name: "c", rows: 5000, denied: true},
		{name: "d", rows: 9000}, {name: "e", rows: 0}, {name: "f", rows: 4500, kind: "view"}, {name: "g", rows: 2500},
	}}
	c := New(srv, Options{Conns: 3})
	first, err := logWalk(t, t.Context(), c, nil)
	if err != nil {
		t.Fatal(err)
	}
	// Catalog order, rows in order, each table ending once.
	var want []string
	for _, ft := range srv.tables {
		switch {
		case ft.kind == "view":
			want = append(want, "public."+ft.name+" done view: not scanned without -db-views")
			continue
		case ft.denied:
			want = append(want, "public."+ft.name+" done read table: permission denied for table "+ft.name)
			continue
		}
		for i := int64(1); i <= ft.rows; i++ {
			want = append(want, fmt.Sprintf("public.%s %d v %s:%d", ft.name, i, ft.name, i))
		}
		want = append(want, "public."+ft.name+" done <nil>")
	}
	if len(first) != len(want) {
		t.Fatalf("%d records, want %d", len(first), len(want))
	}
	for i := range want {
		if first[i] != want[i] {
			t.Fatalf("record %d = %q, want %q", i, first[i], want[i])
		}
	}
	for range 3 {
		again, err := logWalk(t, t.Context(), New(srv, Options{Conns: 3}), nil)
		if err != nil || strings.Join(again, "\n") != strings.Join(first, "\n") {
			t.Fatalf("a second walk differs (err %v)", err)
		}
	}
}

// TestWalkReadsAheadBounded: while the walk goroutine waits on the first
// table, the other readers read ahead only as far as their own batches go.
func TestWalkReadsAheadBounded(t *testing.T) {
	const rows = 50000
	srv := &fakeServer{tables: []fakeTable{{name: "a", rows: rows}, {name: "b", rows: rows}, {name: "c", rows: rows}}}
	c := New(srv, Options{Conns: 3})
	release := make(chan struct{})
	var waited bool
	go func() {
		time.Sleep(300 * time.Millisecond)
		close(release)
	}()
	_, err := logWalk(t, t.Context(), c, func(connectors.Record, error) error {
		if !waited {
			waited = true
			<-release
			// Reading stalled on the readers' own batches meanwhile.
			for _, name := range []string{"b", "c"} {
				n := srv.counter(name).Load()
				if n > batchesPerReader*batchRows+1 {
					t.Errorf("table %s: %d rows read ahead, more than the %d batches of %d rows its reader owns", name, n, batchesPerReader, batchRows)
				}
				if n < batchRows {
					t.Logf("table %s: only %d rows read ahead in 300ms", name, n)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"a", "b", "c"} {
		if n := srv.counter(name).Load(); n != rows {
			t.Errorf("table %s: %d rows read, want %d", name, n, rows)
		}
	}
}

// TestWalkStops: an error from the callback ends the walk with that error,
// and cancelling the context ends it with the context's, readers and all.
func TestWalkStops(t *testing.T) {
	srv := &fakeServer{tables: []fakeTable{{name: "a", rows: 20000}, {name: "b", rows: 20000}, {name: "c", rows: 20000}}}
	stop := errors.New("disk full")
	calls := 0
	_, err := logWalk(t, t.Context(), New(srv, Options{Conns: 3}), func(connectors.Record, error) error {
		if calls++; calls == 25000 {
			return stop
		}
		if calls > 25000 {
			t.Errorf("call %d after the callback failed", calls)
		}
		return nil
	})
	if err != stop {
		t.Errorf("Walk = %v, want the callback's error", err)
	}

	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	calls = 0
	start := time.Now()
	_, err = logWalk(t, ctx, New(srv, Options{Conns: 3}), func(connectors.Record, error) error {
		if calls++; calls == 100 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Walk after cancel = %v, want context.Canceled", err)
	}
	if calls > batchRows {
		t.Errorf("%d calls after a cancel at 100: the walk went on", calls)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("the cancelled walk took %v", d)
	}
}

// TestWalkServerLost: once the server cannot be reached again, the table
// being read fails after its retries, the tables after it are recorded as
// not scanned, in catalog order, and the walk fails.
func TestWalkServerLost(t *testing.T) {
	srv := &fakeServer{tables: []fakeTable{{name: "a", rows: 3000}, {name: "b", rows: 3000}, {name: "c", rows: 10}, {name: "d", rows: 10}}}
	var broke atomic.Bool
	srv.fail = func(table string, row int64) error {
		if table == "b" && row == 1000 && !broke.Swap(true) {
			srv.down.Store(true)
			return fmt.Errorf("read: %w", ErrConnLost)
		}
		return nil
	}
	log, err := logWalk(t, t.Context(), New(srv, Options{Conns: 1, Backoff: time.Millisecond}), nil)
	if err == nil || !strings.Contains(err.Error(), "lost the server") {
		t.Errorf("Walk = %v, want the server lost", err)
	}
	var ends []string
	for _, l := range log {
		if strings.Contains(l, " done ") {
			ends = append(ends, l)
		}
	}
	want := []string{
		"public.a done <nil>",
		"public.b done read table: reconnect failed after 3 retries: connection refused",
		"public.c done not scanned: connection refused",
		"public.d done not scanned: connection refused",
	}
	if strings.Join(ends, "\n") != strings.Join(want, "\n") {
		t.Errorf("tables ended:\n%s\nwant:\n%s", strings.Join(ends, "\n"), strings.Join(want, "\n"))
	}
	if n := strings.Count(strings.Join(log, "\n"), "public.b "); n != 999+1 {
		t.Errorf("table b: %d records, want the 999 rows read before the loss and its end", n)
	}
}

// TestWalkPartial: a database the catalog lists only in part ends as a
// failed object of its own, before its tables; a table read only in part
// has its problem recorded once, at the table, before its records, and is
// still read to the end.
func TestWalkPartial(t *testing.T) {
	srv := &fakeServer{tables: []fakeTable{
		{name: "public", kind: DatabaseGap, gap: "only some tables"},
		{name: "a", rows: 3000, partial: "only columns v"},
		{name: "b", rows: 2},
	}}
	for _, f := range []Filter{{}, {Include: []string{"public.*"}}} {
		var log []string
		err := New(srv, Options{Conns: 2, Filter: f}).Walk(t.Context(), func(rec connectors.Record, err error) error {
			name := rec.Loc.Object.Name()
			switch {
			case rec.Terminal():
				log = append(log, fmt.Sprintf("%s done %v", name, err))
			case err != nil:
				log = append(log, fmt.Sprintf("%s problem %v", name, err))
			case len(log) == 0 || !strings.HasSuffix(log[len(log)-1], " rows"):
				log = append(log, name+" rows")
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		want := []string{
			"postgres://fake:5432/db/public. done only some tables",
			"postgres://fake:5432/db/public.a problem only columns v",
			"postgres://fake:5432/db/public.a rows",
			"postgres://fake:5432/db/public.a done <nil>",
			"postgres://fake:5432/db/public.b rows",
			"postgres://fake:5432/db/public.b done <nil>",
		}
		if strings.Join(log, "\n") != strings.Join(want, "\n") {
			t.Errorf("filter %+v:\n%s\nwant\n%s", f, strings.Join(log, "\n"), strings.Join(want, "\n"))
		}
	}
}
