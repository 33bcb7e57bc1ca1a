package lookup

import (
	"fmt"
	"strings"
)

// kindLabels name the kinds of identifier in Japanese, for the HTML and
// XLSX reports.
var kindLabels = map[Kind]string{
	KindName: "氏名", KindKana: "フリガナ", KindEmail: "メールアドレス", KindPhone: "電話番号",
	KindBirthDate: "生年月日", KindAddress: "住所", KindMemberID: "会員番号", KindMyNumber: "個人番号",
}

func kindLabel(k Kind) string {
	if l, ok := kindLabels[k]; ok {
		return l
	}
	return string(k)
}

func kindsLabel(ks []Kind) string {
	ls := make([]string, len(ks))
	for i, k := range ks {
		ls[i] = kindLabel(k)
	}
	return strings.Join(ls, "、")
}

// reasonJA says in Japanese why a record is listed.
func reasonJA(r Record) string {
	shared := kindsLabel(r.Shared)
	switch r.Reason {
	case reasonStrong:
		return "強い識別子が一致（" + shared + "）"
	case reasonTwoWeak:
		return "二つの識別子が一致（" + shared + "）"
	case reasonNameOnly:
		return "氏名のみ一致: 同一人物か確認してください"
	case reasonFamily:
		return "家族と思われる別人（同じ姓で別の名）が" + shared + "を共有"
	case reasonOtherPerson:
		return "別の氏名の記録が" + shared + "を共有（共用の電話など）"
	case reasonOtherBirth:
		return "同じ氏名で生年月日が異なる別人"
	}
	return r.Why
}

func yesNo(b bool) string {
	if b {
		return "該当"
	}
	return "非該当"
}

// positionJA says where in its object a record is, in Japanese.
func positionJA(rec Record) string {
	l := rec.Location
	var parts []string
	switch {
	case l.Row != "":
		parts = append(parts, "行 "+string(l.Row))
	case l.RowNumber > 0:
		parts = append(parts, fmt.Sprintf("%d 行目", l.RowNumber))
	}
	if l.Line > 0 {
		parts = append(parts, fmt.Sprintf("%d 行目", l.Line))
	}
	if l.Sheet != "" {
		parts = append(parts, "シート "+l.Sheet+" の "+l.Cell+" 行目")
	}
	if l.Part != "" {
		p := l.Part
		if l.Paragraph > 0 {
			p += fmt.Sprintf(" 第 %d 段落", l.Paragraph)
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, " ")
}
