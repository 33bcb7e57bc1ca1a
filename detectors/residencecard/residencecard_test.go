package residencecard

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
		{Name: "after label", Text: "在留カード番号：AB12345678CD", Want: detectortest.High("AB12345678CD")},
		{Name: "short label", Text: "在留番号 XY87654321ZW", Want: detectortest.High("XY87654321ZW")},
		{Name: "full-width", Text: "在留カード：ＡＢ１２３４５６７８ＣＤ", Want: detectortest.High("ＡＢ１２３４５６７８ＣＤ")},
		{Name: "english", Text: "Residence card number: AB12345678CD.", Want: detectortest.High("AB12345678CD")},
		{Name: "romaji", Text: "zairyu AB12345678CD", Want: detectortest.High("AB12345678CD")},
		{Name: "in a sentence", Text: "在留カードの番号はAB12345678CDで、期限は2027年です", Want: detectortest.High("AB12345678CD")},
		{Name: "keyword after", Text: "AB12345678CD（在留カード）", Want: detectortest.High("AB12345678CD")},
		{Name: "column residence_card_no opens the gate", Text: "AB12345678CD", Column: "residence_card_no", Want: detectortest.High("AB12345678CD")},
		{Name: "column", Text: "AB12345678CD", Column: "zairyu_no", Want: detectortest.High("AB12345678CD")},
		{Name: "column japanese", Text: "AB12345678CD", Column: "在留カード番号", Want: detectortest.High("AB12345678CD")},
		{Name: "column path", Text: "AB12345678CD", Column: "person.在留番号", Want: detectortest.High("AB12345678CD")},
		{Name: "two values", Text: "在留カード AB12345678CD / EF87654321GH", Want: detectortest.High("AB12345678CD", "EF87654321GH")},
		{Name: "far", Text: "在留カードについて。" + far + "AB12345678CD", Want: detectortest.Medium("AB12345678CD")},
		{Name: "very far", Text: "Residence Card " + strings.Repeat(far, 8) + "AB12345678CD", Want: detectortest.Medium("AB12345678CD")},
		{Name: "in brackets", Text: "在留カード[AB12345678CD]", Want: detectortest.High("AB12345678CD")},

		// Hard negatives.
		{Name: "one trailing letter", Text: "在留カード AB12345678C"},
		{Name: "three trailing letters", Text: "在留カード AB12345678CDE"},
		{Name: "three leading letters", Text: "在留カード ABC12345678CD"},
		{Name: "one leading letter", Text: "在留カード A12345678CD"},
		{Name: "lowercase", Text: "在留カード ab12345678cd"},
		{Name: "mixed case", Text: "在留カード AB12345678Cd"},
		{Name: "no letters", Text: "在留カード 12345678"},
		{Name: "missing trailing letters", Text: "在留カード AB12345678"},
		{Name: "seven digits", Text: "在留カード AB1234567CD"},
		{Name: "nine digits", Text: "在留カード AB123456789CD"},
		{Name: "glued digit", Text: "在留カード AB12345678CD9"},
		{Name: "glued in a longer token", Text: "在留カード X_AB12345678CD"},
		{Name: "separated digits", Text: "在留カード AB1234-5678CD"},
		{Name: "passport", Text: "在留カード・旅券 TR1234567"},
	})
}

func TestMask(t *testing.T) {
	detectortest.AssertMask(t, New(), map[string]string{"AB12345678CD": "********78CD"})
}

// nearMisses are codes with no trailing letters and compact dates, and the
// phone numbers and postal code of detectortest.Contacts.
var nearMisses = slices.Concat([]string{"注文番号AB12345678の配送日は20240105です。"}, detectortest.Contacts)

func TestFindDoesNotAllocateWithoutCards(t *testing.T) {
	detectortest.AssertNoAllocs(t, New(), "在留カードの更新手続きについて。"+detectortest.Prose(8<<10, nearMisses...))
}

// BenchmarkFind runs over ~64 KB of prose with a residence card number every
// few kilobytes.
func BenchmarkFind(b *testing.B) {
	detectortest.BenchFind(b, New(), detectortest.Corpus(64<<10, 4<<10, "在留カード番号（AB12345678CD）をご記入ください。", nearMisses...))
}
