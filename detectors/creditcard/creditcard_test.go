package creditcard

import (
	"strings"
	"testing"

	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/detectors/detectortest"
)

// Numbers are the card networks' published test numbers or made with
// checkdigit.Luhn; none is a real card.
func TestFind(t *testing.T) {
	high := func(v string) []detectortest.Want { return []detectortest.Want{{Value: v, Confidence: detectors.High}} }
	medium := func(v string) []detectortest.Want {
		return []detectortest.Want{{Value: v, Confidence: detectors.Medium}}
	}
	cases := []detectortest.Case{
		// Positives.
		{Name: "visa grouped in sentence", Text: "お支払いは4111 1111 1111 1111でお願いします。", Want: high("4111 1111 1111 1111")},
		{Name: "hyphen groups with keyword", Text: "カード番号：5555-5555-5555-4444", Want: high("5555-5555-5555-4444")},
		{Name: "full-width groups", Text: "クレジットカード　４１１１　１１１１　１１１１　１１１１", Want: high("４１１１　１１１１　１１１１　１１１１")},
		{Name: "full-width dashes", Text: "３５３０－１１１３－３３３０－００００", Want: high("３５３０－１１１３－３３３０－００００")},
		{Name: "amex 4-6-5", Text: "AMEX 3782 822463 10005", Want: high("3782 822463 10005")},
		{Name: "diners 4-6-4", Text: "決済 3056-930902-5904 で完了", Want: high("3056-930902-5904")},
		{Name: "bare visa is medium", Text: "お客様番号 4012888888881881 を確認", Want: medium("4012888888881881")},
		{Name: "bare discover with keyword", Text: "card: 6011111111111117", Want: high("6011111111111117")},
		{Name: "mastercard 2-series in column", Text: "2223003122003222", Column: "card_number", Want: high("2223003122003222")},
		{Name: "unionpay in csv column", Text: "6200000000000005", Column: "クレジットカード", Want: high("6200000000000005")},
		{Name: "jcb 17 digits", Text: "JCB 35280000123456789", Want: high("35280000123456789")},
		{Name: "visa 19 as 4-4-4-4-3", Text: "4111 1111 1111 1111 110", Want: high("4111 1111 1111 1111 110")},
		{Name: "visa 13 as 4-4-4-1", Text: "4222 2222 2222 2", Want: high("4222 2222 2222 2")},
		{Name: "visa 13 bare not a JAN", Text: "4500000000005", Want: medium("4500000000005")},
		{Name: "followed by expiry", Text: "4111 1111 1111 1111 12/25", Want: high("4111 1111 1111 1111")},
		{Name: "JAN-shaped with keyword", Text: "クレジット 4901234000094", Want: high("4901234000094")},
		{Name: "two cards", Text: "VISA 4111111111111111, MC 5555555555554444", Want: append(high("4111111111111111"), high("5555555555554444")...)},

		// Hard negatives.
		{Name: "bad Luhn", Text: "カード番号 4111 1111 1111 1112"},
		{Name: "no issuer range", Text: "カード番号 1234567812345670"},
		{Name: "no issuer range 9", Text: "カード番号 9000123456789016"},
		{Name: "visa of wrong length", Text: "カード番号 40001234567899"},
		{Name: "amex of wrong length", Text: "カード番号 3782822463100056"},
		{Name: "4-6-5 that is not amex", Text: "カード番号 4111 111111 11111"},
		{Name: "all zeros", Text: "カード番号 0000-0000-0000-0000"},
		{Name: "JAN code", Text: "商品コード 4901234000094 在庫あり"},
		{Name: "glued to letters", Text: "カード番号 ORDER4111111111111111"},
		{Name: "order number", Text: "カード番号 ORD-4111111111111111"},
		{Name: "five groups of four", Text: "カード番号 4111 1111 1111 1111 1234"},
		{Name: "grouping started earlier", Text: "カード番号 1234 4111 1111 1111 1111"},
		{Name: "twenty digits", Text: "カード番号 41111111111111111115"},
		{Name: "12 digits", Text: "カード番号 4111 1111 1111"},
		{Name: "mixed separators", Text: "カード番号 4111-1111 1111-1111"},
		{Name: "dotted", Text: "カード番号 4111.1111.1111.1111"},
		{Name: "decimal", Text: "カード番号 4111111111111111.25"},
		{Name: "yen amount", Text: "カード利用額 4111111111111111円"},
		{Name: "international phone", Text: "card +4111111111111111"},
		{Name: "dates amounts phones", Text: "2024-01-05 合計 1,234,567円 TEL 03-5989-1211 090-1234-5678"},
	}
	detectortest.Run(t, New(), cases)
}

func TestWordsAreNormalised(t *testing.T) {
	for _, w := range append(append([]string(nil), contextWords...), columnWords...) {
		if n := strings.ToLower(detectors.Normalize(w)); n != w {
			t.Errorf("word %q should be written %q", w, n)
		}
	}
}

func TestIssuer(t *testing.T) {
	for in, want := range map[string]string{
		"4111111111111111":    "Visa",
		"4222222222222":       "Visa",
		"4111111111111111110": "Visa",
		"5555555555554444":    "Mastercard",
		"2223003122003222":    "Mastercard",
		"378282246310005":     "Amex",
		"3530111333300000":    "JCB",
		"30569309025904":      "Diners Club",
		"6011111111111117":    "Discover",
		"6212345678901234569": "UnionPay",
		"4111111111111112":    "",
		"0000000000000000":    "",
		"1234567812345670":    "",
	} {
		if got := issuer(in, ""); got != want {
			t.Errorf("issuer(%s) = %q, want %q", in, got, want)
		}
	}
}

func TestMask(t *testing.T) {
	d := New()
	for in, want := range map[string]string{
		"4111-1111-1111-1111": "****-****-****-1111",
		"4111111111111111":    "************1111",
		"3782 822463 10005":   "**** ****** *0005",
		"４１１１ー１１１１ー１１１１ー１１１１":   "****ー****ー****ー１１１１",
		"4222－2222－2222－2":      "****－****－*222－2",
		"card 4111111111111111": "**** ************1111",
	} {
		if got := detectors.Mask(d, in); got != want {
			t.Errorf("Mask(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFindDoesNotAllocate(t *testing.T) {
	d := New()
	var tx detectors.Text
	s := corpus(8<<10) + " 4111 1111 1111 1112 1234567812345670 4111-1111 1111-1111"
	tx.SetText(s, "")
	if c := d.Find(&tx); len(c) != 0 {
		t.Fatalf("corpus has candidates: %v", c)
	}
	allocs := testing.AllocsPerRun(50, func() {
		tx.SetText(s, "")
		d.Find(&tx)
	})
	if allocs != 0 {
		t.Errorf("Find allocated %.1f times on text without candidates", allocs)
	}
}

// BenchmarkFind measures the detector on ~64 KB of prose with one card
// number: "text" includes normalising the text and splitting it into digit
// spans (shared by all detectors in the scanner), "detector" only Find and
// Judge.
func BenchmarkFind(b *testing.B) {
	d := New()
	s := corpus(64<<10) + "カード番号 4111-1111-1111-1111 で決済。"
	run := func(tx *detectors.Text) {
		for _, c := range d.Find(tx) {
			d.Judge(c, tx)
		}
	}
	b.Run("text", func(b *testing.B) {
		var tx detectors.Text
		b.SetBytes(int64(len(s)))
		b.ReportAllocs()
		for b.Loop() {
			tx.SetText(s, "")
			run(&tx)
		}
	})
	b.Run("detector", func(b *testing.B) {
		var tx detectors.Text
		tx.SetText(s, "")
		b.SetBytes(int64(len(s)))
		b.ReportAllocs()
		for b.Loop() {
			run(&tx)
		}
	})
}

// corpus returns at least n bytes of Japanese business prose with dates,
// amounts, phone numbers, order numbers and versions, but no card number.
func corpus(n int) string {
	sentences := []string{
		"本日は弊社の新しいサービスについてご案内いたします。",
		"2024年1月5日に開催された定例会議では、来期の予算案について議論が行われました。",
		"お見積り金額は合計1,234,500円（税込）となります。",
		"お問い合わせ先：03-5989-1211（平日9:00〜17:00）までご連絡ください。",
		"注文番号 ORD-20240105-0042 の商品は、明日発送の予定です。",
		"システムをバージョン 2.14.3 に更新したところ、処理時間が約30%短縮されました。",
		"個人情報の取り扱いについては、当社のプライバシーポリシーをご確認ください。",
		"ご不明な点がございましたら、担当者までお気軽にお問い合わせください。",
		"第3四半期の売上高は前年同期比12.5%増の4,560百万円でした。",
		"会場は東京都千代田区丸の内1-1-1、最寄り駅から徒歩5分です。",
		"Please refer to the attached document (rev. 7) for details.",
		"ＦＡＸ：０３－１２３４－５６７８、受付時間は１０時から１８時です。",
	}
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		b.WriteString(sentences[i%len(sentences)])
		if i%5 == 4 {
			b.WriteString("\n")
		}
	}
	return b.String()
}
