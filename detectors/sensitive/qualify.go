package sensitive

import (
	"strings"
	"unicode/utf8"
)

// A qualifier is a word right before a term that says which one it is and
// belongs to its phrase: the site of a cancer (肺がん, 子宮頸がん), the
// people of 民族 (琉球民族, クルド民族), the crime of 被害 (詐欺被害, 窃盗の
// 被害), the origin of an ancestry (日系, アフリカ系). The finding's span
// starts at the qualifier.
type qualifier struct {
	words    []string // the qualifiers, taken longest
	katakana bool     // any katakana word of two runes or more qualifies
	kanjiRun int      // any run of kanji up to this long qualifies (0: none)
	particle bool     // の may stand between: 窃盗の被害
}

var (
	cancerSites = qualifier{words: []string{"乳", "乳房", "肺", "胃", "食道", "大腸", "結腸", "直腸", "小腸", "十二指腸",
		"肝", "肝臓", "肝細胞", "胆道", "胆管", "胆のう", "胆嚢", "膵", "膵臓", "すい臓", "腎", "腎臓", "腎細胞", "副腎",
		"膀胱", "尿管", "前立腺", "精巣", "子宮", "子宮頸", "子宮体", "卵巣", "外陰", "甲状腺", "喉頭", "咽頭", "上咽頭",
		"中咽頭", "下咽頭", "口腔", "舌", "歯肉", "鼻腔", "副鼻腔", "唾液腺", "頭頸部", "脳", "骨", "皮膚", "血液",
		"腹膜", "胸膜", "縦隔", "肛門", "虫垂"}}
	// peoples name an ethnic group before 民族; 少数民族 and 遊牧民族 name none.
	peoples = qualifier{words: []string{"漢", "朝鮮", "琉球", "大和", "満州", "満洲", "中華", "蒙古"}, katakana: true}
	// crimes make 被害 a crime's (詐欺被害); 台風被害, 風評被害 and a company's
	// 被害総額 are no crime victim's.
	crimes = qualifier{words: []string{"詐欺", "特殊詐欺", "振り込め詐欺", "振込詐欺", "オレオレ詐欺", "投資詐欺",
		"結婚詐欺", "ロマンス詐欺", "架空請求", "窃盗", "盗難", "空き巣", "置き引き", "ひったくり", "スリ", "強盗", "暴行",
		"傷害", "暴力", "家庭内暴力", "恐喝", "脅迫", "性的", "盗撮", "つきまとい", "虐待", "児童虐待", "性的虐待",
		"わいせつ", "強制わいせつ", "不同意わいせつ", "強姦", "強制性交", "不同意性交", "レイプ", "誘拐", "監禁", "拉致",
		"放火", "通り魔", "殺人未遂", "犯罪", "痴漢", "ストーカー"}, particle: true}
	// origins of an ancestry: 日系, 韓国系, アジア系.
	origins = qualifier{katakana: true, kanjiRun: 4}
)

// qualifierOf returns the qualifiers of a qualified term.
func qualifierOf(tm *term) *qualifier {
	switch {
	case !tm.is(qualified):
		return nil
	case tm.is(cancer), tm.word == "癌":
		return &cancerSites
	case tm.word == "民族":
		return &peoples
	case tm.word == "被害":
		return &crimes
	case tm.is(ancestry):
		return &origins
	}
	return nil
}

// qualifierStart returns where the qualifier of the term at s[i:] starts,
// not before lo; i when there is none.
func qualifierStart(s string, lo, i int, tm *term) int {
	q := qualifierOf(tm)
	if q == nil {
		return i
	}
	if best := q.before(s, lo, i); best < i {
		return best
	}
	if q.particle && strings.HasSuffix(s[lo:i], "の") {
		if j := i - len("の"); q.before(s, lo, j) < j {
			return q.before(s, lo, j)
		}
	}
	return i
}

// before returns the start of the longest qualifier that ends at i, or i.
func (q *qualifier) before(s string, lo, i int) int {
	best := i
	for _, w := range q.words {
		k := i - len(w)
		if k < lo || k >= best || s[k:i] != w {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(w); isKatakana(r) {
			if prev, _ := utf8.DecodeLastRuneInString(s[lo:k]); isKatakana(prev) {
				continue // スリ in クスリ
			}
		}
		best = k
	}
	if q.katakana {
		k, n := runBack(s, lo, i, isKatakana, 0)
		if n >= 2 && k < best {
			best = k
		}
	}
	if q.kanjiRun > 0 {
		k, n := runBack(s, lo, i, isKanji, q.kanjiRun+1)
		if n >= 1 && n <= q.kanjiRun && k < best {
			best = k
		}
	}
	return best
}

// runBack walks back from i over runes for which in holds, at most max of
// them (0: no limit), and returns where the run starts and its length.
func runBack(s string, lo, i int, in func(rune) bool, max int) (int, int) {
	n := 0
	for i > lo && (max == 0 || n < max) {
		r, size := utf8.DecodeLastRuneInString(s[lo:i])
		if !in(r) {
			break
		}
		i -= size
		n++
	}
	return i, n
}

// ancestryTail returns the end of the person an ancestry names after 系:
// 日系ブラジル人, 日系人, 韓国系米国人, 日系三世. 日系企業, 外資系 and 理系
// name no one.
func ancestryTail(s string, end int) (int, bool) {
	j := end
	if r, _ := utf8.DecodeRuneInString(s[j:]); isKatakana(r) {
		for j < len(s) {
			r, size := utf8.DecodeRuneInString(s[j:])
			if !isKatakana(r) {
				break
			}
			j += size
		}
	} else {
		for n := 1; n <= 2; n++ { // a country in kanji: 米国人, 中国人
			if k := skipRunes(s, j, n, isKanji); k > j && strings.HasPrefix(s[k:], "国人") {
				j = k + len("国")
				break
			}
		}
	}
	if strings.HasPrefix(s[j:], "人") {
		e := j + len("人")
		if next, _ := utf8.DecodeRuneInString(s[e:]); strings.ContainsRune("間材気口員事工件脈形格数種", next) {
			return 0, false // 理系人間, 日系人材
		}
		return e, true
	}
	if j > end {
		return 0, false
	}
	k := digitsAt(s, j)
	if k == j {
		k = skip(s, j, "一二三四五六", 1)
	}
	if k > j && strings.HasPrefix(s[k:], "世") {
		e := k + len("世")
		if next, _ := utf8.DecodeRuneInString(s[e:]); strings.ContainsRune("代帯紀界", next) {
			return 0, false
		}
		return e, true
	}
	return 0, false
}

// skipRunes returns the offset after exactly n runes of s[i:] for which in
// holds, or i.
func skipRunes(s string, i, n int, in func(rune) bool) int {
	j := i
	for ; n > 0; n-- {
		r, size := utf8.DecodeRuneInString(s[j:])
		if size == 0 || !in(r) {
			return i
		}
		j += size
	}
	return j
}

// headAt returns the term a candidate starting at start begins with or is
// qualified by: the first term in s[start:end], as Find met it.
func headAt(s string, start, end int) (*term, int, int, bool) {
	for i := start; i < end; {
		if tm, e, ok := termAt(s, i); ok {
			return tm, i, e, true
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return nil, 0, 0, false
}

// qualifiedTerms are the qualified forms of the terms, by index in
// vocab.terms.
var qualifiedTerms = func() []term {
	out := make([]term, len(vocab.terms))
	for i, tm := range vocab.terms {
		if tm.is(qualified) && tm.class == weak {
			tm.class = specific
		}
		tm.flags &^= label | category
		out[i] = tm
	}
	return out
}()

// qualifiedForm returns tm as its qualifier makes it: a name, never a label
// or a category's name (琉球民族 is a people; 民族 alone may be a form's
// field or a policy's category), and specific where the term alone is weak.
func qualifiedForm(tm *term) *term { return &qualifiedTerms[tm.index] }
