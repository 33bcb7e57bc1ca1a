package ledger

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/pmscan/pmscan/reports/inventory"
)

// WriteJSON writes the inventory as indented JSON, as SCHEMA.md documents
// it. Lists are never null: an empty list is written [].
func WriteJSON(w io.Writer, inv *inventory.Inventory) error {
	out := *inv
	out.Targets = nonNil(out.Targets)
	out.Flags = nonNil(out.Flags)
	out.Problems = nonNil(out.Problems)
	// Copies, so that filling in nil lists leaves inv as it was.
	out.Items = append([]inventory.ItemSummary{}, out.Items...)
	for i := range out.Items {
		out.Items[i].Stores = nonNil(out.Items[i].Stores)
	}
	out.Holdings = append([]inventory.Holding{}, out.Holdings...)
	for i := range out.Holdings {
		out.Holdings[i].Types = nonNil(out.Holdings[i].Types)
		out.Holdings[i].Examples = nonNil(out.Holdings[i].Examples)
	}
	out.Types = append([]inventory.TypeCount{}, out.Types...)
	for i := range out.Types {
		out.Types[i].Examples = nonNil(out.Types[i].Examples)
	}
	out.Places = append([]inventory.PlaceCount{}, out.Places...)
	for i := range out.Places {
		if out.Places[i].ByType == nil {
			out.Places[i].ByType = map[string]int64{}
		}
	}
	out.Columns = nonNil(out.Columns)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(&out); err != nil {
		return fmt.Errorf("write json: %w", err)
	}
	return nil
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
