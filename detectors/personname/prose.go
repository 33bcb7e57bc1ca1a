package personname

import (
	"strings"

	"github.com/pmscan/pmscan/detectors"
)

// Names in free text. Tokenizing everything would cap throughput at the
// tokenizer's 4-5 MB/s, so cheap triggers pick the kanji runs worth a
// parse: an honorific after the run (様, さん, 氏 ...), a label before it
// (氏名:, 担当:), or a run that the lexicon reads as surname + given name.
// Only those runs are tokenized, with their honorific.

// labels introduce a name: "氏名：山田太郎", "担当は鈴木です".
var labels = []string{
	"氏名", "名前", "担当者", "担当", "宛名", "署名", "契約者", "申込者", "代表者", "保護者",
	"受取人", "記入者", "作成者", "依頼者", "申請者", "患者名", "患者", "顧客名", "会員名",
	"被保険者", "本人",
}

// readingLabels introduce a name's reading in kana.
var readingLabels = []string{"フリガナ", "ふりがな", "よみがな", "ヨミガナ", "カナ", "セイメイ"}

// kanaHonorifics follow a name; the kanji ones (様, 殿, 氏, 君) end the
// kanji run instead.
var kanaHonorifics = []string{"さん", "さま", "くん", "ちゃん", "先生", "様", "殿", "氏", "君"}

// hanSuffixes end a kanji run after a name: honorifics, and titles that
// follow a surname (山本課長, 長谷川先生). The tokenizer tags the honorifics
// as person suffixes but titles as common nouns.
var hanSuffixes = []string{"様宛", "殿宛", "様", "殿", "氏", "君", "先生", "課長", "部長", "係長", "次長", "室長", "社長",
	"会長", "主任", "店長", "所長", "院長", "教授", "医師", "専務", "常務", "監督", "選手", "議員"}

// isTitle reports a title among hanSuffixes: one that the tokenizer does
// not tag as a person suffix.
func isTitle(h string) bool {
	return h != "様" && h != "殿" && h != "氏" && h != "君" && h != "様宛" && h != "殿宛"
}

// First and last runes of the words above: one map test rejects most
// positions before any string comparison.
var (
	labelFirst       = edgeRunes(labels, false)
	labelLast        = edgeRunes(labels, true)
	readingLabelLast = edgeRunes(readingLabels, true)
	honorificFirst   = edgeRunes(kanaHonorifics, false)
	suffixLast       = edgeRunes(hanSuffixes, true)
)

func edgeRunes(words []string, last bool) *runeSet {
	var rs runeSet
	for _, w := range words {
		r, _ := decodeRune(w)
		if last {
			r, _ = decodeLastRune(w)
		}
		rs.add(r)
	}
	return &rs
}

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
}

func (d *Detector) findInProse(t *detectors.Text, out []detectors.Candidate) []detectors.Candidate {
	p := prose{t: t, out: out}
	s := t.Norm
	for i := 0; i < len(s); {
		if s[i] < 0xE3 { // ASCII, Latin, punctuation below U+3000: no name starts here
			if s[i] == ':' && p.romajiAfterLabel(i) {
				i++
				continue
			}
			i++
			continue
		}
		r, size := decodeRune(s[i:])
		switch {
		case isHan(r):
			i = p.hanRun(i, runEnd(s, i, isHan))
		case isKatakana(r):
			i = p.kanaRun(i)
		case isHiragana(r):
			if p.afterReadingLabel(i) {
				i = p.kanaRun(i)
			} else {
				i = runEnd(s, i, isHiragana)
			}
		default:
			i += size
		}
	}
	return p.out
}

// hanRun judges the kanji run s[a:b] and returns where scanning goes on.
func (p *prose) hanRun(a, b int) int {
	s := p.t.Norm
	if runeCount(s[a:b]) > maxNameRunes+4 {
		return b
	}
	labelled := p.labelBefore(a)
	if w := labelPrefix(s[a:b]); w > 0 {
		a, labelled = a+w, true
	}
	// A kanji honorific ends the run (山田様, 鈴木氏); a kana one follows it.
	nameEnd, hon := b, ""
	if last, _ := decodeLastRune(s[a:b]); suffixLast.has(last) {
		for _, h := range hanSuffixes {
			if strings.HasSuffix(s[a:b], h) && b-len(h) > a {
				nameEnd, hon = b-len(h), h
				break
			}
		}
	}
	if hon == "" {
		hon = honorificAt(s, b)
	}
	// 佐藤 花子: a surname, one space, a short given name in kanji or kana.
	gStart, gEnd := -1, -1
	if hon == "" && b+1 < len(s) && s[b] == ' ' {
		if r, _ := decodeRune(s[b+1:]); isHan(r) || isHiragana(r) {
			in := isHan
			if isHiragana(r) {
				in = isHiragana
			}
			e := runEnd(s, b+1, in)
			if n := runeCount(s[b+1 : e]); n >= 1 && n <= 4 {
				gStart, gEnd = b+1, e
			}
		}
	}
	if a >= nameEnd || runeCount(s[a:nameEnd]) > maxNameRunes {
		return b
	}
	l := p.lexicon()
	if gStart >= 0 {
		given := s[gStart:gEnd]
		ghon := honorificAt(s, gEnd)
		if ghon == "" && gEnd+1 < len(s) && s[gEnd] == ' ' {
			ghon = honorificAt(s, gEnd+1) // 轟 大和 様
		}
		for _, h := range hanSuffixes {
			if strings.HasSuffix(given, h) && len(given) > len(h) {
				given, ghon = given[:len(given)-len(h)], h
				break
			}
		}
		surname := s[a:nameEnd]
		// The surname must be known, or the context must say it is a name
		// (東雲 裕子様, 申込者 轟 大和 様).
		known := l.surnames[surname] || (labelled || ghon != "") && runeCount(surname) <= 4
		// After a known surname and before an honorific, a short given
		// name needs no dictionary (田村 大和様: 大和 is tagged a place).
		sure := l.surnames[surname] && ghon != "" && runeCount(given) <= 3
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
	if hon == "" && b < len(s) && l.surnames[s[a:nameEnd]] {
		if end, ghon := p.kanaGiven(b); end > b {
			p.add(a, end, detectors.High, "surname and given name in dictionary", contextReason(labelled, ghon))
			return end
		}
	}
	triggered := labelled || hon != ""
	name := s[a:nameEnd]
	if !triggered {
		// Bare: only a whole run that reads as surname + given name, and
		// that the tokenizer does not read otherwise (松本城 is a castle).
		// Two kanji are too often a word (向上 is 向 + 上 to the lexicon).
		if at := l.split(name); at > 0 && runeCount(name) >= 3 && !placeSuffix(name[at:]) && p.agreesWithSplit(a, nameEnd, at) {
			c := detectors.Medium
			reasons := []string{"surname and given name in dictionary"}
			if p.readingFollows(nameEnd) {
				c = detectors.High
				reasons = append(reasons, "followed by its reading")
			}
			p.add(a, nameEnd, c, reasons...)
		}
		return b
	}
	p.triggeredName(a, nameEnd, hon, labelled)
	return b
}

// triggeredName finds the name that ends at s[end] in the kanji run s[a:end],
// which an honorific follows or a label precedes.
func (p *prose) triggeredName(a, end int, hon string, labelled bool) {
	s := p.t.Norm
	window := s[a:end]
	if len(hon) > 0 && !strings.HasPrefix(s[end:], hon) {
		hon = "" // defensive: the honorific must follow
	}
	if l := p.lexicon(); endsWithOrg(window) && !l.endsWithSurname(window) || !l.mentionsName(window) {
		return // 見本食品株式会社様, お客様; but 阿部様
	}
	p.toks = tokenize(p.toks[:0], s[a:end+len(hon)])
	// Walk back from the name's end over name-like tokens.
	k := len(p.toks)
	for k > 0 && p.toks[k-1].start >= len(window) {
		k-- // the honorific's tokens
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
	if hon != "" && !isTitle(hon) && k < len(p.toks) && p.toks[k].morph != mHonorific {
		return // さん in さんま, 様 in 様子
	}
	l := p.lexicon()
	i := k
	for i > 0 {
		tk := p.toks[i-1]
		surface := window[tk.start:tk.end]
		if tk.morph == mSurname || tk.morph == mGiven || tk.morph == mPerson || tk.morph == mUnknown ||
			l.surnames[surface] || l.given[surface] {
			i--
			continue
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
		if (tk.morph == mSurname || l.surnames[window[tk.start:tk.end]]) && tk.start <= start {
			if rest := window[tk.end:]; rest != "" && runeCount(rest) <= 3 && allHan(rest) && !p.hasOrgOrPlace(j+1, k) {
				p.add(a+tk.start, end, detectors.High, "surname and given name", contextReason(labelled, hon))
				return
			}
		}
	}
	// Rare surnames the tokenizer splits into words (小鳥遊 → 小鳥 + 遊):
	// the lexicon knows them.
	for j := range window {
		if j < start && runeCount(window[j:]) >= 2 && (l.surnames[window[j:]] || l.split(window[j:]) > 0) {
			start = j
			break
		}
	}
	// Nothing, or only a given name, that the tokenizer calls a name: a
	// known given name at the end of a run with a short unknown head is a
	// full name with a surname the lexicon lacks (如月心春さん, 東雲結翔様).
	givenOnly := start > 0 && start < len(window) && l.given[window[start:]] && !l.surnames[window[start:]]
	if (start >= len(window) || givenOnly) && hon != "" && runeCount(window) >= 3 {
		for j := range window {
			// The head must not be a word the tokenizer knows as something
			// else: 無論 in 無論行くん, 大方 in 大方観音様.
			if j > 0 && l.given[window[j:]] && runeCount(window[:j]) <= 3 && p.headIsNameLike(j) {
				p.add(a, end, detectors.Medium, "given name in dictionary after an unknown surname", contextReason(labelled, hon))
				return
			}
		}
	}
	if start >= len(window) {
		return
	}
	name := window[start:]
	if strings.Trim(name, "一二三四五六七八九十百千万〇") == "" {
		return // 一さん: a number
	}
	ctx := contextReason(labelled, hon)
	switch {
	case l.split(name) > 0 || p.fullByTags(i, k):
		p.add(a+start, end, detectors.High, "surname and given name", ctx)
	case runeCount(name) == 1 && hon == "":
		// 中 after 担当: one kanji after a label is too often a word.
		p.add(a+start, end, detectors.Low, "one-kanji name", ctx)
	case l.surnames[name] || l.given[name] || p.onlyTag(i, k, mSurname) || p.onlyTag(i, k, mGiven) || p.onlyTag(i, k, mPerson):
		p.add(a+start, end, detectors.Medium, "name in dictionary", ctx)
	case runeCount(name) >= 2:
		p.add(a+start, end, detectors.Low, "unknown word", ctx)
	}
}

// fullByTags reports whether toks[i:k] is a surname followed by given-name
// or unknown tokens.
func (p *prose) fullByTags(i, k int) bool {
	if k-i < 2 || p.toks[i].morph != mSurname {
		return false
	}
	for _, tk := range p.toks[i+1 : k] {
		if tk.morph != mGiven && tk.morph != mUnknown && tk.morph != mSurname {
			return false
		}
	}
	return p.toks[k-1].morph == mGiven || p.toks[k-1].morph == mUnknown
}

func (p *prose) onlyTag(i, k int, m morph) bool { return k-i == 1 && p.toks[i].morph == m }

// taggedFullName reports whether the tokenizer reads name as surname tokens
// followed by given-name tokens, with nothing else.
func (p *prose) taggedFullName(name string) bool {
	p.toks = tokenize(p.toks[:0], name)
	return p.fullByTags(0, len(p.toks))
}

// taggedGiven reports whether the tokenizer reads the given name that starts
// at byte at of full as a given name.
func (p *prose) taggedGiven(full string, at int) bool {
	p.toks = tokenize(p.toks[:0], full)
	for _, tk := range p.toks {
		if tk.start >= at && tk.morph != mGiven && tk.morph != mUnknown {
			return false
		}
		if tk.start < at && tk.end > at {
			return false
		}
	}
	return true
}

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
	if !reading && hon == "" && !p.labelBefore(a) {
		return b
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
	default:
		p.add(a, end, detectors.Medium, "katakana name after a name label")
	}
	return end
}

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

// romajiAfterLabel handles "Name: Taro Yamada" at the colon s[i].
func (p *prose) romajiAfterLabel(i int) bool {
	s := p.t.Norm
	lo := max(0, i-12)
	before := strings.ToLower(strings.TrimRight(s[lo:i], " "))
	labelled := false
	for _, l := range romajiLabels {
		if strings.HasSuffix(before, l) {
			labelled = true
			break
		}
	}
	if !labelled {
		return false
	}
	j := i + 1
	for j < len(s) && s[j] == ' ' {
		j++
	}
	end, words := romajiName(s, j)
	if words < 2 {
		return false
	}
	if first, second, ok := strings.Cut(s[j:end], " "); ok && !strings.Contains(second, " ") && p.lexicon().romajiFullName(first, second) {
		p.add(j, end, detectors.High, "romanised surname and given name in dictionary after a name label")
		return true
	}
	p.add(j, end, detectors.Medium, "romanised name after a name label")
	return true
}

// romajiName reads up to three capitalised words (Taro Yamada, YAMADA Taro)
// at s[i:], returning the end and the number of words.
func romajiName(s string, i int) (end, words int) {
	end = i
	for words < 3 && i < len(s) && s[i] >= 'A' && s[i] <= 'Z' {
		j := i + 1
		for j < len(s) && isASCIILetter(s[j]) {
			j++
		}
		if j-i < 2 || j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == '@' || s[j] == '_') {
			break
		}
		end, words = j, words+1
		if j+1 < len(s) && s[j] == ' ' && s[j+1] >= 'A' && s[j+1] <= 'Z' {
			i = j + 1
			continue
		}
		break
	}
	return end, words
}

// labelBefore reports whether a name label ends just before s[a], allowing
// a separator: "氏名：", "担当 ", "担当は".
func (p *prose) labelBefore(a int) bool {
	s := p.t.Norm
	j := skipSeparators(s, a)
	if labelEndsAt(s, j) {
		return true
	}
	// 作成者：営業一課 吉田: a department between the label and the name,
	// set off by a separator.
	if j == a {
		return false
	}
	d := runStart(s, j, isHan)
	if d == j || runeCount(s[d:j]) > 8 || !endsWithUnit(s[d:j]) {
		return false
	}
	return labelEndsAt(s, skipSeparators(s, d))
}

// skipSeparators returns where the text before s[a] ends once up to three
// separators between a label and its value are skipped.
func skipSeparators(s string, a int) int {
	j := a
	for n := 0; j > 0 && n < 3; n++ {
		r, size := decodeLastRune(s[:j])
		if r == ':' || r == ' ' || r == 'は' || r == '】' || r == ']' || r == ')' || r == '」' || r == '|' {
			j -= size
			continue
		}
		break
	}
	return j
}

// labelEndsAt reports whether a name label ends at s[j].
func labelEndsAt(s string, j int) bool {
	if r, _ := decodeLastRune(s[:j]); !labelLast.has(r) {
		return false
	}
	for _, l := range labels {
		// The label must be a word of its own: 担当 in 経理担当は次回 is a
		// department, not a label.
		if strings.HasSuffix(s[:j], l) {
			r, _ := decodeLastRune(s[:j-len(l)])
			return j == len(l) || !isHan(r)
		}
	}
	return false
}

// endsWithUnit reports a department name: 営業一課, 総務部, 経営企画室.
func endsWithUnit(s string) bool {
	for _, u := range []string{"課", "部", "室", "係", "班", "局", "センター", "チーム", "グループ"} {
		if strings.HasSuffix(s, u) {
			return true
		}
	}
	return false
}

// labelPrefix returns the length of a label that starts the run and leaves
// something after it: 氏名山田太郎, 担当者鈴木.
func labelPrefix(run string) int {
	if r, _ := decodeRune(run); !labelFirst.has(r) {
		return 0
	}
	for _, l := range labels {
		if len(run) > len(l) && strings.HasPrefix(run, l) {
			return len(l)
		}
	}
	return 0
}

// afterReadingLabel reports whether a reading label precedes s[a].
func (p *prose) afterReadingLabel(a int) bool {
	s := p.t.Norm
	j := a
	for n := 0; j > 0 && n < 3; n++ {
		r, size := decodeLastRune(s[:j])
		if r == ':' || r == ' ' || r == ')' || r == '】' {
			j -= size
			continue
		}
		break
	}
	if r, _ := decodeLastRune(s[:j]); !readingLabelLast.has(r) {
		return false
	}
	for _, l := range readingLabels {
		if strings.HasSuffix(s[:j], l) {
			return true
		}
	}
	return false
}

// honorificAt returns the honorific that starts at s[i], or "".
func honorificAt(s string, i int) string {
	if r, _ := decodeRune(s[i:]); !honorificFirst.has(r) {
		return ""
	}
	for _, h := range kanaHonorifics {
		if strings.HasPrefix(s[i:], h) {
			return h
		}
	}
	return ""
}

func contextReason(labelled bool, hon string) string {
	switch {
	case labelled && hon != "":
		return "after a name label and before an honorific"
	case labelled:
		return "after a name label"
	case hon != "":
		return "before an honorific"
	}
	return "no context"
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

// romajiLabels introduce a romanised name before a colon.
var romajiLabels = []string{"name", "contact", "attn", "customer", "applicant", "氏名", "名前", "担当", "担当者"}

// agreesWithSplit reports whether the tokenizer, reading the name at
// s[a:b] with a few characters of context on each side, allows the
// lexicon's split at byte at of it: token boundaries at both ends of the
// name and at the split, no organisation or place, and a surname tag on the
// surname side. Context matters: alone, 今一歩 is 今一 (姓) + 歩 (名); in
// 今一歩譲って it is an adverb.
func (p *prose) agreesWithSplit(a, b, at int) bool {
	s := p.t.Norm
	lo, hi := a, b
	for n := 0; n < contextRunes && lo > 0; n++ {
		_, size := decodeLastRune(s[:lo])
		lo -= size
	}
	for n := 0; n < contextRunes && hi < len(s); n++ {
		_, size := decodeRune(s[hi:])
		hi += size
	}
	p.toks = tokenize(p.toks[:0], s[lo:hi])
	start, split, end := a-lo, a-lo+at, b-lo
	var atStart, atSplit, atEnd, tagged bool
	for _, tk := range p.toks {
		if tk.end <= start || tk.start >= end {
			continue
		}
		if tk.start < start || tk.end > end || tk.start < split && tk.end > split {
			return false // a token crosses the name's edge or the split
		}
		atStart = atStart || tk.start == start
		atSplit = atSplit || tk.start == split
		atEnd = atEnd || tk.end == end
		switch tk.morph {
		case mOrg, mPlace:
			return false
		case mSurname:
			tagged = tagged || tk.end <= split
		}
	}
	// The surname side must be tagged a surname: 金満家 reads as surname +
	// given name to the lexicon, but 金 is a word there.
	return atStart && atSplit && atEnd && tagged
}

// contextRunes is how much text on each side of a bare name the tokenizer
// sees.
const contextRunes = 6

// hasSurnameTag reports whether one of toks[i:k] is tagged a surname.
func (p *prose) hasSurnameTag(i, k int) bool {
	for _, tk := range p.toks[i:k] {
		if tk.morph == mSurname {
			return true
		}
	}
	return false
}

// headIsNameLike reports whether the tokens that end by byte j of the
// window could be a surname: names, places (many surnames are places) or
// words the dictionary does not know.
func (p *prose) headIsNameLike(j int) bool {
	for _, tk := range p.toks {
		if tk.end > j {
			break
		}
		switch tk.morph {
		case mSurname, mGiven, mPerson, mPlace, mUnknown:
		default:
			return false
		}
	}
	return true
}

// deities are addressed with 様 and さん like people: 八幡様, お稲荷さん.
var deities = []string{"八幡", "観音", "稲荷", "天神", "大黒", "恵比寿", "地蔵", "閻魔", "釈迦", "仏", "神", "明神", "権現", "弁天", "不動"}

func isDeity(window string) bool {
	for _, d := range deities {
		if strings.HasSuffix(window, d) {
			return true
		}
	}
	return false
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
		if h := honorificAt(s, j); h != "" && l.given[s[i:j]] {
			return j, h
		}
		_, size := decodeLastRune(s[i:j])
		j -= size
	}
	return i, ""
}

// afterName reports whether the last name found ends just before the
// parenthesis that precedes s[a], or before an honorific there: the kana
// in it is the name's reading.
func (p *prose) afterName(a int) bool {
	if len(p.out) == 0 || a == 0 || p.t.Norm[a-1] != '(' {
		return false
	}
	last := &p.out[len(p.out)-1]
	if between := p.t.Norm[last.End : a-1]; last.End > a-1 || between != "" && honorificAt(between, 0) != between {
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

func allHan(s string) bool {
	for _, r := range s {
		if !isHan(r) {
			return false
		}
	}
	return true
}

func (p *prose) hasOrgOrPlace(i, k int) bool {
	for _, tk := range p.toks[i:k] {
		if tk.morph == mOrg || tk.morph == mPlace {
			return true
		}
	}
	return false
}

// orgEndings end the names of organisations that business prose addresses
// with 様: 株式会社サンプル商事様, 総務部様.
var orgEndings = []string{"会社", "商事", "工業", "物産", "電機", "運輸", "銀行", "病院", "大学", "協会", "組合",
	"法人", "事務所", "商店", "製作所", "店", "部", "課", "室", "係", "局", "社", "省", "庁", "所", "院", "校", "園"}

func endsWithOrg(s string) bool {
	for _, e := range orgEndings {
		if strings.HasSuffix(s, e) {
			return true
		}
	}
	return false
}

// placeSuffix reports a one-kanji given name that is also what place names
// end in (和田岬 is a cape, 松本城 a castle, though 岬 and 城 are names
// too), and a given name ending in a suffix that makes common nouns (金満家,
// 経営者), which given names almost never end in.
func placeSuffix(given string) bool {
	switch given {
	case "岬", "山", "川", "島", "浜", "橋", "寺", "城", "港", "駅", "湖", "池", "谷", "沢", "坂", "岳", "峠", "湾", "宮", "園", "台", "丘", "野", "原":
		return true
	}
	last, _ := decodeLastRune(given)
	return strings.ContainsRune("家者屋員師業性的化式製品用感論法館店料費等率", last)
}
