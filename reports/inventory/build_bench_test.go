package inventory

import (
	"testing"

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
