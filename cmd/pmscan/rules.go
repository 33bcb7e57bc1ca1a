package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"go.yaml.in/yaml/v3"

	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/detectors/all"
	"github.com/pmscan/pmscan/detectors/custom"
	"github.com/pmscan/pmscan/internal/i18n"
	"github.com/pmscan/pmscan/internal/safetext"
	"github.com/pmscan/pmscan/reports/policy"
)

// companyRules are the company's own detectors a scan runs: those of the
// rules files given with -rules, and those of the policy (its rules:
// files and its detectors: list).
type companyRules struct {
	set    *custom.RuleSet
	files  []string     // every rules file read, for the reading signature
	policy policyExtras // the policy's keys read with them (its allow list too)
}

// loadRules reads the rules of -rules and of the policy file, if any.
func loadRules(filesFlag []string, policyPath string) (*companyRules, error) {
	cr := &companyRules{set: &custom.RuleSet{}}
	add := func(rs *custom.RuleSet, err error) error {
		if err != nil {
			return err
		}
		return cr.set.Merge(rs)
	}
	builtIn := all.PolicyTypes()
	for _, f := range filesFlag {
		cr.files = append(cr.files, f)
		if err := add(custom.Load(f, builtIn)); err != nil {
			return nil, err
		}
	}
	if policyPath == "" {
		return cr, nil
	}
	p := readPolicyExtras(policyPath)
	cr.policy = p
	for _, f := range p.Rules {
		if !filepath.IsAbs(f) {
			f = filepath.Join(filepath.Dir(policyPath), f)
		}
		cr.files = append(cr.files, f)
		if err := add(custom.Load(f, builtIn)); err != nil {
			return nil, err
		}
	}
	if p.Detectors.Kind != 0 {
		if err := add(custom.FromNode(&p.Detectors, policyPath, builtIn)); err != nil {
			return nil, err
		}
	}
	return cr, nil
}

// detectors are the rules' detectors; none without rules.
func (cr *companyRules) detectors() []detectors.Detector {
	if cr == nil {
		return nil
	}
	return cr.set.Detectors()
}

// types are the rules' types; none without rules.
func (cr *companyRules) types() []string {
	if cr == nil {
		return nil
	}
	return cr.set.Types()
}

// memberIDTypes are the rules' types the lookup index keeps as member IDs.
func (cr *companyRules) memberIDTypes() []string {
	if cr == nil {
		return nil
	}
	return cr.set.MemberIDTypes()
}

// policyExtras are the policy's keys that other packages read before the
// policy is loaded: the company's rules (whose types its items may list)
// and its allow list.
type policyExtras struct {
	Rules     []string  `yaml:"rules"`
	Detectors yaml.Node `yaml:"detectors"`
	Allow     yaml.Node `yaml:"allow"`
}

// readPolicyExtras reads them from the policy file; a file that cannot be
// read or parsed has none here: policy.Load says what is wrong with it,
// with its line.
func readPolicyExtras(path string) policyExtras {
	var p policyExtras
	if data, err := os.ReadFile(path); err == nil {
		if yaml.Unmarshal(data, &p) != nil {
			return policyExtras{}
		}
	}
	return p
}

// mapItems maps each rule's type onto the policy item it names.
func (cr *companyRules) mapItems(pol *policy.Policy) error {
	if cr == nil {
		return nil
	}
	for _, ref := range cr.set.Items() {
		if ref.Item == "" {
			continue
		}
		if err := pol.AddType(ref.Item, ref.Type); err != nil {
			return fmt.Errorf("%s: rule %q: %w", ref.Where, ref.Type, err)
		}
	}
	return nil
}

// filesFlag is a flag naming a file, repeatable (-rules, -allow).
type filesFlag []string

func (r *filesFlag) String() string     { return fmt.Sprint(*r) }
func (r *filesFlag) Set(v string) error { *r = append(*r, v); return nil }

const rulesUsage = `Usage:
  pmscan rules test FILE   run the examples of every rule in FILE (a rules file or a policy)
                           and say how each went
`

// runRules is pmscan rules.
func runRules(p *i18n.Printer, args []string, stdout, stderr io.Writer) int {
	if len(args) != 2 || args[0] != "test" {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "-help" || args[0] == "--help") {
			p.Fprintf(stdout, rulesUsage)
			return exitOK
		}
		p.Fprintf(stderr, rulesUsage)
		return exitUsage
	}
	path := args[1]
	set, err := rulesOfFile(path)
	if err != nil {
		p.Fprintf(safetext.LineWriter(stderr), "pmscan rules test: %v\n", err)
		return exitUsage
	}
	pass, fail := 0, 0
	for _, r := range set.Test() {
		if r.Err != nil {
			fail++
			p.Fprintf(safetext.LineWriter(stdout), "FAIL %s: %v\n", r.Rule, r.Err)
			continue
		}
		pass++
	}
	p.Fprintf(stdout, "%s: %d rules, %d examples passed, %d failed\n", path, len(set.Types()), pass, fail)
	if fail > 0 {
		return exitUsage
	}
	return exitOK
}

// rulesOfFile reads FILE as a rules file, or, when it is a policy (it has
// items), the rules it declares and includes.
func rulesOfFile(path string) (*custom.RuleSet, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var probe map[string]yaml.Node
	if yaml.Unmarshal(data, &probe) == nil {
		if _, isPolicy := probe["items"]; isPolicy {
			cr, err := loadRules(nil, path)
			if err != nil {
				return nil, err
			}
			return cr.set, nil
		}
	}
	return custom.ParseForTest(data, path, all.PolicyTypes())
}
