package ledger

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/pmscan/pmscan/reports/ja"
)

// Printing. Auditors print the workbook, so every sheet is laid out for
// A4 landscape: one page wide however many tall, its header rows repeated
// on every page, and every line of every cell shown. Excel and LibreOffice
// do not fit row heights to wrapped text in a file they open, so the
// heights are worked out here from the text and the column widths.

const (
	// paperA4 is A4 in the OOXML list of paper sizes.
	paperA4 = 9
	// lineHeight is one line of text, in points: Calibri 11 is 15, and
	// the Japanese fonts that stand in for it (MS P Gothic, IPA Gothic)
	// are no taller.
	lineHeight = 15.0
	// rowPadding is the room above and below a row's text, in points.
	rowPadding = 3.0
	// maxRowHeight is the tallest row Excel allows, in points.
	maxRowHeight = 409.0
	// maxCellLines is as many lines as a row of maxRowHeight shows.
	maxCellLines = (int(maxRowHeight) - int(rowPadding)) / int(lineHeight)
)

// pageSetup is what every sheet prints with.
type pageSetup struct {
	header, footer string
}

// newPageSetup puts the sheet's name and the company at the top of every
// page, and the scan, how it ended and the page number at the bottom, so
// that a loose page still says what it is and whether the scan was whole.
func newPageSetup(v *view) pageSetup {
	inv := v.inv
	scan := "スキャン終了 " + v.time(inv.Finished) + "　" + ja.Status(inv.ScanStatus())
	return pageSetup{
		header: `&L&"-,Bold"&A&R` + headerText(inv.Company),
		footer: "&L" + headerText(scan) + "&R&P / &N ページ",
	}
}

// headerText escapes s for a page header or footer, where & starts a
// code, and keeps it short: a header field holds 255 characters in all.
func headerText(s string) string {
	if utf8.RuneCountInString(s) > 100 {
		s = string([]rune(s)[:99]) + "…"
	}
	return strings.ReplaceAll(s, "&", "&&")
}

// apply sets sheet up for print. titleRows (0 for none) are repeated at
// the top of every page. Call it before a stream writer opens the sheet:
// the stream writes the sheet's properties when it opens.
func (p pageSetup) apply(f *excelize.File, sheet string, titleRows int) error {
	// FitToHeight 0: as many pages tall as it takes.
	landscape, size, pagesWide, pagesTall := "landscape", paperA4, 1, 0
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{
		Size: &size, Orientation: &landscape, FitToWidth: &pagesWide, FitToHeight: &pagesTall,
	}); err != nil {
		return err
	}
	fit := true
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	// Narrow sides leave the columns more of the page (inches).
	side, top, edge := 0.4, 0.7, 0.3
	if err := f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{
		Left: &side, Right: &side, Top: &top, Bottom: &top, Header: &edge, Footer: &edge,
	}); err != nil {
		return err
	}
	if err := f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddHeader: p.header, OddFooter: p.footer}); err != nil {
		return err
	}
	if titleRows == 0 {
		return nil
	}
	return f.SetDefinedName(&excelize.DefinedName{
		Name:     "_xlnm.Print_Titles",
		RefersTo: "'" + strings.ReplaceAll(sheet, "'", "''") + "'!$1:$" + strconv.Itoa(titleRows),
		Scope:    sheet,
	})
}

// rowHeight is the height of a row whose tallest cell has lines lines.
func rowHeight(lines int) float64 {
	return min(float64(max(lines, 1))*lineHeight+rowPadding, maxRowHeight)
}

// usableWidth is the text a cell of width characters holds on a line.
// Fonts differ from the character count a little (Japanese glyphs are
// slightly more than two digits wide), so it errs on the narrow side.
func usableWidth(width float64) float64 {
	return max(width*0.95-1, 1)
}

// widthFor is the width of a cell that holds text text wide on one line:
// usableWidth's inverse.
func widthFor(text float64) float64 {
	return (text+1)/0.95 + 0.1
}

// wrappedLines counts the lines s takes in a wrapped cell width characters
// wide: its own lines, each broken as Excel and LibreOffice break it, at
// spaces, between Japanese characters, and inside words longer than a line.
func wrappedLines(s string, width float64) int {
	if s == "" {
		return 1
	}
	avail := usableWidth(width)
	n := 0
	for line := range strings.SplitSeq(s, "\n") {
		n += lineBreaks(line, avail)
	}
	return n
}

// lineBreaks counts the lines one line of text takes, avail wide.
func lineBreaks(s string, avail float64) int {
	lines, x := 1, 0.0
	// put places a piece that may not be broken.
	put := func(w float64) {
		if x > 0 && x+w > avail {
			lines++
			x = 0
		}
		x += w
	}
	word := 0.0 // the width of the Latin word being read
	var letters []float64
	flush := func() {
		switch {
		case word == 0:
		case word <= avail:
			put(word)
		default: // longer than a line: broken anywhere
			for _, w := range letters {
				put(w)
			}
		}
		word, letters = 0, letters[:0]
	}
	for _, r := range s {
		switch {
		case r == ' ' || r == '\t':
			flush()
			x++ // a space at the end of a line takes no room on the next
		case wide(r):
			flush()
			put(2)
		default:
			word++
			letters = append(letters, 1)
		}
	}
	flush()
	return lines
}

// fitLines shortens s, if it needs more lines than a row can show at
// width, to what fits and a note of what was left out, so that a cell never
// hides text without saying so.
func fitLines(s string, width float64) string {
	if wrappedLines(s, width) <= maxCellLines {
		return s
	}
	lines := strings.Split(s, "\n")
	for keep := len(lines) - 1; keep > 0; keep-- {
		cut := strings.Join(lines[:keep], "\n") + "\n（ほか " + strconv.Itoa(len(lines)-keep) + " 行は表示しきれないため省略）"
		if wrappedLines(cut, width) <= maxCellLines {
			return cut
		}
	}
	// Its first line alone is too long: cut by characters, the most that fit.
	r := []rune(s)
	lo, hi := 0, len(r)
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if wrappedLines(string(r[:mid])+elided, width) <= maxCellLines {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return string(r[:lo]) + elided
}

// elided ends a cell's text cut to fit its row.
const elided = "…（以下、表示しきれないため省略）"
