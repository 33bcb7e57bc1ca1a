package main

import (
	"slices"

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
// the company's rules, whose types entries may name, and which read the
// policy's allow list with them.
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
	// The policy's allow list, read with its rules (config loads those first).
	if o.company == nil || o.company.policy.Allow.Kind == 0 {
		return ca, nil
	}
	if err := add(allowlist.FromNode(&o.company.policy.Allow, o.policy, known, check)); err != nil {
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
