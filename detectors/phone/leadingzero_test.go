package phone

import (
	"slices"
	"testing"

	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/detectors/detectortest"
)

func TestLeadingZeroPositives(t *testing.T) {
	detectortest.Run(t, New(), []detectortest.Case{
		{Name: "mobile", Column: "電話番号", Text: "9012345678", Want: detectortest.Medium("9012345678")},
		{Name: "mobile 080", Column: "phone_number", Text: "8012345678", Want: detectortest.Medium("8012345678")},
		{Name: "mobile 070", Column: "mobile", Text: "7012345678", Want: detectortest.Medium("7012345678")},
		{Name: "ip phone", Column: "携帯電話", Text: "5012345678", Want: detectortest.Medium("5012345678")},
		{Name: "tokyo 9 digits", Column: "tel", Text: "312345678", Want: detectortest.Medium("312345678")},
		{Name: "4-digit area", Column: "TEL", Text: "466123456", Want: detectortest.Medium("466123456")},
		{Name: "toll-free 0120", Column: "電話番号", Text: "120123456", Want: detectortest.Medium("120123456")},
		{Name: "toll-free 0800", Column: "電話番号", Text: "8001234567", Want: detectortest.Medium("8001234567")},
		{Name: "navi-dial", Column: "電話番号", Text: "570123456", Want: detectortest.Medium("570123456")},
		{Name: "intl mobile", Column: "phone_number", Text: "819012345678", Want: detectortest.Medium("819012345678")},
		{Name: "intl fixed", Column: "tel", Text: "81312345678", Want: detectortest.Medium("81312345678")},
		{Name: "81 area code", Column: "tel", Text: "812345678", Want: detectortest.Medium("812345678")}, // 081-234-5678
		{Name: "spaces around", Column: "電話番号", Text: "  9012345678 ", Want: detectortest.Medium("9012345678")},
		{Name: "json key path", Column: "customers[].contact.homeTel", Text: "312345678", Want: detectortest.Medium("312345678")},
		{Name: "fax column", Column: "FAX番号", Text: "312345679", Want: detectortest.Medium("312345679")},
		// Numbers written with their 0 are the existing rules' only, once.
		{Name: "with 0", Column: "電話番号", Text: "09012345678", Want: detectortest.High("09012345678")},
		{Name: "fixed with 0", Column: "tel", Text: "0312345678", Want: detectortest.High("0312345678")},
		{Name: "with +81", Column: "phone_number", Text: "+819012345678", Want: detectortest.High("+819012345678")},
		{Name: "separated", Column: "電話番号", Text: "090-1234-5678", Want: detectortest.High("090-1234-5678")},
	})
}

func TestLeadingZeroNegatives(t *testing.T) {
	cell := func(column, text string) detectortest.Case {
		return detectortest.Case{Name: column + " " + text, Column: column, Text: text}
	}
	detectortest.Run(t, New(), []detectortest.Case{
		// Not a phone column: the digits say nothing by themselves.
		cell("amount", "9012345678"),
		cell("顧客ID", "9012345678"),
		cell("注文番号", "312345678"),
		cell("id", "819012345678"),
		cell("", "9012345678"),
		cell("", "312345678"),
		cell("tel_type", "312345678"),
		cell("phone_updated_at", "312345678"), // a Unix time
		cell("television", "9012345678"),
		cell("連絡先メール", "9012345678"),
		// Wrong length.
		cell("電話番号", "12345678"),
		cell("電話番号", "90123456789"),
		cell("電話番号", "8190123456789"),
		cell("電話番号", "9012345"),
		// No number plan fits "0"+digits.
		cell("電話番号", "1234567890"),   // 01234567890
		cell("電話番号", "9912345678"),   // 09912345678
		cell("電話番号", "901234567"),    // 0901234567: a mobile with 10 digits
		cell("電話番号", "2012345678"),   // 020: M2M
		cell("電話番号", "1201234567"),   // 0120 with 11 digits
		cell("電話番号", "8112345678"),   // 08112345678
		cell("電話番号", "810312345678"), // 81 and a 0
		cell("電話番号", "9011111111"),   // dummy
		cell("電話番号", "123456789"),    // 0123456789
		// Not the whole cell, or not ASCII digits alone.
		cell("電話番号", "TEL 9012345678"),
		cell("電話番号", "9012345678 312345678"),
		cell("電話番号", "9012345678.0"),
		cell("電話番号", "-9012345678"),
		cell("電話番号", "+9012345678"),
		cell("電話番号", "90-1234-5678"),
		cell("電話番号", "９０１２３４５６７８"),
		cell("電話番号", "9012345678x"),
	})
}

func TestLeadingZeroReasons(t *testing.T) {
	set, err := detectors.NewSet([]detectors.Detector{New()})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ text, want string }{
		{"9012345678", restoredReason},
		{"819012345678", restoredIntlReason},
	} {
		var tx detectors.Text
		tx.SetText(c.text, "電話番号")
		var got [][]string
		set.Run(&tx, func(m detectors.Match) { got = append(got, m.Verdict.Reasons) })
		if len(got) != 1 || !slices.Contains(got[0], c.want) || !slices.Contains(got[0], kindMobile.reason()) {
			t.Errorf("%s: reasons %q, want one finding with %q and %q", c.text, got, kindMobile.reason(), c.want)
		}
	}
}

func TestLeadingZeroMask(t *testing.T) {
	detectortest.AssertMask(t, New(), map[string]string{
		"9012345678":   "90****5678",
		"312345678":    "3****5678",
		"466123456":    "4****3456",
		"120123456":    "120**3456",
		"8001234567":   "800***4567",
		"819012345678": "8190****5678",
		"81312345678":  "813****5678",
	})
}

// TestNoAllocsInOtherColumns checks that the digits of a column that is not a
// phone column cost Find no allocation.
func TestNoAllocsInOtherColumns(t *testing.T) {
	d := New()
	var tx detectors.Text
	cells := []string{"9012345678", "312345678", "819012345678", "12345678"}
	allocs := testing.AllocsPerRun(100, func() {
		for _, s := range cells {
			tx.SetText(s, "amount")
			if c := d.Find(&tx); len(c) != 0 {
				t.Fatalf("%s: candidates %v", s, c)
			}
		}
	})
	if allocs != 0 {
		t.Errorf("Find allocated %.1f times per run", allocs)
	}
}

// tableCells are the values of a table's columns, one row each: numbers
// with and without their leading 0, amounts, IDs, dates and names.
var tableCells = []string{
	"9012345678", "312345678", "09012345678", "0312345678", "819012345678", "1234567890",
	"12345678", "100000", "20240315", "2024-03-15", "山田太郎", "", "東京都千代田区1-1-1",
}

// BenchmarkCells runs Find and Judge over table cells in a phone column and
// in another column, as a database scan feeds them.
func BenchmarkCells(b *testing.B) {
	d := New()
	for _, column := range []string{"amount", "電話番号"} {
		b.Run(column, func(b *testing.B) {
			var tx detectors.Text
			b.ReportAllocs()
			for b.Loop() {
				for _, s := range tableCells {
					tx.SetText(s, column)
					for _, c := range d.Find(&tx) {
						d.Judge(c, &tx)
					}
				}
			}
		})
	}
}
