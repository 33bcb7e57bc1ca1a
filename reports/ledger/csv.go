package ledger

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/pmscan/pmscan/internal/units"
	"github.com/pmscan/pmscan/reports/inventory"
	"github.com/pmscan/pmscan/reports/ja"
)

// utf8BOM makes Excel read the CSV as UTF-8 rather than the ANSI code page.
const utf8BOM = "\ufeff"

// The CSV's columns after the holdings' own: what a row is, and for a
// target or an item that was not read, where in it and why.
const (
	csvRowType  = "行の種類"
	csvPosition = "位置"
	csvReason   = "理由"
	csvCode     = "理由コード"
	csvDetail   = "詳細"
)

// Row types (the 行の種類 column).
const (
	rowHolding = "保有"
	rowTarget  = "スキャン対象"
	rowProblem = "読み取れなかった項目"
	rowOmitted = "省略"
	rowScan    = "スキャン"
)

// WriteCSV writes the ledger at holding granularity, with Japanese headers,
// as UTF-8 with a byte order mark and CRLF line ends so that Excel opens it
// as it is. The CSV is one table, so that spreadsheets filter it and CSV
// readers read it as they read any: its 行の種類 column says what each row
// is.
//
//   - 保有: one row per item per place and column. The conformance flags
//     are in the 指摘 (most severe) and 備考 columns of the rows they
//     concern.
//   - スキャン対象: a target whose walk failed or was interrupted; 区分
//     says which, 理由 and 詳細 why.
//   - 読み取れなかった項目: an item skipped or not readable; 区分 says
//     which, 位置 where inside its place, 理由 and 詳細 why.
//   - 省略: how many more items were skipped or not readable than listed
//     (inventory.MaxProblems), in 詳細.
//   - スキャン: the last row, always: how the scan ended in 区分 (its code,
//     inventory.Status*, in 理由コード), what that means for the ledger
//     and when the scan ran in 詳細.
func WriteCSV(w io.Writer, inv *inventory.Inventory, opt Options) error {
	inv, err := withProblems(inv, opt.Problems)
	if err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	v := newView(inv, opt)
	t := newTables(v)
	bw := bufio.NewWriter(w)
	if _, err := bw.WriteString(utf8BOM); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	cw := csv.NewWriter(bw)
	cw.UseCRLF = true
	header := make([]string, 0, len(holdingColumns)+5)
	for _, c := range holdingColumns {
		header = append(header, c.header)
	}
	header = append(header, csvRowType, csvPosition, csvReason, csvCode, csvDetail)
	if err := cw.Write(header); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	row := make([]string, len(header))
	// other writes a row that is not a holding, its cells by header.
	other := func(cells map[string]string) error {
		for j, h := range header {
			row[j] = defuse(cells[h])
		}
		return cw.Write(row)
	}
	for i := range inv.Holdings {
		clear(row)
		for j, c := range holdingColumns {
			row[j] = t.csvCell(c.value(t, i))
		}
		row[slices.Index(header, csvRowType)] = rowHolding
		if err := cw.Write(row); err != nil {
			return fmt.Errorf("write csv: %w", err)
		}
	}
	for i := range inv.Targets {
		tg := &inv.Targets[i]
		status := tg.Outcome()
		if status == inventory.TargetOK {
			continue
		}
		if err := other(map[string]string{
			csvRowType: rowTarget, "区分": ja.TargetStatus(status), "保管場所": tg.Name,
			csvReason: targetReasonLabel(tg), csvCode: tg.Reason, csvDetail: tg.Error,
		}); err != nil {
			return fmt.Errorf("write csv: %w", err)
		}
	}
	for i := range inv.Problems {
		p := &inv.Problems[i]
		if err := other(map[string]string{
			csvRowType: rowProblem, "区分": ja.ProblemKind(p.Skipped), "保管場所": p.Name, "列・キー": p.Column,
			"保管方法": methodLabel(p.Store), csvPosition: p.Position,
			csvReason: ja.Reason(p.Reason), csvCode: p.Reason, csvDetail: p.Error,
		}); err != nil {
			return fmt.Errorf("write csv: %w", err)
		}
	}
	if more := inv.Totals.Skipped + inv.Totals.Failed - int64(len(inv.Problems)); more > 0 {
		if err := other(map[string]string{
			csvRowType: rowOmitted,
			csvDetail: fmt.Sprintf("ほか %s 件のスキップ・読み取り失敗は一覧にありません（一覧は最初の %s 件）。",
				units.Thousands(more), units.Thousands(int64(len(inv.Problems)))),
		}); err != nil {
			return fmt.Errorf("write csv: %w", err)
		}
	}
	// Before the status row, which stays the last.
	if inv.Changes != nil {
		if err := other(map[string]string{
			csvRowType: rowScan, "区分": "差分スキャン", csvDetail: ja.Changes(inv.Changes),
		}); err != nil {
			return fmt.Errorf("write csv: %w", err)
		}
	}
	if inv.StateStore != nil {
		if err := other(map[string]string{
			csvRowType: rowScan, "区分": "状態ストア",
			csvDetail: ja.StateStoreLoss(inv.StateStore, v.time(inv.StateStore.Failed)),
		}); err != nil {
			return fmt.Errorf("write csv: %w", err)
		}
	}
	status := inv.ScanStatus()
	when := fmt.Sprintf("スキャン %s 〜 %s", v.time(inv.Started), v.time(inv.Finished))
	if err := other(map[string]string{
		csvRowType: rowScan, "区分": ja.Status(status), csvCode: status,
		csvDetail: strings.TrimSpace(ja.StatusNote(status) + " " + when),
	}); err != nil {
		return fmt.Errorf("write csv: %w", err)
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
