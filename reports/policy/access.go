package policy

import (
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"
)

// AccessKinds are the kinds of principal an access entry may name, as
// connectors.Principal has them.
var AccessKinds = []string{"user", "group", "role", "account", "everyone", "authenticated"}

// validateAccess checks one entry of an item's access list.
func validateAccess(entry string) error {
	kind, name, hasKind := strings.Cut(entry, ":")
	if !hasKind {
		kind, name = "", entry
	}
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

// AccessAllows reports whether the item's access list lets the principal
// of kind and name read it; true when the list is empty (the policy does
// not say). Superusers are not asked about: a store's administrators can
// read everything, and the list is of who else may.
func (it *Item) AccessAllows(kind, name string) bool {
	if len(it.Access) == 0 {
		return true
	}
	for _, entry := range it.Access {
		k, pattern, hasKind := strings.Cut(entry, ":")
		if !hasKind {
			k, pattern = "", entry
		}
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
