package sensitive

import (
	"math/bits"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/pmscan/pmscan/detectors"
)

// class is how much a term says by itself, before any context.
type class uint8

const (
	weak     class = iota // Low alone: ambiguous or general (病院, 宗教, 健康診断)
	specific              // Medium alone: names sensitive information (既往歴, うつ病)
	record                // High alone: a certificate or a record of a person (逮捕歴)
	action                // Low alone, Medium as a state or deed (通院中, 服薬している)
	test                  // Low alone, High with a value (血圧 150/95, HbA1c 7.2%)
)

// flags refine a term.
type flags uint16

const (
	label          flags = 1 << iota // a field name: "既往歴: 糖尿病" takes the value after it
	category                         // a legal category's name, as privacy policies list them
	grade                            // takes a grade: 身体障害者手帳1級, 療育手帳A
	value                            // takes a test value: HbA1c 7.2%, 血圧 158/96
	sentence                         // takes a prison term: 懲役3年
	exact                            // ASCII, matched case-sensitively: AIDS, not "aids"
	faith                            // a religion's name: a believer marker makes it High
	cancer                           // がん/ガン: only where it cannot be part of another word
	prior                            // 前歴: criminal only beside crime words, never in a career
	creed                            // 信条: not a company's or a person's motto
	qualified                        // a qualifier before it is part of its phrase: 肺がん, 琉球民族
	needsQualifier                   // a term only with a qualifier before it: 詐欺被害, 日系
	ancestry                         // 系 of an ancestry phrase, which ends in 人 or 世: 日系ブラジル人
)

// term is one word the detector looks for.
type term struct {
	word  string // normalised, ASCII lowercase
	upper string // the exact spelling of an exact term
	ascii bool   // word holds ASCII letters, matched case-insensitively
	kind  string
	class class
	flags flags
	index int // in vocab.terms
}

func (tm *term) is(f flags) bool { return tm.flags&f != 0 }

// group lists words that share a kind, class and flags.
type group struct {
	kind  string
	class class
	flags flags
	words []string
}

// groups is the vocabulary, by kind. Words are normalised (full-width ASCII
// folded) and ASCII-lowercased; where terms overlap, the longest wins.
var groups = []group{
	// 病歴, 診療・調剤情報.
	{MedicalHistory, specific, label | category, []string{"病歴"}},
	{MedicalHistory, specific, label, []string{"既往歴", "既往症", "持病", "診断名", "傷病名", "病名", "基礎疾患",
		"通院歴", "入院歴", "治療歴", "服薬歴", "手術歴"}},
	{MedicalHistory, specific, 0, []string{
		"糖尿病", "高血圧", "高血圧症", "低血圧", "高血糖", "低血糖", "脂質異常症", "高脂血症",
		"悪性腫瘍", "白血病", "悪性リンパ腫",
		"うつ病", "鬱病", "抑うつ", "躁うつ病", "双極性障害", "統合失調症", "適応障害", "パニック障害",
		"不安障害", "強迫性障害", "摂食障害", "睡眠障害", "不眠症", "自律神経失調症", "心身症", "精神疾患",
		"依存症", "エイズ", "肝炎", "肝硬変", "認知症", "アルツハイマー", "アルツハイマー型認知症", "パーキンソン病",
		"脳梗塞", "脳卒中", "脳出血", "くも膜下出血", "心筋梗塞", "狭心症", "心不全", "不整脈",
		"喘息", "ぜんそく", "てんかん", "結核", "腎不全", "人工透析", "透析", "難病", "膠原病",
		"リウマチ", "クローン病", "潰瘍性大腸炎", "胃潰瘍", "痛風", "性病", "性感染症", "梅毒",
		"不妊治療", "不妊症", "筋萎縮性側索硬化症", "多発性硬化症", "メンタル不調", "メンタルヘルス不調",
		"診断書", "診療録", "調剤録", "診療情報提供書", "お薬手帳"}},
	{MedicalHistory, specific, exact, []string{"hiv", "aids", "ptsd"}},
	{MedicalHistory, specific, qualified, []string{"癌"}},
	{MedicalHistory, specific, cancer | qualified, []string{"がん", "ガン"}},
	{MedicalHistory, action, label, []string{"通院", "入院", "服薬", "服用", "投薬", "処方", "闘病", "療養", "加療", "治療中"}},
	{MedicalHistory, weak, 0, []string{"病院", "精神科", "心療内科", "調剤", "診療情報", "調剤情報"}},

	// 身体障害・知的障害・精神障害.
	{Disability, record, grade, []string{"身体障害者手帳", "療育手帳", "精神障害者保健福祉手帳", "障害者手帳", "愛の手帳"}},
	{Disability, specific, grade | label, []string{"障害等級", "障害支援区分", "障害程度区分"}},
	{Disability, weak, label, []string{"障害区分"}}, // also a fault class in incident reports
	{Disability, specific, category, []string{"身体障害", "知的障害", "精神障害"}},
	{Disability, specific, 0, []string{"障害年金", "発達障害", "自閉症", "自閉スペクトラム症", "アスペルガー",
		"注意欠陥多動性障害", "学習障害", "聴覚障害", "視覚障害", "言語障害", "肢体不自由", "高次脳機能障害",
		"ダウン症", "全盲", "車椅子利用", "車いす利用", "車椅子使用", "車いす使用"}},
	{Disability, specific, exact, []string{"adhd"}},
	{Disability, weak, 0, []string{"障害者", "障がい者", "障碍者", "障害のある", "障がいのある", "障害を持",
		"障がいを持", "障害をお持ち", "障がいをお持ち"}},

	// 犯罪の経歴, 刑事・少年事件の手続.
	{CriminalRecord, record, label | category, []string{"犯罪歴"}},
	{CriminalRecord, record, label, []string{"前科", "前科前歴", "逮捕歴", "犯歴", "補導歴", "検挙歴", "服役歴",
		"受刑歴", "非行歴", "性犯罪歴"}},
	{CriminalRecord, specific, 0, []string{"服役", "受刑", "有罪判決", "執行猶予", "起訴猶予", "不起訴", "少年院",
		"保護観察", "罰金刑", "仮釈放"}},
	{CriminalRecord, specific, sentence, []string{"懲役", "禁錮"}},
	{CriminalRecord, action, 0, []string{"起訴", "逮捕"}},
	{CriminalRecord, weak, category, []string{"刑事事件", "少年事件", "犯罪の経歴"}},
	{CriminalRecord, weak, prior, []string{"前歴"}},

	// 犯罪により害を被った事実.
	{CrimeVictim, specific, category, []string{"犯罪被害"}},
	{CrimeVictim, specific, 0, []string{"被害届", "性被害", "性暴力被害", "性犯罪被害", "dv被害", "ストーカー被害",
		"痴漢被害", "被害者参加"}},
	{CrimeVictim, specific, qualified | needsQualifier, []string{"被害"}}, // 詐欺被害, not 台風被害
	{CrimeVictim, weak, category, []string{"犯罪により害を被った事実"}},

	// 信条 (思想・宗教).
	{ReligionBelief, weak, label | category, []string{"宗教"}},
	{ReligionBelief, weak, label | category | creed, []string{"信条"}},
	{ReligionBelief, weak, category, []string{"思想"}},
	{ReligionBelief, specific, label, []string{"信仰", "宗派", "支持政党"}},
	{ReligionBelief, specific, 0, []string{"入信", "改宗", "ムスリム", "クリスチャン", "政党支持"}},
	{ReligionBelief, weak, 0, []string{"信者", "信徒"}},
	{ReligionBelief, weak, faith, []string{"仏教", "キリスト教", "イスラム教", "イスラーム", "ユダヤ教", "ヒンドゥー教",
		"ヒンズー教", "神道", "創価学会", "エホバの証人", "カトリック", "プロテスタント", "浄土真宗", "浄土宗",
		"日蓮宗", "曹洞宗", "臨済宗", "真言宗", "天台宗", "天理教", "モルモン教", "統一教会", "幸福の科学",
		"立正佼成会", "新興宗教"}},

	// 人種 (民族, 出自, 門地). Nationality (ブラジル人, 韓国籍) is none of them.
	{RaceEthnicity, weak, label | category, []string{"人種", "出自", "門地"}},
	{RaceEthnicity, weak, label | category | qualified, []string{"民族"}}, // specific with its people: 琉球民族
	{RaceEthnicity, specific, 0, []string{"在日コリアン", "在日韓国人", "在日朝鮮人", "在日韓国・朝鮮人", "在日韓国朝鮮人"}},
	{RaceEthnicity, weak, 0, []string{"アイヌ"}},
	{RaceEthnicity, specific, qualified | needsQualifier | ancestry, []string{"系"}},

	// 社会的身分: a status fixed by birth, not a career or 学歴.
	{SocialStatus, weak, label | category, []string{"社会的身分"}},
	{SocialStatus, specific, 0, []string{"被差別部落", "同和地区", "非嫡出子", "婚外子", "嫡出でない子"}},
	{SocialStatus, record, 0, []string{"被差別部落出身", "部落出身", "同和地区出身"}},

	// 健康診断等の結果.
	{HealthCheck, specific, label | category, []string{"健康診断の結果", "健康診断等の結果", "ストレスチェックの結果"}},
	{HealthCheck, specific, label, []string{"健康診断結果", "健診結果", "検診結果", "人間ドック結果", "ストレスチェック結果"}},
	{HealthCheck, specific, 0, []string{"健康診断書", "要再検査", "要精密検査", "要精検", "要再検", "要治療", "要経過観察",
		"要医療", "高ストレス者", "有所見"}},
	{HealthCheck, weak, 0, []string{"健康診断", "健診", "検診", "がん検診", "人間ドック", "ストレスチェック"}},
	{HealthCheck, test, value, []string{"血圧", "最高血圧", "最低血圧", "収縮期血圧", "拡張期血圧", "血糖値", "血糖",
		"空腹時血糖", "hba1c", "ヘモグロビンa1c", "γ-gtp", "γgtp", "γ-gt", "ガンマgtp", "ガンマ-gtp", "中性脂肪",
		"ldlコレステロール", "hdlコレステロール", "総コレステロール", "尿酸値", "尿蛋白", "尿糖"}},
}

// rejectAfter and rejectBefore make a term no term at all where it is part
// of something else: a product, an institution, a phrase about no one.
var rejectAfter = map[string][]string{
	"宗教":       {"法人", "学", "画", "史", "改革", "戦争", "施設"},
	"人種":       {"差別", "主義"},
	"民族":       {"衣装", "音楽", "料理", "楽器", "舞踊", "紛争", "学", "博物館", "文化", "大移動", "調"},
	"アイヌ":      {"民族", "語", "文化", "文様", "料理", "工芸", "刺繍", "施策", "政策", "新法", "協会", "舞踊", "古式舞踊"},
	"思想":       {"史", "家"},
	"信仰":       {"の自由"},
	"血圧":       {"計", "測定器", "モニター"},
	"血糖":       {"計", "測定器"},
	"血糖値":      {"計", "測定器"},
	"がん":       {"保険", "共済", "特約", "検診"},
	"ガン":       {"保険", "共済", "特約", "検診"},
	"癌":        {"保険", "共済", "特約", "検診"},
	"クリスチャン":   {"・", "ディオール"},
	"調剤":       {"薬局"},
	"健康診断":     checkupAdmin,
	"健診":       checkupAdmin,
	"検診":       checkupAdmin,
	"がん検診":     checkupAdmin,
	"人間ドック":    checkupAdmin,
	"ストレスチェック": checkupAdmin,
}

// checkupAdmin follow a checkup that is being organised, not reported.
var checkupAdmin = []string{"予約", "の予約", "ご予約", "のご予約", "案内", "のご案内", "のお知らせ", "日程", "の日程", "会場", "機関",
	"システム", "のシステム", "予定"}

var rejectBefore = map[string][]string{
	"病院": {"動物"},
	"思想": {"設計", "デザイン", "経営", "基本", "開発", "製品", "建築", "教育", "哲学", "芸術", "企業"},
	"信条": {"経営", "企業", "行動", "会社", "当社の", "弊社の", "私たちの", "我々の", "品質", "基本", "人生", "社員",
		"仕事の", "指導"},
	"信仰": {"山岳", "民間", "土着", "富士", "稲荷", "自然", "ブランド"},
	"入院": {"少年院に", "少年院へ"},
	"性病": {"慢"},
}

// itBefore are the words that make 障害 a fault, not a disability, when
// they come just before it (通信障害のある回線).
var itBefore = []string{"通信", "回線", "機器", "設備", "電源", "系統", "運用", "接続", "配信", "決済", "基盤", "大規模",
	"重大", "軽微", "本番"}

// vocabulary is the compiled term list.
type vocabulary struct {
	terms []term
	// first marks the BMP runes that begin a term (ASCII letters in both
	// cases). A set bit's rank, the number of set bits before it, indexes
	// byRank: a lookup without hashing, since in Japanese prose a common
	// kanji (人, 入, 高) begins a term every few characters.
	first  [1024]uint64
	rank   [1024]uint16
	byRank [][]int32 // terms by first rune, longest first
	// pairs marks the hashes of the first two runes of every term, and solo
	// the runes that are a term alone (癌): most places where a first rune
	// matches are rejected by one more test, without looking terms up.
	pairs [1024]uint64
	solo  [1024]uint64
}

// pairHash hashes two runes to 16 bits.
func pairHash(a, b rune) uint32 { return (uint32(a)*0x9E3779B1 ^ uint32(b)*0x85EBCA77) >> 16 }

// mayBegin reports whether a term may begin with r followed by next.
func (v *vocabulary) mayBegin(r, next rune) bool {
	if v.solo[r>>6]&(1<<(r&63)) != 0 {
		return true
	}
	h := pairHash(r, next)
	return v.pairs[h>>6]&(1<<(h&63)) != 0
}

// candidates returns the terms that may begin with r.
func (v *vocabulary) candidates(r rune) []int32 {
	if r >= 0x10000 {
		return nil
	}
	w, bit := v.first[r>>6], uint64(1)<<(r&63)
	if w&bit == 0 {
		return nil
	}
	return v.byRank[int(v.rank[r>>6])+bits.OnesCount64(w&(bit-1))]
}

var vocab = compile(groups)

func compile(gs []group) *vocabulary {
	v := &vocabulary{}
	for _, g := range gs {
		for _, w := range g.words {
			tm := term{word: w, kind: g.kind, class: g.class, flags: g.flags, index: len(v.terms),
				ascii: strings.IndexFunc(w, func(r rune) bool { return r >= 'a' && r <= 'z' }) >= 0}
			if g.flags&exact != 0 {
				tm.upper = strings.ToUpper(w)
			}
			v.terms = append(v.terms, tm)
		}
	}
	cases := func(r rune) []rune {
		if r >= 'a' && r <= 'z' {
			return []rune{r, r - 32}
		}
		return []rune{r}
	}
	firstRunes := func(w string) []rune {
		r, _ := utf8.DecodeRuneInString(w)
		return cases(r)
	}
	for _, tm := range v.terms {
		r, size := utf8.DecodeRuneInString(tm.word)
		for _, a := range cases(r) {
			v.first[a>>6] |= 1 << (a & 63)
			if size == len(tm.word) {
				v.solo[a>>6] |= 1 << (a & 63)
				continue
			}
			r2, _ := utf8.DecodeRuneInString(tm.word[size:])
			for _, b := range cases(r2) {
				h := pairHash(a, b)
				v.pairs[h>>6] |= 1 << (h & 63)
			}
		}
	}
	n := 0
	for k, w := range v.first {
		v.rank[k] = uint16(n)
		n += bits.OnesCount64(w)
	}
	v.byRank = make([][]int32, n)
	for i, tm := range v.terms {
		for _, r := range firstRunes(tm.word) {
			k := int(v.rank[r>>6]) + bits.OnesCount64(v.first[r>>6]&(1<<(r&63)-1))
			v.byRank[k] = append(v.byRank[k], int32(i))
		}
	}
	for _, idx := range v.byRank {
		slices.SortStableFunc(idx, func(a, b int32) int { return len(v.terms[b].word) - len(v.terms[a].word) })
	}
	return v
}

// keywords returns the gate words: every term that contains no shorter term,
// since the gate matches substrings.
func (v *vocabulary) keywords() []string {
	var out []string
	for i, a := range v.terms {
		redundant := false
		for j, b := range v.terms {
			if i != j && len(b.word) < len(a.word) && strings.Contains(a.word, b.word) {
				redundant = true
				break
			}
		}
		if !redundant && !slices.Contains(out, a.word) {
			out = append(out, a.word)
		}
	}
	return out
}

// termAt returns the longest term that starts at s[i] and is not part of a
// longer word, and its end.
func termAt(s string, i int) (*term, int, bool) {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return termAtRune(s, i, r)
}

// termAtRune is termAt for the rune r at s[i].
func termAtRune(s string, i int, r rune) (*term, int, bool) {
	cands := vocab.candidates(r)
	if len(cands) == 0 || r < utf8.RuneSelf && detectors.IsWordByte(before(s, i)) {
		return nil, 0, false
	}
	for _, k := range cands {
		tm := &vocab.terms[k]
		end := i + len(tm.word)
		if end > len(s) {
			continue
		}
		switch {
		case tm.is(exact):
			if s[i:end] != tm.upper {
				continue
			}
		case tm.ascii:
			if !detectors.HasPrefixFold(s[i:end], tm.word) {
				continue
			}
		case s[i:end] != tm.word:
			continue
		}
		if bounded(s, i, end, tm) {
			if tm.is(ancestry) {
				end, _ = ancestryTail(s, end)
			}
			return tm, end, true
		}
	}
	return nil, 0, false
}

// bounded checks that s[start:end] is the term itself, not part of another
// word: ASCII and katakana terms must not be glued to their own script, and
// the reject lists and special rules must not apply.
func bounded(s string, start, end int, tm *term) bool {
	w := tm.word
	if w[len(w)-1] < utf8.RuneSelf && detectors.IsWordByte(after(s, end)) {
		return false
	}
	first, _ := utf8.DecodeRuneInString(w)
	last, _ := utf8.DecodeLastRuneInString(w)
	prev, _ := utf8.DecodeLastRuneInString(s[:start])
	next, _ := utf8.DecodeRuneInString(s[end:])
	if isKatakana(first) && isKatakana(prev) || isKatakana(last) && isKatakana(next) {
		return false
	}
	if isHiragana(first) && isHiragana(prev) && !isParticle(prev) {
		return false
	}
	for _, a := range rejectAfter[w] {
		if strings.HasPrefix(s[end:], a) {
			return false
		}
	}
	for _, b := range rejectBefore[w] {
		if strings.HasSuffix(s[:start], b) {
			return false
		}
	}
	if strings.HasPrefix(w, "障害") || strings.HasPrefix(w, "障がい") {
		// システム障害のある, 通信障害を持つ: a fault of a machine.
		if isKatakana(prev) {
			return false
		}
		for _, b := range itBefore {
			if strings.HasSuffix(s[:start], b) {
				return false
			}
		}
	}
	if tm.is(cancer) && !cancerBoundary(s, end, next) {
		return false
	}
	if w == "信者" && (detectors.IsWordByte(before(s, start)) || isKatakana(prev)) {
		return false // iPhone信者, ブランド信者: a fan
	}
	if tm.is(needsQualifier) && qualifierStart(s, 0, start, tm) == start {
		return false
	}
	if tm.is(ancestry) {
		if _, ok := ancestryTail(s, end); !ok {
			return false
		}
	}
	return true
}

// cancerBoundary: がん and ガン are cancer only before a particle,
// punctuation, a kanji or the end (肺がんの, がんと診断, がん細胞), never in
// がんばる, がんこ or がんがん.
func cancerBoundary(s string, end int, next rune) bool {
	switch {
	case end == len(s):
		return true
	case strings.HasPrefix(s[end:], "がん"), strings.HasPrefix(s[end:], "ガン"):
		return false
	case isKanji(next):
		return true
	case isHiragana(next):
		return isParticle(next)
	case isKatakana(next):
		return false
	}
	return !detectors.IsWordByte(s[end])
}

// isParticle: the hiragana that may stand between a term and the word before
// or after it.
func isParticle(r rune) bool {
	switch r {
	case 'は', 'が', 'も', 'の', 'を', 'に', 'と', 'で', 'や', 'へ':
		return true
	}
	return false
}

func isKatakana(r rune) bool {
	return r >= 0x30A1 && r <= 0x30FA || r == 'ー' || r == 0x30FD || r == 0x30FE
}
func isHiragana(r rune) bool { return r >= 0x3041 && r <= 0x3096 }
func isKanji(r rune) bool    { return r >= 0x4E00 && r <= 0x9FFF || r == '々' }

func before(s string, i int) byte {
	if i <= 0 {
		return 0
	}
	return s[i-1]
}

func after(s string, i int) byte {
	if i >= len(s) {
		return 0
	}
	return s[i]
}
