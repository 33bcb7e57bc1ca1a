// Package notify sends the webhook notifications that `pmscan serve` posts
// after a scheduled scan: a signed JSON body naming what changed, delivered
// by one background worker with retries, so that a slow or broken receiver
// never holds up scanning.
//
// A payload names items of personal information, the places holding them
// (file paths, table.column) and counts; it has no field for a value found.
// A webhook receiver is one more system that would otherwise have to be
// cleared to hold personal data.
package notify

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"time"
)

// Events a target can be notified of (config key `notify:` lists them).
const (
	EventNewFlags = "new_flags" // conformance flags raised that the previous scan did not raise
	EventNewItems = "new_items" // items of personal information (or places holding it) that appeared
	EventFailed   = "failed"    // the scan failed, was interrupted, or could not read some items
	EventEvery    = "every"     // after every scan, whatever happened
)

// Events lists every event; DefaultEvents those a target gets when its
// config names none.
var (
	Events        = []string{EventNewFlags, EventNewItems, EventFailed, EventEvery}
	DefaultEvents = []string{EventNewFlags, EventNewItems, EventFailed}
)

// PayloadVersion is Payload.SchemaVersion. It changes only when a field
// changes meaning or goes away; receivers should ignore fields they do not
// know, since new ones may be added without a change.
const PayloadVersion = 1

// Payload is the JSON body of one notification.
type Payload struct {
	SchemaVersion int       `json:"schema_version"` // PayloadVersion; Send sets it when 0
	Delivery      string    `json:"delivery"`       // unique ID of this notification; the same on every retry, so receivers can drop repeats. Send sets it when empty
	Events        []string  `json:"events"`         // which events fired
	Target        string    `json:"target"`         // the config's target name
	Store         []string  `json:"stores"`         // the scan's target names as the state store keeps them (credentials redacted)
	Scan          int64     `json:"scan"`
	PreviousScan  int64     `json:"previous_scan,omitempty"`
	Status        string    `json:"status"` // complete, unreadable_items, failed, interrupted
	ExitCode      int       `json:"exit_code"`
	Error         string    `json:"error,omitempty"`
	Started       time.Time `json:"started"`
	Finished      time.Time `json:"finished"`
	Counts        Counts    `json:"counts"`
	NewFlags      []Flag    `json:"new_flags"` // never null in JSON: [] when none
	NewItems      []Item    `json:"new_items"`
	NewPlaces     []Place   `json:"new_places"`

	// Truncated says, per list (by its JSON name), how many entries
	// Truncate left off. Counts stay exact.
	Truncated map[string]int `json:"truncated,omitempty"`
}

// Counts are the scan's totals and the sizes of the changes, before any
// truncation of the lists.
type Counts struct {
	Objects       int64 `json:"objects"`
	Rows          int64 `json:"rows"`
	Bytes         int64 `json:"bytes"`
	Findings      int64 `json:"findings"`
	Places        int64 `json:"places"`
	Failed        int64 `json:"failed"` // items that could not be read
	NewFlags      int64 `json:"new_flags"`
	ResolvedFlags int64 `json:"resolved_flags"`
	NewItems      int64 `json:"new_items"`
	NewPlaces     int64 `json:"new_places"`
}

// Flag is a conformance flag the previous scan did not raise.
type Flag struct {
	Severity string `json:"severity"`
	Rule     string `json:"rule"`
	Item     string `json:"item"`
	Store    string `json:"store,omitempty"`
	Place    string `json:"place"`
	Column   string `json:"column,omitempty"`
	Findings int64  `json:"findings"`
}

// Item is an item of personal information the previous scan did not find.
type Item struct {
	ItemID   string `json:"item_id"`
	Item     string `json:"item"`
	Class    string `json:"class"`
	Places   int    `json:"places"`
	Findings int64  `json:"findings"`
}

// Place is a place newly holding personal information, and which items.
type Place struct {
	Store    string   `json:"store"`
	Place    string   `json:"place"`
	Column   string   `json:"column,omitempty"` // a file has none
	Items    []string `json:"items"`
	Findings int64    `json:"findings"`
}

// MarshalJSON writes the lists as [] rather than null when empty, so a
// receiver can iterate them without a null check.
func (p Payload) MarshalJSON() ([]byte, error) {
	type plain Payload // without this method, or Marshal would recurse
	q := plain(p)
	q.Events = nonNil(q.Events)
	q.Store = nonNil(q.Store)
	q.NewFlags = nonNil(q.NewFlags)
	q.NewItems = nonNil(q.NewItems)
	q.NewPlaces = nonNil(q.NewPlaces)
	if q.NewPlaces != nil {
		// Place.Items too; copy rather than write to the caller's slice.
		places := make([]Place, len(q.NewPlaces))
		for i, pl := range q.NewPlaces {
			pl.Items = nonNil(pl.Items)
			places[i] = pl
		}
		q.NewPlaces = places
	}
	return json.Marshal(q)
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// Truncate keeps the first max entries of each list (NewFlags, NewItems,
// NewPlaces) and adds how many it left off to Truncated, so a scan that
// turned up thousands of new places still makes a body a receiver will
// accept. Counts are left as they are: exact. A negative max keeps all.
func (p *Payload) Truncate(max int) {
	if max < 0 {
		return
	}
	p.NewFlags = truncate(p, "new_flags", p.NewFlags, max)
	p.NewItems = truncate(p, "new_items", p.NewItems, max)
	p.NewPlaces = truncate(p, "new_places", p.NewPlaces, max)
}

func truncate[T any](p *Payload, name string, s []T, max int) []T {
	if len(s) <= max {
		return s
	}
	if p.Truncated == nil {
		p.Truncated = map[string]int{}
	}
	p.Truncated[name] += len(s) - max
	// A copy, so the dropped entries can be freed and the caller's backing
	// array is not shared with a payload waiting in the queue.
	return append([]T(nil), s[:max]...)
}

// NewDeliveryID returns a random 128-bit ID in hex.
func NewDeliveryID() string {
	var b [16]byte
	rand.Read(b[:]) // never fails: crypto/rand crashes the program rather than return an error
	return hex.EncodeToString(b[:])
}
