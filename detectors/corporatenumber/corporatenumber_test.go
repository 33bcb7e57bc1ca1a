package corporatenumber

import (
	"strings"
	"testing"

	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/detectors/detectortest"
)

// Numbers are synthetic: 7123456789012 is the reference test vector, the
// others were made with checkdigit.CorporateNumber.
func TestFind(t *testing.T) {
	high := func(v string) []detectortest.Want { return []detectortest.Want{{Value: v, Confidence: detectors.High}} }
	low := func(v string) []detectortest.Want { return []detectortest.Want{{Value: v, Confidence: detectors.Low}} }
	cases := []detectortest.Case{
		// Positives.
		{Name: "keyword in sentence", Text: "当社の法人番号は7123456789012です。", Want: high("7123456789012")},
		{Name: "1-4-4-4 hyphen", Text: "法人番号：7-1234-5678-9012", Want: high("7-1234-5678-9012")},
		{Name: "1-4-4-4 space", Text: "法人番号 3 9876 5432 1098", Want: high("3 9876 5432 1098")},
		{Name: "full-width", Text: "法人番号　５３０００１２３４５６７８", Want: high("５３０００１２３４５６７８")},
		{Name: "full-width hyphen groups", Text: "会社法人等番号：３－１０００－０１２３－４５６７", Want: high("３－１０００－０１２３－４５６７")},
		{Name: "english keyword", Text: "Corporate Number: 8240105123045", Want: high("8240105123045")},
		{Name: "romaji keyword after", Text: "9010401012345 (houjin bangou)", Want: high("9010401012345")},
		{Name: "csv column", Text: "3180001098765", Column: "法人番号", Want: high("3180001098765")},
		{Name: "json column", Text: "9120001077777", Column: "supplier.corporate_number", Want: high("9120001077777")},
		{Name: "bare number is low", Text: "取引先コード 1011101234567 を登録", Want: low("1011101234567")},
		{Name: "bare hyphen groups are low", Text: "6-7001-5000-1234", Want: low("6-7001-5000-1234")},
		{Name: "keyword too far", Text: "法人番号" + strings.Repeat("。", 101) + "5010001088888", Want: low("5010001088888")},
		{Name: "label No.", Text: "法人No.8550505505050", Want: low("8550505505050")},
		{Name: "two numbers", Text: "法人番号 7123456789012 / 9010401012345", Want: append(high("7123456789012"), high("9010401012345")...)},

		// Hard negatives.
		{Name: "My Number 12 digits", Text: "法人番号 123456789018"},
		{Name: "wrong check digit", Text: "法人番号 1123456789012"},
		{Name: "all same digits", Text: "法人番号 9999999999999"},
		{Name: "14 digits", Text: "法人番号 71234567890123"},
		{Name: "glued to letters", Text: "法人番号 C7123456789012"},
		{Name: "glued to letters after", Text: "法人番号 7123456789012x"},
		{Name: "order number", Text: "法人番号 INV-7123456789012"},
		{Name: "4-4-4-1 grouping", Text: "法人番号 1234-5678-9012-7"},
		{Name: "1-4-4-5", Text: "法人番号 7-1234-5678-90123"},
		{Name: "mixed separators", Text: "法人番号 7-1234 5678-9012"},
		{Name: "longer space grouping", Text: "法人番号 7 1234 5678 9012 3456"},
		{Name: "longer hyphen grouping", Text: "法人番号 7-1234-5678-9012-3456"},
		{Name: "inside a date-like span", Text: "法人番号 2024/7123456789012"},
		{Name: "decimal", Text: "法人番号 7123456789012.5"},
		{Name: "yen amount", Text: "法人番号 7123456789012円"},
		{Name: "international phone", Text: "+7123456789012"},
		{Name: "dates amounts phones", Text: "2024-01-05 1,234,567円 03-5989-1211 090-1234-5678"},
	}
	detectortest.Run(t, New(), cases)
}

func TestWordsAreNormalised(t *testing.T) {
	for _, w := range contextWords {
		if n := strings.ToLower(detectors.Normalize(w)); n != w {
			t.Errorf("word %q should be written %q", w, n)
		}
	}
}

func TestMask(t *testing.T) {
	for in, want := range map[string]string{
		"7-1234-5678-9012": "*-****-****-9012",
		"7123456789012":    "*********9012",
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

// BenchmarkFind measures the detector on ~64 KB of prose with one 法人番号:
// "text" includes normalising the text and splitting it into digit spans
// (shared by all detectors in the scanner), "detector" only Find and Judge.
func BenchmarkFind(b *testing.B) {
	d := New()
	s := corpus(64<<10) + "法人番号 7-1234-5678-9012 の取引先。"
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
// amounts, phone numbers, order numbers and versions, but no 法人番号.
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
