package sensitive

import (
	"strings"
	"unicode/utf8"

	"github.com/pmscan/pmscan/detectors"
)

// evidence is what a term's own phrase adds to it: what follows it in the
// text and is part of its span.
type evidence uint8

const (
	evNone       evidence = iota
	evMeasure             // a grade, a test value or a prison term: 1級, 7.2%, 懲役3年
	evLabelValue          // a label with a value: 既往歴: 糖尿病
	evLabelNone           // a label whose value means none: 既往歴: なし
	evPresent             // a presence status: 前科あり, 持病があります
	evAbsent              // an absence status: 前科なし, 持病はありません
)

const maxValueRunes = 40 // a label's value is cut here

// extend returns the end of the phrase that the term at s[start:end] begins,
// and what the phrase adds.
func extend(s string, start, end int, tm *term) (int, evidence) {
	if tm.is(grade) {
		if e, ok := gradeAt(s, end); ok {
			return e, evMeasure
		}
		if strings.HasSuffix(tm.word, "区分") { // 障害支援区分4
			if j := skip(s, end, " :", 2); isDigit(after(s, j)) {
				return digitsAt(s, j), evMeasure
			}
		}
	}
	if tm.is(value) {
		if e, ok := testValueAt(s, end); ok {
			return e, evMeasure
		}
	}
	if tm.is(sentence) {
		if e, ok := prisonTermAt(s, end); ok {
			return e, evMeasure
		}
	}
	if tm.is(label) {
		if vs, ve, ok := labelValueAt(s, end); ok {
			if isNone(s[vs:ve]) {
				return ve, evLabelNone
			}
			return ve, evLabelValue
		}
	}
	if e, present, ok := statusAt(s, end); ok {
		if present {
			return e, evPresent
		}
		return e, evAbsent
	}
	return end, evNone
}

// skip returns the offset after at most n runes of s[i:] that are in set.
func skip(s string, i int, set string, n int) int {
	for ; n > 0 && i < len(s); n-- {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !strings.ContainsRune(set, r) {
			break
		}
		i += size
	}
	return i
}

func digitsAt(s string, i int) int {
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// gradeAt reads a disability grade after a certificate or 等級: 1級, 2種1級,
// 第3級, (2級), 一級, 3度, 区分4, or the letter grades of 療育手帳 (A, B2, A判定).
func gradeAt(s string, i int) (int, bool) {
	j := skip(s, i, " :(", 3)
	paren := strings.IndexByte(s[i:j], '(') >= 0
	k, n := j, 0
	for n < 2 {
		m := k
		m += len(prefixOf(s[m:], "第"))
		if d := digitsAt(s, m); d > m {
			m = d
		} else if r, size := utf8.DecodeRuneInString(s[m:]); strings.ContainsRune("一二三四五六七", r) {
			m += size
		} else {
			break
		}
		unit := prefixOf(s[m:], "級", "種", "度")
		if unit == "" {
			break
		}
		k, n = m+len(unit), n+1
	}
	if n == 0 {
		switch {
		case strings.HasPrefix(s[k:], "区分") && isDigit(after(s, k+len("区分"))):
			k, n = digitsAt(s, k+len("区分")), 1
		case after(s, k) == 'A' || after(s, k) == 'B':
			m := k + 1
			if isDigit(after(s, m)) {
				m++
			}
			if !detectors.IsWordByte(after(s, m)) {
				k, n = m+len(prefixOf(s[m:], "判定")), 1
			}
		}
	}
	if n == 0 {
		return 0, false
	}
	if paren && after(s, k) == ')' {
		k++
	}
	return k, true
}

// testValueAt reads a test result after a test's name: 158/96, 7.2%,
// 110mg/dL, with a separator such as ':', は or 値 before it. A number that
// is a year, a count or an amount is not a result.
func testValueAt(s string, i int) (int, bool) {
	j := skip(s, i, " :=はが値", 4)
	m := digitsAt(s, j)
	if m == j {
		return 0, false
	}
	if after(s, m) == '.' && isDigit(after(s, m+1)) {
		m = digitsAt(s, m+1)
	}
	if after(s, m) == '/' && isDigit(after(s, m+1)) { // blood pressure
		m = digitsAt(s, m+1)
	}
	if r, _ := utf8.DecodeRuneInString(s[m:]); strings.ContainsRune("年月日時歳回人件円分秒", r) {
		return 0, false
	}
	// A unit: %, mmHg, mg/dL, IU/L.
	u := m
	if after(s, u) == ' ' {
		u++
	}
	e := u
	for e < len(s) && e-u < 8 && (isASCIILetter(s[e]) || s[e] == '%' || s[e] == '/' && e > u) {
		e++
	}
	if e > u {
		return e, true
	}
	if detectors.IsWordByte(after(s, m)) {
		return 0, false
	}
	return m, true
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// prisonTermAt reads the length of a sentence: 懲役3年, 禁錮1年6か月, 懲役二年.
func prisonTermAt(s string, i int) (int, bool) {
	j := skip(s, i, " ", 1)
	m := digitsAt(s, j)
	if m == j {
		m = skip(s, j, "一二三四五六七八九十", 3)
	}
	if m == j {
		return 0, false
	}
	unit := prefixOf(s[m:], "年", "ヶ月", "か月", "カ月", "箇月", "月")
	if unit == "" {
		return 0, false
	}
	return m + len(unit), true
}

// labelValueAt reads the value of a label written as a field: "既往歴: 糖尿病、
// 高血圧", "宗教=仏教", "【持病】喘息", "既往歴の有無: あり". The value runs to
// the end of the field (a line end, 。, a comma, a space, a bracket) and at most
// maxValueRunes runes; 、 does not end it, so a list of values stays one.
func labelValueAt(s string, i int) (start, end int, ok bool) {
	j := i + len(prefixOf(s[i:], "の有無", "有無"))
	j = skip(s, j, " ", 2)
	if r, size := utf8.DecodeRuneInString(s[j:]); j < len(s) && strings.ContainsRune(":=】]\t", r) {
		j = skip(s, j+size, " ", 4)
	} else {
		return 0, 0, false
	}
	e := j
	for n := 0; e < len(s) && n < maxValueRunes; n++ {
		r, size := utf8.DecodeRuneInString(s[e:])
		if strings.ContainsRune("。\n\r\t,;| ()【】「」[]", r) {
			break
		}
		e += size
	}
	if e == j {
		return 0, 0, false
	}
	if tm, _, ok := termAt(s, j); ok && tm.is(label) && tm.class != action {
		return 0, 0, false // a row of headers: 既往歴\t宗教
	}
	return j, e, true
}

// Presence and absence, longest first where one begins another.
var (
	absentWords  = []string{"ありません", "なし", "無し", "ナシ", "無い", "ない", "無"}
	presentWords = []string{"あります", "あり", "有り", "アリ", "ある", "有"}
)

// statusAt reads a status right after a term: 前科あり, 持病はありません,
// 逮捕歴: 有. A status glued to a kanji (有無, 無記入) or asked (ありますか) is
// none.
func statusAt(s string, i int) (end int, present, ok bool) {
	j := skip(s, i, " :はがも", 2)
	for k, words := range [2][]string{absentWords, presentWords} {
		w := prefixOf(s[j:], words...)
		if w == "" {
			continue
		}
		e := j + len(w)
		next, _ := utf8.DecodeRuneInString(s[e:])
		if isKanji(next) || isKatakana(next) || next == 'か' || next == 'が' {
			return 0, false, false
		}
		return e, k == 1, true
	}
	return 0, false, false
}

// noneValues mean that there is nothing: a column or label value that says so
// is Low.
var noneValues = []string{"なし", "無", "無し", "ナシ", "特になし", "特に無し", "特記なし", "特記事項なし", "該当なし",
	"該当無し", "ない", "無い", "ありません", "いいえ", "-", "--", "none", "n/a", "na", "null", "nil", "no", "false", "0"}

// isNone reports whether v, trimmed, means none.
func isNone(v string) bool {
	v = strings.TrimSuffix(strings.TrimSpace(v), "。")
	for _, n := range noneValues {
		if len(v) == len(n) && detectors.HasPrefixFold(v, n) {
			return true
		}
	}
	return false
}

// prefixOf returns the first of words that s starts with, or "".
func prefixOf(s string, words ...string) string {
	for _, w := range words {
		if strings.HasPrefix(s, w) {
			return w
		}
	}
	return ""
}
