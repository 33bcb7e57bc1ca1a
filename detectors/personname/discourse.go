package personname

import (
	"slices"
	"strings"
	"unicode"

	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/detectors/variants"
)

// Names across a text. Prose names a person once with some evidence (清
// という下女, 堀田さん, 山田太郎様) and then bare (清は, 堀田が, 山田の): one
// sense per discourse. Within one text (a cell, or a file's chunk of whole
// lines), a name found with evidence makes its other bare mentions names.

// The reasons of names found by the discourse, which Recall looks for.
const (
	reasonIntroduced     = "introduced as a person"
	reasonNamedElsewhere = "named elsewhere in the text"
)

// Introductions: 清《きよ》という下女, 堀田というのが居た, 勘太郎という十三四の倅,
// 華山とか何とか云う男, 古賀とか云う大変顔色の悪るい男が居た.
var (
	introMarkers = []string{"という", "と云う", "と言う", "といふ", "と云ふ", "と申す", "っていう",
		"とかいう", "とか云う", "とか言う", "とか何とかいう", "とか何とか云う"}
	// quoteMarkers also quote what someone said (嫌だと云って): they
	// introduce a person only where the clause says one is there (萩野と
	// 云って老人夫婦ぎりで暮らしているものがある).
	quoteMarkers = []string{"と云って", "といって", "と言って"}
	// namingMarkers say a name is what follows is called by: 正道と名のって
	// いる, 山田と名乗る男, 営業部の山田と申します (the humble "I am called";
	// not と申しまして, "said": いいえ沢山と申しまして); they introduce a
	// name on their own.
	namingMarkers = []string{"と名の", "と名乗", "と名づけ", "と名付け", "と申します"}
	// introPresence follows a marker: "the one called X was there".
	introPresence = []string{"のが居", "のがい", "のがお", "のが住"}
	// presence follows a person later in the clause: 男が居た, ものがある.
	presence = []string{"が居", "がい", "がお", "があ", "が住"}
	// personNouns, the first word after a marker, say a person is meant;
	// one-kanji nouns must be the whole word (男, not 男爵). 倅 is folded to
	// 伜 before the detector sees it.
	personNouns = []string{"下女", "女中", "教師", "先生", "生徒", "学生", "少年", "少女", "青年", "老人", "友人", "同僚",
		"社員", "職員", "医者", "医師", "婦人", "夫人", "主人", "書生", "小僧", "息子", "男性", "女性", "若者", "老婆", "知人",
		"男", "女", "人", "子", "倅", "伜", "娘", "爺", "婆", "者", "奴", "方",
		"百姓", "農夫", "漁師", "猟師", "商人", "職人", "大工", "武士", "侍", "浪人", "坊主", "和尚", "殿様", "奉公人", "乳母"}
	// kanaPersonNouns say it in kana, right after the marker (茂平という
	// おじいさん); お百姓 has its kanji word.
	kanaPersonNouns = []string{"おじいさん", "おばあさん", "じいさん", "ばあさん", "おじさん", "おばさん", "おかみさん",
		"おとのさま", "おにいさん", "おねえさん", "おとこ", "おんな", "こども", "子ども"}
	// repeatAfter may follow a bare name: particles, punctuation, ruby;
	// repeatAfterWords too (清なら, 堀田だって, 清だけ), but not any
	// hiragana: 清い and 進む are words.
	repeatAfter      = "はがをにのもとへやでかよ、。，．」』）)!?！？…・ \u3000\n《"
	repeatAfterWords = []string{"だ", "なら", "なんか", "なんぞ", "じゃ", "まで", "より", "さえ", "しか", "こそ", "など", "ばかり", "くらい", "ぐらい", "って", "たち", "ほど"}
	// nameSuffixWords end a kanji run after a name (清以外, 遠山家, 山田自身,
	// 小幡夫婦).
	nameSuffixWords = []string{"以外", "自身", "一人", "一家", "一族", "夫婦", "親子", "父子", "母子", "兄弟", "姉妹", "達", "等", "家", "宅"}
)

// interrogatives before という exclaim or ask (何という男だ, 誰という人か);
// the lexicon has them as surnames too.
var interrogatives = []string{"何", "誰", "如何", "幾何"}

// maxClauseRunes bounds how far an introduction looks for a person.
const maxClauseRunes = 40

// introducedAt reports an introduction at s[i], after a name and its
// reading.
func (p *prose) introducedAt(i int) bool {
	s := p.t.Norm
	if hasPrefixAny(s[i:], namingMarkers) {
		return true
	}
	var rest string
	for _, m := range introMarkers {
		if strings.HasPrefix(s[i:], m) {
			rest = s[i+len(m):]
			break
		}
	}
	if rest == "" {
		for _, m := range quoteMarkers {
			if strings.HasPrefix(s[i:], m) {
				return ageAt(s[i+len(m):]) || presentInClause(s[i+len(m):])
			}
		}
		return false
	}
	if hasPrefixAny(rest, introPresence) || hasPrefixAny(rest, kanaPersonNouns) {
		return true
	}
	// The first word in kanji that is no number, within a few runes and
	// the same clause; or a person there later in the clause.
	for j, n := 0, 0; j < len(rest) && n < 12; n++ {
		r, size := decodeRune(rest[j:])
		switch {
		case strings.ContainsRune("。、」「！？!?\n", r):
			return false
		case isHan(r):
			e := hanEnd(rest, j)
			word := rest[j:e]
			// Skip a number or an age (二十五歳の) and a word that
			// describes (温厚な): 新田といふ二十五歳の温厚な青年.
			if age := strings.Trim(word, "一二三四五六七八九十百千"); age == "" || age == "歳" || age == "才" || strings.HasPrefix(rest[e:], "な") {
				j, n = e, n+runeCount(word)
				continue
			}
			// And what it is good at: 田辺といふ短歌の上手な青年 (a word, の,
			// then one that describes).
			if after, ok := strings.CutPrefix(rest[e:], "の"); ok && describesAt(after) {
				j, n = e+len("の"), n+runeCount(word)+1
				continue
			}
			return isPersonNoun(word) || presentInClause(rest)
		}
		j += size
	}
	return false
}

// describesAt reports a kanji word before な at the start of s: 上手な, 温厚な.
func describesAt(s string) bool {
	e := hanEnd(s, 0)
	return e > 0 && strings.HasPrefix(s[e:], "な")
}

// isPersonNoun reports a word that names a person: one of personNouns, or
// a longer word ending in one of two kanji or more (数学教師).
func isPersonNoun(word string) bool {
	if last, _ := decodeLastRune(word); !personNounLast.has(last) {
		return false // most words: one set test
	}
	for _, w := range personNouns {
		if word == w || len(w) > 3 && strings.HasSuffix(word, w) { // kanji are 3 bytes
			return true
		}
	}
	return false
}

// personNounLast holds the last runes of personNouns.
var personNounLast = edgeRunes(personNouns, true)

// presentInClause reports a person said to be there in the clause that
// starts s: a person noun or もの before が居た, がある (大変顔色の悪るい男が居た,
// 暮らしているものがある).
func presentInClause(s string) bool {
	for j, n := 0, 0; j < len(s) && n < maxClauseRunes; n++ {
		r, size := decodeRune(s[j:])
		switch {
		case strings.ContainsRune("。」「！？!?\n", r):
			return false
		case isHan(r):
			e := hanEnd(s, j)
			if isPersonNoun(s[j:e]) && hasPrefixAny(s[e:], presence) {
				return true
			}
			n += runeCount(s[j:e]) - 1
			j = e
			continue
		case strings.HasPrefix(s[j:], "もの") && hasPrefixAny(s[j+len("もの"):], presence):
			return true
		}
		j += size
	}
	return false
}

// agedQuoteAt reports a quote marker and an age at s[i]: とくと言って八歳.
func agedQuoteAt(s string, i int) bool {
	for _, m := range quoteMarkers {
		if strings.HasPrefix(s[i:], m) {
			return ageAt(s[i+len(m):])
		}
	}
	return false
}

// ageAt reports an age at the start of s, in kanji or digits: what follows
// a name said (とくと言って八歳になる, 太郎といって十二歳の), never a quote.
func ageAt(s string) bool {
	j := 0
	for j < len(s) {
		r, size := decodeRune(s[j:])
		if !strings.ContainsRune("一二三四五六七八九十0123456789", r) {
			break
		}
		j += size
	}
	return j > 0 && (strings.HasPrefix(s[j:], "歳") || strings.HasPrefix(s[j:], "才"))
}

// introducedName judges the kanji run s[a:b] as a name introduced as such;
// it reports whether it added one.
func (p *prose) introducedName(a, b int) bool {
	s := p.t.Norm
	// The marker first: it is rare, and cheaper to test than the lexicon.
	at := readingEnd(s, b)
	if !strings.HasPrefix(s[at:], "と") && !strings.HasPrefix(s[at:], "っ") {
		return false
	}
	name := s[a:b]
	l := p.lexicon()
	if n := runeCount(name); n > 5 || !l.knows(name) || slices.Contains(interrogatives, name) {
		return false // 何という無分別な男だ: an exclamation, not a name
	}
	// A word ending in these kanji is no name of its own: いか銀, a
	// katakana word before it; a hiragana one only where a word ends.
	if a > 0 {
		r, _ := decodeLastRune(s[:a])
		if isKatakana(r) || isHiragana(r) && !strings.ContainsRune("のはがにをともでるたいえてらやへばし", r) {
			return false
		}
	}
	if !p.introducedAt(at) {
		return false
	}
	p.add(a, b, detectors.Medium, "name in dictionary", reasonIntroduced)
	return true
}

// namedAfterName judges the kanji run s[a:b] as what a text says a person's
// name is: 娘の名は真砂《まさご》、, 名は金沢の武弘, 我が名を萱草《わすれぐさ》じゃ.
// The run may be any word (真砂 is sand, 萱草 a lily): 名 says it is a
// name, where 名 is a word of its own (not 品名は, 会社名は) and the run
// ends before its reading, punctuation or の.
func (p *prose) namedAfterName(a, b int) bool {
	s := p.t.Norm
	m := a - len("名は")
	if m < 0 || s[m:m+len("名")] != "名" || s[m+len("名"):a] != "は" && s[m+len("名"):a] != "を" {
		return false
	}
	// Not 品名は, nor 3名を配置 (a counter).
	if r, _ := decodeLastRune(s[:m]); m > 0 && (isHan(r) || unicode.IsDigit(r) || r == ' ') {
		return false
	}
	if n := runeCount(s[a:b]); n < 2 || n > 4 {
		return false
	}
	// What ends the name, after its reading: 名は真砂、 名は金沢の武弘; 名を
	// 萱草じゃ, not 名を簿冊に記させつ (the name written in a register).
	at := readingEnd(s, b)
	ends := "、。のだで"
	if s[m+len("名"):a] == "を" {
		ends = "、。じだと"
	}
	if r, _ := decodeRune(s[at:]); at < len(s) && !strings.ContainsRune(ends, r) {
		return false
	}
	p.add(a, b, detectors.Medium, reasonNamedAs)
	return true
}

// reasonNamedAs is namedAfterName's: its names need no lexicon.
const reasonNamedAs = "what the text says a person's name is (名は真砂)"

// repeatNames adds the bare mentions of names that p.out[from:] found with
// evidence: a whole kanji run equal to one, before a particle, punctuation
// or its reading. Full names lend their surnames (山田太郎様 … 山田は);
// one-kanji names count only as found (森様 … 森は), not as a surname cut
// from a full name.
func (p *prose) repeatNames(from int) {
	p.katakanaMentions(from)
	if names := p.evidencedNames(from); len(names.list) > 0 {
		p.mentions(&names, p.out[from:])
	}
	// Last: a name in a list is evidence for itself there, not elsewhere
	// (宮崎も佐渡も … 佐渡へ渡る), unless the dictionary has it as a given
	// name and nothing else (長吉め文次め丑松め … 丑松文次その外の口より).
	listed := p.coordinated(from)
	var names knownNames
	for _, w := range listed {
		if p.givenOnly(w) {
			names.add(w)
		}
	}
	if len(names.list) > 0 {
		slices.SortStableFunc(p.out[from:], func(a, b detectors.Candidate) int { return a.Start - b.Start })
		p.mentions(&names, p.out[from:])
	}
}

func isHanBefore(s string, a int) bool {
	r, _ := decodeLastRune(s[:a])
	return a > 0 && isHan(r)
}

// katakanaMentions adds the bare mentions of katakana names found with
// evidence (ドイルの「スペックルド・バンド」 … ドイルもそれを真似て): a
// katakana word's edges are the script's, so a bare mention is the
// whole katakana word.
func (p *prose) katakanaMentions(from int) {
	s := p.t.Norm
	var kana []string
	for _, c := range p.out[from:] {
		w := s[c.Start:c.End]
		if r, _ := decodeRune(w); c.Confidence >= detectors.Medium && isKatakana(r) && allKatakana(w) && runeCount(w) >= 2 && !slices.Contains(kana, w) {
			kana = append(kana, w)
		}
	}
	var found []detectors.Candidate
	for _, w := range kana {
		for _, m := range bareMentions(s, w) {
			if !p.covered(m, m+len(w)) {
				found = append(found, detectors.Candidate{Start: m, End: m + len(w), Confidence: detectors.Medium,
					Reasons: []string{"name in dictionary", reasonNamedElsewhere}})
			}
		}
	}
	if len(found) > 0 {
		p.out = append(p.out, found...)
		slices.SortStableFunc(p.out[from:], func(a, b detectors.Candidate) int { return a.Start - b.Start })
	}
}

// mentions adds the bare mentions of names in the text that none of found
// (candidates in text order) covers.
func (p *prose) mentions(names *knownNames, found []detectors.Candidate) {
	s := p.t.Norm
	next := 0 // the first found candidate not before the run
	for i := 0; i < len(s); {
		if c := s[i]; c < 0xE3 || c > 0xE9 && c != 0xEF {
			// ASCII, Latin, a 4-byte rune: no kanji starts here.
			i += utf8SeqLen(c)
			continue
		}
		r, size := decodeRune(s[i:])
		if !isHan(r) {
			i += size
			continue
		}
		e := hanEnd(s, i+size)
		last, _ := decodeLastRune(s[i:e])
		whole, glued := names.first.may(r), names.last.may(last) && e-i > names.shortest
		if !whole && !glued {
			i = e
			continue
		}
		for next < len(found) && found[next].End <= i {
			next++
		}
		if next < len(found) && found[next].Start < e {
			i = e
			continue
		}
		if whole {
			if at := names.beforeSuffix(s, i, e); at > i && repeatsAt(s, e) {
				if !afterKatakana(s, i) {
					p.add(i, at, detectors.Medium, "name in dictionary", reasonNamedElsewhere)
				}
				i = e
				continue
			}
			if at := names.gluedBefore(s, i, e); at > i && !afterKatakana(s, i) {
				p.add(i, at, detectors.Medium, "name in dictionary", reasonNamedElsewhere)
				i = e
				continue
			}
			if mid := p.twoGivenNames(names, i, e); mid > i && !afterKatakana(s, i) {
				// 丑松文次その余の: two people listed without a particle.
				p.add(i, mid, detectors.Medium, "name in dictionary", reasonNamedElsewhere)
				p.add(mid, e, detectors.Medium, "name in dictionary", reasonNamedElsewhere)
				i = e
				continue
			}
			if at := p.twoGluedBefore(names, i, e); at > i && !p.recalled && !afterKatakana(s, i) {
				p.add(i, at, detectors.Medium, "name in dictionary", reasonNamedElsewhere)
				i = e
				continue
			}
		}
		if !repeatsAt(s, e) {
			if whole && names.has(s[i:e]) && p.runsIntoKana(i, e) && !afterKatakana(s, i) {
				p.add(i, e, detectors.Medium, "name in dictionary", reasonNamedElsewhere)
			}
			i = e
			continue
		}
		if whole && names.has(s[i:e]) {
			if !afterKatakana(s, i) {
				p.add(i, e, detectors.Medium, "name in dictionary", reasonNamedElsewhere)
			}
		} else if glued {
			if at := p.nameEndsRun(names.list, i, e); at >= 0 {
				p.add(clanBefore(p.lexicon(), s, i, at, e), e, detectors.Medium, "name in dictionary", reasonNamedElsewhere)
			}
		}
		i = e
	}
}

// Recall implements detectors.Recaller. What the rest of an object
// recalls is a person its text treats as one it comes back to: a name
// introduced as a person, or mentioned bare beside its evidence (清という
// 下女 … 清は; 山田太郎様 … 山田の), whole. A name found once with an
// honorific is not: a list of customers names each once, and
// remembering them all would cost a second look at every later chunk for
// nothing.
func (d *Detector) Recall(value string, v detectors.Verdict) []string {
	if slices.Contains(v.Reasons, reasonGlossedFullName) {
		// 蕗屋清一郎《ふきやせいいちろう》: the rare surname names him after.
		if sur := glossedSurname(value); len(sur) > 3 {
			return []string{value, sur}
		}
		return []string{value}
	}
	if !slices.ContainsFunc(v.Reasons, func(r string) bool {
		return r == reasonIntroduced || r == reasonNamedElsewhere || r == reasonRecurring || r == reasonKin
	}) {
		if r, _ := decodeRune(value); (slices.Contains(v.Reasons, reasonActs) || slices.Contains(v.Reasons, reasonNamedAs) || slices.Contains(v.Reasons, reasonOldMansName)) && (allHan(value) || isKatakana(r) && allKatakana(value)) {
			return []string{value} // 厨子王, ジョバンニ: no lexicon name, but the text's
		}
		return nil
	}
	var names knownNames
	recallable(lex(), value, &names)
	return names.list
}

// Mentions implements detectors.Recaller: the bare mentions of names that
// an earlier text of the object gave evidence for, judged as a name named
// elsewhere in one text is.
func (d *Detector) Mentions(t *detectors.Text, keys []string) []detectors.Candidate {
	if len(keys) == 0 || !t.Has(detectors.HasJapanese) {
		return nil
	}
	var names knownNames
	var kana []string
	for _, k := range keys {
		if r, _ := decodeRune(k); isKatakana(r) {
			kana = append(kana, k) // ジョバンニ: no kanji run to walk
			continue
		}
		names.add(k)
	}
	if folded, ok := variants.FoldSameWidth(t.Norm); ok {
		var shadow detectors.Text
		shadow.Reset([]byte(folded), t.Column)
		t = &shadow
	}
	// A name from an earlier chunk is evidence too thin to cut off the
	// start of a word (山田 … 山田錦).
	p := prose{t: t, recalled: true}
	p.mentions(&names, nil)
	for _, k := range kana {
		for _, m := range bareMentions(t.Norm, k) {
			p.add(m, m+len(k), detectors.Medium, "name in dictionary", reasonNamedElsewhere)
		}
	}
	if len(kana) > 0 {
		slices.SortFunc(p.out, func(a, b detectors.Candidate) int { return a.Start - b.Start })
	}
	return p.out
}

// repeatsAt reports what may follow a bare name at s[e]: the end, a
// particle, punctuation or a reading.
func repeatsAt(s string, e int) bool {
	if e == len(s) {
		return true
	}
	after, size := decodeRune(s[e:])
	if after == 'め' {
		return scornAt(s, e+size)
	}
	return repeatAfterSet.has(after) || repeatWordFirst.has(after) && hasPrefixAny(s[e:], repeatAfterWords)
}

// scornAt reports that the め before s[i] is the scorn after a name
// (長吉め、, 文次め丑松め), not a verb's (眺めた, 止める): what follows it is
// no kana but a particle, or nothing.
func scornAt(s string, i int) bool {
	if i == len(s) {
		return true
	}
	r, _ := decodeRune(s[i:])
	return !isHiragana(r) || strings.ContainsRune("がはのをもと", r)
}

// repeatAfterSet and repeatWordFirst are repeatAfter and the first runes
// of repeatAfterWords as sets: repeatsAt asks of every kanji run.
var (
	repeatAfterSet  = runesOf(repeatAfter)
	repeatWordFirst = edgeRunes(repeatAfterWords, false)
)

func runesOf(s string) *runeSet {
	var rs runeSet
	for _, r := range s {
		rs.add(r)
	}
	return &rs
}

// beforeSuffix returns where a known name that starts the kanji run
// s[a:b] ends when a suffix word ends the run (清以外, 遠山家), or a.
func (n *knownNames) beforeSuffix(s string, a, b int) int {
	for _, w := range nameSuffixWords {
		if b-a > len(w) && strings.HasSuffix(s[a:b], w) && n.has(s[a:b-len(w)]) {
			return b - len(w)
		}
	}
	return a
}

// knownNames are the names a text gave evidence for, with a filter on their
// first and last runes that rejects most kanji runs without a string
// comparison.
type knownNames struct {
	list        []string
	first, last runeFilter
	shortest    int // the shortest name's length in bytes
	// set holds list once it is long: a text full of names asks has of
	// every kanji run.
	set map[string]struct{}
}

// knownSetAt is the length of list from which has looks names up in set.
const knownSetAt = 16

func (n *knownNames) add(v string) {
	if n.has(v) {
		return
	}
	if len(n.list) == 0 || len(v) < n.shortest {
		n.shortest = len(v)
	}
	n.list = append(n.list, v)
	switch {
	case len(n.list) == knownSetAt:
		n.set = make(map[string]struct{}, 2*knownSetAt)
		for _, w := range n.list {
			n.set[w] = struct{}{}
		}
	case len(n.list) > knownSetAt:
		n.set[v] = struct{}{}
	}
	r, _ := decodeRune(v)
	n.first.add(r)
	r, _ = decodeLastRune(v)
	n.last.add(r)
}

func (n *knownNames) has(v string) bool {
	if n.set != nil {
		_, ok := n.set[v]
		return ok
	}
	for _, w := range n.list {
		if w == v {
			return true
		}
	}
	return false
}

// runeFilter is a 1,024-bit Bloom filter of runes: a text may give
// evidence for dozens of names.
type runeFilter [16]uint64

func runeBit(r rune) uint32 { return uint32(r) * 0x9E3779B1 >> 22 }

func (f *runeFilter) add(r rune)      { b := runeBit(r); f[b>>6] |= 1 << (b & 63) }
func (f *runeFilter) may(r rune) bool { b := runeBit(r); return f[b>>6]&(1<<(b&63)) != 0 }

// evidencedNames collects the kanji names of p.out[from:] found at medium
// or high, and the surnames of full names among them.
func (p *prose) evidencedNames(from int) knownNames {
	var names knownNames
	l := p.lexicon()
	s := p.t.Norm
	for _, c := range p.out[from:] {
		switch {
		case c.Confidence < detectors.Medium:
		case slices.Contains(c.Reasons, reasonGlossedFullName):
			// 蕗屋清一郎《ふきやせいいちろう》 … 蕗屋は: the surname the
			// lexicon lacks, of two kanji or more, names him after.
			names.add(s[c.Start:c.End])
			if sur := glossedSurname(s[c.Start:c.End]); len(sur) > 3 {
				names.add(sur)
			}
		case slices.ContainsFunc(c.Reasons, textEvidence) && allHan(s[c.Start:c.End]) && c.End-c.Start > 3:
			// 杜子春: the text's, not the lexicon's; two kanji or more (花《はな》
			// さん says nothing of 花は).
			names.add(s[c.Start:c.End])
		default:
			recallable(l, s[c.Start:c.End], &names)
		}
	}
	return names
}

// textEvidence reports a reason that makes a name of what the lexicon
// does not know: the text's own evidence, which holds for its mentions.
func textEvidence(reason string) bool {
	return reason == reasonActs || reason == reasonNamedAs || reason == reasonAfterPost || reason == reasonGlossedHonoured || reason == reasonOldMansName
}

// recallable adds to names what a name v found with evidence makes a name
// in the rest of its text: v itself when it is kanji the lexicon knows,
// and the surname of a full name.
func recallable(l *lexicon, v string, names *knownNames) {
	if sur, _, ok := strings.Cut(v, " "); ok {
		if allHan(sur) && runeCount(sur) >= 2 && l.surnames[sur] {
			names.add(sur)
		}
		return
	}
	// Only names the lexicon knows: a nickname with a title (天麩羅先生)
	// must not make every 天麩羅 a name. A direction or a position is a
	// word far more often than the surname it also is (西さん, 上さん …
	// 西のほう, トロッコの上). A kind of person is no name: 和尚さま … 父親和尚.
	// Nor is a number: 三ちゃん … 三月.
	if !allHan(v) || !l.knows(v) || strings.Contains(positionWords, v) || isPersonNoun(v) || strings.Trim(v, kanjiDigits) == "" {
		return
	}
	names.add(v)
	if at := l.split(v); at > 0 && runeCount(v[:at]) >= 2 {
		names.add(v[:at])
		// And the given name of three kanji or more, which a novel calls
		// its people by (太田豊太郎 … わが豊太郎の君); shorter ones are
		// too often words.
		if given := v[at:]; runeCount(given) >= 3 && !commonWord(given) {
			names.add(given)
		}
	}
}

// positionWords are one kanji each.
const positionWords = "東西南北上下中前後左右奥外内横"

// utf8SeqLen is the length of the UTF-8 sequence that starts with c (1 for
// a byte that starts none).
func utf8SeqLen(c byte) int {
	switch {
	case c >= 0xF0 && c < 0xF8:
		return 4
	case c >= 0xE0 && c < 0xF0:
		return 3
	case c >= 0xC0 && c < 0xE0:
		return 2
	}
	return 1
}

// clanBefore returns where a full name of old starts when the run s[i:e]
// puts a one- or two-kanji surname before the name at s[at:] and its
// reading joins them with の (平正氏《たいらのまさうじ》, 源頼朝《みなもとのよりとも》), or at.
func clanBefore(l *lexicon, s string, i, at, e int) int {
	if at == i || at-i > 2*3 || !l.surnames[s[i:at]] {
		return at
	}
	g := readingEnd(s, e)
	if g == e {
		return at
	}
	reading := s[e+len("《") : g-len("》")]
	if k := strings.Index(reading, "の"); k >= 2*3 && k < len(reading)-len("の") {
		return i
	}
	return at
}

// againBefore reports 又 ("again") alone before a name of three kanji or
// more (又杜子春が, 又鉄冠子の): before a shorter one it starts a name of
// its own (又三郎, 又兵衛).
func againBefore(before, name string) bool {
	return before == "又" && runeCount(name) >= 3
}

// nameEndsRun finds one of names at the end of the kanji run s[a:b] after
// a word the tokenizer ends where the name starts (その時勘太郎は, 今朝古賀の,
// 秘書官相沢が); a one-kanji name only after an adverb or a time word
// (大方清も). It returns where the name starts, with a surname the
// tokenizer reads before it, or -1.
func (p *prose) nameEndsRun(names []string, a, b int) int {
	s := p.t.Norm
	for _, n := range names {
		// Glued words are short: 今朝, 大方, 時, 早速.
		if b-a <= len(n) || b-a > len(n)+9 || !strings.HasSuffix(s[a:b], n) {
			continue
		}
		at := b - len(n)
		p.toks = tokenize(p.toks[:0], s[a:b])
		k := len(p.toks)
		if runeCount(n) > 1 {
			// A name of two kanji or more after any word the tokenizer
			// ends where the name starts: 又杜子春が, 三度杜子春の, 秘書官相沢が,
			// 主人中川三郎兵衛を (apposition). Not 富山田, 富山 + 田.
			// Not after a prefix: 又三郎 is a name of its own, 大和尚 a word.
			j := slices.IndexFunc(p.toks, func(t token) bool { return t.start == at-a })
			if j <= 0 || p.toks[j-1].morph == mOther && !p.toks[j-1].adverbial && !againBefore(s[a:at], n) {
				continue
			}
			// A surname before it makes one full name: 主人中川三郎兵衛;
			// not a one-kanji word that is a surname too (今喜助: 今,
			// "now", which the run alone reads as a surname).
			prev := p.toks[j-1]
			w := s[a+prev.start : a+prev.end]
			if !prev.adverbial && (prev.morph == mSurname || p.lexicon().surnames[w]) && (runeCount(w) > 1 || !commonWord(w)) {
				return a + prev.start
			}
			return at
		}
		// 山田清 is another name that ends in 清, 日清 a word.
		if k < 2 || p.toks[k-1].start != at-a || !p.toks[k-2].adverbial {
			continue
		}
		return at
	}
	return -1
}
