package personname

import "strings"

// Known names run into what follows them, as prose without particles
// writes them (美登利くやしく, 長吉聲, 美登利立出でゝ).

// runsIntoKana reports a known name s[a:b] that prose without particles
// runs into the kana after it (美登利くやしく, 正太いやが言はれず): a name of
// three kanji or more, or of two where the tokenizer ends a word at b
// (not 信如い…). One kanji and kana make words too often (清い, 進む).
func (p *prose) runsIntoKana(a, b int) bool {
	s := p.t.Norm
	if r, _ := decodeRune(s[b:]); !isHiragana(r) || honorificAt(s, b) != "" {
		return false // 石川さん: the honorific's rules have it
	}
	switch runeCount(s[a:b]) {
	case 1:
		return false
	case 2:
		if p.established(s[a:b]) {
			return true // 信如いかにしたるか: the tokenizer reads 信 + 如い…
		}
		return p.wordEdgesAt(s, a, runesAhead(s, b, 4), b)
	}
	return true
}

// gluedBefore returns where a known name of three kanji or more ends when
// it starts the run s[a:b] and more kanji follow it, or a: prose that
// drops its particles runs a name into its verb (美登利立出でゝ, 三五郎弱りきる).
// Shorter names start too many words (清書, 山田錦).
func (n *knownNames) gluedBefore(s string, a, b int) int {
	for _, w := range n.list {
		if len(w) >= 3*minGluedRunes && b-a > len(w) && strings.HasPrefix(s[a:b], w) {
			return a + len(w)
		}
	}
	return a
}

// twoGluedBefore returns where a known name of two kanji ends when it
// starts the run s[a:b], more kanji follow it and the tokenizer reads the
// name as a word of its own (信如袖ふり切りて, 長吉聲をかくれば), or a.
func (p *prose) twoGluedBefore(n *knownNames, a, b int) int {
	s := p.t.Norm
	if n.has(s[a:b]) {
		return a // 藤本信如: a known full name
	}
	_, r1 := decodeRune(s[a:])
	_, r2 := decodeRune(s[a+r1:])
	if w := s[a : a+r1+r2]; b-a > len(w) && n.has(w) {
		rest := s[a+len(w) : b]
		if r, _ := decodeRune(rest); strings.ContainsRune(placeFirst, r) || len(rest) == 3 && strings.ContainsRune(givenLast, r) || n.has(rest) {
			return a // 千束神社, 三嶋樣; 太郎吉, a longer name; 藤本信如, a full one
		}
		if runeCount(rest) <= 2 && p.established(w) {
			// 信如袖ふり切りて: 信 + 如 + 袖 to the tokenizer. A longer
			// rest makes a title (半七捕物帳).
			return a + len(w)
		}
		p.toks = tokenize(p.toks[:0], s[a:b])
		if len(p.toks) > 1 && p.toks[0].end == len(w) {
			return a + len(w)
		}
	}
	return a
}

// twoGivenNames returns where the second name starts when the run s[i:e]
// is two known names, each one the dictionary has as a given name only
// (丑松文次: two boys, not a surname and a given name), or i.
func (p *prose) twoGivenNames(n *knownNames, i, e int) int {
	s := p.t.Norm
	// Kanji are 3 bytes; each name two of them at least.
	for mid := i + 2*3; mid+2*3 <= e; mid += 3 {
		if n.has(s[i:mid]) && n.has(s[mid:e]) && p.givenOnly(s[i:mid]) && p.givenOnly(s[mid:e]) {
			return mid
		}
	}
	return i
}

// placeFirst start the words that make a name a shrine's, a temple's, a
// shop's or a place's: 千束神社, 三嶋樣, 田中屋, 龍華寺, 松本市.
const placeFirst = "神寺宮院社堂町村橋通坂屋樣様市区郡県都府駅港島山川"

// established reports a name found at least minEstablished times in the
// text before the discourse's mentions: a text that names a person that
// often runs the name into what follows it where a word's edge is no clue
// (信如いかに, 信如袖).
func (p *prose) established(w string) bool {
	if p.foundCounts == nil {
		s := p.t.Norm
		p.foundCounts = make(map[string]int)
		for _, c := range p.out {
			p.foundCounts[s[c.Start:c.End]]++
		}
	}
	return p.foundCounts[w] >= minEstablished
}

// minEstablished is how often a name is found before established holds.
const minEstablished = 5

// minGluedRunes is the shortest name gluedBefore finds before more kanji.
const minGluedRunes = 3
