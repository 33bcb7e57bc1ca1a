// Package policy reads the company's privacy policy as pmscan sees it: the
// items of personal information it declares (個人情報の項目), each with its
// legal class, purpose, retention and where it is kept, and the detector
// types and column names that map findings onto it.
package policy

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/pmscan/pmscan/internal/keyglob"
	"github.com/pmscan/pmscan/internal/yamlfile"
)

// Legal classes, as the 個人情報保護法 and the 番号利用法 name them.
const (
	ClassPersonal   = "個人情報"
	ClassIdentifier = "個人識別符号"
	ClassSensitive  = "要配慮個人情報"
	ClassMyNumber   = "特定個人情報"
	ClassRelated    = "個人関連情報"
)

// Classes lists the legal classes in the order reports show them.
var Classes = []string{ClassPersonal, ClassIdentifier, ClassSensitive, ClassMyNumber, ClassRelated}

// Policy is a parsed, validated policy.
type Policy struct {
	Company     string   `yaml:"company"`
	Stores      []Store  `yaml:"stores"`
	IgnoreTypes []string `yaml:"ignore_types"`
	Items       []Item   `yaml:"items"`
	// Rules are rules files of the company's own detectors, relative to
	// the policy's folder; Detectors are such rules written here. Package
	// custom reads both (RulesOf); the policy checks the types they add.
	Rules     []string  `yaml:"rules"`
	Detectors yaml.Node `yaml:"detectors"`
	// Allow is the company's allow list (package allowlist reads it).
	Allow yaml.Node `yaml:"allow"`
	// Thresholds keep weak evidence out of the inventory, by detector
	// type: a holding enters it only when its place holds at least
	// MinFindings findings of the type at MinConfidence or above.
	Thresholds map[string]Threshold `yaml:"thresholds"`

	// Source names where the policy came from: a file, or BuiltIn.
	Source string `yaml:"-"`
}

// Store names a group of places by globs.
type Store struct {
	Name  string   `yaml:"name"`
	Match []string `yaml:"match"`
	// Access lists who may read any place of the store, as Item.Access
	// does for an item: a reader of a place must be named by every list
	// that applies to it, the item's and its stores'.
	Access []string `yaml:"access"`
}

// Item is one item of personal information the policy declares.
type Item struct {
	ID               string    `yaml:"id"`
	Name             string    `yaml:"name"`
	Class            string    `yaml:"class"`
	Types            []string  `yaml:"types"`
	Columns          []string  `yaml:"columns"`
	Purpose          string    `yaml:"purpose"`
	DisclosureTarget bool      `yaml:"disclosure_target"`
	Entrusted        bool      `yaml:"entrusted"`
	Retention        Retention `yaml:"retention"`
	Department       string    `yaml:"department"`
	Stores           []string  `yaml:"stores"`
	// The rest of the 個人情報管理台帳's columns, as the company declares
	// them; pmscan shows them and checks none of them.
	Subjects    string `yaml:"subjects"`    // 本人の区分: 顧客, 従業員, 応募者, 問い合わせ者, 受託
	Acquisition string `yaml:"acquisition"` // 取得方法
	Consent     string `yaml:"consent"`     // 本人同意の有無
	Sharing     string `yaml:"sharing"`     // 第三者提供・共同利用: with whom
	Contractors string `yaml:"contractors"` // 委託先
	Manager     string `yaml:"manager"`     // 管理責任者 (Department is the 管理部門)
	UsePeriod   string `yaml:"use_period"`  // 利用期限 (Retention is the 保管期限)
	Disposal    string `yaml:"disposal"`    // 廃棄方法
	// Access lists who may read the item (アクセス権を有する者): principals
	// written kind:name (user:alice, group:hr, role:app_reader,
	// account:123456789012) or a bare name of any kind, with * and ?
	// globs. Empty means the policy does not say. See AccessLists.
	Access []string `yaml:"access"`
	// Held is false when the policy says the company does not hold the
	// item; absent means it does.
	Held *bool `yaml:"held"`
}

// Threshold is what a place must hold of one type for its holdings of
// the type to enter the inventory.
type Threshold struct {
	MinConfidence string `yaml:"min_confidence"` // low, medium or high; default low
	MinFindings   int64  `yaml:"min_findings"`   // default 1
}

// Counts reports how many of high, medium and low findings count
// towards t.
func (t Threshold) Counts(high, medium, low int64) int64 {
	switch t.MinConfidence {
	case "high":
		return high
	case "medium":
		return high + medium
	}
	return high + medium + low
}

// Min is the findings t asks for, at least 1.
func (t Threshold) Min() int64 { return max(1, t.MinFindings) }

// IsHeld says whether the policy declares the item as held.
func (it *Item) IsHeld() bool { return it.Held == nil || *it.Held }

// Retention is a period written 90d, 18m or 5y; zero means none declared.
type Retention struct {
	Days, Months, Years int
	Text                string
}

// UnmarshalYAML reads 90d, 18m or 5y.
func (r *Retention) UnmarshalYAML(n *yaml.Node) error {
	var s string
	if err := n.Decode(&s); err != nil {
		return err
	}
	parsed, err := ParseRetention(s)
	if err != nil {
		return fmt.Errorf("line %d: %w", n.Line, err)
	}
	*r = parsed
	return nil
}

// MarshalYAML writes the period as it was read.
func (r Retention) MarshalYAML() (any, error) { return r.Text, nil }

// ParseRetention reads a period such as 90d, 18m or 5y; "" is none.
func ParseRetention(s string) (Retention, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Retention{}, nil
	}
	n, err := strconv.Atoi(s[:len(s)-1])
	if err != nil || n <= 0 {
		return Retention{}, fmt.Errorf("retention %q: want a positive number of days, months or years such as 90d, 18m or 5y", s)
	}
	r := Retention{Text: s}
	switch s[len(s)-1] {
	case 'd':
		r.Days = n
	case 'm':
		r.Months = n
	case 'y':
		r.Years = n
	default:
		return Retention{}, fmt.Errorf("retention %q: want a number with d, m or y, such as 90d, 18m or 5y", s)
	}
	return r, nil
}

// IsZero says no retention was declared.
func (r Retention) IsZero() bool { return r.Days == 0 && r.Months == 0 && r.Years == 0 }

// Cutoff is the oldest time data may have at now and still be within the
// retention period.
func (r Retention) Cutoff(now time.Time) time.Time {
	return now.AddDate(-r.Years, -r.Months, -r.Days)
}

//go:embed default.yaml
var defaultYAML []byte

// DefaultYAML is the built-in policy as written out by `pmscan policy init`.
func DefaultYAML() []byte { return bytes.Clone(defaultYAML) }

// BuiltIn is the Source of the built-in policy.
const BuiltIn = "built-in"

// Default is the built-in policy.
func Default(knownTypes []string) *Policy {
	p, err := Parse(defaultYAML, BuiltIn, knownTypes)
	if err != nil {
		panic("policy: the built-in policy does not parse: " + err.Error())
	}
	return p
}

// Load reads and validates the policy file at path.
func Load(path string, knownTypes []string) (*Policy, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read policy: %w", err)
	}
	return Parse(data, path, knownTypes)
}

// Parse reads and validates a policy. knownTypes lists the detector types,
// with sensitive kinds as sensitive/KIND; a type outside it is an error.
// Errors name the source and line.
func Parse(data []byte, source string, knownTypes []string) (*Policy, error) {
	p := &Policy{Source: source}
	at, err := yamlfile.Decode(data, source, p)
	if err != nil {
		return nil, err
	}
	p.Source = source
	if err := p.validate(at, knownTypes); err != nil {
		return nil, fmt.Errorf("%s:%w", source, err)
	}
	return p, nil
}

func (p *Policy) validate(at yamlfile.Lines, knownTypes []string) error {
	if len(p.Items) == 0 {
		return yamlfile.LineError(1, "the policy declares no items")
	}
	known := map[string]bool{}
	for _, t := range knownTypes {
		known[t] = true
	}
	stores := map[string]bool{}
	for i, s := range p.Stores {
		line := at.Of("stores", i)
		if s.Name == "" {
			return yamlfile.LineError(line, "store without a name")
		}
		if stores[s.Name] {
			return yamlfile.LineError(line, "store %q is named twice", s.Name)
		}
		stores[s.Name] = true
		for _, g := range s.Match {
			if err := keyglob.Validate(g); err != nil {
				return yamlfile.LineError(line, "store %q: %v", s.Name, err)
			}
		}
		for j, a := range s.Access {
			if err := validateAccess(a); err != nil {
				return yamlfile.LineError(at.Of("stores", i, "access", j), "store %q: access %q: %v", s.Name, a, err)
			}
		}
	}
	for typ, th := range p.Thresholds {
		line := at.Of("thresholds", typ)
		switch {
		case !known[typ]:
			return yamlfile.LineError(line, "thresholds: unknown detector type %q (see 'pmscan types')", typ)
		case th.MinConfidence != "" && th.MinConfidence != "low" && th.MinConfidence != "medium" && th.MinConfidence != "high":
			return yamlfile.LineError(line, "thresholds: %s: min_confidence %q is not low, medium or high", typ, th.MinConfidence)
		case th.MinFindings < 0:
			return yamlfile.LineError(line, "thresholds: %s: min_findings must not be negative", typ)
		}
	}
	for j, t := range p.IgnoreTypes {
		if !known[t] {
			return yamlfile.LineError(at.Of("ignore_types", j), "ignore_types: unknown detector type %q (see 'pmscan types')", t)
		}
	}
	ids := map[string]bool{}
	claimed := map[string]string{} // type -> first item claiming it without column signals
	for i := range p.Items {
		it := &p.Items[i]
		line := at.Of("items", i)
		switch {
		case it.ID == "":
			return yamlfile.LineError(line, "item without an id")
		case ids[it.ID]:
			return yamlfile.LineError(line, "item id %q is used twice", it.ID)
		case it.Name == "":
			return yamlfile.LineError(line, "item %q has no name (the 個人情報の項目 as the ledger shows it)", it.ID)
		case !slices.Contains(Classes, it.Class):
			return yamlfile.LineError(line, "item %q: class %q is not one of %s", it.ID, it.Class, strings.Join(Classes, ", "))
		}
		ids[it.ID] = true
		for j, t := range it.Types {
			if !known[t] {
				return yamlfile.LineError(at.Of("items", i, "types", j), "item %q: unknown detector type %q (see 'pmscan types'; sensitive kinds are written sensitive/KIND)", it.ID, t)
			}
			if len(it.Columns) == 0 {
				if first, dup := claimed[t]; dup {
					return yamlfile.LineError(at.Of("items", i, "types", j), "item %q: type %q already maps to item %q; give one of them columns to tell them apart", it.ID, t, first)
				}
				claimed[t] = it.ID
			}
		}
		for j, s := range it.Stores {
			if !stores[s] {
				return yamlfile.LineError(at.Of("items", i, "stores", j), "item %q: store %q is not in the stores list", it.ID, s)
			}
		}
		for j, a := range it.Access {
			if err := validateAccess(a); err != nil {
				return yamlfile.LineError(at.Of("items", i, "access", j), "item %q: access %q: %v", it.ID, a, err)
			}
		}
	}
	return nil
}

// AddType maps detector type typ onto the item with id item, for the
// company's own detectors, which name the item they map onto.
func (p *Policy) AddType(item, typ string) error {
	for i := range p.Items {
		if p.Items[i].ID == item {
			if !slices.Contains(p.Items[i].Types, typ) {
				p.Items[i].Types = append(p.Items[i].Types, typ)
			}
			return nil
		}
	}
	return fmt.Errorf("the policy %s has no item %q", p.Source, item)
}

// ErrNoItem marks a finding type that maps onto no item of the policy.
var ErrNoItem = errors.New("no item of the policy")

// ItemFor maps a finding onto an item: among the items listing its type
// (sensitive findings as sensitive/KIND first, then sensitive), one whose
// column signals match the finding's column wins, else the first. It
// returns nil for an ignored type and ErrNoItem for a type no item lists.
func (p *Policy) ItemFor(typ, kind, column string) (*Item, error) {
	if slices.Contains(p.IgnoreTypes, typ) {
		return nil, nil
	}
	keys := []string{typ}
	if kind != "" {
		keys = []string{typ + "/" + kind, typ}
	}
	leaf := strings.ToLower(columnLeaf(column))
	for _, key := range keys {
		var first *Item
		for i := range p.Items {
			it := &p.Items[i]
			if !slices.Contains(it.Types, key) {
				continue
			}
			for _, c := range it.Columns {
				if leaf != "" && strings.ToLower(c) == leaf {
					return it, nil
				}
			}
			if first == nil && len(it.Columns) == 0 {
				first = it
			}
		}
		if first != nil {
			return first, nil
		}
	}
	return nil, ErrNoItem
}

// columnLeaf is the last key of a JSON path column (profile.contact.tel →
// tel), or the column itself.
func columnLeaf(column string) string {
	column = strings.TrimSuffix(column, "[]")
	if i := strings.LastIndexAny(column, ".]"); i >= 0 && i+1 < len(column) {
		return column[i+1:]
	}
	return column
}

// DeclaredAt says whether the item is declared for place (a file path,
// s3://bucket/key, postgres://host/db/schema.table …): true when the item
// names no stores, or one of its stores matches place.
func (p *Policy) DeclaredAt(it *Item, place string) bool {
	if len(it.Stores) == 0 {
		return true
	}
	for _, name := range it.Stores {
		for _, s := range p.Stores {
			if s.Name != name {
				continue
			}
			for _, g := range s.Match {
				if keyglob.Match(g, place) {
					return true
				}
			}
		}
	}
	return false
}
