package ledger

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"iter"

	"github.com/pmscan/pmscan/reports/inventory"
	"github.com/pmscan/pmscan/scanner"
)

// Problems yields every problem of a scan, from the state store.
type Problems = iter.Seq2[scanner.Problem, error]

// WriteJSON writes the inventory as indented JSON, as SCHEMA.md documents
// it. Lists are never null: an empty list is written []. When problems is
// not nil, the problems list is every problem it yields, streamed, rather
// than the inventory's first inventory.MaxProblems.
func WriteJSON(w io.Writer, inv *inventory.Inventory, problems Problems) error {
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
	if problems != nil {
		out.Problems = []inventory.Problem{}
	}
	var head bytes.Buffer
	enc := json.NewEncoder(&head)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(&out); err != nil {
		return fmt.Errorf("write json: %w", err)
	}
	if problems == nil {
		_, err := w.Write(head.Bytes())
		return err
	}
	// problems is the inventory's last field: write up to its "[", then
	// each problem as it comes.
	const tail = "[]\n}\n"
	if !bytes.HasSuffix(head.Bytes(), []byte(`"problems": `+tail)) {
		return fmt.Errorf("write json: the inventory does not end with its problems")
	}
	bw := bufio.NewWriter(w)
	bw.Write(head.Bytes()[:head.Len()-len(tail)])
	bw.WriteString("[")
	n := 0
	for p, err := range problems {
		if err != nil {
			return fmt.Errorf("write json: %w", err)
		}
		b, err := json.MarshalIndent(inventory.ProblemOf(p), "    ", "  ")
		if err != nil {
			return fmt.Errorf("write json: %w", err)
		}
		if n > 0 {
			bw.WriteString(",")
		}
		bw.WriteString("\n    ")
		bw.Write(b)
		n++
	}
	if n > 0 {
		bw.WriteString("\n  ")
	}
	bw.WriteString("]\n}\n")
	if err := bw.Flush(); err != nil {
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
