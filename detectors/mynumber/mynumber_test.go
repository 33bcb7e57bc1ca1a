package mynumber

import (
	"strings"
	"testing"

	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/detectors/detectortest"
)

// All numbers are synthetic: 123456789018 is the reference test vector, the
// others were made with checkdigit.MyNumber.
func TestFind(t *testing.T) {
	far := strings.Repeat("あ", 200)
	tooFar := strings.Repeat("あ", 301)
	high := func(v string) []detectortest.Want { return []detectortest.Want{{Value: v, Confidence: detectors.High}} }
	low := func(v string) []detectortest.Want { return []detectortest.Want{{Value: v, Confidence: detectors.Low}} }
	cases := []detectortest.Case{
		// Positives.
		{Name: "keyword in sentence", Text: "お客様のマイナンバーは123456789018です。", Want: high("123456789018")},
		{Name: "hyphen groups", Text: "個人番号：1234-5678-9018", Want: high("1234-5678-9018")},
		{Name: "full-width with ideographic spaces", Text: "個人番号　１２３４　５６７８　９０１８　を確認", Want: high("１２３４　５６７８　９０１８")},
		{Name: "dash look-alikes fold to one separator", Text: "マイナンバー：１２３４ー５６７８－９０１８", Want: high("１２３４ー５６７８－９０１８")},
		{Name: "full-width prolonged mark", Text: "マイナンバー：１２３４ー５６７８ー９０１８", Want: high("１２３４ー５６７８ー９０１８")},
		{Name: "english keyword", Text: "Employee My Number: 987654321093 (verified)", Want: high("987654321093")},
		{Name: "csv cell with column", Text: "555012345676", Column: "個人番号", Want: high("555012345676")},
		{Name: "json path column", Text: "3141 5926 5352", Column: "employee.my_number", Want: high("3141 5926 5352")},
		{Name: "column in full-width", Text: "271828182840", Column: "ＭｙＮｕｍｂｅｒ", Want: high("271828182840")},
		{Name: "bare number is low", Text: "受付番号 314159265352 を発行しました", Want: low("314159265352")},
		{Name: "dotted groups without keyword", Text: "申請書 1234.5678.9018 を受領", Want: low("1234.5678.9018")},
		{Name: "keyword 200 chars away", Text: "マイナンバー" + far + "864208642086", Want: high("864208642086")},
		{Name: "keyword after the number", Text: "112233445560（番号通知カードに記載）", Want: high("112233445560")},
		{Name: "parentheses", Text: "マイナンバーカード(271828182840)", Want: high("271828182840")},
		{Name: "timestamp shape with keyword", Text: "マイナンバー 202401150430", Want: high("202401150430")},
		{Name: "two numbers", Text: "個人番号 123456789018、配偶者 987654321093", Want: append(high("123456789018"), high("987654321093")...)},
		{Name: "key=value", Text: "mynumber=864208642086;", Want: high("864208642086")},
		{Name: "romaji", Text: "KOJIN BANGO 123456789026", Want: high("123456789026")},
		{Name: "keyword too far", Text: "マイナンバー" + tooFar + "123456789034", Want: low("123456789034")},
		{Name: "in a longer span after a date", Text: "2024/01/05 123456789042 受付", Want: low("123456789042")},

		// Hard negatives.
		{Name: "法人番号 13 digits", Text: "マイナンバー欄に法人番号 7123456789012 と記載"},
		{Name: "法人番号 1-4-4-4", Text: "マイナンバー 7-1234-5678-9018"},
		{Name: "法人番号 1-4-4-4 with spaces", Text: "マイナンバー 7 1234 5678 9018"},
		{Name: "wrong check digit", Text: "マイナンバー：123456789012"},
		{Name: "glued to letters before", Text: "マイナンバー ID123456789018"},
		{Name: "glued to letters after", Text: "マイナンバー 123456789018abc"},
		{Name: "glued to more digits", Text: "マイナンバー 12345678901812"},
		{Name: "too few digits", Text: "マイナンバー 12345678901"},
		{Name: "order number", Text: "マイナンバー ORD-123456789018"},
		{Name: "card 4-4-4-4", Text: "マイナンバー 1234 5678 9018 3456"},
		{Name: "card tail", Text: "マイナンバー 3456 1234 5678 9018"},
		{Name: "card 4-4-4-1", Text: "マイナンバー 1234 5678 9018 3"},
		{Name: "mixed separators", Text: "マイナンバー 1234-5678 9018"},
		{Name: "all same digits", Text: "マイナンバー 000000000000"},
		{Name: "timestamp without context", Text: "ログ 202401150430 に出力"},
		{Name: "dates and amounts", Text: "2024/01/05 合計 1,234,567,890円 03-5989-1211"},
		{Name: "version string", Text: "マイナンバー 1234.5678.9018.1"},
		{Name: "international phone", Text: "マイナンバー +819012345681"},
		{Name: "email local part", Text: "マイナンバー 123456789018@example.jp"},
		{Name: "decimal", Text: "マイナンバー 123456789018.5"},
		{Name: "amount in yen", Text: "マイナンバー 123456789018円"},
		{Name: "file name", Text: "マイナンバー scan_123456789018.pdf"},
		{Name: "file extension", Text: "マイナンバー 123456789018.pdf"},
		{Name: "joined by hyphen to a number", Text: "マイナンバー 5-123456789018"},
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

func TestMask(t *testing.T) {
	for in, want := range map[string]string{
		"1234-5678-9018": "****-****-9018",
		"123456789018":   "********9018",
		"１２３４５６７８９０１８":   "********９０１８",
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

// BenchmarkFind measures the detector on ~64 KB of prose with one My Number:
// "text" includes normalising the text and splitting it into digit spans
// (shared by all detectors in the scanner), "detector" only Find and Judge.
func BenchmarkFind(b *testing.B) {
	d := New()
	s := corpus(64<<10) + "個人番号 1234-5678-9018 を記載。"
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
// amounts, phone numbers, order numbers and versions, but no My Number.
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
