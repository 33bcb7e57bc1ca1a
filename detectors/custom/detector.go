package custom

import (
	"regexp"
	"strings"

	"github.com/pmscan/pmscan/detectors"
)

// compiled is a rule ready to run: a detector.
type compiled struct {
	id, item, where string
	re              *regexp.Regexp
	keywords        []string // normalised, lower-case
	columns         []string
	before, after   int
	validators      []Validator
	ignore          []string // normalised values
	pattern         detectors.Confidence
	keyword         detectors.Confidence
	column          detectors.Confidence
	validated       detectors.Confidence
	examples        Examples
	columnMemo      detectors.MemoKey // this rule's column verdict, per column
	literal         string            // every match holds it (lower-case); "" if none
	digit           bool              // every match holds a digit
	lookup          string            // Rule.Lookup
}

var (
	_ detectors.Requirer        = (*compiled)(nil)
	_ detectors.Detector        = (*compiled)(nil)
	_ detectors.ColumnSignaller = (*compiled)(nil)
	_ detectors.GateSharer      = (*compiled)(nil)
)

func (c *compiled) Type() string { return c.id }

// gated says the rule reports nothing without a keyword or a column word:
// the Set then runs it only on text whose body or column holds one.
func (c *compiled) gated() bool {
	return c.pattern == detectors.Reject && c.validated == detectors.Reject
}

// Keywords gate the rule: when a match alone is not reported, its
// keywords (or column words); else the literal every match holds, when
// there is one.
func (c *compiled) Keywords() []string {
	switch {
	case c.gated():
		return c.keywords
	case c.literal != "":
		return []string{c.literal}
	}
	return nil
}

// ColumnWords open the gate from the column name.
func (c *compiled) ColumnWords() []string {
	if !c.gated() {
		return nil
	}
	return c.columns
}

// Requires a digit of text, when every match holds one.
func (c *compiled) Requires() detectors.Feature {
	if c.digit {
		return detectors.HasDigit
	}
	return 0
}

// SharesGate: a rule checks its own evidence in Judge, so that it may
// share a prefilter bit with other rules (there are 64 bits, and a
// company may have more rules).
func (c *compiled) SharesGate() bool { return true }

func (c *compiled) Find(t *detectors.Text) []detectors.Candidate {
	locs := c.re.FindAllStringIndex(t.Norm, -1)
	if len(locs) == 0 {
		return nil
	}
	out := make([]detectors.Candidate, 0, len(locs))
	for _, l := range locs {
		if l[0] < l[1] {
			out = append(out, detectors.Candidate{Start: l[0], End: l[1]})
		}
	}
	return out
}

func (c *compiled) Judge(cand detectors.Candidate, t *detectors.Text) detectors.Verdict {
	value := t.Norm[cand.Start:cand.End]
	for _, ig := range c.ignore {
		if value == ig {
			return detectors.Verdict{Confidence: detectors.Reject, Reasons: []string{"an ignored value of rule " + c.id}}
		}
	}
	conf := c.pattern
	reasons := []string{"matches the pattern of rule " + c.id}
	if len(c.validators) > 0 {
		for i := range c.validators {
			if !c.validators[i].valid(value) {
				return detectors.Verdict{Confidence: detectors.Reject, Reasons: []string{"fails the " + c.validators[i].Kind + " check of rule " + c.id}}
			}
		}
		conf = max(conf, c.validated)
		reasons = append(reasons, "passes its checks")
	}
	if len(c.keywords) > 0 {
		if k, ok := t.KeywordAround(c.keywords, cand.Start, cand.End, c.before, c.after, false); ok {
			conf = max(conf, c.keyword)
			reasons = append(reasons, "near "+k.Word)
		}
	}
	if len(c.columns) > 0 {
		if w := t.ColumnMemo(&c.columnMemo, c.columnWord).(string); w != "" {
			conf = max(conf, c.column)
			reasons = append(reasons, "in a column named "+w)
		}
	}
	return detectors.Verdict{Confidence: conf, Reasons: reasons}
}

// columnWord is the first of the rule's column words in column, or "".
func (c *compiled) columnWord(column string) any {
	norm := strings.ToLower(detectors.Normalize(column))
	for _, w := range c.columns {
		if strings.Contains(norm, w) {
			return w
		}
	}
	return ""
}
