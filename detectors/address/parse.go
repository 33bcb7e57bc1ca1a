package address

import (
	"strings"
	"unicode/utf8"
)

// The grammar, read left to right from the start of an address:
//
//	address      = [prefecture] municipality town [block [building]]
//	municipality = name 市|区|町|村 | name 郡 name 町|村 | 政令指定都市 ward
//	town         = kanji, kana, 々, ヶ (小坂本町, みなとみらい, 大通西); may be empty
//	block        = N丁目 [N-N | N番[N[号]] | N番地[のN] | N号 | N]
//	             | N番地[(の|-)N[号]] | N番N[号] | N番-N | N-N[-N] | NのN
//	             | N条[東西南北]N丁目… (Sapporo)
//	             | N番, N号 or a lone N (weak: 大黒町 12)
//	building     = -N | [#N | N号室 | N号 | N階 | NF] | name [N号室 | … | N]
//
// N is ASCII digits (Norm folds full-width ones) or kanji numerals; a block
// in kanji numerals needs 丁目, 番地 or 番 to tell it from a town name
// (三丁目 but 三田, 一番町).

// blockKind says how much of a block number was found.
type blockKind uint8

const (
	noBlock     blockKind = iota
	weakBlock             // a lone number: 大黒町 12, 5番, 3号
	strongBlock           // 丁目, 番地, 番+N, N-N
)

// parsed is one address read from Norm, in byte offsets.
type parsed struct {
	start      int // of the prefecture, or of the municipality without one
	muniStart  int
	muniEnd    int
	townEnd    int // == blockStart without space; == end without block
	blockStart int
	blockEnd   int
	end        int // of the block, the room or the building; of the town without a block
	pref       bool
	block      blockKind
}

// townLen is the town area's length in bytes.
func (a parsed) townLen() int { return a.townEnd - a.muniEnd }

const (
	maxRun      = 12 // kanji walked back from an anchor
	maxName     = 7  // runes of a municipality name before 市/区/町/村
	maxBareName = 5  // ... when no prefecture precedes it
	maxTown     = 20 // runes of a town area
	maxBuilding = 30 // runes of a building name
)

// parseFrom reads an address starting at s[start]: a prefecture, then a
// municipality (required), a town area and a block number.
func parseFrom(s string, start int) (parsed, bool) {
	a := parsed{start: start, muniStart: start}
	if e := prefixPrefecture(s, start); e > 0 {
		a.pref, a.muniStart = true, e
	}
	me, ok := municipality(s, a.muniStart)
	if !ok || !a.pref && !bareNameOK(s, a.muniStart) {
		return a, false
	}
	a.muniEnd = me
	a.townEnd, a.blockStart, a.blockEnd, a.block = town(s, me)
	if a.block == noBlock {
		a.end = a.townEnd
		return a, true
	}
	if a.townLen() > 0 {
		if r, _ := utf8.DecodeLastRuneInString(s[:a.townEnd]); strings.ContainsRune(notTownEnd, r) {
			a.block, a.end = noBlock, a.townEnd
			return a, true
		}
	}
	a.end = building(s, a.blockEnd)
	return a, true
}

// bareNameOK rejects, when no prefecture precedes, a one-character name
// that is a word or a surname rather than a place (同市, 各区, 中村, 大町).
func bareNameOK(s string, i int) bool {
	r, size := utf8.DecodeRuneInString(s[i:])
	next, _ := utf8.DecodeRuneInString(s[i+size:])
	switch next {
	case '市':
		return strings.ContainsRune(oneCharCities, r)
	case '区':
		return strings.ContainsRune(oneCharWards, r)
	case '町', '村':
		return false
	}
	return true
}

// findStart walks back from the anchor s[p] (a 市/区/町/村/郡) to where the
// address starts: a prefecture in the run of name characters before it, or
// else the start of the municipality name. It never goes below floor.
func findStart(s string, p, floor int) int {
	// Kanji back from the anchor, and further over kana (not particles)
	// where a prefecture may precede a kana name (埼玉県さいたま市).
	kanjiLo, lo := -1, p
	for n := 0; lo > floor && n < maxRun; n++ {
		r, size := utf8.DecodeLastRuneInString(s[floor:lo])
		if !isNameRune(r) || isParticle(r) {
			break
		}
		if kanjiLo < 0 && !isKanji(r) {
			kanjiLo = lo
		}
		lo -= size
	}
	if kanjiLo < 0 {
		kanjiLo = lo
	}
	if ps := firstPrefecture(s, lo, p); ps >= 0 {
		return ps
	}
	start := kanjiLo
	if r, _ := utf8.DecodeLastRuneInString(s[floor:kanjiLo]); isHiragana(r) || isKatakana(r) {
		start = kanaNameStart(s, floor, kanjiLo, p)
		if ps := prefectureEndingAt(s, floor, start); ps >= 0 {
			return ps
		}
	}
	if known := knownNameStart(s, start, p); known > start {
		return known
	}
	// Labels and business words glued before the name (住所横浜市).
	for stripped := true; stripped; {
		stripped = false
		for _, w := range leadWords {
			if strings.HasPrefix(s[start:p], w) && start+len(w) < p {
				start += len(w)
				stripped = true
			}
		}
	}
	// A long kanji run holds more than the name: keep its last runes.
	for utf8.RuneCountInString(s[start:p]) > maxBareName {
		_, size := utf8.DecodeRuneInString(s[start:])
		start += size
	}
	return start
}

// knownNameStart returns where a Tokyo ward or a designated city ending at
// s[p] starts, when s[start:p] holds more than the name; else start. A
// direction before the name makes another city of it.
func knownNameStart(s string, start, p int) int {
	var names []string
	switch {
	case strings.HasPrefix(s[p:], "区"):
		names = tokyoWards
	case strings.HasPrefix(s[p:], "市"):
		names = designatedCities
	default:
		return start
	}
	best := start
	for _, name := range names {
		ns := p - len(name)
		if ns <= start || best != start && ns >= best || s[ns:p] != name {
			continue
		}
		// 東大阪市, 北広島市, 北名古屋市 are other cities.
		if r, _ := utf8.DecodeLastRuneInString(s[:ns]); strings.ContainsRune("東西南北", r) {
			continue
		}
		best = ns
	}
	return best
}

// kanaNameStart returns where a kana municipality name ending at s[p]
// starts, when it reaches before the kanji run at s[kanjiLo]; else kanjiLo.
func kanaNameStart(s string, floor, kanjiLo, p int) int {
	for _, name := range kanaNames {
		if ns := p - len(name); ns >= floor && ns < kanjiLo && s[ns:p] == name {
			return ns
		}
	}
	return kanjiLo
}

// firstPrefecture returns the start of the leftmost prefecture name within
// s[lo:p], or -1: 東京都府中市 holds 京都府 too.
func firstPrefecture(s string, lo, p int) int {
	for e := lo; e < p; {
		_, size := utf8.DecodeRuneInString(s[e:p])
		e += size
		if e-lo >= 3 && isPrefectureSuffix(s[e-3:e]) {
			if ps := prefectureEndingAt(s, lo, e); ps >= 0 {
				return ps
			}
		}
	}
	return -1
}

func isPrefectureSuffix(c string) bool {
	return c == "県" || c == "都" || c == "府" || c == "道"
}

// prefectureEndingAt returns the start of a prefecture name ending at
// s[e], not before lo, or -1.
func prefectureEndingAt(s string, lo, e int) int {
	if e-lo < 3 {
		return -1
	}
	for _, name := range prefectures[s[e-3:e]] {
		if ps := e - len(name); ps >= lo && s[ps:e] == name {
			return ps
		}
	}
	return -1
}

// prefixPrefecture returns the end of a prefecture name starting at s[i],
// or 0.
func prefixPrefecture(s string, i int) int {
	// Names are three or four characters long: look for the suffix first.
	if !(i+9 <= len(s) && isPrefectureSuffix(s[i+6:i+9]) || i+12 <= len(s) && isPrefectureSuffix(s[i+9:i+12])) {
		return 0
	}
	for _, name := range allPrefectures {
		if strings.HasPrefix(s[i:], name) {
			return i + len(name)
		}
	}
	return 0
}

// nameRunes holds the first runes of a possible municipality name.
type nameRunes struct {
	r   [maxName + 8]rune
	off [maxName + 9]int // off[k] is the offset of r[k]; off[n] the end
	n   int
}

func readName(s string, i int) nameRunes {
	var nr nameRunes
	j := i
	for nr.n < len(nr.r) && j < len(s) {
		r, size := utf8.DecodeRuneInString(s[j:])
		if !isNameRune(r) {
			break
		}
		nr.r[nr.n], nr.off[nr.n] = r, j
		nr.n++
		j += size
	}
	nr.off[nr.n] = j
	return nr
}

// at returns r[k], or 0 past the end.
func (nr *nameRunes) at(k int) rune {
	if k < nr.n {
		return nr.r[k]
	}
	return 0
}

// ends reports whether the 市, 町 or 村 at k ends a municipality name: not
// when the name goes on to another terminator (四日市市, 大町市, 十日町市,
// 上市町, 余市郡, 東村山市, 西村山郡), nor when it starts a word (市場, 町内).
func (nr *nameRunes) ends(k int) bool {
	next := nr.at(k + 1)
	if strings.ContainsRune(notAfter[nr.r[k]], next) {
		return false
	}
	switch next {
	case '市', '町', '郡':
		return false
	}
	if nr.r[k] != '市' {
		if after := nr.at(k + 2); (after == '市' || after == '郡') && isKanji(next) {
			return false
		}
	}
	return true
}

// municipality returns the end of the municipality whose name starts at
// s[i].
func municipality(s string, i int) (int, bool) {
	nr := readName(s, i)
	// A 市 before 内 or 外 (市内, 市外) ends no name, unless nothing later
	// does: 盛岡市内丸 is 盛岡市 + 内丸. Without a block number after it,
	// the caller still rejects 大阪市内の店舗.
	fallback := -1
	for k := 1; k < nr.n && k <= maxName; k++ {
		switch nr.r[k] {
		case '郡':
			if e, ok := gunTown(&nr, k); ok {
				return e, true
			}
		case '区':
			if strings.ContainsRune(notAfter['区'], nr.at(k+1)) {
				continue
			}
			return nr.off[k+1], true
		case '市':
			if !nr.ends(k) {
				if next := nr.at(k + 1); fallback < 0 && (next == '内' || next == '外') {
					fallback = k
				}
				continue
			}
			end := nr.off[k+1]
			if isDesignated(s[i:nr.off[k]]) {
				end = ward(s, end)
			}
			return end, true
		case '町', '村':
			if nr.ends(k) {
				return nr.off[k+1], true
			}
		}
	}
	if fallback > 0 {
		return nr.off[fallback+1], true
	}
	return 0, false
}

// gunTown reads the town or village after the 郡 at k (西多摩郡瑞穂町). A 市
// there means the 郡 was part of a city name (大和郡山市).
func gunTown(nr *nameRunes, k int) (int, bool) {
	for m := k + 2; m < nr.n && m <= k+6; m++ {
		switch nr.r[m] {
		case '市', '区':
			if nr.ends(m) {
				return 0, false
			}
		case '町', '村':
			if nr.ends(m) {
				return nr.off[m+1], true
			}
		}
	}
	return 0, false
}

func isDesignated(name string) bool {
	for _, c := range designatedCities {
		if name == c {
			return true
		}
	}
	return false
}

// ward extends a designated city ending at s[i] by its ward: 1 to 4 name
// runes and 区.
func ward(s string, i int) int {
	j := i
	for n := 0; n < 5 && j < len(s); n++ {
		r, size := utf8.DecodeRuneInString(s[j:])
		if r == '区' && n > 0 {
			return j + size
		}
		if !isNameRune(r) || isParticle(r) {
			break
		}
		j += size
	}
	return i
}

// town reads the town area from s[i] up to the block number. It returns
// the town's end, and the block's start, end and kind; without a block the
// town ends where the address can no longer go on.
func town(s string, i int) (townEnd, blockStart, blockEnd int, kind blockKind) {
	j := i
	for n := 0; n < maxTown && j < len(s); n++ {
		c := s[j]
		if isDigit(c) {
			if e, k := block(s, j); k != noBlock {
				return j, j, e, k
			}
			return j, j, j, noBlock
		}
		if c == ' ' {
			// 大黒町 12, 渋谷 2-21-1
			if j+1 < len(s) && (isDigit(s[j+1]) || startsKanjiNumeral(s[j+1:])) {
				if e, k := block(s, j+1); k != noBlock {
					return j, j + 1, e, k
				}
			}
			return j, j, j, noBlock
		}
		r, size := utf8.DecodeRuneInString(s[j:])
		if isKanjiNumeral(r) {
			if e, k := block(s, j); k == strongBlock {
				return j, j, e, k
			}
		}
		if !isTownRune(r, n == 0) || stopsTown(s[j:]) {
			break
		}
		j += size
	}
	return j, j, j, noBlock
}

func stopsTown(s string) bool {
	for _, w := range townStops {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return false
}

// block reads a block number at s[i] and returns its end and kind.
func block(s string, i int) (int, blockKind) {
	e, dig := number(s, i)
	if e < 0 {
		return i, noBlock
	}
	rest := s[e:]
	switch {
	case strings.HasPrefix(rest, "条"): // Sapporo: 北1条西2丁目
		j := e + len("条")
		if r, size := utf8.DecodeRuneInString(s[j:]); strings.ContainsRune("東西南北", r) {
			j += size
		}
		if e2, _ := number(s, j); e2 >= 0 && strings.HasPrefix(s[e2:], "丁目") {
			return afterChome(s, e2+len("丁目")), strongBlock
		}
		return i, noBlock
	case strings.HasPrefix(rest, "丁目"):
		return afterChome(s, e+len("丁目")), strongBlock
	case strings.HasPrefix(rest, "番地"):
		return afterBanchi(s, e+len("番地")), strongBlock
	case strings.HasPrefix(rest, "番"):
		j := e + len("番")
		if e2, dig2 := number(s, j); e2 >= 0 && dig2 == dig {
			if strings.HasPrefix(s[e2:], "号") {
				e2 += len("号")
			}
			return e2, strongBlock
		}
		if dig && j+1 < len(s) && s[j] == '-' {
			if e2, dig2 := number(s, j+1); e2 >= 0 && dig2 {
				return e2, strongBlock
			}
		}
		if dig && !glued(s, j) {
			return j, weakBlock
		}
		return i, noBlock
	case !dig:
		return i, noBlock
	case strings.HasPrefix(rest, "号"):
		if j := e + len("号"); !glued(s, j) {
			return j, weakBlock
		}
		return i, noBlock
	}
	// N-N[-N] or NのN
	parts, first := 1, e-i
	j := e
	for parts < 3 {
		sep := dashAt(s, j)
		if sep == 0 {
			break
		}
		e2, dig2 := number(s, j+sep)
		if e2 < 0 || !dig2 || e2-(j+sep) > 4 {
			break
		}
		j = e2
		parts++
	}
	switch {
	case parts == 1:
		if lone(s, e) {
			return e, weakBlock
		}
		return i, noBlock
	case parts == 3 && first > 3: // 2024-11-21
		return i, noBlock
	case glued(s, j):
		return i, noBlock
	}
	return j, strongBlock
}

// afterChome reads what follows 丁目: 2-3, 2番3号, 十番地, 2.
func afterChome(s string, j int) int {
	e, dig := number(s, j)
	if e < 0 {
		return j
	}
	switch {
	case strings.HasPrefix(s[e:], "番地"):
		return afterBanchi(s, e+len("番地"))
	case strings.HasPrefix(s[e:], "番"):
		k := e + len("番")
		if e2, _ := number(s, k); e2 >= 0 {
			if strings.HasPrefix(s[e2:], "号") {
				return e2 + len("号")
			}
			return e2
		}
		return k
	case strings.HasPrefix(s[e:], "号"):
		return e + len("号")
	case dig && e+1 < len(s) && s[e] == '-':
		if e2, dig2 := number(s, e+1); e2 >= 0 && dig2 {
			return e2
		}
	}
	if dig {
		return e
	}
	return j
}

// afterBanchi reads what follows 番地: の4, -4, 4号.
func afterBanchi(s string, j int) int {
	k := j
	if sep := dashAt(s, k); sep > 0 {
		k += sep
	}
	e, _ := number(s, k)
	if e < 0 {
		return j
	}
	if strings.HasPrefix(s[e:], "号") {
		return e + len("号")
	}
	return e
}

// dashAt returns the length of a '-' or の separating block numbers at
// s[j], or 0.
func dashAt(s string, j int) int {
	if j < len(s) && s[j] == '-' {
		return 1
	}
	if strings.HasPrefix(s[j:], "の") {
		return len("の")
	}
	return 0
}

// number reads a block number at s[i]: 1 to 5 ASCII digits not starting
// with 0 (a phone number does), or 1 to 6 kanji numerals. It returns the
// end (-1 when there is none) and whether it was digits.
func number(s string, i int) (int, bool) {
	if i >= len(s) {
		return -1, false
	}
	if isDigit(s[i]) {
		if s[i] == '0' {
			return -1, false
		}
		j := i
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		if j-i > 5 {
			return -1, false
		}
		return j, true
	}
	j := i
	for n := 0; n < 6 && j < len(s); n++ {
		r, size := utf8.DecodeRuneInString(s[j:])
		if !isKanjiNumeral(r) {
			break
		}
		j += size
	}
	if j == i {
		return -1, false
	}
	return j, false
}

// glued reports whether a block number ending at s[j] runs on into another
// number: 1-2-3.5, 1-2:30, 1,234, 1-2/3. A dash may follow: -101 is a room.
func glued(s string, j int) bool {
	if j >= len(s) {
		return false
	}
	c := s[j]
	if isDigit(c) {
		return true
	}
	if (c == '.' || c == ':' || c == '/' || c == ',') && j+1 < len(s) && isDigit(s[j+1]) {
		return true
	}
	return c == '%'
}

// lone reports whether a lone number ending at s[j] stands alone: the end
// of the text, a space or punctuation follows (大黒町 12).
func lone(s string, j int) bool {
	if j >= len(s) {
		return true
	}
	switch c := s[j]; c {
	case ' ', '\t', '\n', '\r', ')', ';':
		return true
	case ',', '.':
		return !glued(s, j)
	}
	r, _ := utf8.DecodeRuneInString(s[j:])
	return strings.ContainsRune("、。，．」』）", r)
}

// building extends an address ending with its block number at s[i] by a
// room number and a building name: -101, #402, 301号室, グランドメゾン渋谷
// 301号室, 渋谷マークシティ5F, 〇〇ハイツ101, コーポ山田 2階.
func building(s string, i int) int {
	if i < len(s) && s[i] == '-' {
		if e := room(s, i+1); e > i+1 {
			return e
		}
		if e := digitsEnd(s, i+1, 4); e > i+1 && lone(s, e) {
			return e
		}
	}
	k := i
	for k < len(s) && s[k] == ' ' && k-i < 2 {
		k++
	}
	if e := room(s, k); e > k {
		return e
	}
	ne := buildingName(s, k)
	if ne == k {
		return i
	}
	word := hasBuildingWord(s[k:ne])
	m := ne
	if m < len(s) && s[m] == ' ' {
		m++
	}
	if e := room(s, m); e > m {
		return e
	}
	// A bare room number: after a building word (ハイツ101), or three or
	// four digits after a name in katakana (エクセル八幡 402).
	if e := digitsEnd(s, m, 4); e > m && s[m] != '0' && roomEnds(s, e) && (word || e-m >= 3 && hasKatakana(s[k:ne])) {
		return e
	}
	if word {
		return ne
	}
	return i
}

// roomEnds reports whether a room number ending at s[e] ends there: not
// glued to more digits, letters or a word (402です, 402(山田様), but not
// 100名).
func roomEnds(s string, e int) bool {
	if lone(s, e) {
		return true
	}
	if glued(s, e) || isASCIILetter(s[e]) || s[e] == '-' {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[e:])
	return isHiragana(r) || r == '('
}

func hasKatakana(s string) bool {
	for _, r := range s {
		if isKatakana(r) && r != 'ー' {
			return true
		}
	}
	return false
}

// room reads a room or floor number at s[i]: #402, 301号室, 301号, 2階, 5F,
// B1F.
func room(s string, i int) int {
	if i >= len(s) {
		return i
	}
	if s[i] == '#' {
		if e := digitsEnd(s, i+1, 5); e > i+1 && !glued(s, e) {
			return e
		}
		return i
	}
	j := i
	if s[j] == 'B' {
		j++
	}
	e := digitsEnd(s, j, 4)
	if e == j {
		return i
	}
	for _, suffix := range roomSuffixes {
		if strings.HasPrefix(s[e:], suffix) {
			end := e + len(suffix)
			if end < len(s) && isASCIILetter(s[end]) {
				return i
			}
			return end
		}
	}
	return i
}

var roomSuffixes = []string{"号室", "号", "階", "F", "f"}

// buildingName returns the end of a building name at s[i]: katakana,
// kanji and ASCII letters (の and が inside: ハイツ緑が丘).
func buildingName(s string, i int) int {
	j := i
	for n := 0; n < maxBuilding && j < len(s); n++ {
		c := s[j]
		if c < utf8.RuneSelf {
			if isASCIILetter(c) || c == '&' && n > 0 {
				j++
				continue
			}
			break
		}
		r, size := utf8.DecodeRuneInString(s[j:])
		if !(isKanji(r) || isKatakana(r) || r == '・' || r == '〇' || (r == 'の' || r == 'が') && n > 0) {
			break
		}
		j += size
	}
	return j
}

func hasBuildingWord(name string) bool {
	for _, w := range buildingWords {
		if strings.Contains(name, w) {
			return true
		}
	}
	return false
}

// digitsEnd returns the end of 1 to max ASCII digits at s[i], or i.
func digitsEnd(s string, i, max int) int {
	j := i
	for j < len(s) && isDigit(s[j]) {
		j++
	}
	if j-i > max {
		return i
	}
	return j
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// isKanji: CJK ideographs and the marks that live inside place names
// (々, 〆, ヶ, ケ as in 袖ケ浦).
func isKanji(r rune) bool {
	return r >= 0x4E00 && r <= 0x9FFF || r == '々' || r == '〆' || r == 'ヶ' || r == 'ケ'
}

func isHiragana(r rune) bool { return r >= 0x3041 && r <= 0x3096 }

func isKatakana(r rune) bool { return r >= 0x30A1 && r <= 0x30FA || r == 'ー' }

// isNameRune: what a municipality or town name is written in.
func isNameRune(r rune) bool { return isKanji(r) || isHiragana(r) || isKatakana(r) || r == '〇' }

// isParticle: hiragana that end a name rather than spell one.
func isParticle(r rune) bool {
	switch r {
	case 'は', 'を', 'に', 'へ', 'で', 'も', 'や':
		return true
	}
	return false
}

// isTownRune: what a town area is written in; it does not start with a
// particle (渋谷区のカフェ).
func isTownRune(r rune, first bool) bool {
	if isParticle(r) {
		return false
	}
	if first {
		switch r {
		case 'の', 'が', 'と', 'か', 'ー':
			return false
		}
	}
	return isNameRune(r)
}

func isKanjiNumeral(r rune) bool {
	return strings.ContainsRune("一二三四五六七八九十百〇壱弐参", r)
}

func startsKanjiNumeral(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return isKanjiNumeral(r)
}
