// Package ja is the Japanese of pmscan's reports, shared by the ledger
// (HTML, XLSX, CSV) and the text summary, so that both say the same thing
// in the same words: how a scan ended, why an item was not read, what a
// conformance flag means, how long data may be kept.
package ja

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/pmscan/pmscan/reports/inventory"
)

// Unmapped is the class of detector types no item of the policy lists.
const Unmapped = "未分類"

// Severity names a flag's severity.
func Severity(s inventory.Severity) string {
	switch s {
	case inventory.SeverityHigh:
		return "高"
	case inventory.SeverityMedium:
		return "中"
	}
	return "低"
}

// Rule names a conformance rule.
func Rule(rule string) string {
	switch rule {
	case inventory.RuleUndeclaredItem:
		return "方針上保有しない項目"
	case inventory.RuleUnmappedType:
		return "方針にない種別"
	case inventory.RuleUndeclaredPlace:
		return "方針外の保管場所"
	case inventory.RuleSensitive:
		return "要配慮個人情報の保有"
	case inventory.RuleRetention:
		return "保管期限超過"
	case inventory.RulePublicAccess:
		return "誰でも読める"
	case inventory.RuleAccessUndeclared:
		return "方針外のアクセス権"
	}
	return rule
}

// Status says how a scan ended.
func Status(status string) string {
	switch status {
	case inventory.StatusComplete:
		return "完了"
	case inventory.StatusUnreadable:
		return "完了（読み取れなかった項目あり）"
	case inventory.StatusFailed:
		return "失敗（読み取れなかった対象あり）"
	case inventory.StatusInterrupted:
		return "中断（結果は途中まで）"
	}
	return status
}

// StatusNote tells the reader what a scan's status means for the report;
// "" for a complete scan.
func StatusNote(status string) string {
	switch status {
	case inventory.StatusUnreadable:
		return "読み取れなかったファイル・オブジェクト・テーブルがあります。それらに個人情報があっても、この報告書には含まれません。「読み取れなかった項目」の一覧を確認してください。"
	case inventory.StatusFailed:
		return "開けなかった、または最後まで読めなかった対象があります。その対象の保有はこの報告書に含まれません。「対象」に示す理由を確認してください。"
	case inventory.StatusInterrupted:
		return "スキャンは途中で中断されました。この報告書は中断までに読み取った分だけを含みます。"
	}
	return ""
}

// TargetStatus says how the walk of one target ended.
func TargetStatus(status string) string {
	switch status {
	case inventory.TargetOK:
		return "完了"
	case inventory.TargetFailed:
		return "失敗"
	case inventory.TargetInterrupted:
		return "中断"
	}
	return status
}

// Reason names why an item was not read (inventory.Reason*).
func Reason(code string) string {
	switch code {
	case inventory.ReasonPermission:
		return "読み取り権限がありません"
	case inventory.ReasonNotFound:
		return "見つかりません"
	case inventory.ReasonUnreachable:
		return "接続できません"
	case inventory.ReasonTimeout:
		return "時間切れ"
	case inventory.ReasonEncrypted:
		return "暗号化されています"
	case inventory.ReasonTooLarge:
		return "上限を超える大きさです"
	case inventory.ReasonBinary:
		return "テキストではありません"
	case inventory.ReasonUnsupported:
		return "対応していない形式です"
	case inventory.ReasonMalformed:
		return "壊れているか不正です"
	case inventory.ReasonNoText:
		return "取り出せる文字がありません（画像のみの文書など）"
	case inventory.ReasonSpecial:
		return "特殊ファイル、またはリンクの循環です"
	case inventory.ReasonArchived:
		return "アーカイブ済み（復元が必要）です"
	case inventory.ReasonChanged:
		return "読み取り中に変更されました"
	}
	return "読み取りエラー"
}

// ReasonText is a reason for the reader: the reason, then the error's own
// words, which name the file, the server or the limit — 見つかりません（stat
// x: no such file or directory）. Without a code (an inventory kept before
// reasons were), the error's words alone.
func ReasonText(code, detail string) string {
	switch {
	case code == "":
		return detail
	case detail == "":
		return Reason(code)
	}
	return Reason(code) + "（" + detail + "）"
}

// ProblemKind says whether an item was skipped on purpose or could not
// be read.
func ProblemKind(skipped bool) string {
	if skipped {
		return "スキップ"
	}
	return "読み取り失敗"
}

// Retention writes a retention period (5y, 18m, 90d): 5年, 18か月, 90日.
func Retention(r string) string {
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

// lowOnly ends the English message of a flag raised by low-confidence
// findings alone (reports/inventory's conformance).
const lowOnly = "(low-confidence findings only)"

// FlagDetail explains a conformance flag. h is the holding it concerns
// (nil if none), retention the item's retention period as the policy
// writes it, date writes a day in the reader's zone. "" for a rule it
// does not know: the caller shows the inventory's own message.
func FlagDetail(f *inventory.Flag, h *inventory.Holding, retention string, date func(*time.Time) string) string {
	var s string
	switch f.Rule {
	case inventory.RuleUndeclaredItem:
		class := f.Class
		if class == "" {
			class = Unmapped
		}
		s = fmt.Sprintf("方針では保有しないとしている「%s」（%s）を保有しています。", f.Item, class)
	case inventory.RuleUnmappedType:
		types := f.Item
		if h != nil {
			types = strings.Join(h.Types, ", ")
		}
		s = fmt.Sprintf("方針のどの項目にも対応しない検出種別（%s）です。方針の項目の types か ignore_types に加えてください。", types)
	case inventory.RuleUndeclaredPlace:
		s = fmt.Sprintf("「%s」が、方針がこの項目について定める保管場所の外にあります。", f.Item)
	case inventory.RuleSensitive:
		s = fmt.Sprintf("「%s」は要配慮個人情報です。取得には本人の事前の同意が必要です。同意の記録を確認してください。", f.Item)
	case inventory.RuleRetention:
		oldest := ""
		if h != nil {
			oldest = date(h.Oldest)
		}
		if oldest == "" || retention == "" {
			s = fmt.Sprintf("「%s」の保管期限を過ぎたデータがあります。", f.Item)
		} else {
			s = fmt.Sprintf("%s のデータがあり、「%s」の保管期限（%s）を過ぎています。", oldest, f.Item, Retention(retention))
		}
	case inventory.RulePublicAccess:
		items := f.Items
		if len(items) == 0 {
			items = []string{f.Item}
		}
		s = fmt.Sprintf("誰でも読める状態です（%s）。ここにある個人情報：%s。", strings.Join(f.Readers, "、"), strings.Join(items, "、"))
	case inventory.RuleAccessUndeclared:
		s = fmt.Sprintf("「%s」を、方針のアクセス権（access）にない %s が読めます。", f.Item, strings.Join(f.Readers, "、"))
	default:
		return ""
	}
	if h != nil && h.High+h.Medium == 0 || h == nil && strings.HasSuffix(f.Message, lowOnly) {
		s += "（確度の低い検出のみ）"
	}
	return s
}

// ReadReasons name the reasons an incremental scan read an object (the
// keys of inventory.Changes.Reasons).
var ReadReasons = map[string]string{"new": "新規", "changed": "変更", "doubt": "確認不能", "full_every": "定期全読", "failed": "前回失敗", "resumed": "途中再開"}

// ReadReason names reason, or gives it as it is.
func ReadReason(reason string) string {
	if r, ok := ReadReasons[reason]; ok {
		return r
	}
	return reason
}

// ChangesCounted says how many objects an incremental scan carried over
// unchanged, from which scans, and how many it read.
func ChangesCounted(c *inventory.Changes) string {
	s := fmt.Sprintf("差分スキャン: 変わっていない %d 件", c.Carried)
	if c.CarriedTables > 0 {
		s += fmt.Sprintf("（うちテーブル %d）", c.CarriedTables)
	}
	s += "を"
	if len(c.From) > 0 {
		ids := make([]string, len(c.From))
		for i, id := range c.From {
			ids[i] = strconv.FormatInt(id, 10)
		}
		s += "スキャン " + strings.Join(ids, ", ") + " から"
	}
	s += fmt.Sprintf("引き継ぎ、%d 件", c.Read)
	if c.ReadTables > 0 {
		s += fmt.Sprintf("（うちテーブル %d）", c.ReadTables)
	}
	return s + "を読みました"
}

// Changes is ChangesCounted with why the objects were read, as one
// sentence. The report's counts are those of a full scan either way.
func Changes(c *inventory.Changes) string {
	s := ChangesCounted(c)
	if len(c.Reasons) > 0 {
		var parts []string
		for _, r := range inventory.ByCount(c.Reasons) {
			parts = append(parts, fmt.Sprintf("%s %d", ReadReason(r), c.Reasons[r]))
		}
		s += "（" + strings.Join(parts, "、") + "）"
	}
	return s + "。件数は変わっていないものも含め、すべてを読んだ場合と同じです。"
}

// StateStoreLoss says what a scan's failed state store did not keep and
// where it is; failed is when the store began to fail, as the report
// writes times. The report itself counts everything.
func StateStoreLoss(s *inventory.StateStoreLoss, failed string) string {
	m := fmt.Sprintf("状態ストア: %s は %s に失敗し、復旧しませんでした。それ以降に保存する検出結果 %d 件と問題 %d 件、およびスキャンの終了はストアにありません",
		s.Store, failed, s.Findings, s.Problems)
	if s.Spool != "" {
		m += fmt.Sprintf("。これらはスプール %s にあります（'pmscan scans import' でストアに移せます）", s.Spool)
	}
	if s.DroppedFindings+s.DroppedProblems > 0 {
		m += fmt.Sprintf("。検出結果 %d 件と問題 %d 件はどこにも保存されていません", s.DroppedFindings, s.DroppedProblems)
	}
	return m + "。このレポートはすべてを数えています。"
}
