package email

import (
	"testing"

	"github.com/pmscan/pmscan/detectors/detectortest"
)

func TestPositives(t *testing.T) {
	detectortest.Run(t, New(), []detectortest.Case{
		{Name: "plain", Text: "taro.yamada@example.co.jp", Want: detectortest.High("taro.yamada@example.co.jp")},
		{Name: "sentence", Text: "ご連絡はtaro@example.jpまでお願いします。", Want: detectortest.High("taro@example.jp")},
		{Name: "sentence end", Text: "連絡先: hanako@example.com.", Want: detectortest.High("hanako@example.com")},
		{Name: "full-width", Text: "メール：ｙａｍａｄａ＠ｅｘａｍｐｌｅ．ｊｐ", Want: detectortest.High("ｙａｍａｄａ＠ｅｘａｍｐｌｅ．ｊｐ")},
		{Name: "plus tag", Text: "user+tag@sub.example.org", Want: detectortest.High("user+tag@sub.example.org")},
		{Name: "hyphenated domain", Text: "info@my-shop.example.jp", Want: detectortest.High("info@my-shop.example.jp")},
		{Name: "angle brackets", Text: "山田 太郎 <taro@example.jp>", Want: detectortest.High("taro@example.jp")},
		{Name: "japanese brackets", Text: "「taro@example.jp」", Want: detectortest.High("taro@example.jp")},
		{Name: "mailto", Text: "mailto:taro@example.jp", Want: detectortest.High("taro@example.jp")},
		{Name: "query string", Text: "/signup?email=taro@example.jp&ref=1", Want: detectortest.High("taro@example.jp")},
		{Name: "quoted", Text: "'taro@example.jp'", Want: detectortest.High("taro@example.jp")},
		{Name: "legacy double dot", Text: "taro..yamada@docomo.ne.jp", Want: detectortest.Medium("taro..yamada@docomo.ne.jp")},
		{Name: "legacy dot before at", Text: "taro.@ezweb.ne.jp", Want: detectortest.Medium("taro.@ezweb.ne.jp")},
		{Name: "legacy both", Text: "taro..yamada.@docomo.ne.jp", Want: detectortest.Medium("taro..yamada.@docomo.ne.jp")},
		{Name: "digits local", Text: "09012345678@docomo.ne.jp", Want: detectortest.High("09012345678@docomo.ne.jp")},
		{Name: "csv cell", Column: "メールアドレス", Text: "hanako@example.com", Want: detectortest.High("hanako@example.com")},
		{Name: "two addresses", Text: "a.b@example.com, c_d@example.net", Want: detectortest.High("a.b@example.com", "c_d@example.net")},
		{Name: "long tld", Text: "taro@example.tokyo", Want: detectortest.High("taro@example.tokyo")},
		{Name: "uppercase", Text: "TARO@EXAMPLE.COM", Want: detectortest.High("TARO@EXAMPLE.COM")},
	})
}

func TestNegatives(t *testing.T) {
	detectortest.Run(t, New(), detectortest.Negatives(
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
	))
}

func TestMask(t *testing.T) {
	detectortest.AssertMask(t, New(), map[string]string{
		"taro@example.co.jp":         "t***@example.co.jp",
		"t@example.jp":               "t***@example.jp",
		"taro..yamada.@docomo.ne.jp": "t***@docomo.ne.jp",
		"ｙａｍａｄａ＠ｅｘａｍｐｌｅ．ｊｐ": "y***@example.jp",
	})
}

// nearMiss has @ signs that make no address: image scales, a mention, a host
// without a domain.
const nearMiss = "本日の会議は2024年3月15日10:30に開始し、画像icon@2x.pngと@mentionとuser@localhostを確認。"

func TestNoAllocsWithoutCandidates(t *testing.T) {
	detectortest.AssertNoAllocs(t, New(), detectortest.Prose(8<<10, nearMiss))
}

// BenchmarkFind runs over ~64 KB of prose with a sentence with an address every 5 KB.
func BenchmarkFind(b *testing.B) {
	detectortest.BenchFind(b, New(), detectortest.Corpus(64<<10, 5<<10, "連絡先：taro.yamada@example.co.jp、電話03-5989-1211。"))
}
