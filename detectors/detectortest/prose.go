package detectortest

import (
	"slices"
	"strings"
)

// sentences is ordinary Japanese business prose with years, times, amounts,
// percentages, order numbers, versions, place names and labels, but no
// identifier, name or street address: no detector's Find returns a candidate in it, not even next to
// one of its keywords (prose_test.go checks every detector in detectors/all).
var sentences = []string{
	"本日は弊社の新しいサービスについてご案内いたします。",
	"お見積り金額は合計1,234,500円（税込）となります。",
	"注文番号 ORD-20240105-0042 の商品は、明日発送の予定です。",
	"本日は株式会社サンプルの定例会議にご参加いただき、誠にありがとうございました。議事録を以下のとおり共有いたします。",
	"システムをバージョン 2.14.3 に更新したところ、処理時間が約30%短縮されました。",
	"当社は2024年度の事業計画に基づき、全国の店舗で新しいサービスを開始しました。",
	"個人情報の取り扱いについては、当社のプライバシーポリシーをご確認ください。",
	"第3四半期の売上高は前年同期比12.5%増の3,456,789千円となり、営業利益も堅調に推移しました。",
	"ご不明な点がございましたら、担当者までお気軽にお問い合わせください。",
	"会議は第3会議室で14時から行われ、参加者は約120名でした。",
	"第3四半期の売上高は前年同期比12.5%増の4,560百万円でした。",
	"新しい勤怠管理システムへの移行に伴い、各部署の担当者は4月末までに操作研修を受講してください。",
	"会場は本社ビル1-1会議室、最寄り駅から徒歩5分です。",
	"ご不明な点がございましたら、総務部までお気軽にお問い合わせください。担当：総務課（内線1234）",
	"売上高は1,234,567千円となり、前年同期比で5.2%増加しました。",
	"Please refer to the attached document (rev. 7) for details.",
	"東京都渋谷区の新オフィスは駅から徒歩5分の場所にあり、来客用の駐車場も10台分を確保しています。",
	"プロジェクトの進捗は概ね順調ですが、一部のテストで想定外の不具合が見つかったため、対応を検討中です。",
	"お客様からのご意見として、画面の文字が小さく読みにくいという声が多く寄せられています。",
}

// Contacts are sentences with phone numbers (half- and full-width) and a
// postal code: identifiers for the phone and postal code detectors, near
// misses for the other detectors of digits, which pass them to Prose.
var Contacts = []string{
	"お問い合わせ先：03-5989-1211（平日9:00〜17:00）までご連絡ください。",
	"ＦＡＸ：０３－１２３４－５６７８、受付時間は１０時から１８時です。",
	"〒150-0002 東京都渋谷区渋谷2-21-1 の本社では、毎週月曜日に定例会を開いています。",
	"お問い合わせは03-5989-1211までお願いいたします。",
}

// Dates are sentences with a full date: a birth date beside a word such as
// 生年月日, near misses for the other detectors.
var Dates = []string{
	"2024年1月5日に開催された定例会議では、来期の予算案について議論が行われました。",
	"次回の打ち合わせは2024年4月10日（水）14:00から、本社3階の第2会議室で行う予定です。",
}

// Numbers is Contacts and Dates: the near misses of a detector of numbers
// without letters.
var Numbers = slices.Concat(Contacts, Dates)

// Prose returns at least n bytes of Japanese business prose free of any
// identifier, in whole paragraphs of three sentences. extra are a detector's
// own near misses: text that must not yield a candidate though it looks
// close. One of them, in turn, ends every paragraph.
func Prose(n int, extra ...string) string {
	var b strings.Builder
	b.Grow(n + 1024)
	for i := 0; b.Len() < n || i%3 != 0; i++ {
		b.WriteString(sentences[i%len(sentences)])
		if i%3 == 2 {
			if len(extra) > 0 {
				b.WriteString(extra[i/3%len(extra)])
			}
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// Corpus returns the text a benchmark runs over: at least n bytes made of
// Prose(every, extra...) followed by hit, repeated. With every == n the hit
// stands once, at the end.
func Corpus(n, every int, hit string, extra ...string) string {
	unit := Prose(every, extra...) + hit
	return strings.Repeat(unit, (n+len(unit)-1)/len(unit))
}
