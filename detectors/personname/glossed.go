package personname

import (
	"slices"
	"strings"

	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/detectors/personname/internal/kanaromaji"
)

// A full name glossed by its reading where the lexicon lacks the surname:
// 蕗屋清一郎《ふきやせいいちろう》. Stories and forms gloss a person's name
// at its first mention; when the reading ends with the reading the
// dictionary gives the given name (清一郎, せいいちろう) and the rest of it
// reads the kanji before, the whole is a surname and a given name, however
// rare the surname. The surname so found names the person in the rest of
// the text (蕗屋は, 蕗屋君).

const reasonGlossedFullName = "a full name glossed by its reading, its given name the dictionary's (蕗屋清一郎《ふきやせいいちろう》)"

// glossedFullName reports a run of four to six kanji, glossed, that is a
// surname of one to three kanji the lexicon need not know and a given name
// the dictionary reads as the gloss ends.
func (p *prose) glossedFullName(a, b int) bool {
	s := p.t.Norm
	if b-a < 4*3 || b-a > 6*3 || !strings.HasPrefix(s[b:], "《") {
		return false // kanji are 3 bytes; most runs: no ruby
	}
	e := readingEnd(s, b)
	if e == b {
		return false
	}
	if strings.HasSuffix(s[:a], "の") && hasPrefixAny(s[e:], epithetCopulas) {
		return false // 嘘つきの法螺右衛門《ほらえもん》だ: a name made for a type
	}
	if commonWord(s[a:b]) {
		return false // 書画骨董《しょがこっとう》, 朴念仁《ぼくねんじん》
	}
	// Nouns all: 如露亦如電《にょろやくにょでん》 holds a conjunction.
	p.toks = tokenize(p.toks[:0], s[a:b])
	if slices.ContainsFunc(p.toks, func(t token) bool { return t.morph == mOther }) {
		return false
	}
	gloss := s[b+len("《") : e-len("》")]
	// A surname of two or three kanji: one kanji and a given name is more
	// often a given name of old whole (勘五郎《かんごろう》); a given name of
	// two kanji or more: one is more often a word's last (無技巧).
	for k := a + 2*3; k <= a+3*3 && b-k >= 2*3; k += 3 {
		if p.glossedSplit(s[a:k], s[k:b], gloss) {
			p.add(a, b, detectors.Medium, reasonGlossedFullName)
			return true
		}
	}
	return false
}

// glossedSplit reports that gloss reads surname + given: given is one
// word the dictionary has as a given name, the gloss ends with a reading
// the lexicon has of given names (the shrunk dictionary keeps no readings,
// so which name's it is goes unchecked), and what the gloss leaves has a
// kana at least for each kanji of the surname, which is no title or kind
// of person (長男清一郎 is no name) and no word the dictionary has: the
// lexicon's surnames were read before this, so this one is a rare one.
func (p *prose) glossedSplit(surname, given, gloss string) bool {
	if toks := sharedTokenizer().Tokenize(given); len(toks) != 1 || morphOf(toks[0]) != mGiven {
		return false
	}
	if isPersonNoun(surname) || slices.Contains(kinTitles, surname) || titlePrefix(surname+given) > 0 {
		return false
	}
	if commonWord(surname) {
		return false // 如是我聞《によぜがもん》: a word, then what reads as a name
	}
	l := p.lexicon()
	kana := hiraganaToKatakana(gloss)
	n := runeCount(kana)
	for at, i := 0, 0; at < len(kana); i++ {
		if i >= runeCount(surname) && n-i >= runeCount(given) {
			for _, r := range kanaromaji.Romanise(kana[at:]) {
				if l.romajiGiven[r] {
					return true
				}
			}
		}
		_, size := decodeRune(kana[at:])
		at += size
	}
	return false
}

// glossedSurname returns the surname of a name found by glossedFullName:
// what comes before the longest given name the dictionary reads whole.
func glossedSurname(name string) string {
	for k := 2 * 3; k <= 3*3 && len(name)-k >= 2*3; k += 3 {
		toks := sharedTokenizer().Tokenize(name[k:])
		if len(toks) == 1 && morphOf(toks[0]) == mGiven {
			return name[:k]
		}
	}
	return ""
}
