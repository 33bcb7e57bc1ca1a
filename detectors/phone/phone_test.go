package phone

import (
	"testing"

	"github.com/pmscan/pmscan/detectors/detectortest"
)

func TestPositives(t *testing.T) {
	detectortest.Run(t, New(), []detectortest.Case{
		{Name: "tokyo", Text: "TEL 03-5989-1211", Want: detectortest.High("03-5989-1211")},
		{Name: "osaka", Text: "大阪支店 06-1234-5678", Want: detectortest.High("06-1234-5678")},
		{Name: "4-digit area", Text: "藤沢 0466-12-3456 です", Want: detectortest.High("0466-12-3456")},
		{Name: "5-digit area", Text: "01267-2-3456", Want: detectortest.High("01267-2-3456")},
		{Name: "mobile hyphen", Text: "携帯: 090-1234-5678", Want: detectortest.High("090-1234-5678")},
		{Name: "mobile space", Text: "080 1234 5678", Want: detectortest.High("080 1234 5678")},
		{Name: "mobile dot", Text: "070.1234.5678", Want: detectortest.High("070.1234.5678")},
		{Name: "mobile 060", Text: "060-1234-5678", Want: detectortest.High("060-1234-5678")},
		{Name: "ip phone", Text: "050-1234-5678", Want: detectortest.High("050-1234-5678")},
		{Name: "toll-free", Text: "フリーダイヤル 0120-123-456", Want: detectortest.Low("0120-123-456")},
		{Name: "toll-free with context", Text: "お電話は0120-123-456まで", Want: detectortest.Medium("0120-123-456")},
		{Name: "toll-free 0800", Text: "0800-123-4567", Want: detectortest.Low("0800-123-4567")},
		{Name: "navi-dial", Text: "ナビダイヤル 0570-123-456", Want: detectortest.Low("0570-123-456")},
		{Name: "intl hyphen", Text: "+81-3-5989-1211", Want: detectortest.High("+81-3-5989-1211")},
		{Name: "intl mobile space", Text: "call +81 90 1234 5678 now", Want: detectortest.High("+81 90 1234 5678")},
		{Name: "intl (0)", Text: "+81(0)3-5989-1211", Want: detectortest.High("+81(0)3-5989-1211")},
		{Name: "intl space (0)", Text: "Tel: +81 (0)3 5989 1211", Want: detectortest.High("+81 (0)3 5989 1211")},
		{Name: "intl unseparated", Text: "+819012345678", Want: detectortest.High("+819012345678")},
		{Name: "paren exchange", Text: "03(5989)1211", Want: detectortest.High("03(5989)1211")},
		{Name: "paren area", Text: "(03)5989-1211", Want: detectortest.High("(03)5989-1211")},
		{Name: "paren area space", Text: "（０３） ５９８９－１２１１", Want: detectortest.High("（０３） ５９８９－１２１１")},
		{Name: "inside parens", Text: "代表(03-5989-1211)", Want: detectortest.High("03-5989-1211")},
		{Name: "full-width", Text: "電話：０３－５９８９－１２１１", Want: detectortest.High("０３－５９８９－１２１１")},
		{Name: "full-width long vowel dash", Text: "０９０ー１２３４ー５６７８", Want: detectortest.High("０９０ー１２３４ー５６７８")},
		{Name: "sentence", Text: "お問い合わせは03-5989-1211（平日9時～17時）までお願いします。", Want: detectortest.High("03-5989-1211")},
		{Name: "after date", Text: "2024/01/05 03-1234-5678", Want: detectortest.High("03-1234-5678")},
		{Name: "tel and fax", Text: "TEL 03-5989-1211 FAX 03-5989-1212", Want: detectortest.High("03-5989-1211", "03-5989-1212")},
		{Name: "two spaced numbers", Text: "090 1234 5678 03 5989 1211", Want: detectortest.High("090 1234 5678", "03 5989 1211")},
		{Name: "unseparated mobile", Text: "09012345678", Want: detectortest.Medium("09012345678")},
		{Name: "unseparated ip phone", Text: "id 05012345678", Want: detectortest.Medium("05012345678")},
		{Name: "unseparated fixed", Text: "番号 0359891211", Want: detectortest.Low("0359891211")},
		{Name: "unseparated mobile with keyword", Text: "連絡先 09012345678", Want: detectortest.High("09012345678")},
		{Name: "unseparated fixed glued keyword", Text: "TEL0359891211", Want: detectortest.High("0359891211")},
		{Name: "keyword tel.", Text: "tel.0359891211", Want: detectortest.High("0359891211")},
		{Name: "full-width unseparated", Text: "携帯０９０１２３４５６７８", Want: detectortest.High("０９０１２３４５６７８")},
		{Name: "csv cell", Column: "電話番号", Text: "0359891211", Want: detectortest.High("0359891211")},
		{Name: "camelCase column", Column: "customer.homeTel", Text: "0359891211", Want: detectortest.High("0359891211")},
		{Name: "column hotel is not tel", Column: "hotel_code", Text: "0359891211", Want: detectortest.Low("0359891211")},
		{Name: "hotel is not a keyword", Text: "hotel 0359891211", Want: detectortest.Low("0359891211")},
		{Name: "keyword past a false match", Text: "TEL hotel 0359891211", Want: detectortest.High("0359891211")},
		{Name: "keyword after a false match", Text: "0359891211 hotel (TEL)", Want: detectortest.High("0359891211")},
		{Name: "keyword too far", Text: "電話番号は下記のとおりとなっておりますのでご確認ください 0359891211", Want: detectortest.Low("0359891211")},
		{Name: "trailing period", Text: "TEL 03.5989.1211.", Want: detectortest.High("03.5989.1211")},
	})
}

func TestNegatives(t *testing.T) {
	detectortest.Run(t, New(), detectortest.Negatives(
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
	))
}

func TestMask(t *testing.T) {
	detectortest.AssertMask(t, New(), map[string]string{
		"03-5989-1211":      "03-****-1211",
		"090-1234-5678":     "090-****-5678",
		"09012345678":       "090****5678",
		"0359891211":        "03****1211",
		"0466-12-3456":      "0466-**-3456",
		"+81-3-5989-1211":   "+81-3-****-1211",
		"+81 90 1234 5678":  "+81 90 **** 5678",
		"+81(0)3-5989-1211": "+81(0)3-****-1211",
		"+819012345678":     "+8190****5678",
		"(03)5989-1211":     "(03)****-1211",
		"03(5989)1211":      "03(****)1211",
		"０３－５９８９－１２１１":      "03-****-1211",
		"0120-123-456":      "0120-**3-456",
	})
}

// nearMiss has digits that make no phone number: a date and time, an amount,
// an order number glued to letters, a postal code.
const nearMiss = "本日の会議は2024年3月15日10:30に開始し、売上は1,234,567円、注文番号ORD0312345678、〒150-0002。"

func TestNoAllocsWithoutCandidates(t *testing.T) {
	detectortest.AssertNoAllocs(t, New(), detectortest.Prose(8<<10, nearMiss))
}

// BenchmarkFind runs over ~64 KB of prose with a sentence with two phone numbers every 5 KB.
func BenchmarkFind(b *testing.B) {
	detectortest.BenchFind(b, New(), detectortest.Corpus(64<<10, 5<<10, "連絡先：03-5989-1211、携帯090-1234-5678。"))
}
