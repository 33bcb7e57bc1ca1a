package store

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/pmscan/pmscan/connectors"
)

// The row codec must write exactly what encoding/json writes, and read
// back what it reads, rows of earlier builds included.

var awkward = []string{
	"", "plain", "顧客名簿/2024年度.csv", `a"quote`, `back\slash`, "tab\there", "<b>&amp;</b>",
	"line\u2028sep", "para\u2029sep", "bad\xffutf8", "nul\x00", "emoji 😀", "control\x1f",
}

func TestRowJSONEncodesAsEncodingJSON(t *testing.T) {
	when := time.Date(2026, 12, 6, 17, 30, 0, 123456789, time.FixedZone("JST", 9*3600))
	var facts []objectFacts
	var stats []connectors.ObjectStats
	var versions []connectors.Version
	var byTypes []map[string]int64
	for _, s := range awkward {
		facts = append(facts, objectFacts{Encoding: s, Size: 12, Modified: when, ETag: s, VersionID: s, SampledBytes: 3, RowBy: s})
		stats = append(stats, connectors.ObjectStats{Bytes: 1 << 40, Format: s, Rows: -1, Sampled: true, Oldest: s, Newest: s})
		versions = append(versions, connectors.Version{Facts: []connectors.Fact{{Name: s, Value: s}, {Name: "size", Value: "1"}}, Doubt: s})
		byTypes = append(byTypes, map[string]int64{s: 1, "person_name": 2, "phone/mobile": -3})
	}
	facts = append(facts, objectFacts{}, objectFacts{Modified: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)}, objectFacts{Modified: time.Unix(0, 0).UTC()})
	stats = append(stats, connectors.ObjectStats{}, connectors.ObjectStats{Format: "table", Rows: 5, Columns: []connectors.ColumnStats{{Name: "氏名", Type: "text", Values: 5}}},
		connectors.ObjectStats{Columns: []connectors.ColumnStats{}}, connectors.ObjectStats{Bytes: 1, Carried: &connectors.Carried{Scan: 3}})
	versions = append(versions, connectors.Version{}, connectors.Version{Facts: []connectors.Fact{}})
	byTypes = append(byTypes, map[string]int64{})

	for _, f := range facts {
		got, gotErr := encodeFacts(&f)
		want, wantErr := json.Marshal(f)
		if (gotErr != nil) != (wantErr != nil) || gotErr == nil && got != string(want) {
			t.Errorf("facts %+v:\n got %s (%v)\nwant %s (%v)", f, got, gotErr, want, wantErr)
		}
	}
	for _, st := range stats {
		got, err := encodeStats(&st)
		c := st
		c.Carried = nil
		want, _ := json.Marshal(c)
		if err != nil || got != string(want) {
			t.Errorf("stats %+v:\n got %s (%v)\nwant %s", st, got, err, want)
		}
	}
	for _, v := range versions {
		got, err := encodeVersion(&v), error(nil)
		want, _ := json.Marshal(v)
		if err != nil || got != string(want) {
			t.Errorf("version %+v:\n got %s (%v)\nwant %s", v, got, err, want)
		}
	}
	for _, m := range byTypes {
		got, err := encodeByType(m), error(nil)
		want, _ := json.Marshal(m)
		if err != nil || got != string(want) {
			t.Errorf("by type %v:\n got %s (%v)\nwant %s", m, got, err, want)
		}
	}
}

func TestRowJSONDecodesAsEncodingJSON(t *testing.T) {
	facts := []string{
		`{}`, `{"encoding":"utf-8","size":120,"modified":"2026-12-06T17:30:00.123456789+09:00"}`,
		`{"etag":"\"abc\"","size":1}`, // escaped: encoding/json reads it
		`{"size":1.5}`, `{"size":"1"}`, `{"unknown":1,"size":2}`, `{ "size": 3 }`, `{"sampled_bytes":-4,"row_by":"id"}`,
		`{"modified":"2026-12-06T08:30:00Z"}`, `{"encoding":"shift_jis"}x`, `{"size":9223372036854775807}`,
	}
	for _, s := range facts {
		var got, want objectFacts
		gotErr, wantErr := decodeFacts(s, &got), json.Unmarshal([]byte(s), &want)
		if (gotErr != nil) != (wantErr != nil) || gotErr == nil && !reflect.DeepEqual(got, want) {
			t.Errorf("facts %s:\n got %+v (%v)\nwant %+v (%v)", s, got, gotErr, want, wantErr)
		}
	}
	stats := []string{
		`{"Bytes":10,"Format":"csv","Rows":0,"Sampled":false,"Columns":null,"Oldest":"","Newest":""}`,
		`{"Bytes":10,"Format":"table","Rows":2,"Sampled":true,"Columns":[{"name":"a","type":"text","values":2}],"Oldest":"2020-01-01","Newest":"2024-01-01"}`,
		`{"Sampled":"true"}`, `{"Sampled":maybe}`, `{}`, `{"Bytes":1}`, `{"Bytes":1,}`, `{"Bytes"}`, `[]`, ``,
	}
	for _, s := range stats {
		var got, want connectors.ObjectStats
		gotErr, wantErr := decodeStats(s, &got), json.Unmarshal([]byte(s), &want)
		if (gotErr != nil) != (wantErr != nil) || gotErr == nil && !reflect.DeepEqual(got, want) {
			t.Errorf("stats %s:\n got %+v (%v)\nwant %+v (%v)", s, got, gotErr, want, wantErr)
		}
	}
	byTypes := []string{`{"person_name":3,"phone/mobile":1}`, `{}`, `{"a\"b":1}`, `{"a":1.0}`, `{"a":null}`}
	for _, s := range byTypes {
		var got, want map[string]int64
		gotErr, wantErr := decodeByType(s, &got), json.Unmarshal([]byte(s), &want)
		if (gotErr != nil) != (wantErr != nil) || gotErr == nil && !reflect.DeepEqual(got, want) {
			t.Errorf("by type %s:\n got %v (%v)\nwant %v (%v)", s, got, gotErr, want, wantErr)
		}
	}
}

// FuzzRowJSON: whatever the facts, the codec writes encoding/json's bytes
// and reads back what it wrote.
func FuzzRowJSON(f *testing.F) {
	for _, s := range awkward {
		f.Add(s, int64(1), int64(1700000000123456789))
	}
	f.Fuzz(func(t *testing.T, s string, n, unixNano int64) {
		fa := objectFacts{Encoding: s, Size: n, Modified: time.Unix(0, unixNano).UTC(), ETag: s, RowBy: s}
		got, gotErr := encodeFacts(&fa)
		want, wantErr := json.Marshal(fa)
		if (gotErr != nil) != (wantErr != nil) || gotErr == nil && got != string(want) {
			t.Fatalf("facts: got %s (%v), want %s (%v)", got, gotErr, want, wantErr)
		}
		if gotErr == nil {
			var back, wantBack objectFacts
			if err := decodeFacts(got, &back); err != nil || json.Unmarshal(want, &wantBack) != nil || !reflect.DeepEqual(back, wantBack) {
				t.Fatalf("facts back: %+v (%v), want %+v", back, err, wantBack)
			}
		}
		st := connectors.ObjectStats{Bytes: n, Format: s, Oldest: s}
		gs, _ := encodeStats(&st)
		ws, _ := json.Marshal(st)
		if gs != string(ws) {
			t.Fatalf("stats: got %s, want %s", gs, ws)
		}
		var sb, wb connectors.ObjectStats
		if err := decodeStats(gs, &sb); err != nil || json.Unmarshal(ws, &wb) != nil || !reflect.DeepEqual(sb, wb) {
			t.Fatalf("stats back: %+v (%v), want %+v", sb, err, wb)
		}
		v := connectors.Version{Facts: []connectors.Fact{{Name: s, Value: s}}, Doubt: s}
		gv := encodeVersion(&v)
		wv, _ := json.Marshal(v)
		if gv != string(wv) {
			t.Fatalf("version: got %s, want %s", gv, wv)
		}
	})
}
