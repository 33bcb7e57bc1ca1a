package safetext

import (
	"strings"

	"golang.org/x/text/width"
)

// RuneWidth is how many terminal cells r takes: two for East Asian wide
// and full-width characters (漢字, かな, ＡＢＣ), one for the rest.
func RuneWidth(r rune) int {
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	return 1
}

// Width is how many terminal cells s takes.
func Width(s string) int {
	n := 0
	for _, r := range s {
		n += RuneWidth(r)
	}
	return n
}

// WriteTable writes rows as columns padded to their display width, which
// text/tabwriter, counting runes, does not know. Every line starts with
// indent; columns are two spaces apart. Each cell is shown through Name:
// a tab or newline in a name would break the columns.
func WriteTable(b *strings.Builder, indent string, rows [][]string) {
	var widths []int
	escaped := make([][]string, len(rows))
	for r, row := range rows {
		escaped[r] = make([]string, len(row))
		for i, cell := range row {
			cell = Name(cell)
			escaped[r][i] = cell
			if i == len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], Width(cell))
		}
	}
	for _, row := range escaped {
		b.WriteString(indent)
		for i, cell := range row {
			b.WriteString(cell)
			if i < len(row)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-Width(cell)+2))
			}
		}
		b.WriteByte('\n')
	}
}
