package ledger

import (
	"strings"

	"github.com/pmscan/pmscan/reports/inventory"
	"github.com/pmscan/pmscan/reports/ja"
)

// column is one column of a ledger table, shared by the CSV and the
// workbook. value returns a string, an int64 or a *time.Time (a date; nil
// when unknown).
type column struct {
	header string
	// width is the most the column takes in the workbook, in characters
	// of the default font; longer text wraps. A column takes less when
	// its content is narrower.
	width float64
	sev   bool // holds a severity label: styled by it in the workbook
	value func(t *tables, i int) any
}

// tables is the view as the ledger's tables read it, with what only they
// look up.
type tables struct {
	*view
	// rows counts the non-empty values of each database column read to
	// the end, by place and column: the rows that have a value there.
	rows map[inventory.Place]int64
}

func newTables(v *view) *tables {
	t := &tables{view: v, rows: map[inventory.Place]int64{}}
	for _, c := range v.inv.Columns {
		// A partial table's values are unknown; a skipped column's unread.
		if !c.Partial && c.Skipped == "" {
			t.rows[inventory.Place{Store: c.Store, Name: c.Place, Column: c.Column}] = c.Values
		}
	}
	return t
}

// itemColumn is a column of the items table that shows one of the
// attributes the policy declares for the item.
func itemColumn(header string, width float64, v func(*inventory.ItemSummary) string) column {
	return column{header: header, width: width, value: func(t *tables, i int) any { return v(&t.inv.Items[i]) }}
}

// holdingItemColumn is such a column of the holdings table: the
// holding's item's.
func holdingItemColumn(header string, width float64, v func(*inventory.ItemSummary) string) column {
	return column{header: header, width: width, value: func(t *tables, i int) any {
		if it := t.item(&t.inv.Holdings[i]); it != nil {
			return v(it)
		}
		return ""
	}}
}

// rowsOf is the rows with a value in a holding's column, or "" where that
// is unknown: files, S3 objects and free text.
func (t *tables) rowsOf(h *inventory.Holding) any {
	if n, ok := t.rows[h.Place]; ok {
		return n
	}
	return ""
}

// The count columns' headers say what they count: findings are every value
// found, however often it repeats (40 for a 性別 column of 40 rows); the
// distinct values are the different ones (2 for that column).
const (
	headerFindings = "検出数（件）"
	headerDistinct = "異なる値の数"
	headerRows     = "値のある行数"
	// アクセス権を有する者, as the stores say (実測) and as the policy
	// declares it (方針).
	headerReaders        = "アクセス権を有する者（実測）"
	headerDeclaredAccess = "アクセス権を有する者（方針）"
)

// holdingColumns is the ledger at holding granularity: one row per item per
// place and column (the CSV, and the workbook's 保管場所別 sheet).
var holdingColumns = []column{
	{header: "個人情報の項目", width: 16, value: func(t *tables, i int) any { return t.inv.Holdings[i].Item }},
	{header: "区分", width: 8, value: func(t *tables, i int) any { return classLabel(t.inv.Holdings[i].Class) }},
	{header: "利用目的", width: 18, value: func(t *tables, i int) any {
		if it := t.item(&t.inv.Holdings[i]); it != nil {
			return it.Purpose
		}
		return ""
	}},
	{header: "保管場所", width: 32, value: func(t *tables, i int) any { return t.inv.Holdings[i].Name }},
	{header: "列・キー", width: 12, value: func(t *tables, i int) any { return t.inv.Holdings[i].Column }},
	{header: "保管方法", width: 14, value: func(t *tables, i int) any { return methodLabel(t.inv.Holdings[i].Store) }},
	{header: headerFindings, width: 8, value: func(t *tables, i int) any { return t.inv.Holdings[i].Findings }},
	{header: headerDistinct, width: 8, value: func(t *tables, i int) any { return t.inv.Holdings[i].Distinct }},
	{header: headerRows, width: 8, value: func(t *tables, i int) any { return t.rowsOf(&t.inv.Holdings[i]) }},
	{header: "要配慮個人情報の有無", width: 10, value: func(t *tables, i int) any {
		h := &t.inv.Holdings[i]
		return yesNo(sensitive(h.Class, h.Item))
	}},
	{header: "特定個人情報", width: 8, value: func(t *tables, i int) any {
		h := &t.inv.Holdings[i]
		return yesNo(myNumber(h.Class, h.Item))
	}},
	{header: "開示対象", width: 6, value: func(t *tables, i int) any { return disclosureLabel(t.item(&t.inv.Holdings[i])) }},
	{header: "受託", width: 6, value: func(t *tables, i int) any { return entrustedLabel(t.item(&t.inv.Holdings[i])) }},
	{header: "保管期限", width: 6, value: func(t *tables, i int) any {
		if it := t.item(&t.inv.Holdings[i]); it != nil {
			return ja.Retention(it.Retention)
		}
		return ""
	}},
	holdingItemColumn("利用期限", 8, func(it *inventory.ItemSummary) string { return it.UsePeriod }),
	{header: "管理部門", width: 12, value: func(t *tables, i int) any {
		if it := t.item(&t.inv.Holdings[i]); it != nil {
			return it.Department
		}
		return ""
	}},
	holdingItemColumn("管理責任者", 10, func(it *inventory.ItemSummary) string { return it.Manager }),
	{header: headerReaders, width: 30, value: func(t *tables, i int) any { return ja.Readers(t.inv.Holdings[i].Access) }},
	{header: headerDeclaredAccess, width: 16, value: func(t *tables, i int) any { return declaredAccessText(t.inv.Holdings[i].AccessDeclared) }},
	holdingItemColumn("本人の区分", 8, func(it *inventory.ItemSummary) string { return it.Subjects }),
	holdingItemColumn("取得方法", 14, func(it *inventory.ItemSummary) string { return it.Acquisition }),
	holdingItemColumn("本人同意の有無", 10, func(it *inventory.ItemSummary) string { return it.Consent }),
	holdingItemColumn("第三者提供・共同利用", 14, func(it *inventory.ItemSummary) string { return it.Sharing }),
	holdingItemColumn("委託先", 12, func(it *inventory.ItemSummary) string { return it.Contractors }),
	holdingItemColumn("廃棄方法", 14, func(it *inventory.ItemSummary) string { return it.Disposal }),
	{header: "最古のデータ", width: 11, value: func(t *tables, i int) any { return t.inv.Holdings[i].Oldest }},
	{header: "最新のデータ", width: 11, value: func(t *tables, i int) any { return t.inv.Holdings[i].Newest }},
	{header: "方針への記載", width: 8, value: func(t *tables, i int) any { return declaredLabel(t.inv.Holdings[i].Declared) }},
	{header: "項目ID", width: 12, value: func(t *tables, i int) any { return t.inv.Holdings[i].ItemID }},
	{header: "検出種別", width: 14, value: func(t *tables, i int) any { return strings.Join(t.inv.Holdings[i].Types, " ") }},
	{header: "確度：高", width: 6, value: func(t *tables, i int) any { return t.inv.Holdings[i].High }},
	{header: "確度：中", width: 6, value: func(t *tables, i int) any { return t.inv.Holdings[i].Medium }},
	{header: "確度：低", width: 6, value: func(t *tables, i int) any { return t.inv.Holdings[i].Low }},
	{header: "一部のみ読取", width: 6, value: func(t *tables, i int) any {
		if t.inv.Holdings[i].Sampled {
			return "一部"
		}
		return ""
	}},
	{header: "検出例（マスク済み）", width: 18, value: func(t *tables, i int) any { return strings.Join(t.inv.Holdings[i].Examples, " / ") }},
	{header: "指摘", width: 5, sev: true, value: func(t *tables, i int) any { return maxSeverityLabel(t.holdingFlags[i]) }},
	{header: "備考", width: 26, value: func(t *tables, i int) any { return flagNote(t.holdingFlags[i]) }},
}

// itemColumns is the 個人情報管理台帳 proper: one row per item.
var itemColumns = []column{
	{header: "個人情報の項目", width: 16, value: func(t *tables, i int) any { return t.inv.Items[i].Item }},
	{header: "区分", width: 8, value: func(t *tables, i int) any { return classLabel(t.inv.Items[i].Class) }},
	{header: "利用目的", width: 20, value: func(t *tables, i int) any { return t.inv.Items[i].Purpose }},
	{header: "保管場所", width: 34, value: func(t *tables, i int) any {
		it := &t.inv.Items[i]
		return placesText(t.itemPlaces[itemKey(it.ItemID, it.Item)])
	}},
	{header: "保管場所数", width: 6, value: func(t *tables, i int) any { return int64(t.inv.Items[i].Places) }},
	{header: "保管方法", width: 14, value: func(t *tables, i int) any { return storesText(t.inv.Items[i].Stores) }},
	{header: headerFindings, width: 8, value: func(t *tables, i int) any { return t.inv.Items[i].Findings }},
	{header: headerDistinct, width: 8, value: func(t *tables, i int) any { return t.inv.Items[i].Distinct }},
	{header: "要配慮個人情報の有無", width: 10, value: func(t *tables, i int) any {
		it := &t.inv.Items[i]
		return yesNo(sensitive(it.Class, it.Item))
	}},
	{header: "特定個人情報", width: 8, value: func(t *tables, i int) any {
		it := &t.inv.Items[i]
		return yesNo(myNumber(it.Class, it.Item))
	}},
	{header: "開示対象", width: 6, value: func(t *tables, i int) any { return disclosureLabel(&t.inv.Items[i]) }},
	{header: "受託", width: 6, value: func(t *tables, i int) any { return entrustedLabel(&t.inv.Items[i]) }},
	{header: "保管期限", width: 6, value: func(t *tables, i int) any { return ja.Retention(t.inv.Items[i].Retention) }},
	itemColumn("利用期限", 8, func(it *inventory.ItemSummary) string { return it.UsePeriod }),
	{header: "管理部門", width: 12, value: func(t *tables, i int) any { return t.inv.Items[i].Department }},
	itemColumn("管理責任者", 10, func(it *inventory.ItemSummary) string { return it.Manager }),
	{header: headerReaders, width: 30, value: func(t *tables, i int) any {
		it := &t.inv.Items[i]
		return t.itemReaders(itemKey(it.ItemID, it.Item))
	}},
	{header: headerDeclaredAccess, width: 16, value: func(t *tables, i int) any { return strings.Join(t.inv.Items[i].Access, "、") }},
	itemColumn("本人の区分", 8, func(it *inventory.ItemSummary) string { return it.Subjects }),
	itemColumn("取得方法", 14, func(it *inventory.ItemSummary) string { return it.Acquisition }),
	itemColumn("本人同意の有無", 10, func(it *inventory.ItemSummary) string { return it.Consent }),
	itemColumn("第三者提供・共同利用", 14, func(it *inventory.ItemSummary) string { return it.Sharing }),
	itemColumn("委託先", 12, func(it *inventory.ItemSummary) string { return it.Contractors }),
	itemColumn("廃棄方法", 14, func(it *inventory.ItemSummary) string { return it.Disposal }),
	{header: "最古のデータ", width: 11, value: func(t *tables, i int) any { return t.inv.Items[i].Oldest }},
	{header: "最新のデータ", width: 11, value: func(t *tables, i int) any { return t.inv.Items[i].Newest }},
	{header: "方針への記載", width: 8, value: func(t *tables, i int) any { return declaredLabel(t.inv.Items[i].Declared) }},
	{header: "項目ID", width: 12, value: func(t *tables, i int) any { return t.inv.Items[i].ItemID }},
	{header: "指摘", width: 5, sev: true, value: func(t *tables, i int) any {
		it := &t.inv.Items[i]
		return maxSeverityLabel(t.itemFlags[itemKey(it.ItemID, it.Item)])
	}},
	{header: "備考", width: 28, value: func(t *tables, i int) any {
		it := &t.inv.Items[i]
		return itemRemark(it, t.itemFlags[itemKey(it.ItemID, it.Item)])
	}},
}

// problemColumns lists the items skipped or not readable: the workbook's
// 読み取れなかった項目 sheet.
var problemColumns = []column{
	{header: "区分", width: 10, value: func(t *tables, i int) any { return ja.ProblemKind(t.inv.Problems[i].Skipped) }},
	{header: "保管方法", width: 14, value: func(t *tables, i int) any { return methodLabel(t.inv.Problems[i].Store) }},
	{header: "保管場所", width: 40, value: func(t *tables, i int) any { return t.inv.Problems[i].Name }},
	{header: "位置", width: 16, value: func(t *tables, i int) any { return t.inv.Problems[i].Position }},
	{header: "列・キー", width: 14, value: func(t *tables, i int) any { return t.inv.Problems[i].Column }},
	{header: "理由", width: 30, value: func(t *tables, i int) any { return ja.Reason(t.inv.Problems[i].Reason) }},
	{header: "詳細", width: 48, value: func(t *tables, i int) any { return t.inv.Problems[i].Error }},
	{header: "理由コード", width: 14, value: func(t *tables, i int) any { return t.inv.Problems[i].Reason }},
}
