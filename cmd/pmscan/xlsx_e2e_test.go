package main

import (
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/pmscan/pmscan/internal/testkit/synthetic"
)

// TestScanXLSX: a customer list typed into Excel, phone numbers and My
// Numbers stored as numbers, is found cell by cell with its header's names.
func TestScanXLSX(t *testing.T) {
	gen := synthetic.New(7)
	myNumber := gen.MyNumber()
	for myNumber[0] == '0' { // a number cell cannot hold a leading 0
		myNumber = gen.MyNumber()
	}
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "顧客一覧")
	for c, v := range []any{"氏名", "電話番号", "個人番号", "メールアドレス"} {
		cell, _ := excelize.CoordinatesToCellName(c+1, 1)
		f.SetCellValue("顧客一覧", cell, v)
	}
	var n int64
	for _, d := range myNumber {
		n = n*10 + int64(d-'0')
	}
	f.SetCellValue("顧客一覧", "A2", "山田 太郎")
	f.SetCellValue("顧客一覧", "B2", 9012345678) // 090-1234-5678 typed as a number
	f.SetCellValue("顧客一覧", "C2", n)
	f.SetCellValue("顧客一覧", "D2", "taro.yamada@example.jp")
	dir := t.TempDir()
	path := filepath.Join(dir, "顧客名簿.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}

	code, out, errOut := scan(t, "-format", "jsonl", "-progress", "never", dir)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	got := map[string]string{}
	for _, f := range parseFindings(t, out) {
		l := f.Location
		if l.Object.Path != path || l.Sheet != "顧客一覧" {
			t.Errorf("location %+v", l)
		}
		got[f.Type] = l.Cell + " " + l.Column + " " + f.Confidence.String()
	}
	for typ, want := range map[string]string{
		"person_name": "A2 氏名 high",
		"phone":       "B2 電話番号 medium", // the leading 0 restored, and said so
		"my_number":   "C2 個人番号 high",
		"email":       "D2 メールアドレス high",
	} {
		if got[typ] != want {
			t.Errorf("%s: %q, want %q (all: %v)", typ, got[typ], want, got)
		}
	}
}
