package ledger

import (
	"fmt"
	"io"
	"math"
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
	SheetProblems = "読み取れなかった項目"
	SheetFindings = "検出結果"
)

// findingRowCap is MaxFindingRows; tests lower it.
var findingRowCap = MaxFindingRows

// WriteXLSX writes the ledger as an Excel workbook with five sheets:
//
//   - 概要: the scan and how it ended, the conformance flags counted by
//     severity, the targets and how each ended, what the counts mean, the
//     totals, then every flag explained;
//   - 個人情報管理台帳: one row per item, the ledger proper;
//   - 保管場所別: one row per item per place and column, as WriteCSV;
//   - 読み取れなかった項目: the items skipped or not readable, with why,
//     then how many more there were than listed;
//   - 検出結果: the findings from fs (nil for none), masked unless the scan
//     kept raw values, at most MaxFindingRows of them, then a note saying
//     how many were left out. It is streamed, so memory stays bounded.
//
// Header rows are bold on a dark fill, frozen, and have autofilters. Every
// sheet prints on A4 landscape, one page wide, with its header rows on
// every page, the scan and the page number in the footer, and rows tall
// enough for every line of their cells.
func WriteXLSX(w io.Writer, inv *inventory.Inventory, fs Findings, opt Options) (err error) {
	if inv, err = withProblems(inv, opt.Problems); err != nil {
		return fmt.Errorf("write xlsx: %w", err)
	}
	v := newView(inv, opt)
	t := newTables(v)
	pg := newPageSetup(v)
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
	for _, s := range []string{SheetLedger, SheetHoldings, SheetProblems, SheetFindings} {
		if _, err := f.NewSheet(s); err != nil {
			return fmt.Errorf("write xlsx: %w", err)
		}
	}
	for _, tb := range []struct {
		sheet string
		cols  []column
		n     int
	}{
		{SheetLedger, itemColumns, len(inv.Items)},
		{SheetHoldings, holdingColumns, len(inv.Holdings)},
		{SheetProblems, problemColumns, len(inv.Problems)},
	} {
		if err := writeTable(f, st, pg, tb.sheet, tb.cols, tb.n, t); err != nil {
			return fmt.Errorf("write xlsx: sheet %s: %w", tb.sheet, err)
		}
	}
	if err := writeProblemsNote(f, st, inv); err != nil {
		return fmt.Errorf("write xlsx: sheet %s: %w", SheetProblems, err)
	}
	fr, err := writeFindings(f, st, pg, v, fs)
	if err != nil {
		return fmt.Errorf("write xlsx: sheet %s: %w", SheetFindings, err)
	}
	if err := writeSummary(f, st, pg, v, fr); err != nil {
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

// styles are the workbook's cell styles. Text wraps in every one that
// holds text, so that a printed cell shows all of it.
type styles struct {
	header, text, num, date, dateTime, title, section, label, note int
	sev                                                            [3]int // by inventory.Severity
}

// Severity colours, shared with the HTML report: fills and text.
var sevFill = [3]string{"EAECF0", "FEF0C7", "FEE4E2"}
var sevText = [3]string{"344054", "93370D", "B42318"}

func newStyles(f *excelize.File) (*styles, error) {
	border := []excelize.Border{
		{Type: "left", Color: "D0D5DD", Style: 1}, {Type: "right", Color: "D0D5DD", Style: 1},
		{Type: "top", Color: "D0D5DD", Style: 1}, {Type: "bottom", Color: "D0D5DD", Style: 1},
	}
	top := &excelize.Alignment{Vertical: "top", WrapText: true}
	dateFmt, dateTimeFmt := "yyyy-mm-dd", "yyyy-mm-dd hh:mm"
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
		{&s.num, &excelize.Style{Alignment: &excelize.Alignment{Vertical: "top"}, Border: border, NumFmt: 3}}, // #,##0
		{&s.date, &excelize.Style{Alignment: &excelize.Alignment{Vertical: "top"}, Border: border, CustomNumFmt: &dateFmt}},
		{&s.dateTime, &excelize.Style{Alignment: &excelize.Alignment{Vertical: "top"}, Border: border, CustomNumFmt: &dateTimeFmt}},
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
		{&s.note, &excelize.Style{Font: &excelize.Font{Italic: true, Color: "667085"}, Alignment: top}},
	}
	for sev := range s.sev {
		defs = append(defs, struct {
			id *int
			s  *excelize.Style
		}{&s.sev[sev], &excelize.Style{
			Font:      &excelize.Font{Bold: true, Color: sevText[sev]},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{sevFill[sev]}},
			Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "center", WrapText: true}, Border: border,
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

// statusStyle styles a scan's status: failed and interrupted as high,
// unreadable items as medium.
func (st *styles) statusStyle(status string) int {
	switch status {
	case inventory.StatusFailed, inventory.StatusInterrupted:
		return st.sev[inventory.SeverityHigh]
	case inventory.StatusUnreadable:
		return st.sev[inventory.SeverityMedium]
	}
	return st.text
}

// writeTable writes a header row and n rows of cols, styled, with frozen
// header and first column, an autofilter, column widths that fit their
// content up to a limit, rows tall enough for their wrapped text, and the
// page set up for print.
func writeTable(f *excelize.File, st *styles, pg pageSetup, sheet string, cols []column, n int, t *tables) error {
	// The widths come first: the row heights depend on them.
	text := make([]float64, len(cols))
	number := make([]float64, len(cols))
	for i := range n {
		for j, c := range cols {
			switch x := c.value(t, i).(type) {
			case string:
				text[j] = max(text[j], textWidth(x))
			case int64:
				number[j] = max(number[j], float64(len(units.Thousands(x))))
			case *time.Time:
				number[j] = max(number[j], 10)
			}
		}
	}
	widths := make([]float64, len(cols))
	lines := 1
	for j, c := range cols {
		widths[j] = fitWidth(c, text[j], number[j])
		if err := f.SetColWidth(sheet, colName(j), colName(j), widths[j]); err != nil {
			return err
		}
		if err := f.SetCellStr(sheet, cellName(j, 0), c.header); err != nil {
			return err
		}
		lines = max(lines, wrappedLines(c.header, widths[j]))
	}
	if err := f.SetCellStyle(sheet, "A1", cellName(len(cols)-1, 0), st.header); err != nil {
		return err
	}
	if err := f.SetRowHeight(sheet, 1, rowHeight(lines)); err != nil {
		return err
	}
	for i := range n {
		lines := 1
		for j, c := range cols {
			ref := cellName(j, i+1)
			style := st.text
			switch x := c.value(t, i).(type) {
			case string:
				x = fitLines(x, widths[j])
				if err := f.SetCellStr(sheet, ref, x); err != nil {
					return err
				}
				if c.sev {
					style = st.sevStyle(x)
				}
				lines = max(lines, wrappedLines(x, widths[j]))
			case int64:
				if err := f.SetCellInt(sheet, ref, x); err != nil {
					return err
				}
				style = st.num
			case *time.Time:
				if x != nil {
					if err := f.SetCellValue(sheet, ref, wallClock(x.In(t.zone))); err != nil {
						return err
					}
				}
				style = st.date
			}
			if err := f.SetCellStyle(sheet, ref, ref, style); err != nil {
				return err
			}
		}
		if lines > 1 {
			if err := f.SetRowHeight(sheet, i+2, rowHeight(lines)); err != nil {
				return err
			}
		}
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, XSplit: 1, YSplit: 1, TopLeftCell: "B2", ActivePane: "bottomRight"}); err != nil {
		return err
	}
	if err := f.AutoFilter(sheet, "A1:"+cellName(len(cols)-1, max(n, 1)), nil); err != nil {
		return err
	}
	return pg.apply(f, sheet, 1)
}

// fitWidth is a column's width: its widest text, at most c.width (longer
// text wraps), at least room for its header on three lines and for its
// numbers and dates, which do not wrap.
func fitWidth(c column, text, number float64) float64 {
	w := math.Ceil(widthFor(max(text, 3))*2) / 2
	for w < c.width && wrappedLines(c.header, w) > 3 {
		w += 0.5
	}
	return max(min(w, c.width), number+2)
}

// writeProblemsNote ends the problems sheet: that there are none, or how
// many more there were than it lists. The note spans the table's width.
func writeProblemsNote(f *excelize.File, st *styles, inv *inventory.Inventory) error {
	note := ""
	more := inv.Totals.Skipped + inv.Totals.Failed - int64(len(inv.Problems))
	switch {
	case len(inv.Problems) == 0 && more <= 0:
		note = "スキップした項目、読み取れなかった項目はありません。"
	case more > 0:
		note = fmt.Sprintf("一覧は最初の %s 件です。ほか %s 件のスキップ・読み取り失敗はこの一覧にありません（スキップは全 %s 件、読み取り失敗は全 %s 件）。",
			units.Thousands(int64(len(inv.Problems))), units.Thousands(more),
			units.Thousands(inv.Totals.Skipped), units.Thousands(inv.Totals.Failed))
	default:
		return nil
	}
	row := len(inv.Problems) + 3
	if len(inv.Problems) == 0 {
		row = 3
	}
	from, to := cellName(0, row-1), cellName(len(problemColumns)-1, row-1)
	width := 0.0
	for j := range problemColumns {
		w, err := f.GetColWidth(SheetProblems, colName(j))
		if err != nil {
			return err
		}
		width += w
	}
	if err := f.SetCellStr(SheetProblems, from, note); err != nil {
		return err
	}
	if err := f.MergeCell(SheetProblems, from, to); err != nil {
		return err
	}
	if err := f.SetCellStyle(SheetProblems, from, to, st.note); err != nil {
		return err
	}
	return f.SetRowHeight(SheetProblems, row, rowHeight(wrappedLines(note, width)))
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

// wallClock is t's wall clock in its zone, as UTC: Excel's times have no
// zone, so the cell shows the time the report's reader lives in.
func wallClock(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
}

// cellName names the cell at 0-based column j and row i.
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

// findingWidths are fixed: the sheet is streamed, so its widths are set
// before its content is known. Longer text wraps.
var findingWidths = []float64{7, 14, 12, 16, 5, 16, 14, 34, 14, 7, 12, 7, 17, 40}

// writeFindings streams fs into the findings sheet, at most findingRowCap
// rows, then a note of how many were left out.
func writeFindings(f *excelize.File, st *styles, pg pageSetup, v *view, fs Findings) (findingsResult, error) {
	var fr findingsResult
	// The stream writes the sheet's print properties when it opens.
	if err := pg.apply(f, SheetFindings, 1); err != nil {
		return fr, err
	}
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
	lines := 1
	for j, h := range findingHeaders {
		header[j] = excelize.Cell{StyleID: st.header, Value: h}
		lines = max(lines, wrappedLines(h, findingWidths[j]))
	}
	if err := sw.SetRow("A1", header, excelize.RowOpts{Height: rowHeight(lines)}); err != nil {
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
			cells, opts := styledRow(findingRow(&fd, fr.listed, items, v.zone), findingWidths, st)
			if err := sw.SetRow("A"+strconv.Itoa(row), cells, opts...); err != nil {
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

// styledRow styles a streamed row's values, text wrapped, and makes the
// row tall enough for its longest text; numbers are right-aligned.
func styledRow(values []any, widths []float64, st *styles) ([]any, []excelize.RowOpts) {
	cells := make([]any, len(values))
	lines := 1
	for j, x := range values {
		style := st.text
		switch x := x.(type) {
		case string:
			x = fitLines(x, widths[j])
			lines = max(lines, wrappedLines(x, widths[j]))
			cells[j] = excelize.Cell{StyleID: style, Value: x}
			continue
		case int, int64:
			style = st.num
		case time.Time:
			style = st.dateTime
		}
		cells[j] = excelize.Cell{StyleID: style, Value: x}
	}
	if lines > 1 {
		return cells, []excelize.RowOpts{{Height: rowHeight(lines)}}
	}
	return cells, nil
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
	var modified any
	if !o.Modified.IsZero() {
		modified = wallClock(o.Modified.In(zone))
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

// sheetWriter writes the summary sheet top to bottom, a row at a time,
// each row as tall as the wrapped text of its tallest cell.
type sheetWriter struct {
	f      *excelize.File
	sheet  string
	widths []float64 // the columns' widths
	row    int       // the next row, 1-based
	err    error
}

// span is a cell over n columns (merged when more than one); a nil value
// leaves it empty, a zero style unstyled.
type span struct {
	value any
	style int
	n     int
}

// write writes a row of cells from column A.
func (s *sheetWriter) write(cells ...span) {
	lines, j := 1, 0
	for _, c := range cells {
		n := max(c.n, 1)
		from, to := cellName(j, s.row-1), cellName(j+n-1, s.row-1)
		width := 0.0
		for _, w := range s.widths[j:min(j+n, len(s.widths))] {
			width += w
		}
		j += n
		if s.err != nil {
			return
		}
		switch x := c.value.(type) {
		case nil:
		case string:
			x = fitLines(x, width)
			lines = max(lines, wrappedLines(x, width))
			s.err = s.f.SetCellStr(s.sheet, from, x)
		default:
			s.err = s.f.SetCellValue(s.sheet, from, x)
		}
		if s.err == nil && n > 1 {
			s.err = s.f.MergeCell(s.sheet, from, to)
		}
		if s.err == nil && c.style != 0 {
			s.err = s.f.SetCellStyle(s.sheet, from, to, c.style)
		}
	}
	if s.err == nil && lines > 1 {
		s.err = s.f.SetRowHeight(s.sheet, s.row, rowHeight(lines))
	}
	s.row++
}

// summaryWidths are the summary sheet's columns, A to I: those of the flags
// table at its end; the tables above span several of them.
var summaryWidths = []float64{8, 17, 16, 16, 10, 34, 12, 8, 44}

// pair writes a label (columns A and B) and its value (C to I).
func (s *sheetWriter) pair(label string, value any, st *styles, valueStyle int) {
	s.write(span{label, st.label, 2}, span{value, valueStyle, 7})
}

// note writes a line of explanation across the sheet.
func (s *sheetWriter) note(text string, st *styles) {
	s.write(span{text, st.note, len(summaryWidths)})
}

// header writes a table's header row.
func (s *sheetWriter) header(st *styles, cells ...span) {
	for i := range cells {
		cells[i].style = st.header
	}
	s.write(cells...)
}

func (s *sheetWriter) section(title string, st *styles) {
	s.row++
	s.write(span{title, st.section, len(summaryWidths)})
}

// writeSummary writes the 概要 sheet: the scan and how it ended, the
// conformance summary, the targets and how each ended, the items that
// could not be read, the totals with what they count, then every flag.
func writeSummary(f *excelize.File, st *styles, pg pageSetup, v *view, fr findingsResult) error {
	inv := v.inv
	s := &sheetWriter{f: f, sheet: SheetSummary, widths: summaryWidths, row: 1}
	for j, w := range summaryWidths {
		if err := f.SetColWidth(SheetSummary, colName(j), colName(j), w); err != nil {
			return err
		}
	}
	s.write(span{"個人情報管理台帳 — 概要", st.title, len(summaryWidths)})
	if s.err == nil {
		s.err = f.SetRowHeight(SheetSummary, 1, 24)
	}
	s.row++
	s.pair("会社", inv.Company, st, st.text)
	s.pair("ポリシー", inv.Policy, st, st.text)
	s.pair("スキャン開始", v.time(inv.Started), st, st.text)
	s.pair("スキャン終了", v.time(inv.Finished), st, st.text)
	s.pair("所要時間", durationText(inv.Finished.Sub(inv.Started)), st, st.text)
	status := inv.ScanStatus()
	s.pair("スキャンの状態", statusLabel(status), st, st.statusStyle(status))
	if note := statusNote(status); note != "" {
		s.pair("状態について", note, st, st.text)
	}

	s.section("方針適合性の概要", st)
	s.header(st, span{"重要度", 0, 2}, span{"指摘の件数", 0, 1})
	total := 0
	for sev := inventory.SeverityHigh; sev >= inventory.SeverityLow; sev-- {
		n := v.bySeverity[sev]
		total += n
		s.write(span{severityLabel(sev), st.sev[sev], 2}, span{n, st.num, 1})
	}
	s.write(span{"合計", st.label, 2}, span{total, st.num, 1})
	if total == 0 {
		s.note("方針に反する保有は見つかりませんでした。", st)
	} else {
		s.note("指摘の一覧はこのシートの下にあります。", st)
	}

	s.section("スキャン対象", st)
	s.header(st, span{"対象", 0, 4}, span{"状態", 0, 1}, span{"理由", 0, 4})
	for i := range inv.Targets {
		t := &inv.Targets[i]
		status := targetStatus(t)
		reason := targetReasonLabel(t)
		if t.Error != "" {
			reason = reasonText(t.Reason, t.Error)
		}
		style := st.text
		switch status {
		case inventory.TargetFailed:
			style = st.sev[inventory.SeverityHigh]
		case inventory.TargetInterrupted:
			style = st.sev[inventory.SeverityMedium]
		}
		s.write(span{t.Name, st.text, 4}, span{targetStatusLabel(status), style, 1}, span{reason, st.text, 4})
	}
	if len(inv.Targets) == 0 {
		s.note("スキャン対象の記録がありません。", st)
	}

	s.section("読み取れなかった項目", st)
	to := inv.Totals
	switch more := to.Skipped + to.Failed - int64(len(inv.Problems)); {
	case to.Skipped+to.Failed == 0 && len(inv.Problems) == 0:
		s.note("スキップした項目、読み取れなかった項目はありません。", st)
	case more > 0:
		s.note(fmt.Sprintf("スキップ %s 件、読み取り失敗 %s 件。「%s」シートに最初の %s 件を理由とともに挙げています。ほか %s 件は一覧にありません。",
			units.Thousands(to.Skipped), units.Thousands(to.Failed), SheetProblems,
			units.Thousands(int64(len(inv.Problems))), units.Thousands(more)), st)
	default:
		s.note(fmt.Sprintf("スキップ %s 件、読み取り失敗 %s 件。すべて「%s」シートに理由とともに挙げています。",
			units.Thousands(to.Skipped), units.Thousands(to.Failed), SheetProblems), st)
	}

	s.section("集計", st)
	s.header(st, span{"項目", 0, 2}, span{"数", 0, 1}, span{"説明", 0, 6})
	for _, kv := range []struct {
		label string
		n     int64
		about string
	}{
		{"読み取ったオブジェクト", to.Objects, "最後まで読み取ったファイル、S3 オブジェクト、テーブルの数です。"},
		{"読み取ったバイト数", to.Bytes, ""},
		{"読み取った行数（DB）", to.Rows, "データベースから読み取った行の数です。"},
		{headerFindings, to.Findings, "見つかった値の延べ数です。同じ値も出てくるたびに数えます。方針が対象外とする種別も含みます。"},
		{"保有のある保管場所", int64(to.Places), ""},
		{"推定人数", to.Subjects, subjectsNote},
		{"台帳の項目", int64(len(inv.Items)), "「" + SheetLedger + "」シートの行数です。"},
		{"スキップ", to.Skipped, "意図して読み取らなかった項目（画像などテキストでないもの）です。"},
		{"読み取り失敗", to.Failed, "読み取れなかった項目です。そこに個人情報があっても数に入っていません。"},
		{"検出結果シートの行", fr.listed, ""},
		{"検出結果シートで省略", fr.omitted, ""},
	} {
		s.write(span{kv.label, st.label, 2}, span{kv.n, st.num, 1}, span{kv.about, st.text, 6})
	}
	shown := "マスク済み"
	if fr.raw {
		shown = "マスクなし（--show-data）"
	}
	s.write(span{"検出値の表示", st.label, 2}, span{shown, st.text, 7})

	s.section("台帳の数の見方", st)
	for _, kv := range [][2]string{
		{headerFindings, "見つかった値の延べ数です。同じ値も出てくるたびに数えます（40 行の性別の列なら 40）。"},
		{headerDistinct, "重複を除いた値の数です（40 行の性別の列なら 2）。値そのものは保存せず鍵付きハッシュで数えるため、数百を超えると約 1% の誤差がある推定値です。" +
			"「" + SheetLedger + "」シートでは、2 か所にある同じ値を 1 と数えます。人数ではありません。"},
		{headerRows, "「" + SheetHoldings + "」シートのデータベースの列について、値が空でない行の数です（最後まで読んだテーブルのみ）。ファイルや S3 では空欄です。"},
	} {
		s.pair(kv[0], kv[1], st, st.text)
	}

	s.section("指摘の一覧", st)
	s.header(st, span{"重要度", 0, 1}, span{"規則ID", 0, 1}, span{"規則", 0, 1}, span{"個人情報の項目", 0, 1}, span{"区分", 0, 1},
		span{"保管場所", 0, 1}, span{"列・キー", 0, 1}, span{headerFindings, 0, 1}, span{"詳細", 0, 1})
	if len(inv.Flags) == 0 {
		s.note("指摘はありません。", st)
	}
	for fi, fl := range inv.Flags {
		s.write(span{severityLabel(fl.Severity), st.sev[fl.Severity], 1}, span{fl.Rule, st.text, 1}, span{ruleLabel(fl.Rule), st.text, 1},
			span{fl.Item, st.text, 1}, span{classLabel(fl.Class), st.text, 1}, span{fl.Name, st.text, 1}, span{fl.Column, st.text, 1},
			span{fl.Findings, st.num, 1}, span{v.flagDetail(fi), st.text, 1})
	}
	if s.err != nil {
		return s.err
	}
	return pg.apply(f, SheetSummary, 1)
}
