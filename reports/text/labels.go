package text

import (
	"fmt"
	"time"

	"golang.org/x/text/language"

	"github.com/pmscan/pmscan/internal/units"
	"github.com/pmscan/pmscan/reports/inventory"
)

// labels are every word of the summary in one language. labelsFor picks
// a table once; the renderers take their words from it and keep the
// layout, the identifiers (detector types, paths, columns, rule IDs) and
// the errors' own words as they are.
type labels struct {
	// The headline: scanned ends with ": ", outcome follows it.
	scanned       func(objects, bytes, rows int64, d time.Duration) string
	outcome       func(findings, skipped, failed int64) string
	targetsFailed func(n int) string
	interrupted   string

	// changes is an incremental scan's account of what it read and
	// carried over; readReasons name the reasons an object was read.
	changes     func(c *inventory.Changes) string
	readReasons map[string]string

	status   string            // before the status: "Status: "
	statuses map[string]string // by inventory.Status*

	conformance func(policy string) string // the heading, up to the counts
	noFlags     string
	flagCounts  func(high, medium, low int) string
	severities  [3]string // by inventory.Severity
	flagMessage func(inv *inventory.Inventory, f *inventory.Flag) string
	more        func(n int) string // flags and problems not listed

	items       func(people int64, places int) string
	itemsHeader []string
	// access sums up who can read the places with personal information.
	access   func(a accessCounts) string
	noItem   string    // the class of types no item of the policy lists
	declared [2]string // in policy: no, yes

	typesMasked, typesRaw string
	typesHeader           []string

	places       string
	placesHeader []string
	firstRead    func(size string) string // a place read only in part
	morePlaces   func(n int) string

	columns                 string
	columnsHeader           []string
	notRead, mixed, partial string
	sampled                 func(values string) string
	moreColumns             func(n int) string

	problems          string
	problemKinds      [2]string // failed, skipped
	problemDetail     func(p *inventory.Problem) string
	targetError       func(t *inventory.Target) string
	targetInterrupted func(name string) string
	stateStore        func(s *inventory.StateStoreLoss) string // what a failed state store did not keep

	allowed       func(hits int64) string // the heading of the allow list's hits
	allowedHeader []string
	allowUnused   func(ids string) string
	allowExpired  func(ids string) string

	belowThreshold string // the heading of the holdings the thresholds kept out
	belowHeader    []string
}

var japaneseBase, _ = language.Japanese.Base()

// labelsFor is the table of lang: Japanese for any Japanese tag, English
// for anything else (language.Und too).
func labelsFor(lang language.Tag) *labels {
	if base, _ := lang.Base(); base == japaneseBase {
		return &japanese
	}
	return &en
}

var en = labels{
	changes: func(c *inventory.Changes) string {
		count := func(n int64, one, many string) string { return units.Thousands(n) + " " + plural(n, one, many) }
		s := "Incremental: " + count(c.Carried, "object", "objects") + " carried over unchanged"
		if len(c.From) > 0 {
			s += " from scan " + scanList(c.From)
		}
		if c.CarriedTables > 0 {
			s += " (" + count(c.CarriedTables, "table", "tables") + ")"
		}
		s += ", " + count(c.Read, "object", "objects") + " read"
		if c.ReadTables > 0 {
			s += " (" + count(c.ReadTables, "table", "tables") + ")"
		}
		return s
	},
	readReasons: map[string]string{"new": "new", "changed": "changed", "doubt": "doubt", "full_every": "full-every", "failed": "failed before", "resumed": "resumed"},
	scanned: func(objects, bytes, rows int64, d time.Duration) string {
		rs := ""
		if rows > 0 {
			rs = fmt.Sprintf(", %d %s", rows, plural(rows, "row", "rows"))
		}
		return fmt.Sprintf("scanned %d %s (%s%s) in %s: ", objects, plural(objects, "object", "objects"), units.Bytes(bytes), rs, d.Round(time.Millisecond))
	},
	outcome: func(findings, skipped, failed int64) string {
		return fmt.Sprintf("%d %s, %d skipped, %d %s", findings, plural(findings, "finding", "findings"), skipped, failed, plural(failed, "error", "errors"))
	},
	targetsFailed: func(n int) string {
		return fmt.Sprintf(", %d %s failed", n, plural(int64(n), "target", "targets"))
	},
	interrupted: " (interrupted: results are partial)",

	status: "Status: ",
	statuses: map[string]string{
		inventory.StatusComplete:    "complete: every target was walked to the end and no item failed to read",
		inventory.StatusUnreadable:  "complete with unreadable items: what they hold is not in this report (listed under Not scanned)",
		inventory.StatusFailed:      "failed: a target could not be opened or read to the end (see below); what it holds is not in this report",
		inventory.StatusInterrupted: "interrupted: this report holds what was read until then",
	},

	conformance: func(policy string) string { return fmt.Sprintf("Policy conformance (%s policy): ", policy) },
	noFlags:     "nothing held that the policy does not declare",
	flagCounts: func(high, medium, low int) string {
		return fmt.Sprintf("%d high, %d medium, %d low", high, medium, low)
	},
	severities:  [3]string{inventory.SeverityLow: "low", inventory.SeverityMedium: "medium", inventory.SeverityHigh: "high"},
	flagMessage: func(_ *inventory.Inventory, f *inventory.Flag) string { return f.Message },
	more:        func(n int) string { return fmt.Sprintf("(%d more)", n) },

	items: func(people int64, places int) string {
		return fmt.Sprintf("Items held (個人情報の項目), about %d %s in %d %s:", people,
			plural(people, "person", "people"), places, plural(int64(places), "place", "places"))
	},
	itemsHeader: []string{"ITEM", "CLASS", "PLACES", "FOUND", "DISTINCT", "IN POLICY"},
	access: func(a accessCounts) string {
		s := fmt.Sprintf("Access: of %d %s with personal information, %d readable by everyone, %d by readers the policy's access lists do not name",
			a.places, plural(int64(a.places), "place", "places"), a.public, a.undeclared)
		if a.unknown > 0 {
			s += fmt.Sprintf(", %d partly unknown", a.unknown)
		}
		if a.notAsked > 0 {
			s += fmt.Sprintf(", %d not asked (the store does not say)", a.notAsked)
		}
		return s + "."
	},
	noItem:   "(no item)",
	declared: [2]string{"no", "yes"},

	typesMasked: "Findings by type (values masked):",
	typesRaw:    "Findings by type (raw values, -show-data):",
	typesHeader: []string{"TYPE", "FOUND", "HIGH", "MEDIUM", "LOW", "EXAMPLES"},

	places:       "Findings by file, object or table:",
	placesHeader: []string{"WHERE", "ENCODING", "FOUND", "TYPES"},
	firstRead:    func(size string) string { return fmt.Sprintf(" (first %s read)", size) },
	morePlaces:   func(n int) string { return fmt.Sprintf("(%d more)", n) },

	columns:       "Columns (share of each column's values that matched):",
	columnsHeader: []string{"COLUMN", "TYPE", "VALUES", "VERDICT", "MATCHED"},
	notRead:       "not read",
	mixed:         "mixed",
	partial:       "partial",
	sampled:       func(values string) string { return values + " sampled" },
	moreColumns: func(n int) string {
		return fmt.Sprintf("(%d more columns; -columns FILE writes them all)", n)
	},

	problems: "Not scanned:",
	allowed: func(hits int64) string {
		return fmt.Sprintf("Held back by the allow list and suppressions (not reported as findings): %s %s", units.Thousands(hits), plural(hits, "hit", "hits"))
	},
	allowedHeader:  []string{"ENTRY", "TYPE", "HITS", "REASON"},
	belowThreshold: "Below the policy's thresholds (kept out of the holdings, items and flags):",
	belowHeader:    []string{"TYPE", "PLACES", "HOLDINGS", "FINDINGS"},
	allowUnused: func(ids string) string {
		return "Allow-list entries that matched nothing in this complete scan: " + ids
	},
	allowExpired: func(ids string) string {
		return "Suppressions past their expiry date (their findings are reported again): " + ids
	},
	problemKinds:      [2]string{"error", "skipped"},
	problemDetail:     func(p *inventory.Problem) string { return p.Error },
	targetError:       func(t *inventory.Target) string { return fmt.Sprintf("target %s: %s", t.Name, t.Error) },
	targetInterrupted: func(name string) string { return fmt.Sprintf("target %s: interrupted before the walk ended", name) },
	stateStore: func(s *inventory.StateStoreLoss) string {
		m := fmt.Sprintf("State store: %s failed at %s and did not come back: it lacks the %d findings and %d problems kept from then on, and the scan's end",
			s.Store, s.Failed.Local().Format(time.DateTime), s.Findings, s.Problems)
		if s.Spool != "" {
			m += fmt.Sprintf("; they are in the spool %s ('pmscan scans import' moves it into the store)", s.Spool)
		}
		if s.DroppedFindings+s.DroppedProblems > 0 {
			m += fmt.Sprintf("; %d findings and %d problems are kept nowhere", s.DroppedFindings, s.DroppedProblems)
		}
		return m + ". This report counts everything."
	},
}

func plural(n int64, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
