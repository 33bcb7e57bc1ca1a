package connectors

import (
	"encoding/json"
	"errors"
	"testing"
	"time"
	"unsafe"
)

func TestObjectNames(t *testing.T) {
	zip := NewFile("backup/2024.zip")
	inner := zip.NewMember("exports/inner.tar.gz")
	s3zip := NewS3Object("minio:9000", "corp", "dumps/a.zip")
	for _, tt := range []struct {
		o    *Object
		want string
	}{
		{NewFile("data/顧客.csv"), "data/顧客.csv"},
		{NewS3Object("", "corp-exports", "crm/customers.csv"), "s3://corp-exports/crm/customers.csv"},
		{NewTable("postgres", "db:5432", "crm", "public.顧客"), "postgres://db:5432/crm/public.顧客"},
		{NewTable("mysql", "127.0.0.1:3306", "shop", "customers"), "mysql://127.0.0.1:3306/shop/customers"},
		{zip.NewMember("dir/b.csv"), "backup/2024.zip!/dir/b.csv"},
		{inner.NewMember("c.json"), "backup/2024.zip!/exports/inner.tar.gz!/c.json"},
		{s3zip.NewMember("b.csv"), "s3://corp/dumps/a.zip!/b.csv"},
		{&Object{Store: "file", Path: "by/hand.txt"}, "by/hand.txt"},
	} {
		if got := tt.o.Name(); got != tt.want {
			t.Errorf("Name() = %q, want %q", got, tt.want)
		}
	}
	if m := inner.NewMember("c.json"); m.Parent != inner || m.Member != "exports/inner.tar.gz!/c.json" || m.Path != "backup/2024.zip" {
		t.Errorf("member %+v", m)
	}
}

// TestLocationJSON: the flat JSON of findings, archive members joined into
// path or key, and a round trip that keeps the object's name.
func TestLocationJSON(t *testing.T) {
	o := NewS3Object("minio:9000", "corp", "dumps/a.zip").NewMember("x<y>.csv")
	o.Encoding, o.ETag, o.SampledBytes = "cp932", "9b2c", 64<<20
	o.Modified = time.Date(2026, 11, 20, 3, 0, 0, 123456789, time.UTC)
	l := Location{Object: o, Line: 12, Column: "電話番号"}
	b, err := json.Marshal(l)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"store":"s3","host":"minio:9000","bucket":"corp","key":"dumps/a.zip!/x\u003cy\u003e.csv","line":12,"column":"電話番号","encoding":"cp932","etag":"9b2c","last_modified":"2026-11-20T03:00:00Z","sampled_bytes":67108864}`
	if string(b) != want {
		t.Errorf("JSON\n%s\nwant\n%s", b, want)
	}
	var back Location
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if back.Object.Name() != o.Name() || back.Line != 12 || back.Column != "電話番号" || !back.Object.Modified.Equal(o.Modified.Truncate(time.Second)) {
		t.Errorf("round trip: %+v of %+v", back, back.Object)
	}
	table := Location{Object: NewTable("postgres", "db:5432", "crm", "public.t"), Row: `{"id":7}`, Column: "c"}
	if b, _ := json.Marshal(table); string(b) != `{"store":"postgres","host":"db:5432","database":"crm","table":"public.t","column":"c","row":{"id":7}}` {
		t.Errorf("table JSON %s", b)
	}
}

func TestLocationString(t *testing.T) {
	f := NewFile("a.jsonl")
	for _, tt := range []struct {
		l    Location
		want string
	}{
		{At(f), "a.jsonl"},
		{Location{Object: f, Line: 9}, "a.jsonl line 9"},
		{Location{Object: NewFile("b.xlsx"), Sheet: "顧客", Cell: "C12", Column: "電話"}, "b.xlsx 顧客!C12 [電話]"},
		{Location{Object: NewFile("c.docx"), Part: "body", Paragraph: 3}, "c.docx body ¶3"},
		{Location{Object: NewTable("postgres", "db:5432", "crm", "public.v"), RowNumber: 4, Column: "x"}, "postgres://db:5432/crm/public.v row #4 [x]"},
	} {
		if got := tt.l.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
	}
}

// TestSizes keeps the per-record location small: the object's fields are
// shared, not copied with every record and finding.
func TestSizes(t *testing.T) {
	if n := unsafe.Sizeof(Location{}); n > 120 {
		t.Errorf("Location is %d bytes", n)
	}
	t.Logf("Location %d bytes, Record %d bytes, Object %d bytes", unsafe.Sizeof(Location{}), unsafe.Sizeof(Record{}), unsafe.Sizeof(Object{}))
}

// TestCarriedEndOmitAndErr: an omitted object hands on nothing; one with
// Err ends failed with it, without parts.
func TestCarriedEndOmitAndErr(t *testing.T) {
	var recs []Record
	var errs []error
	fn := func(r Record, err error) error {
		recs, errs = append(recs, r), append(errs, err)
		return nil
	}
	o := NewFile("/data/a.csv")
	if err := CarriedEnd(fn, o, &Carried{Omit: true}); err != nil || len(recs) != 0 {
		t.Fatalf("omitted: %v, %d records", err, len(recs))
	}
	why := errors.New("unit 3 failed after 4 attempts: refused")
	if err := CarriedEnd(fn, o, &Carried{Err: why}); err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1 || !recs[0].Terminal() || !errors.Is(errs[0], why) || recs[0].Loc.Object != o || recs[0].Done.Carried != nil {
		t.Errorf("with Err: %+v, %v", recs, errs)
	}
}
