package personname

import (
	"slices"
	"strings"

	"github.com/pmscan/pmscan/detectors"
)

// People a text shows acting. Stories, case notes and complaint records
// name people the lexicon does not know (厨子王, 姥竹, メロス, グエン) and
// then only bare. What gives them away is what they do: a word that is
// the subject of saying, answering, crying or thinking (厨子王は泣いた,
// メロスは激怒した … と言った) and that the text names again and again is a
// person. A word the dictionary knows (先生, 主人, 弊社, ユーザー) is not
// taken: people nouns act as people too.

const (
	// maxActors bounds the acting words a text keeps track of.
	maxActors = 256
	// actClauseRunes bounds how far before a verb its subject may be.
	actClauseRunes = 40
	// Kanji words of two to four runes; katakana words of two to twelve.
	minActorRunes, maxHanActorRunes, maxKanaActorRunes = 2, 4, 12
)

const (
	reasonActs   = "a word the text names again and shows acting as a person"
	reasonTitled = "a name before the title the text calls a person by"
)

// personVerbs are the stems of what people, and seldom things, do: say,
// answer, shout, laugh, cry, think, nod, whisper, ask, mutter, scold. Each
// starts with a kanji, which starts a kanji run after a particle (と言っ,
// は泣い): findInProse looks for them at the runs it walks anyway. (Kana
// spellings are left out: いった is also 行った.)
var personVerbs = []string{
	"言っ", "言う", "言い", "言わ", "云っ", "云う", "云い", "云わ", "答え", "叫ん", "叫び", "叫ぶ", "笑っ", "笑い", "笑う",
	"泣い", "泣き", "泣く", "思っ", "思い", "思う", "思わ", "考え", "頷い", "頷き", "頷く", "囁い", "尋ね", "呟い", "微笑",
	"叱っ", "怒鳴", "嘆い", "激怒", "呻い", "独り言", "首肯",
	"話し", "話す", "語っ", "語り", "語る", "頼ん", "頼む", "頼み", "詫び", "謝っ", "聞い",
}

// kanaPersonVerbs are person verbs written in kana that no other word
// spells (not いった, which is also 行った; not おもい, also 重い).
var kanaPersonVerbs = []string{
	"うなずい", "うなずき", "うなずく", "ささやい", "つぶやい", "ほほえ", "どなっ", "こたえ", "わらっ", "いいまし", "おもっ",
	"かんがえ", "たずね", "なげい", "さけん",
}

// noteKanaSubjects notes the subjects of the kana person verbs in the
// hiragana run s[a:b] (山岡大夫はうなずいた).
func (p *prose) noteKanaSubjects(a, b int) {
	s := p.t.Norm
	if b-a < 3*3 || len(p.actors) == maxActors {
		return // the verbs are three kana or more
	}
	// A hiragana run is all three-byte runes (U+3041-U+309F: E3 81 xx or
	// E3 82 xx): a table of the verbs' first runes by their last two bytes
	// tests each without decoding it; this runs over most of the text.
	for j := a; j+3 <= b; j += 3 {
		if hi := s[j+1] - 0x81; hi > 1 || !kanaVerbStart[hi][s[j+2]&0x3F] {
			continue
		}
		r, _ := decodeRune(s[j:])
		for _, v := range kanaVerbsByFirst[r] {
			if strings.HasPrefix(s[j:b], v) {
				p.subjectsBefore(j)
				return
			}
		}
	}
}

// kanaVerbStart marks the hiragana that start a kana person verb, by the
// second and third bytes of their UTF-8 (E3 81 xx, E3 82 xx).
var kanaVerbStart = func() (t [2][64]bool) {
	for _, v := range kanaPersonVerbs {
		t[v[1]-0x81][v[2]&0x3F] = true
	}
	return t
}()

// personVerbFirst and verbsByFirst find the verbs that may start at a
// kanji; kanaVerbsByFirst those at a kana.
var (
	personVerbFirst  = edgeRunes(personVerbs, false)
	verbsByFirst     = byFirstRune(personVerbs)
	kanaVerbsByFirst = byFirstRune(kanaPersonVerbs)
)

func byFirstRune(words []string) map[rune][]string {
	m := map[rune][]string{}
	for _, w := range words {
		r, _ := decodeRune(w)
		m[r] = append(m[r], w)
	}
	return m
}

// actor is a word seen acting as a person, acts times at as many places.
type actor struct{ start, end, acts int }

// noteActor notes the run s[a:b] (kanji or katakana) when it is named
// with an honorific (了海様, 了海どの), when の and a family member or a
// part of the body follow it (山椒大夫の息子, セリヌンティウスの頬), or the
// part of it after a kind of person (女中姥竹); subjects of person verbs
// are found from the verbs (noteSubjects).
func (p *prose) noteActor(a, b int, kana bool) {
	s := p.t.Norm
	if !kana && b-a > 3*3 {
		if n := personNounPrefix(s[a:b]); n > 0 {
			// 女中姥竹, 少年厨子王: a kind of person, then who.
			p.addActor(a+n, b)
			return
		}
	}
	if !kana {
		// An honorific, not a title: 天麩羅先生 is a nickname.
		if name, hon := p.cutHan(a, b); hon != "" && !isTitle(hon) && !p.suffixReadInWord(s[a:b], hon) {
			e := a + len(name)
			p.addActor(p.withO(a, e), e)
			return
		}
		a = p.withO(a, b)
	}
	if h := honorificAt(s, b); h != "" && h != "先生" || strings.HasPrefix(s[b:], "どの") {
		p.addActor(a, b)
		return
	}
	if len(s)-b < len("の") || s[b:b+3] != "の" && s[b:b+3] != "《" || !p.actorLength(a, b) {
		return // the cheap tests first: every run comes here
	}
	at := readingEnd(s, b) // 山椒大夫《さんしょうだゆう》の
	if !strings.HasPrefix(s[at:], "の") {
		return
	}
	rest := s[at+len("の"):]
	if kinAfter(s, at) || hasPrefixAny(rest, bodyParts) && !isHanAt(rest, len(bodyParts[0])) ||
		hasPrefixAny(rest, personThings) && !isHanAt(rest, len(personThings[0])) {
		p.addActor(a, b)
	}
}

// personNounPrefix returns the length of a kind of person of two kanji
// that starts the run and leaves two to four kanji after it (女中姥竹, 少年
// 厨子王), or 0.
func personNounPrefix(run string) int {
	if r, _ := decodeRune(run); !personNounFirst.has(r) {
		return 0 // most runs: one set test
	}
	// Kanji are 3 bytes: the rest is two to four of them.
	if rest := len(run) - 2*3; rest < minActorRunes*3 || rest > maxHanActorRunes*3 {
		return 0
	}
	for _, w := range personNouns {
		if len(w) == 2*3 && strings.HasPrefix(run, w) {
			return len(w)
		}
	}
	return 0
}

// personNounFirst holds the first runes of personNouns.
var personNounFirst = edgeRunes(personNouns, false)

// withO returns where a one-kanji name that お starts begins (お弓, お菊:
// women's names of old), or a.
func (p *prose) withO(a, b int) int {
	if b-a == 3 && a >= 3 && p.t.Norm[a-3:a] == "お" {
		return a - 3
	}
	return a
}

// actorLength reports a run of the length of a name: two to four kanji,
// two to twelve katakana.
func (p *prose) actorLength(a, b int) bool {
	n := (b - a) / 3 // kanji and kana are 3 bytes in UTF-8
	r, _ := decodeRune(p.t.Norm[a:])
	return n >= minActorRunes && (isKatakana(r) && n <= maxKanaActorRunes || !isKatakana(r) && n <= maxHanActorRunes)
}

// addActor notes s[a:b] once, if it is of a name's length and no part of
// a katakana word before it.
func (p *prose) addActor(a, b int) {
	s := p.t.Norm
	if len(p.actors) == maxActors || !p.actorLength(a, b) || afterKatakana(s, a) {
		return
	}
	for i, x := range p.actors {
		if s[x.start:x.end] == s[a:b] {
			if x.start != a {
				p.actors[i].acts++
			}
			return // a word once: 二人は would fill the list
		}
	}
	p.actors = append(p.actors, actor{a, b, 1})
}

// personThings are what only people have, two kanji each: お弓の言葉.
var personThings = []string{"言葉", "手紙", "遺言", "形見"}

// bodyParts are one kanji each: a word of its own after の (顔, not 顔料).
var bodyParts = []string{"顔", "頬", "声", "姿", "袖", "肩", "胸", "髪", "額", "膝", "背", "耳"}

// isHanAt reports a kanji at s[i].
func isHanAt(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	r, _ := decodeRune(s[i:])
	return isHan(r)
}

// noteSubjects notes the subjects of a person verb at s[q], if one starts
// there: the words before は or が earlier in its clause (厨子王は泣いた,
// メロスは…と言った).
func (p *prose) noteSubjects(q int, first rune) {
	if !personVerbFirst.has(first) || len(p.actors) == maxActors {
		return
	}
	for _, v := range verbsByFirst[first] {
		if strings.HasPrefix(p.t.Norm[q:], v) {
			p.subjectsBefore(q)
			return
		}
	}
}

// subjectsBefore notes the words before は or が in the clause that ends at
// s[q], at most actClauseRunes runes back: every one, as classical prose
// puts several subjects before its verb (エリスは…余が…云ふ).
func (p *prose) subjectsBefore(q int) {
	s := p.t.Norm
	for j, n := q, 0; j > 0 && n < actClauseRunes; n++ {
		r, size := decodeLastRune(s[:j])
		if strings.ContainsRune("。「」！？!?\n", r) {
			return
		}
		j -= size
		if r != 'は' && r != 'が' {
			continue
		}
		b := readingStart(s, j) // 山椒大夫《さんしょうだゆう》は
		last, _ := decodeLastRune(s[:b])
		in := isHan
		if isKatakana(last) {
			in = isKatakana
		} else if !isHan(last) {
			continue
		}
		a := runStart(s, b, in)
		if !isKatakana(last) {
			a = p.withO(a, b)
			a = kanaHead(s, a, b)
		}
		p.addActor(a, b)
	}
}

// kanaHead returns where a name of one kana and one kanji starts when the
// kanji s[a:b] has one kana before it that starts a word (ぺ吉が, at a
// line's start or after a space, a bracket or punctuation), or a.
func kanaHead(s string, a, b int) int {
	if b-a != 3 || a < 3 {
		return a // kanji and kana are 3 bytes
	}
	r, _ := decodeLastRune(s[:a])
	if !isKana(r) || strings.ContainsRune("おのとはがをにへでもやかよねさ", r) {
		return a // お弓 is withO's; と私, は母: a particle before a word
	}
	if a-3 > 0 {
		if before, _ := decodeLastRune(s[:a-3]); !strings.ContainsRune(" \u3000「『（(、。\n", before) {
			return a
		}
	}
	return a - 3
}

// actingNames adds the bare mentions of the words p.actors noted that the
// text names at least minRecurrence times and that are no dictionary
// word.
func (p *prose) actingNames() {
	if len(p.actors) == 0 {
		return
	}
	s := p.t.Norm
	var found []detectors.Candidate
	l := p.lexicon()
	for _, a := range p.actors {
		w := s[a.start:a.end]
		if p.covered(a.start, a.end) && allHan(w) && l.knows(w) {
			continue // found with its honorific: the discourse has its mentions
		}
		if !p.mayBeName(w) && (a.acts < minPlaceActs || !p.placeName(w)) || p.goneTo(w) || placeElsewhere(s, w) {
			continue
		}
		mentions := bareMentions(s, w)
		if len(mentions) < minRecurrence {
			continue
		}
		if holder := p.titleHolder(w); holder != "" {
			// 禅智内供 … 内供は: the acting word is the title the text
			// calls its person by; the name is the word before it.
			for _, m := range bareMentions(s, holder+w) {
				found = append(found, detectors.Candidate{Start: m, End: m + len(holder), Confidence: detectors.Medium,
					Reasons: []string{reasonTitled}})
			}
			continue
		}
		for _, m := range mentions {
			p.dropLow(m, m+len(w)) // 母は厨子王: not 王 after a label
			if !p.covered(m, m+len(w)) {
				found = append(found, detectors.Candidate{Start: m, End: m + len(w), Confidence: detectors.Medium,
					Reasons: []string{reasonActs}})
			}
		}
	}
	slices.SortFunc(found, func(a, b detectors.Candidate) int { return a.Start - b.Start })
	p.out = append(p.out, found...)
}

// minPlaceActs is how often a place name must act to be a person's
// name: 佐渡が言った … 佐渡は構わぬ (two boatmen named for where they are
// from), not 佐渡は遠い once.
const minPlaceActs = 2

// placeName reports a word the tokenizer reads as one place name (宮崎,
// 小萩): people are called by such names, and a text that shows one acting
// again and again, and never goes to it (goneTo), means the person.
func (p *prose) placeName(w string) bool {
	p.toks = tokenize(p.toks[:0], w)
	return len(p.toks) == 1 && p.toks[0].morph == mPlace && allHan(w)
}

// goneTo reports a surname or place name the text goes to (田町へ通ふ,
// 佐渡へ渡る): a place there, whatever else it does.
func (p *prose) goneTo(w string) bool {
	if !strings.Contains(p.t.Norm, w+"へ") {
		return false
	}
	p.toks = tokenize(p.toks[:0], w)
	return len(p.toks) == 1 && (p.toks[0].morph == mPlace || p.toks[0].morph == mSurname)
}

// placeElsewhere reports a kanji word the text also writes as the name of
// a mountain, a river or a town (富士 … 富士山, 富士川): a place or a
// landmark that a text personifies (富士は笑った), not a person.
func placeElsewhere(s, w string) bool {
	if !allHan(w) {
		return false
	}
	for m := range occurrences(s, w) {
		e := m + len(w)
		before, _ := decodeLastRune(s[:m])
		if r, _ := decodeRune(s[e:]); e < len(s) && strings.ContainsRune(landmarkSuffixes, r) && (m == 0 || !isHan(before)) {
			return true // 富士山, 富士山頂; not 新富士山
		}
	}
	return false
}

// landmarkSuffixes end the names of mountains, rivers, lakes, islands,
// passes and towns.
const landmarkSuffixes = "山川湖島峠岳町村市県"

// titleHolder returns the name a text puts before the acting kanji word w
// in one run, when w is a title the text then calls its person by: 内供
// after 禅智 (禅智内供《ぜんちないぐ》 … 内供は). The word before must be two to
// four kanji that are no dictionary word, count or surname: after a surname
// w is a given name (太田豊太郎 … 豊太郎は), after a dictionary word a name
// after its title (関白師実). A lexicon given name is never taken for a
// title. It returns "" when no run puts such a word before w.
func (p *prose) titleHolder(w string) string {
	s := p.t.Norm
	l := p.lexicon()
	if !allHan(w) || l.given[w] {
		return ""
	}
	for m := range occurrences(s, w) {
		e := m + len(w)
		if r, _ := decodeLastRune(s[:m]); m == 0 || !isHan(r) {
			continue
		}
		if r, _ := decodeRune(s[e:]); e < len(s) && isHan(r) {
			continue
		}
		h := runStart(s, m, isHan)
		head := s[h:m]
		first, _ := decodeRune(head)
		// 三郎兵衛の一子実之助: a count before a name is no name.
		if n := runeCount(head); n < 2 || n > maxHanActorRunes || strings.ContainsRune(kanjiDigits, first) ||
			l.surnames[head] || l.split(head) > 0 {
			continue
		}
		if p.mayBeName(head) {
			return head
		}
	}
	return ""
}

// bareMentions returns where w stands in s as a whole run of its script,
// before a particle or punctuation, and not before へ (佐渡へ渡る: a
// place).
func bareMentions(s, w string) []int {
	first, _ := decodeRune(w)
	in := isHan
	if isKatakana(first) {
		in = isKatakana
	}
	var at []int
	for m := range occurrences(s, w) {
		e := m + len(w)
		if r, _ := decodeLastRune(s[:m]); m > 0 && in(r) {
			continue
		}
		if hasPrefixAny(s[e:], hanSuffixes) || honorificAt(s, e) != "" || strings.HasPrefix(s[e:], "どの") {
			at = append(at, m) // 了海様, 了海どの
			continue
		}
		if r, _ := decodeRune(s[e:]); e < len(s) && in(r) {
			continue
		}
		// A katakana word ends where the katakana do: a name may run into
		// a verb (エリス云ふ) or a copula (エリスなりき) that no kanji
		// name could without making another word.
		if isKatakana(first) && !namedAfter(s, e) || repeatsAt(s, e) && !strings.HasPrefix(s[e:], "へ") {
			at = append(at, m)
		}
	}
	return at
}

// namedAfter reports a kanji at s[e] that makes a name before it a
// place's or a thing's: ターナー島, ベーカー街, ダーウィン号.
func namedAfter(s string, e int) bool {
	r, _ := decodeRune(s[e:])
	return e < len(s) && strings.ContainsRune(landmarkSuffixes+"街通社式号湾港駅橋", r)
}

// mayBeName reports a word that is no dictionary word but may be a name:
// a kanji word the tokenizer reads as a name or does not know, or cuts
// into pieces that are no count, organisation, place or person noun
// (厨子王 → 厨子 + 王, 姥竹 → 姥 + 竹; not 二人, 営業部, 奴頭, 姉娘); a katakana
// word the tokenizer does not know or knows as a name (メロス; not
// ユーザー). A word it reads as one common word is that word, even where
// the lexicon also has it as a name (正直, 可愛).
func (p *prose) mayBeName(w string) bool {
	first, _ := decodeRune(w)
	if isKatakana(first) && (p.lexicon().given[w] || p.lexicon().surnames[w]) {
		return true // グエン, a noun to the tokenizer
	}
	p.toks = tokenize(p.toks[:0], w)
	if len(p.toks) == 1 {
		switch p.toks[0].morph {
		case mUnknown, mPerson, mGiven, mSurname:
			return true
		}
		return false
	}
	if first == 'お' {
		// お弓; お湯 and お前 are one token. Or the text glosses it as お
		// and a given name: お辰《おたつ》.
		return p.lexicon().given[w[len("お"):]] || p.glossedAsOName(w)
	}
	last, _ := decodeLastRune(w)
	if isKatakana(first) || p.readAsCount(w) || strings.ContainsRune(kinFirst, first) || strings.ContainsRune(pronounFirst, first) || endsWithTitle(w) ||
		strings.ContainsRune(personLast, last) || strings.ContainsRune(thingLast, last) || isPersonNoun(w) || endsWithOrg(w) || endsWithUnit(w) || placeSuffix(w) {
		return false
	}
	for _, t := range p.toks {
		if t.morph == mOrg || t.morph == mPlace {
			return false
		}
	}
	return true
}

// glossedAsOName reports a mention of w, お and kanji, that the text
// glosses as お and a given name the lexicon has (お辰《おたつ》).
func (p *prose) glossedAsOName(w string) bool {
	s := p.t.Norm
	for m := range occurrences(s, w) {
		b := m + len(w)
		if e := readingEnd(s, b); e > b {
			if rest, ok := strings.CutPrefix(s[b+len("《"):e-len("》")], "お"); ok && p.lexicon().given[rest] {
				return true
			}
		}
	}
	return false
}

// A word cut in pieces that starts with a family member or ends with a
// kanji of people is a kind of person, not a name: 姉娘, 奴頭, 和尚, 船長.
// (Names end in 王, 夫 and 子: 厨子王, 山椒大夫, 花子.)
const (
	kinFirst   = "姉兄弟妹母父祖叔伯"
	personLast = "頭娘姉兄母父人者女男婆爺僧衆方手長主尚嫁婿孫妻様殿君生徒員士医守"
	// thingLast ends words for places and things: 工事場, 事務所, 会議室,
	// 龍華寺, 大黒屋, 白梅軒 (a house or a shop stands for its people now
	// and then, but names them no more than 会社 does).
	thingLast = "場所室機車物書器具品台寺院社堂屋軒亭館店楼閣"
	// pronounFirst starts we and they: 私達, 彼等, 僕ら.
	pronounFirst = "私僕俺彼我吾余汝貴"
)

// endsWithTitle reports a word that ends in a title: 司法主任, 営業部長.
func endsWithTitle(w string) bool {
	for _, t := range prefixTitles {
		if strings.HasSuffix(w, t) {
			return true
		}
	}
	return false
}

// dropLow removes the low-confidence candidates of p.out over [start, end):
// a better reading of the same words replaces them.
func (p *prose) dropLow(start, end int) {
	p.out = slices.DeleteFunc(p.out, func(c detectors.Candidate) bool {
		return c.Confidence == detectors.Low && c.Start < end && start < c.End
	})
}
