package postalcode

import (
	"testing"

	"github.com/pmscan/pmscan/detectors/detectortest"
)

func TestPositives(t *testing.T) {
	detectortest.Run(t, New(), []detectortest.Case{
		{Name: "postal mark", Text: "〒150-0002 東京都渋谷区渋谷", Want: detectortest.High("150-0002")},
		{Name: "postal mark and space", Text: "〒 150-0002", Want: detectortest.High("150-0002")},
		{Name: "full-width", Text: "〒１５０－０００２", Want: detectortest.High("１５０－０００２")},
		{Name: "full-width dash look-alike", Text: "〒１５０ー０００２", Want: detectortest.High("１５０ー０００２")},
		{Name: "keyword", Text: "郵便番号：060-0001", Want: detectortest.High("060-0001")},
		{Name: "keyword after", Text: "530-0001（郵便番号）", Want: detectortest.High("530-0001")},
		{Name: "zip keyword", Text: "ZIP 100-0005", Want: detectortest.High("100-0005")},
		{Name: "bare", Text: "住所は 150-0002 渋谷区", Want: detectortest.Low("150-0002")},
		{Name: "a prefecture follows", Text: "住所は 150-0002 東京都渋谷区", Want: detectortest.High("150-0002")},
		{Name: "bracketed before an address", Text: "(730-0051) 広島県広島市中区大手町3-9-12", Want: detectortest.High("730-0051")},
		{Name: "full-width brackets", Text: "（730-0051）広島県広島市", Want: detectortest.High("730-0051")},
		{Name: "English phrase", Text: "Postal code 231-0062 is required for delivery.", Want: detectortest.High("231-0062")},
		{Name: "bare in sentence", Text: "お届け先は980-0811の宮城県仙台市です", Want: detectortest.Low("980-0811")},
		{Name: "plain after mark", Text: "〒1500002", Want: detectortest.High("1500002")},
		{Name: "plain after keyword", Text: "郵便番号 1500002 東京都", Want: detectortest.High("1500002")},
		{Name: "plain full-width", Text: "〒１５０００２２", Want: detectortest.High("１５０００２２")},
		{Name: "column plain", Column: "郵便番号", Text: "1500002", Want: detectortest.High("1500002")},
		{Name: "column zip", Column: "customer.zip_code", Text: "150-0002", Want: detectortest.High("150-0002")},
		{Name: "column yubin", Column: "YUBIN_NO", Text: "9800811", Want: detectortest.High("9800811")},
		{Name: "then phone", Text: "〒150-0002 03-5989-1211", Want: detectortest.High("150-0002")},
		{Name: "after date", Text: "2024/01/05 150-0002", Want: detectortest.Low("150-0002")},
		{Name: "two codes", Text: "〒150-0002、〒530-0001", Want: detectortest.High("150-0002", "530-0001")},
		{Name: "parenthesised", Text: "(〒150-0002)", Want: detectortest.High("150-0002")},
	})
}

func TestNegatives(t *testing.T) {
	cases := detectortest.Negatives(
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
	)
	cases = append(cases, detectortest.Case{Name: "seven digits in other column", Column: "order_id", Text: "1500002"})
	detectortest.Run(t, New(), cases)
}

func TestMask(t *testing.T) {
	detectortest.AssertMask(t, New(), map[string]string{
		"150-0002": "150-****",
		"1500002":  "150****",
		"１５０－０００２": "150-****",
	})
}

// nearMiss has seven digits and NNN-NNNN shapes that make no postal code: an
// order number, a part number, a phone number.
const nearMiss = "本日の会議は2024年3月15日10:30に開始し、売上は1,234,567円、注文番号1234567、部品AB123-4567、TEL 03-5989-1211。"

func TestNoAllocsWithoutCandidates(t *testing.T) {
	detectortest.AssertNoAllocs(t, New(), detectortest.Prose(8<<10, nearMiss))
}

// BenchmarkFind runs over ~64 KB of prose with a sentence with a postal code every 5 KB.
func BenchmarkFind(b *testing.B) {
	detectortest.BenchFind(b, New(), detectortest.Corpus(64<<10, 5<<10, "送付先：〒150-0002 東京都渋谷区渋谷2-21-1、電話03-5989-1211。"))
}
