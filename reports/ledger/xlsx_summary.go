package ledger

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"github.com/pmscan/pmscan/internal/units"
	"github.com/pmscan/pmscan/reports/inventory"
	"github.com/pmscan/pmscan/reports/ja"
)

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
	s.pair("ポリシー", policyLabel(inv.Policy), st, st.text)
	s.pair("スキャン開始", v.time(inv.Started), st, st.text)
	s.pair("スキャン終了", v.time(inv.Finished), st, st.text)
	s.pair("所要時間", durationText(inv.Finished.Sub(inv.Started)), st, st.text)
	status := inv.ScanStatus()
	s.pair("スキャンの状態", ja.Status(status), st, st.statusStyle(status))
	if note := ja.StatusNote(status); note != "" {
		s.pair("状態について", note, st, st.text)
	}
	if inv.StateStore != nil {
		s.pair("状態ストア", ja.StateStoreLoss(inv.StateStore, v.time(inv.StateStore.Failed)), st, st.text)
	}
	if inv.Changes != nil {
		s.pair("差分スキャン", ja.Changes(inv.Changes), st, st.text)
	}

	s.section("方針適合性の概要", st)
	s.header(st, span{"重要度", 0, 2}, span{"指摘の件数", 0, 1})
	total := 0
	for sev := inventory.SeverityHigh; sev >= inventory.SeverityLow; sev-- {
		n := v.bySeverity[sev]
		total += n
		s.write(span{ja.Severity(sev), st.sev[sev], 2}, span{n, st.num, 1})
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
		status := t.Outcome()
		reason := targetReasonLabel(t)
		if t.Error != "" {
			reason = ja.ReasonText(t.Reason, t.Error)
		}
		style := st.text
		switch status {
		case inventory.TargetFailed:
			style = st.sev[inventory.SeverityHigh]
		case inventory.TargetInterrupted:
			style = st.sev[inventory.SeverityMedium]
		}
		s.write(span{t.Name, st.text, 4}, span{ja.TargetStatus(status), style, 1}, span{reason, st.text, 4})
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
		{"許可リストで除外", to.Allowed, allowedNote(inv)},
		{"しきい値未満の保有", belowThresholdHoldings(inv), "ポリシーの thresholds（種別ごとの最小確度・最小件数）に満たず、台帳・保管場所別シートに含めなかった保有の数です。検出結果の件数には含まれます。"},
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
		s.write(span{ja.Severity(fl.Severity), st.sev[fl.Severity], 1}, span{fl.Rule, st.text, 1}, span{ja.Rule(fl.Rule), st.text, 1},
			span{fl.Item, st.text, 1}, span{classLabel(fl.Class), st.text, 1}, span{fl.Name, st.text, 1}, span{fl.Column, st.text, 1},
			span{fl.Findings, st.num, 1}, span{v.flagDetail(fi), st.text, 1})
	}
	if s.err != nil {
		return s.err
	}
	return pg.apply(f, SheetSummary, 1)
}

// allowedNote says what the allow list held back, by entry, for the
// summary sheet: the entries with their hits, and those unused.
func allowedNote(inv *inventory.Inventory) string {
	if len(inv.Allowed) == 0 && len(inv.AllowUnused) == 0 {
		return "許可リスト（自社の連絡先など）に一致して、検出結果に含めなかった数です。"
	}
	note := "許可リストに一致して検出結果に含めなかった数です。"
	for i, a := range inv.Allowed {
		if i == 10 {
			note += fmt.Sprintf(" ほか %d 件", len(inv.Allowed)-10)
			break
		}
		note += fmt.Sprintf(" %s（%s）%s 件", a.Entry, a.Type, units.Thousands(a.Hits))
	}
	if len(inv.AllowUnused) > 0 {
		note += fmt.Sprintf("。一致しなかったエントリ: %d 件", len(inv.AllowUnused))
	}
	return note
}

// belowThresholdHoldings counts the holdings the policy's thresholds kept
// out of the ledger.
func belowThresholdHoldings(inv *inventory.Inventory) int64 {
	var n int64
	for _, bt := range inv.BelowThreshold {
		n += int64(bt.Holdings)
	}
	return n
}
