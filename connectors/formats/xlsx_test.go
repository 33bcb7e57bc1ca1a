package formats

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/pmscan/pmscan/connectors"
)

// workbook builds a test workbook: 顧客一覧 with a header row, numbers
// stored as numbers (a phone that lost its 0, a My Number Excel shows as
// 1.23457E+11) and shared strings; 名簿 written by the stream writer
// (inline strings) without a header; and an empty sheet.
func workbook(t *testing.T) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", "顧客一覧")
	rows := [][]any{
		{"顧客ID", "氏名", "電話番号", "個人番号", "メモ"},
		{1, "山田 太郎", 9012345678, 123456789018, "連絡は 080-1111-2222 まで"},
		{2, "佐藤 花子", nil, nil, strings.Repeat("長", 30000)},
	}
	for r, row := range rows {
		for c, v := range row {
			if v == nil {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if err := f.SetCellValue("顧客一覧", cell, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	style, _ := f.NewStyle(&excelize.Style{NumFmt: 11}) // 0.00E+00: what Excel shows a long number as
	f.SetCellStyle("顧客一覧", "D2", "D2", style)
	if _, err := f.NewSheet("名簿"); err != nil {
		t.Fatal(err)
	}
	sw, err := f.NewStreamWriter("名簿")
	if err != nil {
		t.Fatal(err)
	}
	sw.SetRow("A1", []any{42, "hanako@example.jp"})
	sw.SetRow("A3", []any{43, "鈴木一郎"})
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	f.NewSheet("空")
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestXLSX(t *testing.T) {
	data := workbook(t)
	for _, name := range []string{"顧客.xlsx", "顧客.XLSM"} {
		var got []string
		info, err := parseNamed(t.Context(), bytes.NewReader(data), name, Options{}, func(r connectors.Record, err error) error {
			if err != nil {
				t.Errorf("record error: %v", err)
				return nil
			}
			if r.Loc.Object.Path != name || r.Loc.Line != 0 || r.Lines {
				t.Errorf("location %+v", r.Loc)
			}
			v := string(r.Data)
			if len(v) > 40 {
				v = fmt.Sprintf("%d bytes", len(v))
			}
			if r.Label {
				v = "label " + v
			}
			got = append(got, fmt.Sprintf("%s!%s [%s] %s", r.Loc.Sheet, r.Loc.Cell, r.Loc.Column, v))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if info.Format != FormatXLSX || info.Bytes != int64(len(data)) {
			t.Errorf("info %+v", info)
		}
		want := []string{
			"顧客一覧!A1 [] label 顧客ID", "顧客一覧!B1 [] label 氏名", "顧客一覧!C1 [] label 電話番号", "顧客一覧!D1 [] label 個人番号", "顧客一覧!E1 [] label メモ",
			"顧客一覧!A2 [顧客ID] 1", "顧客一覧!B2 [氏名] 山田 太郎", "顧客一覧!C2 [電話番号] 9012345678", "顧客一覧!D2 [個人番号] 123456789018",
			"顧客一覧!E2 [メモ] 連絡は 080-1111-2222 まで",
			"顧客一覧!A3 [顧客ID] 2", "顧客一覧!B3 [氏名] 佐藤 花子",
			"顧客一覧!E3 [メモ] 65535 bytes", "顧客一覧!E3 [メモ] 24465 bytes", // 30,000 three-byte characters, cut at a rune boundary under the record limit
			"名簿!A1 [A] 42", "名簿!B1 [B] hanako@example.jp", "名簿!A3 [A] 43", "名簿!B3 [B] 鈴木一郎",
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s: records\n%s\nwant\n%s", name, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}

func TestXLSXBadInput(t *testing.T) {
	data := workbook(t)
	tests := []struct {
		name, file string
		data       []byte
		wantSkip   bool
	}{
		{"truncated", "a.xlsx", data[:len(data)/2], false},
		{"not a workbook inside", "a.xlsx", []byte("PK\x03\x04garbage that is not a zip at all"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseNamed(t.Context(), bytes.NewReader(tt.data), tt.file, Options{}, func(connectors.Record, error) error { return nil })
			if err == nil || connectors.IsSkip(err) != tt.wantSkip || !strings.HasPrefix(err.Error(), "xlsx: ") && !tt.wantSkip {
				t.Errorf("err = %v, want a clear xlsx error", err)
			}
		})
	}
	// Zips of formats not read keep being skipped by type.
	_, err := parseNamed(t.Context(), bytes.NewReader(data), "a.ods", Options{}, func(connectors.Record, error) error { return nil })
	if !connectors.IsSkip(err) || !strings.Contains(err.Error(), "ods") {
		t.Errorf("ods: %v", err)
	}
}

// FuzzXLSX: no workbook, however broken, panics, hangs or yields a record
// past the limit or without its sheet and cell.
func FuzzXLSX(f *testing.F) {
	f.Add(workbook(&testing.T{}))
	f.Fuzz(func(t *testing.T, data []byte) {
		if !bytes.HasPrefix(data, []byte("PK\x03\x04")) {
			return // not a workbook: read as text, which FuzzCSV and others cover
		}
		parseNamed(t.Context(), bytes.NewReader(data), "f.xlsx", Options{MaxRecordBytes: 64}, func(r connectors.Record, err error) error {
			if err == nil && (len(r.Data) == 0 || len(r.Data) > 64 || r.Loc.Sheet == "" || r.Loc.Cell == "") {
				t.Fatalf("record %+v", r)
			}
			return nil
		})
	})
}
