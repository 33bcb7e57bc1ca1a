package sqldb

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/pmscan/pmscan/connectors"
)

func TestNewestRecordColumn(t *testing.T) {
	col := func(name string, k Kind) Column { return Column{Name: name, Kind: k} }
	for _, tc := range []struct {
		name string
		cols []Column
		want string // "" for none
	}{
		{"change over creation", []Column{col("id", KindNumber), col("created_at", KindTime), col("updated_at", KindTime)}, "updated_at"},
		{"change first in any case", []Column{col("UpdatedAt", KindTime), col("created_at", KindTime)}, "UpdatedAt"},
		{"japanese change over registration", []Column{col("登録日", KindTime), col("更新日時", KindTime)}, "更新日時"},
		{"modified", []Column{col("inserted", KindTime), col("last_modified", KindTime)}, "last_modified"},
		{"creation alone", []Column{col("name", KindText), col("created_at", KindTime)}, "created_at"},
		{"first of several creations", []Column{col("登録日", KindTime), col("created_at", KindTime)}, "登録日"},
		// Hard negatives: a birth date is a date of a person, not of the
		// row; a column named like one that holds no date is no record time.
		{"birth date", []Column{col("birth_date", KindTime), col("生年月日", KindTime)}, ""},
		{"updated flag, not a time", []Column{col("updated", KindSkip), col("update_note", KindText)}, ""},
		{"plain date", []Column{col("order_date", KindTime)}, ""},
		{"pseudo", []Column{{Name: "updated_at", Kind: KindTime, Pseudo: true}}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tb := &Table{Columns: tc.cols}
			got := ""
			if i := tb.NewestRecordColumn(); i >= 0 {
				got = tb.Columns[i].Name
			}
			if got != tc.want {
				t.Errorf("NewestRecordColumn = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestColumnsFact(t *testing.T) {
	base := func() *Table {
		return &Table{Columns: []Column{{Name: "id", Type: "integer"}, {Name: "email", Type: "text"}}, Key: []int{0}, KeyBy: "primary key"}
	}
	ref := columnsFact(base())
	if got := columnsFact(base()); got != ref {
		t.Errorf("the same columns give %s and %s", ref, got)
	}
	withPseudo := base()
	withPseudo.Columns = append(withPseudo.Columns, Column{Name: "ctid", Type: "tid", Pseudo: true})
	if got := columnsFact(withPseudo); got != ref {
		t.Errorf("a pseudo column changed the fact: %s → %s", ref, got)
	}
	for name, change := range map[string]func(*Table){
		"renamed":   func(t *Table) { t.Columns[1].Name = "mail" },
		"retyped":   func(t *Table) { t.Columns[1].Type = "character varying(80)" },
		"added":     func(t *Table) { t.Columns = append(t.Columns, Column{Name: "phone", Type: "text"}) },
		"dropped":   func(t *Table) { t.Columns = t.Columns[:1] },
		"new key":   func(t *Table) { t.Key, t.KeyBy = []int{1}, "unique index users_email" },
		"no key":    func(t *Table) { t.Key, t.KeyBy = nil, "" },
		"reordered": func(t *Table) { t.Columns[0], t.Columns[1] = t.Columns[1], t.Columns[0]; t.Key = []int{1} },
	} {
		tb := base()
		change(tb)
		if got := columnsFact(tb); got == ref {
			t.Errorf("%s: the fact did not change", name)
		}
	}
}

// carryBaseline carries the tables named in carry and reads the others,
// and remembers the version of every object it was asked about.
type carryBaseline struct {
	carry map[string]bool
	mu    sync.Mutex
	asked map[string]*connectors.Version
}

func (b *carryBaseline) Carry(_ context.Context, o *connectors.Object) *connectors.Carried {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.asked == nil {
		b.asked = map[string]*connectors.Version{}
	}
	b.asked[o.Table] = o.Version
	if !b.carry[o.Table] {
		o.ReadBecause = "new"
		return nil
	}
	return &connectors.Carried{Scan: 7, Parts: []connectors.CarriedPart{{Object: o,
		Stats: connectors.ObjectStats{Format: "table", Rows: 42}}}}
}

// TestWalkSince: a carried table ends with its earlier scan's record and
// nothing else, no row of it read (its partial read is not recorded
// again); the others are read as Walk reads them, each with the version
// the baseline saw; records keep catalog order.
func TestWalkSince(t *testing.T) {
	srv := &fakeServer{tables: []fakeTable{
		{name: "a", rows: 5000}, {name: "b", rows: 3000, partial: "only columns v"}, {name: "c", rows: 2500},
		{name: "d", rows: 10, kind: "view"}, {name: "e", rows: 4000},
	}}
	b := &carryBaseline{carry: map[string]bool{"public.b": true, "public.c": true}}
	var log []string
	err := New(srv, Options{Conns: 3, Views: true}).WalkSince(t.Context(), b, func(rec connectors.Record, err error) error {
		o := rec.Loc.Object
		switch {
		case rec.Terminal() && rec.Done.Carried != nil:
			log = append(log, fmt.Sprintf("%s carried scan %d rows %d err %v", o.Table, rec.Done.Carried.Scan, rec.Done.Rows, err))
		case rec.Terminal():
			log = append(log, fmt.Sprintf("%s read %d rows because %q err %v", o.Table, rec.Done.Rows, o.ReadBecause, err))
		case err != nil:
			log = append(log, fmt.Sprintf("%s problem %v", o.Table, err))
		}
		if o.Version == nil {
			t.Errorf("%s: a record of an object without a version", o.Table)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`public.a read 5000 rows because "new" err <nil>`,
		"public.b carried scan 7 rows 42 err <nil>",
		"public.c carried scan 7 rows 42 err <nil>",
		`public.d read 10 rows because "new" err <nil>`,
		`public.e read 4000 rows because "new" err <nil>`,
	}
	if strings.Join(log, "\n") != strings.Join(want, "\n") {
		t.Errorf("records:\n%s\nwant:\n%s", strings.Join(log, "\n"), strings.Join(want, "\n"))
	}
	for _, name := range []string{"b", "c"} {
		if n := srv.counter(name).Load(); n != 0 {
			t.Errorf("carried table %s: %d rows read", name, n)
		}
	}
	for _, name := range []string{"a", "e"} {
		v := b.asked["public."+name]
		if v == nil || len(v.Facts) != 2 || v.Facts[0].Name != "rows" || v.Facts[1].Name != "columns" || v.Doubt != "" {
			t.Errorf("table %s: version %+v, want the session's rows then columns, no doubt", name, v)
		}
	}
	if v := b.asked["public.d"]; v == nil || v.Doubt != ViewDoubt {
		t.Errorf("view: version %+v, want the doubt %q", v, ViewDoubt)
	}
}

// TestWalkSinceVersionFails: a version the server does not give is a
// doubt, and the table is read; a server lost while the version is taken
// fails the table, as it would fail its read.
func TestWalkSinceVersionFails(t *testing.T) {
	t.Run("refused", func(t *testing.T) {
		srv := &fakeServer{tables: []fakeTable{{name: "a", rows: 20}}, versionErr: errors.New("permission denied for function")}
		b := &carryBaseline{}
		var ends []string
		err := New(srv, Options{}).WalkSince(t.Context(), b, func(rec connectors.Record, err error) error {
			if rec.Terminal() {
				ends = append(ends, fmt.Sprintf("%s %d rows err %v", rec.Loc.Object.Table, rec.Done.Rows, err))
			}
			return nil
		})
		if err != nil || strings.Join(ends, "\n") != "public.a 20 rows err <nil>" {
			t.Errorf("Walk = %v, ends %q: want the table read", err, ends)
		}
		v := b.asked["public.a"]
		if v == nil || !strings.Contains(v.Doubt, "permission denied for function") {
			t.Errorf("version %+v: want a doubt with the server's reason", v)
		}
	})
	t.Run("lost", func(t *testing.T) {
		srv := &fakeServer{tables: []fakeTable{{name: "a", rows: 20}}, versionErr: fmt.Errorf("version: %w", ErrConnLost)}
		srv.down.Store(true)
		b := &carryBaseline{}
		var ends []string
		err := New(srv, Options{Backoff: 1}).WalkSince(t.Context(), b, func(rec connectors.Record, err error) error {
			if rec.Terminal() {
				ends = append(ends, fmt.Sprintf("%s err %v", rec.Loc.Object.Table, err))
			}
			return nil
		})
		if err == nil || !strings.Contains(err.Error(), "lost the server") {
			t.Errorf("Walk = %v, want the server lost", err)
		}
		want := "public.a err read table: version: reconnect failed after 3 retries: connection refused"
		if strings.Join(ends, "\n") != want {
			t.Errorf("ends %q, want %q", ends, want)
		}
		if len(b.asked) != 0 {
			t.Errorf("the baseline was asked about a table without a version: %v", b.asked)
		}
	})
}
