package policy

import (
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/pmscan/pmscan/internal/keyglob"
)

// AccessKinds are the kinds of principal an access entry may name, as
// connectors.Principal has them.
var AccessKinds = []string{"user", "group", "role", "account", "everyone", "authenticated"}

// splitEntry splits an access entry into its kind and name pattern: a
// bare name has no kind.
func splitEntry(entry string) (kind, pattern string, hasKind bool) {
	kind, pattern, hasKind = strings.Cut(entry, ":")
	if !hasKind {
		return "", entry, false
	}
	return kind, pattern, true
}

// validateAccess checks one entry of an item's access list.
func validateAccess(entry string) error {
	kind, name, hasKind := splitEntry(entry)
	switch {
	case hasKind && !slices.Contains(AccessKinds, kind):
		return fmt.Errorf("kind %q is not one of %s", kind, strings.Join(AccessKinds, ", "))
	case name == "" && kind != "everyone" && kind != "authenticated":
		return errors.New("no name")
	}
	if _, err := path.Match(name, ""); err != nil {
		return fmt.Errorf("bad pattern: %w", err)
	}
	return nil
}

// AccessLists are the access lists that apply to a holding of it at place:
// the item's and those of the stores whose globs match the place, each
// with what it belongs to ("item my_number", "store 人事"). None when the
// policy declares no access for it.
func (p *Policy) AccessLists(it *Item, place string) []AccessList {
	var out []AccessList
	if len(it.Access) > 0 {
		out = append(out, AccessList{Of: "item " + it.ID, Entries: it.Access})
	}
	for _, s := range p.Stores {
		if len(s.Access) == 0 {
			continue
		}
		for _, g := range s.Match {
			if keyglob.Match(g, place) {
				out = append(out, AccessList{Of: "store " + s.Name, Entries: s.Access})
				break
			}
		}
	}
	return out
}

// AccessList is one access list of the policy.
type AccessList struct {
	Of      string   `json:"of"` // "item ID" or "store NAME"
	Entries []string `json:"entries"`
}

// Allows reports whether the list lets the principal of kind and name
// read.
func (l AccessList) Allows(kind, name string) bool {
	for _, entry := range l.Entries {
		k, pattern, _ := splitEntry(entry)
		if k != "" && k != kind {
			continue
		}
		if (kind == "everyone" || kind == "authenticated") && k == kind {
			return true
		}
		if ok, _ := path.Match(pattern, name); ok {
			return true
		}
	}
	return false
}
