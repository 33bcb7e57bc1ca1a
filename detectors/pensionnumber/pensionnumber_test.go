package pensionnumber

import (
	"strings"
	"testing"

	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/detectors/detectortest"
)

// Numbers are synthetic (there is no check digit to make them valid).
func TestFind(t *testing.T) {
	high := func(v string) []detectortest.Want { return []detectortest.Want{{Value: v, Confidence: detectors.High}} }
	cases := []detectortest.Case{
		// Positives.
		{Name: "keyword in sentence", Text: "基礎年金番号は1357-246801です。", Want: high("1357-246801")},
		{Name: "colon label", Text: "年金番号：2468-135790", Want: high("2468-135790")},
		{Name: "full-width", Text: "年金手帳　９８７６－５４３２１０", Want: high("９８７６－５４３２１０")},
		{Name: "full-width prolonged mark", Text: "年金番号：１３５７ー２４６８０１", Want: high("１３５７ー２４６８０１")},
		{Name: "space separated", Text: "基礎年金番号 4321 098765 を記入", Want: high("4321 098765")},
		{Name: "plain ten digits", Text: "年金番号 5432109876", Want: high("5432109876")},
		{Name: "english", Text: "Pension No: 7531-864209", Want: high("7531-864209")},
		{Name: "keyword after the number", Text: "1357-246801（基礎年金番号）", Want: high("1357-246801")},
		{Name: "keyword 45 chars away", Text: "年金番号" + strings.Repeat("、", 45) + "2468-135790", Want: high("2468-135790")},
		{Name: "column 年金No opens the gate", Text: "1357246801", Column: "年金No", Want: high("1357246801")},
		{Name: "csv column", Text: "1357246801", Column: "基礎年金番号", Want: high("1357246801")},
		{Name: "ascii column", Text: "9876-543210", Column: "PENSION_NO", Want: high("9876-543210")},
		{Name: "json path column", Text: "2468 135790", Column: "employee.pension.number", Want: high("2468 135790")},
		{Name: "column and prose", Text: "旧番号 7531864209", Column: "年金番号", Want: high("7531864209")},
		{Name: "pension word nearer than phone word", Text: "電話で照会した年金番号 5432109876", Want: high("5432109876")},
		{Name: "two numbers", Text: "年金番号 1357-246801、配偶者の年金番号 2468-135790", Want: append(high("1357-246801"), high("2468-135790")...)},

		// Hard negatives.
		{Name: "keyword 60 chars away", Text: "年金番号" + strings.Repeat("、", 60) + "1357-246801"},
		{Name: "keyword 200 chars away, plain", Text: "年金番号" + strings.Repeat("、", 200) + "1357246801"},
		{Name: "no keyword", Text: "お問い合わせ番号 1357-246801"},
		{Name: "phone number", Text: "年金番号の照会は 03-5989-1211 まで"},
		{Name: "plain phone nearer to its own keyword", Text: "基礎年金番号 1357-246801 電話 0359891211", Want: high("1357-246801")},
		{Name: "phone word between", Text: "年金番号・電話 0359891211"},
		{Name: "toll-free number", Text: "年金番号の照会は 0120-123-456 まで"},
		{Name: "eleven digits", Text: "年金番号 13572468012"},
		{Name: "nine digits", Text: "年金番号 135724680"},
		{Name: "4-7", Text: "年金番号 1357-2468012"},
		{Name: "5-5", Text: "年金番号 13572-46801"},
		{Name: "dotted", Text: "年金番号 1357.246801"},
		{Name: "glued to letters", Text: "年金番号 A1357-246801"},
		{Name: "glued to letters after", Text: "年金番号 1357246801x"},
		{Name: "order number", Text: "年金番号 ORD-1357246801"},
		{Name: "all same digits", Text: "年金番号 0000-000000"},
		{Name: "date", Text: "年金番号の届出日 2024-01-05"},
		{Name: "longer hyphen span", Text: "年金番号 1357-246801-2"},
		{Name: "longer space grouping", Text: "年金番号 1357 246801 12"},
		{Name: "amount", Text: "基礎年金 1357246801円"},
		{Name: "column matches, value is a phone", Text: "03-5989-1211", Column: "pension_contact"},
	}
	detectortest.Run(t, New(), cases)
}

func TestWordsAreNormalised(t *testing.T) {
	for _, w := range append(append(append([]string(nil), gateWords...), columnWords...), phoneWords...) {
		if n := strings.ToLower(detectors.Normalize(w)); n != w {
			t.Errorf("word %q should be written %q", w, n)
		}
	}
}

func TestMask(t *testing.T) {
	for in, want := range map[string]string{
		"1357-246801": "****-**6801",
		"1357246801":  "******6801",
	} {
		if got := detectors.Mask(New(), in); got != want {
			t.Errorf("Mask(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFindDoesNotAllocate(t *testing.T) {
	d := New()
	var tx detectors.Text
	s := corpus(8 << 10)
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

// BenchmarkFind measures the detector on ~64 KB of prose with one pension
// number: "text" includes normalising the text and splitting it into digit
// spans (shared by all detectors in the scanner), "detector" only Find and
// Judge. In the scanner the keyword prefilter skips text without a gate word.
func BenchmarkFind(b *testing.B) {
	d := New()
	s := corpus(64<<10) + "基礎年金番号 1357-246801 を記入。"
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
// amounts, phone numbers, order numbers and versions, but no 10-digit number.
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
