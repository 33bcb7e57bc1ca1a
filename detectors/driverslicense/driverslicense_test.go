package driverslicense

import (
	"strings"
	"testing"

	"github.com/pmscan/pmscan/detectors/detectortest"
)

// Numbers are synthetic: 309012345620 is the reference test vector, the
// others were made with checkdigit.DriversLicense.
func TestFind(t *testing.T) {
	cases := []detectortest.Case{
		// Positives.
		{Name: "keyword in sentence", Text: "運転免許証の番号は309012345620です。", Want: detectortest.High("309012345620")},
		{Name: "hyphen groups", Text: "免許証番号：1012-3456-7810", Want: detectortest.High("1012-3456-7810")},
		{Name: "space groups", Text: "免許番号 4598 7654 3290 (再交付なし)", Want: detectortest.High("4598 7654 3290")},
		{Name: "full-width", Text: "運転免許　６２１５０００１２３００", Want: detectortest.High("６２１５０００１２３００")},
		{Name: "full-width groups", Text: "免許証　９７０７－６５４３－２１００", Want: detectortest.High("９７０７－６５４３－２１００")},
		{Name: "english", Text: "Driver's License No. 530011223350", Want: detectortest.High("530011223350")},
		{Name: "british spelling", Text: "Driving licence: 2019-9900-0140", Want: detectortest.High("2019-9900-0140")},
		{Name: "keyword after the number", Text: "821888123480（運転免許証）", Want: detectortest.High("821888123480")},
		{Name: "column without a gate word", Text: "309012345620", Column: "license_number", Want: detectortest.High("309012345620")},
		{Name: "column 免許No", Text: "309012345620", Column: "免許No", Want: detectortest.High("309012345620")},
		{Name: "csv column", Text: "309012345620", Column: "免許証番号", Want: detectortest.High("309012345620")},
		{Name: "json column", Text: "1012.3456.7810", Column: "customer.license_no", Want: detectortest.High("1012.3456.7810")},
		{Name: "column drivers_license", Text: "459876543290", Column: "DRIVERS_LICENSE", Want: detectortest.High("459876543290")},
		{Name: "keyword 90 chars away", Text: "運転免許" + strings.Repeat("、", 90) + "621500012300", Want: detectortest.High("621500012300")},
		{Name: "also a valid My Number", Text: "免許証 300002303632", Want: detectortest.High("300002303632")},
		{Name: "two numbers", Text: "免許証 309012345620 旧免許証 101234567810", Want: detectortest.High("309012345620", "101234567810")},

		// Hard negatives.
		{Name: "no keyword", Text: "受付番号 309012345620 を発行"},
		{Name: "keyword too far", Text: "運転免許" + strings.Repeat("、", 101) + "309012345620"},
		{Name: "wrong check digit", Text: "運転免許証 309012345630"},
		{Name: "bad code 15", Text: "運転免許証 159012345631"},
		{Name: "bad code 00", Text: "運転免許証 009012345661"},
		{Name: "bad code 31", Text: "運転免許証 319012345691"},
		{Name: "bad code 98", Text: "運転免許証 989012345661"},
		{Name: "13 digits", Text: "運転免許証 3090123456201"},
		{Name: "11 digits", Text: "運転免許証 30901234562"},
		{Name: "glued to letters", Text: "運転免許証 DL309012345620"},
		{Name: "order number", Text: "運転免許証 ORD-309012345620"},
		{Name: "card grouping", Text: "運転免許証 3090 1234 5620 1234"},
		{Name: "mixed separators", Text: "運転免許証 3090-1234 5620"},
		{Name: "My Number only", Text: "運転免許証 123456789018"},
		{Name: "dates and phones", Text: "運転免許証 2024/01/05 交付 03-5989-1211"},
		{Name: "decimal", Text: "運転免許証 309012345620.5"},
	}
	detectortest.Run(t, New(), cases)
}

func TestWordsAreNormalised(t *testing.T) {
	detectortest.AssertNormalised(t, gateWords)
}

func TestValidCode(t *testing.T) {
	valid := map[int]bool{}
	for _, r := range [][2]int{{10, 14}, {20, 25}, {30, 30}, {40, 49}, {50, 55}, {60, 65}, {70, 74}, {80, 83}, {90, 97}} {
		for c := r[0]; c <= r[1]; c++ {
			valid[c] = true
		}
	}
	for c := 0; c < 100; c++ {
		d := []byte{byte('0' + c/10), byte('0' + c%10)}
		if got := validCode(d); got != valid[c] {
			t.Errorf("validCode(%02d) = %v", c, got)
		}
	}
}

func TestMask(t *testing.T) {
	detectortest.AssertMask(t, New(), map[string]string{
		"3090-1234-5620": "****-****-5620",
		"309012345620":   "********5620",
	})
}

func TestFindDoesNotAllocate(t *testing.T) {
	detectortest.AssertNoAllocs(t, New(), detectortest.Prose(8<<10, detectortest.Numbers...))
}

// BenchmarkFind runs over ~64 KB of prose with one licence number, at the end.
func BenchmarkFind(b *testing.B) {
	detectortest.BenchFind(b, New(), detectortest.Corpus(64<<10, 64<<10, "運転免許証 3090-1234-5620 を確認。", detectortest.Numbers...))
}
