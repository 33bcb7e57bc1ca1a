package ledger

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/pmscan/pmscan/internal/units"
	"github.com/pmscan/pmscan/reports/inventory"
	"github.com/pmscan/pmscan/scanner"
)

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
		reasonsText(fd.Reasons),
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
