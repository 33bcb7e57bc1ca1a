package personname

import (
	"bufio"
	"bytes"
	"embed"
	"sync"
)

// The lexicon is IPADIC's and UniDic's surname and given-name lists (see
// lexicon/NOTICE-*.txt; rebuilt by internal/genlexicon) plus names both
// lack: rare surnames and names popular in recent years; and the
// romanised forms of IPADIC's names, from their readings.
//
//go:embed lexicon/*.txt
var lexiconFiles embed.FS

type lexicon struct {
	surnames, given map[string]bool
	// romaji surnames and given names, lowercase Hepburn (sato, satou,
	// satoh), from IPADIC's readings
	romajiSurnames, romajiGiven map[string]bool
	// surnameFirst holds the first runes of surnames: most kanji runs in
	// prose start with none, and split returns without a map lookup.
	surnameFirst runeSet
	givenLast    runeSet // the last runes of given names, likewise
	// surnameLast and givenFirst let split and the searches for a name
	// inside a run skip most cut points without hashing a string.
	surnameLast, givenFirst runeSet
}

// lex is loaded on first use: a scan without Japanese text never pays for it.
var lex = sync.OnceValue(func() *lexicon {
	l := &lexicon{
		surnames: readWords("lexicon/ipadic-surnames.txt", "lexicon/unidic-surnames.txt", "lexicon/supplement-surnames.txt"),
		given:    readWords("lexicon/ipadic-given-names.txt", "lexicon/unidic-given-names.txt", "lexicon/supplement-given-names.txt"),

		romajiSurnames: readWords("lexicon/romaji-surnames.txt"),
		romajiGiven:    readWords("lexicon/romaji-given-names.txt"),
	}
	for w := range l.surnames {
		r, _ := decodeRune(w)
		l.surnameFirst.add(r)
		r, _ = decodeLastRune(w)
		l.surnameLast.add(r)
	}
	for w := range l.given {
		r, _ := decodeLastRune(w)
		l.givenLast.add(r)
		r, _ = decodeRune(w)
		l.givenFirst.add(r)
	}
	return l
})

// readWords reads white-space separated words, skipping # comment lines.
func readWords(files ...string) map[string]bool {
	words := map[string]bool{}
	for _, f := range files {
		b, err := lexiconFiles.ReadFile(f)
		if err != nil {
			panic(err) // embedded: cannot happen in a built binary
		}
		sc := bufio.NewScanner(bytes.NewReader(b))
		for sc.Scan() {
			line := sc.Bytes()
			if len(line) > 0 && line[0] == '#' {
				continue
			}
			for _, w := range bytes.Fields(line) {
				words[string(w)] = true
			}
		}
	}
	return words
}

// mayHold reports a rune the set has, or one beyond the BMP, which a
// runeSet cannot hold (𠮷): a filter before a map must not drop those.
func mayHold(set *runeSet, r rune) bool { return r >= 0x10000 || set.has(r) }

// isSurname and isGiven are the maps' lookups behind a test of the first
// and last runes: most words in prose are neither, and are told so without
// hashing them.
func (l *lexicon) isSurname(w string) bool {
	first, _ := decodeRune(w)
	last, _ := decodeLastRune(w)
	return mayHold(&l.surnameFirst, first) && mayHold(&l.surnameLast, last) && l.surnames[w]
}

func (l *lexicon) isGiven(w string) bool {
	first, _ := decodeRune(w)
	last, _ := decodeLastRune(w)
	return mayHold(&l.givenFirst, first) && mayHold(&l.givenLast, last) && l.given[w]
}

// knows reports a name the lexicon has: a surname, a given name, or a
// surname and given name.
func (l *lexicon) knows(s string) bool { return l.isSurname(s) || l.isGiven(s) || l.split(s) > 0 }

// split finds the best way to read s as surname + given name: the longest
// surname whose remainder is a known given name. It returns the surname's
// length in bytes, or 0, also when s is itself a surname.
func (l *lexicon) split(s string) int {
	first, _ := decodeRune(s)
	last, _ := decodeLastRune(s)
	if !l.surnameFirst.has(first) || !l.givenLast.has(last) || l.surnames[s] {
		return 0 // 伊藤 is a surname, not 伊 + 藤
	}
	best := 0
	for i, r := range s {
		if i == 0 || !mayHold(&l.givenFirst, r) || !mayHold(&l.surnameLast, rune0Before(s, i)) {
			continue
		}
		if l.surnames[s[:i]] && l.given[s[i:]] {
			best = i
		}
	}
	return best
}

// mentionsName reports whether s holds a surname anywhere or ends with a
// given name: without either, no parse of s can yield a name above Low,
// so the tokenizer need not run (商事様, お客様).
func (l *lexicon) mentionsName(s string) bool {
	if last, _ := decodeLastRune(s); l.givenLast.has(last) {
		for j, r := range s {
			if mayHold(&l.givenFirst, r) && l.given[s[j:]] {
				return true
			}
		}
	}
	for j := 0; j < len(s); {
		r, size := decodeRune(s[j:])
		if l.surnameFirst.has(r) {
			for k, n := j+size, 0; k <= len(s) && n < 5; n++ {
				if l.surnames[s[j:k]] {
					return true
				}
				if k == len(s) {
					break
				}
				_, sz := decodeRune(s[k:])
				k += sz
			}
		}
		j += size
	}
	return false
}

// endsWithSurname reports whether a surname ends s (阿部, 営業部阿部).
func (l *lexicon) endsWithSurname(s string) bool {
	if last, _ := decodeLastRune(s); !mayHold(&l.surnameLast, last) {
		return false
	}
	for j, r := range s {
		if mayHold(&l.surnameFirst, r) && l.surnames[s[j:]] {
			return true
		}
	}
	return false
}

// romajiFullName reports whether two romanised words are a known surname
// and a known given name, in either order (Taro Yamada, YAMADA Taro).
func (l *lexicon) romajiFullName(a, b string) bool {
	var ba, bb [32]byte
	la, lb := lowerInto(ba[:0], a), lowerInto(bb[:0], b)
	if la == nil || lb == nil {
		return false // longer than any name
	}
	// m[string(b)] looks up without allocating.
	return l.romajiSurnames[string(la)] && l.romajiGiven[string(lb)] || l.romajiGiven[string(la)] && l.romajiSurnames[string(lb)]
}

// lowerInto appends s with ASCII letters lowercased to dst, or returns nil
// if s does not fit dst's capacity.
func lowerInto(dst []byte, s string) []byte {
	if len(s) > cap(dst) {
		return nil
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// surnamePrefix reports a run of kanji that starts with a surname of one
// to three kanji: a full name does (藤原基経, 多田満仲).
func (l *lexicon) surnamePrefix(run string) bool {
	if r, _ := decodeRune(run); !l.surnameFirst.has(r) {
		return false
	}
	for n := 3; n <= 3*3 && n < len(run); n += 3 { // kanji are 3 bytes
		if l.surnames[run[:n]] {
			return true
		}
	}
	return false
}
