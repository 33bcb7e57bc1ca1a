package personname

import (
	"slices"
	"strings"
)

// The words around a name: labels before it, honorifics and titles after
// it, and words that say a kanji run is no name (deities, organisations,
// place suffixes).

// labels introduce a name: "氏名：山田太郎", "担当は鈴木です".
var labels = []string{
	// Longest first where one label ends another (振込人名義, 名義).
	"振込人名義", "園児名", "生徒名", "児童名", "利用者名", "入居者名", "参加者名", "受講者名", "担当者名", "申込者名", "契約者名",
	// Bank statements: the transfer's sender (ﾌﾘｺﾐ ﾖｼﾀﾞ ﾀｹｼ).
	"フリコミイライニン", "フリコミニン", "フリコミ",
	"氏名", "名前", "担当者", "担当", "宛名", "署名", "契約者", "申込者", "代表者", "保護者",
	"受取人", "記入者", "作成者", "依頼者", "申請者", "患者名", "患者", "顧客名", "会員名",
	"被保険者", "本人", "振込名義人", "振込名義", "口座名義人", "口座名義", "名義人", "名義",
	"振込依頼人", "依頼人", "振込人", "旧姓", "前任", "後任",
	// Who worked on a document: 入力：真先芳秋, 校正者 鈴木厚司.
	"入力者", "校正者", "入力", "校正", "翻訳者", "訳者", "著者", "編者",
	// Who someone is to the person a record is about: 紹介者 今村 トメ,
	// 妻 佐野あかり. One-character words count only standing alone.
	"紹介者", "同居人", "同居家族", "配偶者", "長男", "長女", "次男", "次女", "三男", "三女", "息子", "娘",
	"祖父", "祖母", "妻", "夫", "母", "父", "兄", "姉", "弟", "妹",
}

// readingLabels introduce a name's reading in kana.
var readingLabels = []string{"フリガナ", "ふりがな", "よみがな", "ヨミガナ", "カナ", "セイメイ"}

// kanaHonorifics follow a name; the kanji ones (様, 殿, 氏, 君) end the
// kanji run instead.
var kanaHonorifics = []string{"さん", "さま", "くん", "ちゃん", "ちやん", "先生", "様", "殿", "氏", "君"}

// diminutive reports ちゃん, or ちやん as old kana writes it (三ちやん):
// what children and the familiar are called by, numbers too.
func diminutive(hon string) bool { return hon == "ちゃん" || hon == "ちやん" }

// hanSuffixes end a kanji run after a name: honorifics, and titles that
// follow a surname (山本課長, 長谷川先生). The tokenizer tags the honorifics
// as person suffixes but titles as common nouns.
var hanSuffixes = []string{"様宛", "殿宛", "様", "殿", "氏", "君", "先生", "先輩", "課長", "部長", "係長", "次長", "室長", "社長",
	"会長", "主任", "店長", "所長", "院長", "教授", "医師", "専務", "常務", "監督", "選手", "議員",
	// Ranks of old and a familiar suffix: 天方伯, 白河楽翁侯, 天方大臣, 兼公.
	"大臣", "侯", "伯", "公", "卿",
	// Police and courts: 小林刑事, 山田警部.
	"刑事", "警部", "巡査", "検事", "判事",
	// Monks' titles after their names in religion: 曇猛律師, 能因法師.
	"律師", "法師"}

// cutHanSuffix splits a kanji run into the name before an honorific or a
// title that ends it and that suffix (山田様 → 山田, 様); a run that is only
// a suffix, or ends in none, comes back whole.
func cutHanSuffix(run string) (name, suffix string) {
	if last, _ := decodeLastRune(run); !suffixLast.has(last) {
		return run, ""
	}
	for _, h := range hanSuffixes {
		if strings.HasSuffix(run, h) && len(run) > len(h) {
			if monkTitle(h) && runeCount(run) < runeCount(h)+2 {
				// 旅法師, 影法師, 下法師: a word, not a name and a title.
				return run, ""
			}
			return run[:len(run)-len(h)], h
		}
	}
	return run, ""
}

func monkTitle(h string) bool { return h == "律師" || h == "法師" }

// isTitle reports a title among hanSuffixes: one that the tokenizer does
// not tag as a person suffix.
func isTitle(h string) bool {
	return h != "様" && h != "殿" && h != "氏" && h != "君" && h != "様宛" && h != "殿宛"
}

// First and last runes of the words above: one map test rejects most
// positions before any string comparison.
var (
	labelFirst       = edgeRunes(labels, false)
	labelLast        = edgeRunes(labels, true)
	readingLabelLast = edgeRunes(readingLabels, true)
	honorificFirst   = edgeRunes(kanaHonorifics, false)
	suffixLast       = edgeRunes(hanSuffixes, true)
	suffixFirst      = edgeRunes(hanSuffixes, false)
)

func edgeRunes(words []string, last bool) *runeSet {
	var rs runeSet
	for _, w := range words {
		r, _ := decodeRune(w)
		if last {
			r, _ = decodeLastRune(w)
		}
		rs.add(r)
	}
	return &rs
}

// labelBefore reports whether a name label ends just before s[a], allowing
// a separator: "氏名：", "担当 ", "担当は".
func (p *prose) labelBefore(a int) bool {
	s := p.t.Norm
	j := skipSeparators(s, a)
	if labelEndsAt(s, j) {
		// 姉は守本尊を: one kanji of family and は are a sentence, not a
		// label and its value (妻 佐野あかり, 妻：佐野あかり are).
		return !strings.Contains(s[j:a], "は") || runeCount(s[runStart(s, j, isHan):j]) > 1
	}
	// 作成者：営業一課 吉田: a department between the label and the name,
	// set off by a separator.
	if j == a {
		return false
	}
	d := runStart(s, j, isHan)
	if d == j || runeCount(s[d:j]) > 8 || !endsWithUnit(s[d:j]) {
		return false
	}
	return labelEndsAt(s, skipSeparators(s, d))
}

// quotedField reports what sets a value off from its label in a form
// read out in prose: 氏名欄「千葉 和真」, フリガナ『チバ カズマ』.
func quotedField(r rune) bool { return r == '「' || r == '『' || r == '欄' }

// skipSeparators returns where the text before s[a] ends once up to three
// separators between a label and its value are skipped.
func skipSeparators(s string, a int) int {
	j, quoted := a, false
	for n := 0; j > 0 && n < 3; n++ {
		r, size := decodeLastRune(s[:j])
		// が only before a quote: 振込人名義が「ﾓﾘｼﾀ ｼｭﾝﾍﾟｲ」, not 氏名が未入力.
		if r == ':' || r == ' ' || r == 'は' || r == '】' || r == ']' || r == ')' || r == '」' || r == '|' ||
			quotedField(r) || r == 'が' && quoted {
			quoted = quoted || r == '「' || r == '『'
			j -= size
			continue
		}
		break
	}
	return j
}

// listedUnderLabel reports a name listed after one found under a label,
// set off by ・ or 、 (入力：深水英一郎・加藤るみ): the label covers the list.
func (p *prose) listedUnderLabel(a int) bool {
	s := p.t.Norm
	// ・ and 、 are 3 bytes: most runs follow no name found.
	if len(p.out) == 0 || p.out[len(p.out)-1].End != a-3 {
		return false
	}
	if sep := s[a-3 : a]; sep != "・" && sep != "、" {
		return false
	}
	// Not another label or title: 妻 中野 由美、長男 中野 蒼.
	if run := s[a:hanEnd(s, a)]; kinTitleSet[run] || isPersonNoun(run) || labelEndsAt(s, a+len(run)) {
		return false
	}
	return slices.ContainsFunc(p.out[len(p.out)-1].Reasons, func(why string) bool { return strings.Contains(why, "name label") })
}

// labelEndsAt reports whether a name label ends at s[j].
func labelEndsAt(s string, j int) bool {
	if r, _ := decodeLastRune(s[:j]); !labelLast.has(r) {
		return false
	}
	for _, l := range labels {
		// The label must be a word of its own: 担当 in 経理担当は次回 is a
		// department, not a label.
		if strings.HasSuffix(s[:j], l) {
			r, _ := decodeLastRune(s[:j-len(l)])
			return j == len(l) || !isHan(r)
		}
	}
	return false
}

// endsWithUnit reports a department name: 営業一課, 総務部, 経営企画室.
func endsWithUnit(s string) bool { return hasSuffixAny(s, unitEndings) }

var unitEndings = []string{"課", "部", "室", "係", "班", "局", "センター", "チーム", "グループ"}

// labelPrefix returns the length of a label that starts the run and leaves
// something after it: 氏名山田太郎, 担当者鈴木.
func labelPrefix(run string) int {
	if r, _ := decodeRune(run); !labelFirst.has(r) {
		return 0
	}
	// The longest label first: where one label starts another, labels
	// lists the longer first. A set looked up by length: most runs start
	// with a label's first rune and no label.
	for _, n := range prefixLabels.lengths {
		if len(run) > n && prefixLabels.set[run[:n]] {
			return n
		}
	}
	return 0
}

// prefixLabels are the labels that may start a run: a one-character label
// (妻, 母) begins too many names and words (妹尾, 母袋, 夫婦), and 入力 and
// 校正 too many words (入力内容): they count only standing alone.
var prefixLabels = func() (p struct {
	set     map[string]bool
	lengths []int // byte lengths, longest first
}) {
	p.set = map[string]bool{}
	for _, l := range labels {
		if runeCount(l) > 1 && l != "入力" && l != "校正" {
			p.set[l] = true
			if !slices.Contains(p.lengths, len(l)) {
				p.lengths = append(p.lengths, len(l))
			}
		}
	}
	slices.SortFunc(p.lengths, func(a, b int) int { return b - a })
	return p
}()

// afterReadingLabel reports whether a reading label precedes s[a].
func (p *prose) afterReadingLabel(a int) bool {
	s := p.t.Norm
	j := a
	for n := 0; j > 0 && n < 3; n++ {
		r, size := decodeLastRune(s[:j])
		if r == ':' || r == ' ' || r == ')' || r == '】' || quotedField(r) {
			j -= size
			continue
		}
		break
	}
	if r, _ := decodeLastRune(s[:j]); !readingLabelLast.has(r) {
		return false
	}
	for _, l := range readingLabels {
		if strings.HasSuffix(s[:j], l) {
			return true
		}
	}
	return false
}

// honorificAt returns the honorific that starts at s[i], or "".
func honorificAt(s string, i int) string {
	if r, _ := decodeRune(s[i:]); !honorificFirst.has(r) {
		return ""
	}
	for _, h := range kanaHonorifics {
		if strings.HasPrefix(s[i:], h) {
			if h == "ちやん" && strings.HasPrefix(s[i+len(h):], "と") {
				return "" // ちやんと is ちゃんと, "properly", as often
			}
			return h
		}
	}
	return ""
}

func contextReason(labelled bool, hon string) string {
	switch {
	case labelled && hon != "":
		return "after a name label and before an honorific"
	case labelled:
		return "after a name label"
	case hon != "":
		return "before an honorific"
	}
	return "no context"
}

// deities are addressed with 様 and さん like people: 八幡様, お稲荷さん.
var deities = []string{"八幡", "観音", "稲荷", "天神", "大黒", "恵比寿", "地蔵", "閻魔", "釈迦", "仏", "神", "明神", "権現", "弁天", "不動"}

func isDeity(window string) bool { return hasSuffixAny(window, deities) }

// orgEndings end the names of organisations and places: business prose
// addresses 株式会社サンプル商事様 and 総務部様, and a name column may hold
// 高島屋 新宿店 or 渋谷区.
var orgEndings = []string{"会社", "商事", "工業", "物産", "電機", "運輸", "銀行", "病院", "大学", "協会", "組合",
	"法人", "事務所", "商店", "製作所", "文庫", "店", "部", "課", "室", "係", "局", "社", "省", "庁", "所", "院", "校", "園",
	"館", "県", "市", "区", "町", "村"}

// endsLikeOrg reports whether s ends like an organisation's or a place's
// name and no surname ends it: 総務部 and 山田商店 do; 阿部, 日下部 and
// 野々村 do not.
func (l *lexicon) endsLikeOrg(s string) bool {
	return endsWithOrg(s) && !l.endsWithSurname(s)
}

func endsWithOrg(s string) bool { return hasSuffixAny(s, orgEndings) }

// placeSuffix reports a one-kanji given name that is also what place names
// end in (和田岬 is a cape, 松本城 a castle, though 岬 and 城 are names
// too), and a given name ending in a suffix that makes common nouns (金満家,
// 経営者), which given names almost never end in.
func placeSuffix(given string) bool {
	switch given {
	case "岬", "山", "川", "島", "浜", "橋", "寺", "城", "港", "駅", "湖", "池", "谷", "沢", "坂", "岳", "峠", "湾", "宮", "園", "台", "丘", "野", "原":
		return true
	}
	last, _ := decodeLastRune(given)
	return strings.ContainsRune("家者屋員師業性的化式製品用感論法館店料費等率軒亭楼閣", last)
}
