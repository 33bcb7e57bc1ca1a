package personname

import (
	"slices"
	"strings"

	"github.com/pmscan/pmscan/detectors"
)

// Names in free text. Tokenizing everything would cap throughput at the
// tokenizer's 4-5 MB/s, so cheap triggers pick the kanji runs worth a
// parse: an honorific after the run (様, さん, 氏 ...), a label before it
// (氏名:, 担当:), or a run that the lexicon reads as surname + given name.
// Only those runs are tokenized, with their honorific.

const (
	maxNameRunes = 10 // longer runs are words, not names (勘解由小路 is 5)
	maxKanaRunes = 20
)

// prose holds one Find call's scratch state.
type prose struct {
	t    *detectors.Text
	lex  *lexicon
	out  []detectors.Candidate
	toks []token
	// bare are the kanji runs that may be a given name standing alone,
	// for recurringGiven.
	bare []bareRun
	// actors are the words seen doing what people do, for actingNames.
	actors []actor
	// hiragana are the hiragana names found, for hiraganaMentions.
	hiragana []string
	// recalled says the known names come from an earlier chunk of the
	// object (Mentions), not from this text.
	recalled bool
	// ruby says whether the text glosses words (《》): 0 not yet known,
	// 1 no, 2 yes.
	ruby uint8
	// foundCounts counts the values found, for established.
	foundCounts map[string]int
	// tokenized holds the tokens of the names and honorifics analysed so
	// far: a text names the same people again and again (山田様 … 山田様).
	tokenized map[string][]token
	// counters are where kanji runs end in 名 or 人, for countedNames.
	counters []int
	// cut is the last kanji run cut at its honorific (cutHan): the scan
	// asks it of each run twice.
	cut struct {
		a, b      int
		name, hon string
	}
}

// cutHan is cutHanSuffix of the kanji run s[a:b], once per run.
func (p *prose) cutHan(a, b int) (name, hon string) {
	if p.cut.b != b || p.cut.a != a || b == 0 {
		p.cut.a, p.cut.b = a, b
		p.cut.name, p.cut.hon = cutHanSuffix(p.t.Norm[a:b])
	}
	return p.cut.name, p.cut.hon
}

// maxTokenized bounds the analyses a text keeps; texts shorter than
// minTokenizedText bytes keep none.
const maxTokenized, minTokenizedText = 1024, 2048

// tokenizeCached tokenizes s into p.toks, reusing an earlier analysis of
// the same string in this text: the tokenizer is deterministic, and
// running it is most of what a triggered name costs.
func (p *prose) tokenizeCached(s string) []token {
	if toks, ok := p.tokenized[s]; ok {
		return append(p.toks[:0], toks...)
	}
	p.toks = tokenize(p.toks[:0], s)
	if len(p.t.Norm) < minTokenizedText {
		return p.toks // a cell or a line: it names few people, once
	}
	if p.tokenized == nil {
		p.tokenized = make(map[string][]token)
	}
	if len(p.tokenized) < maxTokenized {
		p.tokenized[s] = slices.Clone(p.toks)
	}
	return p.toks
}

func (d *Detector) findInProse(t *detectors.Text, out []detectors.Candidate) []detectors.Candidate {
	p := prose{t: t, out: out}
	s := t.Norm
	for i := 0; i < len(s); {
		if s[i] < 0xE3 { // ASCII, Latin, punctuation below U+3000: no name starts here
			if s[i] == ':' && p.romajiAfterLabel(i) {
				// Past the name it found, which is no name in text again.
				i = skipRomajiName(s, i+1)
				continue
			}
			if end := p.workerField(i); end > i {
				i = end
				continue
			}
			if s[i] >= 'A' && s[i] <= 'Z' {
				if end := p.romajiInText(i); end > i {
					i = end
					continue
				}
				i = wordEnd(s, i)
				continue
			}
			i++
			continue
		}
		r, size := decodeRune(s[i:])
		switch {
		case isHan(r):
			if end := p.workerField(i); end > i {
				i = end
				continue
			}
			e := hanEnd(s, i)
			p.noteCounter(i, e)
			p.noteBare(i, e)
			p.noteActor(i, e, false)
			p.noteSubjects(i, r)
			i = p.hanRun(i, e)
		case isKatakana(r):
			p.noteActor(i, runEnd(s, i, isKatakana), true)
			i = p.kanaRun(i)
		case isHiragana(r):
			if end := p.workerField(i); end > i {
				i = end
			} else if p.afterReadingLabel(i) {
				i = p.kanaRun(i)
			} else {
				e := runEnd(s, i, isHiragana)
				p.kinKanaName(i, e)
				p.noteKanaSubjects(i, e)
				p.hiraganaNames(i, e)
				i = e
			}
		default:
			i += size
		}
	}
	p.recurringGiven()
	p.countedNames()
	p.actingNames()
	p.hiraganaMentions()
	// The rules above append out of text order; mentions walks in it.
	slices.SortStableFunc(p.out, func(a, b detectors.Candidate) int { return a.Start - b.Start })
	p.repeatNames(0)
	p.joinAcrossReading()
	return p.out
}

// joinAcrossReading makes one name of a surname and a given name found
// apart on either side of the surname's reading (小幡《おばた》伊織): ruby
// splits a full name the way Aozora Bunko writes it.
func (p *prose) joinAcrossReading() {
	s, l := p.t.Norm, p.lexicon()
	slices.SortStableFunc(p.out, func(a, b detectors.Candidate) int { return a.Start - b.Start })
	out := p.out[:0]
	for _, c := range p.out {
		if !strings.HasSuffix(s[:c.Start], "》") || !l.given[s[c.Start:c.End]] {
			out = append(out, c)
			continue
		}
		open := strings.LastIndex(s[:c.Start], "《")
		if open < 0 || readingEnd(s, open) != c.Start {
			out = append(out, c)
			continue
		}
		sur := runStart(s, open, isHan)
		if !l.surnames[s[sur:open]] {
			out = append(out, c)
			continue
		}
		if n := len(out); n > 0 && out[n-1].Start == sur && out[n-1].End == open {
			c.Confidence = max(c.Confidence, out[n-1].Confidence)
			out = out[:n-1] // the surname, found apart
		}
		c.Start = sur
		out = append(out, c)
	}
	p.out = out
}

// hanRun judges the kanji run s[a:b] and returns where scanning goes on.
func (p *prose) hanRun(a, b int) int {
	s := p.t.Norm
	// Kanji take 3 bytes or 4: a short run is counted by its bytes.
	if b-a > 3*(maxNameRunes+4) && runeCount(s[a:b]) > maxNameRunes+4 {
		p.authorOfWork(a, b)
		return b
	}
	if eraBefore(s, a, b) {
		return b
	}
	labelled := p.labelBefore(a) || p.listedUnderLabel(a)
	if w := labelPrefix(s[a:b]); w > 0 {
		a, labelled = a+w, true
	}
	// A kanji honorific ends the run (山田様, 鈴木氏); a kana one follows it.
	name, hon := p.cutHan(a, b)
	if hon != "" && !isTitle(hon) && p.suffixReadInWord(s[a:b], hon) {
		name, hon = s[a:b], "" // 森羅殿《しんらでん》, 正氏《まさうじ》
	}
	nameEnd := a + len(name)
	if hon == "" {
		hon = honorificAt(s, b)
	}
	if hon == "" {
		// Or one inside the run, before more kanji: 堀田君一人, 山田様方.
		if k, h := p.innerHonorific(a, b); k > 0 {
			nameEnd, hon = k, h
		}
	}
	honAt := nameEnd
	if hon == "" {
		// Or one after the name's reading: 堀田《ほった》さん, 山田（やまだ）様.
		if at := readingEnd(s, b); at > b {
			if hon = honorificAt(s, at); hon != "" {
				honAt = at
			}
		}
	}
	// 佐藤 花子: a surname, one space, a short given name in kanji or kana.
	gStart, gEnd := -1, -1
	if hon == "" && b+1 < len(s) && s[b] == ' ' {
		if r, _ := decodeRune(s[b+1:]); isHan(r) || isHiragana(r) || isKatakana(r) {
			in := isHan
			if isHiragana(r) {
				in = isHiragana
			} else if isKatakana(r) {
				in = isKatakana
			}
			e := runEnd(s, b+1, in)
			if isHiragana(r) {
				e = cutAtHonorific(s, b+1, e) // 中島 さくらさん
			}
			if n := runeCount(s[b+1 : e]); n >= 1 && n <= 4 {
				gStart, gEnd = b+1, e
			}
		}
	}
	if a >= nameEnd {
		return b
	}
	if nameEnd-a > 3*maxNameRunes && runeCount(s[a:nameEnd]) > maxNameRunes {
		p.authorOfWork(a, b)
		return b
	}
	l := p.lexicon()
	if gStart >= 0 {
		given, ghon := cutHanSuffix(s[gStart:gEnd])
		if ghon == "" && strings.HasSuffix(given, "宛") && honorificAt(given, 0) == "" {
			// 安藤 絵美宛て: 宛 ends a full name (not 室宛, 様宛).
			given, ghon = strings.TrimSuffix(given, "宛"), "宛"
		}
		if ghon == "" {
			ghon = honorificAt(s, gEnd)
		}
		if ghon == "" && gEnd+1 < len(s) && s[gEnd] == ' ' {
			ghon = honorificAt(s, gEnd+1) // 轟 大和 様
		}
		surname := s[a:nameEnd]
		// The surname must be known, or the context must say it is a name
		// (東雲 裕子様, 申込者 轟 大和 様).
		known := l.surnames[surname] || (labelled || ghon != "") && runeCount(surname) <= 4
		// After a known surname and before an honorific, a short given
		// name needs no dictionary (田村 大和様: 大和 is tagged a place).
		sure := l.surnames[surname] && ghon != "" && runeCount(given) <= 3
		// After a label, a known surname, a space and a short word that
		// ends the text or the field: 氏名欄「千葉 和真」, 園児名: 長田 いちか
		// (not 担当: 山田 まで).
		if !sure && labelled && l.surnames[surname] && fieldEndsAt(s, gEnd) {
			if r, _ := decodeRune(given); isHan(r) {
				sure = runeCount(given) <= 3 && allHan(given)
			} else if isHiragana(r) {
				sure = runeCount(given) >= 2 && runeCount(given) <= 4 && !hasPrefixAny(given, kanaFunctionWords)
			}
		}
		// A short given name in katakana (岡田 キヨ, 今村 トメ, as older
		// women's names are written) after a known surname, where a label
		// or an honorific says a name is meant, and not a common word.
		if r, _ := decodeRune(given); isKatakana(r) {
			sure = l.surnames[surname] && (labelled || ghon != "") && runeCount(given) <= 4 && !commonKanaWord(given)
		}
		if given != "" && known && (sure || l.given[given] || p.taggedGiven(surname+given, len(surname))) {
			c := detectors.Medium
			reasons := []string{"surname and given name in dictionary"}
			if labelled || ghon != "" {
				c = detectors.High
				reasons = append(reasons, contextReason(labelled, ghon))
			}
			p.add(a, gStart+len(given), c, reasons...)
			return gEnd
		}
	}
	if hon == "" && b < len(s) && l.isSurname(s[a:nameEnd]) {
		if end, ghon := p.kanaGiven(b, labelled); end > b {
			p.add(a, end, detectors.High, "surname and given name in dictionary", contextReason(labelled, ghon))
			return end
		}
	}
	// A known surname, a space, an honorific: 岸 様, 森 さん. (A full
	// name before a spaced honorific is read above.)
	if hon == "" && b+1 < len(s) && s[b] == ' ' && l.surnames[s[a:nameEnd]] {
		if h := honorificAt(s, b+1); h != "" && !isTitle(h) {
			p.add(a, nameEnd, detectors.Medium, "name in dictionary", contextReason(labelled, h))
			return b
		}
	}
	triggered := labelled || hon != ""
	name = s[a:nameEnd]
	if !triggered && regnalAfter(s, b) && runeCount(s[a:b]) <= 4 {
		// 維廉《ヰルヘルム》一世, 仏得力《フレデリツク》三世.
		p.add(a, b, detectors.Medium, reasonRegnal)
		return b
	}
	if !triggered && p.drawnOutName(a, b) {
		return b
	}
	if !triggered && p.kanaKoName(a, b) {
		return b
	}
	if !triggered {
		if e := p.kinSpaced(a, b); e > b {
			return e // 妻 花子
		}
	}
	if !triggered && (p.introducedName(a, b) || p.namedAfterName(a, b) || p.standaloneSurname(a, b) || p.apposedName(a, b) || p.kinApposed(a, b) || p.nameAfterKind(a, b)) {
		return b
	}
	if !triggered {
		// Bare: only a whole run that reads as surname + given name, and
		// that the tokenizer does not read otherwise (松本城 is a castle).
		// Two kanji are too often a word (向上 is 向 + 上 to the lexicon).
		if w := workSuffix(name); w != "" && runeCount(name) > runeCount(w)+2 {
			// 芥川龍之介全集, 山田太郎著: the author of a work; 新修宮沢賢治全集:
			// a title before the author.
			if l.split(name[:len(name)-len(w)]) <= 0 {
				p.authorOfWork(a, nameEnd)
				return b
			}
			name, nameEnd = name[:len(name)-len(w)], nameEnd-len(w)
		}
		// 淡路守 is a province and its governor's post, not 淡路 + 守.
		// Three kanji or more (9 bytes): the split is looked for only then.
		at := 0
		if len(name) >= 3*3 {
			at = l.split(name)
		}
		if at > 0 && !placeSuffix(name[at:]) && postAt(name) != len(name) && p.agreesWithSplit(a, nameEnd, at) {
			c := detectors.Medium
			reasons := []string{"surname and given name in dictionary"}
			if p.readingFollows(nameEnd) {
				c = detectors.High
				reasons = append(reasons, "followed by its reading")
			}
			p.add(a, nameEnd, c, reasons...)
			return b
		}
		if nameEnd == b && p.givenByReading(a, b) {
			p.add(a, b, detectors.Medium, reasonGivenByReading) // 甲助《こうすけ》
		} else if nameEnd == b && p.clanAndGiven(a, b) {
			// 多田《ただ》の満仲《まんじゅう》: added there.
		} else if nameEnd == b && p.ladysName(a, b) {
			p.add(a, b, detectors.Medium, reasonLadysName) // 清姫, 赫奕姫《かくやひめ》
		} else if nameEnd == b && len(name) >= 3*3 && len(name) <= 5*3 && readingEnd(s, b) > b && l.surnamePrefix(name) &&
			!strings.HasSuffix(name, "守") && dictFullName(name) {
			// 藤原基経《もとつね》; not 大岡越前守, a surname and a governor's
			// title. Glossed runs only: the dictionary's index loads with the
			// tokenizer, which text without a reason to tokenize never loads.
			p.add(a, b, detectors.Medium, reasonDictFullName)
		} else if nameEnd == b && p.glossedFullName(a, b) {
			// 蕗屋清一郎《ふきやせいいちろう》: added there.
		}
		return b
	}
	p.triggeredName(a, nameEnd, hon, honAt, labelled)
	return b
}

// fieldKanji fill a field alone as words, though some are surnames too:
// positions, states and quantities (担当：中, 前, 本, 済, 未, 全).
const fieldKanji = "中前後本他済未全上下同各新旧無有不要可否正副主元現次当初計外内"

// workSuffixes follow an author's full name in one kanji run: a book's
// title or a byline.
var workSuffixes = []string{"全集", "選集", "作品集", "著作集", "集", "著", "編", "訳"}

// workSuffix returns the work suffix that ends run, or "".
func workSuffix(run string) string {
	switch last, _ := decodeLastRune(run); last {
	case '集', '著', '編', '訳':
	default:
		return "" // every bare kanji run asks
	}
	for _, w := range workSuffixes {
		if strings.HasSuffix(run, w) {
			return w
		}
	}
	return ""
}

// authorOfWork finds the author's full name that ends the long kanji run
// s[a:b] before a work (筑摩全集類聚版芥川龍之介全集, 新修宮沢賢治全集): the
// longest end of two to six kanji before the work that the lexicon splits
// into surname and given name, where the tokenizer starts a word.
func (p *prose) authorOfWork(a, b int) {
	s := p.t.Norm
	w := workSuffix(s[a:b])
	if w == "" {
		return
	}
	end := b - len(w)
	l := p.lexicon()
	p.toks = tokenize(p.toks[:0], s[a:end])
	// agreesWithSplit reuses p.toks: keep where its words start.
	var starts [maxNameRunes + 4]int
	n := 0
	for _, t := range p.toks {
		if n < len(starts) {
			starts[n], n = a+t.start, n+1
		}
	}
	for _, start := range starts[:n] {
		if n := runeCount(s[start:end]); n < 3 || n > maxNameRunes {
			continue
		}
		if at := l.split(s[start:end]); at > 0 && p.agreesWithSplit(start, end, at) {
			p.add(start, end, detectors.Medium, "surname and given name in dictionary")
			return
		}
	}
}

// rune0 is the first rune of s.
func rune0(s string) rune { r, _ := decodeRune(s); return r }

// eras are the Japanese eras a date may be written in.
var eras = []string{"明治", "大正", "昭和", "平成", "令和"}

// eraBefore reports an era that starts a date: 平成12年 (平 + 成 to the
// lexicon), 昭和元年.
func eraBefore(s string, a, b int) bool {
	if b-a != len("平成") || b == len(s) || !strings.ContainsRune("明大昭平令", rune0(s[a:])) || !slices.Contains(eras, s[a:b]) {
		return false
	}
	return s[b] >= '0' && s[b] <= '9' || strings.HasPrefix(s[b:], "元") || strings.HasPrefix(s[b:], " ")
}

// triggeredName finds the name that ends at s[end] in the kanji run s[a:end],
// which an honorific at s[honAt] follows (at end, or after the name's
// reading) or a label precedes.
func (p *prose) triggeredName(a, end int, hon string, honAt int, labelled bool) {
	s := p.t.Norm
	if k := strings.LastIndex(s[a:end], "様"); k >= 0 {
		// No name holds 様: お客様相沢勇気様 names 相沢勇気, which the
		// tokenizer would read as 様相 + 沢 + 勇気.
		a += k + len("様")
	}
	if end-a > 2*3 && (strings.HasPrefix(s[a:end], "此") || strings.HasPrefix(s[a:end], "其")) {
		a += len("此") // 此美登利さん: "this", as old prose writes it, is no part of a name
	}
	window := s[a:end]
	if window == "" {
		return
	}
	if r, _ := decodeLastRune(s[:a]); (r == 'お' || r == 'ご') && hon != "" {
		// お前さん, お宅様, お邪魔さま, ご苦労さま, お上さん: a polite word;
		// お菊さん and お六さん are names, with their お, and names with お
		// have one kanji.
		oName := r == 'お' && runeCount(window) == 1 && !strings.Contains(positionWords, window) &&
			(p.lexicon().given[window] || strings.Contains(kanjiDigits, window))
		if oName {
			p.add(a-len("お"), end, detectors.Medium, "name in dictionary", contextReason(labelled, hon))
		}
		return
	}
	if len(hon) > 0 && !strings.HasPrefix(s[honAt:], hon) {
		hon = "" // defensive: the honorific must follow
	}
	if hon == "公" && len(window) == 3 {
		p.familiarName(a, end) // 兼公, 三公; not 奉公, 主公
		return
	}
	if monkTitle(hon) && strings.HasPrefix(s[end:], hon) && allHan(window) {
		// A name in religion is two kanji the lexicon rarely knows and
		// that are often words (曇猛, 能因): the title says they name a
		// monk, and what comes before them is his post (住持曇猛律師).
		if runeCount(window) > 2 {
			_, last := decodeLastRune(window)
			_, before := decodeLastRune(window[:len(window)-last])
			a = end - last - before
		}
		p.add(a, end, detectors.Medium, "name in religion", contextReason(labelled, hon))
		return
	}
	if p.glossedBeforeHonorific(a, end, hon, honAt) {
		return // 垣衣《しのぶぐさ》さん
	}
	if l := p.lexicon(); l.endsLikeOrg(window) || !l.mentionsName(window) || hon != "" && isPersonNoun(window) {
		return // 見本食品株式会社様, お客様, 和尚さま; but 阿部様
	}
	analysed := s[a : end+len(hon)]
	if honAt != end && hon != "" {
		analysed = window + hon // the reading between them is left out
	}
	p.toks = p.tokenizeCached(analysed)
	// Walk back from the name's end over name-like tokens.
	k := len(p.toks)
	for k > 0 && p.toks[k-1].start >= len(window) {
		k-- // the honorific's tokens
	}
	if k > 0 && p.toks[k-1].end > len(window) && analysed == s[a:end+len(hon)] && kanaWord(hon) && p.honorificInContext(a, end, hon) {
		// Alone, 正さん reads as a verb (正さ + ん); with the words around
		// it (正さん誰れが), as a name and さん. (A kanji honorific in a
		// word, 姫君, 王様, is the word's.)
		k = len(p.toks) - 1
	}
	if k > 0 && p.toks[k-1].end > len(window) {
		// The honorific is part of a word (王様, 奥様, 源氏, 行くん), unless
		// a surname comes first and the word is a noun that swallowed the
		// end of a given name: 小野悠人様 → 小野 + 悠 + 人様.
		if p.toks[k-1].start == 0 || p.toks[k-1].morph == mOther || !p.hasSurnameTag(0, k-1) {
			return
		}
		p.toks[k-1].end, p.toks[k-1].morph = len(window), mUnknown
	}
	if isDeity(window) || hon == "氏" && (strings.HasSuffix(window, "源") || strings.HasSuffix(window, "平")) {
		return // 八幡様, 観音様; 源氏 and 平氏 are clans
	}
	if window == "宮" && !labelled && (hon == "様" || hon == "さま") {
		return // 宮様: a prince of the blood (担当：宮様 is a name)
	}
	if hon != "" && !isTitle(hon) && k < len(p.toks) && p.toks[k].morph != mHonorific {
		return // さん in さんま, 様 in 様子
	}
	l := p.lexicon()
	// A label's value that fills its field (a line, a cell) is a name
	// whatever words its given name makes: 校正：鈴木厚司, 入力：砂場清隆.
	filled := labelled && hon == "" && fieldEndsAt(s, end)
	i := k
	for i > 0 {
		tk := p.toks[i-1]
		surface := window[tk.start:tk.end]
		if tk.morph == mSurname || tk.morph == mGiven || tk.morph == mPerson || tk.morph == mUnknown ||
			l.surnames[surface] || l.given[surface] {
			i--
			continue
		}
		// 之 joins a name of old with the kanji before it, whatever that
		// kanji is alone: 実之助, 龍之介 (実 + 之 + 助 to the tokenizer).
		if surface == "之" && i < k && i >= 2 && p.toks[i-2].end-p.toks[i-2].start == len("之") {
			if r, _ := decodeRune(window[p.toks[i-2].start:]); isHan(r) {
				i -= 2
				continue
			}
		}
		break
	}
	start := len(window)
	if i < k {
		start = p.toks[i].start
	}
	// A surname followed by at most three kanji before the honorific is a
	// full name whose given name the tokenizer splits into words
	// (上田優斗くん → 上田 + 優 + 斗).
	for j := 0; j < k; j++ {
		tk := p.toks[j]
		// A field's value is one name: a surname inside it (割子田数哉)
		// starts none.
		if (tk.morph == mSurname || l.surnames[window[tk.start:tk.end]]) && tk.start <= start && !(filled && tk.start > 0) {
			if rest := window[tk.end:]; rest != "" && runeCount(rest) <= 3 && allHan(rest) &&
				(filled || !p.hasOrgOrPlace(j+1, k) && !p.hasWord(window, j+1, k)) {
				p.add(a+tk.start, end, detectors.High, "surname and given name", contextReason(labelled, hon))
				return
			}
		}
	}
	// Rare surnames the tokenizer splits into words (小鳥遊 → 小鳥 + 遊):
	// the lexicon knows them. They start where a word does: not 方 of
	// 大方美登利.
	for j := range window {
		if j < start && runeCount(window[j:]) >= 2 && (l.surnames[window[j:]] || l.split(window[j:]) > 0) &&
			slices.ContainsFunc(p.toks[:k], func(t token) bool { return t.start == j }) {
			start = j
			break
		}
	}
	// Nothing, or only a given name, that the tokenizer calls a name: a
	// known given name at the end of a run with a short unknown head is a
	// full name with a surname the lexicon lacks (如月心春さん, 東雲結翔様).
	givenOnly := start > 0 && start < len(window) && l.given[window[start:]] && !l.surnames[window[start:]]
	if (start >= len(window) || givenOnly || filled && start > 0) && (hon != "" || filled) && runeCount(window) >= 3 {
		for j := range window {
			// The head must not be a word the tokenizer knows as something
			// else: 無論 in 無論行くん, 大方 in 大方観音様.
			// A field's value may start with a word (砂場清隆), so long as
			// its given name is no word (営業推進).
			if j > 0 && l.given[window[j:]] && runeCount(window[:j]) <= 3 &&
				(p.headIsNameLike(j) || filled && !p.wordAfter(j)) {
				p.add(a, end, detectors.Medium, "given name in dictionary after an unknown surname", contextReason(labelled, hon))
				return
			}
		}
	}
	if start >= len(window) {
		return
	}
	name := window[start:]
	if strings.Trim(name, "一二三四五六七八九十百千万〇") == "" && !diminutive(hon) {
		return // 一さん: a number; but 三ちゃん is a boy
	}
	ctx := contextReason(labelled, hon)
	switch {
	case l.split(name) > 0 || p.fullByTags(i, k):
		c := detectors.High
		if runeCount(name) == 2 {
			// One kanji and one kanji: as often a word before 殿 or 様
			// (森羅殿, 千束様) as a full name (森進様).
			c = detectors.Medium
		}
		p.add(a+start, end, c, "surname and given name", ctx)
	case runeCount(name) == 1 && hon == "" && filled && start == 0 && l.surnames[name] && !strings.Contains(fieldKanji, name):
		// 担当：宮, the whole field: a one-kanji surname signs it (not
		// 担当：中 or 前, surnames that say where or how far a task is).
		p.add(a+start, end, detectors.Medium, "name in dictionary", ctx)
	case runeCount(name) == 1 && hon == "":
		// 中 after 担当: one kanji after a label is too often a word.
		p.add(a+start, end, detectors.Low, "one-kanji name", ctx)
	case l.surnames[name] || l.given[name] || p.onlyTag(i, k, mSurname) || p.onlyTag(i, k, mGiven) || p.onlyTag(i, k, mPerson) || oldName(l, name):
		p.add(a+start, end, detectors.Medium, "name in dictionary", ctx)
	case runeCount(name) >= 2:
		p.add(a+start, end, detectors.Low, "unknown word", ctx)
	}
}

func (p *prose) lexicon() *lexicon {
	if p.lex == nil {
		p.lex = lex()
	}
	return p.lex
}

func (p *prose) add(start, end int, c detectors.Confidence, reasons ...string) {
	p.out = append(p.out, detectors.Candidate{Start: start, End: end, Confidence: c, Reasons: reasons})
}

// readingStart returns where the reading 《…》 that ends at s[i] starts,
// or i when none does (山椒大夫《さんしょうだゆう》|は).
func readingStart(s string, i int) int {
	if !strings.HasSuffix(s[:i], "》") {
		return i
	}
	lo := max(0, i-4*maxKanaRunes)
	if o := strings.LastIndex(s[lo:i], "《"); o >= 0 {
		return lo + o
	}
	return i
}

// readingEnd returns where a name's reading in kana that starts at s[i]
// ends, past its closing bracket: （やまだ） (normalised to ASCII
// parentheses) or Aozora Bunko's ruby 《ほった》; i when none starts there.
func readingEnd(s string, i int) int {
	var open, closer string
	switch {
	case strings.HasPrefix(s[i:], "("):
		open, closer = "(", ")"
	case strings.HasPrefix(s[i:], "《"):
		open, closer = "《", "》"
	default:
		return i
	}
	start := i + len(open)
	for j := start; j < len(s) && j-start <= 4*maxKanaRunes; {
		if strings.HasPrefix(s[j:], closer) {
			if j == start {
				return i
			}
			return j + len(closer)
		}
		r, size := decodeRune(s[j:])
		if !isKana(r) && r != ' ' && r != '　' {
			return i
		}
		j += size
	}
	return i
}

func hasPrefixAny(s string, words []string) bool {
	for _, w := range words {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return false
}

// kanaFunctionWords start hiragana after a surname that are no given
// name: 山田 まで, 鈴木 より.
var kanaFunctionWords = []string{"まで", "より", "から", "です", "でし", "など", "ほか", "のみ", "さま", "さん", "くん", "ちゃん",
	"どの", "あて", "ほど", "だけ", "ます", "でご", "にて", "へ", "が", "は", "の", "に", "を", "と", "も", "で", "や"}
