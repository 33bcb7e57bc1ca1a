package inventory

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/axiomhq/hyperloglog"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/reports/policy"
	"github.com/pmscan/pmscan/scanner"
)

// smallFileObject is a CSV export of a few dozen customers: five holdings,
// names in three scripts, a problem. Its JSON digest is 3.5 KB, as the
// digests of a tree of small files full of personal data are.
func smallFileObject() *digestObject {
	return smallFileObjectAt("home/tanaka/documents/2025/顧客リスト_営業部.csv")
}

// smallFileObjectAt is smallFileObject at path.
func smallFileObjectAt(path string) *digestObject {
	f := connectors.NewFile(path)
	f.Modified = time.Date(2025, 11, 3, 10, 20, 30, 0, time.UTC)
	d := &digestObject{obj: f, stats: connectors.ObjectStats{Format: "csv", Bytes: 4200}}
	at := func(line int, col string) connectors.Location {
		return connectors.Location{Object: f, Line: int64(line), Column: col}
	}
	kanji, kana, latin := []string{"山***", "田***", "佐***"}, []string{"ヤ*****", "タ****"}, []string{"T*** Y*****"}
	for i := range 24 {
		line := i + 2
		names := [][]string{kanji, kana, latin}[i%3]
		h := uint64(i) * 0x9E3779B97F4A7C15
		d.findings = append(d.findings,
			&scanner.Finding{Type: "person_name", Location: at(line, "氏名"), ValueHash: h, Confidence: detectors.Medium, Masked: names[i%len(names)]},
			&scanner.Finding{Type: "phone", Location: at(line, "電話番号"), ValueHash: h + 1, Confidence: detectors.High, Masked: fmt.Sprintf("090-****-%04d", 1000+i)},
			&scanner.Finding{Type: "email", Location: at(line, "メール"), ValueHash: h + 2, Confidence: detectors.High, Masked: fmt.Sprintf("t%d***@example.jp", i)})
		if i%4 == 0 {
			d.findings = append(d.findings,
				&scanner.Finding{Type: "my_number", Location: at(line, "個人番号"), ValueHash: h + 3, Confidence: detectors.High, Masked: "********" + fmt.Sprint(1000+i)},
				&scanner.Finding{Type: "sensitive", Kind: "medical_history", Location: at(line, "備考"), ValueHash: h + 4, Confidence: detectors.Low, Masked: "高血圧"})
		}
	}
	d.problems = append(d.problems, scanner.Problem{Location: at(7, ""), Err: fmt.Errorf("invalid UTF-8")})
	return d
}

// codecObjects are digestObjects and smallFileObject.
func codecObjects() []*digestObject { return append(digestObjects(), smallFileObject()) }

// madeDigests feeds objs to a builder and returns the digest it makes of
// each, by object name.
func madeDigests(tb testing.TB, objs []*digestObject) map[string][]byte {
	tb.Helper()
	p, err := policy.Parse([]byte(testPolicy), "test.yaml", knownTypes)
	if err != nil {
		tb.Fatal(err)
	}
	b := NewBuilder(p)
	b.EnableDigests()
	digests := map[string][]byte{}
	for _, d := range objs {
		d.feed(tb, b)
		part, ok := b.Digest(d.obj)
		if !ok {
			tb.Fatalf("no digest of %s", d.obj.Name())
		}
		digests[d.obj.Name()] = part.Digest
	}
	return digests
}

// jsonDigests are the digests of codecObjects as the build before the
// binary form wrote them (commit ae64aef), object by object.
func jsonDigests(tb testing.TB) (names []string, digests map[string][]byte) {
	tb.Helper()
	f, err := os.Open("testdata/digests-json.jsonl")
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	digests = map[string][]byte{}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var line struct {
			Object string          `json:"object"`
			Digest json.RawMessage `json:"digest"`
		}
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			tb.Fatal(err)
		}
		names = append(names, line.Object)
		digests[line.Object] = line.Digest
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return names, digests
}

func sketchOf(tb testing.TB, values int) []byte {
	tb.Helper()
	sk := hyperloglog.New14()
	for i := range values {
		sk.InsertHash(uint64(i) * 0x9E3779B97F4A7C15)
	}
	b, err := sk.MarshalBinary()
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// fullDigest sets every field of a digest.
func fullDigest(tb testing.TB) *objectDigest {
	name := "postgres://db:5432/crm/public.顧客"
	oldest, newest := time.Date(2019, 3, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 10, 31, 23, 59, 59, 999999999, time.UTC)
	return &objectDigest{
		Place: &digestPlace{Store: "postgres", Name: name, Encoding: "cp932", SampledBytes: 1 << 20, Findings: 3,
			ByType: []typeFindings{{"person_name", 2}, {"sensitive/medical_history", 1}},
			Types: []TypeCount{
				{Type: "person_name", Findings: 2, High: 1, Medium: 1, Examples: []string{"山***", "ヤ***"}},
				{Type: "sensitive/medical_history", Findings: 1, Low: 1, Examples: []string{"糖尿病"}}}},
		Holdings: []digestHolding{{
			Holding: Holding{Place: Place{Store: "postgres", Name: name, Column: "氏名"}, ItemID: "name", Item: "氏名", Class: "個人情報",
				Types: []string{"person_name"}, Findings: 2, Distinct: 2, High: 1, Medium: 1, Low: 0, Oldest: &oldest, Newest: &newest,
				Examples: []string{"山***", "ヤ***"}, Sampled: true, Declared: true},
			Key: "name", Sketch: sketchOf(tb, 0), ByScript: [][]byte{nil, sketchOf(tb, 1), nil, sketchOf(tb, 30)},
		}, {
			Holding: Holding{Place: Place{Store: "postgres", Name: name, Column: "備考"}, Item: "sensitive/medical_history",
				Types: []string{"sensitive/medical_history"}, Findings: 1, Low: 1, Examples: []string{"糖尿病"}},
			Key: "type:sensitive/medical_history", Sketch: sketchOf(tb, 1), Plain: true,
		}},
		Age: []time.Time{oldest, newest},
		Table: &digestTable{Kind: "table", Rows: 30000, Sampled: true, Read: true, Columns: []ColumnVerdict{
			{Place: name, Store: "postgres", Host: "db:5432", Database: "crm", Table: "public.顧客", Column: "氏名", Type: "text",
				Sampled: true, Values: 30000, Truncated: 3, Matched: map[string]int64{"person_name": 2, "phone": 1}, Dominant: "person_name", Partial: true},
			{Place: name, Store: "postgres", Host: "db:5432", Database: "crm", Table: "public.顧客", Column: "写真", Type: "bytea", Skipped: "binary"},
		}},
		Problems: []Problem{
			{Place: Place{Store: "postgres", Name: name, Column: "備考"}, Position: `row {"id":3}`, Reason: "malformed", Error: "invalid UTF-8"},
			{Place: Place{Store: "postgres", Name: name}, Skipped: true, Reason: "too_large", Error: "over the limit"},
		},
		Raw: true,
	}
}

func TestDigestCodecRoundTrip(t *testing.T) {
	manyColumns := &digestTable{Kind: "table", Read: true}
	for i := range 300 { // more strings than a one-byte reference reaches
		manyColumns.Columns = append(manyColumns.Columns, ColumnVerdict{Place: "mysql://h/db/t", Store: "mysql", Table: "t",
			Column: fmt.Sprintf("c%d", i), Type: "varchar", Values: int64(i), Matched: map[string]int64{fmt.Sprintf("t%d", i%70): 1, "email": 2}})
	}
	for _, tc := range []struct {
		name string
		dg   *objectDigest
	}{
		{"every field set", fullDigest(t)},
		{"empty", &objectDigest{}},
		{"a skipped object's problem only", &objectDigest{Problems: []Problem{
			{Place: Place{Store: "file", Name: "a.png"}, Skipped: true, Reason: "unsupported", Error: "binary"}}}},
		{"by-script sketches all nil", &objectDigest{Holdings: []digestHolding{{Key: "name", Sketch: sketchOf(t, 3), ByScript: make([][]byte, scripts)}}}},
		{"empty sketches, nil and not", &objectDigest{Holdings: []digestHolding{
			{Key: "a", Sketch: []byte{}, ByScript: [][]byte{{}, nil}}, {Key: "b"}}}},
		{"large sketches", &objectDigest{Holdings: []digestHolding{
			{Key: "name", Sketch: sketchOf(t, 100000), ByScript: [][]byte{sketchOf(t, 50000), nil, nil, sketchOf(t, 70000)}}}}},
		{"extreme numbers and times", &objectDigest{
			Place: &digestPlace{SampledBytes: math.MaxInt64, Findings: math.MinInt64, ByType: []typeFindings{{"", -1}, {"a", 1}}},
			Age:   []time.Time{{}, time.Unix(-1, 1).UTC(), time.Unix(1<<40, 999999999).UTC()}}},
		{"strings of every kind repeated", &objectDigest{Problems: []Problem{
			{Place: Place{Store: "s3", Name: "s3://b/\xff\x00k"}, Position: "line 1", Error: strings.Repeat("長い", 500)},
			{Place: Place{Store: "s3", Name: "s3://b/\xff\x00k"}, Position: "line 2", Error: strings.Repeat("長い", 500)}}}},
		{"many columns", &objectDigest{Table: manyColumns}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var w digestWriter
			enc := w.encode(tc.dg)
			if enc[0] != digestVersion {
				t.Fatalf("first byte %#x, want the version %#x", enc[0], digestVersion)
			}
			var got objectDigest
			if err := decodeDigest(enc, &got); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(&got, tc.dg) {
				t.Errorf("decoded differs:\nwant %+v\n got %+v", tc.dg, &got)
			}
			// The same bytes again, whatever the maps' order, from a writer
			// that wrote other digests before.
			for range 5 {
				w.encode(fullDigest(t))
				if again := w.encode(&got); !bytes.Equal(again, enc) {
					t.Fatalf("encoding again gives other bytes")
				}
			}
		})
	}
}

// The binary form is smaller than JSON, and a repeated string is written
// once.
func TestDigestCodecCompact(t *testing.T) {
	var dg objectDigest
	if err := decodeDigest(madeDigests(t, []*digestObject{smallFileObject()})[smallFileObject().obj.Name()], &dg); err != nil {
		t.Fatal(err)
	}
	var w digestWriter
	bin := w.encode(&dg)
	js, err := json.Marshal(jsonDigestOf(&dg))
	if err != nil {
		t.Fatal(err)
	}
	if 2*len(bin) > len(js) {
		t.Errorf("binary digest %d bytes, JSON %d: want less than half", len(bin), len(js))
	}
	name := dg.Place.Name
	if n := bytes.Count(bin, []byte(name)); n != 1 {
		t.Errorf("the object's name is written %d times, want once", n)
	}
}

// jsonDigestOf is dg in the JSON form earlier builds wrote.
func jsonDigestOf(dg *objectDigest) *jsonDigest {
	jd := &jsonDigest{objectDigest: *dg}
	if dp := dg.Place; dp != nil {
		jd.Place = &jsonPlace{placeFields: placeFields{Store: dp.Store, Name: dp.Name, Encoding: dp.Encoding, SampledBytes: dp.SampledBytes,
			Findings: dp.Findings, ByType: map[string]int64{}}, Types: dp.Types}
		for _, tf := range dp.ByType {
			jd.Place.ByType[tf.Type] = tf.Findings
		}
	}
	return jd
}

// Stores written by earlier builds keep JSON digests: they replay to the
// inventory that reading the objects makes, as the binary digests of the
// same objects do.
func TestDigestJSONStillReplays(t *testing.T) {
	p, err := policy.Parse([]byte(testPolicy), "test.yaml", knownTypes)
	if err != nil {
		t.Fatal(err)
	}
	objs := codecObjects()
	sum := &scanner.Summary{Started: time.Unix(0, 0), Finished: time.Unix(60, 0)}
	full := NewBuilder(p)
	for _, d := range objs {
		d.feed(t, full)
	}
	want := inventoryJSON(t, full.Build(sum))

	names, jsonForm := jsonDigests(t)
	if len(names) != len(objs) {
		t.Fatalf("testdata has %d digests, want one for each of the %d objects", len(names), len(objs))
	}
	binaryForm := madeDigests(t, objs)
	for _, tc := range []struct {
		name    string
		digests map[string][]byte
		first   byte
	}{{"JSON", jsonForm, '{'}, {"binary", binaryForm, digestVersion}} {
		b := NewBuilder(p)
		var pending []connectors.CarriedPart
		for _, d := range objs {
			dg := tc.digests[d.obj.Name()]
			if len(dg) == 0 || dg[0] != tc.first {
				t.Fatalf("%s: the digest of %s is not in the %s form: %.20q", tc.name, d.obj.Name(), tc.name, dg)
			}
			pending = append(pending, connectors.CarriedPart{Object: d.obj, Digest: dg})
			if d.obj.Parent == nil {
				must(t, b.Object(d.obj, connectors.ObjectStats{Carried: &connectors.Carried{Scan: 1, Parts: pending}}))
				pending = nil
			}
		}
		if got := inventoryJSON(t, b.Build(sum)); got != want {
			t.Errorf("replaying the %s digests: the inventory differs from reading:\nwant %s\n got %s", tc.name, want, got)
		}
	}
}

// digestBytes writes a hand-made binary digest: each argument a byte, a
// uvarint (uint64), a varint (int64), or a string's bytes.
func digestBytes(parts ...any) []byte {
	var b []byte
	for _, p := range parts {
		switch p := p.(type) {
		case byte:
			b = append(b, p)
		case int:
			b = append(b, byte(p))
		case uint64:
			b = binary.AppendUvarint(b, p)
		case int64:
			b = binary.AppendVarint(b, p)
		case string:
			b = append(b, p...)
		default:
			panic(fmt.Sprintf("digestBytes: %T", p))
		}
	}
	return b
}

// binaryDigest writes a hand-made binary digest of strings and body, in
// digestBytes's arguments; a string in body is 1 for strings[0], 2 for
// strings[1]…
func binaryDigest(strings []string, body ...any) []byte {
	head := []any{digestVersion, uint64(len(strings))}
	for _, s := range strings {
		head = append(head, uint64(len(s)))
	}
	for _, s := range strings {
		head = append(head, s)
	}
	return digestBytes(append(head, body...)...)
}

func TestDigestDecodeRejects(t *testing.T) {
	// A digest of one holding whose fields up to its sketch are empty,
	// then tail: the sketch, the by-script count, …
	withHolding := func(flags byte, tail ...any) []byte {
		head := []any{0, 1, flags, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}
		return binaryDigest(nil, append(head, tail...)...)
	}
	for _, tc := range []struct {
		name string
		data []byte
		want string // in the error
	}{
		{"empty", nil, "empty"},
		{"version 0", []byte{0, 0, 0, 0, 0, 0}, "format 0x00 unknown"},
		{"version 2", []byte{2, 0, 0, 0, 0, 0}, "format 0x02 unknown"},
		{"a JSON array", []byte(`[]`), "unknown"},
		{"truncated JSON", []byte(`{"holdings":[`), "JSON digest"},
		{"JSON with five sketches by script", []byte(`{"holdings":[{"key":"k","by_script":[null,null,null,null,null]}]}`), "5 sketches by script"},
		{"strings beyond the input", digestBytes(digestVersion, uint64(1)<<40, 0, 0, 0, 0), "strings at byte"},
		{"a string longer than the input", digestBytes(digestVersion, 1, uint64(200), "file", 0, 0, 0, 0), "0 bytes and 200 more, in the 8 bytes left"},
		{"string lengths that wrap around", digestBytes(digestVersion, 2, 5, uint64(math.MaxUint64-3), "abcde", 0, 0, 0, 0), "5 bytes and 18446744073709551612 more"},
		{"an empty string in the table", digestBytes(digestVersion, 1, 0, 0, 0, 0, 0), "an empty string"},
		{"unknown digest flag", binaryDigest(nil, 0x08, 0, 0, 0), "unknown flags 0x08"},
		{"trailing bytes", binaryDigest(nil, 0, 0, 0, 0, 0), "1 bytes after its end"},
		{"holdings beyond the input", binaryDigest(nil, 0, uint64(1)<<40), "1099511627776 entries of at least 17 bytes"},
		{"holdings just beyond the input", binaryDigest(nil, 0, 1, 0, 0, 0, 0, 0), "holdings at byte"},
		{"a count that overflows", binaryDigest(nil, 0, "\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01"), "overflows 64 bits"},
		{"a reference to no string", binaryDigest(nil, digestHasPlace, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0), "place: store at byte 4: string 1, of 0"},
		{"a reference past the strings", binaryDigest([]string{"file"}, digestHasPlace, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0), "place: place at byte 10: string 2, of 1"},
		{"by type out of order", binaryDigest([]string{"b", "a"}, digestHasPlace, 0, 0, 0, 0, 0, 2, 1, 1, 2, 1, 0, 0, 0, 0), "not in type order"},
		{"by type twice", binaryDigest([]string{"a"}, digestHasPlace, 0, 0, 0, 0, 0, 2, 1, 1, 1, 1, 0, 0, 0, 0), "not in type order"},
		{"unknown holding flag", withHolding(0x20, 0, 0, 0, 0, 0), "holding 0: flags"},
		{"a sketch longer than the input", withHolding(0, uint64(1000)+1, "abc"), "holding 0: sketch"},
		{"five sketches by script", withHolding(0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0), "5 sketches, for 4 scripts"},
		{"by-script sketches beyond the input", withHolding(0, 0, 3, 0), "holding 0: by script"},
		{"a holding's times reading into its sketch", withHolding(holdingOldest, 0, 0), "holding 0: sketch"},
		{"nanoseconds of a second or more", binaryDigest(nil, 0, 0, 1, int64(0), uint64(time.Second), 0), "1000000000 nanoseconds"},
		{"columns beyond the input", binaryDigest(nil, digestHasTable, 0, 0, 0, 0, 0, 50, 0, 0), "table: columns"},
		{"matched out of order", binaryDigest([]string{"b", "a"}, digestHasTable, 0, 0, 0, 0, 0, 1,
			0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 1, 1, 2, 1, 0, 0), "column 0: matched"},
		{"unknown problem flag", binaryDigest(nil, 0, 0, 0, 1, 2, 0, 0, 0, 0, 0, 0), "problem 0: flags"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var dg objectDigest
			err := decodeDigest(tc.data, &dg)
			if err == nil {
				t.Fatalf("decoded %x without error: %+v", tc.data, dg)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q, want it to say %q", err, tc.want)
			}
		})
	}
}

// Every digest cut short fails to decode: no field is optional at the end.
func TestDigestDecodeTruncated(t *testing.T) {
	var w digestWriter
	digests := [][]byte{w.encode(fullDigest(t))}
	for _, dg := range madeDigests(t, codecObjects()) {
		digests = append(digests, dg)
	}
	for _, dg := range digests {
		for n := range len(dg) {
			var got objectDigest
			if err := decodeDigest(dg[:n], &got); err == nil {
				t.Fatalf("%d of %d bytes decoded without error", n, len(dg))
			}
		}
	}
}

// A carried object's bad digest fails its replay, naming the object.
func TestDigestCarryBad(t *testing.T) {
	p, err := policy.Parse([]byte(testPolicy), "test.yaml", knownTypes)
	if err != nil {
		t.Fatal(err)
	}
	o := connectors.NewFile("exports/bad.txt")
	err = NewBuilder(p).Object(o, connectors.ObjectStats{Carried: &connectors.Carried{Scan: 7,
		Parts: []connectors.CarriedPart{{Object: o, Digest: []byte{digestVersion, 0, 0, 9}}}}})
	if err == nil || !strings.Contains(err.Error(), "exports/bad.txt kept by scan 7") || !strings.Contains(err.Error(), "holdings") {
		t.Errorf("error %v, want one naming the object, its scan and the holdings", err)
	}
}

// normalDigest is dg with empty slices and maps nil and times in UTC: the
// differences JSON and the binary form may have in one digest.
func normalDigest(dg objectDigest) objectDigest {
	strs := func(ss []string) []string {
		if len(ss) == 0 {
			return nil
		}
		return ss
	}
	if dg.Place != nil {
		dp := *dg.Place
		if len(dp.ByType) == 0 {
			dp.ByType = nil
		}
		dp.Types = append([]TypeCount(nil), dp.Types...)
		for i := range dp.Types {
			dp.Types[i].Examples = strs(dp.Types[i].Examples)
		}
		dg.Place = &dp
	}
	utc := func(t *time.Time) *time.Time {
		if t == nil {
			return nil
		}
		u := t.UTC()
		return &u
	}
	if len(dg.Holdings) == 0 {
		dg.Holdings = nil
	}
	dg.Holdings = append([]digestHolding(nil), dg.Holdings...)
	for i := range dg.Holdings {
		h := &dg.Holdings[i]
		h.Types, h.Examples = strs(h.Types), strs(h.Examples)
		h.Oldest, h.Newest = utc(h.Oldest), utc(h.Newest)
		if len(h.ByScript) == 0 {
			h.ByScript = nil
		}
	}
	if len(dg.Age) == 0 {
		dg.Age = nil
	}
	dg.Age = append([]time.Time(nil), dg.Age...)
	for i := range dg.Age {
		dg.Age[i] = dg.Age[i].UTC()
	}
	if dg.Table != nil {
		dt := *dg.Table
		if len(dt.Columns) == 0 {
			dt.Columns = nil
		}
		dt.Columns = append([]ColumnVerdict(nil), dt.Columns...)
		for i := range dt.Columns {
			if len(dt.Columns[i].Matched) == 0 {
				dt.Columns[i].Matched = nil
			}
		}
		dg.Table = &dt
	}
	if len(dg.Problems) == 0 {
		dg.Problems = nil
	}
	return dg
}

// FuzzDigestDecode decodes anything without panicking; what decodes
// writes to a binary digest that decodes to the same digest, and writes
// the same bytes again.
func FuzzDigestDecode(f *testing.F) {
	var w digestWriter
	f.Add(w.encode(fullDigest(f)))
	for _, dg := range madeDigests(f, codecObjects()) {
		f.Add(dg)
	}
	_, jsonForm := jsonDigests(f)
	for _, dg := range jsonForm {
		f.Add(dg)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var dg objectDigest
		if err := decodeDigest(data, &dg); err != nil {
			return
		}
		var w digestWriter
		enc := w.encode(&dg)
		var again objectDigest
		if err := decodeDigest(enc, &again); err != nil {
			t.Fatalf("the digest decoded from %q writes %x, which does not decode: %v", data, enc, err)
		}
		if data[0] == digestVersion && !reflect.DeepEqual(dg, again) {
			t.Fatalf("decoded %+v, written and decoded again %+v", dg, again)
		}
		if !reflect.DeepEqual(normalDigest(dg), normalDigest(again)) {
			t.Fatalf("decoded %+v, written and decoded again %+v", normalDigest(dg), normalDigest(again))
		}
		if enc2 := w.encode(&again); !bytes.Equal(enc, enc2) {
			t.Fatalf("written twice: %x, then %x", enc, enc2)
		}
	})
}

// BenchmarkDigest writes and reads digests of the test objects in JSON,
// as earlier builds did, and in the binary form: a table of 30,000 rows
// (dense sketches), a text file of 240 findings and a problem, an
// archive member, and a small CSV with five holdings. carry is what an
// incremental scan does with a digest (decode and replay, on a new
// builder); make is what a first scan does to write one.
func BenchmarkDigest(b *testing.B) {
	p, err := policy.Parse([]byte(testPolicy), "test.yaml", knownTypes)
	if err != nil {
		b.Fatal(err)
	}
	objs := codecObjects()
	built := NewBuilder(p)
	built.EnableDigests()
	made := map[string][]byte{}
	for _, d := range objs {
		d.feed(b, built)
		part, _ := built.Digest(d.obj)
		made[d.obj.Name()] = part.Digest
	}
	_, jsonForm := jsonDigests(b)
	for _, d := range objs {
		name := map[string]string{"postgres://db:5432/crm/public.顧客": "table", "exports/2.txt": "file",
			"exports/old.zip!/list.csv": "member", "home/tanaka/documents/2025/顧客リスト_営業部.csv": "small"}[d.obj.Name()]
		if name == "" {
			continue
		}
		var dg objectDigest
		if err := decodeDigest(made[d.obj.Name()], &dg); err != nil {
			b.Fatal(err)
		}
		var w digestWriter
		forms := []struct {
			form   string
			digest []byte
			encode func() error
		}{
			{"json", jsonForm[d.obj.Name()], func() error { _, err := json.Marshal(jsonDigestOf(&dg)); return err }},
			{"binary", w.encode(&dg), func() error { w.encode(&dg); return nil }},
		}
		for _, f := range forms {
			b.Run(name+"/"+f.form+"/encode", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if err := f.encode(); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(len(f.digest)), "bytes/digest")
			})
			b.Run(name+"/"+f.form+"/decode", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					var dg objectDigest
					if err := decodeDigest(f.digest, &dg); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(len(f.digest)), "bytes/digest")
			})
			b.Run(name+"/"+f.form+"/carry", func(b *testing.B) {
				carried := &connectors.Carried{Scan: 1, Parts: []connectors.CarriedPart{{Object: d.obj, Digest: f.digest}}}
				b.ReportAllocs()
				for b.Loop() {
					if err := NewBuilder(p).Object(d.obj, connectors.ObjectStats{Carried: carried}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
		b.Run(name+"/binary/make", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, ok := built.digests.make(built, d.obj, nil, nil); !ok {
					b.Fatal("no digest")
				}
			}
		})
	}
}
