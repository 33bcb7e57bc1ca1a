package inventory

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
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
