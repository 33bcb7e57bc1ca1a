package diff

import (
	"fmt"
	"time"

	"github.com/pmscan/pmscan/reports/inventory"
	"github.com/pmscan/pmscan/reports/ja"
)

// japanese is the text diff in Japanese. Its words for statuses, rules
// and flags are the ledger's, from reports/ja.
var japanese = labels{
	title: func(from, to int64) string {
		return fmt.Sprintf("pmscan diff: スキャン %d → スキャン %d", from, to)
	},
	scan: func(id int64, finished, status string) string {
		return fmt.Sprintf("スキャン %d: %s 終了、%s", id, finished, status)
	},
	statuses: map[string]string{
		inventory.StatusComplete:    ja.Status(inventory.StatusComplete),
		inventory.StatusUnreadable:  ja.Status(inventory.StatusUnreadable),
		inventory.StatusFailed:      ja.Status(inventory.StatusFailed),
		inventory.StatusInterrupted: ja.Status(inventory.StatusInterrupted),
	},
	targets:   "対象: ",
	targetsOf: func(id int64) string { return fmt.Sprintf("スキャン %d の対象: ", id) },
	totals: func(t Totals) string {
		return fmt.Sprintf("検出数 %d → %d、保管場所 %d → %d、推定人数 %d → %d、読み取れなかったオブジェクト %d → %d",
			t.Findings.From, t.Findings.To, t.Places.From, t.Places.To, t.Subjects.From, t.Subjects.To, t.Failed.From, t.Failed.To)
	},
	partial: func(id int64, status string) string {
		return fmt.Sprintf("注意: スキャン %d の状態は %s です。読み取らなかった分は、ここでは現れた・消えたものとして表れます", id, status)
	},
	noChange: "変化はありません（項目、保管場所、列・キー、件数、指摘、読み取れなかったオブジェクトはすべて同じです）。",

	sections: sections{
		itemsAppeared:       "新たに現れた項目",
		itemsDisappeared:    "消えた項目",
		placesAppeared:      "新たに現れた保管場所",
		placesDisappeared:   "消えた保管場所",
		columnsAppeared:     "両方のスキャンにある保管場所で新たに現れた列・キー",
		columnsDisappeared:  "両方のスキャンにある保管場所から消えた列・キー",
		holdingsAppeared:    "両方のスキャンにある保管場所・列で新たに現れた保有",
		holdingsDisappeared: "両方のスキャンにある保管場所・列から消えた保有",
		holdingsGrew:        "増えた保有",
		holdingsShrank:      "減った保有",
		flagsNew:            "新たな指摘",
		flagsResolved:       "解消した指摘",
		unreadableNew:       "新たに読み取れなくなったオブジェクト",
		unreadableAgain:     "前回は読み取れず、今回は失敗しなかった（読み取れたか、なくなった）オブジェクト",
		count:               func(heading string, n int) string { return fmt.Sprintf("%s（%d 件）:", heading, n) },
	},

	class: func(class string) string {
		if class == "" {
			class = ja.Unmapped
		}
		return "（" + class + "）"
	},
	item: func(it Item) string {
		return fmt.Sprintf(": 検出 %d 件、%d か所", it.Findings, it.Places)
	},
	place: func(c PlaceChange) string { return fmt.Sprintf("（検出 %d 件）", c.Findings) },
	counts: func(h Holding) string {
		return fmt.Sprintf(": 検出数 %d → %d、異なる値の数 %d → %d", h.Findings.From, h.Findings.To, h.Distinct.From, h.Distinct.To)
	},
	severities: [3]string{inventory.SeverityLow: ja.Severity(inventory.SeverityLow), inventory.SeverityMedium: ja.Severity(inventory.SeverityMedium), inventory.SeverityHigh: ja.Severity(inventory.SeverityHigh)},
	rule:       ja.Rule,
	flag:       jaFlagDetail,

	newSince: func(id int64, finished string) string {
		return fmt.Sprintf("スキャン %d（%s 終了）以降に新たに見つかったもの:", id, finished)
	},
	nothingNew: func(id int64, finished string) string {
		return fmt.Sprintf("スキャン %d（%s 終了）以降、新たな項目・保管場所・指摘はありません。", id, finished)
	},
	newItem:  "項目",
	newPlace: "保管場所",
	newFlag:  "指摘",
	more: func(n int) string {
		return fmt.Sprintf("… ほか %d 件（すべては pmscan diff で確認できます）", n)
	},
}

// jaFlagDetail explains a flag as the ledger does, without its holding
// (a Diff keeps none); a rule the reports do not know keeps the
// inventory's own (English) message.
func jaFlagDetail(f *inventory.Flag) string {
	if d := ja.FlagDetail(f, nil, "", func(*time.Time) string { return "" }); d != "" {
		return d
	}
	return f.Message
}
