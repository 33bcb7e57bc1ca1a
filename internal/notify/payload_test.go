package notify

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pmscan/pmscan/internal/testkit/golden"
)

// samplePayload is a notification after a scan that found a new item in a
// new column and raised a flag for it. Synthetic names only.
func samplePayload() *Payload {
	return &Payload{
		SchemaVersion: PayloadVersion,
		Delivery:      "0123456789abcdef0123456789abcdef",
		Events:        []string{EventNewFlags, EventNewItems},
		Target:        "crm",
		Store:         []string{"postgres://scanner:xxxxx@db.example/crm"},
		Scan:          42,
		PreviousScan:  41,
		Status:        "complete",
		ExitCode:      0,
		Started:       time.Date(2026, 3, 1, 2, 0, 0, 0, time.UTC),
		Finished:      time.Date(2026, 3, 1, 2, 7, 30, 0, time.UTC),
		Counts: Counts{
			Rows: 120000, Bytes: 52428800, Findings: 3456, Places: 7,
			NewFlags: 1, NewItems: 1, NewPlaces: 1,
		},
		NewFlags: []Flag{{Severity: "high", Rule: "my_number_outside_vault", Item: "my_number",
			Store: "postgres://scanner:xxxxx@db.example/crm", Place: "public.customers", Column: "note", Findings: 12}},
		NewItems:  []Item{{ItemID: "my_number", Item: "個人番号", Class: "specific", Places: 1, Findings: 12}},
		NewPlaces: []Place{{Store: "postgres://scanner:xxxxx@db.example/crm", Place: "public.customers", Column: "note", Items: []string{"my_number"}, Findings: 12}},
	}
}

// TestPayloadJSON fixes the wire format receivers are written against.
func TestPayloadJSON(t *testing.T) {
	b, err := json.MarshalIndent(samplePayload(), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "payload.json", append(b, '\n'))
}

func TestPayloadEmptyLists(t *testing.T) {
	p := &Payload{Status: "failed", NewPlaces: []Place{{Place: "a.csv"}}}
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	for _, want := range []string{`"events":[]`, `"stores":[]`, `"new_flags":[]`, `"new_items":[]`, `"items":[]`} {
		if !strings.Contains(s, want) {
			t.Errorf("%s missing from %s", want, s)
		}
	}
	for _, absent := range []string{"null", `"truncated"`, `"previous_scan"`, `"error"`, `"column"`} {
		if strings.Contains(s, absent) {
			t.Errorf("%s in %s", absent, s)
		}
	}
	if p.NewFlags != nil || p.NewPlaces[0].Items != nil {
		t.Error("MarshalJSON changed the payload")
	}
}

func TestTruncate(t *testing.T) {
	flags := func(n int) []Flag { return make([]Flag, n) }
	items := func(n int) []Item { return make([]Item, n) }
	tests := []struct {
		name          string
		flags, items  int
		max           int
		wantF, wantI  int
		wantTruncated map[string]int
	}{
		{name: "under", flags: 2, items: 3, max: 5, wantF: 2, wantI: 3},
		{name: "at", flags: 5, items: 5, max: 5, wantF: 5, wantI: 5},
		{name: "over", flags: 7, items: 3, max: 5, wantF: 5, wantI: 3, wantTruncated: map[string]int{"new_flags": 2}},
		{name: "zero", flags: 7, items: 3, max: 0, wantTruncated: map[string]int{"new_flags": 7, "new_items": 3}},
		{name: "negative keeps all", flags: 7, items: 3, max: -1, wantF: 7, wantI: 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &Payload{NewFlags: flags(tt.flags), NewItems: items(tt.items),
				Counts: Counts{NewFlags: int64(tt.flags), NewItems: int64(tt.items)}}
			p.Truncate(tt.max)
			if len(p.NewFlags) != tt.wantF || len(p.NewItems) != tt.wantI || len(p.NewPlaces) != 0 {
				t.Errorf("kept %d flags, %d items, %d places; want %d, %d, 0", len(p.NewFlags), len(p.NewItems), len(p.NewPlaces), tt.wantF, tt.wantI)
			}
			if len(p.Truncated) != len(tt.wantTruncated) {
				t.Errorf("Truncated = %v, want %v", p.Truncated, tt.wantTruncated)
			}
			for k, v := range tt.wantTruncated {
				if p.Truncated[k] != v {
					t.Errorf("Truncated = %v, want %v", p.Truncated, tt.wantTruncated)
				}
			}
			if p.Counts.NewFlags != int64(tt.flags) || p.Counts.NewItems != int64(tt.items) {
				t.Errorf("counts changed: %+v", p.Counts)
			}
		})
	}

	// Truncating again adds to what was left off.
	p := &Payload{NewPlaces: make([]Place, 10)}
	p.Truncate(6)
	p.Truncate(4)
	if len(p.NewPlaces) != 4 || p.Truncated["new_places"] != 6 {
		t.Errorf("after two truncations: %d places, truncated %v", len(p.NewPlaces), p.Truncated)
	}
}

func TestNewDeliveryID(t *testing.T) {
	hex32 := regexp.MustCompile(`^[0-9a-f]{32}$`)
	a, b := NewDeliveryID(), NewDeliveryID()
	if !hex32.MatchString(a) || !hex32.MatchString(b) || a == b {
		t.Errorf("NewDeliveryID: %q, %q", a, b)
	}
}
