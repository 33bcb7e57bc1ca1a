package personname

import (
	"slices"
	"strings"

	"github.com/pmscan/pmscan/detectors"
)

// Names after a family member's title. Registers, family columns and
// stories name a person by what they are to someone and then by name:
// 長女いち, 妻 花子, 娘の春子, 妹のきくが. The title says a person follows,
// the lexicon says the word is a given name.

const reasonKinTitle = "a given name after a family member's title (長女いち, 妻 花子)"

// kinTitles stand before a given name; collective ones (家族, 兄弟, 子供)
// do not name one person.
var kinTitles = slices.Concat(slices.DeleteFunc(slices.Clone(kinNouns), func(k string) bool {
	return slices.Contains([]string{"家族", "兄弟", "姉妹", "子供", "奥様", "細君"}, k)
}), []string{"二女", "三女", "三男", "四男", "姉娘", "妹娘", "末娘", "末子", "長子", "養子", "養女", "実母", "実父", "義母", "義父", "亡夫", "亡妻"})

var (
	kinTitleFirst = edgeRunes(kinTitles, false)
	kinTitleLast  = edgeRunes(kinTitles, true)
	kinTitleSet   = func() map[string]bool {
		m := map[string]bool{}
		for _, k := range kinTitles {
			m[k] = true
		}
		return m
	}()
)

// kanaParticleWords are the kanaFunctionWords of two kana or more: a name
// after a title may start with one kana of a particle (長女はな), not with
// one of these (母よりの手紙).
var kanaParticleWords = slices.DeleteFunc(slices.Clone(kanaFunctionWords), func(w string) bool { return len(w) <= 3 })

// kinTitleEnding returns the length of the family member's title that ends
// s, the whole of its kanji run (長女, not 長女性's 女), or 0.
func kinTitleEnding(s string) int {
	r, _ := decodeLastRune(s)
	if !kinTitleLast.has(r) {
		return 0
	}
	run := s[runStart(s, len(s), isHan):]
	if kinTitleSet[run] {
		return len(run)
	}
	return 0
}

// kinTitlePrefix returns the length of the family member's title that
// starts the kanji run, leaving two kanji or more, or 0.
func kinTitlePrefix(run string) int {
	if r, _ := decodeRune(run); len(run) < 3*3 || !kinTitleFirst.has(r) {
		return 0 // most runs: a title and a name take three kanji at least
	}
	// Titles are one or two kanji, 3 bytes each: the longer first.
	for n := 2 * 3; n >= 3; n -= 3 {
		if len(run) >= n+2*3 && kinTitleSet[run[:n]] {
			return n
		}
	}
	return 0
}

// kinGiven reports a given name in kanji the lexicon knows and the
// dictionary has as no common word.
func (p *prose) kinGiven(w string) bool {
	n := runeCount(w)
	return n >= 2 && n <= 4 && p.lexicon().given[w] && !commonWord(w)
}

// kinApposed finds a given name glued after a family member's title in one
// kanji run (長男太郎, 妻花子) where the tokenizer ends the title.
func (p *prose) kinApposed(a, b int) bool {
	s := p.t.Norm
	n := kinTitlePrefix(s[a:b])
	if n == 0 || !p.kinGiven(s[a+n:b]) || !p.wordEdgesAt(s, a, b, a+n) {
		return false
	}
	p.add(a+n, b, detectors.Medium, "name in dictionary", reasonKinTitle)
	return true
}

// kinSpaced finds a given name after a family member's title and one
// space (妻 花子, 長女 はな, 母 トメ): a family column's way. It returns where
// the name ends, or 0.
func (p *prose) kinSpaced(a, b int) int {
	s := p.t.Norm
	if b+1 >= len(s) || s[b] != ' ' || !kinTitleSet[s[a:b]] {
		return 0
	}
	// One space or a few: a cast list aligns its columns (妹　　おたね　　二十歳).
	g := b + 1
	for g < len(s) && g-b < 4 && s[g] == ' ' {
		g++
	}
	r, _ := decodeRune(s[g:])
	var e int
	switch {
	case isHan(r):
		e = hanEnd(s, g)
		if !p.kinGiven(s[g:e]) {
			return 0
		}
	case isHiragana(r), isKatakana(r):
		e = p.kanaNameAt(g)
		if e == 0 {
			return 0
		}
	default:
		return 0
	}
	p.add(g, e, detectors.Medium, "name in dictionary", reasonKinTitle)
	if isHiragana(r) {
		p.hiragana = append(p.hiragana, s[g:e])
	}
	return e
}

// kanaNameAt returns the end of a given name of two to four kana at s[g]
// that the lexicon knows (katakana as its hiragana), before an honorific,
// a particle, punctuation or the end; or 0.
func (p *prose) kanaNameAt(g int) int {
	s := p.t.Norm
	in := isHiragana
	if isKatakana(rune0(s[g:])) {
		in = isKatakana
	}
	e := runEnd(s, g, in)
	l := p.lexicon()
	for n := min(4, runeCount(s[g:e])); n >= 2; n-- {
		h := runesAhead(s, g, n)
		w := s[g:h]
		if isKatakana(rune0(w)) {
			w = katakanaToHiragana(w)
		}
		// With its お (おたね), as women's names of old are written.
		if rest, ok := strings.CutPrefix(w, "お"); !l.given[w] && (!ok || runeCount(rest) < 2 || !l.given[rest]) {
			continue
		}
		if h < len(s) && honorificAt(s, h) == "" && !repeatsAt(s, h) {
			continue // きくらげ: the name runs on into a word
		}
		// The tokenizer must end a word there too: not はなし (話).
		if !p.wordEdgesAt(s, g, runesAhead(s, h, 2), g, h) {
			continue
		}
		return h
	}
	return 0
}

// kinKanaName finds a given name in hiragana right after a family
// member's title, or after one and の, at the start of the hiragana run
// s[a:b] (長女いちが, 姉娘のいちが, 妹のきくが).
func (p *prose) kinKanaName(a, b int) {
	s := p.t.Norm
	if a == 0 || kinTitleEnding(s[:a]) == 0 {
		return
	}
	g := a
	if strings.HasPrefix(s[a:b], "の") {
		g += len("の")
	} else if strings.ContainsRune(hiraganaParticles, rune0(s[a:])) {
		return // 兄はやに色が白く: a particle after the title, most likely
	}
	if g >= b || hasPrefixAny(s[g:b], kanaParticleWords) {
		return // 母よりの手紙: a particle after the title, not a name
	}
	if e := p.kanaNameAt(g); e > 0 && e <= b && p.wordEdgesAt(s, a-kinTitleEnding(s[:a]), runesAhead(s, e, 2), g, e) {
		p.add(g, e, detectors.Medium, "name in dictionary", reasonKinTitle)
		p.hiragana = append(p.hiragana, s[g:e])
	}
}
