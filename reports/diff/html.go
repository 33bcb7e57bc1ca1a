package diff

import (
	"bufio"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strings"
	"time"

	"github.com/pmscan/pmscan/internal/units"
	"github.com/pmscan/pmscan/reports/inventory"
	"github.com/pmscan/pmscan/reports/ja"
	"github.com/pmscan/pmscan/reports/ledger"
)

//go:embed html/diff.tmpl
var diffTemplate string

// page is the diff's HTML template, parsed once. Its words are Japanese,
// as the ledger's HTML report is, and it wears that report's style sheet.
// It has no script; its Content-Security-Policy allows no network.
var page = template.Must(template.New("diff").Funcs(template.FuncMap{
	"num":       units.Thousands,
	"sev":       ja.Severity,
	"sevClass":  func(s inventory.Severity) string { return "sev-" + s.String() },
	"rule":      ja.Rule,
	"store":     ledger.StoreLabel,
	"classCSS":  ledger.ClassCSS,
	"class":     classLabel,
	"breakable": breakable,
	"join":      func(s []string) string { return strings.Join(s, "、") },
}).Parse(diffTemplate))

// WriteHTML writes d as one self-contained page that works offline, in
// Japanese: the two scans and their totals, then a table per kind of
// change (items, places, columns, holdings, conformance flags, unreadable
// objects), each row marked with how it changed.
func WriteHTML(w io.Writer, d *Diff, opt Options) error {
	bw := bufio.NewWriter(w)
	if err := page.Execute(bw, newHTMLPage(d, opt)); err != nil {
		return fmt.Errorf("write diff html: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write diff html: %w", err)
	}
	return nil
}

// change is how a row changed: its badge's words and colours.
type change struct{ Label, CSS string }

var (
	appeared      = change{"新規", "chg-new"}
	disappeared   = change{"消失", "chg-gone"}
	grew          = change{"増加", "chg-new"}
	shrank        = change{"減少", "chg-gone"}
	flagNew       = change{"新たな指摘", "chg-new"}
	flagResolved  = change{"解消", "chg-ok"}
	unreadableNew = change{"新たに読み取れず", "chg-new"}
	readableAgain = change{"今回は失敗せず", "chg-ok"}
)

type htmlScan struct {
	Scan     int64
	Finished string
	Status   string
	Targets  []string
}

type htmlStat struct {
	Label string
	Count Count
}

type htmlItem struct {
	Item
	Change change
}

type htmlPlace struct {
	PlaceChange
	Change change
}

type htmlHolding struct {
	Holding
	Change change
}

type htmlFlag struct {
	inventory.Flag
	Detail string
	Change change
}

type htmlObject struct {
	inventory.Place
	Change change
}

type htmlPage struct {
	CSS         template.CSS
	From, To    htmlScan
	SameTargets bool
	Notes       []string
	Empty       bool
	Stats       []htmlStat
	Items       []htmlItem
	Places      []htmlPlace
	Columns     []htmlPlace
	Holdings    []htmlHolding
	Flags       []htmlFlag
	Unreadable  []htmlObject
	Zone        string
	Schema      int
}

func newHTMLPage(d *Diff, opt Options) *htmlPage {
	scan := func(r *ScanRef) htmlScan {
		return htmlScan{Scan: r.Scan, Finished: opt.when(r.Finished), Status: ja.Status(r.Status), Targets: r.Targets}
	}
	p := &htmlPage{
		CSS:         template.CSS(ledger.CSS()),
		From:        scan(&d.From),
		To:          scan(&d.To),
		SameTargets: sameTargets(d.From.Targets, d.To.Targets),
		Empty:       d.Empty(),
		Stats: []htmlStat{
			{"検出数", d.Totals.Findings},
			{"保有のある保管場所", d.Totals.Places},
			{"推定人数", d.Totals.Subjects},
			{"読み取れなかったオブジェクト", d.Totals.Failed},
		},
		Zone:   zoneText(opt.Zone, d.To.Finished),
		Schema: d.SchemaVersion,
	}
	for _, r := range []*ScanRef{&d.From, &d.To} {
		if r.Status == inventory.StatusInterrupted || r.Status == inventory.StatusFailed {
			p.Notes = append(p.Notes, japanese.partial(r.Scan, ja.Status(r.Status)))
		}
	}
	for _, it := range d.Items.Appeared {
		p.Items = append(p.Items, htmlItem{it, appeared})
	}
	for _, it := range d.Items.Disappeared {
		p.Items = append(p.Items, htmlItem{it, disappeared})
	}
	places := func(c Changes[PlaceChange]) []htmlPlace {
		var out []htmlPlace
		for _, x := range c.Appeared {
			out = append(out, htmlPlace{x, appeared})
		}
		for _, x := range c.Disappeared {
			out = append(out, htmlPlace{x, disappeared})
		}
		return out
	}
	p.Places, p.Columns = places(d.Places), places(d.Columns)
	for _, l := range []struct {
		hs []Holding
		c  change
	}{{d.Holdings.Appeared, appeared}, {d.Holdings.Disappeared, disappeared}, {d.Holdings.Grew, grew}, {d.Holdings.Shrank, shrank}} {
		for _, h := range l.hs {
			p.Holdings = append(p.Holdings, htmlHolding{h, l.c})
		}
	}
	for _, f := range d.Flags.New {
		p.Flags = append(p.Flags, htmlFlag{f, jaFlagDetail(&f), flagNew})
	}
	for _, f := range d.Flags.Resolved {
		p.Flags = append(p.Flags, htmlFlag{f, jaFlagDetail(&f), flagResolved})
	}
	for _, o := range d.Unreadable.New {
		p.Unreadable = append(p.Unreadable, htmlObject{o, unreadableNew})
	}
	for _, o := range d.Unreadable.ReadableAgain {
		p.Unreadable = append(p.Unreadable, htmlObject{o, readableAgain})
	}
	return p
}

// classLabel is a legal class, or 未分類 for a type no item lists.
func classLabel(class string) string {
	if class == "" {
		return ja.Unmapped
	}
	return class
}

// breakable escapes a place's name and lets it break after each slash.
func breakable(place string) template.HTML {
	parts := strings.Split(place, "/")
	for i, p := range parts {
		parts[i] = template.HTMLEscapeString(p)
	}
	return template.HTML(strings.Join(parts, "/<wbr>"))
}

// zoneText names the zone of the page's times, with its offset at t:
// Asia/Tokyo（UTC+09:00）.
func zoneText(z *time.Location, t time.Time) string {
	if z == nil {
		z = time.Local
	}
	_, off := t.In(z).Zone()
	sign := "+"
	if off < 0 {
		sign, off = "-", -off
	}
	return fmt.Sprintf("%s（UTC%s%02d:%02d）", z, sign, off/3600, off/60%60)
}
