package bankaccount

import (
	"testing"

	"github.com/pmscan/pmscan/detectors/detectortest"
)

func TestFind(t *testing.T) {
	detectortest.Run(t, New(), []detectortest.Case{
		{Name: "type word just before", Text: "振込先：みずほ銀行 渋谷支店 普通 1234567", Want: detectortest.High("1234567")},
		{Name: "futsuu yokin glued", Text: "普通預金1234567", Want: detectortest.High("1234567")},
		{Name: "touza with colon", Text: "当座: 7654321", Want: detectortest.High("7654321")},
		{Name: "full-width digits", Text: "口座番号：１２３４５６７", Want: detectortest.Medium("１２３４５６７")},
		{Name: "in a sentence", Text: "お客様の口座番号は1234567となっております", Want: detectortest.Medium("1234567")},
		{Name: "english", Text: "Bank account no. 1234567", Want: detectortest.Medium("1234567")},
		{Name: "column acct_no opens the gate", Text: "1234567", Column: "acct_no", Want: detectortest.High("1234567")},
		{Name: "column", Text: "1234567", Column: "口座番号", Want: detectortest.High("1234567")},
		{Name: "column acct", Text: "0012345", Column: "customer.bank_account", Want: detectortest.High("0012345")},
		{Name: "bank branch account", Text: "振込先 0001-123-1234567", Want: detectortest.High("0001-123-1234567")},
		{Name: "bank branch account with spaces", Text: "銀行コード・支店・口座 0005 123 7654321", Want: detectortest.High("0005 123 7654321")},
		{Name: "full form keyword after", Text: "0001-123-1234567（みずほ銀行）", Want: detectortest.High("0001-123-1234567")},
		{Name: "yucho", Text: "ゆうちょ銀行 記号-番号：12345-12345671", Want: detectortest.High("12345-12345671")},
		{Name: "yucho full-width dash", Text: "記号番号 １２３４５－１２３４５６", Want: detectortest.High("１２３４５－１２３４５６")},
		{Name: "branch and account", Text: "支店番号-口座番号 123-1234567", Want: detectortest.Medium("123-1234567")},
		{Name: "branch space account", Text: "渋谷支店 123 普通 1234567", Want: detectortest.High("1234567")},
		{Name: "csv row", Text: "山田太郎,三井住友銀行,新宿支店,普通,1234567", Want: detectortest.High("1234567")},
		{Name: "csv row without type", Text: "山田太郎,三井住友銀行,新宿支店,1234567", Want: detectortest.Medium("1234567")},

		// Hard negatives.
		{Name: "far from context", Text: "口座の開設方法についてはウェブサイトをご覧ください。なお会員番号は1234567です"},
		{Name: "keyword only after", Text: "1234567 は口座番号ではありません"},
		{Name: "phone number", Text: "銀行の電話番号 03-5989-1211 まで"},
		{Name: "mobile number", Text: "口座名義人の携帯 090-1234-5678"},
		{Name: "postal code with hyphen", Text: "〒150-0002 東京都渋谷区 みずほ銀行渋谷支店"},
		{Name: "postal code plain", Text: "銀行所在地 〒1500002 東京都渋谷区"},
		{Name: "amount with commas", Text: "口座残高 1,234,567円"},
		{Name: "amount plain", Text: "口座への振込額 1234567円"},
		{Name: "amount with yen sign", Text: "振込金額 ¥1234567"},
		{Name: "eight digits", Text: "口座番号 12345678"},
		{Name: "six digits", Text: "口座番号 123456"},
		{Name: "yucho form without yucho word", Text: "口座 12345-123456"},
		{Name: "glued to letters", Text: "口座 AB1234567"},
		{Name: "inside a longer code", Text: "振込番号 1234567-89"},
		{Name: "order number", Text: "振込 注文番号 250-1234567-1234567"},
		{Name: "date and time", Text: "振込日時 2024/01/05 12:34"},
		{Name: "unrelated column", Text: "1234567", Column: "user_account_id"},
		{Name: "full form far from keywords", Text: "口座開設のご案内をお送りしました。お手続きの詳細は同封の書類をご確認ください。 0001-123-1234567"},
	})
}

func TestMask(t *testing.T) {
	detectortest.AssertMask(t, New(), map[string]string{
		"1234567":          "*****67",
		"0001-123-1234567": "****-***-***4567",
		"12345-12345671":   "*****-****5671",
	})
}

// The near misses are the phone numbers and the postal code of
// detectortest.Contacts, after a word that opens the gate.
func TestFindDoesNotAllocateWithoutAccounts(t *testing.T) {
	detectortest.AssertNoAllocs(t, New(), "銀行口座の開設には本人確認書類が必要です。"+detectortest.Prose(8<<10, detectortest.Contacts...))
}

// BenchmarkFind runs over ~64 KB of prose with an account number every few
// kilobytes.
func BenchmarkFind(b *testing.B) {
	detectortest.BenchFind(b, New(), detectortest.Corpus(64<<10, 4<<10, "お振込は三井住友銀行 新宿支店 普通 1234567 までお願いします。", detectortest.Contacts...))
}

// FuzzFind checks that Find, Judge and Mask never panic and that candidates
// lie inside the text.
func FuzzFind(f *testing.F) {
	detectortest.Fuzz(f, New(), "口座番号", "普通 1234567", "0001-123-1234567", "ゆうちょ 12345-12345671", "〒1500002", "(1234567)", "+1234567")
}
