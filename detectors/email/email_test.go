package email

import (
	"strings"
	"testing"

	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/detectors/detectortest"
)

const (
	M = detectors.Medium
	H = detectors.High
)

func want(v string, c detectors.Confidence) []detectortest.Want {
	return []detectortest.Want{{Value: v, Confidence: c}}
}

func TestPositives(t *testing.T) {
	detectortest.Run(t, New(), []detectortest.Case{
		{Name: "plain", Text: "taro.yamada@example.co.jp", Want: want("taro.yamada@example.co.jp", H)},
		{Name: "sentence", Text: "ご連絡はtaro@example.jpまでお願いします。", Want: want("taro@example.jp", H)},
		{Name: "sentence end", Text: "連絡先: hanako@example.com.", Want: want("hanako@example.com", H)},
		{Name: "full-width", Text: "メール：ｙａｍａｄａ＠ｅｘａｍｐｌｅ．ｊｐ", Want: want("ｙａｍａｄａ＠ｅｘａｍｐｌｅ．ｊｐ", H)},
		{Name: "plus tag", Text: "user+tag@sub.example.org", Want: want("user+tag@sub.example.org", H)},
		{Name: "hyphenated domain", Text: "info@my-shop.example.jp", Want: want("info@my-shop.example.jp", H)},
		{Name: "angle brackets", Text: "山田 太郎 <taro@example.jp>", Want: want("taro@example.jp", H)},
		{Name: "japanese brackets", Text: "「taro@example.jp」", Want: want("taro@example.jp", H)},
		{Name: "mailto", Text: "mailto:taro@example.jp", Want: want("taro@example.jp", H)},
		{Name: "query string", Text: "/signup?email=taro@example.jp&ref=1", Want: want("taro@example.jp", H)},
		{Name: "quoted", Text: "'taro@example.jp'", Want: want("taro@example.jp", H)},
		{Name: "legacy double dot", Text: "taro..yamada@docomo.ne.jp", Want: want("taro..yamada@docomo.ne.jp", M)},
		{Name: "legacy dot before at", Text: "taro.@ezweb.ne.jp", Want: want("taro.@ezweb.ne.jp", M)},
		{Name: "legacy both", Text: "taro..yamada.@docomo.ne.jp", Want: want("taro..yamada.@docomo.ne.jp", M)},
		{Name: "digits local", Text: "09012345678@docomo.ne.jp", Want: want("09012345678@docomo.ne.jp", H)},
		{Name: "csv cell", Column: "メールアドレス", Text: "hanako@example.com", Want: want("hanako@example.com", H)},
		{Name: "two addresses", Text: "a.b@example.com, c_d@example.net", Want: []detectortest.Want{{Value: "a.b@example.com", Confidence: H}, {Value: "c_d@example.net", Confidence: H}}},
		{Name: "long tld", Text: "taro@example.tokyo", Want: want("taro@example.tokyo", H)},
		{Name: "uppercase", Text: "TARO@EXAMPLE.COM", Want: want("TARO@EXAMPLE.COM", H)},
	})
}

func TestNegatives(t *testing.T) {
	var cases []detectortest.Case
	for _, s := range []string{
		"icon@2x.png",
		"logo@2x.JPG",
		"bundle@1.2.js",
		"theme@dark.css",
		"user@localhost",
		"@mention",
		"こんにちは @taro さん",
		"a@b.c",
		"taro@",
		"@example.com",
		"taro@example..com",
		"taro@-example.com",
		"taro@example-.com",
		"taro@example.c0m",
		"npm i react@18.2.0",
		"root@192.168.0.1",
		"a@b@example.com",
		"@@",
		"メール＠なし",
		"taro@example.com_backup",
		"price 3@100円",
	} {
		cases = append(cases, detectortest.Case{Text: s})
	}
	detectortest.Run(t, New(), cases)
}

func TestMask(t *testing.T) {
	d := New()
	for _, tc := range []struct{ in, want string }{
		{"taro@example.co.jp", "t***@example.co.jp"},
		{"t@example.jp", "t***@example.jp"},
		{"taro..yamada.@docomo.ne.jp", "t***@docomo.ne.jp"},
		{"ｙａｍａｄａ＠ｅｘａｍｐｌｅ．ｊｐ", "y***@example.jp"},
	} {
		if got := d.Mask(tc.in); got != tc.want {
			t.Errorf("Mask(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestNoAllocsWithoutCandidates(t *testing.T) {
	d := New()
	text := strings.Repeat("本日の会議は2024年3月15日10:30に開始し、画像icon@2x.pngと@mentionとuser@localhostを確認。", 20)
	var tx detectors.Text
	allocs := testing.AllocsPerRun(100, func() {
		tx.SetText(text, "")
		if c := d.Find(&tx); len(c) != 0 {
			t.Fatalf("unexpected candidates %v", c)
		}
	})
	if allocs != 0 {
		t.Errorf("Find allocated %.1f times per run on text without addresses", allocs)
	}
}

// prose is ~64 KB of synthetic Japanese business prose with a few addresses.
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
			b.WriteString("連絡先：taro.yamada@example.co.jp、電話03-5989-1211。")
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
