package text

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/pmscan/pmscan/internal/units"
	"github.com/pmscan/pmscan/reports/inventory"
	"github.com/pmscan/pmscan/reports/ja"
	"github.com/pmscan/pmscan/reports/policy"
)

// japanese is the summary in Japanese. Its words for reasons and conformance
// flags are the ledger's, from reports/ja.
var japanese = labels{
	changes:     ja.ChangesCounted,
	readReasons: ja.ReadReasons,
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
		inventory.StatusComplete:    "完了（すべての対象を最後まで読み、読み取りに失敗した項目はありません）",
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
	severities:  [3]string{inventory.SeverityLow: ja.Severity(inventory.SeverityLow), inventory.SeverityMedium: ja.Severity(inventory.SeverityMedium), inventory.SeverityHigh: ja.Severity(inventory.SeverityHigh)},
	flagMessage: jaFlagDetail,
	more:        func(n int) string { return fmt.Sprintf("（ほか %d 件）", n) },

	items: func(people int64, places int) string {
		return fmt.Sprintf("保有している個人情報の項目（推定 %d 人、%d か所）:", people, places)
	},
	itemsHeader: []string{"項目", "区分", "保管場所数", "検出数", "異なる値の数", "方針"},
	access: func(a accessCounts) string {
		s := fmt.Sprintf("アクセス権：個人情報のある保管場所 %d か所のうち、誰でも読める %d か所、方針の access にない読み手がいる %d か所", a.places, a.public, a.undeclared)
		if a.unknown > 0 {
			s += fmt.Sprintf("、一部不明 %d か所", a.unknown)
		}
		if a.notAsked > 0 {
			s += fmt.Sprintf("、未取得 %d か所", a.notAsked)
		}
		return s + "。"
	},
	noItem:   jaUnmapped,
	declared: [2]string{"記載なし", "記載あり"},

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

	problems: "読み取れなかった項目:",
	allowed: func(hits int64) string {
		return fmt.Sprintf("許可リスト・抑止により除外（検出結果には含めません）: %s 件", units.Thousands(hits))
	},
	allowedHeader:  []string{"エントリ", "種別", "件数", "理由"},
	belowThreshold: "ポリシーのしきい値に満たないもの（保有・台帳・指摘には含めません）:",
	belowHeader:    []string{"種別", "保管場所", "保有", "検出数"},
	allowUnused: func(ids string) string {
		return "この完了したスキャンで何にも一致しなかった許可リストのエントリ: " + ids
	},
	allowExpired: func(ids string) string {
		return "有効期限を過ぎた抑止（その検出結果は再び報告します）: " + ids
	},
	problemKinds:  [2]string{ja.ProblemKind(false), ja.ProblemKind(true)},
	problemDetail: func(p *inventory.Problem) string { return ja.ReasonText(p.Reason, p.Error) },
	targetError: func(t *inventory.Target) string {
		return fmt.Sprintf("対象 %s: %s", t.Name, ja.ReasonText(t.Reason, t.Error))
	},
	targetInterrupted: func(name string) string {
		return fmt.Sprintf("対象 %s: 走査が終わる前に中断されました", name)
	},
	stateStore: func(s *inventory.StateStoreLoss) string {
		return ja.StateStoreLoss(s, s.Failed.Local().Format(time.DateTime))
	},
}

// jaUnmapped is the class of types no item of the policy lists.
const jaUnmapped = ja.Unmapped

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

// jaFlagDetail explains a conformance flag as the ledger does; a rule the
// reports do not know keeps the inventory's own (English) message.
func jaFlagDetail(inv *inventory.Inventory, f *inventory.Flag) string {
	var h *inventory.Holding
	for i := range inv.Holdings {
		if c := &inv.Holdings[i]; c.Place == f.Place && c.ItemID == f.ItemID && c.Item == f.Item {
			h = c
			break
		}
	}
	retention := ""
	for _, it := range inv.Items {
		if it.ItemID == f.ItemID && it.Item == f.Item {
			retention = it.Retention
		}
	}
	date := func(t *time.Time) string {
		if t == nil {
			return ""
		}
		return t.Format(time.DateOnly)
	}
	if d := ja.FlagDetail(f, h, retention, date); d != "" {
		return d
	}
	return f.Message
}
