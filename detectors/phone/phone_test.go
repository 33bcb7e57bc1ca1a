package phone

import (
	"strings"
	"testing"

	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/detectors/detectortest"
)

const (
	L = detectors.Low
	M = detectors.Medium
	H = detectors.High
)

func want(v string, c detectors.Confidence) []detectortest.Want {
	return []detectortest.Want{{Value: v, Confidence: c}}
}

func TestPositives(t *testing.T) {
	detectortest.Run(t, New(), []detectortest.Case{
		{Name: "tokyo", Text: "TEL 03-5989-1211", Want: want("03-5989-1211", H)},
		{Name: "osaka", Text: "大阪支店 06-1234-5678", Want: want("06-1234-5678", H)},
		{Name: "4-digit area", Text: "藤沢 0466-12-3456 です", Want: want("0466-12-3456", H)},
		{Name: "5-digit area", Text: "01267-2-3456", Want: want("01267-2-3456", H)},
		{Name: "mobile hyphen", Text: "携帯: 090-1234-5678", Want: want("090-1234-5678", H)},
		{Name: "mobile space", Text: "080 1234 5678", Want: want("080 1234 5678", H)},
		{Name: "mobile dot", Text: "070.1234.5678", Want: want("070.1234.5678", H)},
		{Name: "mobile 060", Text: "060-1234-5678", Want: want("060-1234-5678", H)},
		{Name: "ip phone", Text: "050-1234-5678", Want: want("050-1234-5678", H)},
		{Name: "toll-free", Text: "フリーダイヤル 0120-123-456", Want: want("0120-123-456", L)},
		{Name: "toll-free with context", Text: "お電話は0120-123-456まで", Want: want("0120-123-456", M)},
		{Name: "toll-free 0800", Text: "0800-123-4567", Want: want("0800-123-4567", L)},
		{Name: "navi-dial", Text: "ナビダイヤル 0570-123-456", Want: want("0570-123-456", L)},
		{Name: "intl hyphen", Text: "+81-3-5989-1211", Want: want("+81-3-5989-1211", H)},
		{Name: "intl mobile space", Text: "call +81 90 1234 5678 now", Want: want("+81 90 1234 5678", H)},
		{Name: "intl (0)", Text: "+81(0)3-5989-1211", Want: want("+81(0)3-5989-1211", H)},
		{Name: "intl space (0)", Text: "Tel: +81 (0)3 5989 1211", Want: want("+81 (0)3 5989 1211", H)},
		{Name: "intl unseparated", Text: "+819012345678", Want: want("+819012345678", H)},
		{Name: "paren exchange", Text: "03(5989)1211", Want: want("03(5989)1211", H)},
		{Name: "paren area", Text: "(03)5989-1211", Want: want("(03)5989-1211", H)},
		{Name: "paren area space", Text: "（０３） ５９８９－１２１１", Want: want("（０３） ５９８９－１２１１", H)},
		{Name: "inside parens", Text: "代表(03-5989-1211)", Want: want("03-5989-1211", H)},
		{Name: "full-width", Text: "電話：０３－５９８９－１２１１", Want: want("０３－５９８９－１２１１", H)},
		{Name: "full-width long vowel dash", Text: "０９０ー１２３４ー５６７８", Want: want("０９０ー１２３４ー５６７８", H)},
		{Name: "sentence", Text: "お問い合わせは03-5989-1211（平日9時～17時）までお願いします。", Want: want("03-5989-1211", H)},
		{Name: "after date", Text: "2024/01/05 03-1234-5678", Want: want("03-1234-5678", H)},
		{Name: "tel and fax", Text: "TEL 03-5989-1211 FAX 03-5989-1212", Want: []detectortest.Want{{Value: "03-5989-1211", Confidence: H}, {Value: "03-5989-1212", Confidence: H}}},
		{Name: "two spaced numbers", Text: "090 1234 5678 03 5989 1211", Want: []detectortest.Want{{Value: "090 1234 5678", Confidence: H}, {Value: "03 5989 1211", Confidence: H}}},
		{Name: "unseparated mobile", Text: "09012345678", Want: want("09012345678", M)},
		{Name: "unseparated ip phone", Text: "id 05012345678", Want: want("05012345678", M)},
		{Name: "unseparated fixed", Text: "番号 0359891211", Want: want("0359891211", L)},
		{Name: "unseparated mobile with keyword", Text: "連絡先 09012345678", Want: want("09012345678", H)},
		{Name: "unseparated fixed glued keyword", Text: "TEL0359891211", Want: want("0359891211", H)},
		{Name: "keyword tel.", Text: "tel.0359891211", Want: want("0359891211", H)},
		{Name: "full-width unseparated", Text: "携帯０９０１２３４５６７８", Want: want("０９０１２３４５６７８", H)},
		{Name: "csv cell", Column: "電話番号", Text: "0359891211", Want: want("0359891211", H)},
		{Name: "camelCase column", Column: "customer.homeTel", Text: "0359891211", Want: want("0359891211", H)},
		{Name: "column hotel is not tel", Column: "hotel_code", Text: "0359891211", Want: want("0359891211", L)},
		{Name: "hotel is not a keyword", Text: "hotel 0359891211", Want: want("0359891211", L)},
		{Name: "keyword past a false match", Text: "TEL hotel 0359891211", Want: want("0359891211", H)},
		{Name: "keyword after a false match", Text: "0359891211 hotel (TEL)", Want: want("0359891211", H)},
		{Name: "keyword too far", Text: "電話番号は下記のとおりとなっておりますのでご確認ください 0359891211", Want: want("0359891211", L)},
		{Name: "trailing period", Text: "TEL 03.5989.1211.", Want: want("03.5989.1211", H)},
	})
}

func TestNegatives(t *testing.T) {
	var cases []detectortest.Case
	for _, s := range []string{
		"2024-03-15",
		"2024/03/15 12:34:56",
		"2024.03.15 10:30",
		"12:34:56",
		"合計 1,234,567円",
		"〒150-0002",
		"192.168.100.200",
		"4111 1111 1111 1111",
		"4111-1111-1111-1111",
		"012345678901",         // 12 digits
		"0123456789012",        // 13 digits
		"ORD0312345678",        // glued to letters
		"ORD-0312345678",       // glued by a hyphen
		"0359891211X",          // glued after
		"photo_0359891211.jpg", // file name
		"0359891211.jpg",
		"03-5989-1211-9",     // extra group
		"090-1234-5678-0001", // extra group
		"0012345678",         // 00 prefix
		"00-1234-5678",
		"090-1234-567",    // mobile with 10 digits
		"03-5989-12111",   // fixed with 11 digits
		"090-12345-678",   // wrong grouping
		"03-59891-211",    // subscriber not 4 digits
		"03-5989.1211",    // mixed separators
		"0120-1234-5678",  // 0120 with 11 digits
		"020-1234-5678",   // M2M, not a phone
		"090-1111-1111",   // dummy
		"0123456789",      // dummy sequence
		"1234567890",      // no leading 0
		"+1 212 555 1234", // not Japan
		"+82-2-1234-5678", // Korea
		"3.14159265358",
		"09012345678@docomo.ne.jp", // e-mail local part
		"v0359891211",
		"(0)3-5989-1211", // trunk 0 without +81
		"0900-1234-5678",
	} {
		cases = append(cases, detectortest.Case{Text: s})
	}
	detectortest.Run(t, New(), cases)
}

func TestMask(t *testing.T) {
	d := New()
	for _, tc := range []struct{ in, want string }{
		{"03-5989-1211", "03-****-1211"},
		{"090-1234-5678", "090-****-5678"},
		{"09012345678", "090****5678"},
		{"0359891211", "03****1211"},
		{"0466-12-3456", "0466-**-3456"},
		{"+81-3-5989-1211", "+81-3-****-1211"},
		{"+81 90 1234 5678", "+81 90 **** 5678"},
		{"+81(0)3-5989-1211", "+81(0)3-****-1211"},
		{"+819012345678", "+8190****5678"},
		{"(03)5989-1211", "(03)****-1211"},
		{"03(5989)1211", "03(****)1211"},
		{"０３－５９８９－１２１１", "03-****-1211"},
		{"0120-123-456", "0120-**3-456"},
	} {
		if got := d.Mask(tc.in); got != tc.want {
			t.Errorf("Mask(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestNoAllocsWithoutCandidates(t *testing.T) {
	d := New()
	text := strings.Repeat("本日の会議は2024年3月15日10:30に開始し、売上は1,234,567円、注文番号ORD0312345678、〒150-0002。", 20)
	var tx detectors.Text
	allocs := testing.AllocsPerRun(100, func() {
		tx.SetText(text, "")
		if c := d.Find(&tx); len(c) != 0 {
			t.Fatalf("unexpected candidates %v", c)
		}
	})
	if allocs != 0 {
		t.Errorf("Find allocated %.1f times per run on text without phone numbers", allocs)
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
			b.WriteString("連絡先：03-5989-1211、携帯090-1234-5678。")
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
