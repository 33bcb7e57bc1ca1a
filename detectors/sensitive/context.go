package sensitive

import (
	"strings"
	"unicode/utf8"
)

const (
	markerWindow   = 10  // runes: a marker or label this close, in the same clause, counts
	sentenceWindow = 150 // runes searched each way for policy language, within the sentence
	categoryWindow = 300 // runes searched back, across lines, for policy language around a category name
)

// isClauseEnd: where a sentence or a line ends, context stops.
func isClauseEnd(r rune) bool {
	return r == '。' || r == '\n' || r == '\r' || r == '!' || r == '?'
}

// clauseStart returns the start of the window of at most n runes before i
// that does not cross a clause end.
func clauseStart(s string, i, n int) int {
	for ; n > 0 && i > 0; n-- {
		r, size := utf8.DecodeLastRuneInString(s[:i])
		if isClauseEnd(r) {
			break
		}
		i -= size
	}
	return i
}

// clauseEnd returns the end of the window of at most n runes from i that
// does not cross a clause end.
func clauseEnd(s string, i, n int) int {
	for ; n > 0 && i < len(s); n-- {
		r, size := utf8.DecodeRuneInString(s[i:])
		if isClauseEnd(r) {
			break
		}
		i += size
	}
	return i
}

// backRunes returns the offset n runes before i, or 0.
func backRunes(s string, i, n int) int {
	for ; n > 0 && i > 0; n-- {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return i
}

// containsAny returns the first of words in s.
func containsAny(s string, words []string) (string, bool) {
	for _, w := range words {
		if strings.Contains(s, w) {
			return w, true
		}
	}
	return "", false
}

// policyWords are the language of privacy policies, application forms and
// statements of principle: a sensitive word among them names a category, not
// a person's data.
var policyWords = []string{"要配慮", "機微", "センシティブ", "個人情報", "プライバシー",
	"取得しません", "取得いたしません", "取得致しません", "取得しない", "取得することはありません", "取得する場合", "取得する際",
	"収集しません", "収集いたしません", "収集しない", "収集する場合", "取り扱いません", "取扱いません", "取り扱う場合",
	"取り扱います", "取扱います", "利用目的", "本人の同意", "同意を得", "同意なく", "同意なしに", "法令に基づ", "を問わず", "問いません", "不問",
	"にかかわらず", "に関わらず", "差別", "偏見", "記入しないで", "記入不要", "記載しないで", "記載不要",
	"尋ねない", "質問しない", "聞かない", "把握しない", "含まれません", "除きます", "を除く"}

// inPolicy reports whether the term at s[start:end] stands in policy
// language: in its sentence, or for a category name (病歴, 信条) anywhere in
// the categoryWindow runes before it, since policies list categories as
// bullets under a heading.
func inPolicy(s string, start, end int, tm *term) bool {
	lo, hi := clauseStart(s, start, sentenceWindow), clauseEnd(s, end, sentenceWindow)
	if tm.is(category) {
		lo = min(lo, backRunes(s, start, categoryWindow))
	}
	_, before := containsAny(s[lo:start], policyWords)
	_, after := containsAny(s[end:hi], policyWords)
	return before || after
}

// listSeparators join the items of an enumeration.
var listSeparators = []string{"、", "・", ",", "/", "や", "及び", "および", "又は", "または", "並びに"}

// enumerated reports whether the category name at s[start:end] is listed
// with another one (人種、信条、病歴) or closes an open list (病歴等, 病歴など):
// a list of categories is about no one.
func enumerated(s string, start, end int) bool {
	j := skip(s, end, " ", 2)
	if prefixOf(s[j:], "等", "など") != "" {
		return true
	}
	if sep := prefixOf(s[j:], listSeparators...); sep != "" {
		j = skip(s, j+len(sep), " ", 2)
		if tm, _, ok := termAt(s, j); ok && tm.is(category) {
			return true
		}
	}
	i := start
	for i > 0 && s[i-1] == ' ' {
		i--
	}
	for _, sep := range listSeparators {
		if !strings.HasSuffix(s[:i], sep) {
			continue
		}
		k := i - len(sep)
		for k > 0 && s[k-1] == ' ' {
			k--
		}
		for idx := range vocab.terms {
			if tm := &vocab.terms[idx]; tm.is(category) && strings.HasSuffix(s[:k], tm.word) {
				return true
			}
		}
	}
	return false
}

// Markers: words right after a term (suffix) or near after it in its clause
// (window) that make it about a person: 糖尿病で通院中, 仏教徒, 服役中.
var (
	suffixMarkers = map[string][]string{
		MedicalHistory: {"持ち", "歴"},
		CriminalRecord: {"中", "歴", "した", "していた", "された", "され", "付き", "期間中", "処分", "を受け", "判決を受け"},
		CrimeVictim:    {"に遭", "にあっ", "にあい", "を受け"},
		ReligionBelief: {"信者", "信徒", "教徒", "徒", "会員", "門徒", "の信者", "の信徒", "の会員", "の家"},
		RaceEthnicity:  {"出身"},
		SocialStatus:   {"出身"},
	}
	windowMarkers = map[string][]string{
		MedicalHistory: {"罹患", "通院", "入院", "服薬", "服用", "治療中", "治療を受け", "療養", "加療", "闘病", "診断",
			"発症", "患っ", "患い", "患う", "再発", "手術", "陽性", "休職", "投薬", "処方", "受診", "経過観察", "にかか",
			"寛解", "感染"},
		Disability:     {"と診断", "診断", "認定", "交付", "受給", "取得", "手帳"},
		CriminalRecord: {"を受け", "された", "送致", "入所", "出所", "入院", "出院", "在院", "服役", "判決"},
		CrimeVictim:    {"提出", "受理", "に遭", "にあっ", "を受け", "届け出"},
		ReligionBelief: {"信仰", "入信", "改宗", "洗礼", "信者", "信徒"},
		RaceEthnicity:  {"出身", "血を引", "ルーツ"},
		SocialStatus:   {"出身", "生まれ"},
	}
)

// personMarkers before a term name whose it is: 田中さんは糖尿病, 父は認知症.
var personMarkers = []string{"さんは", "さんが", "さんの", "氏は", "氏が", "氏の", "様は", "様が", "本人は", "本人が",
	"本人の", "私は", "私が", "父は", "母は", "夫は", "妻は", "息子は", "娘は", "長男は", "長女は", "子供は", "子どもは"}

// actionSuffixes make an action a state or a deed: 通院中, 服薬している.
var actionSuffixes = []string{"中", "して", "した", "され", "歴", "済"}

// genericAfter follow a term used in general, about no one: 糖尿病の予防,
// 認知症対策, うつ病とは, 犯罪被害者支援. The term may be followed by の or
// 者 first.
var genericAfter = []string{"予防", "対策", "啓発", "撲滅", "専門", "学会", "協会", "財団", "研究", "センター", "外来",
	"教室", "セミナー", "特集", "治療薬", "新薬", "患者会", "患者数", "白書", "基本法", "支援", "防止", "相談窓口",
	"統計", "件数", "総額", "ガイドライン", "について", "とは", "種類", "症状", "原因", "リスク", "有無", "歴史",
	// A topic, not a person: うつ病に関する講演会, 糖尿病をテーマにした研修.
	"に関する", "に関して", "に関わる", "をテーマ", "講演", "講座", "勉強会", "研修", "シンポジウム", "フォーラム",
	// A form asking, not a person answering: 既往歴をご記入ください, 持病はありますか.
	"をご記入", "を記入", "記入欄", "欄", "はありますか", "はありませんか", "がありますか", "がある方は"}

// formWords make a sentence a form's question or a statement about a form,
// which asks or declines to ask and gives no one's answer: 既往歴の有無をお答え
// ください, 前科を問う欄は設けていません.
var formWords = []string{"ご記入", "記入して", "記入欄", "ご回答", "回答して", "お答え", "答えて", "ご記載", "記載して",
	"お書き", "チェックして", "選択して", "を問う", "問う欄", "尋ねる", "設けていません", "設けておりません", "設けません",
	"設けない", "質問項目", "設問", "申告して", "お申し出", "申し出て"}

// genericAt returns the length of the generic phrase at s[end:], or 0.
func genericAt(s string, end int) int {
	if w := prefixOf(s[end:], "など", "等"); w != "" {
		return len(w)
	}
	j := end + len(prefixOf(s[end:], "者等の", "者等", "者の", "者", "の"))
	if w := prefixOf(s[j:], genericAfter...); w != "" {
		return j + len(w) - end
	}
	return 0
}

// markerNear reports whether a marker of tm's kind is near the term at
// s[start:end]: a suffix right at end, or a window marker within
// markerWindow runes of its clause, before start or after from (the end of
// a generic phrase after the term, or end).
func markerNear(s string, start, end, from int, tm *term) bool {
	if from == end && prefixOf(s[end:], suffixMarkers[tm.kind]...) != "" {
		return true
	}
	words := windowMarkers[tm.kind]
	_, after := containsAny(s[from:clauseEnd(s, from, markerWindow)], words)
	_, before := containsAny(s[clauseStart(s, start, markerWindow):start], words)
	return after || before
}

// personBefore reports whether a person marker precedes the term in its clause.
func personBefore(s string, start int) bool {
	_, ok := containsAny(s[clauseStart(s, start, markerWindow):start], personMarkers)
	return ok
}

// eachTerm calls fn with every term that starts in s[lo:hi] and ends by
// limit, in its qualified form where a qualifier precedes it (琉球民族 is no
// label 民族).
func eachTerm(s string, lo, hi, limit int, fn func(tm *term, start, end int) bool) {
	for i := lo; i < hi; {
		if tm, end, ok := termAt(s, i); ok && end <= limit {
			if qualifierStart(s, 0, i, tm) < i {
				tm = qualifiedForm(tm)
			}
			if fn(tm, i, end) {
				return
			}
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
}

// labelBefore reports whether a label of kind, such as 既往歴 or 宗教,
// precedes start in its clause: 既往歴は糖尿病, 宗教は仏教.
func labelBefore(s string, start int, kind string) bool {
	found := false
	eachTerm(s, clauseStart(s, start, markerWindow), start, start, func(tm *term, _, _ int) bool {
		found = tm.kind == kind && tm.is(label) && tm.class != action
		return found
	})
	return found
}

// absorbed reports whether the term at s[start:end] only serves as context
// for a neighbouring term of its kind, which is reported instead: a label
// before its value (既往歴は糖尿病, 健康診断の結果、佐々木さんは要再検査), a marker
// beside its subject (糖尿病で通院中, 通院中の糖尿病, キリスト教を信仰). The
// neighbour must start within markerWindow runes; it may end beyond them.
func absorbed(s string, start, end int, tm *term) bool {
	if tm.is(label) && tm.class != action {
		found := false
		eachTerm(s, end, clauseEnd(s, end, markerWindow), len(s), func(o *term, _, _ int) bool {
			found = o.kind == tm.kind && !o.is(label) && o.class != action
			return found
		})
		if found {
			return true
		}
	}
	if tm.class != action && prefixOf(tm.word, windowMarkers[tm.kind]...) == "" && prefixOf(tm.word, suffixMarkers[tm.kind]...) == "" {
		return false
	}
	found := false
	subject := func(o *term, _, _ int) bool {
		found = o.kind == tm.kind && o.class != action && !o.is(label) && o.word != tm.word
		return found
	}
	eachTerm(s, clauseStart(s, start, markerWindow), start, start, subject)
	if !found {
		eachTerm(s, end, clauseEnd(s, end, markerWindow), len(s), subject)
	}
	return found
}

// Words around 前歴 that tell a career (前歴換算, 職務の前歴) from a police
// record (逮捕の前歴).
var (
	careerWords = []string{"職務", "職歴", "経歴", "前職", "勤務", "在籍", "換算", "加算", "給与", "入社", "会社", "採用",
		"転職", "社会人", "学歴", "業務"}
	crimeWords = []string{"逮捕", "犯罪", "補導", "警察", "検挙", "前科", "非行", "容疑", "被疑", "捜査", "刑"}
)

// sentenceAround returns the sentence around s[start:end], without the term.
func sentenceAround(s string, start, end int) (before, after string) {
	return s[clauseStart(s, start, sentenceWindow):start], s[end:clauseEnd(s, end, sentenceWindow)]
}

func sentenceHas(s string, start, end int, words []string) bool {
	b, a := sentenceAround(s, start, end)
	_, inBefore := containsAny(b, words)
	_, inAfter := containsAny(a, words)
	return inBefore || inAfter
}

// itWords in the value of 障害区分 make it a fault class, not a disability.
var itWords = []string{"システム", "サーバ", "ネットワーク", "通信", "回線", "ハード", "ソフト", "アプリ", "電源", "機器",
	"設備", "軽微", "重大", "緊急", "復旧", "停止", "エラー"}
