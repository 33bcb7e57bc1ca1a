package lookup

import (
	"strconv"
	"strings"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/detectors/birthdate"
	"github.com/pmscan/pmscan/reports/policy"
	"github.com/pmscan/pmscan/scanner"
)

// A record is what one person's data sits together in: a table row, a
// CSV or JSON Lines line, an element of a JSON document's outermost array,
// a line of text, a spreadsheet row, a paragraph of a document. Its
// identifiers are judged together.

// recordKey names the record that l is in: l without its column (and,
// in a spreadsheet, without the cell's column letters).
func recordKey(l connectors.Location) string {
	var b strings.Builder
	if l.Object != nil {
		b.WriteString(l.Object.Name())
	}
	b.WriteByte(0)
	if l.Record > 0 {
		// A JSON document's array element: its values' lines differ.
		b.WriteString("record ")
		b.WriteString(strconv.FormatInt(l.Record, 10))
		return b.String()
	}
	b.WriteString(string(l.Row))
	b.WriteByte(0)
	b.WriteString(strconv.FormatInt(l.RowNumber, 10))
	b.WriteByte(0)
	b.WriteString(strconv.FormatInt(l.Line, 10))
	b.WriteByte(0)
	b.WriteString(l.Sheet)
	b.WriteByte(0)
	b.WriteString(strings.TrimLeft(l.Cell, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
	b.WriteByte(0)
	b.WriteString(l.Part)
	b.WriteByte(0)
	b.WriteString(strconv.Itoa(l.Paragraph))
	return b.String()
}

// recordLocation is l as the record's location: without the column, and
// a spreadsheet cell as its row (A12 → 12).
func recordLocation(l connectors.Location) connectors.Location {
	l.Column = ""
	if l.Cell != "" {
		l.Cell = strings.TrimLeft(l.Cell, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
	}
	return l
}

// objectName names l's object as every report does, "" for none.
func objectName(l connectors.Location) string {
	if l.Object == nil {
		return ""
	}
	return l.Object.Name()
}

type hit struct {
	kind        Kind
	column      string
	value       string // raw; shown only with ShowData
	masked      string
	surnameOnly bool
}

type record struct {
	key    string
	loc    connectors.Location
	hits   []hit
	names  []string // values of the names found in it
	births []date   // birth dates found in it
}

// Collector is the scanner sink of a lookup: it gathers each record's
// findings as the record's items go by (a record's items come together)
// and judges the record when the next begins, so that it keeps only the
// records that hold one of the query's identifiers.
type Collector struct {
	q        *Query
	showData bool
	policy   *policy.Policy
	cur      *record
	res      *Result
}

// NewCollector returns a sink for a lookup of q. The scan must run with
// ShowData, so that names and birth dates can be compared; the result
// shows values only when showData.
func NewCollector(q *Query, pol *policy.Policy, showData bool) *Collector {
	return &Collector{q: q, showData: showData, policy: pol, res: &Result{Query: q.Kinds(), Matches: []Record{}, PossibleMatches: []Record{}, NearMisses: []Record{}, Problems: []Problem{}}}
}

var _ scanner.Sink = (*Collector)(nil)

// Finding implements scanner.Sink.
func (c *Collector) Finding(f *scanner.Finding) error {
	if k := recordKey(f.Location); c.cur == nil || c.cur.key != k {
		c.flush()
		c.cur = &record{key: k, loc: recordLocation(f.Location)}
	}
	r := c.cur
	switch {
	case strings.HasPrefix(f.Type, matchPrefix):
		r.hits = append(r.hits, hit{kind: Kind(strings.TrimPrefix(f.Type, matchPrefix)), column: f.Location.Column,
			value: f.Value, masked: f.Masked, surnameOnly: f.Kind == kindSurnameOnly})
	case f.Type == "person_name":
		r.names = append(r.names, f.Value)
	case f.Type == "birth_date":
		birthdate.EachDate(detectors.Normalize(f.Value), func(_, _, y, m, d int) bool {
			r.births = append(r.births, date{y, m, d})
			return false
		})
	}
	return nil
}

// Object implements scanner.Sink.
func (c *Collector) Object(*connectors.Object, connectors.ObjectStats) error {
	c.flush()
	c.res.Objects++
	return nil
}

// maxProblems bounds the problems a result lists; it counts the rest.
const maxProblems = 1000

// Problem implements scanner.Sink: an item or object not read is listed,
// since what it holds was not searched.
func (c *Collector) Problem(p scanner.Problem) error {
	if len(c.res.Problems) >= maxProblems {
		c.res.MoreProblems++
		return nil
	}
	pr := Problem{Object: objectName(p.Location), Location: p.Location.Flat(), Skipped: p.Skipped}
	if p.Err != nil {
		pr.Error = p.Err.Error()
	}
	c.res.Problems = append(c.res.Problems, pr)
	return nil
}

// Result ends the collection and returns what it found.
func (c *Collector) Result() *Result {
	c.flush()
	return c.res
}

func (c *Collector) flush() {
	r := c.cur
	c.cur = nil
	if r == nil || len(r.hits) == 0 {
		return
	}
	c.add(r, c.q.judge(r))
}

// add lists r as j says, if j lists it.
func (c *Collector) add(r *record, j judgement) {
	if j.verdict == "" {
		return
	}
	out := Record{Object: objectName(r.loc), Position: r.loc.Position(), Location: r.loc.Flat(), Strength: j.strength, Reason: j.reason, Shared: j.shared, Why: j.why(), Matched: []Matched{}}
	for _, h := range r.hits {
		if h.surnameOnly {
			continue
		}
		v := h.masked
		if c.showData && h.value != "" {
			v = h.value
		}
		m := Matched{Kind: h.kind, Column: h.column, Value: v, Item: c.itemOf(h)}
		out.Entrusted = out.Entrusted || m.Item != nil && m.Item.Entrusted
		out.Matched = append(out.Matched, m)
	}
	switch j.verdict {
	case verdictMatch:
		c.res.Matches = append(c.res.Matches, out)
	case verdictPossible:
		c.res.PossibleMatches = append(c.res.PossibleMatches, out)
	case verdictNearMiss:
		c.res.NearMisses = append(c.res.NearMisses, out)
	}
}

// findingTypes are the detector types whose policy items hold each kind.
var findingTypes = map[Kind]string{
	KindName: "person_name", KindKana: "person_name", KindEmail: "email", KindPhone: "phone",
	KindBirthDate: "birth_date", KindAddress: "address", KindMemberID: "user_id", KindMyNumber: "my_number",
}

// itemOf is the policy's item that h is held as, or nil when the policy
// has none for it (or there is no policy).
func (c *Collector) itemOf(h hit) *Item {
	if c.policy == nil {
		return nil
	}
	it, err := c.policy.ItemFor(findingTypes[h.kind], "", h.column)
	if err != nil || it == nil {
		return nil
	}
	return &Item{ID: it.ID, Name: it.Name, Class: it.Class, Purpose: it.Purpose, DisclosureTarget: it.DisclosureTarget,
		Entrusted: it.Entrusted, Retention: it.Retention.Text, Department: it.Department}
}

const (
	verdictMatch    = "match"
	verdictPossible = "possible"
	verdictNearMiss = "near_miss"
)

// Reasons a record is listed, as the JSON names them.
const (
	reasonStrong      = "strong_identifier"
	reasonTwoWeak     = "two_weak_identifiers"
	reasonNameOnly    = "name_only"
	reasonFamily      = "family_member"
	reasonOtherPerson = "another_person"
	reasonOtherBirth  = "another_birth_date"
)

// judgement is what judge makes of a record.
type judgement struct {
	verdict, strength, reason string
	shared                    []Kind // the query's identifiers the record holds
}

// why says a judgement in English, for the JSON and CSV.
func (j judgement) why() string {
	shared := make([]string, len(j.shared))
	for i, k := range j.shared {
		shared[i] = string(k)
	}
	list := strings.Join(shared, ", ")
	switch j.reason {
	case reasonFamily:
		return "a family member: same surname, another given name; shares " + list
	case reasonOtherPerson:
		return "another person's record (another name) that shares " + list
	case reasonOtherBirth:
		return "the same name with another birth date"
	case reasonNameOnly:
		return "the name alone: check it is the same person"
	}
	return "matched " + list
}

// evidence is what a record shows: the query's identifiers it holds, and
// whether it names someone else (one of the family: the query's surname
// and another given name; anyone else) or another birth date.
type evidence struct {
	has                       map[Kind]bool
	family, other, otherBirth bool
}

// judge decides what a record found live is (see verdict).
func (q *Query) judge(r *record) judgement {
	ev := evidence{has: map[Kind]bool{}}
	surnameOnly := false
	for _, h := range r.hits {
		if h.surnameOnly {
			surnameOnly = true
			continue
		}
		ev.has[h.kind] = true
	}
	ev.family, ev.other = q.otherPeople(r, ev.has[KindName] || ev.has[KindKana], surnameOnly)
	if q.birth.y != 0 && !ev.has[KindBirthDate] {
		for _, b := range r.births {
			ev.otherBirth = ev.otherBirth || b != q.birth
		}
	}
	return q.verdict(ev)
}

// verdict decides what a record with hits is: a match (one strong
// identifier, or two weaker ones: the name, the birth date, the address),
// a possible match (the name alone), a near miss (another person: another
// name beside the identifiers it shares, the same name with another birth
// date), or nothing worth listing (one weak identifier that is not the
// name, or only the surname). Live lookups and lookups from the index
// judge alike; only how they gather the evidence differs.
func (q *Query) verdict(ev evidence) judgement {
	has := ev.has
	nameHit := has[KindName] || has[KindKana]
	var strongKinds, weakKinds []Kind
	for _, k := range q.Kinds() {
		switch {
		case !has[k]:
		case strong[k]:
			strongKinds = append(strongKinds, k)
		case k == KindKana && has[KindName]:
			// the name again, in kana
		default:
			weakKinds = append(weakKinds, k)
		}
	}
	shared := append(strongKinds, weakKinds...)
	switch {
	case len(shared) > 0 && !nameHit && ev.family:
		// 山田 太郎 at 山田 花子's address: told apart, listed.
		return judgement{verdictNearMiss, "", reasonFamily, shared}
	case (len(strongKinds) > 0 || len(weakKinds) >= 2) && !nameHit && ev.other:
		return judgement{verdictNearMiss, "", reasonOtherPerson, shared}
	case nameHit && ev.otherBirth:
		return judgement{verdictNearMiss, "", reasonOtherBirth, shared}
	case len(strongKinds) > 0:
		return judgement{verdictMatch, "strong", reasonStrong, shared}
	case len(weakKinds) >= 2:
		return judgement{verdictMatch, "two weak", reasonTwoWeak, shared}
	case nameHit:
		return judgement{verdictPossible, "name only", reasonNameOnly, shared}
	}
	return judgement{}
}

// otherPeople reports whether the record names someone other than the
// query's person: one with the query's surname and another given name
// (family), or anyone else (other). Without a name in the query it cannot
// tell, and says neither.
func (q *Query) otherPeople(r *record, nameHit, surnameOnly bool) (family, other bool) {
	if q.name == "" || nameHit {
		return false, false
	}
	family = surnameOnly
	for _, v := range r.names {
		f := Fold(v, foldName)
		switch {
		case f == q.name || f == q.surname || q.kana != "" && Fold(v, foldKana) == q.kana:
			// our person, or the surname alone
		case q.surname != "" && strings.HasPrefix(f, q.surname):
			family = true
		default:
			other = true
		}
	}
	return family, other
}
