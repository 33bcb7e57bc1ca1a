package pensionnumber

import (
	"strings"
	"testing"

	"github.com/pmscan/pmscan/detectors/detectortest"
)

// Numbers are synthetic (there is no check digit to make them valid).
func TestFind(t *testing.T) {
	cases := []detectortest.Case{
		// Positives.
		{Name: "keyword in sentence", Text: "基礎年金番号は1357-246801です。", Want: detectortest.High("1357-246801")},
		{Name: "colon label", Text: "年金番号：2468-135790", Want: detectortest.High("2468-135790")},
		{Name: "full-width", Text: "年金手帳　９８７６－５４３２１０", Want: detectortest.High("９８７６－５４３２１０")},
		{Name: "full-width prolonged mark", Text: "年金番号：１３５７ー２４６８０１", Want: detectortest.High("１３５７ー２４６８０１")},
		{Name: "space separated", Text: "基礎年金番号 4321 098765 を記入", Want: detectortest.High("4321 098765")},
		{Name: "plain ten digits", Text: "年金番号 5432109876", Want: detectortest.High("5432109876")},
		{Name: "english", Text: "Pension No: 7531-864209", Want: detectortest.High("7531-864209")},
		{Name: "keyword after the number", Text: "1357-246801（基礎年金番号）", Want: detectortest.High("1357-246801")},
		{Name: "keyword 45 chars away", Text: "年金番号" + strings.Repeat("、", 45) + "2468-135790", Want: detectortest.High("2468-135790")},
		{Name: "column 年金No opens the gate", Text: "1357246801", Column: "年金No", Want: detectortest.High("1357246801")},
		{Name: "csv column", Text: "1357246801", Column: "基礎年金番号", Want: detectortest.High("1357246801")},
		{Name: "ascii column", Text: "9876-543210", Column: "PENSION_NO", Want: detectortest.High("9876-543210")},
		{Name: "json path column", Text: "2468 135790", Column: "employee.pension.number", Want: detectortest.High("2468 135790")},
		{Name: "column and prose", Text: "旧番号 7531864209", Column: "年金番号", Want: detectortest.High("7531864209")},
		{Name: "pension word nearer than phone word", Text: "電話で照会した年金番号 5432109876", Want: detectortest.High("5432109876")},
		{Name: "two numbers", Text: "年金番号 1357-246801、配偶者の年金番号 2468-135790", Want: detectortest.High("1357-246801", "2468-135790")},

		// Hard negatives.
		{Name: "keyword 60 chars away", Text: "年金番号" + strings.Repeat("、", 60) + "1357-246801"},
		{Name: "keyword 200 chars away, plain", Text: "年金番号" + strings.Repeat("、", 200) + "1357246801"},
		{Name: "no keyword", Text: "お問い合わせ番号 1357-246801"},
		{Name: "phone number", Text: "年金番号の照会は 03-5989-1211 まで"},
		{Name: "plain phone nearer to its own keyword", Text: "基礎年金番号 1357-246801 電話 0359891211", Want: detectortest.High("1357-246801")},
		{Name: "phone word between", Text: "年金番号・電話 0359891211"},
		{Name: "toll-free number", Text: "年金番号の照会は 0120-123-456 まで"},
		{Name: "eleven digits", Text: "年金番号 13572468012"},
		{Name: "nine digits", Text: "年金番号 135724680"},
		{Name: "4-7", Text: "年金番号 1357-2468012"},
		{Name: "5-5", Text: "年金番号 13572-46801"},
		{Name: "dotted", Text: "年金番号 1357.246801"},
		{Name: "glued to letters", Text: "年金番号 A1357-246801"},
		{Name: "glued to letters after", Text: "年金番号 1357246801x"},
		{Name: "order number", Text: "年金番号 ORD-1357246801"},
		{Name: "all same digits", Text: "年金番号 0000-000000"},
		{Name: "date", Text: "年金番号の届出日 2024-01-05"},
		{Name: "longer hyphen span", Text: "年金番号 1357-246801-2"},
		{Name: "longer space grouping", Text: "年金番号 1357 246801 12"},
		{Name: "amount", Text: "基礎年金 1357246801円"},
		{Name: "column matches, value is a phone", Text: "03-5989-1211", Column: "pension_contact"},
	}
	detectortest.Run(t, New(), cases)
}

func TestWordsAreNormalised(t *testing.T) {
	detectortest.AssertNormalised(t, gateWords, columnWords, phoneWords)
}

func TestMask(t *testing.T) {
	detectortest.AssertMask(t, New(), map[string]string{
		"1357-246801": "****-**6801",
		"1357246801":  "******6801",
	})
}

func TestFindDoesNotAllocate(t *testing.T) {
	detectortest.AssertNoAllocs(t, New(), detectortest.Prose(8<<10, detectortest.Numbers...))
}

// BenchmarkFind runs over ~64 KB of prose with one pension number, at the end.
func BenchmarkFind(b *testing.B) {
	detectortest.BenchFind(b, New(), detectortest.Corpus(64<<10, 64<<10, "基礎年金番号 1357-246801 を記入。", detectortest.Numbers...))
}
