package lookup

import (
	"strings"

	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/detectors/birthdate"
	"github.com/pmscan/pmscan/detectors/personname"
	"github.com/pmscan/pmscan/detectors/variants"
)

// The query's identifiers are found by detectors of their own, run by the
// scanner beside two of pmscan's (names and birth dates), whose findings
// tell a near miss: another person's name or birth date in the record.
// Their types start with matchPrefix.
const matchPrefix = "match_"

// Surname-only hits of the name matcher carry this kind: they tell a
// family member, never match.
const kindSurnameOnly = "surname_only"

type matcher struct {
	kind Kind
	find func(t *detectors.Text) []detectors.Candidate
}

func (m *matcher) Type() string       { return matchPrefix + string(m.kind) }
func (m *matcher) Keywords() []string { return nil }
func (m *matcher) Find(t *detectors.Text) []detectors.Candidate {
	return m.find(t)
}

func (m *matcher) Judge(c detectors.Candidate, _ *detectors.Text) detectors.Verdict {
	v := detectors.Verdict{Confidence: detectors.High, Reasons: c.Reasons}
	if len(c.Reasons) > 0 && c.Reasons[0] == kindSurnameOnly {
		v.Kind = kindSurnameOnly
	}
	return v
}

// Detectors returns the detectors a lookup of q runs.
func (q *Query) Detectors() []detectors.Detector {
	ds := []detectors.Detector{personname.New(), birthdate.New()}
	add := func(k Kind, ok bool, find func(t *detectors.Text) []detectors.Candidate) {
		if ok {
			ds = append(ds, &matcher{kind: k, find: find})
		}
	}
	add(KindName, q.name != "", q.findName)
	add(KindKana, q.kana != "", q.findKana)
	add(KindEmail, len(q.emails) > 0, q.findEmail)
	add(KindPhone, len(q.phones) > 0, q.findPhone)
	add(KindBirthDate, q.birth.y != 0, q.findBirthDate)
	add(KindAddress, q.address != "", q.findAddress)
	add(KindMemberID, len(q.memberIDs) > 0, q.findMemberID)
	add(KindMyNumber, q.myNumber != "", q.findMyNumber)
	return ds
}

// startsOf are the strings of normalised text that fold to the start of
// the folded want, which eachFolded looks for before folding anything:
// its first kanji and the kanji's variants (a kanji is rare enough), or
// its first two kana in katakana and in hiragana (one kana is in every
// sentence).
func startsOf(want string, mode foldMode) []string {
	if want == "" {
		return nil
	}
	r := firstRune(want)
	switch {
	case isDigitRune(r) || r == '-':
		return nil // an address's digits: kanji numerals fold to them too
	case isKatakana(r):
		rs := []rune(want)[:min(2, len([]rune(want)))]
		kata := string(rs)
		hira := []rune(kata)
		for i, k := range hira {
			if k >= 0x30A1 && k <= 0x30F6 {
				hira[i] = k - 0x60
			}
		}
		return []string{kata, string(hira)}
	}
	out := []string{string(r)}
	if mode == foldName {
		for _, v := range variants.Within(r) {
			out = append(out, string(v))
		}
	}
	return out
}

// indexFold returns the index of the ASCII string sub (lower case) in s
// from from on, ASCII case-insensitively, or -1. It does not allocate.
func indexFold(s, sub string, from int) int {
	if sub == "" {
		return -1
	}
	c0, C0 := sub[0], sub[0]
	if c0 >= 'a' && c0 <= 'z' {
		C0 = c0 - ('a' - 'A')
	}
	for i := from; i+len(sub) <= len(s); i++ {
		if (s[i] == c0 || s[i] == C0) && strings.EqualFold(s[i:i+len(sub)], sub) {
			return i
		}
	}
	return -1
}

// eachFolded calls fn at every place of t's text where the text, folded
// by mode, starts with want: with the folded text from there on (a window
// long enough for want and what follows it), a function that maps a byte
// offset of it back to t.Norm, and the rune before the place. Only the
// windows after one of starts are folded, so the cost follows the
// occurrences of a rare prefix, not the text's length.
func eachFolded(t *detectors.Text, mode foldMode, want string, starts []string, fn func(f string, at func(int) int, prev rune)) {
	s := t.Norm
	if want == "" {
		return
	}
	if len(starts) == 0 {
		// No rare prefix (an address that starts with a number): the text
		// is folded whole, once.
		f := fold(s, mode)
		for from := 0; from < len(f.s); {
			i := strings.Index(f.s[from:], want)
			if i < 0 {
				return
			}
			i += from
			prev := rune(-1)
			if i > 0 {
				prev = lastRune(f.s[:i])
			}
			fn(f.s[i:], func(k int) int { return f.src[i+k] }, prev)
			from = i + len(want)
		}
		return
	}
	// A short window first: most places where a prefix recurs differ from
	// want within a few runes (hostile text repeats one kanji a million
	// times), and only a place that may match pays for the long window.
	short, window := len(want)+16, 4*len(want)+64
	for _, p := range starts {
		for from := 0; from < len(s); {
			i := strings.Index(s[from:], p)
			if i < 0 {
				break
			}
			i += from
			from = i + len(p)
			if f := fold(s[i:min(len(s), i+short)], mode); !strings.HasPrefix(f.s, want) && !strings.HasPrefix(want, f.s) {
				continue
			}
			f := fold(s[i:min(len(s), i+window)], mode)
			if strings.HasPrefix(f.s, want) {
				prev := rune(-1)
				if i > 0 {
					prev = lastRune(s[:i])
				}
				fn(f.s, func(k int) int { return i + f.src[k] }, prev)
			}
		}
	}
}

// span is the candidate of want at the start of a folded window.
func span(t *detectors.Text, at func(int) int, want string, reasons ...string) detectors.Candidate {
	last := at(len(want) - 1)
	return detectors.Candidate{Start: at(0), End: last + 1 + trailing(t.Norm, last), Reasons: reasons}
}

// trailing is the number of bytes of the rune at s[i] after its first.
func trailing(s string, i int) int {
	n := 1
	for i+n < len(s) && s[i+n]&0xC0 == 0x80 {
		n++
	}
	return n - 1
}

// findName finds the full name, and the surname alone followed by
// another given name (a family member).
func (q *Query) findName(t *detectors.Text) []detectors.Candidate {
	var out []detectors.Candidate
	first := q.name
	if q.surname != "" && q.given != "" {
		first = q.surname
	}
	eachFolded(t, foldName, first, q.nameFirsts, func(f string, at func(int) int, prev rune) {
		if !notInsideName(prev) {
			return
		}
		switch {
		case strings.HasPrefix(f, q.name):
			out = append(out, span(t, at, q.name, "full name"))
		case first == q.surname && givenNameAt(f[len(q.surname):]):
			out = append(out, span(t, at, q.surname, kindSurnameOnly))
		}
	})
	return out
}

// foldedHonorifics follow a surname alone, folded (さん → サン).
var foldedHonorifics = []string{"様", "殿", "氏", "君", "サン", "サマ", "クン", "チャン", "先生"}

// givenNameAt reports a given name at the start of the folded f: kanji
// or kana that is no honorific (髙橋様 names her by surname alone).
func givenNameAt(f string) bool {
	r := firstRune(f)
	if !isHan(r) && !isKatakana(r) {
		return false
	}
	for _, h := range foldedHonorifics {
		if strings.HasPrefix(f, h) {
			return false
		}
	}
	return true
}

// notInsideName reports that a name found after the rune prev does not
// continue a longer run of kanji (山田 in 小山田); -1 is the text's start.
// A label (氏名山田花子) is not told from a longer name: such a text needs
// its colon.
func notInsideName(prev rune) bool { return prev < 0 || !isHan(prev) }

func (q *Query) findKana(t *detectors.Text) []detectors.Candidate {
	var out []detectors.Candidate
	eachFolded(t, foldKana, q.kana, q.kanaFirsts, func(f string, at func(int) int, prev rune) {
		// Not inside a longer kana word: タカハシミサキコ is someone else.
		if prev >= 0 && (isKatakana(prev) || prev >= 0x3041 && prev <= 0x3096) || len(f) > len(q.kana) && isKatakana(firstRune(f[len(q.kana):])) {
			return
		}
		out = append(out, span(t, at, q.kana, "name in kana"))
	})
	return out
}

func (q *Query) findEmail(t *detectors.Text) []detectors.Candidate {
	if strings.IndexByte(t.Norm, '@') < 0 {
		return nil
	}
	return findASCIIWords(t.Norm, q.emails, func(s string, i, j int) bool {
		// A sentence's full stop may follow an address.
		return (i == 0 || !emailByte(lower(s[i-1]))) && (j == len(s) || !emailByte(lower(s[j])) || s[j] == '.' && (j+1 == len(s) || !emailByte(lower(s[j+1]))))
	}, "e-mail address")
}

// findASCIIWords finds every word of words (lower case ASCII) in s,
// ASCII-case-insensitively and in place, where whole(s, i, j) says the
// occurrence s[i:j] stands alone.
func findASCIIWords(s string, words []string, whole func(s string, i, j int) bool, reason string) []detectors.Candidate {
	var out []detectors.Candidate
	for _, w := range words {
		for from := 0; ; {
			i := indexFold(s, w, from)
			if i < 0 {
				break
			}
			j := i + len(w)
			if whole(s, i, j) {
				out = append(out, detectors.Candidate{Start: i, End: j, Reasons: []string{reason}})
			}
			from = j
		}
	}
	return out
}

func emailByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || strings.IndexByte(".-_+%", c) >= 0
}

// findPhone finds runs of digits and separators whose digits, with +81
// read as 0, are one of the query's numbers.
func (q *Query) findPhone(t *detectors.Text) []detectors.Candidate {
	var out []detectors.Candidate
	s := t.Norm
	for i := 0; i < len(s); {
		if !(s[i] >= '0' && s[i] <= '9' || s[i] == '+' || s[i] == '(') || i > 0 && s[i-1] >= '0' && s[i-1] <= '9' {
			i++
			continue
		}
		j, digits := i, 0
		for j < len(s) && digits <= 13 && (s[j] >= '0' && s[j] <= '9' || strings.IndexByte("+-() .", s[j]) >= 0) {
			if s[j] >= '0' && s[j] <= '9' {
				digits++
			}
			j++
		}
		end := strings.TrimRight(s[i:j], "-() .")
		d := phoneDigits(end)
		for _, p := range q.phones {
			if d == p {
				out = append(out, detectors.Candidate{Start: i, End: i + len(end), Reasons: []string{"phone number"}})
				break
			}
		}
		i = max(j, i+1)
	}
	return out
}

func (q *Query) findBirthDate(t *detectors.Text) []detectors.Candidate {
	var out []detectors.Candidate
	birthdate.EachDate(t.Norm, func(start, end, y, m, d int) bool {
		if (date{y, m, d}) == q.birth {
			out = append(out, detectors.Candidate{Start: start, End: end, Reasons: []string{"birth date"}})
		}
		return true
	})
	return out
}

// findAddress finds the address, with or without its prefecture, its
// block numbers in kanji or digits; a building name may follow it.
func (q *Query) findAddress(t *detectors.Text) []detectors.Candidate {
	var out []detectors.Candidate
	eachFolded(t, foldAddress, q.address, q.addressFirsts, func(f string, at func(int) int, _ rune) {
		// 1-2-3 must not go on as 1-2-34.
		if len(f) > len(q.address) && isDigitRune(firstRune(f[len(q.address):])) {
			return
		}
		out = append(out, span(t, at, q.address, "address"))
	})
	return out
}

func (q *Query) findMemberID(t *detectors.Text) []detectors.Candidate {
	return findASCIIWords(t.Norm, q.memberIDs, func(s string, i, j int) bool {
		return (i == 0 || !idByte(lower(s[i-1]))) && (j == len(s) || !idByte(lower(s[j])))
	}, "member ID")
}

func idByte(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' }

func (q *Query) findMyNumber(t *detectors.Text) []detectors.Candidate {
	var out []detectors.Candidate
	s := t.Norm
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' || i > 0 && s[i-1] >= '0' && s[i-1] <= '9' {
			continue
		}
		j, digits := i, 0
		for j < len(s) && digits < 12 && (s[j] >= '0' && s[j] <= '9' || (s[j] == ' ' || s[j] == '-') && j+1 < len(s) && s[j+1] >= '0' && s[j+1] <= '9') {
			if s[j] >= '0' && s[j] <= '9' {
				digits++
			}
			j++
		}
		if digits == 12 && (j == len(s) || s[j] < '0' || s[j] > '9') && detectors.DigitsOf(s[i:j]) == q.myNumber {
			out = append(out, detectors.Candidate{Start: i, End: j, Reasons: []string{"My Number"}})
		}
		i = j - 1
	}
	return out
}

func lower(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + ('a' - 'A')
	}
	return c
}
