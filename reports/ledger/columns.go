package ledger

import (
	"strings"
)

// column is one column of a ledger table, shared by the CSV and the
// workbook. value returns a string, an int64 or a *time.Time (a date; nil
// when unknown).
type column struct {
	header string
	width  float64 // in the workbook, in characters of the default font
	wrap   bool    // long text: wrapped in the workbook
	value  func(v *view, i int) any
}

// holdingColumns is the ledger at holding granularity: one row per item per
// place and column (the CSV, and the workbook's 保管場所別 sheet).
var holdingColumns = []column{
	{header: "個人情報の項目", width: 22, value: func(v *view, i int) any { return v.inv.Holdings[i].Item }},
	{header: "区分", width: 14, value: func(v *view, i int) any { return classLabel(v.inv.Holdings[i].Class) }},
	{header: "利用目的", width: 28, wrap: true, value: func(v *view, i int) any {
		if it := v.item(&v.inv.Holdings[i]); it != nil {
			return it.Purpose
		}
		return ""
	}},
	{header: "保管場所", width: 48, wrap: true, value: func(v *view, i int) any { return v.inv.Holdings[i].Name }},
	{header: "列・キー", width: 16, value: func(v *view, i int) any { return v.inv.Holdings[i].Column }},
	{header: "保管方法", width: 22, value: func(v *view, i int) any { return methodLabel(v.inv.Holdings[i].Store) }},
	{header: "件数", width: 10, value: func(v *view, i int) any { return v.inv.Holdings[i].Distinct }},
	{header: "検出数", width: 10, value: func(v *view, i int) any { return v.inv.Holdings[i].Findings }},
	{header: "要配慮個人情報の有無", width: 12, value: func(v *view, i int) any {
		h := &v.inv.Holdings[i]
		return yesNo(sensitive(h.Class, h.Item))
	}},
	{header: "特定個人情報", width: 12, value: func(v *view, i int) any {
		h := &v.inv.Holdings[i]
		return yesNo(myNumber(h.Class, h.Item))
	}},
	{header: "開示対象", width: 10, value: func(v *view, i int) any { return disclosureLabel(v.item(&v.inv.Holdings[i])) }},
	{header: "受託", width: 8, value: func(v *view, i int) any { return entrustedLabel(v.item(&v.inv.Holdings[i])) }},
	{header: "保管期限", width: 10, value: func(v *view, i int) any {
		if it := v.item(&v.inv.Holdings[i]); it != nil {
			return retentionLabel(it.Retention)
		}
		return ""
	}},
	{header: "管理部門/管理責任者", width: 18, value: func(v *view, i int) any {
		if it := v.item(&v.inv.Holdings[i]); it != nil {
			return it.Department
		}
		return ""
	}},
	{header: "最古のデータ", width: 12, value: func(v *view, i int) any { return v.inv.Holdings[i].Oldest }},
	{header: "最新のデータ", width: 12, value: func(v *view, i int) any { return v.inv.Holdings[i].Newest }},
	{header: "方針への記載", width: 12, value: func(v *view, i int) any { return declaredLabel(v.inv.Holdings[i].Declared) }},
	{header: "項目ID", width: 14, value: func(v *view, i int) any { return v.inv.Holdings[i].ItemID }},
	{header: "検出種別", width: 20, value: func(v *view, i int) any { return strings.Join(v.inv.Holdings[i].Types, " ") }},
	{header: "確度：高", width: 9, value: func(v *view, i int) any { return v.inv.Holdings[i].High }},
	{header: "確度：中", width: 9, value: func(v *view, i int) any { return v.inv.Holdings[i].Medium }},
	{header: "確度：低", width: 9, value: func(v *view, i int) any { return v.inv.Holdings[i].Low }},
	{header: "一部のみ読取", width: 12, value: func(v *view, i int) any {
		if v.inv.Holdings[i].Sampled {
			return "一部"
		}
		return ""
	}},
	{header: "検出例（マスク済み）", width: 30, value: func(v *view, i int) any { return strings.Join(v.inv.Holdings[i].Examples, " / ") }},
	{header: "指摘", width: 8, value: func(v *view, i int) any { return maxSeverityLabel(v.holdingFlags[i]) }},
	{header: "備考", width: 48, wrap: true, value: func(v *view, i int) any { return flagNote(v.holdingFlags[i]) }},
}

// itemColumns is the 個人情報管理台帳 proper: one row per item.
var itemColumns = []column{
	{header: "個人情報の項目", width: 22, value: func(v *view, i int) any { return v.inv.Items[i].Item }},
	{header: "区分", width: 14, value: func(v *view, i int) any { return classLabel(v.inv.Items[i].Class) }},
	{header: "利用目的", width: 30, wrap: true, value: func(v *view, i int) any { return v.inv.Items[i].Purpose }},
	{header: "保管場所", width: 48, wrap: true, value: func(v *view, i int) any {
		it := &v.inv.Items[i]
		return placesText(v.itemPlaces[itemKey(it.ItemID, it.Item)])
	}},
	{header: "保管場所数", width: 10, value: func(v *view, i int) any { return int64(v.inv.Items[i].Places) }},
	{header: "保管方法", width: 26, wrap: true, value: func(v *view, i int) any { return storesText(v.inv.Items[i].Stores) }},
	{header: "件数", width: 10, value: func(v *view, i int) any { return v.inv.Items[i].Distinct }},
	{header: "検出数", width: 10, value: func(v *view, i int) any { return v.inv.Items[i].Findings }},
	{header: "要配慮個人情報の有無", width: 12, value: func(v *view, i int) any {
		it := &v.inv.Items[i]
		return yesNo(sensitive(it.Class, it.Item))
	}},
	{header: "特定個人情報", width: 12, value: func(v *view, i int) any {
		it := &v.inv.Items[i]
		return yesNo(myNumber(it.Class, it.Item))
	}},
	{header: "開示対象", width: 10, value: func(v *view, i int) any { return disclosureLabel(&v.inv.Items[i]) }},
	{header: "受託", width: 8, value: func(v *view, i int) any { return entrustedLabel(&v.inv.Items[i]) }},
	{header: "保管期限", width: 10, value: func(v *view, i int) any { return retentionLabel(v.inv.Items[i].Retention) }},
	{header: "管理部門/管理責任者", width: 18, value: func(v *view, i int) any { return v.inv.Items[i].Department }},
	{header: "最古のデータ", width: 12, value: func(v *view, i int) any { return v.inv.Items[i].Oldest }},
	{header: "最新のデータ", width: 12, value: func(v *view, i int) any { return v.inv.Items[i].Newest }},
	{header: "方針への記載", width: 12, value: func(v *view, i int) any { return declaredLabel(v.inv.Items[i].Declared) }},
	{header: "項目ID", width: 14, value: func(v *view, i int) any { return v.inv.Items[i].ItemID }},
	{header: "指摘", width: 8, value: func(v *view, i int) any {
		it := &v.inv.Items[i]
		return maxSeverityLabel(v.itemFlags[itemKey(it.ItemID, it.Item)])
	}},
	{header: "備考", width: 48, wrap: true, value: func(v *view, i int) any {
		it := &v.inv.Items[i]
		return itemRemark(it, v.itemFlags[itemKey(it.ItemID, it.Item)])
	}},
}
