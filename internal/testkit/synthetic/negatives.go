package synthetic

import (
	"strconv"
	"time"

	"github.com/pmscan/pmscan/detectors/checkdigit"
)

// Kinds of hard negative whose number must fail a check digit.
const (
	NegBadMyNumber = "bad_my_number" // 12 digits failing checkdigit.ValidMyNumber
	NegBadLuhn     = "bad_luhn"      // 16 digits failing checkdigit.ValidLuhn
	NegBare13      = "bare_13"       // 13 digits failing the 法人番号 and Luhn checks
)

// HardNegative is a line that looks like it holds an identifier but does not:
// no detector may report it with medium or high confidence.
type HardNegative struct {
	Text   string
	Kind   string // one of the Neg kinds, or "" when no check digit is involved
	Number string // the digits a check must reject, for the Neg kinds
}

// BadCorporateLike returns 13 digits that fail the 法人番号 and Luhn checks.
func (g *Gen) bare13() string {
	for {
		n := "49" + g.Digits(11)
		if !checkdigit.ValidCorporateNumber(n) && !checkdigit.ValidLuhn(n) {
			return n
		}
	}
}

func (g *Gen) amount(lo, hi int) string { return Comma(g.Between(lo, hi)) }

// Comma writes n with thousands separators.
func Comma(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// businessDate returns a date in 2023-2025, for dates that are not birth dates.
func (g *Gen) businessDate() time.Time {
	return time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, g.r.IntN(3*365))
}

// HardNegatives returns the hard-negative lines of the demo set: dates without
// birth context, amounts, order and invoice numbers glued to letters,
// versions, numbers with bad check digits, timestamps, product codes, bare
// 7- and 13-digit numbers, and keywords with no value.
func (g *Gen) HardNegatives() []HardNegative {
	d := func() time.Time { return g.businessDate() }
	ts := func() string { return d().Add(time.Duration(g.r.IntN(86400)) * time.Second).Format("20060102150405") }
	var out []HardNegative
	add := func(s string) { out = append(out, HardNegative{Text: s}) }
	addN := func(kind, n, s string) { out = append(out, HardNegative{Text: s, Kind: kind, Number: n}) }

	// Order matters when a scanner reads a whole file as one text: the lines
	// with keywords but no value come first, far from the bare numbers at the
	// end.
	add("電話番号: 未登録")
	add("メールアドレスは後日連絡")
	add("郵便番号欄が空欄のため差し戻し")
	add(FormatDate(d(), DateKanji) + " 定例会議の議事録を共有しました。")
	add("納品予定日: " + FormatDate(d(), DateISO))
	add("支払期日 " + FormatDate(d(), DateSlashPadded) + "（必着）")
	add(FormatDate(d(), DateEra) + "より新料金を適用します。")
	add("平成30年度 決算報告書（第12期）")
	add("昭和60年創業、今年で" + strconv.Itoa(g.Between(38, 40)) + "周年を迎えます。")
	add("合計金額: " + g.amount(100000, 9999999) + "円（税込）")
	add("売上高 ¥" + g.amount(10000000, 99999999) + " / 前年比 " + strconv.Itoa(g.Between(95, 130)) + "." + strconv.Itoa(g.IntN(10)) + "%")
	add("予算 " + g.amount(1000000000, 4000000000) + "円を計上")
	add("価格 " + g.amount(10000, 99999) + "円（送料 " + g.amount(500, 2000) + "円）")
	add("注文番号 ORD-" + d().Format("20060102") + "-" + g.Digits(4) + " を出荷しました。")
	add("請求書番号 INV03" + g.Digits(8) + " をご確認ください。")
	add("伝票番号: SO-" + d().Format("2006") + "-" + g.Digits(6))
	add("ソフトウェア v1." + strconv.Itoa(g.Between(2, 9)) + "." + strconv.Itoa(g.Between(0, 9)) + "." + strconv.Itoa(g.Between(1, 99)) + " にアップデートしてください。")
	add("Version 10.0." + strconv.Itoa(g.Between(19041, 22631)) + "." + strconv.Itoa(g.Between(1000, 4000)))
	add("ビルド番号 build-" + d().Format("20060102") + "." + strconv.Itoa(g.Between(1, 9)))
	add("タイムスタンプ " + ts())
	add("log_" + ts() + ".txt を保存")
	add("更新日時 " + d().Format("2006-01-02T15:04:05+09:00"))
	add("座標 35.6" + g.Digits(4) + ", 139.7" + g.Digits(4))
	add("気温 12.5℃ 湿度 45%")
	add("会議室 3-201 を予約済み")
	add("型番 MZ-" + g.Digits(4) + "-" + g.Digits(3))
	add("シリアル番号 " + g.digitsNoLeadingZero(4) + "-" + g.Digits(6))
	add("受付番号 " + g.digitsNoLeadingZero(10))
	add("内線 " + g.digitsNoLeadingZero(4) + " までお願いします。")
	add("UNIX時刻 17" + g.Digits(8))
	add("チケット#" + g.Digits(5) + " 対応完了")
	n := g.bare13()
	addN(NegBare13, n, n)
	n = g.bare13()
	addN(NegBare13, n, "JANコード "+n)
	n = g.BadMyNumber()
	addN(NegBadMyNumber, n, "管理番号 "+n)
	n = g.BadMyNumber()
	addN(NegBadMyNumber, n, Group444(n, "-")+" （照会用）")
	n = g.BadMyNumber()
	addN(NegBadMyNumber, n, "個人番号の入力例 "+Group444(n, " ")+" はチェックデジット不一致のため無効")
	n = g.BadCard()
	addN(NegBadLuhn, n, FormatCard(n, " ")+" （テスト用のダミー値）")
	n = g.BadCard()
	addN(NegBadLuhn, n, "カード番号の入力例: "+FormatCard(n, "-")+" は無効です")
	n = g.BadCard()
	addN(NegBadLuhn, n, "SN"+n)
	add("部品番号 " + g.digitsNoLeadingZero(7))
	add("在庫数 " + g.digitsNoLeadingZero(7) + "個")
	add("品番 " + g.digitsNoLeadingZero(7) + "（色: ネイビー）")
	return out
}
