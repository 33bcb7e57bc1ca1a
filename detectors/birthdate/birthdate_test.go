package birthdate

import (
	"fmt"
	"slices"
	"testing"

	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/detectors/detectortest"
)

func TestFind(t *testing.T) {
	detectortest.Run(t, New(), []detectortest.Case{
		// Western forms.
		{Name: "iso after label", Text: "生年月日：1985-03-05", Want: detectortest.High("1985-03-05")},
		{Name: "full-width slashes", Text: "生年月日：１９８５／３／５", Want: detectortest.High("１９８５／３／５")},
		{Name: "dots in a sentence", Text: "私の誕生日は1985.3.5です。", Want: detectortest.High("1985.3.5")},
		{Name: "kanji form before 生まれ", Text: "1985年3月5日生まれの会社員です", Want: detectortest.High("1985年3月5日")},
		{Name: "kanji form with spaces", Text: "生年月日 1985 年 3 月 5 日", Want: detectortest.High("1985 年 3 月 5 日")},
		{Name: "english label", Text: "Date of Birth: 1985-03-05", Want: detectortest.High("1985-03-05")},
		{Name: "DOB with ISO time", Text: "DOB=1985-03-05T00:00:00Z", Want: detectortest.High("1985-03-05")},
		{Name: "born on", Text: "Born on 1987-03-14.", Want: detectortest.High("1987-03-14")},
		{Name: "stubborn is not born", Text: "A stubborn bug since 1987-03-14."},
		{Name: "compact in column", Text: "19850305", Column: "birth_date", Want: detectortest.High("19850305")},
		{Name: "csv cell", Text: "1985/03/05", Column: "customers.dob", Want: detectortest.High("1985/03/05")},
		{Name: "csv rows under a header", Text: "氏名,生年月日\n山田太郎,1985/03/05", Want: detectortest.High("1985/03/05")},
		{Name: "medium beyond 20 chars", Text: "生年月日（ご本人様確認のため必ず正確にご記入ください）：1985-03-05", Want: detectortest.Medium("1985-03-05")},
		// Japanese era forms.
		{Name: "showa kanji", Text: "生年月日：昭和60年3月5日", Want: detectortest.High("昭和60年3月5日")},
		{Name: "heisei gannen", Text: "平成元年1月8日生まれ", Want: detectortest.High("平成元年1月8日")},
		{Name: "era with spaces", Text: "生年月日 昭和 60年 3月 5日", Want: detectortest.High("昭和 60年 3月 5日")},
		{Name: "era letter dots", Text: "DOB: S60.3.5", Want: detectortest.High("S60.3.5")},
		{Name: "era letter slash and hyphen", Text: "生年月日 S60/3/5、配偶者生年月日 S62-10-21", Want: detectortest.High("S60/3/5", "S62-10-21")},
		{Name: "era letter heisei", Text: "生年月日:H1.1.8", Want: detectortest.High("H1.1.8")},
		{Name: "full-width era letter", Text: "生年月日：Ｓ６０．３．５", Want: detectortest.High("Ｓ６０．３．５")},
		{Name: "compact era in column", Text: "S600305", Column: "生年月日", Want: detectortest.High("S600305")},
		{Name: "kanji numerals", Text: "昭和六十年三月五日生まれ", Want: detectortest.High("昭和六十年三月五日")},
		{Name: "kanji numerals gannen", Text: "生年月日は平成元年一月八日です", Want: detectortest.High("平成元年一月八日")},
		{Name: "kanji numerals tens", Text: "出生 昭和四十五年十二月三十一日", Want: detectortest.High("昭和四十五年十二月三十一日")},
		{Name: "era year past the end", Text: "生年月日：平成32年4月1日", Want: detectortest.High("平成32年4月1日")},
		{Name: "showa 65", Text: "昭和65年1月1日生まれ", Want: detectortest.High("昭和65年1月1日")},
		{Name: "same day twice", Text: "生年月日：1985-03-05（昭和60年3月5日）", Want: detectortest.High("1985-03-05", "昭和60年3月5日")},
		{Name: "order date after birth date", Text: "生年月日：１９８５年３月５日、注文日：2024-03-15", Want: detectortest.High("１９８５年３月５日")},
		{Name: "two people", Text: "長男 生年月日 2010-01-01、長女 生年月日 2012-02-29", Want: detectortest.High("2010-01-01", "2012-02-29")},

		// Hard negatives.
		{Name: "order date without birth context", Text: "注文日 2024-03-15 更新日 2024-04-01"},
		{Name: "dates far from the birth word", Text: "誕生日キャンペーンのお知らせです。詳しくはウェブサイトをご覧ください。なお、今回のご案内とは別に、注文日は2024-03-15となります"},
		{Name: "invalid month", Text: "生年月日：1985-13-05"},
		{Name: "invalid day", Text: "生年月日：1985年2月30日"},
		{Name: "not a leap year", Text: "生年月日：平成元年2月29日"},
		{Name: "month and day only", Text: "誕生日は3月5日です"},
		{Name: "amount", Text: "生年月日欄の下に金額 1,985,305円 を記入"},
		{Name: "phone number", Text: "生年月日は電話 03-5989-1211 でお伝えします"},
		{Name: "version strings", Text: "生年月日フォーム v1985.3.5 / 2019.3.5.1 対応"},
		{Name: "compact without column", Text: "生年月日 19850305 S600305"},
		{Name: "year out of range", Text: "生年月日 1850-01-01"},
		{Name: "future era year", Text: "生年月日 令和10年1月1日"},
		{Name: "era year over 99", Text: "生年月日 昭和100年1月1日"},
		{Name: "birthday present order", Text: "誕生日プレゼントを2024年3月15日に注文しました"},
		{Name: "new sentence", Text: "東京で生まれました。2024年4月1日に入社"},
		{Name: "gakusei nendo", Text: "学生年度 2024-04-01 開始"},
		{Name: "adobe is not dob", Text: "Adobe 2024-03-15 release"},
		{Name: "glued to letters", Text: "生年月日 ID1985-03-05X"},
		{Name: "birth place column", Text: "東京都", Column: "birth_place"},
		{Name: "lowercase era letter", Text: "生年月日 s60.3.5"},
	})
}

func TestEraBoundaries(t *testing.T) {
	for _, tc := range []struct {
		in, note string
		valid    bool
	}{
		{"平成元年1月8日", "", true},
		{"平成元年1月7日", "date before the era's start", true},
		{"昭和64年1月7日", "", true},
		{"昭和64年1月8日", "date past the era's end", true},
		{"昭和65年1月1日", "era year past the era's end", true},
		{"平成31年4月30日", "", true},
		{"平成31年5月1日", "date past the era's end", true},
		{"平成32年2月29日", "era year past the era's end", true}, // 2020 was a leap year
		{"大正15年12月25日", "", true},
		{"昭和元年12月25日", "", true},
		{"明治45年7月31日", "date past the era's end", true},
		{"令和元年5月1日", "", true},
		{fmt.Sprintf("令和%d年12月31日", maxYear-2018), "", true},
		{fmt.Sprintf("令和%d年1月1日", maxYear-2018+1), "", false}, // next year
		{"令和元年4月30日", "date before the era's start", true},
		{"平成99年1月1日", "era year past the era's end", true},
		{"S64.1.7", "", true},
		{"1870-01-01", "", true},
		{"1869-12-31", "", false},
		{fmt.Sprintf("%d-12-31", maxYear), "", true},
		{fmt.Sprintf("%d-01-01", maxYear+1), "", false},
		{"2000-02-29", "", true},
		{"1900-02-29", "", false},
		{"1985-04-31", "", false},
	} {
		d, ok := parseAt(tc.in, 0, true)
		if !ok || d.end != len(tc.in) {
			t.Errorf("parseAt(%q) failed", tc.in)
			continue
		}
		if note, valid := d.check(); note != tc.note || valid != tc.valid {
			t.Errorf("check(%q) = %q, %v; want %q, %v", tc.in, note, valid, tc.note, tc.valid)
		}
	}
}

func TestMask(t *testing.T) {
	d := New()
	detectortest.AssertMask(t, d, map[string]string{
		"1985-03-05":   "1985-**-**",
		"1985/3/5":     "1985/*/*",
		"１９８５／３／５":     "1985/*/*",
		"1985年3月5日":    "1985年*月*日",
		"19850305":     "1985****",
		"昭和60年3月5日":    "昭和60年*月*日",
		"平成元年1月8日":     "平成元年*月*日",
		"S60.3.5":      "S60.*.*",
		"S600305":      "S60****",
		"昭和六十年十二月三十一日": "昭和六十年**月***日",
	})
	for _, in := range []string{"not a date 123", "1985-13", ""} {
		if got, want := d.Mask(in), detectors.MaskDefault(in); got != want {
			t.Errorf("Mask(%q) = %q, want the default mask %q", in, got, want)
		}
	}
}

func TestKeywordsGateColumns(t *testing.T) {
	d := New()
	var tx detectors.Text
	for _, col := range []string{"birth_date", "DateOfBirth", "DOB", "user_dob", "生年月日", "誕生日"} {
		tx.SetText("x", col)
		if _, ok := columnMatch(&tx); !ok {
			t.Errorf("column %q should match", col)
		}
	}
	for _, col := range []string{"adobe_id", "学生年度", "updated_at"} {
		tx.SetText("x", col)
		if w, ok := columnMatch(&tx); ok {
			t.Errorf("column %q matched %q", col, w)
		}
	}
	if len(d.Keywords()) == 0 {
		t.Fatal("birth_date must be keyword-gated")
	}
}

// nearMisses are words with 生 that are not about birth, and the phone
// numbers and postal code of detectortest.Contacts.
var nearMisses = slices.Concat([]string{
	"学生の皆様には特別な割引があります。",
	"生活に役立つ情報を発信しています。",
	"発生した問題は速やかに対応します。",
}, detectortest.Contacts)

func TestFindDoesNotAllocateWithoutDates(t *testing.T) {
	d := New()
	detectortest.AssertNoAllocs(t, d, detectortest.Prose(8<<10, nearMisses...))
	detectortest.AssertNoAllocs(t, d, "生年月日の欄は空欄です。"+detectortest.Prose(4<<10, nearMisses...)+"生まれ")
}

// BenchmarkFind runs over ~64 KB of prose with a birth word and a date every
// few kilobytes.
func BenchmarkFind(b *testing.B) {
	detectortest.BenchFind(b, New(), detectortest.Corpus(64<<10, 4<<10, "会員登録の際は生年月日（1985-03-05のように）をご記入ください。", nearMisses...))
}

// FuzzFind checks that Find, Judge and Mask never panic and that candidates
// lie inside the text.
func FuzzFind(f *testing.F) {
	detectortest.Fuzz(f, New(), "birth_date", "生年月日：昭和六十年十二月三十一日", "S600305", "1985年 3 月", "誕生日 H1.1.", "出生 令和元年", "dob 19850305T", "生まれ")
}
