package mynumber

import (
	"strings"
	"testing"

	"github.com/pmscan/pmscan/detectors/detectortest"
)

// All numbers are synthetic: 123456789018 is the reference test vector, the
// others were made with checkdigit.MyNumber.
func TestFind(t *testing.T) {
	far := strings.Repeat("あ", 200)
	tooFar := strings.Repeat("あ", 301)
	cases := []detectortest.Case{
		// Positives.
		{Name: "keyword in sentence", Text: "お客様のマイナンバーは123456789018です。", Want: detectortest.High("123456789018")},
		{Name: "hyphen groups", Text: "個人番号：1234-5678-9018", Want: detectortest.High("1234-5678-9018")},
		{Name: "full-width with ideographic spaces", Text: "個人番号　１２３４　５６７８　９０１８　を確認", Want: detectortest.High("１２３４　５６７８　９０１８")},
		{Name: "dash look-alikes fold to one separator", Text: "マイナンバー：１２３４ー５６７８－９０１８", Want: detectortest.High("１２３４ー５６７８－９０１８")},
		{Name: "full-width prolonged mark", Text: "マイナンバー：１２３４ー５６７８ー９０１８", Want: detectortest.High("１２３４ー５６７８ー９０１８")},
		{Name: "english keyword", Text: "Employee My Number: 987654321093 (verified)", Want: detectortest.High("987654321093")},
		{Name: "csv cell with column", Text: "555012345676", Column: "個人番号", Want: detectortest.High("555012345676")},
		{Name: "json path column", Text: "3141 5926 5352", Column: "employee.my_number", Want: detectortest.High("3141 5926 5352")},
		{Name: "column in full-width", Text: "271828182840", Column: "ＭｙＮｕｍｂｅｒ", Want: detectortest.High("271828182840")},
		{Name: "English column", Text: "555012345676", Column: "tax.individual_number", Want: detectortest.High("555012345676")},
		{Name: "personal number column", Text: "3141 5926 5352", Column: "employee.personal_number", Want: detectortest.High("3141 5926 5352")},
		{Name: "English context", Text: "Individual Number: 555012345676", Want: detectortest.High("555012345676")},
		{Name: "personal_no is a personnel number", Text: "555012345676", Column: "personal_no", Want: detectortest.Low("555012345676")},
		{Name: "bare number is low", Text: "申請書 314159265352 を受領しました", Want: detectortest.Low("314159265352")},
		{Name: "dotted groups without keyword", Text: "申請書 1234.5678.9018 を受領", Want: detectortest.Low("1234.5678.9018")},
		{Name: "keyword 200 chars away", Text: "マイナンバー" + far + "864208642086", Want: detectortest.High("864208642086")},
		{Name: "keyword after the number", Text: "112233445560（番号通知カードに記載）", Want: detectortest.High("112233445560")},
		{Name: "parentheses", Text: "マイナンバーカード(271828182840)", Want: detectortest.High("271828182840")},
		{Name: "timestamp shape with keyword", Text: "マイナンバー 202401150430", Want: detectortest.High("202401150430")},
		{Name: "two numbers", Text: "個人番号 123456789018、配偶者 987654321093", Want: detectortest.High("123456789018", "987654321093")},
		{Name: "key=value", Text: "mynumber=864208642086;", Want: detectortest.High("864208642086")},
		{Name: "romaji", Text: "KOJIN BANGO 123456789026", Want: detectortest.High("123456789026")},
		{Name: "keyword too far", Text: "マイナンバー" + tooFar + "123456789034", Want: detectortest.Low("123456789034")},
		{Name: "in a longer span after a date", Text: "2024/01/05 123456789042 受付", Want: detectortest.Low("123456789042")},

		{Name: "own column beats a thing word", Text: "123456789018", Column: "注文者マイナンバー", Want: detectortest.High("123456789018")},
		{Name: "thing word a sentence before", Text: "注文の件でご連絡しました。申請書の番号 864208642086 をご確認ください", Want: detectortest.Low("864208642086")},
		{Name: "border is not order", Text: "987654321093", Column: "border_width", Want: detectortest.Low("987654321093")},

		// Hard negatives.
		// Numbers of things: the column or the words just before say so.
		{Name: "order number column", Text: "864208642086", Column: "注文番号"},
		{Name: "tracking column in camel case", Text: "2718 2818 2840", Column: "trackingNumber"},
		{Name: "inquiry number before", Text: "お問い合わせ番号：112233445560 でお調べします"},
		{Name: "reception number before", Text: "受付番号 314159265352 を発行しました"},
		{Name: "romaji column", Text: "555012345676", Column: "chumon_no"},
		{Name: "invoice before in English", Text: "Invoice No. 123456789026 issued"},
		{Name: "slip column", Text: "1234-5678-9018", Column: "伝票番号"},
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
	detectortest.AssertNormalised(t, contextWords, columnWords)
}

func TestMask(t *testing.T) {
	detectortest.AssertMask(t, New(), map[string]string{
		"1234-5678-9018": "****-****-9018",
		"123456789018":   "********9018",
		"１２３４５６７８９０１８":   "********９０１８",
	})
}

func TestFindDoesNotAllocate(t *testing.T) {
	detectortest.AssertNoAllocs(t, New(), detectortest.Prose(8<<10, detectortest.Numbers...))
}

// BenchmarkFind runs over ~64 KB of prose with one My Number, at the end.
func BenchmarkFind(b *testing.B) {
	detectortest.BenchFind(b, New(), detectortest.Corpus(64<<10, 64<<10, "個人番号 1234-5678-9018 を記載。", detectortest.Numbers...))
}
