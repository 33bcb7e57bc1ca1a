package ledger

import (
	"fmt"

	"github.com/pmscan/pmscan/reports/inventory"
)

// MaxProblemRows bounds the problems the workbook and the CSV list when
// they read them from the state store: a share of a million encrypted
// files lists the first hundred thousand and says how many more there are.
const MaxProblemRows = 100_000

// problemRowCap is MaxProblemRows; tests lower it.
var problemRowCap = MaxProblemRows

// withProblems returns inv with its problems read from problems, up to
// problemRowCap, rather than the inventory's first inventory.MaxProblems;
// inv itself when problems is nil.
func withProblems(inv *inventory.Inventory, problems Problems) (*inventory.Inventory, error) {
	if problems == nil {
		return inv, nil
	}
	out := *inv
	out.Problems = nil
	for p, err := range problems {
		if err != nil {
			return nil, fmt.Errorf("reading the problems: %w", err)
		}
		if len(out.Problems) == problemRowCap {
			break
		}
		out.Problems = append(out.Problems, inventory.ProblemOf(p))
	}
	return &out, nil
}
