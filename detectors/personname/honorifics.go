package personname

import (
	"slices"
	"strings"

	"github.com/pmscan/pmscan/detectors"
)

// Honorifics: where one ends a name inside a run or after a reading, and
// where what looks like one is part of a word (森羅殿《しんらでん》, 正さん).

// honorificReadings are how the kanji honorifics read; a run they end
// that the text glosses with another ending holds no honorific: 森羅殿
// 《しんらでん》 is a hall, 正氏《まさうじ》 a name, 姫君《ひめぎみ》 a word.
var honorificReadings = map[string][]string{
	"様": {"さま", "さん", "ざま"}, "殿": {"どの", "との"}, "氏": {"し"}, "君": {"くん", "きみ"},
}

// suffixReadInWord reports that somewhere in the text the run is glossed
// with a reading that does not end as its honorific hon reads.
func (p *prose) suffixReadInWord(run, hon string) bool {
	s := p.t.Norm
	if p.ruby == 0 {
		p.ruby = 1
		if strings.Contains(s, "《") {
			p.ruby = 2
		}
	}
	readings, ok := honorificReadings[hon]
	if !ok || p.ruby == 1 || !strings.Contains(s, run+"《") {
		return false // most texts and runs: no gloss at all
	}
	for m := range occurrences(s, run+"《") {
		e := m + len(run)
		end := readingEnd(s, e)
		if end == e {
			continue
		}
		reading := strings.TrimSuffix(s[e+len("《"):end], "》")
		if !slices.ContainsFunc(readings, func(r string) bool { return strings.HasSuffix(reading, r) }) {
			return true
		}
	}
	return false
}

// honorificInContext reports that the tokenizer, reading s[a:end] and
// the honorific hon after it with up to four more runes, ends a word at
// end and tags hon a person suffix. It leaves those tokens, up to the
// honorific's end, in p.toks.
func (p *prose) honorificInContext(a, end int, hon string) bool {
	s := p.t.Norm
	from, stop := runesBack(s, a, 4), runesAhead(s, end+len(hon), 4)
	toks := tokenize(nil, s[from:stop])
	first := -1
	for i, tk := range toks {
		if tk.start == a-from {
			first = i
		}
		if first >= 0 && tk.end == end-from && i+1 < len(toks) && toks[i+1].morph == mHonorific && toks[i+1].end == end-from+len(hon) {
			p.toks = p.toks[:0]
			for _, t := range toks[first : i+2] {
				t.start, t.end = t.start-(a-from), t.end-(a-from)
				p.toks = append(p.toks, t)
			}
			return true
		}
	}
	return false
}

// oldName reports a name of old joined by 之 that ends in a given name
// the lexicon knows: 実之助, 勘之丞.
func oldName(l *lexicon, name string) bool {
	k := strings.LastIndex(name, "之")
	return k > 0 && l.given[name[k+len("之"):]]
}

// innerHonorific finds an honorific or a title inside the kanji run
// s[a:b], after a known surname or full name and before more kanji
// (堀田君一人, 山田様方, 田中氏曰く, 山口課長不在), that the tokenizer reads
// as a word of its own, an honorific as a person suffix (not 様式, 氏名 as
// words, 君主). It returns its offset and the suffix, or 0.
func (p *prose) innerHonorific(a, b int) (int, string) {
	s := p.t.Norm
	// A name, a suffix and more kanji take at least three; most runs in
	// prose are words of one or two.
	if b-a < 9 {
		return 0, ""
	}
	l := p.lexicon()
	for k, n := a, 0; k < b && n <= maxNameRunes; n++ {
		r, size := decodeRune(s[k:])
		if n > 0 && suffixFirst.has(r) {
			if head := s[a:k]; l.surnames[head] || l.split(head) > 0 {
				for _, h := range hanSuffixes {
					if strings.HasPrefix(s[k:], h) && k+len(h) < b {
						return p.suffixToken(a, b, k, h)
					}
				}
			}
		}
		k += size
	}
	return 0, ""
}

// suffixToken checks that the tokenizer reads s[k:] as the suffix h in
// the run s[a:b], and returns k and h, or 0.
func (p *prose) suffixToken(a, b, k int, h string) (int, string) {
	p.toks = tokenize(p.toks[:0], p.t.Norm[a:b])
	for _, tk := range p.toks {
		if tk.start == k-a && tk.end == k-a+len(h) && (isTitle(h) || tk.morph == mHonorific) {
			return k, h
		}
	}
	return 0, ""
}

// cutAtHonorific returns where an honorific starts inside the hiragana
// run s[a:e] after its first rune (さくらさん → さくら), or e.
func cutAtHonorific(s string, a, e int) int {
	_, size := decodeRune(s[a:])
	for j := a + size; j < e; {
		if honorificAt(s, j) != "" {
			return j
		}
		_, size = decodeRune(s[j:])
		j += size
	}
	return e
}

const reasonDrawnOut = "a pet name drawn out before an honorific (喜いさん)"

// drawnOutName finds a pet name of one kanji drawn out with い before
// さん, ちゃん or 公 (喜いさん, 喜い公, 美いちやん), as old Tokyo speech calls
// people: not an adjective (偉いさん, 若いさん, 可愛いちゃん), nor a
// family member (兄いさん).
func (p *prose) drawnOutName(a, b int) bool {
	s := p.t.Norm
	if b-a != 3 || !strings.HasPrefix(s[b:], "い") || strings.ContainsRune(kinFirst+"爺婆", rune0(s[a:])) {
		return false // kanji are 3 bytes: one, then い
	}
	at := b + len("い")
	h := honorificAt(s, at)
	if h != "さん" && !diminutive(h) && !strings.HasPrefix(s[at:], "公") {
		return false
	}
	p.toks = tokenize(p.toks[:0], s[a:at])
	for _, t := range p.toks {
		if t.morph == mOther && t.end-t.start > 3 {
			return false // 偉い, 若い: an adjective
		}
	}
	if len(p.toks) == 1 {
		return false
	}
	p.add(a, at, detectors.Medium, reasonDrawnOut)
	return true
}

// familiarName adds the one kanji before 公 at s[a:end] when 公 makes it a
// familiar name (兼公, 三公, 熊公), not a word: the dictionary's (奉公, 貴公,
// 郭公), or a prefix's (主公). 三公 the dictionary has as a given name.
func (p *prose) familiarName(a, end int) {
	s := p.t.Norm
	p.toks = tokenize(p.toks[:0], s[a:end+len("公")])
	switch {
	case len(p.toks) == 1 && p.toks[0].morph != mGiven && p.toks[0].morph != mPerson:
		return
	case len(p.toks) == 2 && p.toks[0].morph == mOther:
		return
	case len(p.toks) > 2:
		return
	}
	p.add(a, end, detectors.Medium, "one-kanji name", contextReason(false, "公"))
}

// kinReadings are family members in kana, which an honorific follows as
// it follows a name (あねさま, にいさん).
var kinReadings = []string{"あね", "あに", "ねえ", "にい", "はは", "ちち", "おば", "おじ", "ばば", "じじ", "いもうと", "おとうと", "むすめ", "むすこ"}

const reasonGlossedHonoured = "a word glossed by its reading before an honorific (垣衣《しのぶぐさ》さん)"

// glossedBeforeHonorific adds the kanji run s[a:end] as one name when its
// reading glosses it whole and an honorific (not a title) follows the
// reading (垣衣《しのぶぐさ》さん): the gloss says the run is one word, and
// the honorific that it names a person, whatever the tokenizer makes of
// its kanji (垣 + 衣). A dictionary word is a kind of person (旦那《だんな》
// さん, 女将《おかみ》さん) and a deity is none (観音《かんのん》様). Like acting,
// this is the text's evidence: its bare mentions are names too.
func (p *prose) glossedBeforeHonorific(a, end int, hon string, honAt int) bool {
	s := p.t.Norm
	if hon == "" || hon == "先生" || isTitle(hon) && !kanaWord(hon) || honAt == end || readingEnd(s, end) != honAt {
		return false
	}
	w := s[a:end]
	reading := s[end+len("《") : honAt-len("》")]
	if runeCount(w) == 1 && isHanAt(w, 0) && !strings.Contains(positionWords+kanjiDigits, w) && !isDeity(w) && p.givenReading(reading) {
		p.add(a, end, detectors.Medium, reasonGlossedHonoured) // 民《たみ》さん
		return true
	}
	if n := runeCount(w); n < 2 || n > 4 || !allHan(w) || isDeity(w) || isPersonNoun(w) || p.lexicon().endsLikeOrg(w) {
		return false
	}
	// The reading must be no word: not an adverb or a noun the kanji
	// spell (只管《ひたすら》君, 天麩羅《てんぷら》), nor family (紙雛《あね》さま).
	if slices.Contains(kinReadings, reading) {
		return false
	}
	if m, one := p.soleMorph(reading); one && commonMorph(m) {
		return false
	}
	if _, one := p.soleMorph(w); one {
		return false // one word: the rules after read it (堀田, 旦那)
	}
	for _, t := range p.toks {
		if t.morph == mSurname || t.morph == mOrg || t.morph == mPlace {
			return false // a full name or an organisation: the rules after read it
		}
	}
	p.add(a, end, detectors.Medium, reasonGlossedHonoured)
	return true
}

// givenReading reports a reading in hiragana that the dictionary reads
// as one given name (たみ, きよ; not かみ or つき, verbs): one kanji glossed
// so before an honorific is a given name (民《たみ》さん).
func (p *prose) givenReading(reading string) bool {
	if runeCount(reading) < 2 || strings.IndexFunc(reading, func(r rune) bool { return !isHiragana(r) }) >= 0 {
		return false
	}
	m, one := p.soleMorph(reading)
	return one && m == mGiven
}
