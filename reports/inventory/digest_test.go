package inventory

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/reports/policy"
	"github.com/pmscan/pmscan/scanner"
)

// digestObject is one object of a scan, as a Builder gets it.
type digestObject struct {
	obj      *connectors.Object
	findings []*scanner.Finding
	problems []scanner.Problem
	stats    connectors.ObjectStats
	skip     error // ends the object skipped, instead of read
}

func (d *digestObject) feed(tb testing.TB, b *Builder) {
	tb.Helper()
	must := func(err error) {
		tb.Helper()
		if err != nil {
			tb.Fatal(err)
		}
	}
	for _, f := range d.findings {
		must(b.Finding(f))
	}
	for _, p := range d.problems {
		must(b.Problem(p))
	}
	if d.skip != nil {
		must(b.Problem(scanner.Problem{Location: connectors.At(d.obj), Err: d.skip, Skipped: true, Terminal: true}))
		return
	}
	must(b.Object(d.obj, d.stats))
}

// digestObjects are a scan's objects: a table of many distinct values
// (its sketches dense), files with few (sparse), names in three scripts,
// values shared between objects, a problem inside an object, a skipped
// binary, and an archive member.
func digestObjects() []*digestObject {
	rng := rand.New(rand.NewPCG(7, 7))
	table := connectors.NewTable("postgres", "db:5432", "crm", "public.顧客")
	tableDone := connectors.ObjectStats{Format: "table", Rows: 30000, Columns: []connectors.ColumnStats{
		{Name: "電話番号", Type: "text", Values: 30000}, {Name: "氏名", Type: "text", Values: 30000}}, Newest: "2026-01-02"}
	var objs []*digestObject
	t := &digestObject{obj: table, stats: tableDone}
	for i := range 30000 {
		row := connectors.RowKey(fmt.Sprintf(`{"id":%d}`, i))
		t.findings = append(t.findings,
			&scanner.Finding{Type: "phone", Location: connectors.Location{Object: table, Column: "電話番号", Row: row}, ValueHash: rng.Uint64(), Confidence: detectors.High, Masked: fmt.Sprintf("03-****-%04d", i%10000)},
			&scanner.Finding{Type: "person_name", Location: connectors.Location{Object: table, Column: "氏名", Row: row}, ValueHash: rng.Uint64() % 20000, Confidence: detectors.Medium, Masked: []string{"山***", "ヤ***", "Y***"}[i%3]})
	}
	objs = append(objs, t)
	for n := range 6 {
		f := connectors.NewFile(fmt.Sprintf("exports/%d.txt", n))
		f.Modified = time.Date(2025, time.Month(n+1), 1, 0, 0, 0, 0, time.UTC)
		d := &digestObject{obj: f, stats: connectors.ObjectStats{Format: "text", Bytes: 1000}}
		for i := range 40 * (n + 1) {
			d.findings = append(d.findings, &scanner.Finding{Type: "email", Location: connectors.Location{Object: f, Line: int64(i + 1)},
				ValueHash: uint64(i%25) + 1, Confidence: detectors.Confidence(1 + i%3), Masked: fmt.Sprintf("u%d***@example.jp", i%5)},
				&scanner.Finding{Type: "sensitive", Kind: "medical_history", Location: connectors.Location{Object: f, Line: int64(i + 1)},
					ValueHash: uint64(i) + 99, Confidence: detectors.Low, Masked: "糖尿病"})
		}
		if n == 2 {
			d.problems = append(d.problems, scanner.Problem{Location: connectors.Location{Object: f, Line: 3}, Err: errors.New("invalid UTF-8")})
		}
		objs = append(objs, d)
	}
	objs = append(objs, &digestObject{obj: connectors.NewFile("exports/image.png"), skip: connectors.Skip("binary")})
	zip := connectors.NewFile("exports/old.zip")
	member := zip.NewMember("list.csv")
	member.Encoding = "cp932"
	objs = append(objs,
		&digestObject{obj: member, stats: connectors.ObjectStats{Format: "csv", Bytes: 80}, findings: []*scanner.Finding{
			{Type: "my_number", Location: connectors.Location{Object: member, Line: 2, Column: "個人番号"}, ValueHash: 42, Confidence: detectors.High, Masked: "********1234"}}},
		&digestObject{obj: zip, stats: connectors.ObjectStats{Format: "zip", Bytes: 300}})
	return objs
}

// TestDigestReplayEqualsReading builds one inventory from every object's
// findings, and others where some objects come from digests made by an
// earlier builder instead: the inventories are the same.
func TestDigestReplayEqualsReading(t *testing.T) {
	p, err := policy.Parse([]byte(testPolicy), "test.yaml", knownTypes)
	if err != nil {
		t.Fatal(err)
	}
	objs := digestObjects()
	sum := &scanner.Summary{Started: time.Unix(0, 0), Finished: time.Unix(60, 0)}
	full := NewBuilder(p)
	full.EnableDigests()
	parts := map[*connectors.Object]connectors.CarriedPart{}
	for _, d := range objs {
		d.feed(t, full)
		part, ok := full.Digest(d.obj)
		if !ok {
			t.Fatalf("no digest of %s", d.obj.Name())
		}
		parts[d.obj] = part
	}
	want := inventoryJSON(t, full.Build(sum))

	for _, carried := range []map[string]bool{
		{"public.顧客": true},
		{"exports/0.txt": true, "exports/2.txt": true, "exports/image.png": true},
		{"exports/old.zip": true},
		{"public.顧客": true, "exports/0.txt": true, "exports/1.txt": true, "exports/2.txt": true, "exports/3.txt": true,
			"exports/4.txt": true, "exports/5.txt": true, "exports/image.png": true, "exports/old.zip": true},
	} {
		b := NewBuilder(p)
		var pending []connectors.CarriedPart // an archive's members, carried with it
		for _, d := range objs {
			root := d.obj
			for root.Parent != nil {
				root = root.Parent
			}
			key := root.Table
			if key == "" {
				key = root.Path
			}
			if !carried[key] {
				d.feed(t, b)
				continue
			}
			// Parts round-trip through JSON, as the state store keeps them.
			raw, _ := json.Marshal(parts[d.obj].Digest)
			var part = parts[d.obj]
			json.Unmarshal(raw, &part.Digest)
			pending = append(pending, part)
			if d.obj.Parent == nil {
				must(t, b.Object(d.obj, connectors.ObjectStats{Carried: &connectors.Carried{Scan: 1, Parts: pending}}))
				pending = nil
			}
		}
		got := inventoryJSON(t, b.Build(sum))
		if got != want {
			t.Errorf("carrying %v: the inventory differs from reading:\nwant %s\n got %s", carried, want, got)
		}
	}
}

func inventoryJSON(t *testing.T, inv *Inventory) string {
	t.Helper()
	inv.Changes = nil
	b, err := json.Marshal(inv)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestHoldingsOfPlacesReachedTwice: a place's holdings are one per store,
// column and item, whether the place's objects are read or replayed, and
// however often the place is reached (two targets reach one file, and
// one table). Names that begin alike are other places; one column can
// hold two items; a wide table has more holdings than a place lists
// unindexed. Holdings come in place, column and item order, and an item
// counts each place once.
func TestHoldingsOfPlacesReachedTwice(t *testing.T) {
	p, err := policy.Parse([]byte(testPolicy), "test.yaml", knownTypes)
	if err != nil {
		t.Fatal(err)
	}
	hash := func(i int) uint64 { return uint64(i) * 0x9E3779B97F4A7C15 }
	object := func(o *connectors.Object, modified time.Time, fs ...*scanner.Finding) *digestObject {
		o.Modified = modified
		for _, f := range fs {
			f.Location.Object = o
		}
		return &digestObject{obj: o, findings: fs, stats: connectors.ObjectStats{Format: "csv", Bytes: 100}}
	}
	find := func(typ, col string, h int, masked string) *scanner.Finding {
		return &scanner.Finding{Type: typ, Location: connectors.Location{Column: col}, ValueHash: hash(h), Confidence: detectors.High, Masked: masked}
	}
	phones := func(col string, hs ...int) []*scanner.Finding {
		var fs []*scanner.Finding
		for _, h := range hs {
			fs = append(fs, find("phone", col, h, "090-****"))
		}
		return fs
	}
	jan, feb := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC)
	a1 := object(connectors.NewFile("exports/a.csv"), jan, append(phones("連絡先", 1, 2, 3, 4),
		find("email", "連絡先", 101, "a***@x.jp"), find("email", "連絡先", 102, "b***@x.jp"),
		find("person_name", "氏名", 201, "山***"), find("person_name", "氏名", 202, "ヤ***"), find("person_name", "氏名", 203, "Y***"))...)
	a2 := object(connectors.NewFile("exports/a.csv"), feb, append(phones("連絡先", 3, 4, 5, 6),
		find("my_number", "個人番号", 301, "********0001"))...)
	bak := object(connectors.NewFile("exports/a.csv.bak"), jan, append(phones("連絡先", 1, 2), find("email", "連絡先", 101, "a***@x.jp"))...)
	short := object(connectors.NewFile("exports/a"), jan, phones("", 7)...)
	var wide []*scanner.Finding
	for c := range 10 {
		wide = append(wide, phones(fmt.Sprintf("c%02d", c), 400+10*c, 401+10*c)...)
	}
	wide = append(wide, find("email", "c00", 103, "c***@x.jp"))
	w1 := object(connectors.NewTable("postgres", "db:5432", "crm", "public.wide"), time.Time{}, wide...)
	w2 := object(connectors.NewTable("postgres", "db:5432", "crm", "public.wide"), time.Time{}, append(phones("c05", 451, 452), phones("c10", 500)...)...)
	objs := []*digestObject{a1, bak, a2, short, w1, w2}

	// Each object's digest is of that object alone, as the scan that
	// read it through its own target made it.
	parts := map[*digestObject]connectors.CarriedPart{}
	for _, d := range objs {
		b := NewBuilder(p)
		b.EnableDigests()
		d.feed(t, b)
		part, ok := b.Digest(d.obj)
		if !ok {
			t.Fatalf("no digest of %s", d.obj.Name())
		}
		parts[d] = part
	}

	type holding struct {
		name, column, item string
		findings, distinct int64
	}
	wantHoldings := []holding{
		{"exports/a", "", "電話番号", 1, 1},
		{"exports/a.csv", "個人番号", "個人番号", 1, 1},
		{"exports/a.csv", "氏名", "氏名", 3, 3},
		{"exports/a.csv", "連絡先", "email", 2, 2},
		{"exports/a.csv", "連絡先", "電話番号", 8, 6},
		{"exports/a.csv.bak", "連絡先", "email", 1, 1},
		{"exports/a.csv.bak", "連絡先", "電話番号", 2, 2},
		{"postgres://db:5432/crm/public.wide", "c00", "email", 1, 1},
	}
	for c := range 11 {
		h := holding{"postgres://db:5432/crm/public.wide", fmt.Sprintf("c%02d", c), "電話番号", 2, 2}
		switch c {
		case 5:
			h.findings, h.distinct = 4, 3
		case 10:
			h.findings, h.distinct = 1, 1
		}
		wantHoldings = append(wantHoldings, h)
	}
	type item struct {
		places   int
		findings int64
	}
	wantItems := map[string]item{"電話番号": {4, 34}, "email": {3, 4}, "氏名": {1, 3}, "個人番号": {1, 1}}

	sum := &scanner.Summary{Started: time.Unix(0, 0), Finished: time.Unix(60, 0)}
	var first string
	for _, carried := range [][]*digestObject{
		nil,
		{a1, w1},         // replayed, then read
		{a2, w2},         // read, then replayed
		{a1, a2, w1, w2}, // replayed twice
		{a1, bak, short}, // the places sharing a prefix, apart
		{a1, bak, a2, short, w1, w2},
	} {
		b := NewBuilder(p)
		for _, d := range objs {
			if slices.Contains(carried, d) {
				must(t, b.Object(d.obj, connectors.ObjectStats{Carried: &connectors.Carried{Scan: 1, Parts: []connectors.CarriedPart{parts[d]}}}))
			} else {
				d.feed(t, b)
			}
		}
		inv := b.Build(sum)
		var got []holding
		for _, h := range inv.Holdings {
			got = append(got, holding{h.Name, h.Column, h.Item, h.Findings, h.Distinct})
		}
		if !slices.Equal(got, wantHoldings) {
			t.Errorf("carrying %d objects: holdings\n got %v\nwant %v", len(carried), got, wantHoldings)
		}
		gotItems := map[string]item{}
		for _, it := range inv.Items {
			gotItems[it.Item] = item{it.Places, it.Findings}
		}
		if !maps.Equal(gotItems, wantItems) || inv.Totals.Places != 4 {
			t.Errorf("carrying %d objects: items %v, %d places; want %v, 4 places", len(carried), gotItems, inv.Totals.Places, wantItems)
		}
		if h := inv.Holdings[4]; h.Oldest == nil || !h.Oldest.Equal(jan) || !h.Newest.Equal(feb) {
			t.Errorf("carrying %d objects: the file reached twice dates %v to %v, want %v to %v", len(carried), h.Oldest, h.Newest, jan, feb)
		}
		// Everything else is the same too, however the objects came, but
		// for the column verdicts of the table reached twice: reading it
		// again adds to its columns' matches, replaying it replaces them
		// (columns.go), which holdings do not depend on.
		inv.Columns = nil
		got1 := inventoryJSON(t, inv)
		if first == "" {
			first = got1
		} else if got1 != first {
			t.Errorf("carrying %d objects: the inventory differs from reading them all:\nwant %s\n got %s", len(carried), first, got1)
		}
	}
}

// TestDigestEstimatesEqualBuild: a digest takes its holdings' distinct
// values when its object ends or checkpoints, and Build uses them; the
// inventory is the one a builder that takes no digests makes, also when
// findings came after a checkpoint's estimate and the scan stopped
// inside the object (the table, last here, never ends).
func TestDigestEstimatesEqualBuild(t *testing.T) {
	p, err := policy.Parse([]byte(testPolicy), "test.yaml", knownTypes)
	if err != nil {
		t.Fatal(err)
	}
	sum := &scanner.Summary{Started: time.Unix(0, 0), Finished: time.Unix(60, 0), Interrupted: true}
	objects := func() []*digestObject {
		objs := digestObjects()
		return append(objs[1:], objs[0]) // the table last
	}
	plain := NewBuilder(p)
	for i, d := range objects() {
		if i == len(objects())-1 {
			for _, f := range d.findings {
				must(t, plain.Finding(f))
			}
			break
		}
		d.feed(t, plain)
	}
	want := inventoryJSON(t, plain.Build(sum))

	b := NewBuilder(p)
	b.EnableDigests()
	objs := objects()
	for i, d := range objs {
		for j, f := range d.findings {
			must(t, b.Finding(f))
			if j%1000 == 500 { // a table's checkpoints, findings after the last
				must(t, b.Checkpoint(d.obj, &connectors.Checkpoint{}))
			}
		}
		if i < len(objs)-1 {
			d.findings = nil
			d.feed(t, b)
		}
	}
	if got := inventoryJSON(t, b.Build(sum)); got != want {
		t.Errorf("with digests and checkpoints the inventory differs:\nwant %s\n got %s", want, got)
	}
}
