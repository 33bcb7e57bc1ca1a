package personname

import (
	"slices"
	"strings"

	"github.com/pmscan/pmscan/detectors"
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
			} else if isKatakana(r) && end == b && p.personKatakana(a, b) {
				p.add(a, b, detectors.Medium, reasonPersonKatakana) // ナポレオンの
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
// surname and followed by an honorific (伊藤さくらさん), or, after a label,
// one that fills the rest of the field (入力：加藤るみ): it returns the
// name's end and the honorific, or i.
func (p *prose) kanaGiven(i int, labelled bool) (int, string) {
	s := p.t.Norm
	r, _ := decodeRune(s[i:])
	in := isHiragana
	if isKatakana(r) {
		in = isKatakana
	} else if !isHiragana(r) {
		return i, ""
	}
	// A given name takes five kana at most: the run is read no further
	// (most runs are a verb's kana and particles, and long). Where an
	// honorific may start inside it is noted on the way.
	var starts [maxHiraganaNameRunes + 1]int
	e, n, k := i+size0(s, i), 1, 0
	for e < len(s) && n <= maxHiraganaNameRunes {
		r, size := decodeRune(s[e:])
		if !in(r) {
			break
		}
		if honorificFirst.has(r) {
			starts[k], k = e, k+1
		}
		e, n = e+size, n+1
	}
	l := p.lexicon()
	if labelled && fieldEndsAt(s, e) && honorificAt(s, e) == "" && (l.given[s[i:e]] || l.given[katakanaToHiragana(s[i:e])]) {
		return e, ""
	}
	// After the run first, then inside it from its end, as the longest
	// name wins.
	h := honorificAt(s, e)
	if h == "" && e+1 < len(s) && s[e] == ' ' {
		h = honorificAt(s, e+1) // 上野ゆかり 様
	}
	if h != "" && l.given[s[i:e]] {
		return e, h
	}
	for k--; k >= 0; k-- {
		if h := honorificAt(s, starts[k]); h != "" && l.given[s[i:starts[k]]] {
			return starts[k], h
		}
	}
	return i, ""
}

// size0 returns the size of the rune at s[i].
func size0(s string, i int) int { _, size := decodeRune(s[i:]); return size }

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

const reasonPersonKatakana = "katakana word the dictionary has only as a person's name (ナポレオン)"

// personKatakana reports the whole katakana run s[a:b], three runes or
// more, before a particle or punctuation, that the dictionary has only as
// a person's name: famous foreigners (ナポレオン, ゲーテ), which no
// loanword is.
func (p *prose) personKatakana(a, b int) bool {
	s := p.t.Norm
	if !repeatsAt(s, b) || fullKana(s[a:b]) < 3 || strings.ContainsRune(s[a:b], '・') {
		return false // ヒュー, カーン: sounds the dictionary also has as names
	}
	return dictPersonOnly(s[a:b])
}

// fullKana counts the kana of w that make a syllable of their own: not the
// small ones, nor the long vowel mark (ヒュー has one, ナポレオン five).
func fullKana(w string) int {
	n := 0
	for _, r := range w {
		switch r {
		case 'ァ', 'ィ', 'ゥ', 'ェ', 'ォ', 'ャ', 'ュ', 'ョ', 'ッ', 'ヮ', 'ー':
		default:
			n++
		}
	}
	return n
}
