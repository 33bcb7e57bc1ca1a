package lookup

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"
)

// xlsxColumns are the columns of each record sheet: one line per
// identifier found, with the policy's item it is held as.
var xlsxColumns = []string{"保管場所", "位置", "判定", "識別子", "列・キー", "値", "個人情報の項目", "区分", "利用目的", "開示対象", "受託", "保存期間", "担当部署"}

// writeXLSX writes the result as a workbook for the privacy office: a
// sheet per category (一致, 受託データ, 一致の可能性, 近いが別人), one line per
// identifier found, and the objects not searched.
func writeXLSX(w io.Writer, r *Result) error {
	f := excelize.NewFile()
	defer f.Close()
	var own, entrusted []Record
	for _, rec := range r.Matches {
		if rec.Entrusted {
			entrusted = append(entrusted, rec)
		} else {
			own = append(own, rec)
		}
	}
	sheets := []struct {
		name    string
		records []Record
	}{{"一致", own}, {"受託データ", entrusted}, {"一致の可能性", r.PossibleMatches}, {"近いが別人", r.NearMisses}}
	for i, sh := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", sh.name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(sh.name); err != nil {
			return err
		}
		rows := [][]any{toAny(xlsxColumns)}
		for _, rec := range sh.records {
			place, pos := rec.Object, positionJA(rec)
			for _, m := range rec.Matched {
				row := []any{place, pos, reasonJA(rec), kindLabel(m.Kind), m.Column, m.Value}
				if it := m.Item; it != nil {
					row = append(row, it.Name, it.Class, it.Purpose, yesNo(it.DisclosureTarget), yesNo(it.Entrusted), it.Retention, it.Department)
				}
				rows = append(rows, row)
			}
		}
		if err := writeRows(f, sh.name, rows); err != nil {
			return err
		}
	}
	if _, err := f.NewSheet("未検索"); err != nil {
		return err
	}
	rows := [][]any{{"保管場所", "理由"}}
	for _, p := range r.Problems {
		rows = append(rows, []any{p.Object + " " + p.Location.Store, p.Error})
	}
	if err := writeRows(f, "未検索", rows); err != nil {
		return err
	}
	_, err := f.WriteTo(w)
	return err
}

func writeRows(f *excelize.File, sheet string, rows [][]any) error {
	for i, row := range rows {
		cell, err := excelize.CoordinatesToCellName(1, i+1)
		if err != nil {
			return err
		}
		if err := f.SetSheetRow(sheet, cell, &row); err != nil {
			return fmt.Errorf("sheet %s: %w", sheet, err)
		}
	}
	return nil
}

func toAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
