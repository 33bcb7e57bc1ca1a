package inventory

import (
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/reports/policy"
	"github.com/pmscan/pmscan/scanner"
)

// BenchmarkBuilderFinding measures the inventory's cost per finding on a
// customer table's name, reading and phone columns: the people estimate's
// per-script counting is on this path.
func BenchmarkBuilderFinding(b *testing.B) {
	p, err := policy.Parse([]byte(testPolicy), "test.yaml", knownTypes)
	if err != nil {
		b.Fatal(err)
	}
	table := connectors.NewTable("postgres", "db:5432", "crm", "public.顧客")
	cols := []struct{ typ, col, masked string }{
		{"person_name", "氏名", "山***"}, {"person_name", "フリガナ", "ヤ*****"}, {"phone", "電話番号", "090-****-5678"},
	}
	fs := make([]scanner.Finding, 3*1024)
	for i := range fs {
		c := cols[i%3]
		l := connectors.At(table)
		l.Column = c.col
		fs[i] = scanner.Finding{Type: c.typ, Location: l, ValueHash: uint64(i/3)*0x9E3779B97F4A7C15 + uint64(i%3), Confidence: detectors.High, Masked: c.masked}
	}
	bld := NewBuilder(p)
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		if err := bld.Finding(&fs[i%len(fs)]); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	bld.Build(&scanner.Summary{})
}

// carriedObject is an object an incremental scan carries over, with the
// digest an earlier scan made of it.
type carriedObject struct {
	obj     *connectors.Object
	carried *connectors.Carried
}

// carriedTree is n small CSV files of five holdings each
// (smallFileObject), under paths that share their prefixes, with their
// digests: a tree of small files full of personal data, as an
// incremental scan carries it over.
func carriedTree(b testing.TB, p *policy.Policy, n int) []carriedObject {
	b.Helper()
	built := NewBuilder(p)
	built.EnableDigests()
	objs := make([]carriedObject, n)
	for i := range n {
		d := smallFileObjectAt(fmt.Sprintf("home/user%02d/documents/%d/顧客リスト_%d.csv", i%50, i/50%20, i))
		d.feed(b, built)
		part, ok := built.Digest(d.obj)
		if !ok {
			b.Fatalf("no digest of %s", d.obj.Name())
		}
		objs[i] = carriedObject{obj: d.obj, carried: &connectors.Carried{Scan: 1, Parts: []connectors.CarriedPart{part}}}
	}
	return objs
}

// carryAll replays objs into a new builder.
func carryAll(b testing.TB, p *policy.Policy, objs []carriedObject) *Builder {
	bld := NewBuilder(p)
	for _, c := range objs {
		if err := bld.Object(c.obj, connectors.ObjectStats{Carried: c.carried}); err != nil {
			b.Fatal(err)
		}
	}
	return bld
}

// BenchmarkCarry measures an incremental scan's inventory of 2,000
// carried small files (10,000 holdings): decoding and replaying their
// digests, then Build.
func BenchmarkCarry(b *testing.B) {
	p, err := policy.Parse([]byte(testPolicy), "test.yaml", knownTypes)
	if err != nil {
		b.Fatal(err)
	}
	objs := carriedTree(b, p, 2000)
	sum := &scanner.Summary{Started: time.Unix(0, 0), Finished: time.Unix(60, 0)}
	b.ReportAllocs()
	for b.Loop() {
		carryAll(b, p, objs).Build(sum)
	}
}

// BenchmarkBuild measures Build alone, of 10,000 places' 50,000
// holdings, replayed into a new builder before each Build (Build
// compacts the sketches it estimates).
func BenchmarkBuild(b *testing.B) {
	p, err := policy.Parse([]byte(testPolicy), "test.yaml", knownTypes)
	if err != nil {
		b.Fatal(err)
	}
	objs := carriedTree(b, p, 10000)
	sum := &scanner.Summary{Started: time.Unix(0, 0), Finished: time.Unix(60, 0)}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		bld := carryAll(b, p, objs)
		runtime.GC() // not the replay's garbage: Build's
		b.StartTimer()
		bld.Build(sum)
	}
}
