// Package custom is the company's own detectors: 会員番号, 社員番号, 契約番号,
// 患者ID, declared as rules in YAML (in the policy or in a rules file it
// includes). A rule is a Go regular expression (RE2: linear time, no
// catastrophic backtracking) over the normalised text, with optional
// keywords near the match, column-name words, validators, ignored values
// and the confidence each kind of evidence gives. Each rule carries its own
// examples; a rule whose examples fail is refused when it is loaded, with
// its file and line. Compiled rules are detectors like the built-in ones:
// the same prefilter, normalisation, masking, hashing and reports.
package custom

import (
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/internal/yamlfile"
)

// File is a rules file: rules, and nothing else.
type File struct {
	Rules []Rule `yaml:"rules"`
}

// Rule is one custom detector as written.
type Rule struct {
	// ID is the detector type: snake_case, not a built-in type.
	ID string `yaml:"id"`
	// Item is the id of the policy item the rule's findings map onto.
	Item string `yaml:"item"`
	// Pattern is a Go regular expression over the normalised text
	// (full-width letters and digits folded to ASCII, dashes to '-').
	Pattern string `yaml:"pattern"`
	// Keywords are words that, within Distance of a match, make it more
	// certain (会員番号, member no).
	Keywords []string `yaml:"keywords"`
	Distance Distance `yaml:"distance"`
	// Columns are words that, in the column name or JSON key path, make a
	// match in its values more certain (会員, member, kaiin).
	Columns []string `yaml:"columns"`
	// Validate are checks every match must pass (luhn, my_number, date,
	// mod, length).
	Validate []Validator `yaml:"validate"`
	// Ignore are values never reported: sample and test values.
	Ignore     []string   `yaml:"ignore"`
	Confidence Confidence `yaml:"confidence"`
	Examples   Examples   `yaml:"examples"`
	// Lookup, member_id, makes the rule's findings findable by pmscan
	// lookup -member-id from the lookup index, as user_id findings are.
	Lookup string `yaml:"lookup"`
}

// LookupMemberID is Rule.Lookup's one value: the findings are member IDs.
const LookupMemberID = "member_id"

// Distance is how many characters before and after a match a keyword
// counts.
type Distance struct {
	Before *int `yaml:"before"`
	After  *int `yaml:"after"`
}

// DefaultBefore and DefaultAfter are Distance's defaults: "会員番号: " fits
// before a match; a label after a value is rarer, and closer.
const (
	DefaultBefore = 16
	DefaultAfter  = 0
	maxDistance   = 200
)

// Confidence is the confidence each kind of evidence gives a match; the
// match takes the highest of the evidence it has. "reject" for pattern
// means a match alone is never reported: it needs a keyword or a column.
type Confidence struct {
	Pattern   string `yaml:"pattern"`   // default low
	Keyword   string `yaml:"keyword"`   // default medium
	Column    string `yaml:"column"`    // default high
	Validated string `yaml:"validated"` // passing the validators; default: no more than the rest
}

// Examples are texts the rule must find something in (Match) and must
// not (NoMatch), at the confidence a default scan reports (medium).
type Examples struct {
	Match   []Example `yaml:"match"`
	NoMatch []Example `yaml:"no_match"`
}

// Example is a text, in a column when Column is set; Value, when set, is
// what the rule must find in it (the match as written).
type Example struct {
	Text   string `yaml:"text"`
	Column string `yaml:"column"`
	Value  string `yaml:"value"`
}

// UnmarshalYAML takes an example written as a plain string too.
func (e *Example) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		e.Text = n.Value
		return nil
	}
	type plain Example
	return n.Decode((*plain)(e))
}

// RuleSet is the rules of one source, compiled: its detectors.
type RuleSet struct {
	Source string
	rules  []*compiled
}

// Detectors are the rules' detectors, in the order written.
func (rs *RuleSet) Detectors() []detectors.Detector {
	out := make([]detectors.Detector, len(rs.rules))
	for i, r := range rs.rules {
		out[i] = r
	}
	return out
}

// Types are the rules' type IDs.
func (rs *RuleSet) Types() []string {
	out := make([]string, len(rs.rules))
	for i, r := range rs.rules {
		out[i] = r.id
	}
	return out
}

// Items maps each rule's type to the policy item it maps onto, and the
// line that says so, for the policy to check.
func (rs *RuleSet) Items() []ItemRef {
	out := make([]ItemRef, 0, len(rs.rules))
	for _, r := range rs.rules {
		out = append(out, ItemRef{Type: r.id, Item: r.item, Where: r.where})
	}
	return out
}

// MemberIDTypes are the types of the rules whose findings the lookup
// index keeps as member IDs (lookup: member_id).
func (rs *RuleSet) MemberIDTypes() []string {
	var out []string
	for _, r := range rs.rules {
		if r.lookup == LookupMemberID {
			out = append(out, r.id)
		}
	}
	return out
}

// ItemRef is a rule's mapping onto a policy item.
type ItemRef struct {
	Type, Item string
	Where      string // source:line of the rule
}

// Merge adds other's rules to rs; a type declared twice is an error.
func (rs *RuleSet) Merge(other *RuleSet) error {
	for _, r := range other.rules {
		for _, have := range rs.rules {
			if have.id == r.id {
				return fmt.Errorf("%s: rule %q is also declared at %s", r.where, r.id, have.where)
			}
		}
		rs.rules = append(rs.rules, r)
	}
	return nil
}

// Load reads and compiles the rules file at path. builtIn lists the
// built-in types, which a rule may not take.
func Load(path string, builtIn []string) (*RuleSet, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("rules: %w", err)
	}
	return Parse(data, path, builtIn)
}

// Parse reads and compiles a rules file. Errors name source and line.
func Parse(data []byte, source string, builtIn []string) (*RuleSet, error) {
	return parse(data, source, builtIn, true)
}

// ParseForTest is Parse without refusing rules whose examples fail, for
// RuleSet.Test to say how every example went.
func ParseForTest(data []byte, source string, builtIn []string) (*RuleSet, error) {
	return parse(data, source, builtIn, false)
}

func parse(data []byte, source string, builtIn []string, checkExamples bool) (*RuleSet, error) {
	var f File
	at, err := yamlfile.Decode(data, source, &f)
	if err != nil {
		return nil, err
	}
	return compileAll(f.Rules, source, func(i int, path ...any) int { return at.Of(append([]any{"rules", i}, path...)...) }, builtIn, checkExamples)
}

// FromNode compiles rules written inline in another file (the policy's
// detectors: list): node is the list, source the file, for errors.
func FromNode(node *yaml.Node, source string, builtIn []string) (*RuleSet, error) {
	var rules []Rule
	if err := node.Decode(&rules); err != nil {
		return nil, fmt.Errorf("%s:%d: detectors: %w", source, node.Line, err)
	}
	at := yamlfile.NodeLines(node)
	return compileAll(rules, source, func(i int, path ...any) int { return at.Of(append([]any{i}, path...)...) }, builtIn, true)
}

// idPattern is what a rule's ID may be: a type ID like the built-ins'.
var idPattern = regexp.MustCompile(`^[a-z][a-z0-9_]{1,47}$`)

func compileAll(rules []Rule, source string, line func(i int, path ...any) int, builtIn []string, checkExamples bool) (*RuleSet, error) {
	rs := &RuleSet{Source: source}
	for i := range rules {
		r := &rules[i]
		errAt := func(key string, format string, args ...any) error {
			l := line(i)
			if key != "" {
				l = line(i, key)
			}
			return fmt.Errorf("%s:%d: rule %q: %s", source, l, r.ID, fmt.Sprintf(format, args...))
		}
		switch {
		case r.ID == "":
			return nil, fmt.Errorf("%s:%d: a rule without an id", source, line(i))
		case !idPattern.MatchString(r.ID):
			return nil, errAt("id", "the id must be snake_case: lower-case letters, digits and _, 2 to 48 of them, starting with a letter")
		case slices.Contains(builtIn, r.ID) || strings.HasPrefix(r.ID, "sensitive"):
			return nil, errAt("id", "%s is a built-in type; give the rule an id of its own", r.ID)
		}
		for _, have := range rs.rules {
			if have.id == r.ID {
				return nil, errAt("id", "the id is used twice (also at %s)", have.where)
			}
		}
		c, err := compile(r, fmt.Sprintf("%s:%d", source, line(i)), errAt)
		if err != nil {
			return nil, err
		}
		if err := c.runExamples(); checkExamples && err != nil {
			return nil, errAt("examples", "%v", err)
		}
		rs.rules = append(rs.rules, c)
	}
	return rs, nil
}

// words normalises keyword and column words the way the text they are
// looked for in is normalised.
func words(list []string) ([]string, error) {
	out := make([]string, 0, len(list))
	for _, w := range list {
		n := strings.ToLower(detectors.Normalize(strings.TrimSpace(w)))
		if n == "" {
			return nil, fmt.Errorf("an empty word")
		}
		out = append(out, n)
	}
	return out, nil
}

func confidence(s string, def detectors.Confidence, rejectOK bool) (detectors.Confidence, error) {
	switch s {
	case "":
		return def, nil
	case "reject":
		if rejectOK {
			return detectors.Reject, nil
		}
		return 0, fmt.Errorf("reject is for pattern only")
	}
	return detectors.ParseConfidence(s)
}

func compile(r *Rule, where string, errAt func(key, format string, args ...any) error) (*compiled, error) {
	if r.Pattern == "" {
		return nil, errAt("", "no pattern")
	}
	re, err := regexp.Compile(r.Pattern)
	if err != nil {
		return nil, errAt("pattern", "%v", err)
	}
	if re.MatchString("") {
		return nil, errAt("pattern", "the pattern matches the empty string: it would match everywhere")
	}
	c := &compiled{id: r.ID, item: r.Item, where: where, re: re, before: DefaultBefore, after: DefaultAfter}
	c.prefilter(r.Pattern)
	if c.keywords, err = words(r.Keywords); err != nil {
		return nil, errAt("keywords", "keywords: %v", err)
	}
	if c.columns, err = words(r.Columns); err != nil {
		return nil, errAt("columns", "columns: %v", err)
	}
	if r.Distance.Before != nil {
		c.before = *r.Distance.Before
	}
	if r.Distance.After != nil {
		c.after = *r.Distance.After
	}
	if c.before < 0 || c.after < 0 || c.before > maxDistance || c.after > maxDistance {
		return nil, errAt("distance", "before and after are 0 to %d characters", maxDistance)
	}
	if len(c.keywords) > 0 && c.before == 0 && c.after == 0 {
		return nil, errAt("distance", "keywords with a distance of 0 before and after can never be found")
	}
	conf := r.Confidence
	if c.pattern, err = confidence(conf.Pattern, detectors.Low, true); err != nil {
		return nil, errAt("confidence", "pattern: %v", err)
	}
	if c.keyword, err = confidence(conf.Keyword, detectors.Medium, false); err != nil {
		return nil, errAt("confidence", "keyword: %v", err)
	}
	if c.column, err = confidence(conf.Column, detectors.High, false); err != nil {
		return nil, errAt("confidence", "column: %v", err)
	}
	if c.validated, err = confidence(conf.Validated, detectors.Reject, false); err != nil {
		return nil, errAt("confidence", "validated: %v", err)
	}
	if c.pattern == detectors.Reject && len(c.keywords) == 0 && len(c.columns) == 0 && c.validated == detectors.Reject {
		return nil, errAt("confidence", "pattern: reject, and no keywords, columns or validated confidence: the rule can never report anything")
	}
	for j, v := range r.Validate {
		if err := v.check(); err != nil {
			return nil, errAt("validate", "validator %d: %v", j+1, err)
		}
	}
	c.validators = r.Validate
	for _, v := range r.Ignore {
		c.ignore = append(c.ignore, detectors.Normalize(v))
	}
	c.examples = r.Examples
	switch r.Lookup {
	case "", LookupMemberID:
		c.lookup = r.Lookup
	default:
		return nil, errAt("lookup", "lookup: %q: want member_id (pmscan lookup -member-id finds the findings)", r.Lookup)
	}
	return c, nil
}
