package diff

import (
	"encoding/json"
	"fmt"
	"io"
)

// WriteJSON writes d as indented JSON, as SCHEMA.md documents it: UTF-8
// written as is, lists never null.
func WriteJSON(w io.Writer, d *Diff) error {
	out := *d
	out.From.Targets = nonNil(out.From.Targets)
	out.To.Targets = nonNil(out.To.Targets)
	out.Items = Changes[Item]{nonNil(d.Items.Appeared), nonNil(d.Items.Disappeared)}
	out.Places = Changes[PlaceChange]{nonNilPlaces(d.Places.Appeared), nonNilPlaces(d.Places.Disappeared)}
	out.Columns = Changes[PlaceChange]{nonNilPlaces(d.Columns.Appeared), nonNilPlaces(d.Columns.Disappeared)}
	out.Holdings = HoldingChanges{nonNil(d.Holdings.Appeared), nonNil(d.Holdings.Disappeared), nonNil(d.Holdings.Grew), nonNil(d.Holdings.Shrank)}
	out.Flags = FlagChanges{nonNil(d.Flags.New), nonNil(d.Flags.Resolved)}
	out.Unreadable = UnreadableChanges{nonNil(d.Unreadable.New), nonNil(d.Unreadable.ReadableAgain)}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(&out); err != nil {
		return fmt.Errorf("write diff json: %w", err)
	}
	return nil
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// nonNilPlaces fills in the items lists too, in a copy.
func nonNilPlaces(s []PlaceChange) []PlaceChange {
	out := make([]PlaceChange, len(s))
	for i, c := range s {
		c.Items = nonNil(c.Items)
		out[i] = c
	}
	return out
}
