package diff

import (
	"fmt"
	"iter"

	"github.com/pmscan/pmscan/reports/inventory"
	"github.com/pmscan/pmscan/scanner"
)

// FailedPlaces reads a scan's problems (from the state store's Problems)
// and returns the objects that could not be read at all, once each: a
// problem not skipped on purpose and with no position inside its object.
// A record that failed inside a file that was otherwise read, and a file
// skipped on purpose (binary content, a special file), are not among them.
func FailedPlaces(problems iter.Seq2[scanner.Problem, error]) ([]inventory.Place, error) {
	out := []inventory.Place{}
	seen := map[inventory.Place]bool{}
	for p, err := range problems {
		if err != nil {
			return nil, fmt.Errorf("reading the problems: %w", err)
		}
		pr := inventory.ProblemOf(p)
		if pr.Skipped || pr.Position != "" || seen[pr.Place] {
			continue
		}
		seen[pr.Place] = true
		out = append(out, pr.Place)
	}
	return out, nil
}
