package lookup

import (
	"strings"

	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/detectors/birthdate"
	"github.com/pmscan/pmscan/detectors/personname"
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

// findFolded finds every occurrence of want in t's text folded by mode.
// whole, when set, says whether an occurrence stands alone.
func findFolded(t *detectors.Text, mode foldMode, want string, whole func(f string, i, j int) bool, reasons ...string) []detectors.Candidate {
	if want == "" {
		return nil
	}
	f := fold(t.Norm, mode)
	var out []detectors.Candidate
	for from := 0; from < len(f.s); {
		i := strings.Index(f.s[from:], want)
		if i < 0 {
			break
		}
		i += from
		j := i + len(want)
		if whole == nil || whole(f.s, i, j) {
			out = append(out, detectors.Candidate{Start: f.src[i], End: f.src[j-1] + 1 + trailing(t.Norm, f.src[j-1]), Reasons: reasons})
		}
		from = j
	}
	return out
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
	out := findFolded(t, foldName, q.name, notInsideName, "full name")
	if q.surname == "" || q.given == "" {
		return out
	}
	f := fold(t.Norm, foldName)
	for from := 0; from < len(f.s); {
		i := strings.Index(f.s[from:], q.surname)
		if i < 0 {
			break
		}
		i += from
		j := i + len(q.surname)
		if !strings.HasPrefix(f.s[j:], q.given) && notInsideName(f.s, i, j) && givenNameAt(f.s[j:]) {
			out = append(out, detectors.Candidate{Start: f.src[i], End: f.src[j-1] + 1 + trailing(t.Norm, f.src[j-1]), Reasons: []string{kindSurnameOnly}})
		}
		from = j
	}
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

// notInsideName reports that f[i:j] does not continue a longer run of
// kanji before it (山田 in 小山田): a label or punctuation may precede it.
func notInsideName(f string, i, _ int) bool {
	if i == 0 {
		return true
	}
	r := lastRune(f[:i])
	return !isHan(r) || strings.HasSuffix(f[:i], "氏名") || strings.HasSuffix(f[:i], "名前")
}

func (q *Query) findKana(t *detectors.Text) []detectors.Candidate {
	return findFolded(t, foldKana, q.kana, func(f string, i, j int) bool {
		return (i == 0 || !isKatakana(lastRune(f[:i]))) && (j == len(f) || !isKatakana(firstRune(f[j:])))
	}, "name in kana")
}

func (q *Query) findEmail(t *detectors.Text) []detectors.Candidate {
	var out []detectors.Candidate
	low := strings.ToLower(t.Norm) // ASCII lowering keeps offsets
	for _, e := range q.emails {
		for from := 0; from < len(low); {
			i := strings.Index(low[from:], e)
			if i < 0 {
				break
			}
			i += from
			j := i + len(e)
			if (i == 0 || !emailByte(low[i-1])) && (j == len(low) || !emailByte(low[j]) || low[j] == '.' && (j+1 == len(low) || !emailByte(low[j+1]))) {
				out = append(out, detectors.Candidate{Start: i, End: j, Reasons: []string{"e-mail address"}})
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
	return findFolded(t, foldAddress, q.address, func(f string, _, j int) bool {
		// 1-2-3 must not go on as 1-2-34.
		return j == len(f) || !isDigitRune(firstRune(f[j:]))
	}, "address")
}

func (q *Query) findMemberID(t *detectors.Text) []detectors.Candidate {
	var out []detectors.Candidate
	low := strings.ToLower(t.Norm)
	for _, id := range q.memberIDs {
		for from := 0; from < len(low); {
			i := strings.Index(low[from:], id)
			if i < 0 {
				break
			}
			i += from
			j := i + len(id)
			if (i == 0 || !idByte(low[i-1])) && (j == len(low) || !idByte(low[j])) {
				out = append(out, detectors.Candidate{Start: i, End: j, Reasons: []string{"member ID"}})
			}
			from = j
		}
	}
	return out
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
		if digits == 12 && (j == len(s) || s[j] < '0' || s[j] > '9') && digitsOnly(s[i:j]) == q.myNumber {
			out = append(out, detectors.Candidate{Start: i, End: j, Reasons: []string{"My Number"}})
		}
		i = j - 1
	}
	return out
}
