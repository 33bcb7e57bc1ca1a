package reports

import (
	"fmt"
	"strings"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/reports/inventory"
	"github.com/pmscan/pmscan/scanner"
)

// WithInventory lets b see every result of the scan; when the scan ends the
// inventory is built, handed to a report that shows it (the text summary)
// before that report closes, and to built (the state store), if not nil.
func WithInventory(r Report, b *inventory.Builder, built func(*inventory.Inventory)) Report {
	return &inventoryReport{Report: r, b: b, built: built}
}

type inventoryReport struct {
	Report
	b     *inventory.Builder
	built func(*inventory.Inventory)
}

// inventoryShower is a report that shows an inventory.
type inventoryShower interface {
	SetInventory(inv *inventory.Inventory)
}

func (r *inventoryReport) Finding(f *scanner.Finding) error {
	if err := r.b.Finding(f); err != nil {
		return err
	}
	return r.Report.Finding(f)
}

func (r *inventoryReport) Object(l connectors.Location, st connectors.ObjectStats) error {
	if err := r.b.Object(l, st); err != nil {
		return err
	}
	return r.Report.Object(l, st)
}

func (r *inventoryReport) Close(sum *scanner.Summary) error {
	inv := r.b.Build(sum)
	if s, ok := r.Report.(inventoryShower); ok {
		s.SetInventory(inv)
	}
	if r.built != nil {
		r.built(inv)
	}
	return r.Report.Close(sum)
}

// SetInventory makes the summary open with the policy conformance and the
// items held.
func (t *Text) SetInventory(inv *inventory.Inventory) { t.inv = inv }

const maxFlagsShown = 10

// writeInventory writes the conformance summary and the items held.
func writeInventory(b *strings.Builder, inv *inventory.Inventory) {
	var bySev [3]int
	for _, f := range inv.Flags {
		bySev[f.Severity]++
	}
	fmt.Fprintf(b, "\nPolicy conformance (%s policy): ", inv.Policy)
	if len(inv.Flags) == 0 {
		b.WriteString("nothing held that the policy does not declare\n")
	} else {
		fmt.Fprintf(b, "%d high, %d medium, %d low\n", bySev[inventory.SeverityHigh], bySev[inventory.SeverityMedium], bySev[inventory.SeverityLow])
		for i, f := range inv.Flags {
			if i == maxFlagsShown {
				fmt.Fprintf(b, "  (%d more)\n", len(inv.Flags)-maxFlagsShown)
				break
			}
			where := f.Name
			if f.Column != "" {
				where += " [" + f.Column + "]"
			}
			fmt.Fprintf(b, "  %-6s %s: %s\n", f.Severity, where, f.Message)
		}
	}
	if len(inv.Items) == 0 {
		return
	}
	fmt.Fprintf(b, "\nItems held (個人情報の項目), about %d %s in %d %s:\n", inv.Totals.Subjects,
		plural(inv.Totals.Subjects, "person", "people"), inv.Totals.Places, plural(int64(inv.Totals.Places), "place", "places"))
	rows := [][]string{{"ITEM", "CLASS", "PLACES", "FOUND", "DISTINCT", "IN POLICY"}}
	for _, it := range inv.Items {
		declared := "yes"
		if !it.Declared {
			declared = "no"
		}
		class := it.Class
		if class == "" {
			class = "(no item)"
		}
		rows = append(rows, []string{it.Item, class, fmt.Sprint(it.Places), fmt.Sprint(it.Findings), fmt.Sprint(it.Distinct), declared})
	}
	writeTable(b, "  ", rows)
}
