package personname

import (
	"slices"
	"strings"

	"github.com/pmscan/pmscan/detectors"
)

// Names by what stands beside them in one run or before の: a title or a
// kind of person (関白師実, 用人の五左衛門), a regnal number (ナポレオン三世).

const reasonRegnal = "a ruler's name before a regnal number (ナポレオン三世)"

// kanjiNumerals are the kanji of one to ten.
var kanjiNumerals = edgeRunes(strings.Split("一二三四五六七八九十", ""), false)

// regnalAfter reports a regnal number at s[b], after the name's reading if
// one follows: 一世, 十四世, and then no kanji (not 一世紀, 二世帯).
func regnalAfter(s string, b int) bool {
	if r, _ := decodeRune(s[b:]); r != '《' && !kanjiNumerals.has(r) {
		return false // most runs: no number or reading after them
	}
	at := readingEnd(s, b)
	j := at
	for n := 0; n < 3 && j < len(s); n++ {
		r, size := decodeRune(s[j:])
		if !strings.ContainsRune("一二三四五六七八九十", r) {
			break
		}
		j += size
	}
	if j == at || !strings.HasPrefix(s[j:], "世") {
		return false
	}
	return !isHanAt(s, j+len("世"))
}

// apposedName finds a name the lexicon knows after a title or a kind of
// person in one kanji run (関白師実, 部長山田): two to four kanji that the
// lexicon has as a given name and the dictionary as no common word, or
// that the lexicon has as a surname and the tokenizer reads as one, where
// the tokenizer ends the title.
func (p *prose) apposedName(a, b int) bool {
	s := p.t.Norm
	if n := provincialPost(s[a:b]); n > 0 {
		// The post must end a word: not 越前守護代, 守護 + 代.
		return p.wordEdgesAt(s, a, b, a+n) && p.nameAfterPost(a+n, b)
	}
	if p.surnameAndPost(a, b) {
		return true
	}
	n := titlePrefix(s[a:b])
	if n == 0 {
		return false
	}
	name := s[a+n : b]
	l := p.lexicon()
	given := l.given[name] && !commonWord(name)
	if c := runeCount(name); c >= 3 && c <= 5 && l.split(name) > 0 {
		// A full name after a post of old: 同心羽田庄兵衛.
		p.add(a+n, b, detectors.Medium, "surname and given name in dictionary", reasonApposed)
		return true
	}
	if c := runeCount(name); c < 2 || c > 4 || !given && !l.surnames[name] {
		return false
	}
	p.toks = tokenize(p.toks[:0], s[a:b])
	i := slices.IndexFunc(p.toks, func(t token) bool { return t.start == n })
	if i < 0 || !given && (i+1 != len(p.toks) || p.toks[i].morph != mSurname) {
		return false // the title runs into the name, or no surname to the tokenizer
	}
	p.add(a+n, b, detectors.Medium, "name in dictionary", reasonApposed)
	return true
}

const reasonApposed = "after a title or a kind of person"

// nameAfterKind finds a name after a kind of person, a trade or a year of
// school and の (用人の五左衛門, 八百屋の吉五郎, 大工の太吉, 二年生の承吉): two to four kanji before a
// particle that the dictionary has as no common word and that the lexicon
// has as a given name or splits into surname and given name, or that the
// tokenizer ends with a given name after one-kanji words (五 + 左衛門).
func (p *prose) nameAfterKind(a, b int) bool {
	s := p.t.Norm
	if !strings.HasSuffix(s[:a], "の") || !repeatsAt(s, b) {
		return false
	}
	k := readingStart(s, a-len("の")) // 手遊屋《おもちやゝ》の彌助: the kind's reading
	kind := s[runStart(s, k, isHan):k]
	// One kanji (人の卓子, 男の顔) is anyone's: what follows is theirs.
	// A family member's title names one person: 娘の春子, 妻の花子.
	if last, _ := decodeLastRune(kind); !(kinTitleLast.has(last) && kinTitleSet[kind]) && (runeCount(kind) < 2 || !isPersonNoun(kind) && last != '屋' && last != '生' && !strings.ContainsRune(kindLast, last)) {
		return false
	}
	name := s[a:b]
	l := p.lexicon()
	if c := runeCount(name); c < 2 || c > 4 || commonWord(name) {
		return false
	}
	for m := range occurrences(s, name) {
		if loanwordReading(s, m+len(name)) {
			return false // 卓子《テーブル》
		}
	}
	if !l.given[name] && l.split(name) <= 0 {
		p.toks = tokenize(p.toks[:0], name)
		n := len(p.toks)
		if n < 2 || p.toks[n-1].morph != mGiven {
			return false
		}
		for _, t := range p.toks[:n-1] {
			if t.end-t.start > 3 { // one kanji, 3 bytes in UTF-8
				return false
			}
		}
	}
	p.add(a, b, detectors.Medium, "name in dictionary", reasonApposed)
	return true
}

// titlePrefix returns the length of a title or a kind of person of two
// kanji or more that starts the run and leaves two kanji or more after
// it, or 0.
func titlePrefix(run string) int {
	if len(run) < 4*3 {
		return 0 // most runs: a title and a name take four kanji at least
	}
	r, _ := decodeRune(run)
	if !personNounFirst.has(r) && !suffixFirst.has(r) && !strings.ContainsRune(oldTitleFirst, r) {
		return 0
	}
	if n := personNounPrefix(run); n > 0 {
		return n
	}
	for _, t := range prefixTitles {
		if len(run) >= len(t)+2*3 && strings.HasPrefix(run, t) {
			return len(t)
		}
	}
	return 0
}

// prefixTitles are the titles of hanSuffixes of two kanji or more and
// posts of old, which come before a name too: 関白師実, 国守正道.
var prefixTitles = slices.Concat(slices.DeleteFunc(slices.Clone(hanSuffixes), func(t string) bool {
	return len(t) < 2*3 || !isTitle(t)
}), []string{"関白", "国守", "住持", "将軍", "天皇", "皇帝", "同心", "与力", "奉行", "代官", "家老"})

const oldTitleFirst = "関国住将天皇同与奉代家"

// provinces are the old provinces of Japan whose governors' posts come
// before a name: 陸奥掾正氏, 越前守義景.
var provinces = []string{"陸奥", "出羽", "越前", "越中", "越後", "上野", "下野", "武蔵", "相模", "伊豆", "駿河", "遠江", "三河",
	"尾張", "美濃", "飛騨", "信濃", "甲斐", "近江", "山城", "大和", "河内", "和泉", "摂津", "伊賀", "伊勢", "志摩", "紀伊",
	"丹波", "丹後", "但馬", "因幡", "伯耆", "出雲", "石見", "隠岐", "播磨", "美作", "備前", "備中", "備後", "安芸", "周防",
	"長門", "淡路", "阿波", "讃岐", "伊予", "土佐", "筑前", "筑後", "豊前", "豊後", "肥前", "肥後", "日向", "大隅", "薩摩",
	"若狭", "能登", "加賀", "佐渡", "安房", "上総", "下総", "常陸", "壱岐", "対馬"}

// provincePosts are the four ranks of a province's government.
const provincePosts = "守介掾目"

var provinceFirst = edgeRunes(provinces, false)

// provincialPost returns the length of a province and a post of its
// government that start the run and leave two or three kanji after them
// (陸奥掾 of 陸奥掾正氏), or 0.
func provincialPost(run string) int {
	if len(run) < 5*3 || len(run) > 6*3 {
		return 0 // kanji are 3 bytes: a province, a post and a name
	}
	return postAt(run)
}

// postAt returns the length of a province and a post of its government
// that start s, or 0.
func postAt(s string) int {
	if r, _ := decodeRune(s); !provinceFirst.has(r) {
		return 0
	}
	for _, pr := range provinces {
		if strings.HasPrefix(s, pr) {
			if post, _ := decodeRune(s[len(pr):]); strings.ContainsRune(provincePosts, post) {
				return len(pr) + 3
			}
			return 0
		}
	}
	return 0
}

const reasonAfterPost = "a name after a provincial post (陸奥掾正氏)"

// nameAfterPost adds the name s[a:b] after a provincial post: whatever
// the lexicon knows of it (正氏 it does not), if the dictionary reads it as
// no one common word. The post vouches for it, so its bare mentions are
// names too (evidencedNames).
func (p *prose) nameAfterPost(a, b int) bool {
	if m, one := p.soleMorph(p.t.Norm[a:b]); one && (commonMorph(m) || m == mPlace) {
		return false
	}
	p.add(a, b, detectors.Medium, reasonAfterPost)
	return true
}

const reasonSurnameAndPost = "a surname before a provincial post (大岡越前守, 稲垣淡路守種信)"

// surnameAndPost finds the names around a provincial post in one kanji
// run: a surname before it, the lexicon's and the tokenizer's, and a
// given name of two or three kanji after it if one follows (稲垣淡路守種信
// → 稲垣, 種信; 大岡越前守 → 大岡). Lords and magistrates of old are named
// so; the post between is a title, no part of either name.
func (p *prose) surnameAndPost(a, b int) bool {
	s := p.t.Norm
	if b-a < 5*3 || b-a > 8*3 {
		return false // kanji are 3 bytes: a surname, a post, maybe a name
	}
	l := p.lexicon()
	for k := a + 3; k <= a+3*3 && k+3*3 <= b; k += 3 { // a surname of one to three kanji
		n := postAt(s[k:b])
		if n == 0 || !l.surnames[s[a:k]] {
			continue
		}
		g := k + n
		if rest := (b - g) / 3; rest == 1 || rest > 3 {
			return false
		}
		if m, one := p.soleMorph(s[a:k]); !one || m != mSurname {
			return false
		}
		// The words must end where the post does (越前守護代 is 守護 + 代),
		// unless the dictionary knows the man whole (大岡越前守).
		if !p.wordEdgesAt(s, a, b, k, g) && (len(p.toks) != 1 || p.toks[0].morph != mPerson) {
			return false
		}
		if g < b && !p.nameAfterPost(g, b) {
			return false
		}
		p.add(a, k, detectors.Medium, reasonSurnameAndPost)
		return true
	}
	return false
}

const reasonClanAndGiven = "a clan's name, の and a given name, each glossed (多田《ただ》の満仲《まんじゅう》)"

// clanAndGiven finds a name of old written as a surname, の and a given
// name, each glossed by its reading (多田《ただ》の満仲《まんじゅう》, 平《たいら》の
// 清盛《きよもり》): the glossed run s[a:b] of two or three kanji after
// 》の, and the surname of one or two kanji before that reading, which
// the tokenizer reads as one surname. A dictionary word after の is not
// a given name (山田《やまだ》の田圃《たんぼ》).
func (p *prose) clanAndGiven(a, b int) bool {
	s := p.t.Norm
	if b-a < 2*3 || b-a > 3*3 || !strings.HasSuffix(s[:a], "》の") || readingEnd(s, b) == b {
		return false // most runs: no gloss before の
	}
	k := a - len("の")
	se := readingStart(s, k)
	if se == k {
		return false
	}
	sa := runStart(s, se, isHan)
	if se-sa < 3 || se-sa > 2*3 || !p.lexicon().surnames[s[sa:se]] {
		return false
	}
	if m, one := p.soleMorph(s[sa:se]); !one || m != mSurname {
		return false
	}
	if strings.ContainsRune(landmarkSuffixes+"郡国州郷", rune0Before(s, b)) {
		return false // 岩代《いわしろ》の信夫郡《しのぶごおり》: a province's district
	}
	if m, one := p.soleMorph(s[a:b]); one && (commonMorph(m) || m == mPlace) {
		return false
	}
	if !p.covered(sa, se) {
		p.add(sa, se, detectors.Medium, reasonClanAndGiven)
	}
	p.add(a, b, detectors.Medium, reasonClanAndGiven)
	return true
}
