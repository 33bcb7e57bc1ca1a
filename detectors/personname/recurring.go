package personname

import (
	"slices"
	"strings"

	"github.com/pmscan/pmscan/detectors"
)

// Given names a text comes back to. Stories and case notes name people
// by their given name alone (喜助は, 良平が), with no honorific, title or
// introduction a rule can see. One mention of a word that may be a given
// name is a word; the same one, bare before a particle, three times in
// one text and read by the tokenizer as a given name on its own, is a
// person the text is about.

const (
	// minRecurrence is how often a text must name one.
	minRecurrence = 3
	// Given names of one kanji are too often words (清, 進, 誠).
	minGivenRunes, maxGivenRunes = 2, 4
	// maxRecurringCandidates bounds the bare runs a text keeps track of.
	maxRecurringCandidates = 512
)

const (
	reasonRecurring = "a given name the text comes back to"
	reasonKin       = "a given name with a family member (の家内, の母)"
)

// bareRun is a whole kanji run set off as a word of its own; kin marks
// one followed by の and a family member (新兵衛の家内).
type bareRun struct {
	start, end int
	kin        bool
	// loanword: the text reads the word as a loanword once (卓子《テーブル》):
	// a word, not the given name the lexicon also has.
	loanword bool
}

// kinNouns after の make the word before them someone's name: a text names
// a person's family by the person (新兵衛の家内, 兵十のおっ母). Kanji nouns
// must be the whole word after の (母, not 母校).
var (
	kinNouns = []string{"家内", "女房", "妻", "夫", "母", "父", "母親", "父親", "息子", "娘", "兄", "弟", "姉", "妹",
		"兄弟", "姉妹", "家族", "子供", "祖父", "祖母", "嫁", "婿", "伜", "倅", "長男", "長女", "次男", "次女", "叔父",
		"叔母", "伯父", "伯母", "孫", "親父", "奥様", "細君"}
	kanaKinNouns = []string{"おかみさん", "おっ母", "おっかさん", "おふくろ", "おやじ", "奥さん", "子ども", "かみさん"}
)

// kinFirstRunes are the first runes of kinNouns and kanaKinNouns.
var kinFirstRunes = edgeRunes(slices.Concat(kinNouns, kanaKinNouns), false)

// kinAfter reports の and a family member at s[e].
func kinAfter(s string, e int) bool {
	rest, ok := strings.CutPrefix(s[e:], "の")
	if !ok {
		return false
	}
	r, _ := decodeRune(rest)
	if !kinFirstRunes.has(r) {
		return false // most words after の: one set test
	}
	if hasPrefixAny(rest, kanaKinNouns) {
		return true
	}
	if !isHan(r) {
		return false
	}
	word := rest[:hanEnd(rest, 0)]
	for _, k := range kinNouns {
		// A two-kanji one may run on into a name: 山椒大夫の息子三郎.
		if word == k || len(k) > 3 && strings.HasPrefix(word, k) {
			return true
		}
	}
	return false
}

// noteBare notes the kanji run s[a:b] if it may be a given name standing
// alone: two to four kanji before a particle, not glued to katakana, a
// given name in the lexicon. The tests run cheapest first: findInProse
// asks of every kanji run.
func (p *prose) noteBare(a, b int) {
	s := p.t.Norm
	if n := (b - a) / 3; n < minGivenRunes || n > maxShapedRunes || b == len(s) || len(p.bare) == maxRecurringCandidates {
		return // kanji are 3 bytes in UTF-8
	}
	if !repeatsAt(s, b) || afterKatakana(s, a) {
		return
	}
	if w := s[a:b]; ((b-a)/3 > maxGivenRunes || !p.lexicon().isGiven(w)) && oldMansName(w) < 0 && !shortOldName(w) {
		return
	}
	p.bare = append(p.bare, bareRun{a, b, kinAfter(s, b), loanwordReading(s, b)})
}

// loanwordReading reports a reading at s[b] in katakana with a long vowel
// mark (《テーブル》): how loanwords are written, never a Japanese name.
func loanwordReading(s string, b int) bool {
	e := readingEnd(s, b)
	return e > b && strings.Contains(s[b:e], "ー") && isKatakana(rune0(s[b+len("《"):]))
}

// recurringGiven adds the bare mentions of given names that recur in the
// text (noteBare), past the candidates p.out already has.
func (p *prose) recurringGiven() {
	if len(p.bare) == 0 {
		return
	}
	s := p.t.Norm
	runs := p.bare
	slices.SortStableFunc(runs, func(a, b bareRun) int {
		if c := strings.Compare(s[a.start:a.end], s[b.start:b.end]); c != 0 {
			return c
		}
		return a.start - b.start
	})
	var found []detectors.Candidate
	for i := 0; i < len(runs); {
		j := i + 1
		for j < len(runs) && s[runs[j].start:runs[j].end] == s[runs[i].start:runs[i].end] {
			j++
		}
		why := ""
		switch {
		case j-i >= minRecurrence:
			why = reasonRecurring
		case slices.ContainsFunc(runs[i:j], func(r bareRun) bool { return r.kin }):
			why = reasonKin
		}
		if slices.ContainsFunc(runs[i:j], func(r bareRun) bool { return r.loanword }) {
			why = ""
		}
		w := s[runs[i].start:runs[i].end]
		reasons := []string{"name in dictionary", why}
		switch {
		case why == "":
		case p.lexicon().given[w] && p.readAsGiven(w) && !commonWord(w):
		case oldMansName(w) == 0, shortOldName(w) && p.readAsShortOldName(w):
			// The text's evidence, not the lexicon's: its mentions glued
			// to more kanji are names too (中川実之助).
			reasons = []string{reasonOldMansName, why}
		default:
			why = ""
		}
		if why != "" {
			for _, r := range runs[i:j] {
				if !p.covered(r.start, r.end) {
					found = append(found, detectors.Candidate{Start: r.start, End: r.end, Confidence: detectors.Medium, Reasons: reasons})
				}
			}
		}
		i = j
	}
	slices.SortFunc(found, func(a, b detectors.Candidate) int { return a.Start - b.Start })
	p.out = append(p.out, found...)
}

// kanjiDigits start counts, not names cut in pieces.
const kanjiDigits = "一二三四五六七八九十百千万両幾何数"

// readAsCount reports a word that starts with a number and that p.toks,
// its pieces, do not end in a given name or a kanji that ends one: a
// count (一人, 三度), not 三五郎 (三 + 五 + 郎; 一郎 is one token).
func (p *prose) readAsCount(w string) bool {
	first, _ := decodeRune(w)
	last, _ := decodeLastRune(w)
	return strings.ContainsRune(kanjiDigits, first) && p.toks[len(p.toks)-1].morph != mGiven && !strings.ContainsRune(givenLast, last)
}

// givenLast end men's given names of old, never a counter: 三五郎 (三 + 五 +
// 郎) is a name, 三人 a count.
const givenLast = "郎助吉蔵衛"

// readAsGiven reports a given name the tokenizer reads as one (喜助,
// 庄兵衛) or cuts into pieces none of which is a word of two kanji or
// more but a name (兵十 → 兵 + 十, 新兵衛 → 新 + 兵衛): a lexicon name its
// dictionary lacks. A run that holds a longer word is that word (会議,
// 受注残 → 受注 + 残).
func (p *prose) readAsGiven(w string) bool {
	p.toks = tokenize(p.toks[:0], w)
	if len(p.toks) == 1 {
		return p.toks[0].morph == mGiven
	}
	if p.readAsCount(w) {
		return false
	}
	for _, t := range p.toks {
		if t.end-t.start > 3 && t.morph != mGiven && t.morph != mSurname && t.morph != mPerson {
			return false // kanji are 3 bytes in UTF-8
		}
	}
	return true
}

const reasonOldMansName = "a man's given name of old by its ending (太郎兵衛, 伝右衛門)"

// maxShapedRunes bounds a man's name of old with its house: 桂屋太郎兵衛.
const maxShapedRunes = 7

// oldMansEndings end men's given names of old and nothing else in prose
// (太郎兵衛, 伝右衛門, 小左衛門, 杢之助); 兵衛 and 衛門 alone are guards' posts.
var (
	oldMansEndings = []string{"兵衛", "右衛門", "左衛門", "之助", "之丞", "之進", "之介"}
	oldMansLast    = edgeRunes(oldMansEndings, true)
)

// oldMansName reports that the kanji run w is a man's given name of old
// by its shape, one to three kanji and one of oldMansEndings (太郎兵衛,
// 源五右衛門), alone or after a house's name in 屋 of up to three kanji
// (桂屋太郎兵衛, 越後屋重兵衛: how merchants were named, and the house's
// name is part of it). It returns 0 for the whole run, or -1: the lexicon
// lacks most of these, made of a name and an ending at will.
func oldMansName(w string) int {
	if !oldMansLast.has(rune0Before(w, len(w))) {
		return -1 // most runs: one set test
	}
	for _, e := range oldMansEndings {
		stem, ok := strings.CutSuffix(w, e)
		if !ok {
			continue
		}
		n := runeCount(stem)
		if n == 3 && strings.ContainsRune(kanjiDigits, rune0(stem)) {
			return -1 // 一子実之助: a count and a name (三郎兵衛 is one name)
		}
		if n >= 1 && n <= 3 {
			return 0
		}
		// Kanji are 3 bytes: 屋 after one to three of them, one to three
		// after it.
		for i := 3; i <= 3*3 && i < len(stem); i += 3 {
			if stem[i:i+3] == "屋" && n-i/3-1 >= 1 && n-i/3-1 <= 3 {
				return 0
			}
		}
		return -1
	}
	return -1
}

// shortOldName reports two kanji that end in 吉, 助 or 蔵, the endings of
// men's given names of old read きち, すけ and ぞう (柳吉, 種吉, 金助), not
// after a number: what the lexicon lacks of them, a text that comes back
// to them names them.
func shortOldName(w string) bool {
	if len(w) != 2*3 { // kanji are 3 bytes
		return false
	}
	switch rune0Before(w, len(w)) {
	case '吉', '助', '蔵':
		return !strings.ContainsRune(kanjiDigits, rune0(w))
	}
	return false
}

// readAsShortOldName reports a shortOldName the dictionary has as no word
// of its own, common or a place's (大吉, 援助, 地蔵, 住吉 are).
func (p *prose) readAsShortOldName(w string) bool {
	if commonWord(w) {
		return false
	}
	m, one := p.soleMorph(w)
	return !one || m == mGiven || m == mPerson || m == mUnknown
}

// covered reports a candidate of p.out over [start, end).
func (p *prose) covered(start, end int) bool {
	for _, c := range p.out {
		if c.Start < end && start < c.End {
			return true
		}
	}
	return false
}

const reasonGivenByReading = "a man's given name, as its reading shows"

// givenReadings are how the kanji that end men's given names of old read
// at their end: 助 すけ, 吉 きち, 作 さく, 蔵 ぞう, 郎 ろう, 衛 べえ or えもん,
// 平 へい, 八 はち, 丸 まる.
var givenReadings = map[rune][]string{
	'助': {"すけ"}, '吉': {"きち", "きつ"}, '作': {"さく"}, '蔵': {"ぞう", "ざう"}, '郎': {"ろう", "らう"},
	'衛': {"べえ", "べゑ", "えもん", "ゑもん"}, '平': {"へい", "ぺい", "べい"}, '八': {"はち", "ぱち", "ばち"}, '丸': {"まる"},
}

// epithetCopulas say what someone is: a made-up name before one, after
// の, calls them a kind of person.
var epithetCopulas = []string{"だ", "である", "ぞ", "じゃ", "です"}

// givenByReading reports a run of two or three kanji, glossed by a reading
// (Aozora's ruby), that ends in a kanji of men's given names read as the
// name's ending (甲助《こうすけ》, 承吉《しょうきち》, 喜作《きさく》): a
// dictionary word so glossed reads as the word (野郎《やろう》, 退治《たいじ》).
func (p *prose) givenByReading(a, b int) bool {
	s := p.t.Norm
	// Kanji are 3 bytes: two or three of them, and ruby after them.
	if b-a < 2*3 || b-a > 3*3 || !strings.HasPrefix(s[b:], "《") {
		return false // most runs: no ruby
	}
	last, _ := decodeLastRune(s[a:b])
	endings := givenReadings[last]
	if endings == nil {
		return false
	}
	if strings.HasSuffix(s[:a], "》") {
		return false // 市《いち》九郎《ろう》: the end of a name that ruby splits
	}
	e := readingEnd(s, b)
	if e == b || !hasSuffixAny(s[b:e-len("》")], endings) {
		return false
	}
	if strings.HasSuffix(s[:a], "の") && hasPrefixAny(s[e:], epithetCopulas) {
		return false // 大違いの勘五郎《かんごろう》ぞ, 腑抜けの呆助《ほうすけ》だ: a name made for a type
	}
	m, one := p.soleMorph(s[a:b])
	return !one || m == mGiven || m == mPerson || m == mUnknown
}

const reasonLadysName = "a lady's name of old, in 姫 (清姫)"

// ladysName reports a run of two to four kanji that ends in 姫 and stands
// as a word (before a particle, punctuation or its reading): a lady's name
// of legend or story (清姫, 赫奕姫《かくやひめ》), unless the dictionary has
// it as a common noun (舞姫, 歌姫, 姫君) or a count or an honorific prefix
// starts it (一姫, 御姫).
func (p *prose) ladysName(a, b int) bool {
	s := p.t.Norm
	if b-a < 2*3 || b-a > 4*3 || !strings.HasSuffix(s[a:b], "姫") || !repeatsAt(s, b) {
		return false // most runs: no 姫 last
	}
	if strings.ContainsRune(kanjiDigits+"御", rune0(s[a:])) {
		return false
	}
	m, one := p.soleMorph(s[a:b])
	return !one || !commonMorph(m)
}
