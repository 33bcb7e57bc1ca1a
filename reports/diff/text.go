package diff

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"golang.org/x/text/language"

	"github.com/pmscan/pmscan/internal/safetext"
	"github.com/pmscan/pmscan/reports/inventory"
)

// Options are how the text and HTML writers show a Diff.
type Options struct {
	// Language of the text: Japanese for a Japanese tag, English
	// otherwise (the zero Tag too). The HTML page is Japanese, as the
	// ledger's is.
	Language language.Tag
	// Zone of the times written (nil: local).
	Zone *time.Location
}

func (o Options) when(t time.Time) string {
	z := o.Zone
	if z == nil {
		z = time.Local
	}
	return t.In(z).Format(time.DateTime)
}

// SummaryLines bounds the lines WriteSummary lists.
const SummaryLines = 10

// WriteText writes the whole diff for people: the two scans and their
// totals, then every list that is not empty under its heading. Names from
// the data scanned go through safetext.Name.
func WriteText(w io.Writer, d *Diff, opt Options) error {
	l := labelsFor(opt.Language)
	var b strings.Builder
	line := func(s string) { b.WriteString(safetext.Name(s) + "\n") }
	line(l.title(d.From.Scan, d.To.Scan))
	for _, r := range []*ScanRef{&d.From, &d.To} {
		line("  " + l.scan(r.Scan, opt.when(r.Finished), l.status(r.Status)))
	}
	if sameTargets(d.From.Targets, d.To.Targets) {
		line("  " + l.targets + strings.Join(d.To.Targets, " "))
	} else {
		for _, r := range []*ScanRef{&d.From, &d.To} {
			line("  " + l.targetsOf(r.Scan) + strings.Join(r.Targets, " "))
		}
	}
	line("  " + l.totals(d.Totals))
	for _, r := range []*ScanRef{&d.From, &d.To} {
		if r.Status == inventory.StatusInterrupted || r.Status == inventory.StatusFailed {
			line("  " + l.partial(r.Scan, l.status(r.Status)))
		}
	}
	if d.Empty() {
		b.WriteString("\n")
		line(l.noChange)
	}

	s := &l.sections
	section := func(heading string, n int, each func(i int) string) {
		if n == 0 {
			return
		}
		b.WriteString("\n")
		line(s.count(heading, n))
		for i := range n {
			line("  " + each(i))
		}
	}
	item := func(mark string, its []Item) func(int) string {
		return func(i int) string {
			it := its[i]
			return mark + it.Item + l.class(it.Class) + l.item(it)
		}
	}
	place := func(mark string, cs []PlaceChange) func(int) string {
		return func(i int) string {
			c := cs[i]
			return mark + where(c.Place) + ": " + strings.Join(c.Items, ", ") + l.place(c)
		}
	}
	holding := func(mark string, hs []Holding) func(int) string {
		return func(i int) string {
			h := hs[i]
			return mark + where(h.Place) + ": " + h.Item + l.counts(h)
		}
	}
	flag := func(mark string, fs []inventory.Flag) func(int) string {
		return func(i int) string { return mark + l.flagLine(&fs[i]) }
	}
	object := func(mark string, ps []inventory.Place) func(int) string {
		return func(i int) string { return mark + where(ps[i]) }
	}
	section(s.itemsAppeared, len(d.Items.Appeared), item("+ ", d.Items.Appeared))
	section(s.itemsDisappeared, len(d.Items.Disappeared), item("- ", d.Items.Disappeared))
	section(s.placesAppeared, len(d.Places.Appeared), place("+ ", d.Places.Appeared))
	section(s.placesDisappeared, len(d.Places.Disappeared), place("- ", d.Places.Disappeared))
	section(s.columnsAppeared, len(d.Columns.Appeared), place("+ ", d.Columns.Appeared))
	section(s.columnsDisappeared, len(d.Columns.Disappeared), place("- ", d.Columns.Disappeared))
	section(s.holdingsAppeared, len(d.Holdings.Appeared), holding("+ ", d.Holdings.Appeared))
	section(s.holdingsDisappeared, len(d.Holdings.Disappeared), holding("- ", d.Holdings.Disappeared))
	section(s.holdingsGrew, len(d.Holdings.Grew), holding("", d.Holdings.Grew))
	section(s.holdingsShrank, len(d.Holdings.Shrank), holding("", d.Holdings.Shrank))
	section(s.flagsNew, len(d.Flags.New), flag("+ ", d.Flags.New))
	section(s.flagsResolved, len(d.Flags.Resolved), flag("- ", d.Flags.Resolved))
	section(s.unreadableNew, len(d.Unreadable.New), object("+ ", d.Unreadable.New))
	section(s.unreadableAgain, len(d.Unreadable.ReadableAgain), object("- ", d.Unreadable.ReadableAgain))
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteSummary writes the short block pmscan report puts above the text
// summary of a scan that has an earlier one: the items, places and
// conformance flags new since d.From, at most SummaryLines of them, then
// how many more; or one line saying there is nothing new. It ends with
// an empty line.
func WriteSummary(w io.Writer, d *Diff, opt Options) error {
	l := labelsFor(opt.Language)
	var lines []string
	for _, it := range d.Items.Appeared {
		lines = append(lines, "+ "+l.newItem+" "+it.Item+l.class(it.Class))
	}
	for _, c := range d.Places.Appeared {
		lines = append(lines, "+ "+l.newPlace+" "+where(c.Place)+": "+strings.Join(c.Items, ", "))
	}
	for i := range d.Flags.New {
		lines = append(lines, "+ "+l.newFlag+" "+l.flagLine(&d.Flags.New[i]))
	}
	finished := opt.when(d.From.Finished)
	var b strings.Builder
	if len(lines) == 0 {
		b.WriteString(safetext.Name(l.nothingNew(d.From.Scan, finished)) + "\n\n")
	} else {
		b.WriteString(safetext.Name(l.newSince(d.From.Scan, finished)) + "\n")
		for i, s := range lines {
			if i == SummaryLines {
				b.WriteString("  " + l.more(len(lines)-SummaryLines) + "\n")
				break
			}
			b.WriteString("  " + safetext.Name(s) + "\n")
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func (l *labels) status(s string) string {
	if t, ok := l.statuses[s]; ok {
		return t
	}
	return s
}

// flagLine is a flag's severity, rule, place and explanation.
func (l *labels) flagLine(f *inventory.Flag) string {
	sev := f.Severity.String()
	if f.Severity >= 0 && int(f.Severity) < len(l.severities) {
		sev = l.severities[f.Severity]
	}
	return fmt.Sprintf("%s %s %s: %s", sev, l.rule(f.Rule), where(f.Place), l.flag(f))
}

// where names a place and its column as the text report does:
// "data/a.csv [電話番号]".
func where(p inventory.Place) string {
	if p.Column != "" {
		return p.Name + " [" + p.Column + "]"
	}
	return p.Name
}

// sameTargets reports whether two scans had the same targets, in any
// order.
func sameTargets(a, b []string) bool {
	x, y := slices.Clone(a), slices.Clone(b)
	slices.Sort(x)
	slices.Sort(y)
	return slices.Equal(slices.Compact(x), slices.Compact(y))
}
