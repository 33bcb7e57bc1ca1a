package personname

import (
	"slices"
	"strings"

	"github.com/pmscan/pmscan/detectors"
)

// Names listed with a name found: 宮崎も佐渡も, 喜蔵も甲助《こうすけ》も,
// 長吉め文次め丑松め. A list is evidence for its items there, and where an
// item acts (佐渡が言った) or the dictionary has it only as a given name,
// beyond.

// coordinated adds the kanji names the lexicon knows that prose puts
// beside a name found, joined by a particle of a list: 宮崎も佐渡も,
// 佐渡と宮崎とは, 長吉や丑松が. The join is the particle and the name
// before another (宮崎も佐渡も) or before a particle that a subject or a
// list takes (佐渡と宮崎とは … 佐渡と) — not 山田さんと大阪へ.
func (p *prose) coordinated(from int) []string {
	s := p.t.Norm
	var found []detectors.Candidate
	seeds := slices.Clone(p.out[from:])
	for k := 0; k < len(seeds); k++ {
		c := seeds[k]
		if c.Confidence < detectors.Medium || !allHan(s[c.Start:c.End]) {
			continue
		}
		// After the name (and its reading): 宮崎も佐渡も; with scorn, 長吉め文次め.
		if e := readingEnd(s, c.End); e < len(s) && strings.ContainsRune(listJoins, rune0(s[e:])) {
			r, size := decodeRune(s[e:])
			a := e + size
			b := hanEnd(s, a)
			if (r != 'め' || scornAt(s, a)) && p.coordinatedName(a, b, r) && !slices.ContainsFunc(found, func(f detectors.Candidate) bool { return f.Start == a }) {
				f := detectors.Candidate{Start: a, End: b, Confidence: detectors.Medium, Reasons: []string{"name in dictionary", reasonCoordinated}}
				found = append(found, f)
				if r == 'め' {
					seeds = append(seeds, f) // a list of scorn runs on: 文次め丑松め
				}
			}
		}
		// Before it: 佐渡と宮崎とは.
		if r, size := decodeLastRune(s[:c.Start]); c.Start > 0 && strings.ContainsRune(listJoins, r) {
			b := c.Start - size
			a := runStart(s, b, isHan)
			// 喜蔵も甲助《こうすけ》も: the found name's reading comes first.
			if a < b && !isHanBefore(s, a) && p.coordinatedName(a, b, 0) && hasPrefixAny(s[readingEnd(s, c.End):], []string{string(r), "は", "が"}) {
				found = append(found, detectors.Candidate{Start: a, End: b, Confidence: detectors.Medium, Reasons: []string{"name in dictionary", reasonCoordinated}})
			}
		}
	}
	var names []string
	for _, f := range found {
		if !p.covered(f.Start, f.End) {
			p.out = append(p.out, f)
			names = append(names, s[f.Start:f.End])
		}
	}
	for _, f := range found {
		p.subjectMentions(s[f.Start:f.End])
	}
	return names
}

const reasonSubject = "a name listed with a found one, where it is a clause's subject"

// subjectMentions adds the mentions of a name the text lists with a found
// one (宮崎も佐渡も) where it is the subject of a clause: before が or は and
// no adjective (佐渡が言った, 佐渡は構わぬ; not 佐渡は遠い, 佐渡へ渡る, 佐渡の国府).
// A person named for where they come from shares the word with the place;
// what the word does tells them apart.
func (p *prose) subjectMentions(w string) {
	s := p.t.Norm
	for m := range occurrences(s, w) {
		e := m + len(w)
		if isHanBefore(s, m) || e+3 > len(s) || s[e:e+3] != "が" && s[e:e+3] != "は" || p.covered(m, e) {
			continue
		}
		toks := sharedTokenizer().Tokenize(s[e+3 : min(len(s), e+3+8*3)])
		if len(toks) > 0 {
			if pos, _ := toks[0].FeatureAt(0); pos == "形容詞" {
				continue // 佐渡は遠い
			}
		}
		p.out = append(p.out, detectors.Candidate{Start: m, End: e, Confidence: detectors.Medium, Reasons: []string{reasonSubject}})
	}
}

// listJoins join names in a list: 宮崎も佐渡も, 佐渡と宮崎, 長吉や丑松, and
// scorn after each, 長吉め文次め丑松め.
const listJoins = "もとやめ"

const reasonCoordinated = "listed with a name found (宮崎も佐渡も)"

// coordinatedName reports a kanji run s[a:b] of two to four runes that
// the lexicon knows as a name and that ends before the same join (after
// も: 宮崎も佐渡も) or a particle.
func (p *prose) coordinatedName(a, b int, join rune) bool {
	s := p.t.Norm
	if n := runeCount(s[a:b]); n < 2 || n > 4 || !p.lexicon().knows(s[a:b]) || commonWord(s[a:b]) {
		return false
	}
	at := readingEnd(s, b)
	r, _ := decodeRune(s[at:])
	if at == len(s) {
		return false
	}
	if join == 'も' || join == 'め' {
		return r == join && (join != 'め' || scornAt(s, at+len("め")))
	}
	return strings.ContainsRune("もとやはが", r)
}
