package ledger

import (
	"github.com/pmscan/pmscan/reports/inventory"
	"github.com/pmscan/pmscan/reports/policy"
)

// statusLabel says how a scan ended, in Japanese.
func statusLabel(status string) string {
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

// statusNote tells the reader what a scan's status means for the report.
func statusNote(status string) string {
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

// targetStatusLabel says how the walk of one target ended.
func targetStatusLabel(status string) string {
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

// targetStatus is how the walk of a target ended, for targets stored
// before statuses were too: failed when it has an error.
func targetStatus(t *inventory.Target) string {
	switch {
	case t.Status != "":
		return t.Status
	case t.Error != "":
		return inventory.TargetFailed
	}
	return inventory.TargetOK
}

// targetReasonLabel says why the walk of a target did not end, in
// Japanese; "" when it did.
func targetReasonLabel(t *inventory.Target) string {
	switch status := targetStatus(t); {
	case t.Error != "":
		return reasonLabel(t.Reason)
	case status == inventory.TargetInterrupted:
		return "中断されました"
	case status != inventory.TargetOK:
		return reasonLabel(t.Reason)
	}
	return ""
}

// reasonLabel names a problem's reason (inventory.Reason*) in Japanese.
func reasonLabel(reason string) string {
	switch reason {
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
	}
	return "読み取りエラー"
}

// reasonText is a problem's or a target's reason for the reader: the
// reason in Japanese, then the error's own words, which name the file,
// the server or the limit.
func reasonText(reason, detail string) string {
	if detail == "" {
		return reasonLabel(reason)
	}
	return reasonLabel(reason) + "（" + detail + "）"
}

// problemKind says whether a problem was skipped on purpose or failed.
func problemKind(p *inventory.Problem) string {
	if p.Skipped {
		return "スキップ"
	}
	return "読み取り失敗"
}

// subjectsNote explains the people estimate (inventory.Totals.Subjects).
const subjectsNote = "推定人数は、保管場所ごとに、識別できる項目（氏名、電話番号、メールアドレス、個人番号など）のうち異なる値の最も多い項目の値の数を数え、保管場所について合計したものです。" +
	"氏名は漢字・かな・ローマ字の表記ごとに数えて最も多いものをとるため、同じ行の読み仮名やローマ字表記を別の人とは数えません。" +
	"同じ人が 2 か所に記録されていれば 2 人と数えます。値そのものは保存せず、鍵付きハッシュで異なる値を数えています。"

// policyLabel names the policy a scan mapped onto: its file, or the
// built-in one.
func policyLabel(source string) string {
	if source == policy.BuiltIn {
		return "組み込みポリシー（pmscan policy init で書き出せます）"
	}
	return source
}
