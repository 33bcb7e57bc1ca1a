package creditcard

import (
	"testing"

	"github.com/pmscan/pmscan/detectors/detectortest"
)

// Numbers are the card networks' published test numbers or made with
// checkdigit.Luhn; none is a real card.
func TestFind(t *testing.T) {
	cases := []detectortest.Case{
		// Positives.
		{Name: "visa grouped in sentence", Text: "お支払いは4111 1111 1111 1111でお願いします。", Want: detectortest.High("4111 1111 1111 1111")},
		{Name: "hyphen groups with keyword", Text: "カード番号：5555-5555-5555-4444", Want: detectortest.High("5555-5555-5555-4444")},
		{Name: "full-width groups", Text: "クレジットカード　４１１１　１１１１　１１１１　１１１１", Want: detectortest.High("４１１１　１１１１　１１１１　１１１１")},
		{Name: "full-width dashes", Text: "３５３０－１１１３－３３３０－００００", Want: detectortest.High("３５３０－１１１３－３３３０－００００")},
		{Name: "amex 4-6-5", Text: "AMEX 3782 822463 10005", Want: detectortest.High("3782 822463 10005")},
		{Name: "diners 4-6-4", Text: "決済 3056-930902-5904 で完了", Want: detectortest.High("3056-930902-5904")},
		{Name: "bare visa is medium", Text: "お客様番号 4012888888881881 を確認", Want: detectortest.Medium("4012888888881881")},
		{Name: "bare discover with keyword", Text: "card: 6011111111111117", Want: detectortest.High("6011111111111117")},
		{Name: "mastercard 2-series in column", Text: "2223003122003222", Column: "card_number", Want: detectortest.High("2223003122003222")},
		{Name: "unionpay in csv column", Text: "6200000000000005", Column: "クレジットカード", Want: detectortest.High("6200000000000005")},
		{Name: "jcb 17 digits", Text: "JCB 35280000123456789", Want: detectortest.High("35280000123456789")},
		{Name: "visa 19 as 4-4-4-4-3", Text: "4111 1111 1111 1111 110", Want: detectortest.High("4111 1111 1111 1111 110")},
		{Name: "visa 13 as 4-4-4-1", Text: "4222 2222 2222 2", Want: detectortest.High("4222 2222 2222 2")},
		{Name: "visa 13 bare not a JAN", Text: "4500000000005", Want: detectortest.Medium("4500000000005")},
		{Name: "followed by expiry", Text: "4111 1111 1111 1111 12/25", Want: detectortest.High("4111 1111 1111 1111")},
		{Name: "JAN-shaped with keyword", Text: "クレジット 4901234000094", Want: detectortest.High("4901234000094")},
		{Name: "two cards", Text: "VISA 4111111111111111, MC 5555555555554444", Want: detectortest.High("4111111111111111", "5555555555554444")},

		{Name: "own column beats a thing word", Text: "4111111111111111", Column: "order_card_number", Want: detectortest.High("4111111111111111")},

		// Hard negatives.
		// Numbers of things: the column or the words just before say so.
		{Name: "JAN column", Text: "4500000000005", Column: "JANコード"},
		{Name: "barcode column", Text: "4012888888881881", Column: "barcode"},
		{Name: "order number before", Text: "ご注文番号 4012888888881881 の件"},
		{Name: "sku column", Text: "6011111111111117", Column: "sku"},
		{Name: "bad Luhn", Text: "カード番号 4111 1111 1111 1112"},
		{Name: "no issuer range", Text: "カード番号 1234567812345670"},
		{Name: "no issuer range 9", Text: "カード番号 9000123456789016"},
		{Name: "visa of wrong length", Text: "カード番号 40001234567899"},
		{Name: "amex of wrong length", Text: "カード番号 3782822463100056"},
		{Name: "4-6-5 that is not amex", Text: "カード番号 4111 111111 11111"},
		{Name: "all zeros", Text: "カード番号 0000-0000-0000-0000"},
		{Name: "JAN code", Text: "商品コード 4901234000094 在庫あり"},
		{Name: "glued to letters", Text: "カード番号 ORDER4111111111111111"},
		{Name: "order number", Text: "カード番号 ORD-4111111111111111"},
		{Name: "five groups of four", Text: "カード番号 4111 1111 1111 1111 1234"},
		{Name: "grouping started earlier", Text: "カード番号 1234 4111 1111 1111 1111"},
		{Name: "twenty digits", Text: "カード番号 41111111111111111115"},
		{Name: "12 digits", Text: "カード番号 4111 1111 1111"},
		{Name: "mixed separators", Text: "カード番号 4111-1111 1111-1111"},
		{Name: "dotted", Text: "カード番号 4111.1111.1111.1111"},
		{Name: "decimal", Text: "カード番号 4111111111111111.25"},
		{Name: "yen amount", Text: "カード利用額 4111111111111111円"},
		{Name: "international phone", Text: "card +4111111111111111"},
		{Name: "dates amounts phones", Text: "2024-01-05 合計 1,234,567円 TEL 03-5989-1211 090-1234-5678"},
	}
	detectortest.Run(t, New(), cases)
}

func TestWordsAreNormalised(t *testing.T) {
	detectortest.AssertNormalised(t, contextWords, columnWords)
}

func TestIssuer(t *testing.T) {
	for in, want := range map[string]string{
		"4111111111111111":    "Visa",
		"4222222222222":       "Visa",
		"4111111111111111110": "Visa",
		"5555555555554444":    "Mastercard",
		"2223003122003222":    "Mastercard",
		"378282246310005":     "Amex",
		"3530111333300000":    "JCB",
		"30569309025904":      "Diners Club",
		"6011111111111117":    "Discover",
		"6212345678901234569": "UnionPay",
		"4111111111111112":    "",
		"0000000000000000":    "",
		"1234567812345670":    "",
	} {
		if got := issuer(in, ""); got != want {
			t.Errorf("issuer(%s) = %q, want %q", in, got, want)
		}
	}
}

func TestMask(t *testing.T) {
	detectortest.AssertMask(t, New(), map[string]string{
		"4111-1111-1111-1111": "****-****-****-1111",
		"4111111111111111":    "************1111",
		"3782 822463 10005":   "**** ****** *0005",
		"４１１１ー１１１１ー１１１１ー１１１１":   "****ー****ー****ー１１１１",
		"4222－2222－2222－2":      "****－****－*222－2",
		"card 4111111111111111": "**** ************1111",
	})
}

// nearMisses are numbers that fail the Luhn check, the issuer ranges or the
// grouping, besides detectortest.Numbers.
var nearMisses = append([]string{" 4111 1111 1111 1112 1234567812345670 4111-1111 1111-1111"}, detectortest.Numbers...)

func TestFindDoesNotAllocate(t *testing.T) {
	detectortest.AssertNoAllocs(t, New(), detectortest.Prose(8<<10, nearMisses...))
}

// BenchmarkFind runs over ~64 KB of prose with one card number, at the end.
func BenchmarkFind(b *testing.B) {
	detectortest.BenchFind(b, New(), detectortest.Corpus(64<<10, 64<<10, "カード番号 4111-1111-1111-1111 で決済。", detectortest.Numbers...))
}
