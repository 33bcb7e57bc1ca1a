package personname

import (
	"slices"
	"strings"

	"github.com/pmscan/pmscan/detectors"
)

// Names in fields: a label's value that fills its line (校正：鈴木厚司), a
// colophon's volunteers (入力：j.utiyama), memos signed with a surname alone
// (遠藤が対応, 確認済（西岡）).

// Staff sign their memos with a surname alone: 担当替え 青木→久保田 or 松尾まで in
// a remarks column, 遠藤が対応, 中川より：, 岡部確認 anywhere. signOffKanji end the kanji run after such a
// surname; signOffAfter follow it.
var (
	signOffKanji = []string{"確認", "対応", "担当", "受付", "記入", "承認"}
	signOffLast  = edgeRunes(signOffKanji, true)
	signOffAfter = []string{"が対応", "が担当", "が確認", "が受付", "より:"}
	// memoSignOff follow a surname in a remarks cell (松尾まで, 中川より); in
	// running text they follow places too (金沢まで電車で).
	memoSignOff = []string{"まで", "より"}
)

// standaloneSurname finds a known surname that is all of the kanji run
// s[a:b] but a sign-off word, set off on both sides by the start or end of
// the text, a space, a bracket or punctuation, or a sign-off: a memo's
// signature. The tokenizer must read it as one surname (not a place, 神田;
// not a word). One kanji is too often a word (森、林).
func (p *prose) standaloneSurname(a, b int) bool {
	s := p.t.Norm
	end := b
	if signOffLast.has(rune0Before(s, b)) {
		for _, w := range signOffKanji {
			if strings.HasSuffix(s[a:b], w) && b-len(w) > a {
				end = b - len(w)
				break
			}
		}
	}
	name := s[a:end]
	// Two to four kanji, 3 bytes each (a 4-byte kanji alone is one).
	if len(name) < 2*3 || len(name) > 4*3 && runeCount(name) > 4 || !p.lexicon().isSurname(name) {
		return false
	}
	if !setOffBefore(s, a) {
		return false
	}
	// Set off by a sign-off anywhere, or by a title and a space before it
	// (店長 宮坂）); by punctuation alone only in a cell of remarks or
	// checks (in running text, 会場（神田） is a place).
	signed := end < b || signOffAt(s, b) || titleSpaceBefore(s, a) && setOffAfter(s, b)
	if !signed {
		if _, memo := p.t.ColumnHas(memoColumnWords); !memo || !setOffAfter(s, b) && !hasPrefixAny(s[b:], memoSignOff) {
			return false
		}
	}
	p.toks = tokenize(p.toks[:0], name)
	if len(p.toks) != 1 || p.toks[0].morph != mSurname {
		return false
	}
	p.add(a, end, detectors.Medium, "surname standing alone")
	return true
}

// titleSpaceBefore reports a title and a space before s[a]: 店長 宮坂.
func titleSpaceBefore(s string, a int) bool {
	if a < 2 || s[a-1] != ' ' {
		return false
	}
	run := s[runStart(s, a-1, isHan) : a-1]
	return run != "" && slices.ContainsFunc(prefixTitles, func(t string) bool { return strings.HasSuffix(run, t) })
}

// setOffBefore reports the start of the text, or a space, an opening
// bracket, a separator or an arrow before s[a].
func setOffBefore(s string, a int) bool {
	if a == 0 {
		return true
	}
	r, _ := decodeLastRune(s[:a])
	return strings.ContainsRune(" \u3000(「『【[、,:/・→", r)
}

// setOffAfter reports the end of the text, or a space, a closing bracket,
// punctuation or an arrow at s[b].
func setOffAfter(s string, b int) bool {
	if b == len(s) {
		return true
	}
	r, _ := decodeRune(s[b:])
	return strings.ContainsRune(" \u3000)」』】]、,。:/・→", r)
}

// workerLabels name who worked on a document: 入力：もりみつじゅんじ,
// 校正：j.utiyama (as Aozora Bunko's colophons credit their volunteers).
var workerLabels = []string{"入力者", "校正者", "入力", "校正"}

// workerField finds the name in hiragana or in Latin letters that fills
// the line after a label of workerLabels and a colon, at s[i]: a
// volunteer's handle (もりみつじゅんじ, j.utiyama, A.Morimine). It returns
// its end, or i.
func (p *prose) workerField(i int) int {
	s := p.t.Norm
	// A worker label that is a word of its own (not 未入力), and a colon.
	if i < len(":") || s[i-1] != ':' || !hasSuffixAny(s[:i-1], workerLabels) || !labelEndsAt(s, i-1) {
		return i
	}
	e := strings.IndexAny(s[i:], "\r\n")
	if e < 0 {
		e = len(s)
	} else {
		e += i
	}
	v := s[i:e]
	switch r, _ := decodeRune(v); {
	case isHan(r):
		return p.workerKanji(i, e)
	case isHiragana(r):
		if runeCount(v) < 4 || strings.IndexFunc(v, func(r rune) bool { return !isHiragana(r) }) >= 0 || hasSuffixAny(v, kanaVerbEndings) {
			return i
		}
	case r < 0x80:
		letters := 0
		for j := 0; j < len(v); j++ {
			switch c := v[j]; {
			case isASCIILetter(c):
				letters++
			case c == '.' || c == ' ' || c == '-' || c == '_':
			default:
				return i // digits, @: an id or an address, not a handle
			}
		}
		// A handle: letters joined by a dot (j.utiyama, A.Morimine), not
		// a word (入力: Excel).
		if letters < 4 || !strings.ContainsAny(strings.Trim(v, "._ "), "._") {
			return i
		}
	default:
		return i
	}
	p.add(i, e, detectors.Medium, "after a name label")
	return e
}

// workerKanji finds a volunteer's name in kanji at s[i], after a worker
// label: the kanji that fill the line (入力：網迫, 校正：割子田数哉) or run
// into the next worker label (入力：真先芳秋校正：柳沢成雄), whatever words
// they make, but not words alone (入力：未定, 校正：青空文庫, 営業推進). It
// returns the name's end, or i.
func (p *prose) workerKanji(i, e int) int {
	s := p.t.Norm
	h := hanEnd(s, i)
	end := h
	if h < e && s[h] == ':' {
		for _, w := range workerLabels {
			if strings.HasSuffix(s[i:h], w) {
				end = h - len(w)
				break
			}
		}
	}
	if end == h && h != e || end == i {
		return i // more than a name on the line
	}
	name := s[i:end]
	if n := runeCount(name); n < 2 || n > 6 || endsWithOrg(name) {
		return i
	}
	if l := p.lexicon(); l.surnames[name] || l.split(name) > 0 {
		return i // 校正：鈴木厚司: the label rules read a known name, surer
	}
	// Words alone: one dictionary noun, or nouns of two kanji or more
	// each (営業 + 推進). A name is name-tagged, unknown or single kanji
	// to the tokenizer (網 + 迫, 割 + 子 + 田 + 数 + 哉).
	p.toks = tokenize(p.toks[:0], name)
	if p.toks[0].morph == mSurname {
		return i // 校正：鈴木厚司: a full name the label rules read, surer
	}
	words := true
	for _, t := range p.toks {
		if t.end-t.start <= 3 || t.morph != mNoun && t.morph != mOther {
			words = false
		}
	}
	if words {
		return i
	}
	p.add(i, end, detectors.Medium, "after a name label")
	return end
}

// kanaVerbEndings end hiragana that are no name: ありません, なし, すみ.
var kanaVerbEndings = []string{"ません", "ない", "なし", "です", "ます", "した", "すみ", "ずみ", "済み"}

func hasSuffixAny(s string, words []string) bool {
	for _, w := range words {
		if strings.HasSuffix(s, w) {
			return true
		}
	}
	return false
}

// fieldEndsAt reports that a label's value ends at s[b] with its field:
// the text, a line or what sets a value off ends there.
func fieldEndsAt(s string, b int) bool {
	return setOffAfter(s, b) || s[b] == '\n' || s[b] == '\r'
}

// signOffAt reports a sign-off word at s[b].
func signOffAt(s string, b int) bool { return hasPrefixAny(s[b:], signOffAfter) }

// memoColumnWords name columns of remarks and checks, whose cells staff
// sign with their surname.
var memoColumnWords = []string{"備考", "メモ", "特記", "連絡事項", "コメント", "確認", "対応", "記録", "状態", "ステータス", "memo", "note", "remark", "comment", "check", "status"}
