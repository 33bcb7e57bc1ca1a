package ledger

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/reports/inventory"
	"github.com/pmscan/pmscan/scanner"
)

// TestJSONEveryProblem: from the state store, the JSON lists every
// problem, past the inventory's MaxProblems, each with its reason, and is
// the same document otherwise.
func TestJSONEveryProblem(t *testing.T) {
	inv, _ := fixture(t)
	n := inventory.MaxProblems + 500
	problems := func(yield func(scanner.Problem, error) bool) {
		for i := range n {
			o := connectors.NewFile(fmt.Sprintf("共有/暗号化/%04d.pdf", i))
			if !yield(scanner.Problem{Location: connectors.At(o), Err: connectors.Skip("encrypted PDF"), Skipped: true, Terminal: true}, nil) {
				return
			}
		}
	}
	var streamed, plain bytes.Buffer
	if err := WriteJSON(&streamed, inv, problems); err != nil {
		t.Fatal(err)
	}
	if err := WriteJSON(&plain, inv, nil); err != nil {
		t.Fatal(err)
	}
	var got, want map[string]any
	if err := json.Unmarshal(streamed.Bytes(), &got); err != nil {
		t.Fatalf("the streamed JSON does not parse: %v", err)
	}
	if err := json.Unmarshal(plain.Bytes(), &want); err != nil {
		t.Fatal(err)
	}
	ps := got["problems"].([]any)
	if len(ps) != n {
		t.Fatalf("%d problems, want %d", len(ps), n)
	}
	last := ps[n-1].(map[string]any)
	if last["place"] != "共有/暗号化/1499.pdf" || last["reason"] != inventory.ReasonEncrypted || last["skipped"] != true {
		t.Errorf("last problem = %v", last)
	}
	delete(got, "problems")
	delete(want, "problems")
	g, _ := json.Marshal(got)
	w, _ := json.Marshal(want)
	if !bytes.Equal(g, w) {
		t.Error("streaming the problems changed the rest of the document")
	}

	// None at all: an empty list, still valid JSON.
	var empty bytes.Buffer
	if err := WriteJSON(&empty, inv, func(func(scanner.Problem, error) bool) {}); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(empty.String(), `"problems": []`+"\n}\n") || !json.Valid(empty.Bytes()) {
		t.Errorf("no problems: the JSON ends %q", empty.String()[max(0, empty.Len()-40):])
	}
	// A store that fails midway fails the report.
	broken := func(yield func(scanner.Problem, error) bool) { yield(scanner.Problem{}, errors.New("disk I/O error")) }
	if err := WriteJSON(&bytes.Buffer{}, inv, broken); err == nil || !strings.Contains(err.Error(), "disk I/O error") {
		t.Errorf("a failing store: err = %v", err)
	}
}
