package personname

import (
	"slices"
	"strings"

	"github.com/pmscan/pmscan/detectors"
)

// Given names a text comes back to. Stories and case notes name people
// by their given name alone (喜助は, 良平が), with no honorific, title or
// introduction a rule can see. One mention of a word that may be a given
// name is a word; the same one, bare before a particle, three times in
// one text and read by the tokenizer as a given name on its own, is a
// person the text is about.

const (
	// minRecurrence is how often a text must name one.
	minRecurrence = 3
	// Given names of one kanji are too often words (清, 進, 誠).
	minGivenRunes, maxGivenRunes = 2, 4
	// maxRecurringCandidates bounds the bare runs a text keeps track of.
	maxRecurringCandidates = 512
)

const reasonRecurring = "a given name the text comes back to"

// bareRun is a whole kanji run set off as a word of its own.
type bareRun struct{ start, end int }

// noteBare notes the kanji run s[a:b] if it may be a given name standing
// alone: two to four kanji before a particle, not glued to katakana, a
// given name in the lexicon. The tests run cheapest first: findInProse
// asks of every kanji run.
func (p *prose) noteBare(a, b int) {
	s := p.t.Norm
	if n := (b - a) / 3; n < minGivenRunes || n > maxGivenRunes || b == len(s) || len(p.bare) == maxRecurringCandidates {
		return // kanji are 3 bytes in UTF-8
	}
	if !repeatsAt(s, b) || afterKatakana(s, a) || !p.lexicon().given[s[a:b]] {
		return
	}
	p.bare = append(p.bare, bareRun{a, b})
}

// recurringGiven adds the bare mentions of given names that recur in the
// text (noteBare), past the candidates p.out already has.
func (p *prose) recurringGiven() {
	if len(p.bare) < minRecurrence {
		return
	}
	s := p.t.Norm
	runs := p.bare
	slices.SortStableFunc(runs, func(a, b bareRun) int {
		if c := strings.Compare(s[a.start:a.end], s[b.start:b.end]); c != 0 {
			return c
		}
		return a.start - b.start
	})
	var found []detectors.Candidate
	for i := 0; i < len(runs); {
		j := i + 1
		for j < len(runs) && s[runs[j].start:runs[j].end] == s[runs[i].start:runs[i].end] {
			j++
		}
		if j-i >= minRecurrence && p.soleGivenToken(s[runs[i].start:runs[i].end]) {
			for _, r := range runs[i:j] {
				if !p.covered(r.start, r.end) {
					found = append(found, detectors.Candidate{Start: r.start, End: r.end, Confidence: detectors.Medium,
						Reasons: []string{"name in dictionary", reasonRecurring}})
				}
			}
		}
		i = j
	}
	slices.SortFunc(found, func(a, b detectors.Candidate) int { return a.Start - b.Start })
	p.out = append(p.out, found...)
}

// soleGivenToken reports a word the tokenizer reads alone as one given
// name (喜助, 庄兵衛; not 会議, not 兵十 cut in two).
func (p *prose) soleGivenToken(w string) bool {
	p.toks = tokenize(p.toks[:0], w)
	return len(p.toks) == 1 && p.toks[0].morph == mGiven
}

// covered reports a candidate of p.out over [start, end).
func (p *prose) covered(start, end int) bool {
	for _, c := range p.out {
		if c.Start < end && start < c.End {
			return true
		}
	}
	return false
}
