package lookup

import (
	"github.com/pmscan/pmscan/reports/policy"
	"github.com/pmscan/pmscan/scanner"
)

// IndexSearch judges the records a lookup without targets reads back
// from the state store's lookup index: every entry of each record that
// holds one of the query's keyed hashes. A record is judged
// as a live lookup judges it, from the hashes instead of the values: the
// query's identifiers it holds, the names in it that are not the query's
// (a family member where the surname's hash is the query's surname's),
// the birth dates that are not its.
type IndexSearch struct {
	c      *Collector
	hashes map[uint64]Kind
	// surname is the hash of the query's surname as a name's surname;
	// surnameName of the surname written alone, which says no one else.
	surname, surnameName uint64
	seen                 map[string]bool
}

// NewIndexSearch returns the search for q in an index keyed by x.
func NewIndexSearch(q *Query, x *Index, pol *policy.Policy, showData bool) *IndexSearch {
	return &IndexSearch{c: NewCollector(q, pol, showData), hashes: q.IndexHashes(x),
		surname: x.hash(kindSurname, q.surname), surnameName: x.hash(KindName, q.surname), seen: map[string]bool{}}
}

// Hashes lists the hashes whose findings to read back.
func (s *IndexSearch) Hashes() []uint64 {
	out := make([]uint64, 0, len(s.hashes))
	for h := range s.hashes {
		out = append(out, h)
	}
	return out
}

// Record judges one record read back from the index: its entries as
// findings (store.SearchIndex), once however often it is handed over.
func (s *IndexSearch) Record(fs []scanner.Finding) {
	if len(fs) > 0 {
		s.record(recordKey(fs[0].Location), fs)
	}
}

func (s *IndexSearch) record(key string, fs []scanner.Finding) {
	q := s.c.q
	r := &record{key: key, loc: recordLocation(fs[0].Location)}
	ev := evidence{has: map[Kind]bool{}}
	surnameOnly := false
	for i := range fs {
		f := &fs[i]
		if k, ok := s.hashes[f.LookupHash]; ok && f.LookupHash != 0 {
			ev.has[k] = true
			r.hits = append(r.hits, hit{kind: k, column: f.Location.Column, value: f.Value, masked: f.Masked})
			continue
		}
		switch f.Type {
		case "person_name":
			switch {
			case q.name == "" || f.LookupHash == 0 || f.LookupHash == s.surnameName:
				// no name to tell others by, or the surname alone
			case s.surname != 0 && f.LookupSurname == s.surname:
				surnameOnly = true
			default:
				ev.other = true
			}
		case "birth_date":
			ev.otherBirth = ev.otherBirth || q.birth.y != 0 && f.LookupHash != 0
		}
	}
	if len(r.hits) == 0 || s.seen[key] {
		return
	}
	s.seen[key] = true
	nameHit := ev.has[KindName] || ev.has[KindKana]
	if nameHit {
		ev.other = false
	}
	ev.family = surnameOnly && !nameHit
	ev.otherBirth = ev.otherBirth && !ev.has[KindBirthDate]
	s.c.add(r, q.verdict(ev))
}

// Result returns what the search found; the caller adds what it searched.
func (s *IndexSearch) Result() *Result { return s.c.res }
