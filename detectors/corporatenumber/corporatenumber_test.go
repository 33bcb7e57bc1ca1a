package corporatenumber

import (
	"strings"
	"testing"

	"github.com/pmscan/pmscan/detectors/detectortest"
)

// Numbers are synthetic: 7123456789012 is the reference test vector, the
// others were made with checkdigit.CorporateNumber.
func TestFind(t *testing.T) {
	cases := []detectortest.Case{
		// Positives.
		{Name: "keyword in sentence", Text: "当社の法人番号は7123456789012です。", Want: detectortest.High("7123456789012")},
		{Name: "1-4-4-4 hyphen", Text: "法人番号：7-1234-5678-9012", Want: detectortest.High("7-1234-5678-9012")},
		{Name: "1-4-4-4 space", Text: "法人番号 3 9876 5432 1098", Want: detectortest.High("3 9876 5432 1098")},
		{Name: "full-width", Text: "法人番号　５３０００１２３４５６７８", Want: detectortest.High("５３０００１２３４５６７８")},
		{Name: "full-width hyphen groups", Text: "会社法人等番号：３－１０００－０１２３－４５６７", Want: detectortest.High("３－１０００－０１２３－４５６７")},
		{Name: "english keyword", Text: "Corporate Number: 8240105123045", Want: detectortest.High("8240105123045")},
		{Name: "romaji keyword after", Text: "9010401012345 (houjin bangou)", Want: detectortest.High("9010401012345")},
		{Name: "csv column", Text: "3180001098765", Column: "法人番号", Want: detectortest.High("3180001098765")},
		{Name: "json column", Text: "9120001077777", Column: "supplier.corporate_number", Want: detectortest.High("9120001077777")},
		{Name: "bare number is low", Text: "取引先コード 1011101234567 を登録", Want: detectortest.Low("1011101234567")},
		{Name: "bare hyphen groups are low", Text: "6-7001-5000-1234", Want: detectortest.Low("6-7001-5000-1234")},
		{Name: "keyword too far", Text: "法人番号" + strings.Repeat("。", 101) + "5010001088888", Want: detectortest.Low("5010001088888")},
		{Name: "label No.", Text: "法人No.8550505505050", Want: detectortest.Low("8550505505050")},
		{Name: "two numbers", Text: "法人番号 7123456789012 / 9010401012345", Want: detectortest.High("7123456789012", "9010401012345")},

		// Hard negatives.
		// Numbers of things: the column or the words just before say so.
		{Name: "JAN column", Text: "1011101234567", Column: "jan_code"},
		{Name: "product code before", Text: "商品番号 6-7001-5000-1234 は在庫切れ"},
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
	detectortest.AssertNormalised(t, contextWords)
}

func TestMask(t *testing.T) {
	detectortest.AssertMask(t, New(), map[string]string{
		"7-1234-5678-9012": "*-****-****-9012",
		"7123456789012":    "*********9012",
	})
}

func TestFindDoesNotAllocate(t *testing.T) {
	detectortest.AssertNoAllocs(t, New(), detectortest.Prose(8<<10, detectortest.Numbers...))
}

// BenchmarkFind runs over ~64 KB of prose with one 法人番号, at the end.
func BenchmarkFind(b *testing.B) {
	detectortest.BenchFind(b, New(), detectortest.Corpus(64<<10, 64<<10, "法人番号 7-1234-5678-9012 の取引先。", detectortest.Numbers...))
}
