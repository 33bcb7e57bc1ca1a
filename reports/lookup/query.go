// Package lookup finds the records that one person's data is in, for a
// disclosure request (開示等の請求): what the requester gave (names in kanji
// and kana, e-mail addresses, phone numbers, a birth date, an address,
// member IDs, a My Number), folded so that the spellings real data holds
// compare equal, matched in every record (a row, a CSV line, a JSON
// object, a line of text) of the stores searched, and each record judged:
// a match (one strong identifier, or two weaker ones), a possible match
// (a name alone), or a near miss (someone else: the same name with another
// birth date, a family member at the same address, another name beside
// the same phone).
package lookup

import (
	"errors"
	"fmt"
	"strings"

	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/detectors/address"
	"github.com/pmscan/pmscan/detectors/birthdate"
	"github.com/pmscan/pmscan/detectors/checkdigit"
)

// Kind is a kind of identifier a requester gives.
type Kind string

const (
	KindName      Kind = "name"
	KindKana      Kind = "kana"
	KindEmail     Kind = "email"
	KindPhone     Kind = "phone"
	KindBirthDate Kind = "birth_date"
	KindAddress   Kind = "address"
	KindMemberID  Kind = "member_id"
	KindMyNumber  Kind = "my_number"
)

// strong identifiers name one person on their own; the others need a
// second (a name and a birth date, a name and an address).
var strong = map[Kind]bool{KindEmail: true, KindPhone: true, KindMemberID: true, KindMyNumber: true}

// Input is what the requester gave, as typed.
type Input struct {
	Name, Kana, BirthDate, Address, MyNumber string
	Emails, Phones, MemberIDs                []string
}

// Query is an Input folded for matching.
type Query struct {
	name, surname, given string // folded; given is "" when the name had no space
	kana                 string
	emails               []string
	phones               []string
	birth                date
	address              string // folded, without the prefecture
	memberIDs            []string
	myNumber             string
	// the strings of normalised text that fold to the start of the name,
	// the kana and the address: a text without one is not folded
	nameFirsts, kanaFirsts, addressFirsts []string
}

type date struct{ y, m, d int }

func (d date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.y, d.m, d.d) }

// Parse checks and folds in. An identifier that cannot be what it says
// (a phone without enough digits, a date that is none) is an error.
func Parse(in Input) (*Query, error) {
	q := &Query{}
	var errs []error
	if in.Name != "" {
		n := detectors.Normalize(strings.TrimSpace(in.Name))
		q.name = fold(n, foldName).s
		if sur, giv, ok := strings.Cut(strings.ReplaceAll(n, "\u3000", " "), " "); ok {
			q.surname, q.given = fold(sur, foldName).s, fold(giv, foldName).s
		}
		if q.name == "" {
			errs = append(errs, errors.New("-name is empty"))
		}
	}
	if in.Kana != "" {
		q.kana = Fold(in.Kana, foldKana)
		for _, r := range q.kana {
			if !(r >= 0x30A1 && r <= 0x30FA || r == 'ー') {
				errs = append(errs, fmt.Errorf("-kana %q: want katakana or hiragana", in.Kana))
				break
			}
		}
	}
	for _, e := range in.Emails {
		e = strings.ToLower(detectors.Normalize(strings.TrimSpace(e)))
		if at := strings.IndexByte(e, '@'); at <= 0 || at == len(e)-1 {
			errs = append(errs, fmt.Errorf("-email %q: not an e-mail address", e))
			continue
		}
		q.emails = append(q.emails, e)
	}
	for _, p := range in.Phones {
		d := phoneDigits(detectors.Normalize(p))
		if len(d) < 10 || len(d) > 11 {
			errs = append(errs, fmt.Errorf("-phone %q: want a Japanese number of 10 or 11 digits", p))
			continue
		}
		q.phones = append(q.phones, d)
	}
	if in.BirthDate != "" {
		found := false
		birthdate.EachDate(detectors.Normalize(in.BirthDate), func(_, _, y, m, d int) bool {
			q.birth, found = date{y, m, d}, true
			return false
		})
		if !found {
			errs = append(errs, fmt.Errorf("-birth-date %q: want 1990-02-03, 1990年2月3日 or 平成2年2月3日", in.BirthDate))
		}
	}
	if in.Address != "" {
		rest, _ := address.CutPrefecture(detectors.Normalize(in.Address))
		q.address = fold(rest, foldAddress).s
	}
	for _, id := range in.MemberIDs {
		if id = strings.ToLower(detectors.Normalize(strings.TrimSpace(id))); id != "" {
			q.memberIDs = append(q.memberIDs, id)
		}
	}
	if in.MyNumber != "" {
		d := detectors.DigitsOf(detectors.Normalize(in.MyNumber))
		if len(d) != 12 || !checkdigit.ValidMyNumber(d) {
			errs = append(errs, errors.New("-my-number: not a valid My Number (12 digits with its check digit)"))
		}
		q.myNumber = d
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	q.nameFirsts = startsOf(q.name, foldName)
	q.kanaFirsts = startsOf(q.kana, foldKana)
	q.addressFirsts = startsOf(q.address, foldAddress)
	if len(q.Kinds()) == 0 {
		return nil, errors.New("give at least one identifier: -name, -kana, -email, -phone, -birth-date, -address, -member-id or -my-number")
	}
	return q, nil
}

// Kinds lists the kinds of identifier q holds, in a fixed order.
func (q *Query) Kinds() []Kind {
	var ks []Kind
	add := func(ok bool, k Kind) {
		if ok {
			ks = append(ks, k)
		}
	}
	add(q.name != "", KindName)
	add(q.kana != "", KindKana)
	add(len(q.emails) > 0, KindEmail)
	add(len(q.phones) > 0, KindPhone)
	add(q.birth.y != 0, KindBirthDate)
	add(q.address != "", KindAddress)
	add(len(q.memberIDs) > 0, KindMemberID)
	add(q.myNumber != "", KindMyNumber)
	return ks
}

// eachIdentifier calls fn with each identifier q holds, folded, in a
// fixed order: the audit trail's hashes keep it.
func (q *Query) eachIdentifier(fn func(kind Kind, folded string)) {
	add := func(kind Kind, folded string) {
		if folded != "" {
			fn(kind, folded)
		}
	}
	add(KindName, q.name)
	add(KindKana, q.kana)
	for _, e := range q.emails {
		add(KindEmail, e)
	}
	for _, p := range q.phones {
		add(KindPhone, p)
	}
	if q.birth.y != 0 {
		add(KindBirthDate, q.birth.String())
	}
	add(KindAddress, q.address)
	for _, id := range q.memberIDs {
		add(KindMemberID, id)
	}
	add(KindMyNumber, q.myNumber)
}

// phoneDigits returns a phone number's digits, +81 written as a leading 0.
func phoneDigits(s string) string {
	d := detectors.DigitsOf(s)
	if t := strings.TrimSpace(s); strings.HasPrefix(t, "+81") || strings.HasPrefix(t, "+ 81") {
		d = "0" + strings.TrimPrefix(strings.TrimPrefix(d, "81"), "0")
	}
	return d
}
