package text

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/pmscan/pmscan/internal/units"
	"github.com/pmscan/pmscan/reports/inventory"
	"github.com/pmscan/pmscan/reports/policy"
)

// ja is the summary in Japanese. Its words for statuses, reasons and
// conformance rules are the ledger's (reports/ledger/ja.go), repeated here
// in their few lines rather than shared, so that the two packages stay
// apart; keep them in step.
var ja = labels{
	scanned: func(objects, bytes, rows int64, d time.Duration) string {
		size := units.Bytes(bytes)
		if rows > 0 {
			size += fmt.Sprintf("、%d 行", rows)
		}
		return fmt.Sprintf("%d 個のオブジェクト（%s）を %sでスキャンしました: ", objects, size, jaDuration(d))
	},
	outcome: func(findings, skipped, failed int64) string {
		return fmt.Sprintf("検出 %d 件、スキップ %d 件、エラー %d 件", findings, skipped, failed)
	},
	targetsFailed: func(n int) string { return fmt.Sprintf("、失敗した対象 %d 件", n) },
	interrupted:   "（中断: 結果は途中までです）",

	status: "状態: ",
	statuses: map[string]string{
		inventory.StatusComplete:    "完了（すべての対象とすべての項目を読み取りました）",
		inventory.StatusUnreadable:  "完了（読み取れなかった項目があります。それらの内容はこの報告に含まれません。「読み取れなかった項目」を確認してください）",
		inventory.StatusFailed:      "失敗（開けなかった、または最後まで読めなかった対象があります。その対象の保有はこの報告に含まれません。下記を確認してください）",
		inventory.StatusInterrupted: "中断（この報告は中断までに読み取った分だけを含みます）",
	},

	conformance: func(source string) string {
		if source == policy.BuiltIn {
			return "方針適合性（組み込みポリシー）: "
		}
		return fmt.Sprintf("方針適合性（%s のポリシー）: ", source)
	},
	noFlags: "方針に記載のない保有はありません",
	flagCounts: func(high, medium, low int) string {
		return fmt.Sprintf("高 %d 件、中 %d 件、低 %d 件", high, medium, low)
	},
	severities:  [3]string{inventory.SeverityLow: "低", inventory.SeverityMedium: "中", inventory.SeverityHigh: "高"},
	flagMessage: jaFlagMessage,
	more:        func(n int) string { return fmt.Sprintf("（ほか %d 件）", n) },

	items: func(people int64, places int) string {
		return fmt.Sprintf("保有している個人情報の項目（推定 %d 人、%d か所）:", people, places)
	},
	itemsHeader: []string{"項目", "区分", "保管場所数", "検出数", "異なる値の数", "方針"},
	noItem:      jaUnmapped,
	declared:    [2]string{"記載なし", "記載あり"},

	typesMasked: "種別ごとの検出（値はマスク済み）:",
	typesRaw:    "種別ごとの検出（マスクしていない値、-show-data）:",
	typesHeader: []string{"種別", "検出数", "確度：高", "確度：中", "確度：低", "例"},

	places:       "ファイル・オブジェクト・テーブルごとの検出:",
	placesHeader: []string{"場所", "文字コード", "検出数", "種別"},
	firstRead:    func(size string) string { return fmt.Sprintf("（先頭 %s のみ読み取り）", size) },
	morePlaces:   func(n int) string { return fmt.Sprintf("（ほか %d か所）", n) },

	columns:       "列ごとの判定（各列の値のうち一致したものの割合）:",
	columnsHeader: []string{"列", "型", "値の数", "判定", "一致"},
	notRead:       "読み取らず",
	mixed:         "混在",
	partial:       "途中まで",
	sampled:       func(values string) string { return values + "（抽出）" },
	moreColumns: func(n int) string {
		return fmt.Sprintf("（ほか %d 列。-columns FILE ですべて書き出せます）", n)
	},

	problems:      "読み取れなかった項目:",
	problemKinds:  [2]string{"読み取り失敗", "スキップ"},
	problemDetail: func(p *inventory.Problem) string { return jaReason(p.Reason, p.Error) },
	targetError: func(t *inventory.Target) string {
		return fmt.Sprintf("対象 %s: %s", t.Name, jaReason(t.Reason, t.Error))
	},
	targetInterrupted: func(name string) string {
		return fmt.Sprintf("対象 %s: 走査が終わる前に中断されました", name)
	},
}

// jaUnmapped is the class of types no item of the policy lists.
const jaUnmapped = "未分類"

// jaDuration writes d, to the millisecond, as 2.6 秒 or 1 分 30.5 秒.
func jaDuration(d time.Duration) string {
	d = d.Round(time.Millisecond)
	var b strings.Builder
	if h := d / time.Hour; h > 0 {
		fmt.Fprintf(&b, "%d 時間 ", h)
		d -= h * time.Hour
	}
	if m := d / time.Minute; m > 0 || b.Len() > 0 {
		fmt.Fprintf(&b, "%d 分 ", m)
		d -= m * time.Minute
	}
	b.WriteString(strconv.FormatFloat(d.Seconds(), 'f', -1, 64) + " 秒")
	return b.String()
}

// jaReasons name problems' reasons (inventory.Reason*), as the ledger does.
var jaReasons = map[string]string{
	inventory.ReasonPermission:  "読み取り権限がありません",
	inventory.ReasonNotFound:    "見つかりません",
	inventory.ReasonUnreachable: "接続できません",
	inventory.ReasonTimeout:     "時間切れ",
	inventory.ReasonEncrypted:   "暗号化されています",
	inventory.ReasonTooLarge:    "上限を超える大きさです",
	inventory.ReasonBinary:      "テキストではありません",
	inventory.ReasonUnsupported: "対応していない形式です",
	inventory.ReasonMalformed:   "壊れているか不正です",
	inventory.ReasonNoText:      "取り出せる文字がありません（画像のみの文書など）",
	inventory.ReasonSpecial:     "特殊ファイル、またはリンクの循環です",
	inventory.ReasonArchived:    "アーカイブ済み（復元が必要）です",
}

// jaReason is a reason in Japanese, then the error's own words, which
// name the file, the server or the limit: 見つかりません（stat x: no such
// file or directory）. Without a reason (an inventory kept before reasons
// were), the error alone.
func jaReason(reason, detail string) string {
	if reason == "" {
		return detail
	}
	label, ok := jaReasons[reason]
	if !ok {
		label = "読み取りエラー"
	}
	if detail == "" {
		return label
	}
	return label + "（" + detail + "）"
}

// jaFlagMessage explains a conformance flag in Japanese, as the ledger
// does; the inventory's own message is English (it stays so in the JSON).
// A rule it does not know keeps that message.
func jaFlagMessage(inv *inventory.Inventory, f *inventory.Flag) string {
	var h *inventory.Holding
	for i := range inv.Holdings {
		if c := &inv.Holdings[i]; c.Place == f.Place && c.ItemID == f.ItemID && c.Item == f.Item {
			h = c
			break
		}
	}
	var s string
	switch f.Rule {
	case inventory.RuleUndeclaredItem:
		class := f.Class
		if class == "" {
			class = jaUnmapped
		}
		s = fmt.Sprintf("方針では保有しないとしている「%s」（%s）を保有しています", f.Item, class)
	case inventory.RuleUnmappedType:
		s = fmt.Sprintf("方針のどの項目にも対応しない検出種別（%s）です。方針の項目の types か ignore_types に加えてください", f.Item)
	case inventory.RuleUndeclaredPlace:
		s = fmt.Sprintf("「%s」が、方針がこの項目について定める保管場所の外にあります", f.Item)
	case inventory.RuleSensitive:
		s = fmt.Sprintf("「%s」は要配慮個人情報です。取得には本人の事前の同意が必要です。同意の記録を確認してください", f.Item)
	case inventory.RuleRetention:
		var retention string
		for _, it := range inv.Items {
			if it.ItemID == f.ItemID && it.Item == f.Item {
				retention = jaRetention(it.Retention)
			}
		}
		if h == nil || h.Oldest == nil || retention == "" {
			return f.Message
		}
		s = fmt.Sprintf("%s のデータがあり、「%s」の保管期限（%s）を過ぎています", h.Oldest.Format("2006-01-02"), f.Item, retention)
	default:
		return f.Message
	}
	if h != nil && h.High+h.Medium == 0 || h == nil && strings.HasSuffix(f.Message, "(low-confidence findings only)") {
		s += "（確度の低い検出のみ）"
	}
	return s
}

// jaRetention writes a retention period (5y, 18m, 90d) in Japanese.
func jaRetention(r string) string {
	if len(r) < 2 {
		return r
	}
	n := r[:len(r)-1]
	if _, err := strconv.Atoi(n); err != nil {
		return r
	}
	switch r[len(r)-1] {
	case 'y':
		return n + "年"
	case 'm':
		return n + "か月"
	case 'd':
		return n + "日"
	}
	return r
}
