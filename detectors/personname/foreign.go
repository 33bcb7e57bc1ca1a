package personname

import (
	"slices"
	"strings"

	"github.com/pmscan/pmscan/detectors/personname/internal/kanaromaji"
)

// Foreign and katakana names by what stands around them: a title after
// them (ビスマルク侯), the reading of a surname and a given name (ﾖｺﾔﾏ ﾏｻﾙ),
// a speaker calling them (ゼウスよ), a middle dot between their parts
// (シャアロック・ホームズ).

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
	e := hanEnd(s, b)
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
