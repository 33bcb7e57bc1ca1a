package text

import (
	"strings"
	"unicode/utf8"

	"github.com/pmscan/pmscan/internal/safetext"
	"golang.org/x/text/width"
)

// writeTable writes rows as columns padded to their display width: a
// full-width character (漢字, かな, ＡＢＣ) takes two cells of a terminal,
// which text/tabwriter, counting runes, does not know. Every line starts
// with indent; columns are two spaces apart. Each cell is shown through
// safetext.Name: a tab or newline in a name would break the columns.
func writeTable(b *strings.Builder, indent string, rows [][]string) {
	var widths []int
	escaped := make([][]string, len(rows))
	for r, row := range rows {
		escaped[r] = make([]string, len(row))
		for i, cell := range row {
			cell = safetext.Name(cell)
			escaped[r][i] = cell
			if i == len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], displayWidth(cell))
		}
	}
	for _, row := range escaped {
		b.WriteString(indent)
		for i, cell := range row {
			b.WriteString(cell)
			if i < len(row)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-displayWidth(cell)+2))
			}
		}
		b.WriteByte('\n')
	}
}

// displayWidth is the number of terminal cells s takes.
func displayWidth(s string) int {
	n := 0
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		s = s[size:]
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}
