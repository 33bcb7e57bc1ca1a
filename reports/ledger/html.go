package ledger

import (
	"bufio"
	"cmp"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/pmscan/pmscan/internal/units"
	"github.com/pmscan/pmscan/reports/inventory"
	"github.com/pmscan/pmscan/reports/ja"
	"github.com/pmscan/pmscan/reports/policy"
)

var (
	//go:embed html/report.tmpl
	reportTemplate string
	//go:embed html/report.css
	reportCSS string
	//go:embed html/report.js
	reportJS string
)

// page is the HTML report's template, parsed once. The page's
// Content-Security-Policy allows no network at all, and only its own
// script, by hash: the hash goes into the template text before parsing,
// since html/template will not put a value into a meta element's content.
var page = template.Must(template.New("report").Funcs(template.FuncMap{
	"num":       units.Thousands,
	"date":      func(*time.Time) string { panic("date: bound per page") },
	"sev":       ja.Severity,
	"sevClass":  func(s inventory.Severity) string { return "sev-" + s.String() },
	"rule":      ja.Rule,
	"store":     storeLabel,
	"method":    methodLabel,
	"class":     classLabel,
	"classCSS":  classCSS,
	"yesNo":     yesNo,
	"declared":  declaredLabel,
	"retention": ja.Retention,
	"period":    func(_, _ *time.Time) string { panic("period: bound per page") },
	"breakable": breakable,
	"policy":    policyLabel,
	"readers":   ja.Readers,
}).Parse(strings.Replace(reportTemplate, "SCRIPT-HASH", scriptHash(reportJS), 1)))

// CSS is the HTML report's style sheet, for other pages that share its
// look (reports/diff).
func CSS() string { return reportCSS }

// ClassCSS names a legal class for the style sheet: its badge's colours.
func ClassCSS(class string) string { return classCSS(class) }

// StoreLabel names a store kind as the report does: ファイル, S3, PostgreSQL …
func StoreLabel(store string) string { return storeLabel(store) }

func scriptHash(js string) string {
	sum := sha256.Sum256([]byte(js))
	return "sha256-" + base64.StdEncoding.EncodeToString(sum[:])
}

// WriteHTML writes the inventory as one self-contained HTML page that works
// offline: the scan and its targets, the conformance summary first (counts
// by severity, then every flag), two charts drawn as inline SVG (findings
// per item by store kind; holdings per legal class, declared or not), the
// ledger (one row per item) and the holdings table (one row per item per
// place and column). The tables are plain HTML; the page's script only adds
// sorting (click a header) and filtering (a text box and a legal-class
// select). The fragment drives them too: #sort=findings, #sort=place:asc,
// #q=text, #class=要配慮個人情報, joined with &.
func WriteHTML(w io.Writer, inv *inventory.Inventory, opt Options) error {
	bw := bufio.NewWriter(w)
	p := newHTMLPage(inv, opt)
	t, err := page.Clone()
	if err != nil {
		return fmt.Errorf("write html: %w", err)
	}
	t.Funcs(template.FuncMap{"date": p.view.date, "period": p.view.period})
	if err := t.Execute(bw, p); err != nil {
		return fmt.Errorf("write html: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write html: %w", err)
	}
	return nil
}

type htmlPage struct {
	view     *view
	Inv      *inventory.Inventory
	CSS      template.CSS
	Script   template.JS
	Started  string
	Finished string
	Duration string
	Stats    []stat
	Severity []sevCount
	Flags    []htmlFlag
	Rules    []ruleRow
	Charts   []*chart
	Items    []htmlItem
	Holdings []htmlHolding
	Classes  []string // legal classes in the holdings, for the filter
	Targets  []htmlTarget
	Problems []htmlProblem
	// ProblemsMore counts the problems not listed.
	ProblemsMore int64
	Status       string
	StatusLabel  string
	StatusNote   string
	StateStore   string // what a failed state store did not keep; "" when it kept all
	Changes      string // what an incremental scan read and carried over; "" for a full scan
	SubjectsNote string
	Zone         string // the zone of the report's times: "Asia/Tokyo (UTC+09:00)"
	Schema       int
}

// ruleRow counts one rule's flags by severity, high first.
type ruleRow struct {
	Rule string
	N    [3]int
}

type htmlTarget struct {
	Name   string
	Label  string // how its walk ended
	Failed bool
	Reason string // why, in Japanese, with the error's own words
}

type htmlProblem struct {
	*inventory.Problem
	Kind   string
	Reason string
}

type htmlFlag struct {
	inventory.Flag
	Detail string // in Japanese
}

type stat struct {
	Label, Value, Title string
}

type sevCount struct {
	Severity inventory.Severity
	N        int
}

type htmlItem struct {
	*inventory.ItemSummary
	Readers string // who can read it at any place (アクセス権を有する者, measured)
	// Ledger are the ledger's other columns the policy fills for it.
	Ledger    []labelled
	Places    []string
	Methods   string
	Disclose  string
	Entrusted string
	Flags     []ruleCount
	Note      string
	Severity  inventory.Severity // -1: no flags
}

// labelled is one value with its label.
type labelled struct{ Label, Value string }

// declaredColumns are the ledger columns the policy fills for an item,
// beyond those the report shows apart, in the ledger's order.
func declaredColumns(it *inventory.ItemSummary) []labelled {
	var out []labelled
	for _, l := range []labelled{
		{"利用期限", it.UsePeriod}, {"管理責任者", it.Manager}, {"本人の区分", it.Subjects}, {"取得方法", it.Acquisition},
		{"本人同意の有無", it.Consent}, {"第三者提供・共同利用", it.Sharing}, {"委託先", it.Contractors}, {"廃棄方法", it.Disposal},
	} {
		if l.Value != "" {
			out = append(out, l)
		}
	}
	return out
}

// ruleCount counts an item's flags of one rule and severity.
type ruleCount struct {
	Severity inventory.Severity
	Rule     string
	N        int
}

func countRules(flags []inventory.Flag) []ruleCount {
	var out []ruleCount
	for _, f := range flags {
		i := slices.IndexFunc(out, func(rc ruleCount) bool { return rc.Severity == f.Severity && rc.Rule == f.Rule })
		if i < 0 {
			out = append(out, ruleCount{f.Severity, f.Rule, 0})
			i = len(out) - 1
		}
		out[i].N++
	}
	slices.SortStableFunc(out, func(a, b ruleCount) int { return -cmp.Compare(a.Severity, b.Severity) })
	return out
}

// period writes the span of a holding's data: one date, or from 〜 to.
func (v *view) period(oldest, newest *time.Time) string {
	o, n := v.date(oldest), v.date(newest)
	if o == n || n == "" {
		return o
	}
	return o + " 〜 " + n
}

// breakable escapes a place's name and lets it break after each slash.
func breakable(place string) template.HTML {
	parts := strings.Split(place, "/")
	for i, p := range parts {
		parts[i] = template.HTMLEscapeString(p)
	}
	return template.HTML(strings.Join(parts, "/<wbr>"))
}

// shortStores lists store kinds by their short names.
func shortStores(stores []string) string {
	s := slices.Clone(stores)
	slices.SortFunc(s, func(a, b string) int { return cmp.Or(cmp.Compare(storeOrder(a), storeOrder(b)), cmp.Compare(a, b)) })
	for i := range s {
		s[i] = storeLabel(s[i])
	}
	return strings.Join(s, "・")
}

type htmlHolding struct {
	*inventory.Holding
	Purpose  string
	Flags    []inventory.Flag
	Severity inventory.Severity // -1: no flags
}

func newHTMLPage(inv *inventory.Inventory, opt Options) *htmlPage {
	v := newView(inv, opt)
	p := &htmlPage{
		view:     v,
		Inv:      inv,
		CSS:      template.CSS(reportCSS),
		Script:   template.JS(reportJS),
		Started:  v.time(inv.Started),
		Finished: v.time(inv.Finished),
		Duration: durationText(inv.Finished.Sub(inv.Started)),
		Schema:   inv.SchemaVersion,
	}
	p.Status = inv.ScanStatus()
	p.StatusLabel, p.StatusNote = ja.Status(p.Status), ja.StatusNote(p.Status)
	if inv.StateStore != nil {
		p.StateStore = ja.StateStoreLoss(inv.StateStore, v.time(inv.StateStore.Failed))
	}
	if inv.Changes != nil {
		p.Changes = ja.Changes(inv.Changes)
	}
	p.SubjectsNote = subjectsNote
	p.Zone = zoneText(v.zone, inv.Finished)
	for _, t := range inv.Targets {
		outcome := t.Outcome()
		ht := htmlTarget{Name: t.Name, Label: ja.TargetStatus(outcome), Failed: outcome != inventory.TargetOK}
		if ht.Failed {
			ht.Reason = ja.ReasonText(t.Reason, t.Error)
		}
		p.Targets = append(p.Targets, ht)
	}
	for i := range inv.Problems {
		pr := &inv.Problems[i]
		p.Problems = append(p.Problems, htmlProblem{Problem: pr, Kind: ja.ProblemKind(pr.Skipped), Reason: ja.Reason(pr.Reason)})
	}
	to := inv.Totals
	p.Stats = []stat{
		{"保有のある保管場所", units.Thousands(int64(to.Places)), "個人情報が見つかった保管場所（ファイル、オブジェクト、テーブル）の数"},
		{"台帳の項目", units.Thousands(int64(len(inv.Items))), "見つかった個人情報の項目の数"},
		{"検出数", units.Thousands(to.Findings), "検出の総数"},
		{"推定人数", units.Thousands(to.Subjects), "求め方は下の「推定人数の求め方」にあります"},
		{"読み取ったオブジェクト", units.Thousands(to.Objects), ""},
		{"データ量", units.Bytes(to.Bytes), units.Thousands(to.Bytes) + " バイト"},
		{"読み取った行 (DB)", units.Thousands(to.Rows), ""},
		{"スキップ / 失敗", units.Thousands(to.Skipped) + " / " + units.Thousands(to.Failed), "意図的にスキップした項目 / 読み取れなかった項目"},
	}
	for i, f := range inv.Flags {
		p.Flags = append(p.Flags, htmlFlag{Flag: f, Detail: v.flagDetail(i)})
		// Flags come most severe first, so rules do too.
		j := slices.IndexFunc(p.Rules, func(r ruleRow) bool { return r.Rule == f.Rule })
		if j < 0 {
			p.Rules = append(p.Rules, ruleRow{Rule: f.Rule})
			j = len(p.Rules) - 1
		}
		if f.Severity >= inventory.SeverityLow && f.Severity <= inventory.SeverityHigh {
			p.Rules[j].N[inventory.SeverityHigh-f.Severity]++
		}
	}
	for sev := inventory.SeverityHigh; sev >= inventory.SeverityLow; sev-- {
		p.Severity = append(p.Severity, sevCount{sev, v.bySeverity[sev]})
	}
	for i := range inv.Items {
		it := &inv.Items[i]
		k := itemKey(it.ItemID, it.Item)
		hi := htmlItem{
			ItemSummary: it,
			Readers:     v.itemReaders(k),
			Ledger:      declaredColumns(it),
			Places:      v.itemPlaces[k],
			Methods:     shortStores(it.Stores),
			Disclose:    disclosureLabel(it),
			Entrusted:   entrustedLabel(it),
			Flags:       countRules(v.itemFlags[k]),
			Severity:    maxSeverity(v.itemFlags[k]),
		}
		if it.ItemID == "" && len(hi.Flags) == 0 {
			hi.Note = "方針の項目に対応しない検出種別"
		}
		p.Items = append(p.Items, hi)
	}
	classes := map[string]bool{}
	for i := range inv.Holdings {
		h := &inv.Holdings[i]
		hh := htmlHolding{Holding: h, Flags: v.holdingFlags[i], Severity: maxSeverity(v.holdingFlags[i])}
		if it := v.item(h); it != nil {
			hh.Purpose = it.Purpose
		}
		p.Holdings = append(p.Holdings, hh)
		classes[classLabel(h.Class)] = true
	}
	for c := range classes {
		p.Classes = append(p.Classes, c)
	}
	slices.SortFunc(p.Classes, func(a, b string) int { return cmp.Or(cmp.Compare(classOrder(a), classOrder(b)), cmp.Compare(a, b)) })
	p.ProblemsMore = max(0, to.Skipped+to.Failed-int64(len(inv.Problems)))
	p.Charts = []*chart{storeChart(inv), classChart(inv)}
	return p
}

// classCSS names a legal class for the style sheet.
func classCSS(class string) string {
	switch class {
	case policy.ClassPersonal:
		return "c-personal"
	case policy.ClassIdentifier:
		return "c-identifier"
	case policy.ClassSensitive:
		return "c-sensitive"
	case policy.ClassMyNumber:
		return "c-mynumber"
	case policy.ClassRelated:
		return "c-related"
	}
	return "c-unmapped"
}

// Charts: horizontal stacked bars, drawn here as SVG.

type chart struct {
	ID, Title, Desc string
	Width, Height   int
	Legend          []legendItem
	Rows            []chartRow
	Ticks           []tick
	PlotX, PlotW    int
	PlotTop, PlotH  int
	PlotBottom      int
	Empty           bool
}

type legendItem struct {
	X     int
	Color string
	Label string
}

type chartRow struct {
	Label, Full string
	Y, TextY    int
	Segs        []seg
	Total       string
	TotalX      int
}

type seg struct {
	X, Y  int
	W, H  int
	Color string
	Title string
}

type tick struct {
	X     int
	Label string
}

const (
	chartWidth   = 640
	chartLabelW  = 176
	chartRowH    = 26
	chartBarH    = 16
	chartLegendH = 30
	chartAxisH   = 24
	chartTotalW  = 64
)

// Colours of store kinds and of declared and undeclared holdings.
var storeColor = map[string]string{
	"file": "#3B6FB6", "s3": "#E08A1E", "postgres": "#2F8F5B", "mysql": "#8E5BB5", "mariadb": "#C0474A",
}

const (
	otherColor      = "#98A2B3"
	declaredColor   = "#6B7A90"
	undeclaredColor = "#D92D20"
)

// series is one row's values by segment key.
type series struct {
	label string
	vals  map[string]int64
}

// newChart lays out rows of stacked bars; keys orders the segments.
func newChart(id, title, desc string, rows []series, keys []string, color func(string) string, label func(string) string, unit string) *chart {
	c := &chart{ID: id, Title: title, Desc: desc, Width: chartWidth, PlotX: chartLabelW, PlotW: chartWidth - chartLabelW - chartTotalW}
	var maxTotal int64
	for _, r := range rows {
		var t int64
		for _, v := range r.vals {
			t += v
		}
		maxTotal = max(maxTotal, t)
	}
	x := 0
	for _, k := range keys {
		c.Legend = append(c.Legend, legendItem{X: x, Color: color(k), Label: label(k)})
		x += 28 + int(textWidth(label(k))*6.5)
	}
	c.PlotTop = chartLegendH
	c.PlotH = max(len(rows), 1) * chartRowH
	c.PlotBottom = c.PlotTop + c.PlotH
	c.Height = c.PlotBottom + chartAxisH
	if len(rows) == 0 {
		c.Empty = true
		return c
	}
	top := niceCeil(maxTotal)
	scale := float64(c.PlotW) / float64(top)
	for i := 0; i <= 4; i++ {
		v := top * int64(i) / 4
		c.Ticks = append(c.Ticks, tick{X: c.PlotX + int(math.Round(float64(v)*scale)), Label: units.Thousands(v)})
	}
	for i, r := range rows {
		y := c.PlotTop + i*chartRowH + (chartRowH-chartBarH)/2
		cr := chartRow{Full: r.label, Label: truncate(r.label, 24), Y: y, TextY: y + chartBarH/2 + 4}
		x := c.PlotX
		var total int64
		for _, k := range keys {
			v := r.vals[k]
			if v == 0 {
				continue
			}
			total += v
			w := max(int(math.Round(float64(v)*scale)), 2) // a sliver stays visible
			cr.Segs = append(cr.Segs, seg{X: x, Y: y, W: w, H: chartBarH, Color: color(k), Title: fmt.Sprintf("%s — %s: %s %s", r.label, label(k), units.Thousands(v), unit)})
			x += w
		}
		cr.Total, cr.TotalX = units.Thousands(total), x+6
		c.Rows = append(c.Rows, cr)
	}
	return c
}

// niceCeil rounds n up to a round axis maximum whose quarters are whole
// and round too.
func niceCeil(n int64) int64 {
	if n <= 40 {
		return max(4, (n+3)/4*4)
	}
	p := int64(10)
	for p*10 < n {
		p *= 10
	}
	for _, m := range []int64{10, 12, 16, 20, 24, 32, 40, 60, 80, 100} {
		if t := m * p / 10; t >= n {
			return t
		}
	}
	return 10 * p
}

// truncate shortens s to about width columns (wide characters count two).
func truncate(s string, width float64) string {
	if textWidth(s) <= width {
		return s
	}
	var b strings.Builder
	w := 0.0
	for _, r := range s {
		rw := 1.0
		if wide(r) {
			rw = 2
		}
		if w+rw > width-1 {
			break
		}
		b.WriteRune(r)
		w += rw
	}
	return b.String() + "…"
}

// storeChart shows each item's findings by store kind.
func storeChart(inv *inventory.Inventory) *chart {
	rows := make([]series, len(inv.Items))
	at := map[string]int{}
	for i, it := range inv.Items {
		rows[i] = series{label: it.Item, vals: map[string]int64{}}
		at[itemKey(it.ItemID, it.Item)] = i
	}
	var stores []string
	for _, h := range inv.Holdings {
		i, ok := at[itemKey(h.ItemID, h.Item)]
		if !ok {
			continue
		}
		rows[i].vals[h.Store] += h.Findings
		if !slices.Contains(stores, h.Store) {
			stores = append(stores, h.Store)
		}
	}
	slices.SortFunc(stores, func(a, b string) int { return cmp.Or(cmp.Compare(storeOrder(a), storeOrder(b)), cmp.Compare(a, b)) })
	color := func(s string) string { return cmp.Or(storeColor[s], otherColor) }
	return newChart("chart-stores", "項目別・保管方法別の検出数", "個人情報の項目ごとに、保管方法（ファイル、S3、データベース）別の検出数を積み上げた棒グラフ",
		rows, stores, color, storeLabel, "件")
}

// classChart shows the holdings of each legal class, declared or not.
func classChart(inv *inventory.Inventory) *chart {
	byClass := map[string]*series{}
	for _, h := range inv.Holdings {
		c := classLabel(h.Class)
		s := byClass[c]
		if s == nil {
			s = &series{label: c, vals: map[string]int64{}}
			byClass[c] = s
		}
		s.vals[strconv.FormatBool(h.Declared)]++
	}
	var rows []series
	for _, s := range byClass {
		rows = append(rows, *s)
	}
	slices.SortFunc(rows, func(a, b series) int { return cmp.Compare(classOrder(a.label), classOrder(b.label)) })
	color := func(k string) string {
		if k == "true" {
			return declaredColor
		}
		return undeclaredColor
	}
	label := func(k string) string {
		if k == "true" {
			return "方針に記載あり"
		}
		return "方針に記載なし"
	}
	return newChart("chart-classes", "法的区分別の保有（保管場所・列の数）", "法的区分ごとに、保有（項目・保管場所・列の組）の数を、方針に記載があるかどうかで分けた棒グラフ",
		rows, []string{"true", "false"}, color, label, "か所")
}

// zoneText names the zone of a report's times, with its offset at t.
func zoneText(z *time.Location, t time.Time) string {
	_, off := t.In(z).Zone()
	sign := "+"
	if off < 0 {
		sign, off = "-", -off
	}
	return fmt.Sprintf("%s（UTC%s%02d:%02d）", z, sign, off/3600, off/60%60)
}
