package postalcode

import (
	"strings"
	"testing"

	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/detectors/detectortest"
)

const (
	L = detectors.Low
	H = detectors.High
)

func want(v string, c detectors.Confidence) []detectortest.Want {
	return []detectortest.Want{{Value: v, Confidence: c}}
}

func TestPositives(t *testing.T) {
	detectortest.Run(t, New(), []detectortest.Case{
		{Name: "postal mark", Text: "〒150-0002 東京都渋谷区渋谷", Want: want("150-0002", H)},
		{Name: "postal mark and space", Text: "〒 150-0002", Want: want("150-0002", H)},
		{Name: "full-width", Text: "〒１５０－０００２", Want: want("１５０－０００２", H)},
		{Name: "full-width dash look-alike", Text: "〒１５０ー０００２", Want: want("１５０ー０００２", H)},
		{Name: "keyword", Text: "郵便番号：060-0001", Want: want("060-0001", H)},
		{Name: "keyword after", Text: "530-0001（郵便番号）", Want: want("530-0001", H)},
		{Name: "zip keyword", Text: "ZIP 100-0005", Want: want("100-0005", H)},
		{Name: "bare", Text: "住所は 150-0002 東京都", Want: want("150-0002", L)},
		{Name: "bare in sentence", Text: "お届け先は980-0811の宮城県仙台市です", Want: want("980-0811", L)},
		{Name: "plain after mark", Text: "〒1500002", Want: want("1500002", H)},
		{Name: "plain after keyword", Text: "郵便番号 1500002 東京都", Want: want("1500002", H)},
		{Name: "plain full-width", Text: "〒１５０００２２", Want: want("１５０００２２", H)},
		{Name: "column plain", Column: "郵便番号", Text: "1500002", Want: want("1500002", H)},
		{Name: "column zip", Column: "customer.zip_code", Text: "150-0002", Want: want("150-0002", H)},
		{Name: "column yubin", Column: "YUBIN_NO", Text: "9800811", Want: want("9800811", H)},
		{Name: "then phone", Text: "〒150-0002 03-5989-1211", Want: want("150-0002", H)},
		{Name: "after date", Text: "2024/01/05 150-0002", Want: want("150-0002", L)},
		{Name: "two codes", Text: "〒150-0002、〒530-0001", Want: []detectortest.Want{{Value: "150-0002", Confidence: H}, {Value: "530-0001", Confidence: H}}},
		{Name: "parenthesised", Text: "(〒150-0002)", Want: want("150-0002", H)},
	})
}

func TestNegatives(t *testing.T) {
	var cases []detectortest.Case
	for _, s := range []string{
		"03-5989-1211",
		"045-123-4567",
		"090-1234-5678",
		"0466-12-3456",
		"TEL 045 1234",
		"AB123-4567",    // part number
		"SKU-123-4567",  // part number with a hyphen
		"123-4567X",     // glued after
		"123-4567.pdf",  // file name
		"1234567",       // seven digits without context
		"注文番号 1234567",  // seven digits, wrong keyword
		"123-4567-8901", // NNN-NNNN-NNNN
		"2024-03-15",
		"2024/03/15",
		"000-0000",
		"〒000-0000",
		"〒0000000",
		"1,234,567円",
		"123-45678",
		"1234-567",
		"12345-67",
		"+123-4567",
		"1.234-5678",
		"〒12345678",     // eight digits
		"unzip 1500002", // not the zip keyword
		"192.168.1.1",
		"郵便番号は下記のとおりです。。 1500002", // keyword too far
	} {
		cases = append(cases, detectortest.Case{Text: s})
	}
	cases = append(cases, detectortest.Case{Name: "seven digits in other column", Column: "order_id", Text: "1500002"})
	detectortest.Run(t, New(), cases)
}

func TestMask(t *testing.T) {
	d := New()
	for _, tc := range []struct{ in, want string }{
		{"150-0002", "150-****"},
		{"1500002", "150****"},
		{"１５０－０００２", "150-****"},
	} {
		if got := d.Mask(tc.in); got != tc.want {
			t.Errorf("Mask(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestNoAllocsWithoutCandidates(t *testing.T) {
	d := New()
	text := strings.Repeat("本日の会議は2024年3月15日10:30に開始し、売上は1,234,567円、注文番号1234567、部品AB123-4567、TEL 03-5989-1211。", 20)
	var tx detectors.Text
	allocs := testing.AllocsPerRun(100, func() {
		tx.SetText(text, "")
		if c := d.Find(&tx); len(c) != 0 {
			t.Fatalf("unexpected candidates %v", c)
		}
	})
	if allocs != 0 {
		t.Errorf("Find allocated %.1f times per run on text without postal codes", allocs)
	}
}

// prose is ~64 KB of synthetic Japanese business prose with a few numbers.
func prose() string {
	paras := []string{
		"本日は株式会社サンプルの定例会議にご参加いただき、誠にありがとうございました。議事録を以下のとおり共有いたします。",
		"第3四半期の売上高は前年同期比12.5%増の3,456,789千円となり、営業利益も堅調に推移しました。",
		"次回の打ち合わせは2024年4月10日（水）14:00から、本社3階の第2会議室で行う予定です。",
		"新しい勤怠管理システムへの移行に伴い、各部署の担当者は4月末までに操作研修を受講してください。",
		"ご不明な点がございましたら、総務部までお気軽にお問い合わせください。担当：山田（内線1234）",
		"東京都渋谷区の新オフィスは駅から徒歩5分の場所にあり、来客用の駐車場も10台分を確保しています。",
		"プロジェクトの進捗は概ね順調ですが、一部のテストで想定外の不具合が見つかったため、対応を検討中です。",
		"お客様からのご意見として、画面の文字が小さく読みにくいという声が多く寄せられています。",
	}
	var b strings.Builder
	for i := 0; b.Len() < 64<<10; i++ {
		b.WriteString(paras[i%len(paras)])
		if i%40 == 7 {
			b.WriteString("送付先：〒150-0002 東京都渋谷区渋谷2-21-1、電話03-5989-1211。")
		}
		if i%8 == 0 {
			b.WriteString("\n")
		}
	}
	return b.String()
}

func BenchmarkFind(b *testing.B) {
	d := New()
	text := prose()
	var tx detectors.Text
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		tx.SetText(text, "")
		for _, c := range d.Find(&tx) {
			d.Judge(c, &tx)
		}
	}
}
