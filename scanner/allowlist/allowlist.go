// Package allowlist is what a company allows: values that look personal
// but are not its customers' (its own representative phone number and
// office address printed in every document, test card numbers, sample
// data in manuals), patterns of such values, and places whose hits are
// not personal information. A hit an entry allows is held back from the
// findings and counted, by entry and type, in every report: never
// dropped silently. An entry that matched nothing in a complete scan is
// reported as unused.
package allowlist

import (
	"fmt"
	"os"
	"path"
	"regexp"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/internal/keyglob"
	"github.com/pmscan/pmscan/internal/yamlfile"
	"github.com/pmscan/pmscan/scanner"
)

// File is an allow-list file: entries, and suppressions of known
// findings (pmscan baseline writes those).
type File struct {
	Allow    []Entry       `yaml:"allow"`
	Suppress []Suppression `yaml:"suppress"`
}

// Entry is one entry as written. Of Value, Pattern and Place at least one
// is given; every one given must hold.
type Entry struct {
	// ID names the entry in reports (default: FILE:LINE, which shows no
	// value).
	ID string `yaml:"id"`
	// Value is a value, compared in the form distinct values are counted
	// in: width-folded, letters and digits only, lower-case, so that
	// 03-5989-1211 also allows ０３（５９８９）１２１１.
	Value string `yaml:"value"`
	// Pattern is a Go regexp over the value as detectors normalise it.
	Pattern string `yaml:"pattern"`
	// Place is a glob on the place (a file path, s3://bucket/key,
	// postgres://host/db/schema.table; ** spans segments), Column one on
	// the column or JSON key path.
	Place  string `yaml:"place"`
	Column string `yaml:"column"`
	// Types limits the entry to these detector types (default: all).
	Types []string `yaml:"types"`
	// Reason says why it is allowed, for the auditor.
	Reason string `yaml:"reason"`
}

type entry struct {
	id, reason string
	canon      string // Value's canonical form, "" for none
	re         *regexp.Regexp
	place      keyglob.Glob // nil for none
	column     string
	types      []string
	// A suppression matches its fingerprint only.
	suppression bool
	fingerprint uint64
}

// List is the compiled entries of every source. It implements
// scanner.Allower, and is safe for concurrent use.
type List struct {
	entries       []*entry
	byID          map[string]*entry   // every entry, by ID
	byValue       map[string][]*entry // value entries, by canonical form
	others        []*entry            // pattern and place entries
	byFingerprint map[uint64]*entry   // suppressions
	expired       map[string]string   // expired suppressions: ID -> date
	key           *scanner.ValueKey   // fingerprints' key (SetKey)
}

var _ scanner.Allower = (*List)(nil)

// Checker finds what a value holds, for the check that a value entry can
// match: the detectors of types (all of them without types).
type Checker func(types []string) []detectors.Detector

// Load reads an allow-list file.
func Load(p string, known []string, check Checker) (*List, error) {
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, fmt.Errorf("allow list: %w", err)
	}
	return Parse(data, p, known, check)
}

// Parse reads an allow-list file. Errors name source and line.
func Parse(data []byte, source string, known []string, check Checker) (*List, error) {
	var f File
	at, err := yamlfile.Decode(data, source, &f)
	if err != nil {
		return nil, err
	}
	l, err := compile(f.Allow, source, func(i int, p ...any) int { return at.Of(append([]any{"allow", i}, p...)...) }, known, check)
	if err != nil {
		return nil, err
	}
	today := time.Now().Format(time.DateOnly)
	if err := l.compileSuppressions(f.Suppress, source, func(i int, p ...any) int { return at.Of(append([]any{"suppress", i}, p...)...) }, today); err != nil {
		return nil, err
	}
	return l, nil
}

// FromNode compiles entries written in another file (the policy's allow:).
func FromNode(node *yaml.Node, source string, known []string, check Checker) (*List, error) {
	var es []Entry
	if err := node.Decode(&es); err != nil {
		return nil, fmt.Errorf("%s:%d: allow: %w", source, node.Line, err)
	}
	at := yamlfile.NodeLines(node)
	return compile(es, source, func(i int, p ...any) int { return at.Of(append([]any{i}, p...)...) }, known, check)
}

func compile(es []Entry, source string, line func(i int, p ...any) int, known []string, check Checker) (*List, error) {
	l := &List{byValue: map[string][]*entry{}}
	sets := &checkSets{check: check}
	for i := range es {
		e := &es[i]
		where := fmt.Sprintf("%s:%d", source, line(i))
		errAt := func(key, format string, args ...any) error {
			return fmt.Errorf("%s:%d: allow entry %s: %s", source, line(i, key), cmpOr(e.ID, where), fmt.Sprintf(format, args...))
		}
		c := &entry{id: cmpOr(e.ID, where), reason: e.Reason, column: e.Column, types: e.Types}
		if e.Value == "" && e.Pattern == "" && e.Place == "" {
			return nil, errAt("", "give value, pattern or place")
		}
		for _, t := range e.Types {
			if !slices.Contains(known, t) {
				return nil, errAt("types", "unknown detector type %q (see 'pmscan types')", t)
			}
		}
		if e.Value != "" {
			c.canon = string(scanner.AppendCanonical(nil, detectors.Normalize(e.Value)))
			if c.canon == "" {
				return nil, errAt("value", "the value has no letters or digits: it cannot match")
			}
			if err := sets.canMatch(c, e.Value); err != nil {
				return nil, errAt("value", "%v", err)
			}
		}
		if e.Pattern != "" {
			re, err := regexp.Compile(e.Pattern)
			if err != nil {
				return nil, errAt("pattern", "%v", err)
			}
			c.re = re
		}
		if e.Place != "" {
			if err := keyglob.Validate(e.Place); err != nil {
				return nil, errAt("place", "%v", err)
			}
			c.place = keyglob.Compile(e.Place)
		}
		if e.Column != "" {
			if _, err := path.Match(e.Column, ""); err != nil {
				return nil, errAt("column", "%v", err)
			}
		}
		if l.byID[c.id] != nil {
			return nil, errAt("id", "the id is used twice")
		}
		l.add(c)
	}
	return l, nil
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// checkSets are the detector sets canMatch runs, one per list of types:
// a list of 10,000 phone numbers builds the phone detector's set once.
type checkSets struct {
	check Checker
	sets  map[string]*detectors.Set
}

// canMatch checks that a detector of the entry's types finds the value as
// a whole: an entry no finding can ever equal is a mistake (a typo, the
// wrong type), not an allowance.
func (cs *checkSets) canMatch(c *entry, value string) error {
	if cs.check == nil {
		return nil
	}
	key := strings.Join(c.types, ",")
	set := cs.sets[key]
	if set == nil {
		var err error
		if set, err = detectors.NewSet(cs.check(c.types)); err != nil {
			return err
		}
		if cs.sets == nil {
			cs.sets = map[string]*detectors.Set{}
		}
		cs.sets[key] = set
	}
	var t detectors.Text
	t.SetText(value, "")
	found := false
	set.Run(&t, func(m detectors.Match) {
		if string(scanner.AppendCanonical(nil, t.Norm[m.Start:m.End])) == c.canon && (len(c.types) == 0 || slices.Contains(c.types, m.Detector.Type())) {
			found = true
		}
	})
	if !found {
		what := "no detector"
		if len(c.types) > 0 {
			what = "no " + strings.Join(c.types, " or ") + " detector"
		}
		return fmt.Errorf("%s finds this value as a whole: it cannot match a finding", what)
	}
	return nil
}

func (l *List) add(c *entry) {
	l.entries = append(l.entries, c)
	if l.byID == nil {
		l.byID = map[string]*entry{}
	}
	l.byID[c.id] = c
	if c.suppression {
		if l.byFingerprint == nil {
			l.byFingerprint = map[uint64]*entry{}
		}
		l.byFingerprint[c.fingerprint] = c
		return
	}
	if c.canon != "" {
		if l.byValue == nil {
			l.byValue = map[string][]*entry{}
		}
		l.byValue[c.canon] = append(l.byValue[c.canon], c)
		return
	}
	l.others = append(l.others, c)
}

// Merge adds other's entries to l; an id used twice is an error.
func (l *List) Merge(other *List) error {
	for _, c := range other.entries {
		if l.byID[c.id] != nil {
			return fmt.Errorf("allow entry %s is declared twice", c.id)
		}
		l.add(c)
	}
	for id, date := range other.expired {
		if l.expired == nil {
			l.expired = map[string]string{}
		}
		l.expired[id] = date
	}
	return nil
}

// Len is how many entries l has.
func (l *List) Len() int { return len(l.entries) }

// IDs are the entries' IDs, in order, for the unused ones to be told.
func (l *List) IDs() []string {
	out := make([]string, len(l.entries))
	for i, c := range l.entries {
		out[i] = c.id
	}
	return out
}

// Reason is the reason entry id gives, or "".
func (l *List) Reason(id string) string {
	if c := l.byID[id]; c != nil {
		return c.reason
	}
	return ""
}

// Allow implements scanner.Allower.
func (l *List) Allow(typ string, loc *connectors.Location, norm string, valueHash uint64) (string, bool) {
	if len(l.byFingerprint) > 0 && l.key != nil && valueHash != 0 && loc.Object != nil {
		if c, ok := l.byFingerprint[Fingerprint(l.key, typ, loc.Object.Name(), loc.Column, valueHash)]; ok {
			return c.id, true
		}
	}
	if len(l.byValue) > 0 {
		var buf [64]byte
		for _, c := range l.byValue[string(scanner.AppendCanonical(buf[:0], norm))] {
			if c.matches(typ, loc, norm) {
				return c.id, true
			}
		}
	}
	for _, c := range l.others {
		if c.matches(typ, loc, norm) {
			return c.id, true
		}
	}
	return "", false
}

func (c *entry) matches(typ string, loc *connectors.Location, norm string) bool {
	if len(c.types) > 0 && !slices.Contains(c.types, typ) {
		return false
	}
	if c.re != nil && !c.re.MatchString(norm) {
		return false
	}
	if c.place != nil && (loc.Object == nil || !c.place.Match(loc.Object.Name())) {
		return false
	}
	if c.column != "" {
		if ok, _ := path.Match(c.column, loc.Column); !ok {
			return false
		}
	}
	return true
}

// BigList is an allow list of n phone numbers, for benchmarks.
func BigList(n int) string {
	var b strings.Builder
	b.WriteString("allow:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - value: 03-%04d-%04d\n    types: [phone]\n", 5000+i/10000, i%10000)
	}
	return b.String()
}
