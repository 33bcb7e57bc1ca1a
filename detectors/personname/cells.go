package personname

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/detectors/columns"
)

// Names in name columns: the column says what the value is, so the whole
// value is the candidate and the shape and the dictionary say how sure.

type shape uint8

const (
	shapeNone   shape = iota
	shapeKanji        // kanji, with kana allowed in the given name (佐藤 さくら)
	shapeKana         // a reading in katakana or hiragana
	shapeRomaji       // Taro Yamada, YAMADA Taro, Yamada, Taro
)

// orgMarkers mark values that name an organisation or a place, not a person.
var orgMarkers = []string{
	"会社", "(株)", "(有)", "㈱", "法人", "協会", "組合", "学校", "大学", "病院", "医院", "クリニック", "銀行",
	"支店", "本店", "センター", "事務所", "営業所", "工業", "商事", "製作所", "役所", "役場", "庁", "グループ",
	"ホールディングス",
}

var orgFirst = edgeRunes(orgMarkers, false)

// orgWords are the same in romanised names, whole words, any case.
var orgWords = []string{"inc", "corp", "corporation", "ltd", "llc", "co", "company", "kk", "gk"}

func (d *Detector) findInCell(t *detectors.Text, class columns.Class, out []detectors.Candidate) []detectors.Candidate {
	s := t.Norm
	start, end := detectors.TrimmedSpan(s)
	v := s[start:end]
	for _, h := range []string{"様", "殿", "さん"} { // 宛名 cells: 山田太郎 様
		if strings.HasSuffix(v, h) && len(v) > len(h) {
			end -= len(h)
			v = strings.TrimRight(v[:len(v)-len(h)], " ")
			end = start + len(v)
		}
	}
	if v == "" || len(v) > 160 {
		return out
	}
	name, at, none := cutPosition(v)
	if none {
		return out
	}
	start += at
	v, end = name, start+len(name)
	sh := shapeOf(v)
	if sh == shapeNone && strings.ContainsAny(v, "()") && t.Has(detectors.HasJapanese) {
		// More than a name: a note in brackets (竹内 遼 様（受取人様）). The
		// sentence rules read it, and an honorific or a label there.
		return d.findInProse(t, out)
	}
	if sh == shapeNone || isOrg(v, sh, class) {
		return out
	}
	c := detectors.Reject
	var why string
	switch sh {
	case shapeKanji:
		c, why = judgeKanjiCell(v, t.ColumnNorm())
	case shapeKana:
		c, why = detectors.High, "reading in kana"
		if genericColumn(t.ColumnNorm()) && commonKanaWord(v) {
			c, why = detectors.Low, "a common word in kana"
		}
	case shapeRomaji:
		c, why = detectors.High, "romanised name"
		if fieldWord(v) {
			// The key names of a name object (name: {sei, mei, yomi})
			// read as values: a key, not a name.
			return out
		}
		if class != columns.NameRomaji && genericColumn(t.ColumnNorm()) {
			// A column called just "name" names products and buildings
			// too: only known names count.
			c, why = detectors.Low, "romanised words not known as names"
			if words := strings.FieldsFunc(v, func(r rune) bool { return r == ' ' || r == ',' }); len(words) == 2 && lex().romajiFullName(words[0], words[1]) {
				c, why = detectors.High, "romanised surname and given name in dictionary"
			}
		}
	}
	if c == detectors.Reject {
		return out
	}
	return append(out, detectors.Candidate{Start: start, End: end, Confidence: c, Reasons: cellReasons(class, why)})
}

// cellReasons returns the reasons for a name cell, shared between cells:
// there are a few dozen combinations and a million cells. Callers must
// not modify the slice (the Set does not).
func cellReasons(class columns.Class, why string) []string {
	key := cellReasonKey{class, why}
	if r, ok := cellReasonCache.Load(key); ok {
		return r.([]string)
	}
	r := []string{"column classified as " + class.String(), why}
	cellReasonCache.Store(key, r)
	return r
}

type cellReasonKey struct {
	class columns.Class
	why   string
}

var cellReasonCache sync.Map

// judgeKanjiCell rates a kanji value of a name column. A column named just
// "name" may hold anything's name, so there the value needs the lexicon's
// or the tokenizer's support; in 氏名 or full_name the column is enough
// unless the tokenizer sees an organisation.
func judgeKanjiCell(v, column string) (detectors.Confidence, string) {
	l := lex()
	joined := strings.ReplaceAll(v, " ", "")
	switch {
	case l.split(joined) > 0:
		return detectors.High, "surname and given name in dictionary"
	case l.surnames[joined] || l.given[joined] || firstWordIsSurname(l, v):
		return detectors.High, "name in dictionary"
	}
	var toks []token
	toks = tokenize(toks, joined)
	names, places, others := 0, 0, 0
	for _, tk := range toks {
		switch tk.morph {
		case mSurname, mGiven, mPerson, mUnknown:
			names++
		case mOrg:
			return detectors.Reject, ""
		case mPlace:
			places++
		default:
			others++
		}
	}
	generic := genericColumn(column)
	switch {
	case names == 0 && (places > 0 || generic):
		return detectors.Reject, ""
	case generic && others+places == 0:
		return detectors.Medium, "tagged as a name"
	case generic:
		return detectors.Low, "partly tagged as a name"
	case names == 0:
		return detectors.Medium, "not tagged as a name"
	}
	return detectors.High, "kanji name"
}

func firstWordIsSurname(l *lexicon, v string) bool {
	i := strings.IndexByte(v, ' ')
	return i > 0 && l.surnames[v[:i]]
}

// genericColumn reports a column called just "name" (or ending in .name),
// which may name a product or a shop as well as a person.
func genericColumn(column string) bool {
	if i := strings.LastIndexAny(column, ".]/"); i >= 0 {
		column = column[i+1:]
	}
	return column == "name" || column == "names" || column == "名称"
}

func isOrg(v string, sh shape, class columns.Class) bool {
	if sh == shapeRomaji {
		for _, w := range strings.FieldsFunc(v, func(r rune) bool { return r == ' ' || r == ',' || r == '.' }) {
			for _, o := range orgWords {
				if strings.EqualFold(w, o) {
					return true
				}
			}
		}
		return false
	}
	// One pass over v: only where a marker's first rune stands is it
	// compared with the markers.
	for i := 0; i < len(v); {
		r, size := decodeRune(v[i:])
		if orgFirst.has(r) {
			for _, m := range orgMarkers {
				if strings.HasPrefix(v[i:], m) {
					return true
				}
			}
		}
		i += size
	}
	// A given name may end like a place (美園, 千里); a surname column's
	// or a full name's value may not, unless a surname ends it.
	return class != columns.GivenName && lex().endsLikeOrg(v)
}

// shapeOf classifies a trimmed cell value.
func shapeOf(v string) shape {
	var han, kana, latin, spaces, other int
	for _, r := range v {
		switch {
		case isHan(r):
			han++
		case isKana(r):
			kana++
		case r < utf8.RuneSelf && isASCIILetter(byte(r)):
			latin++
		case r == ' ':
			spaces++
		case r == '-' || r == '\'' || r == '.' || r == ',':
			if latin == 0 {
				other++
			}
		default:
			other++
		}
	}
	switch {
	case other > 0 || spaces > 3:
		return shapeNone
	case han > 0 && latin == 0 && han+kana <= 12:
		return shapeKanji
	case kana >= 2 && han == 0 && latin == 0:
		return shapeKana
	case latin >= 2 && han == 0 && kana == 0 && romajiShaped(v):
		return shapeRomaji
	}
	return shapeNone
}

// romajiShaped accepts one to four words of letters that start with a
// capital or are all lowercase (taro yamada), with hyphens and apostrophes
// inside (O'Brien) and one comma (YAMADA, Taro).
func romajiShaped(v string) bool {
	words := strings.FieldsFunc(v, func(r rune) bool { return r == ' ' || r == ',' })
	if len(words) == 0 || len(words) > 4 {
		return false
	}
	for _, w := range words {
		if len(w) < 2 || !isASCIILetter(w[0]) {
			return false
		}
	}
	return true
}

// nameFieldWords are the words that name the parts of a name, as keys or
// headers: sei, mei, yomi, first, last, given_name.
var nameFieldWords = map[string]bool{
	"sei": true, "mei": true, "yomi": true, "kana": true, "kanji": true, "romaji": true, "furigana": true,
	"first": true, "last": true, "middle": true, "given": true, "family": true, "full": true, "display": true,
	"nick": true, "nickname": true, "name": true, "names": true, "surname": true, "firstname": true,
	"lastname": true, "fullname": true, "sei_kana": true, "mei_kana": true,
}

// fieldWord reports a value made only of the words that name a name's
// parts, in lower case or snake_case (given_name, sei_kana): a key or a
// header read as a value. A name is capitalised (Sei, Mei) or upper case.
func fieldWord(v string) bool {
	if strings.IndexFunc(v, func(r rune) bool { return r >= 'A' && r <= 'Z' }) >= 0 {
		return false
	}
	for _, w := range strings.FieldsFunc(v, func(r rune) bool { return r == '_' || r == ' ' || r == '-' || r == '.' }) {
		if !nameFieldWords[w] {
			return false
		}
	}
	return v != ""
}
