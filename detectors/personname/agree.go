package personname

// Checks of the tokenizer's reading against the lexicon's.

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

// wordAfter reports a token of two runes or more after byte j that the
// tokenizer reads as a common word, not a name.
func (p *prose) wordAfter(j int) bool {
	for _, tk := range p.toks {
		if tk.end > j && tk.end-tk.start > 3 && (tk.morph == mNoun || tk.morph == mOther) {
			return true // kanji are 3 bytes in UTF-8
		}
	}
	return false
}

func allHan(s string) bool {
	for _, r := range s {
		if !isHan(r) {
			return false
		}
	}
	return true
}

func allKatakana(s string) bool {
	for _, r := range s {
		if !isKatakana(r) {
			return false
		}
	}
	return true
}

// hasWord reports a token of p.toks[i:k], which index window, that is a
// word of two kanji or more and no name: 名古屋営業所長 is no 名古屋 + 営業;
// 山田大地様 is 山田 + 大地, a given name.
func (p *prose) hasWord(window string, i, k int) bool {
	for _, tk := range p.toks[i:k] {
		if tk.end-tk.start > 3 && (tk.morph == mNoun || tk.morph == mOther) && !p.lexicon().given[window[tk.start:tk.end]] {
			return true // kanji are 3 bytes in UTF-8
		}
	}
	return false
}

// hasOrgOrPlace reports an organisation or a place among p.toks[i:k].
func (p *prose) hasOrgOrPlace(i, k int) bool {
	for _, tk := range p.toks[i:k] {
		if tk.morph == mOrg || tk.morph == mPlace {
			return true
		}
	}
	return false
}
