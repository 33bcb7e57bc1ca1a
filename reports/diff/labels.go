package diff

import (
	"fmt"

	"golang.org/x/text/language"

	"github.com/pmscan/pmscan/reports/inventory"
)

// labels are every word of the text diff in one language; the writers
// keep the layout, the identifiers (paths, columns, rule IDs) and the
// item names as they are.
type labels struct {
	title    func(from, to int64) string
	scan     func(id int64, finished, status string) string
	statuses map[string]string // by inventory.Status*
	targets  string            // before the targets of both scans
	// targetsOf is before the targets of one scan, when they differ.
	targetsOf func(id int64) string
	totals    func(t Totals) string
	partial   func(id int64, status string) string // a scan that did not read everything
	noChange  string

	sections sections

	class      func(class string) string // after an item's name
	item       func(it Item) string
	place      func(c PlaceChange) string // after the place's name
	counts     func(h Holding) string     // after the holding's name
	severities [3]string                  // by inventory.Severity
	rule       func(rule string) string
	flag       func(f *inventory.Flag) string

	// The block at the top of pmscan report.
	newSince   func(id int64, finished string) string
	nothingNew func(id int64, finished string) string
	newItem    string
	newPlace   string
	newFlag    string
	more       func(n int) string
}

// sections are the headings of the full text, one per list of a Diff.
type sections struct {
	itemsAppeared, itemsDisappeared       string
	placesAppeared, placesDisappeared     string
	columnsAppeared, columnsDisappeared   string
	holdingsAppeared, holdingsDisappeared string
	holdingsGrew, holdingsShrank          string
	flagsNew, flagsResolved               string
	unreadableNew, unreadableAgain        string
	count                                 func(heading string, n int) string
}

var japaneseBase, _ = language.Japanese.Base()

// labelsFor is the table of lang: Japanese for any Japanese tag, English
// for anything else (language.Und too).
func labelsFor(lang language.Tag) *labels {
	if base, _ := lang.Base(); base == japaneseBase {
		return &japanese
	}
	return &english
}

var english = labels{
	title: func(from, to int64) string { return fmt.Sprintf("pmscan diff: scan %d → scan %d", from, to) },
	scan: func(id int64, finished, status string) string {
		return fmt.Sprintf("scan %d: finished %s, %s", id, finished, status)
	},
	statuses: map[string]string{
		inventory.StatusComplete:    "complete",
		inventory.StatusUnreadable:  "complete with unreadable items",
		inventory.StatusFailed:      "failed",
		inventory.StatusInterrupted: "interrupted",
	},
	targets:   "targets: ",
	targetsOf: func(id int64) string { return fmt.Sprintf("targets of scan %d: ", id) },
	totals: func(t Totals) string {
		return fmt.Sprintf("findings %d → %d, places %d → %d, people (estimate) %d → %d, unreadable objects %d → %d",
			t.Findings.From, t.Findings.To, t.Places.From, t.Places.To, t.Subjects.From, t.Subjects.To, t.Failed.From, t.Failed.To)
	},
	partial: func(id int64, status string) string {
		return fmt.Sprintf("note: scan %d is %s: what it did not read shows here as appeared or disappeared", id, status)
	},
	noChange: "No changes: the same items, places, columns, counts, flags and unreadable objects.",

	sections: sections{
		itemsAppeared:       "Items that appeared",
		itemsDisappeared:    "Items that disappeared",
		placesAppeared:      "Places that appeared",
		placesDisappeared:   "Places that disappeared",
		columnsAppeared:     "Columns that appeared in places held in both scans",
		columnsDisappeared:  "Columns that disappeared from places held in both scans",
		holdingsAppeared:    "Holdings that appeared in places and columns held in both scans",
		holdingsDisappeared: "Holdings that disappeared from places and columns held in both scans",
		holdingsGrew:        "Holdings that grew",
		holdingsShrank:      "Holdings that shrank",
		flagsNew:            "New conformance flags",
		flagsResolved:       "Resolved conformance flags",
		unreadableNew:       "Objects that became unreadable",
		unreadableAgain:     "Objects unreadable before and not now: read, or no longer there",
		count:               func(heading string, n int) string { return fmt.Sprintf("%s (%d):", heading, n) },
	},

	class: func(class string) string {
		if class == "" {
			return " (no item of the policy)"
		}
		return " (" + class + ")"
	},
	item: func(it Item) string {
		return fmt.Sprintf(": %d %s in %d %s", it.Findings, plural(it.Findings, "finding", "findings"),
			it.Places, plural(int64(it.Places), "place", "places"))
	},
	place: func(c PlaceChange) string {
		return fmt.Sprintf(" (%d %s)", c.Findings, plural(c.Findings, "finding", "findings"))
	},
	counts: func(h Holding) string {
		return fmt.Sprintf(": findings %d → %d, distinct %d → %d", h.Findings.From, h.Findings.To, h.Distinct.From, h.Distinct.To)
	},
	severities: [3]string{inventory.SeverityLow: "low", inventory.SeverityMedium: "medium", inventory.SeverityHigh: "high"},
	rule:       func(rule string) string { return rule },
	flag:       func(f *inventory.Flag) string { return f.Message },

	newSince: func(id int64, finished string) string {
		return fmt.Sprintf("New since scan %d (finished %s):", id, finished)
	},
	nothingNew: func(id int64, finished string) string {
		return fmt.Sprintf("Nothing new since scan %d (finished %s): no new item, place or conformance flag.", id, finished)
	},
	newItem:  "item",
	newPlace: "place",
	newFlag:  "flag",
	more:     func(n int) string { return fmt.Sprintf("… and %d more; pmscan diff shows all", n) },
}

func plural(n int64, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
