package connectors

import (
	"slices"
	"strings"
)

// Access is who can read an object, as its store says: read during the
// scan from the store's own metadata (a file's owner, group, mode and
// ACL; a bucket's policy, ACL and public access block; a table's grants,
// roles and owner), never from the data. JIS Q 15001 asks the ledger for
// who has access to each item of personal information (アクセス権を有する者);
// this is that column measured instead of remembered.
//
// What could not be determined is said in Unknown, never taken for
// "nobody": Readers then lists what could be.
type Access struct {
	// Readers are the principals that can read the object, in a fixed
	// order (see Sort). A principal of kind Everyone or Authenticated
	// makes the object public (Public).
	Readers []Principal `json:"readers,omitempty"`
	// WorldWritable says anyone may change it (a file with mode o+w, a
	// bucket whose policy or ACL lets anyone write).
	WorldWritable bool `json:"world_writable,omitempty"`
	// Notes are what else limits or widens the access: "row-level
	// security on", "Block Public Access on: the public policy is not
	// in force".
	Notes []string `json:"notes,omitempty"`
	// Unknown says what could not be determined, and why ("the grant
	// tables cannot be read: SELECT command denied"); "" when nothing.
	Unknown string `json:"unknown,omitempty"`
}

// Principal is one who can read an object, and how.
type Principal struct {
	Kind string `json:"kind"` // one of the Kind* constants
	Name string `json:"name"` // user, group, role or account name; "" for Everyone and Authenticated
	// Via says how the access is given: "owner", "group", "mode 0644",
	// "ACL", "GRANT SELECT", "member of analysts", "superuser", "column
	// grant (email, name)", "bucket policy", "bucket ACL".
	Via string `json:"via,omitempty"`
}

// Principal kinds.
const (
	KindUser    = "user"    // an operating system user, a database user or account, an IAM user
	KindGroup   = "group"   // an operating system group
	KindRole    = "role"    // a database role, an IAM role
	KindAccount = "account" // another AWS account (or a canonical user of one)
	// KindEveryone is anyone at all: the world bits of a file's mode, a
	// PUBLIC grant, a bucket open to anonymous users.
	KindEveryone = "everyone"
	// KindAuthenticated is anyone with an account of the provider: S3's
	// AuthenticatedUsers group, any AWS principal ("AWS": "*" under a
	// condition-free policy is Everyone).
	KindAuthenticated = "authenticated"
)

// Public reports that everyone, or anyone with an account of the
// provider, can read the object.
func (a *Access) Public() bool {
	if a == nil {
		return false
	}
	for _, p := range a.Readers {
		if p.Kind == KindEveryone || p.Kind == KindAuthenticated {
			return true
		}
	}
	return false
}

// Ways splits Via into its ways in, at ", " outside parentheses: a
// column grant lists its columns so ("column grant (email, name), member
// of analysts").
func (p Principal) Ways() []string {
	v := p.Via
	var ways []string
	depth, start := 0, 0
	for i := 0; i < len(v); i++ {
		switch v[i] {
		case '(':
			depth++
		case ')':
			depth = max(depth-1, 0)
		case ',':
			if depth == 0 && strings.HasPrefix(v[i:], ", ") {
				ways = append(ways, v[start:i])
				start = i + 2
				i++
			}
		}
	}
	return append(ways, v[start:])
}

// HasWay reports that p reads by way, among others ("superuser",
// "owner").
func (p Principal) HasWay(way string) bool { return slices.Contains(p.Ways(), way) }

// Add adds p unless a principal of the same kind and name is there; a
// second way in is added to the first's Via.
func (a *Access) Add(p Principal) {
	for i := range a.Readers {
		q := &a.Readers[i]
		if q.Kind == p.Kind && q.Name == p.Name {
			if p.Via != "" && !slices.Contains(q.Ways(), p.Via) {
				if q.Via == "" {
					q.Via = p.Via
				} else {
					q.Via += ", " + p.Via
				}
			}
			return
		}
	}
	a.Readers = append(a.Readers, p)
}

// Sort orders Readers: everyone first, then authenticated users,
// accounts, roles, groups and users, each by name; reports and the
// state store see one order whatever the store's.
func (a *Access) Sort() {
	slices.SortStableFunc(a.Readers, func(x, y Principal) int {
		if c := kindRank(x.Kind) - kindRank(y.Kind); c != 0 {
			return c
		}
		return strings.Compare(x.Name, y.Name)
	})
}

func kindRank(k string) int {
	switch k {
	case KindEveryone:
		return 0
	case KindAuthenticated:
		return 1
	case KindAccount:
		return 2
	case KindRole:
		return 3
	case KindGroup:
		return 4
	case KindUser:
		return 5
	}
	return 6
}

// Equal reports whether a and b say the same.
func (a *Access) Equal(b *Access) bool {
	if a == nil || b == nil {
		return a == b
	}
	return slices.Equal(a.Readers, b.Readers) && a.WorldWritable == b.WorldWritable &&
		slices.Equal(a.Notes, b.Notes) && a.Unknown == b.Unknown
}

// UnknownAccess is the access of an object whose store could not say,
// with why.
func UnknownAccess(why string) *Access { return &Access{Unknown: why} }
