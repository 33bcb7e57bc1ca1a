// Package birthdate finds dates of birth (生年月日). A date is a birth date
// only in context, so the detector runs only when a birth word occurs in the
// text or the column name, and it looks for dates only in a cell whose column
// is named for a birth date or in short windows around each birth word.
//
// Accepted forms (after normalisation, so full-width digits and punctuation
// count too):
//   - Western: 1985-03-05, 1985/3/5, 1985.3.5, 1985年3月5日 (spaces allowed
//     around 年月日), and 19850305 in a birth-date column;
//   - Japanese era (和暦): 昭和60年3月5日, 平成元年1月8日, 昭和 60年 3月 5日,
//     昭和六十年三月五日, S60.3.5, S60/3/5, S60-3-5, H1.1.8, and S600305 in a
//     birth-date column.
//
// Months are 1-12 and days must exist in their month; Western years run from
// 1870 to this year, era years from 1 to 99. An era year past the era's end
// (平成32年) is still reported, with a reason saying so.
package birthdate

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pmscan/pmscan/detectors"
)

// Detector finds dates of birth. It holds no state and is safe for
// concurrent use.
type Detector struct{}

var (
	_ detectors.Detector = (*Detector)(nil)
	_ detectors.Masker   = (*Detector)(nil)
)

// New returns a birth date detector.
func New() *Detector { return &Detector{} }

// maxYear is the latest plausible birth year: this year.
var maxYear = time.Now().Year()

const (
	minYear = 1870

	cellCap      = 200 // bytes of a birth-date column's cell that are scanned
	windowBefore = 10  // chars scanned before a birth word
	windowAfter  = 40  // chars scanned after a birth word
	extendMax    = 24  // chars a window may grow to take in a whole date
	highWithin   = 20  // chars: birth word this close -> High
	mediumWithin = 40  // chars: birth word this close -> Medium
	afterWithin  = 10  // chars: a date may precede 生まれ by this much
	longestWord  = 13  // chars in the longest birth word, "date of birth"
)

// Type implements detectors.Detector.
func (*Detector) Type() string { return "birth_date" }

// Keywords implements detectors.Detector.
func (*Detector) Keywords() []string {
	return []string{"生年月日", "誕生日", "生まれ", "出生", "birth", "birthday", "dob", "date of birth", "生年", "born"}
}

// Find scans a birth-date column's cell whole (up to 200 bytes), and
// otherwise only the windows around each birth word: 10 chars before it
// (grown to take in a date that starts earlier) and 40 after.
func (*Detector) Find(t *detectors.Text) []detectors.Candidate {
	s := t.Norm
	if _, ok := columnMatch(t); ok {
		out, _ := scan(s, 0, min(len(s), cellCap), true, nil)
		return out
	}
	var buf [16]occurrence
	occs := buf[:0]
	eachKeyword(s, 0, len(s), func(o occurrence) {
		occs = append(occs, o)
	})
	if len(occs) == 0 {
		return nil
	}
	// Insertion sort: there are few occurrences, and sort.Slice allocates.
	for i := 1; i < len(occs); i++ {
		for j := i; j > 0 && occs[j].start < occs[j-1].start; j-- {
			occs[j], occs[j-1] = occs[j-1], occs[j]
		}
	}
	var out []detectors.Candidate
	pos := 0 // everything before pos has been scanned
	for _, o := range occs {
		lo := extendLeft(s, back(s, o.start, windowBefore))
		hi := forward(s, o.end, windowAfter)
		if lo < pos {
			lo = pos
		}
		if lo >= hi {
			continue
		}
		var end int
		out, end = scan(s, lo, hi, false, out)
		pos = max(hi, end)
	}
	return out
}

// scan appends every valid date starting in s[lo:hi] and returns the end of
// the last one (or lo).
func scan(s string, lo, hi int, compact bool, out []detectors.Candidate) ([]detectors.Candidate, int) {
	last := lo
	for i := lo; i < hi; {
		if mayStart(s[i]) {
			if d, ok := parseAt(s, i, compact); ok {
				if _, valid := d.check(); valid {
					out = append(out, detectors.Candidate{Start: d.start, End: d.end})
					last = d.end
				}
				i = d.end
				continue
			}
		}
		i++
	}
	return out, last
}

// Judge implements detectors.Detector: a birth-date column, or a birth word
// within 20 chars, is High; a birth word within 40 chars is Medium. Birth
// words count only when nothing between them and the date points elsewhere
// (another date label such as 注文日, a different date, a sentence end).
func (*Detector) Judge(c detectors.Candidate, t *detectors.Text) detectors.Verdict {
	s := t.Norm
	colWord, col := columnMatch(t)
	d, ok := parseAt(s, c.Start, col)
	if !ok || d.end != c.End {
		return detectors.Verdict{}
	}
	note, valid := d.check()
	if !valid {
		return detectors.Verdict{}
	}
	var v detectors.Verdict
	if col {
		v.Confidence = detectors.High
		v.Reasons = append(v.Reasons, detectors.ColumnReason(colWord))
	} else {
		k, ok := nearestKeyword(s, d)
		switch {
		case !ok || k.Distance > mediumWithin:
			return detectors.Verdict{}
		case k.Distance <= highWithin:
			v.Confidence = detectors.High
		default:
			v.Confidence = detectors.Medium
		}
		v.Reasons = append(v.Reasons, k.Reason())
	}
	if d.era == 0 {
		v.Reasons = append(v.Reasons, "valid date")
	} else {
		v.Reasons = append(v.Reasons, "valid date ("+eras[d.era].kanji+")")
	}
	if note != "" {
		v.Reasons = append(v.Reasons, note)
	}
	return v
}

// Mask keeps the year (or era and year) and masks the month and day:
// "1985-**-**", "昭和60年*月*日", "S60.*.*".
func (*Detector) Mask(value string) string {
	n := detectors.Normalize(value)
	if n == "" || !mayStart(n[0]) {
		return detectors.MaskDefault(value)
	}
	d, ok := parseAt(n, 0, true)
	if !ok || d.end != len(n) {
		return detectors.MaskDefault(value)
	}
	var b strings.Builder
	b.WriteString(n[:d.mStart])
	b.WriteString(strings.Repeat("*", utf8.RuneCountInString(n[d.mStart:d.mEnd])))
	b.WriteString(n[d.mEnd:d.dStart])
	b.WriteString(strings.Repeat("*", utf8.RuneCountInString(n[d.dStart:d.dEnd])))
	b.WriteString(n[d.dEnd:])
	return b.String()
}

// ---- context ----

// occurrence is a birth word at s[start:end].
type occurrence struct {
	start, end int
	word       string
}

// columnMatch reports the birth word in the column name, if any.
func columnMatch(t *detectors.Text) (string, bool) {
	col := t.ColumnNorm()
	if col == "" {
		return "", false
	}
	w, found := "", false
	eachKeyword(col, 0, len(col), func(o occurrence) {
		if !found {
			w, found = o.word, true
		}
	})
	return w, found
}

// sei (生) is in every Japanese birth word: 生年月日, 生年, 誕生日, 生まれ, 出生.
const sei = "生"

// eachKeyword calls fn for every birth word lying wholly in s[lo:hi]. "dob"
// must stand alone ("adobe" is not one), and 生年 and 出生 must not follow
// another kanji (学生年度, 輸出生産); 生年月日 always counts.
func eachKeyword(s string, lo, hi int, fn func(occurrence)) {
	for p := lo; p < hi; {
		k := strings.Index(s[p:hi], sei)
		if k < 0 {
			break
		}
		q := p + k
		p = q + len(sei)
		switch {
		case strings.HasPrefix(s[q:hi], "生年月日"):
			fn(occurrence{q, q + len("生年月日"), "生年月日"})
		case strings.HasPrefix(s[q:hi], "生年") && !kanjiBefore(s, q):
			fn(occurrence{q, q + len("生年"), "生年"})
		case strings.HasPrefix(s[q:hi], "生まれ"):
			fn(occurrence{q, q + len("生まれ"), "生まれ"})
		case q-3 >= lo && s[q-3:q] == "誕" && strings.HasPrefix(s[p:hi], "日"):
			fn(occurrence{q - 3, p + 3, "誕生日"})
		case q-3 >= lo && s[q-3:q] == "出" && !kanjiBefore(s, q-3):
			fn(occurrence{q - 3, p, "出生"})
		}
	}
	// ASCII words: "birth" (also in "birthday", "date of birth"), "born"
	// and "dob"; "born" and "dob" stand alone (stubborn, adobe).
	// IndexByte per first letter is far faster than a byte loop on Japanese.
	for _, c := range [...]byte{'b', 'B', 'd', 'D'} {
		for p := lo; p < hi; {
			k := strings.IndexByte(s[p:hi], c)
			if k < 0 {
				break
			}
			i := p + k
			p = i + 1
			switch {
			case c|0x20 == 'b' && i+5 <= hi && detectors.HasPrefixFold(s[i:], "birth"):
				fn(occurrence{i, i + 5, "birth"})
			case c|0x20 == 'b' && i+4 <= hi && detectors.HasPrefixFold(s[i:], "born") &&
				!isLetter(byteAt(s, i-1)) && !isLetter(byteAt(s, i+4)):
				fn(occurrence{i, i + 4, "born"})
			case c|0x20 == 'd' && i+3 <= hi && detectors.HasPrefixFold(s[i:], "dob") &&
				!isLetter(byteAt(s, i-1)) && !isLetter(byteAt(s, i+3)):
				fn(occurrence{i, i + 3, "dob"})
			}
		}
	}
}

// nearestKeyword finds the closest birth word to d that vouches for it: one
// ending at most 40 chars before it, or 生まれ/誕生日/出生 starting at most 10
// chars after it ("1985年3月5日生まれ"), with a clean gap in between.
func nearestKeyword(s string, d date) (detectors.Keyword, bool) {
	best, found := detectors.Keyword{}, false
	consider := func(word string, dist int) {
		if !found || dist < best.Distance {
			best, found = detectors.Keyword{Word: word, Distance: dist}, true
		}
	}
	eachKeyword(s, back(s, d.start, mediumWithin+longestWord), d.start, func(o occurrence) {
		dist := utf8.RuneCountInString(s[o.end:d.start])
		if dist <= mediumWithin && cleanGap(s, o.end, d.start, d, false) {
			consider(o.word, dist)
		}
	})
	eachKeyword(s, d.end, forward(s, d.end, afterWithin+3), func(o occurrence) {
		if o.word != "生まれ" && o.word != "誕生日" && o.word != "出生" {
			return
		}
		dist := utf8.RuneCountInString(s[d.end:o.start])
		if dist <= afterWithin && cleanGap(s, d.end, o.start, d, true) {
			consider(o.word, dist)
		}
	})
	return best, found
}

// otherLabels in the gap between a birth word and a date mean the date
// belongs to something else: "生年月日 1985-03-05 注文日 2024-03-15".
var otherLabels = []string{
	"注文", "更新", "登録", "作成", "発行", "申込", "受付", "契約", "購入", "入社", "退社",
	"入会", "退会", "発送", "支払", "期限", "日付", "年月日", "提出", "交付", "満了", "予約",
	"納品", "請求", "入学", "卒業", "最終", "利用", "有効", "開始", "終了", "変更", "死亡",
	"プレゼント", "パーティ", "ケーキ", "祝い", "特典", "クーポン", "キャンペーン", "セール", "ポイント",
	"order", "updat", "creat", "issu", "expir", "regist", "modif", "ship", "deliver",
	"paid", "payment", "joined", "hired",
}

// cleanGap reports whether s[a:b], between a birth word and date d, leaves the
// word attached to d: no sentence end, no other date label, and no other date
// unless it is the same day written another way ("1985-03-05 (昭和60年3月5日)").
// A gap after the date (before 生まれ) must also open no bracket and hold no
// line break: "2024-03-15（誕生日プレゼント）" is not a birth date.
func cleanGap(s string, a, b int, d date, after bool) bool {
	gap := s[a:b]
	if strings.Contains(gap, "。") {
		return false
	}
	if after && strings.ContainsAny(gap, "([「『【\n") {
		return false
	}
	for _, w := range otherLabels {
		if w[0] < 0x80 {
			if indexFold(gap, w) >= 0 {
				return false
			}
		} else if strings.Contains(gap, w) {
			return false
		}
	}
	for i := a; i < b; {
		if mayStart(s[i]) {
			if o, ok := parseAt(s, i, false); ok {
				if _, valid := o.check(); valid && !o.sameDay(d) {
					return false
				}
				i = o.end
				continue
			}
		}
		i++
	}
	return true
}

// ---- dates ----

// date is a parsed date at s[start:end]; month and day are s[mStart:mEnd] and
// s[dStart:dEnd].
type date struct {
	start, end       int
	era              int // 0 Western, else an index into eras
	year, month, day int // year is the era year for era dates
	mStart, mEnd     int
	dStart, dEnd     int
}

// era describes a Japanese era: its first Western year, its last era year and
// month/day of its end (0 while it lasts), and the month/day it began.
type era struct {
	kanji            string
	letter           byte
	first            int
	last, endM, endD int
	startM, startD   int
}

var eras = [...]era{
	{},
	{"明治", 'M', 1868, 45, 7, 30, 0, 0},
	{"大正", 'T', 1912, 15, 12, 25, 7, 30},
	{"昭和", 'S', 1926, 64, 1, 7, 12, 25},
	{"平成", 'H', 1989, 31, 4, 30, 1, 8},
	{"令和", 'R', 2019, 0, 0, 0, 5, 1},
}

// mayStart reports whether a date can start at a byte: a digit, an era letter,
// or the first byte of an era name (明 昭 E6, 大 平 E5, 令 E4).
func mayStart(c byte) bool {
	switch c {
	case 'M', 'T', 'S', 'H', 'R', 0xE4, 0xE5, 0xE6:
		return true
	}
	return c >= '0' && c <= '9'
}

// parseAt parses a date starting exactly at s[i]. compact allows the digit-only
// forms 19850305 and S600305. It checks the shape, not the values.
func parseAt(s string, i int, compact bool) (d date, ok bool) {
	d.start = i
	c := s[i]
	switch {
	case isDigit(c):
		if !leftOK(s, i) {
			return d, false
		}
		switch n := digitRun(s, i); {
		case n == 4:
			d.year = atoi(s[i : i+4])
			return parseRest(s, i+4, d, true)
		case n == 8 && compact:
			return parseCompact(s, i, i+4, d)
		}
		return d, false
	case c < 0x80:
		e := eraByLetter(c)
		if e == 0 || !leftOK(s, i) {
			return d, false
		}
		d.era = e
		j := i + 1
		switch n := digitRun(s, j); {
		case n == 1 || n == 2:
			d.year = atoi(s[j : j+n])
			return parseRest(s, j+n, d, true)
		case n == 6 && compact:
			return parseCompact(s, j, j+2, d)
		}
		return d, false
	}
	e := eraByKanji(s[i:])
	if e == 0 {
		return d, false
	}
	d.era = e
	j := skipSpaces(s, i+len(eras[e].kanji))
	if strings.HasPrefix(s[j:], "元") {
		d.year = 1
		return parseRest(s, j+len("元"), d, false)
	}
	if n := digitRun(s, j); n == 1 || n == 2 {
		d.year = atoi(s[j : j+n])
		return parseRest(s, j+n, d, true)
	}
	if v, k, ok := kanjiNumber(s, j); ok {
		d.year = v
		return parseRest(s, k, d, false)
	}
	return d, false
}

// parseRest parses what follows the year at s[j]: "年M月D日" or, after a
// year in digits, ".M.D" with '.', '/' or '-'.
func parseRest(s string, j int, d date, digitYear bool) (date, bool) {
	if k := skipSpaces(s, j); strings.HasPrefix(s[k:], "年") {
		var ok bool
		k = skipSpaces(s, k+len("年"))
		if d.month, d.mStart, d.mEnd, ok = number(s, k); !ok {
			return d, false
		}
		k = skipSpaces(s, d.mEnd)
		if !strings.HasPrefix(s[k:], "月") {
			return d, false
		}
		k = skipSpaces(s, k+len("月"))
		if d.day, d.dStart, d.dEnd, ok = number(s, k); !ok {
			return d, false
		}
		k = skipSpaces(s, d.dEnd)
		if !strings.HasPrefix(s[k:], "日") {
			return d, false
		}
		d.end = k + len("日")
		return d, true
	}
	if !digitYear || j >= len(s) || !isSep(s[j]) {
		return d, false
	}
	sep := s[j]
	d.mStart = j + 1
	n := digitRun(s, d.mStart)
	if n < 1 || n > 2 {
		return d, false
	}
	d.mEnd = d.mStart + n
	if d.mEnd >= len(s) || s[d.mEnd] != sep {
		return d, false
	}
	d.dStart = d.mEnd + 1
	n = digitRun(s, d.dStart)
	if n < 1 || n > 2 || !rightOK(s, d.dStart+n) {
		return d, false
	}
	d.dEnd = d.dStart + n
	d.month, d.day = atoi(s[d.mStart:d.mEnd]), atoi(s[d.dStart:d.dEnd])
	d.end = d.dEnd
	return d, true
}

// parseCompact parses YYYYMMDD or (after an era letter) YYMMDD whose year
// runs from s[y] to s[m].
func parseCompact(s string, y, m int, d date) (date, bool) {
	if !rightOK(s, m+4) {
		return d, false
	}
	d.year = atoi(s[y:m])
	d.mStart, d.mEnd = m, m+2
	d.dStart, d.dEnd = m+2, m+4
	d.month, d.day = atoi(s[d.mStart:d.mEnd]), atoi(s[d.dStart:d.dEnd])
	d.end = d.dEnd
	return d, true
}

// number parses a month or day at s[k]: one or two digits, or a kanji numeral.
func number(s string, k int) (v, start, end int, ok bool) {
	if n := digitRun(s, k); n == 1 || n == 2 {
		return atoi(s[k : k+n]), k, k + n, true
	}
	if v, e, ok := kanjiNumber(s, k); ok {
		return v, k, e, true
	}
	return 0, 0, 0, false
}

// western returns the Western year.
func (d date) western() int {
	if d.era == 0 {
		return d.year
	}
	return eras[d.era].first + d.year - 1
}

func (d date) sameDay(o date) bool {
	return d.western() == o.western() && d.month == o.month && d.day == o.day
}

// check validates d. An era date outside its era is valid but gets a note.
func (d date) check() (note string, ok bool) {
	if d.month < 1 || d.month > 12 {
		return "", false
	}
	y := d.western()
	if d.day < 1 || d.day > daysIn(y, d.month) {
		return "", false
	}
	if d.era == 0 {
		return "", y >= minYear && y <= maxYear
	}
	if d.year < 1 || d.year > 99 {
		return "", false
	}
	e := eras[d.era]
	md := d.month*100 + d.day
	switch {
	case e.last > 0 && d.year > e.last:
		return "era year past the era's end", true
	case e.last > 0 && d.year == e.last && md > e.endM*100+e.endD:
		return "date past the era's end", true
	case d.year == 1 && md < e.startM*100+e.startD:
		return "date before the era's start", true
	}
	return "", y <= maxYear
}

func daysIn(year, month int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

func eraByLetter(c byte) int {
	for i := 1; i < len(eras); i++ {
		if eras[i].letter == c {
			return i
		}
	}
	return 0
}

func eraByKanji(s string) int {
	for i := 1; i < len(eras); i++ {
		if strings.HasPrefix(s, eras[i].kanji) {
			return i
		}
	}
	return 0
}

// kanjiDigits are 一 to 九; 〇 is not used in counted numerals.
var kanjiDigits = [...]string{"一", "二", "三", "四", "五", "六", "七", "八", "九"}

func kanjiDigit(s string, k int) (int, bool) {
	for i, w := range kanjiDigits {
		if strings.HasPrefix(s[k:], w) {
			return i + 1, true
		}
	}
	return 0, false
}

// kanjiNumber parses a counted kanji numeral from 1 to 99 at s[k]: 五, 十,
// 十二, 六十, 三十一.
func kanjiNumber(s string, k int) (v, end int, ok bool) {
	j := k
	tens, ones := 0, 0
	if n, ok := kanjiDigit(s, j); ok {
		ones = n
		j += len(kanjiDigits[0])
	}
	if strings.HasPrefix(s[j:], "十") {
		tens = max(ones, 1)
		ones = 0
		j += len("十")
		if n, ok := kanjiDigit(s, j); ok {
			ones = n
			j += len(kanjiDigits[0])
		}
	}
	if j == k {
		return 0, k, false
	}
	return tens*10 + ones, j, true
}

// ---- bytes and runes ----

// leftOK: a date must not continue a word or a number ("v1985.3.5", "2-1985-3-5").
func leftOK(s string, i int) bool {
	if i == 0 {
		return true
	}
	p := s[i-1]
	if detectors.IsWordByte(p) {
		return false
	}
	return !(isSep(p) && i >= 2 && isDigit(s[i-2]))
}

// rightOK: a date in digits must not run on into a number or word
// ("1985.3.5.1", "1985-03-05a"); an ISO time may follow ("1985-03-05T00:00").
func rightOK(s string, k int) bool {
	if k >= len(s) {
		return true
	}
	c := s[k]
	if c == 'T' && k+1 < len(s) && isDigit(s[k+1]) {
		return true
	}
	if detectors.IsWordByte(c) {
		return false
	}
	return !(isSep(c) && k+1 < len(s) && isDigit(s[k+1]))
}

func isSep(c byte) bool   { return c == '-' || c == '/' || c == '.' }
func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isLetter(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func byteAt(s string, i int) byte {
	if i < 0 || i >= len(s) {
		return 0
	}
	return s[i]
}

func digitRun(s string, i int) int {
	n := 0
	for i+n < len(s) && isDigit(s[i+n]) {
		n++
	}
	return n
}

func atoi(s string) int {
	v := 0
	for i := 0; i < len(s); i++ {
		v = v*10 + int(s[i]-'0')
	}
	return v
}

// skipSpaces skips at most two spaces.
func skipSpaces(s string, i int) int {
	for n := 0; n < 2 && i < len(s) && s[i] == ' '; n++ {
		i++
	}
	return i
}

func indexFold(s, w string) int {
	for i := 0; i+len(w) <= len(s); i++ {
		if detectors.HasPrefixFold(s[i:], w) {
			return i
		}
	}
	return -1
}

// kanjiBefore reports whether the rune before s[i] is a kanji.
func kanjiBefore(s string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return r >= 0x4E00 && r <= 0x9FFF || r >= 0x3400 && r <= 0x4DBF || r == '々'
}

// back steps n runes back from s[i].
func back(s string, i, n int) int {
	for ; n > 0 && i > 0; n-- {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return i
}

// forward steps n runes forward from s[i].
func forward(s string, i, n int) int {
	for ; n > 0 && i < len(s); n-- {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return i
}

// extendLeft moves a window start back over runes that can be part of a date,
// so that a date beginning before the window is seen whole.
func extendLeft(s string, i int) int {
	for n := 0; n < extendMax && i > 0; n++ {
		r, size := utf8.DecodeLastRuneInString(s[:i])
		if !dateRune(r) {
			break
		}
		i -= size
	}
	return i
}

func dateRune(r rune) bool {
	if r < 0x80 {
		c := byte(r)
		return isDigit(c) || c == ' ' || isSep(c) || eraByLetter(c) != 0
	}
	return strings.ContainsRune("年月日元十一二三四五六七八九明治大正昭和平成令", r)
}

// Requires implements detectors.Requirer: a date has digits, or 年 or 月
// when written in kanji numerals.
func (*Detector) Requires() detectors.Feature {
	return detectors.HasDigit | detectors.HasDateKanji
}

// EachDate calls fn with every date in the normalised text s, in any of
// the forms above (the compact ones too), with its Western year, month and
// day, whatever the words around it: for matching a date someone gave,
// not for finding birth dates. fn returns false to stop.
func EachDate(s string, fn func(start, end, year, month, day int) bool) {
	for i := 0; i < len(s); i++ {
		if !mayStart(s[i]) {
			continue
		}
		d, ok := parseAt(s, i, true)
		if !ok {
			continue
		}
		if _, valid := d.check(); !valid {
			continue
		}
		if !fn(d.start, d.end, d.western(), d.month, d.day) {
			return
		}
		i = d.end - 1
	}
}
