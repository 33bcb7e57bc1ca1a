package passport

import (
	"slices"
	"strings"
	"testing"

	"github.com/pmscan/pmscan/detectors/detectortest"
)

// far is filler that puts a value more than 50 chars from the keyword.
var far = strings.Repeat("詳細は後日ご連絡いたします。", 5)

func TestFind(t *testing.T) {
	detectortest.Run(t, New(), []detectortest.Case{
		{Name: "after label", Text: "旅券番号：TR1234567", Want: detectortest.High("TR1234567")},
		{Name: "five-year", Text: "パスポート番号 MZ1234567", Want: detectortest.High("MZ1234567")},
		{Name: "full-width", Text: "パスポート番号：ＴＲ１２３４５６７", Want: detectortest.High("ＴＲ１２３４５６７")},
		{Name: "half-width katakana keyword", Text: "ﾊﾟｽﾎﾟｰﾄ TK7654321", Want: detectortest.High("TK7654321")},
		{Name: "english", Text: "Passport No. TR1234567 (Japan)", Want: detectortest.High("TR1234567")},
		{Name: "in a sentence", Text: "お客様の旅券はTR1234567で、有効期限は2030年です", Want: detectortest.High("TR1234567")},
		{Name: "keyword after", Text: "TR1234567（旅券番号）", Want: detectortest.High("TR1234567")},
		{Name: "column", Text: "AB1234567", Column: "passport_no", Want: detectortest.High("AB1234567")},
		{Name: "column japanese", Text: "XY7654321", Column: "旅券番号", Want: detectortest.High("XY7654321")},
		{Name: "two in a list", Text: "旅券: TR1234567, MZ7654321", Want: detectortest.High("TR1234567", "MZ7654321")},
		{Name: "far with T", Text: "旅券の提出について。" + far + "TR1234567", Want: detectortest.Medium("TR1234567")},
		{Name: "far with M", Text: "passport " + far + "MU1234567", Want: detectortest.Medium("MU1234567")},
		{Name: "followed by a dated parenthesis", Text: "家族分の旅券番号: MU1546749（2024/11/30 更新予定）", Want: detectortest.High("MU1546749")},
		{Name: "followed by a space and digits", Text: "旅券 TR1234567 2030", Want: detectortest.High("TR1234567")},

		// Hard negatives.
		{Name: "far with other letter", Text: "旅券の提出について。" + far + "AB1234567"},
		{Name: "beyond 300 chars", Text: "旅券 " + strings.Repeat(far, 5) + "TR1234567"},
		{Name: "eight digits", Text: "旅券番号 AB12345678"},
		{Name: "six digits", Text: "旅券番号 TR123456"},
		{Name: "three letters", Text: "旅券番号 ABC1234567"},
		{Name: "one letter", Text: "旅券番号 T1234567"},
		{Name: "lowercase", Text: "旅券番号 tr1234567"},
		{Name: "mixed case", Text: "旅券番号 Tr1234567"},
		{Name: "digits only", Text: "旅券番号 1234567"},
		{Name: "glued digit before", Text: "旅券番号 9TR1234567"},
		{Name: "glued letter after", Text: "旅券番号 TR1234567X"},
		{Name: "longer code", Text: "旅券番号 TR1234567-01"},
		{Name: "residence card", Text: "旅券と在留カード AB12345678CD"},
		{Name: "product code", Text: "パスポートケース 品番 PC-1234567"},
		{Name: "underscore", Text: "passport_TR1234567"},
	})
}

func TestMask(t *testing.T) {
	detectortest.AssertMask(t, New(), map[string]string{"TR1234567": "*******67"})
}

// nearMisses are codes with too many letters and numbers with no letter, and
// the phone numbers and postal code of detectortest.Contacts.
var nearMisses = slices.Concat([]string{"品番ABC1234567の在庫は1234567個です。"}, detectortest.Contacts)

func TestFindDoesNotAllocateWithoutPassports(t *testing.T) {
	detectortest.AssertNoAllocs(t, New(), "パスポートの申請には写真が必要です。"+detectortest.Prose(8<<10, nearMisses...))
}

// BenchmarkFind runs over ~64 KB of prose with a passport number every few
// kilobytes.
func BenchmarkFind(b *testing.B) {
	detectortest.BenchFind(b, New(), detectortest.Corpus(64<<10, 4<<10, "旅券番号（TR1234567）をご記入ください。", nearMisses...))
}
