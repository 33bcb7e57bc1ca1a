package driverslicense

import (
	"strings"
	"testing"

	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/detectors/detectortest"
)

// Numbers are synthetic: 309012345620 is the reference test vector, the
// others were made with checkdigit.DriversLicense.
func TestFind(t *testing.T) {
	high := func(v string) []detectortest.Want { return []detectortest.Want{{Value: v, Confidence: detectors.High}} }
	cases := []detectortest.Case{
		// Positives.
		{Name: "keyword in sentence", Text: "運転免許証の番号は309012345620です。", Want: high("309012345620")},
		{Name: "hyphen groups", Text: "免許証番号：1012-3456-7810", Want: high("1012-3456-7810")},
		{Name: "space groups", Text: "免許番号 4598 7654 3290 (再交付なし)", Want: high("4598 7654 3290")},
		{Name: "full-width", Text: "運転免許　６２１５０００１２３００", Want: high("６２１５０００１２３００")},
		{Name: "full-width groups", Text: "免許証　９７０７－６５４３－２１００", Want: high("９７０７－６５４３－２１００")},
		{Name: "english", Text: "Driver's License No. 530011223350", Want: high("530011223350")},
		{Name: "british spelling", Text: "Driving licence: 2019-9900-0140", Want: high("2019-9900-0140")},
		{Name: "keyword after the number", Text: "821888123480（運転免許証）", Want: high("821888123480")},
		{Name: "column without a gate word", Text: "309012345620", Column: "license_number", Want: high("309012345620")},
		{Name: "column 免許No", Text: "309012345620", Column: "免許No", Want: high("309012345620")},
		{Name: "csv column", Text: "309012345620", Column: "免許証番号", Want: high("309012345620")},
		{Name: "json column", Text: "1012.3456.7810", Column: "customer.license_no", Want: high("1012.3456.7810")},
		{Name: "column drivers_license", Text: "459876543290", Column: "DRIVERS_LICENSE", Want: high("459876543290")},
		{Name: "keyword 90 chars away", Text: "運転免許" + strings.Repeat("、", 90) + "621500012300", Want: high("621500012300")},
		{Name: "also a valid My Number", Text: "免許証 300002303632", Want: high("300002303632")},
		{Name: "two numbers", Text: "免許証 309012345620 旧免許証 101234567810", Want: append(high("309012345620"), high("101234567810")...)},

		// Hard negatives.
		{Name: "no keyword", Text: "受付番号 309012345620 を発行"},
		{Name: "keyword too far", Text: "運転免許" + strings.Repeat("、", 101) + "309012345620"},
		{Name: "wrong check digit", Text: "運転免許証 309012345630"},
		{Name: "bad code 15", Text: "運転免許証 159012345631"},
		{Name: "bad code 00", Text: "運転免許証 009012345661"},
		{Name: "bad code 31", Text: "運転免許証 319012345691"},
		{Name: "bad code 98", Text: "運転免許証 989012345661"},
		{Name: "13 digits", Text: "運転免許証 3090123456201"},
		{Name: "11 digits", Text: "運転免許証 30901234562"},
		{Name: "glued to letters", Text: "運転免許証 DL309012345620"},
		{Name: "order number", Text: "運転免許証 ORD-309012345620"},
		{Name: "card grouping", Text: "運転免許証 3090 1234 5620 1234"},
		{Name: "mixed separators", Text: "運転免許証 3090-1234 5620"},
		{Name: "My Number only", Text: "運転免許証 123456789018"},
		{Name: "dates and phones", Text: "運転免許証 2024/01/05 交付 03-5989-1211"},
		{Name: "decimal", Text: "運転免許証 309012345620.5"},
	}
	detectortest.Run(t, New(), cases)
}

func TestWordsAreNormalised(t *testing.T) {
	for _, w := range gateWords {
		if n := strings.ToLower(detectors.Normalize(w)); n != w {
			t.Errorf("word %q should be written %q", w, n)
		}
	}
}

func TestValidCode(t *testing.T) {
	valid := map[int]bool{}
	for _, r := range [][2]int{{10, 14}, {20, 25}, {30, 30}, {40, 49}, {50, 55}, {60, 65}, {70, 74}, {80, 83}, {90, 97}} {
		for c := r[0]; c <= r[1]; c++ {
			valid[c] = true
		}
	}
	for c := 0; c < 100; c++ {
		d := []byte{byte('0' + c/10), byte('0' + c%10)}
		if got := validCode(d); got != valid[c] {
			t.Errorf("validCode(%02d) = %v", c, got)
		}
	}
}

func TestMask(t *testing.T) {
	for in, want := range map[string]string{
		"3090-1234-5620": "****-****-5620",
		"309012345620":   "********5620",
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

// BenchmarkFind measures the detector on ~64 KB of prose with one licence
// number: "text" includes normalising the text and splitting it into digit
// spans (shared by all detectors in the scanner), "detector" only Find and
// Judge. In the scanner the keyword prefilter skips text without a gate word.
func BenchmarkFind(b *testing.B) {
	d := New()
	s := corpus(64<<10) + "運転免許証 3090-1234-5620 を確認。"
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
// amounts, phone numbers, order numbers and versions, but no licence number.
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
