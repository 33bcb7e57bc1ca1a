package personname

import (
	"slices"
	"strings"

	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/detectors/personname/internal/kanaromaji"
)

// Names and readings in kana.

// kanaRun judges a katakana (or, after a reading label, hiragana) run at
// s[a:]: a reading after フリガナ, or a name in katakana before an honorific.
func (p *prose) kanaRun(a int) int {
	s := p.t.Norm
	r, _ := decodeRune(s[a:])
	in := isKatakana
	if isHiragana(r) {
		in = isHiragana
	}
	b := runEnd(s, a, in)
	end := b
	// ヤマダ タロウ: two parts, one space.
	if b+1 < len(s) && s[b] == ' ' {
		if r2, _ := decodeRune(s[b+1:]); in(r2) {
			end = runEnd(s, b+1, in)
		}
	}
	n := runeCount(s[a:end])
	if n < 2 || n > maxKanaRunes {
		return end
	}
	reading := p.afterReadingLabel(a)
	if !reading && p.afterName(a) && end < len(s) && s[end] == ')' {
		p.add(a, end, detectors.High, "reading in parentheses after a name")
		return end
	}
	hon := honorificAt(s, end)
	if hon == "" && end+1 < len(s) && s[end] == ' ' {
		hon = honorificAt(s, end+1) // ﾔﾏｸﾞﾁ ｻﾄｼ 様
		if hon == "" && katakanaSama(s, end+1) {
			hon = "サマ" // ｸﾛｷ ｱｷﾗ ｻﾏ, as bank statements write it
		}
	}
	if !reading && hon == "" && isKatakana(r) && end == b && hasPrefixAny(s[b:], namingMarkers) && !commonKanaWord(s[a:b]) {
		p.add(a, b, detectors.Medium, reasonIntroduced) // カトウと申します
		return b
	}
	if !reading && hon == "" && isKatakana(r) && end == b && p.dottedName(a, b) {
		p.add(a, b, detectors.Medium, reasonDottedName) // シャアロック・ホームズ
		return b
	}
	if !reading && hon == "" && isKatakana(r) && end == b && p.titledKatakana(a, b) {
		p.add(a, b, detectors.Medium, reasonTitledKatakana) // ビスマルク侯, サード卿, ワトソン博士
		return b
	}
	if !reading && hon == "" && isKatakana(r) && end == b && regnalAfter(s, b) && !commonKanaWord(s[a:b]) {
		p.add(a, b, detectors.Medium, reasonRegnal) // ナポレオン三世
		return b
	}
	if !reading && hon == "" && isKatakana(r) && end > b && p.katakanaFullName(a, b, end) {
		p.add(a, end, detectors.Medium, reasonKanaFullName) // 名義変更前：ﾖｺﾔﾏ ﾏｻﾙ
		return end
	}
	kind := false   // 暴君ディオニス, 詩人ハツクレンデル
	author := false // ポオの『ル・モルグ』, ターナーの画
	if !reading && hon == "" && !p.labelBefore(a) {
		kind = isKatakana(r) && personKindBefore(s, a)
		author = !kind && isKatakana(r) && end == b && (workAfter(s, b) || quotedAfter(s, b) && p.taggedName(s[a:b]))
		if !kind && !author {
			if isKatakana(r) && end == b && p.calledBy(a, b) {
				p.add(a, b, detectors.Medium, reasonCalled) // 「キッコ、キッコ、, ゼウスよ。
			}
			return b
		}
	}
	if !reading && commonKanaWord(s[a:end]) {
		return end
	}
	switch {
	case reading && end > b:
		p.add(a, end, detectors.High, "reading of a full name after a reading label")
	case reading:
		p.add(a, end, detectors.Medium, "reading after a reading label")
	case hon != "":
		p.add(a, end, detectors.Medium, "katakana name before an honorific")
	case kind:
		p.add(a, end, detectors.Medium, reasonAfterKind)
	case author:
		p.add(a, end, detectors.Medium, reasonAuthor)
	default:
		p.add(a, end, detectors.Medium, "katakana name after a name label")
	}
	return end
}

const (
	reasonAfterKind = "katakana name after a kind of person"
	reasonAuthor    = "katakana name before a work"
)

const reasonTitledKatakana = "katakana name before a title"

// kanaTitles follow a foreign name as words of their own: ranks of
// nobility, the forces, the church and learning (ビスマルク侯, サード卿,
// ワトソン博士, ブラウン夫人).
var kanaTitles = []string{"卿", "侯", "伯", "公", "伯爵", "侯爵", "公爵", "男爵", "子爵", "夫人", "嬢", "博士", "教授",
	"将軍", "元帥", "提督", "大佐", "中佐", "少佐", "大尉", "中尉", "少尉", "牧師", "神父", "司祭", "司教", "閣下"}

// kanaTitleFirst holds the first runes of kanaTitles.
var kanaTitleFirst = edgeRunes(kanaTitles, false)

// titledKatakana reports the katakana word s[a:b] before one of
// kanaTitles that ends the kanji run there (ロンドン公園 is a park), when the
// word is no common noun, place or organisation (アメリカ大使, ロンドン公).
func (p *prose) titledKatakana(a, b int) bool {
	s := p.t.Norm
	if r, _ := decodeRune(s[b:]); b == len(s) || !kanaTitleFirst.has(r) || runeCount(s[a:b]) < 2 {
		return false // most katakana words: one set test
	}
	e := runEnd(s, b, isHan)
	if !slices.Contains(kanaTitles, s[b:e]) {
		return false
	}
	// Only a person is a lord or a peer: サード卿, though サード is a noun.
	peer := strings.HasSuffix(s[b:e], "爵") || s[b:e] == "卿"
	p.toks = tokenize(p.toks[:0], s[a:b])
	for _, t := range p.toks {
		switch t.morph {
		case mPlace, mOrg, mOther:
			return false
		case mNoun:
			if !peer {
				return false
			}
		}
	}
	return true
}

const reasonKanaFullName = "katakana surname and given name, as the dictionary reads them"

// katakanaFullName reports the katakana s[a:b] and s[b+1:end], one space
// between them, as a full name standing alone: set off before and after
// (a field, a line, brackets, punctuation), the first the reading of a
// surname and the second of a given name the lexicon knows (ヨコヤマ マサル,
// as bank transfers write an account holder, ﾖｺﾔﾏ ﾏｻﾙ). Two loanwords
// are seldom both (ホーム ページ, サイト マップ).
func (p *prose) katakanaFullName(a, b, end int) bool {
	s := p.t.Norm
	if !setOffBefore(s, a) || end < len(s) && !fieldEndsAt(s, end) {
		return false
	}
	surname, given := s[a:b], s[b+1:end]
	if runeCount(surname) < 2 || runeCount(given) < 2 {
		return false
	}
	l := p.lexicon()
	sr, gr := kanaromaji.Romanise(surname), kanaromaji.Romanise(given)
	return len(sr) > 0 && len(gr) > 0 && l.romajiSurnames[sr[0]] && l.romajiGiven[gr[0]]
}

const reasonCalled = "katakana name someone is called by in speech"

// calledBy reports the katakana word s[a:b] as one a speaker calls someone
// by: at the start of a quote before 、 (「キッコ、キッコ、), before よ and
// punctuation (ゼウスよ。), alone after an exclamation (ついて来い！
// フィロストラトス。), or announcing themselves (「フィロストラトスでございます。).
// The word must be one the dictionary does not know or knows as a name,
// and no sound (「ホホホホ、).
func (p *prose) calledBy(a, b int) bool {
	s := p.t.Norm
	if b == len(s) {
		return false
	}
	before, _ := decodeLastRune(s[:a])
	after := s[b:]
	called := false
	switch {
	case before == '「' && strings.HasPrefix(after, "でございます"):
		called = true
	case before == '「' && strings.HasPrefix(after, "、"):
		// Not a list (「リトライ、タイムアウト」): what follows the comma is
		// no katakana, or the same word called again (「キッコ、キッコ、).
		next := after[len("、"):]
		called = !isKatakana(rune0(next)) || strings.HasPrefix(next, s[a:b]+"、")
	case strings.HasPrefix(after, "よ"):
		r, _ := decodeRune(after[len("よ"):])
		called = len(after) > len("よ") && strings.ContainsRune("。、！？!?」", r)
	case strings.HasPrefix(after, "。") || strings.HasPrefix(after, "！"):
		j := a
		for j > 0 && (s[j-1] == ' ' || strings.HasSuffix(s[:j], "\u3000")) {
			_, size := decodeLastRune(s[:j])
			j -= size
		}
		r, _ := decodeLastRune(s[:j])
		called = j < a && strings.ContainsRune("！？!?", r)
	}
	if !called || runeCount(s[a:b]) < 3 || soundWord(s[a:b]) {
		return false
	}
	p.toks = p.tokenizeCached(s[a:b])
	if len(p.toks) != 1 {
		return false
	}
	switch p.toks[0].morph {
	case mUnknown, mPerson, mGiven, mSurname:
		return true
	}
	return false
}

// soundWord reports katakana that spell a sound: a repeated syllable
// (ハハハハ, ポタリポタリ, モジャモジャ) or a closing ッ (ピカッ).
func soundWord(w string) bool {
	if strings.HasSuffix(w, "ッ") {
		return true
	}
	rs := []rune(w)
	for k := 1; k <= 4 && 2*k <= len(rs); k++ {
		for i := 0; i+2*k <= len(rs); i++ {
			if string(rs[i:i+k]) == string(rs[i+k:i+2*k]) {
				return true
			}
		}
	}
	return false
}

const reasonDottedName = "a foreign full name, its parts joined by ・, one of them a name"

// dottedName reports the katakana run s[a:b] as a foreign full name: two
// or three parts of two runes or more joined by ・, one of which the
// dictionary reads as a person's name and none as a common noun or a
// place (シャアロック・ホームズ, ジョン・スミス; not カスタマー・サポート,
// ニュー・ヨーク).
func (p *prose) dottedName(a, b int) bool {
	w := p.t.Norm[a:b]
	if !strings.Contains(w, "・") {
		return false // most katakana: no ・
	}
	parts := strings.Split(w, "・")
	if len(parts) < 2 || len(parts) > 3 {
		return false
	}
	named := false
	for _, part := range parts {
		if runeCount(part) < 2 || soundWord(part) {
			return false
		}
		p.toks = tokenize(p.toks[:0], part)
		if len(p.toks) != 1 {
			return false
		}
		switch p.toks[0].morph {
		case mPerson, mGiven, mSurname:
			named = true
		case mUnknown:
		default:
			return false
		}
	}
	return named
}

// workAfter reports の and a work at s[b]: a title in 『』 (ポオの『ル・モルグ』)
// or a word for a work of art or writing (ターナーの画, シルレルの詩).
func workAfter(s string, b int) bool {
	rest, ok := strings.CutPrefix(s[b:], "の")
	if !ok {
		return false
	}
	if strings.HasPrefix(rest, "『") {
		return true
	}
	for _, w := range works {
		if strings.HasPrefix(rest, w) && !isHanAt(rest, len(w)) {
			return true
		}
	}
	return false
}

// quotedAfter reports の and a title in 「」 at s[b] (ドイルの「スペックルド・
// バンド」): a work, or a product, a page or a menu (ポータルの「各種届出」,
// ブラウザの「戻る」), so the word before must be a name (taggedName).
func quotedAfter(s string, b int) bool { return strings.HasPrefix(s[b:], "の「") }

// taggedName reports a word the tokenizer reads as one person's name:
// not a loanword it does not know (ポータル, ウェブサイト).
func (p *prose) taggedName(w string) bool {
	p.toks = tokenize(p.toks[:0], w)
	if len(p.toks) != 1 {
		return false
	}
	switch p.toks[0].morph {
	case mPerson, mSurname, mGiven:
		return true
	}
	return false
}

// works are what an author, a painter or a composer makes.
var works = []string{"詩", "画", "絵", "小説", "作品", "著書", "曲", "戯曲", "論文"}

// personKindBefore reports a kanji word for a kind of person or a title
// that ends just before s[a], glued to the katakana after it: 暴君ディオニス,
// 詩人ハツクレンデル, 社長スミス.
func personKindBefore(s string, a int) bool {
	if r, _ := decodeLastRune(s[:a]); !isHan(r) || !personNounLast.has(r) && !suffixLast.has(r) && !strings.ContainsRune(kindLast, r) {
		return false // most katakana words: no kanji before, or one no such word ends in
	}
	word := s[runStart(s, a, isHan):a]
	if isPersonNoun(word) || slices.Contains(hanSuffixes, word) && isTitle(word) {
		return true
	}
	last, _ := decodeLastRune(word)
	return runeCount(word) >= 2 && strings.ContainsRune(kindLast, last)
}

// kindLast ends words for kinds of people of two kanji or more: 詩人, 暴君,
// 国王, 画家, 牧師, 記者.
const kindLast = "人君王家師者"

// commonKanaWord reports katakana words the dictionary knows as common
// nouns (ユーザー様, スタッフさん): names are proper nouns or unknown.
func commonKanaWord(s string) bool {
	toks := sharedTokenizer().Tokenize(strings.ReplaceAll(s, " ", ""))
	for _, t := range toks {
		if m := morphOf(t); m != mNoun && m != mOther {
			return false
		}
	}
	return len(toks) > 0
}

// kanaGiven reads a given name in hiragana or katakana glued after a
// surname and followed by an honorific (伊藤さくらさん): it returns the
// name's end and the honorific, or i.
func (p *prose) kanaGiven(i int) (int, string) {
	s := p.t.Norm
	r, _ := decodeRune(s[i:])
	in := isHiragana
	if isKatakana(r) {
		in = isKatakana
	} else if !isHiragana(r) {
		return i, ""
	}
	e := runEnd(s, i, in)
	l := p.lexicon()
	for j := e; j > i; {
		h := honorificAt(s, j)
		if h == "" && j == e && j+1 < len(s) && s[j] == ' ' {
			h = honorificAt(s, j+1) // 上野ゆかり 様
		}
		if h != "" && l.given[s[i:j]] {
			return j, h
		}
		_, size := decodeLastRune(s[i:j])
		j -= size
	}
	return i, ""
}

// afterName reports whether the last name found ends just before the
// parenthesis that precedes s[a], or before an honorific there: the kana
// in it is the name's reading, which also raises the name to High.
func (p *prose) afterName(a int) bool {
	if len(p.out) == 0 || a == 0 || p.t.Norm[a-1] != '(' {
		return false
	}
	last := &p.out[len(p.out)-1]
	if last.End > a-1 {
		return false
	}
	if between := p.t.Norm[last.End : a-1]; between != "" && honorificAt(between, 0) != between {
		return false // 山田太郎（ヤマダタロウ）, 森様（モリ カイト）
	}
	last.Confidence = max(last.Confidence, detectors.High)
	return true
}

// readingFollows reports whether "(カナ)" follows s[end].
func (p *prose) readingFollows(end int) bool {
	s := p.t.Norm
	if end >= len(s) || s[end] != '(' {
		return false
	}
	r, _ := decodeRune(s[end+1:])
	return isKana(r) && strings.IndexByte(s[end+1:min(len(s), end+64)], ')') > 0
}

// katakanaSama reports サマ at s[i] as a word of its own (not サマー).
func katakanaSama(s string, i int) bool {
	const sama = "サマ"
	if !strings.HasPrefix(s[i:], sama) {
		return false
	}
	r, _ := decodeRune(s[i+len(sama):])
	return i+len(sama) == len(s) || !isKatakana(r)
}
