package ledger

import (
	"github.com/pmscan/pmscan/reports/inventory"
	"github.com/pmscan/pmscan/reports/ja"
	"github.com/pmscan/pmscan/reports/policy"
)

// targetReasonLabel says why the walk of a target did not end, in
// Japanese; "" when it did.
func targetReasonLabel(t *inventory.Target) string {
	switch status := t.Outcome(); {
	case t.Error != "":
		return ja.Reason(t.Reason)
	case status == inventory.TargetInterrupted:
		return "中断されました"
	case status != inventory.TargetOK:
		return ja.Reason(t.Reason)
	}
	return ""
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
