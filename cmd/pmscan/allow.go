package main

import (
	"os"
	"slices"

	"go.yaml.in/yaml/v3"

	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/detectors/all"
	"github.com/pmscan/pmscan/scanner/allowlist"
)

// companyAllow is the company's allow list: the entries of the -allow
// files and of the policy's allow: list.
type companyAllow struct {
	list  *allowlist.List
	files []string // every allow-list file read, for the reading signature
}

// loadAllow reads the allow lists of -allow and of the policy file, after
// the company's rules, whose types entries may name.
func (o *scanOptions) loadAllow() (*companyAllow, error) {
	ca := &companyAllow{list: &allowlist.List{}}
	known := append(all.PolicyTypes(), o.company.types()...)
	check := func(types []string) []detectors.Detector {
		ds := append(all.Detectors(), o.company.detectors()...)
		if len(types) == 0 {
			return ds
		}
		return slices.DeleteFunc(ds, func(d detectors.Detector) bool { return !slices.Contains(types, d.Type()) })
	}
	add := func(l *allowlist.List, err error) error {
		if err != nil {
			return err
		}
		return ca.list.Merge(l)
	}
	for _, f := range o.allow {
		ca.files = append(ca.files, f)
		if err := add(allowlist.Load(f, known, check)); err != nil {
			return nil, err
		}
	}
	if o.policy == "" {
		return ca, nil
	}
	data, err := os.ReadFile(o.policy)
	if err != nil {
		return ca, nil // policy.Load says why
	}
	var p struct {
		Allow yaml.Node `yaml:"allow"`
	}
	if yaml.Unmarshal(data, &p) != nil || p.Allow.Kind == 0 {
		return ca, nil
	}
	if err := add(allowlist.FromNode(&p.Allow, o.policy, known, check)); err != nil {
		return nil, err
	}
	return ca, nil
}

// allower is the list for the scanner: nil when it is empty.
func (ca *companyAllow) allower() *allowlist.List {
	if ca == nil || ca.list.Len() == 0 {
		return nil
	}
	return ca.list
}
