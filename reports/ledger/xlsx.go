package ledger

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/pmscan/pmscan/internal/units"

	"github.com/xuri/excelize/v2"

	"github.com/pmscan/pmscan/reports/inventory"
	"github.com/pmscan/pmscan/scanner"
)

// The workbook's sheets, in order.
const (
	SheetSummary  = "概要"
	SheetLedger   = "個人情報管理台帳"
	SheetHoldings = "保管場所別"
	SheetFindings = "検出結果"
)

// findingRowCap is MaxFindingRows; tests lower it.
var findingRowCap = MaxFindingRows

// WriteXLSX writes the ledger as an Excel workbook with four sheets:
//
//   - 概要: the scan, the conformance flags counted by severity, the
//     targets, the totals, then every flag and the items that could not be
//     read;
//   - 個人情報管理台帳: one row per item, the ledger proper;
//   - 保管場所別: one row per item per place and column, as WriteCSV;
//   - 検出結果: the findings from fs (nil for none), masked unless the scan
//     kept raw values, at most MaxFindingRows of them, then a note saying
//     how many were left out. It is streamed, so memory stays bounded.
//
// Header rows are bold on a dark fill, frozen, and have autofilters.
func WriteXLSX(w io.Writer, inv *inventory.Inventory, fs Findings, opt Options) (err error) {
	v := newView(inv, opt)
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("write xlsx: %w", cerr)
		}
	}()
	st, err := newStyles(f)
	if err != nil {
		return fmt.Errorf("write xlsx: %w", err)
	}
	if err := f.SetSheetName("Sheet1", SheetSummary); err != nil {
		return fmt.Errorf("write xlsx: %w", err)
	}
	for _, s := range []string{SheetLedger, SheetHoldings, SheetFindings} {
		if _, err := f.NewSheet(s); err != nil {
			return fmt.Errorf("write xlsx: %w", err)
		}
	}
	if err := writeTable(f, st, SheetLedger, itemColumns, len(inv.Items), v); err != nil {
		return fmt.Errorf("write xlsx: sheet %s: %w", SheetLedger, err)
	}
	if err := writeTable(f, st, SheetHoldings, holdingColumns, len(inv.Holdings), v); err != nil {
		return fmt.Errorf("write xlsx: sheet %s: %w", SheetHoldings, err)
	}
	fr, err := writeFindings(f, st, v, fs)
	if err != nil {
		return fmt.Errorf("write xlsx: sheet %s: %w", SheetFindings, err)
	}
	if err := writeSummary(f, st, v, fr); err != nil {
		return fmt.Errorf("write xlsx: sheet %s: %w", SheetSummary, err)
	}
	f.SetActiveSheet(0)
	when := inv.Finished.UTC().Format(time.RFC3339)
	if err := f.SetDocProps(&excelize.DocProperties{
		Title:    "個人情報管理台帳",
		Subject:  inv.Company,
		Creator:  "pmscan",
		Created:  when,
		Modified: when,
		Language: "ja-JP",
	}); err != nil {
		return fmt.Errorf("write xlsx: %w", err)
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("write xlsx: %w", err)
	}
	return nil
}

// styles are the workbook's cell styles.
type styles struct {
	header, text, wrap, num, date, title, section, label, note int
	sev                                                        [3]int // by inventory.Severity
}

// Severity colours, shared with the HTML report: fills and text.
var sevFill = [3]string{"EAECF0", "FEF0C7", "FEE4E2"}
var sevText = [3]string{"344054", "93370D", "B42318"}

func newStyles(f *excelize.File) (*styles, error) {
	border := []excelize.Border{
		{Type: "left", Color: "D0D5DD", Style: 1}, {Type: "right", Color: "D0D5DD", Style: 1},
		{Type: "top", Color: "D0D5DD", Style: 1}, {Type: "bottom", Color: "D0D5DD", Style: 1},
	}
	top := &excelize.Alignment{Vertical: "top"}
	dateFmt := "yyyy-mm-dd"
	s := &styles{}
	defs := []struct {
		id *int
		s  *excelize.Style
	}{
		{&s.header, &excelize.Style{
			Font:      &excelize.Font{Bold: true, Color: "FFFFFF"},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"1F3A5F"}},
			Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
			Border:    border,
		}},
		{&s.text, &excelize.Style{Alignment: top, Border: border}},
		{&s.wrap, &excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}, Border: border}},
		{&s.num, &excelize.Style{Alignment: top, Border: border, NumFmt: 3}}, // #,##0
		{&s.date, &excelize.Style{Alignment: top, Border: border, CustomNumFmt: &dateFmt}},
		{&s.title, &excelize.Style{Font: &excelize.Font{Bold: true, Size: 16, Color: "1F3A5F"}}},
		{&s.section, &excelize.Style{
			Font:   &excelize.Font{Bold: true, Size: 12, Color: "1F3A5F"},
			Border: []excelize.Border{{Type: "bottom", Color: "1F3A5F", Style: 2}},
		}},
		{&s.label, &excelize.Style{
			Font:      &excelize.Font{Bold: true},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F4F7"}},
			Alignment: top, Border: border,
		}},
		{&s.note, &excelize.Style{Font: &excelize.Font{Italic: true, Color: "667085"}}},
	}
	for sev := range s.sev {
		defs = append(defs, struct {
			id *int
			s  *excelize.Style
		}{&s.sev[sev], &excelize.Style{
			Font:      &excelize.Font{Bold: true, Color: sevText[sev]},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{sevFill[sev]}},
			Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "center"}, Border: border,
		}})
	}
	for _, d := range defs {
		id, err := f.NewStyle(d.s)
		if err != nil {
			return nil, err
		}
		*d.id = id
	}
	return s, nil
}

// sevStyle styles a cell holding a severity label.
func (st *styles) sevStyle(label string) int {
	switch label {
	case "高":
		return st.sev[inventory.SeverityHigh]
	case "中":
		return st.sev[inventory.SeverityMedium]
	case "低":
		return st.sev[inventory.SeverityLow]
	}
	return st.text
}

// writeTable writes a header row and n rows of cols, styled, with frozen
// header and first column, an autofilter, and column widths that fit
// Japanese text.
func writeTable(f *excelize.File, st *styles, sheet string, cols []column, n int, v *view) error {
	for j, c := range cols {
		if err := f.SetCellStr(sheet, cellName(j, 0), c.header); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(sheet, "A1", cellName(len(cols)-1, 0), st.header); err != nil {
		return err
	}
	widths := make([]float64, len(cols))
	for i := range n {
		for j, c := range cols {
			ref := cellName(j, i+1)
			style := st.text
			switch x := c.value(v, i).(type) {
			case string:
				if err := f.SetCellStr(sheet, ref, x); err != nil {
					return err
				}
				switch {
				case c.header == "指摘":
					style = st.sevStyle(x)
				case c.wrap || strings.Contains(x, "\n"):
					style = st.wrap
				}
				widths[j] = max(widths[j], textWidth(x))
			case int64:
				if err := f.SetCellInt(sheet, ref, x); err != nil {
					return err
				}
				style = st.num
				widths[j] = max(widths[j], float64(len(units.Thousands(x))))
			case *time.Time:
				if x != nil {
					if err := f.SetCellValue(sheet, ref, wallClock(x.In(v.zone))); err != nil {
						return err
					}
				}
				style = st.date
				widths[j] = max(widths[j], 10)
			}
			if err := f.SetCellStyle(sheet, ref, ref, style); err != nil {
				return err
			}
		}
	}
	for j, c := range cols {
		if err := f.SetColWidth(sheet, colName(j), colName(j), fitWidth(c, widths[j])); err != nil {
			return err
		}
	}
	if err := f.SetRowHeight(sheet, 1, 30); err != nil {
		return err
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, XSplit: 1, YSplit: 1, TopLeftCell: "B2", ActivePane: "bottomRight"}); err != nil {
		return err
	}
	return f.AutoFilter(sheet, "A1:"+cellName(len(cols)-1, max(n, 1)), nil)
}

// fitWidth is a column's width: wide enough for its content up to a
// limit, at least its default; wrapped columns keep their default.
func fitWidth(c column, content float64) float64 {
	if c.wrap {
		return c.width
	}
	return min(max(c.width, content+2), 60)
}

// textWidth is the width of s in the default font's characters: East
// Asian wide characters count two. Multi-line text counts its longest line.
func textWidth(s string) float64 {
	var w, line float64
	for _, r := range s {
		switch {
		case r == '\n':
			w, line = max(w, line), 0
		case wide(r):
			line += 2
		default:
			line++
		}
	}
	return max(w, line)
}

// wide reports East Asian wide and full-width characters, roughly.
func wide(r rune) bool {
	return r >= 0x1100 && (r <= 0x115F || (r >= 0x2E80 && r <= 0xA4CF) || (r >= 0xAC00 && r <= 0xD7A3) ||
		(r >= 0xF900 && r <= 0xFAFF) || (r >= 0xFE30 && r <= 0xFE4F) || (r >= 0xFF00 && r <= 0xFF60) ||
		(r >= 0xFFE0 && r <= 0xFFE6) || r >= 0x20000)
}

// cellName names the cell at 0-based column j and row i.
// wallClock is t's wall clock in its zone, as UTC: Excel's times have no
// zone, so the cell shows the time the report's reader lives in.
func wallClock(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
}

func cellName(j, i int) string {
	return colName(j) + strconv.Itoa(i+1)
}

func colName(j int) string {
	name, _ := excelize.ColumnNumberToName(j + 1)
	return name
}

// findingsResult says what the findings sheet holds.
type findingsResult struct {
	listed, omitted int64
	raw             bool // some values are unmasked (--show-data)
}

// findingHeaders are the findings sheet's columns.
var findingHeaders = []string{"No.", "種別", "細目", "個人情報の項目", "確度", "値", "保管方法", "保管場所", "列・キー", "行", "行キー", "文字コード", "最終更新", "根拠"}

var findingWidths = []float64{8, 16, 16, 20, 8, 24, 22, 56, 18, 8, 20, 10, 22, 48}

// writeFindings streams fs into the findings sheet, at most findingRowCap
// rows, then a note of how many were left out.
func writeFindings(f *excelize.File, st *styles, v *view, fs Findings) (findingsResult, error) {
	var fr findingsResult
	sw, err := f.NewStreamWriter(SheetFindings)
	if err != nil {
		return fr, err
	}
	for j, w := range findingWidths {
		if err := sw.SetColWidth(j+1, j+1, w); err != nil {
			return fr, err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return fr, err
	}
	header := make([]any, len(findingHeaders))
	for j, h := range findingHeaders {
		header[j] = excelize.Cell{StyleID: st.header, Value: h}
	}
	if err := sw.SetRow("A1", header, excelize.RowOpts{Height: 30}); err != nil {
		return fr, err
	}
	items := v.typeItems()
	row := 1
	if fs != nil {
		for fd, err := range fs {
			if err != nil {
				return fr, fmt.Errorf("read findings: %w", err)
			}
			if fr.listed >= int64(findingRowCap) {
				fr.omitted++
				continue
			}
			fr.listed++
			row++
			if err := sw.SetRow("A"+strconv.Itoa(row), findingRow(&fd, fr.listed, items, v.zone)); err != nil {
				return fr, err
			}
			if fd.Value != "" {
				fr.raw = true
			}
		}
	}
	last := max(row, 2)
	if fr.omitted > 0 {
		row += 2
		note := fmt.Sprintf("上限の %s 行を超えたため、ほか %s 件の検出結果は省略しました（検出結果は全 %s 件）。",
			units.Thousands(int64(findingRowCap)), units.Thousands(fr.omitted), units.Thousands(fr.listed+fr.omitted))
		if err := sw.SetRow("A"+strconv.Itoa(row), []any{excelize.Cell{StyleID: st.note, Value: note}}); err != nil {
			return fr, err
		}
	}
	// Before Flush, the autofilter lands in the streamed sheet.
	if err := f.AutoFilter(SheetFindings, "A1:"+cellName(len(findingHeaders)-1, last-1), nil); err != nil {
		return fr, err
	}
	return fr, sw.Flush()
}

// findingRow is one finding as a row of the findings sheet.
func findingRow(fd *scanner.Finding, n int64, items map[typeAt]string, zone *time.Location) []any {
	l := &fd.Location
	typ := fd.Type
	if fd.Kind != "" {
		typ += "/" + fd.Kind
	}
	place := inventory.PlaceOf(*l)
	value := fd.Masked
	if fd.Value != "" {
		value = fd.Value
	}
	var line any
	switch {
	case l.Line > 0:
		line = l.Line
	case l.RowNumber > 0:
		line = l.RowNumber
	}
	o := l.Object
	rowKey := string(l.Row)
	if o.RowBy != "" {
		rowKey = strings.TrimSpace(rowKey + " (" + o.RowBy + ")")
	}
	modified := ""
	if !o.Modified.IsZero() {
		modified = o.Modified.In(zone).Format(time.RFC3339)
	}
	return []any{
		n, fd.Type, fd.Kind, items[typeAt{place, typ}],
		confidenceLabel(fd.Confidence.String()),
		value, methodLabel(o.Store), place.Name, l.Column, line, rowKey, o.Encoding, modified,
		strings.Join(fd.Reasons, "; "),
	}
}

func confidenceLabel(c string) string {
	switch c {
	case "high":
		return "高"
	case "medium":
		return "中"
	case "low":
		return "低"
	}
	return c
}

// typeAt is a detector type at a place, for finding a finding's item.
type typeAt struct {
	place inventory.Place
	typ   string
}

// typeItems maps each detector type at each place and column to the item
// its holding is of.
func (v *view) typeItems() map[typeAt]string {
	m := map[typeAt]string{}
	for _, h := range v.inv.Holdings {
		for _, t := range h.Types {
			m[typeAt{h.Place, t}] = h.Item
		}
	}
	return m
}

// sheetWriter writes the summary sheet top to bottom.
type sheetWriter struct {
	f     *excelize.File
	sheet string
	row   int // the next row, 1-based
	err   error
}

// cells writes a row of values from column A, each with its style (0 for
// the default).
func (s *sheetWriter) cells(values []any, styleIDs ...int) {
	for j, x := range values {
		if s.err != nil {
			return
		}
		ref := cellName(j, s.row-1)
		switch x := x.(type) {
		case nil:
		case string:
			s.err = s.f.SetCellStr(s.sheet, ref, x)
		default:
			s.err = s.f.SetCellValue(s.sheet, ref, x)
		}
		if s.err == nil && j < len(styleIDs) && styleIDs[j] != 0 {
			s.err = s.f.SetCellStyle(s.sheet, ref, ref, styleIDs[j])
		}
	}
	s.row++
}

// pair writes a label and its value, the value merged over columns B to I.
func (s *sheetWriter) pair(label string, value any, st *styles, valueStyle int) {
	s.cells([]any{label, value}, st.label, valueStyle)
	s.merge("B", "I", valueStyle)
}

// merge merges columns from to to of the row just written, styled.
func (s *sheetWriter) merge(from, to string, style int) {
	r := strconv.Itoa(s.row - 1)
	if s.err == nil {
		s.err = s.f.MergeCell(s.sheet, from+r, to+r)
	}
	if s.err == nil {
		s.err = s.f.SetCellStyle(s.sheet, from+r, to+r, style)
	}
}

func (s *sheetWriter) section(title string, st *styles) {
	s.row++
	s.cells([]any{title}, st.section)
	if s.err == nil {
		s.err = s.f.SetCellStyle(s.sheet, "A"+strconv.Itoa(s.row-1), "I"+strconv.Itoa(s.row-1), st.section)
	}
}

// writeSummary writes the 概要 sheet: the scan, the conformance summary,
// the targets and totals, then every flag and problem.
func writeSummary(f *excelize.File, st *styles, v *view, fr findingsResult) error {
	inv := v.inv
	s := &sheetWriter{f: f, sheet: SheetSummary, row: 1}
	for j, w := range []float64{24, 16, 22, 20, 14, 48, 16, 10, 60, 60} {
		if err := f.SetColWidth(SheetSummary, colName(j), colName(j), w); err != nil {
			return err
		}
	}
	s.cells([]any{"個人情報管理台帳 — 概要"}, st.title)
	s.merge("A", "F", st.title)
	if s.err == nil {
		s.err = f.SetRowHeight(SheetSummary, 1, 24)
	}
	s.row++
	s.pair("会社", inv.Company, st, st.text)
	s.pair("ポリシー", inv.Policy, st, st.text)
	s.pair("スキャン開始", v.time(inv.Started), st, st.text)
	s.pair("スキャン終了", v.time(inv.Finished), st, st.text)
	s.pair("所要時間", durationText(inv.Finished.Sub(inv.Started)), st, st.text)
	status := "完了"
	if inv.Interrupted {
		status = "中断（途中までの結果です）"
	}
	s.pair("状態", status, st, st.text)

	s.section("方針適合性の概要", st)
	s.cells([]any{"重要度", "指摘の件数"}, st.header, st.header)
	total := 0
	for sev := inventory.SeverityHigh; sev >= inventory.SeverityLow; sev-- {
		n := v.bySeverity[sev]
		total += n
		s.cells([]any{severityLabel(sev), n}, st.sev[sev], st.num)
	}
	s.cells([]any{"合計", total}, st.label, st.num)
	if total == 0 {
		s.cells([]any{"方針に反する保有は見つかりませんでした。"}, st.note)
	} else {
		s.cells([]any{"指摘の一覧はこのシートの下にあります。"}, st.note)
	}

	s.section("スキャン対象", st)
	s.cells([]any{"対象", "結果", "エラー"}, st.header, st.header, st.header)
	for _, t := range inv.Targets {
		result, style := "完了", st.text
		if t.Error != "" {
			result, style = "失敗", st.sev[inventory.SeverityHigh]
		}
		s.cells([]any{t.Name, result, t.Error}, st.text, style, st.text)
	}

	s.section("集計", st)
	to := inv.Totals
	for _, kv := range []struct {
		label string
		n     int64
	}{
		{"読み取ったオブジェクト", to.Objects}, {"読み取ったバイト数", to.Bytes}, {"読み取った行 (DB)", to.Rows},
		{"検出数", to.Findings}, {"保有のある保管場所", int64(to.Places)}, {"推定人数", to.Subjects},
		{"台帳の項目", int64(len(inv.Items))}, {"スキップ", to.Skipped}, {"読み取り失敗", to.Failed},
		{"検出結果シートの行", fr.listed}, {"検出結果シートで省略", fr.omitted},
	} {
		s.cells([]any{kv.label, kv.n}, st.label, st.num)
	}
	shown := "マスク済み"
	if fr.raw {
		shown = "マスクなし（--show-data）"
	}
	s.cells([]any{"検出値の表示", shown}, st.label, st.text)
	s.cells([]any{"推定人数は保管場所ごとの最も多い識別項目の異なり数の合計です（同じ人が 2 か所にいれば 2 と数えます）。"}, st.note)

	s.section("指摘の一覧", st)
	s.cells([]any{"重要度", "規則ID", "規則", "個人情報の項目", "区分", "保管場所", "列・キー", "検出数", "詳細", "message"},
		st.header, st.header, st.header, st.header, st.header, st.header, st.header, st.header, st.header, st.header)
	if len(inv.Flags) == 0 {
		s.cells([]any{"指摘はありません。"}, st.note)
	}
	for fi, fl := range inv.Flags {
		s.cells([]any{severityLabel(fl.Severity), fl.Rule, ruleLabel(fl.Rule), fl.Item, classLabel(fl.Class), fl.Name, fl.Column, fl.Findings, v.flagDetail(fi), fl.Message},
			st.sev[fl.Severity], st.text, st.text, st.text, st.text, st.wrap, st.text, st.num, st.wrap, st.wrap)
	}

	if len(inv.Problems) > 0 {
		s.section("読み取れなかった項目", st)
		s.cells([]any{"内容", "保管方法", "場所"}, st.header, st.header, st.header)
		s.merge("C", "H", st.header)
		if s.err == nil {
			s.err = f.SetCellStr(SheetSummary, "I"+strconv.Itoa(s.row-1), "理由")
		}
		for _, p := range inv.Problems {
			kind := "読み取り失敗"
			if p.Skipped {
				kind = "スキップ"
			}
			place := p.Name
			if p.Column != "" {
				place += " [" + p.Column + "]"
			}
			s.cells([]any{kind, storeLabel(p.Store), place, nil, nil, nil, nil, nil, p.Error},
				st.text, st.text, st.text, 0, 0, 0, 0, 0, st.wrap)
			s.merge("C", "H", st.wrap)
		}
		if more := to.Skipped + to.Failed - int64(len(inv.Problems)); more > 0 {
			s.cells([]any{fmt.Sprintf("ほか %s 件は省略しました。", units.Thousands(more))}, st.note)
		}
	}
	return s.err
}
