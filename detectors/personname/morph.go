package personname

import (
	"slices"
	"sync"

	"github.com/ikawaha/kagome-dict/ipa"
	"github.com/ikawaha/kagome/v2/tokenizer"
)

// One tokenizer serves every worker: kagome's tokenizer is immutable and
// pools its lattices, so concurrent Tokenize calls are safe (ikawaha/kagome
// #371; TestConcurrentDetection runs it under -race). IPADIC, shrunk: it
// loads in ~0.6 s into ~30 MB and tags names exactly as the full dictionary
// does; UniDic costs 4-10x the memory and tokenizes a third slower (see
// ../shared/reference/dependencies.md).
var sharedTokenizer = sync.OnceValue(func() *tokenizer.Tokenizer {
	t, err := tokenizer.New(ipa.DictShrink(), tokenizer.OmitBosEos())
	if err != nil {
		panic("kagome: " + err.Error()) // the embedded dictionary is broken
	}
	return t
})

// morph is what a token says about names.
type morph uint8

const (
	mOther     morph = iota
	mSurname         // 名詞,固有名詞,人名,姓
	mGiven           // 名詞,固有名詞,人名,名
	mPerson          // 名詞,固有名詞,人名,一般: a full name in one token
	mHonorific       // 名詞,接尾,人名: 様, さん, 氏, 君, 殿, ちゃん
	mOrg             // 名詞,固有名詞,組織
	mPlace           // 名詞,固有名詞,地域
	mNoun            // any other noun
	mUnknown         // not in the dictionary
)

// token is the part of a kagome token the name analysis needs, with byte
// offsets into the analysed window.
type token struct {
	start, end int
	morph      morph
	// adverbial: an adverb, or a noun used as one (今朝, 大方, その時):
	// words that may stand glued before a name in a kanji run.
	adverbial bool
}

// wordEdgesAt reports that the tokenizer, reading s[lo:hi], starts or
// ends a word at each of the offsets at of s: words' edges read in
// context, not from the word alone. It leaves the tokens in p.toks.
func (p *prose) wordEdgesAt(s string, lo, hi int, at ...int) bool {
	p.toks = tokenize(p.toks[:0], s[lo:hi])
	for _, x := range at {
		if !slices.ContainsFunc(p.toks, func(t token) bool { return t.start == x-lo || t.end == x-lo }) {
			return false
		}
	}
	return true
}

// soleMorph tokenizes w into p.toks and returns what its token says when
// the tokenizer reads it as one word, or false.
func (p *prose) soleMorph(w string) (morph, bool) {
	p.toks = tokenize(p.toks[:0], w)
	if len(p.toks) != 1 {
		return mOther, false
	}
	return p.toks[0].morph, true
}

// commonMorph reports a word the dictionary has as a common one: a noun
// that is no name, or any other part of speech.
func commonMorph(m morph) bool { return m == mNoun || m == mOther }

// tokens analyses s and appends its tokens to dst.
func tokenize(dst []token, s string) []token {
	for _, t := range sharedTokenizer().Tokenize(s) {
		dst = append(dst, token{start: t.Position, end: t.Position + len(t.Surface), morph: morphOf(t), adverbial: adverbial(t)})
	}
	return dst
}

func morphOf(t tokenizer.Token) morph {
	if t.Class == tokenizer.UNKNOWN {
		return mUnknown
	}
	pos, _ := t.FeatureAt(0)
	if pos != "名詞" {
		return mOther
	}
	sub, _ := t.FeatureAt(1)
	kind, _ := t.FeatureAt(2)
	switch {
	case sub == "固有名詞" && kind == "人名":
		switch name, _ := t.FeatureAt(3); name {
		case "姓":
			return mSurname
		case "名":
			return mGiven
		}
		return mPerson
	case sub == "固有名詞" && kind == "組織":
		return mOrg
	case sub == "固有名詞" && kind == "地域":
		return mPlace
	case sub == "接尾" && kind == "人名":
		return mHonorific
	}
	return mNoun
}

func adverbial(t tokenizer.Token) bool {
	pos, _ := t.FeatureAt(0)
	sub, _ := t.FeatureAt(1)
	kind, _ := t.FeatureAt(2)
	// Prenominals stand there too: 此美登利. (Not 又, a conjunction, which
	// starts names: 又三郎, 又兵衛.)
	return pos == "副詞" || pos == "連体詞" || pos == "名詞" && (sub == "副詞可能" || kind == "副詞可能" || sub == "助詞類接続")
}

// commonWord reports a word the dictionary also has as something other
// than a proper noun: 正義, 勇気 and 誠 are given names and words, 喜助
// and 卓子 only names. Which one a tokenizer picks depends on the
// sentence; a rule with no evidence but recurrence must not bet on it.
func commonWord(w string) bool {
	d := ipa.DictShrink() // the tokenizer's: loaded once
	for _, id := range d.Index.Search(w) {
		pos := d.POSTable.POSs[id]
		if len(pos) < 2 || d.POSTable.NameList[pos[0]] != "名詞" || d.POSTable.NameList[pos[1]] != "固有名詞" {
			return true
		}
	}
	return false
}

const reasonDictFullName = "a full name the dictionary knows"

// dictFullName reports a word the dictionary has only as one person's
// full name (名詞,固有名詞,人名,一般: 藤原基経, 多田満仲), no other word.
func dictFullName(w string) bool {
	n, only := dictNameEntries(w, "一般")
	return n > 0 && only
}

// givenOnly reports a name of two kanji or more the lexicon has as a given
// name and the dictionary as a given name or not at all (丑松, 文次; not 佐渡,
// a place, nor 正義, a word).
func (p *prose) givenOnly(w string) bool {
	if runeCount(w) < 2 || !p.lexicon().given[w] {
		return false
	}
	_, only := dictNameEntries(w, "名")
	return only
}

// dictPersonOnly reports a word the dictionary has, and only as a person's
// name of any kind (ナポレオン, ゲーテ; not イエス, also "yes").
func dictPersonOnly(w string) bool {
	n, only := dictNameEntries(w, "")
	return n > 0 && only
}

// dictNameEntries returns how many entries the dictionary has for w and
// whether each is a person's name of the kind given (名詞,固有名詞,人名,
// kind: 一般 a full name, 姓 a surname, 名 a given name, "" any).
func dictNameEntries(w, kind string) (n int, only bool) {
	d := ipa.DictShrink() // the tokenizer's: loaded once
	ids := d.Index.Search(w)
	for _, id := range ids {
		pos := d.POSTable.POSs[id]
		if len(pos) < 4 || d.POSTable.NameList[pos[1]] != "固有名詞" || d.POSTable.NameList[pos[2]] != "人名" || kind != "" && d.POSTable.NameList[pos[3]] != kind {
			return len(ids), false
		}
	}
	return len(ids), true
}
