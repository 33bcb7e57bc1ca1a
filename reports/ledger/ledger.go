// Package ledger renders an inventory for the people who answer for it: the
// 個人情報管理台帳 (the PMS ledger of JIS Q 15001) as CSV and as an Excel
// workbook, a self-contained HTML report, and the inventory itself as JSON.
//
// Every format starts from the policy conformance flags: the HTML report and
// the workbook summarise them before anything else, and the CSV, which stays
// one table, writes them into the 備考 column of the rows they concern.
//
// Labels are Japanese; identifiers (item IDs, detector types, rule names)
// stay as the JSON has them, so that a row can be traced back.
package ledger

import (
	"cmp"
	"fmt"
	"iter"
	"slices"
	"strings"
	"time"

	"github.com/pmscan/pmscan/reports/inventory"
	"github.com/pmscan/pmscan/reports/ja"
	"github.com/pmscan/pmscan/reports/policy"
	"github.com/pmscan/pmscan/scanner"
)

// Findings yields a scan's findings in order (from the state store);
// renderers that list findings take at most MaxFindingRows of them and say
// how many were left out.
type Findings = iter.Seq2[scanner.Finding, error]

// MaxFindingRows bounds the findings a report lists.
const MaxFindingRows = 100_000

// classUnmapped labels holdings of types no item of the policy lists.
const classUnmapped = ja.Unmapped

// Japanese labels.

// storeLabel names a store kind.
func storeLabel(store string) string {
	switch store {
	case "file":
		return "ファイル"
	case "s3":
		return "S3"
	case "postgres":
		return "PostgreSQL"
	case "mysql":
		return "MySQL"
	case "mariadb":
		return "MariaDB"
	}
	return store
}

// methodLabel is the ledger's 保管方法 of a store kind.
func methodLabel(store string) string {
	switch store {
	case "file":
		return "電子ファイル"
	case "s3":
		return "クラウドストレージ (S3)"
	case "postgres", "mysql", "mariadb":
		return "データベース (" + storeLabel(store) + ")"
	}
	return store
}

// storeOrder orders store kinds in charts and lists.
func storeOrder(store string) int {
	switch store {
	case "file":
		return 0
	case "s3":
		return 1
	case "postgres":
		return 2
	case "mysql":
		return 3
	case "mariadb":
		return 4
	}
	return 5
}

func classLabel(class string) string {
	if class == "" {
		return classUnmapped
	}
	return class
}

// classOrder orders legal classes as policy.Classes does, unmapped last.
func classOrder(class string) int {
	if i := slices.Index(policy.Classes, class); i >= 0 {
		return i
	}
	return len(policy.Classes)
}

// sensitive says whether an item is 要配慮個人情報: by its class, or, for
// an unmapped type, by the detector type.
func sensitive(class, item string) bool {
	return class == policy.ClassSensitive || (class == "" && strings.HasPrefix(item, "sensitive"))
}

// myNumber says whether an item is 特定個人情報.
func myNumber(class, item string) bool {
	return class == policy.ClassMyNumber || (class == "" && item == "my_number")
}

func yesNo(b bool) string {
	if b {
		return "有"
	}
	return "無"
}

// Options are what a reader of a ledger chooses.
type Options struct {
	// Zone is the time zone the report's times are written in: the
	// operator's. nil means time.Local.
	Zone *time.Location
	// Problems, when set, yields every problem of the scan (from the state
	// store): the workbook and the CSV list them, up to MaxProblemRows,
	// instead of the inventory's first inventory.MaxProblems.
	Problems Problems
}

func (o Options) zone() *time.Location {
	if o.Zone == nil {
		return time.Local
	}
	return o.Zone
}

// date writes the day of t in the report's zone.
func (v *view) date(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.In(v.zone).Format("2006-01-02")
}

// time writes t in the report's zone, named: 2026-12-06 16:07:33 JST.
func (v *view) time(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(v.zone).Format("2006-01-02 15:04:05 MST")
}

// durationText writes a scan's duration to the second.
func durationText(d time.Duration) string {
	if d < time.Second {
		return fmt.Sprintf("%.1f 秒", d.Seconds())
	}
	d = d.Round(time.Second)
	h, m, s := int(d.Hours()), int(d.Minutes())%60, int(d.Seconds())%60
	switch {
	case h > 0:
		return fmt.Sprintf("%d 時間 %d 分 %d 秒", h, m, s)
	case m > 0:
		return fmt.Sprintf("%d 分 %d 秒", m, s)
	}
	return fmt.Sprintf("%d 秒", s)
}

// view is what the ledger formats share: the inventory with its flags
// attached to the holdings and items they concern.
type view struct {
	inv          *inventory.Inventory
	zone         *time.Location
	holdingFlags [][]inventory.Flag          // by holding index
	itemFlags    map[string][]inventory.Flag // by itemKey
	itemPlaces   map[string][]string         // by itemKey: place names, in holdings order
	items        map[string]*inventory.ItemSummary
	flagHolding  []int // by flag index: the holding it concerns, or -1
	// bySeverity counts the flags by severity.
	bySeverity [3]int
	// readers is itemReaders' text by item key, made on first use.
	readers map[string]string
}

// itemKey identifies an item in the inventory: its ID, or its detector
// types when no item of the policy lists them (as inventory.Build does).
func itemKey(id, item string) string {
	if id != "" {
		return id
	}
	return "type:" + item
}

func newView(inv *inventory.Inventory, opt Options) *view {
	v := &view{
		inv:          inv,
		zone:         opt.zone(),
		holdingFlags: make([][]inventory.Flag, len(inv.Holdings)),
		itemFlags:    map[string][]inventory.Flag{},
		itemPlaces:   map[string][]string{},
		items:        map[string]*inventory.ItemSummary{},
		flagHolding:  make([]int, len(inv.Flags)),
	}
	for i := range inv.Items {
		v.items[itemKey(inv.Items[i].ItemID, inv.Items[i].Item)] = &inv.Items[i]
	}
	type hkey struct {
		place inventory.Place
		item  string
	}
	at := map[hkey]int{}
	byPlace := map[string][]int{} // holdings by place name, for place-wide flags
	for i, h := range inv.Holdings {
		k := itemKey(h.ItemID, h.Item)
		at[hkey{h.Place, k}] = i
		byPlace[h.Name] = append(byPlace[h.Name], i)
		if !slices.Contains(v.itemPlaces[k], h.Name) {
			v.itemPlaces[k] = append(v.itemPlaces[k], h.Name)
		}
	}
	for fi, f := range inv.Flags {
		v.flagHolding[fi] = -1
		if f.Severity >= 0 && int(f.Severity) < len(v.bySeverity) {
			v.bySeverity[f.Severity]++
		}
		k := itemKey(f.ItemID, f.Item)
		v.itemFlags[k] = append(v.itemFlags[k], f)
		if f.Column == "" && f.Rule == inventory.RulePublicAccess {
			// Place-wide: every holding there shows it.
			for _, i := range byPlace[f.Name] {
				v.holdingFlags[i] = append(v.holdingFlags[i], f)
				if v.flagHolding[fi] < 0 {
					v.flagHolding[fi] = i
				}
			}
			continue
		}
		if i, ok := at[hkey{f.Place, k}]; ok {
			v.holdingFlags[i] = append(v.holdingFlags[i], f)
			v.flagHolding[fi] = i
		}
	}
	return v
}

// item returns the ledger row of a holding's item, or nil.
func (v *view) item(h *inventory.Holding) *inventory.ItemSummary {
	return v.items[itemKey(h.ItemID, h.Item)]
}

// maxSeverity is the most severe of flags, or -1 when there are none.
func maxSeverity(flags []inventory.Flag) inventory.Severity {
	m := inventory.Severity(-1)
	for _, f := range flags {
		m = max(m, f.Severity)
	}
	return m
}

func maxSeverityLabel(flags []inventory.Flag) string {
	if len(flags) == 0 {
		return ""
	}
	return ja.Severity(maxSeverity(flags))
}

// flagNote writes flags for a 備考 cell, most severe first:
// 【高】方針外の保管場所 (undeclared_place); …
func flagNote(flags []inventory.Flag) string {
	var parts []string
	for _, f := range flags {
		p := "【" + ja.Severity(f.Severity) + "】" + ja.Rule(f.Rule) + " (" + f.Rule + ")"
		if !slices.Contains(parts, p) {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, "; ")
}

// itemFlagNote summarises an item's flags over its places:
// 【高】方針外の保管場所 ×2; 【中】保管期限超過 ×1.
func itemFlagNote(flags []inventory.Flag) string {
	type rc struct {
		sev  inventory.Severity
		rule string
	}
	counts := map[rc]int{}
	var order []rc
	for _, f := range flags {
		k := rc{f.Severity, f.Rule}
		if counts[k] == 0 {
			order = append(order, k)
		}
		counts[k]++
	}
	slices.SortStableFunc(order, func(a, b rc) int { return -cmp.Compare(a.sev, b.sev) })
	parts := make([]string, len(order))
	for i, k := range order {
		parts[i] = fmt.Sprintf("【%s】%s (%s) ×%d", ja.Severity(k.sev), ja.Rule(k.rule), k.rule, counts[k])
	}
	return strings.Join(parts, "; ")
}

// declaredLabel says whether the policy declares a holding or an item.
func declaredLabel(declared bool) string {
	if declared {
		return "記載あり"
	}
	return "記載なし"
}

func disclosureLabel(it *inventory.ItemSummary) string {
	switch {
	case it == nil || it.ItemID == "":
		return ""
	case it.DisclosureTarget:
		return "対象"
	}
	return "対象外"
}

func entrustedLabel(it *inventory.ItemSummary) string {
	switch {
	case it == nil || it.ItemID == "":
		return ""
	case it.Entrusted:
		return "受託"
	}
	return "自社"
}

// storesText lists store kinds as 保管方法.
func storesText(stores []string) string {
	s := slices.Clone(stores)
	slices.SortFunc(s, func(a, b string) int { return cmp.Or(cmp.Compare(storeOrder(a), storeOrder(b)), cmp.Compare(a, b)) })
	out := make([]string, len(s))
	for i, st := range s {
		out[i] = methodLabel(st)
	}
	return strings.Join(out, "、")
}

// maxPlacesListed bounds the places a ledger cell lists.
const maxPlacesListed = 20

// placesText lists an item's places, one a line, at most maxPlacesListed.
func placesText(places []string) string {
	if len(places) <= maxPlacesListed {
		return strings.Join(places, "\n")
	}
	return strings.Join(places[:maxPlacesListed], "\n") + fmt.Sprintf("\nほか %d 箇所", len(places)-maxPlacesListed)
}

// itemRemark is an item's 備考: its flags, and why the policy does not
// declare it.
func itemRemark(it *inventory.ItemSummary, flags []inventory.Flag) string {
	var parts []string
	if it.ItemID == "" {
		parts = append(parts, "方針の項目に対応しない検出種別")
	}
	if n := itemFlagNote(flags); n != "" {
		parts = append(parts, n)
	}
	return strings.Join(parts, "; ")
}

// flagDetail explains the flag at index fi in Japanese; a rule the
// reports do not know keeps the inventory's own (English) message.
func (v *view) flagDetail(fi int) string {
	f := &v.inv.Flags[fi]
	var h *inventory.Holding
	if i := v.flagHolding[fi]; i >= 0 {
		h = &v.inv.Holdings[i]
	}
	retention := ""
	if it := v.items[itemKey(f.ItemID, f.Item)]; it != nil {
		retention = it.Retention
	}
	if d := ja.FlagDetail(f, h, retention, v.date); d != "" {
		return d
	}
	return f.Message
}
