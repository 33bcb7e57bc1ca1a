package ledger

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/pmscan/pmscan/reports/inventory"
)

// utf8BOM makes Excel read the CSV as UTF-8 rather than the ANSI code page.
const utf8BOM = "\ufeff"

// WriteCSV writes the ledger at holding granularity: one row per item per
// place and column, with Japanese headers, as UTF-8 with a byte order mark
// and CRLF line ends so that Excel opens it as it is. The CSV stays one
// table: the conformance flags are in the 指摘 (most severe) and 備考
// columns of the rows they concern.
func WriteCSV(w io.Writer, inv *inventory.Inventory, opt Options) error {
	v := newView(inv, opt)
	bw := bufio.NewWriter(w)
	if _, err := bw.WriteString(utf8BOM); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	cw := csv.NewWriter(bw)
	cw.UseCRLF = true
	row := make([]string, len(holdingColumns))
	for j, c := range holdingColumns {
		row[j] = c.header
	}
	if err := cw.Write(row); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	for i := range inv.Holdings {
		for j, c := range holdingColumns {
			row[j] = v.csvCell(c.value(v, i))
		}
		if err := cw.Write(row); err != nil {
			return fmt.Errorf("write csv: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	return nil
}

// csvCell formats a value for a spreadsheet: numbers bare, dates as
// YYYY-MM-DD, and text that a spreadsheet would take for a formula (a file
// or column named =HYPERLINK(…), say) prefixed with an apostrophe.
func (v *view) csvCell(x any) string {
	switch x := x.(type) {
	case int64:
		return strconv.FormatInt(x, 10)
	case *time.Time:
		return v.date(x)
	case string:
		return defuse(x)
	}
	return ""
}

// defuse keeps a spreadsheet from evaluating text as a formula (CSV
// injection): text starting with = + - @ or a tab or CR gets a leading
// apostrophe, which Excel and LibreOffice show as text.
func defuse(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
