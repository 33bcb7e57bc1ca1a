package ledger

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/pmscan/pmscan/internal/units"
	"github.com/pmscan/pmscan/reports/inventory"
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
