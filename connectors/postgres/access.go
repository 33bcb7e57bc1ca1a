package postgres

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/connectors/sqldb"
)

var _ sqldb.AccessReader = (*session)(nil)

// serverAccessSQL says how membership is inherited (PostgreSQL 16 moved
// inheritance from the member role to each grant) and which role reads
// every table (pg_read_all_data, PostgreSQL 14 and later; 0 before).
const serverAccessSQL = `
SELECT current_setting('server_version_num')::int,
       coalesce(to_regrole('pg_read_all_data')::oid::bigint, 0)`

// rolesSQL reads pg_roles, not pg_authid: any user may read it.
const rolesSQL = `SELECT oid::bigint, rolname, rolsuper, rolcanlogin FROM pg_catalog.pg_roles`

// membersSQL lists, for every role, the roles that hold its privileges
// without SET ROLE: its members through a chain of memberships each of
// which inherits. %s is the condition for one membership m (of member
// role r) to inherit.
const membersSQL = `
WITH RECURSIVE inherits(role, member) AS (
    SELECT m.roleid, m.member
    FROM pg_catalog.pg_auth_members m
    JOIN pg_catalog.pg_roles r ON r.oid = m.member
    WHERE %s
), holds(role, member) AS (
    SELECT role, member FROM inherits
    UNION
    SELECT h.role, i.member FROM holds h JOIN inherits i ON i.role = h.member
)
SELECT role::bigint, member::bigint FROM holds`

// Before PostgreSQL 16 a member inherits when the member role has
// INHERIT; from 16 each grant of membership says so itself.
const (
	inheritByRole  = "r.rolinherit"
	inheritByGrant = "m.inherit_option"
)

// relationAccessSQL reads the relations named by $1 (schemas) and $2
// (names), pairwise: owner, row-level security, and the roles granted
// SELECT on the whole relation (0 is PUBLIC). A NULL relacl is the
// default: the owner's alone.
const relationAccessSQL = `
SELECT c.oid::bigint, n.nspname, c.relname, c.relowner::bigint, c.relrowsecurity, c.relforcerowsecurity,
       array_to_string(ARRAY(SELECT DISTINCT g.grantee::bigint FROM aclexplode(c.relacl) g
                             WHERE g.privilege_type = 'SELECT'), ',')
FROM unnest($1::text[], $2::text[]) AS want(nspname, relname)
JOIN pg_catalog.pg_namespace n ON n.nspname = want.nspname
JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid AND c.relname = want.relname`

// columnAccessSQL lists the column-level SELECT grants on the same
// relations: one row per grantee and column.
const columnAccessSQL = `
SELECT a.attrelid::bigint, g.grantee::bigint, a.attname
FROM unnest($1::text[], $2::text[]) AS want(nspname, relname)
JOIN pg_catalog.pg_namespace n ON n.nspname = want.nspname
JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid AND c.relname = want.relname
JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid
CROSS JOIN LATERAL aclexplode(a.attacl) g
WHERE a.attnum > 0 AND NOT a.attisdropped AND a.attacl IS NOT NULL
  AND g.privilege_type = 'SELECT'`

// publicOID is the grantee oid aclexplode gives PUBLIC.
const publicOID = 0

// role is one row of pg_roles.
type role struct {
	name         string
	super, login bool
}

// roleGraph is the cluster's roles and who holds whose privileges.
type roleGraph struct {
	roles       map[int64]role
	holders     map[int64][]int64 // role → roles that inherit its privileges, by name
	readAllData int64             // pg_read_all_data; 0 where the server has none
}

// relGrants is what the catalog says of one relation.
type relGrants struct {
	owner         int64
	rls, forced   bool
	selectors     []int64            // table-level SELECT grantees, PUBLIC as 0
	columnReaders map[int64][]string // column-level SELECT grantee → columns
}

// TableAccess reads the grants of every one of tables in one read-only
// transaction: a few catalog queries whatever their number.
func (s *session) TableAccess(ctx context.Context, tables []*sqldb.Table) error {
	schemas, names := make([]string, len(tables)), make([]string, len(tables))
	for i, t := range tables {
		schemas[i], names[i] = t.Schema, t.Name
	}
	var g *roleGraph
	var rels map[[2]string]*relGrants
	err := s.readOnly(ctx, func(tx pgx.Tx) error {
		var err error
		if g, err = readRoles(ctx, tx); err != nil {
			return err
		}
		rels, err = readGrants(ctx, tx, schemas, names)
		return err
	})
	if err != nil {
		return err
	}
	for _, t := range tables {
		r := rels[[2]string{t.Schema, t.Name}]
		if r == nil {
			t.Access = connectors.UnknownAccess("not in the catalog when its grants were read: dropped or renamed since it was listed")
			continue
		}
		t.Access = g.access(r)
	}
	return nil
}

// readRoles reads the roles and the closure of inheriting memberships.
func readRoles(ctx context.Context, tx pgx.Tx) (*roleGraph, error) {
	g := &roleGraph{roles: map[int64]role{}, holders: map[int64][]int64{}}
	var version int
	if err := tx.QueryRow(ctx, serverAccessSQL).Scan(&version, &g.readAllData); err != nil {
		return nil, fmt.Errorf("read server version: %w", err)
	}
	rows, err := tx.Query(ctx, rolesSQL)
	if err != nil {
		return nil, fmt.Errorf("read roles: %w", err)
	}
	var oid int64
	var r role
	if _, err := pgx.ForEachRow(rows, []any{&oid, &r.name, &r.super, &r.login}, func() error {
		g.roles[oid] = r
		return nil
	}); err != nil {
		return nil, fmt.Errorf("read roles: %w", err)
	}
	inherit := inheritByRole
	if version >= 160000 {
		inherit = inheritByGrant
	}
	rows, err = tx.Query(ctx, fmt.Sprintf(membersSQL, inherit))
	if err != nil {
		return nil, fmt.Errorf("read role memberships: %w", err)
	}
	var of, member int64
	if _, err := pgx.ForEachRow(rows, []any{&of, &member}, func() error {
		g.holders[of] = append(g.holders[of], member)
		return nil
	}); err != nil {
		return nil, fmt.Errorf("read role memberships: %w", err)
	}
	for _, ms := range g.holders {
		g.sortByName(ms)
	}
	return g, nil
}

// readGrants reads the owner, row-level security and SELECT grants of
// the relations named pairwise by schemas and names.
func readGrants(ctx context.Context, tx pgx.Tx, schemas, names []string) (map[[2]string]*relGrants, error) {
	rels := map[[2]string]*relGrants{}
	byOID := map[int64]*relGrants{}
	rows, err := tx.Query(ctx, relationAccessSQL, schemas, names)
	if err != nil {
		return nil, fmt.Errorf("read table grants: %w", err)
	}
	var oid int64
	var schema, name, selectors string
	r := relGrants{}
	if _, err := pgx.ForEachRow(rows, []any{&oid, &schema, &name, &r.owner, &r.rls, &r.forced, &selectors}, func() error {
		rel := r
		oids, err := parseOIDs(selectors)
		if err != nil {
			return err
		}
		rel.selectors, rel.columnReaders = oids, map[int64][]string{}
		rels[[2]string{schema, name}] = &rel
		byOID[oid] = &rel
		return nil
	}); err != nil {
		return nil, fmt.Errorf("read table grants: %w", err)
	}

	rows, err = tx.Query(ctx, columnAccessSQL, schemas, names)
	if err != nil {
		return nil, fmt.Errorf("read column grants: %w", err)
	}
	var grantee int64
	var column string
	if _, err := pgx.ForEachRow(rows, []any{&oid, &grantee, &column}, func() error {
		if rel := byOID[oid]; rel != nil {
			rel.columnReaders[grantee] = append(rel.columnReaders[grantee], column)
		}
		return nil
	}); err != nil {
		return nil, fmt.Errorf("read column grants: %w", err)
	}
	return rels, nil
}

// parseOIDs splits a comma-separated list of oids.
func parseOIDs(s string) ([]int64, error) {
	if s == "" {
		return nil, nil
	}
	var oids []int64
	for f := range strings.SplitSeq(s, ",") {
		oid, err := strconv.ParseInt(f, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("grantee oid %q: %w", f, err)
		}
		oids = append(oids, oid)
	}
	return oids, nil
}

// access is who can read rel: its owner, the superusers, its grantees,
// the members of pg_read_all_data, and whoever inherits from an owner or
// grantee. Each principal's ways in are added in that order, so its Via
// reads the same on every scan.
func (g *roleGraph) access(rel *relGrants) *connectors.Access {
	a := &connectors.Access{}
	a.Add(g.principal(rel.owner, "owner"))
	for _, oid := range g.superusers() {
		a.Add(g.principal(oid, "superuser"))
	}
	// The owner's own ACL entry is ownership, said above.
	selectors := slices.DeleteFunc(slices.Clone(rel.selectors), func(oid int64) bool { return oid == rel.owner })
	g.sortByName(selectors)
	for _, oid := range selectors {
		if oid == publicOID {
			a.Add(connectors.Principal{Kind: connectors.KindEveryone, Name: "PUBLIC", Via: "GRANT SELECT TO PUBLIC"})
			continue
		}
		a.Add(g.principal(oid, "GRANT SELECT"))
	}
	columnGrantees := g.columnGrantees(rel)
	for _, oid := range columnGrantees {
		a.Add(g.principal(oid, columnGrant(rel.columnReaders[oid])))
	}
	if g.readAllData != 0 {
		for _, m := range g.holders[g.readAllData] {
			a.Add(g.principal(m, "member of "+g.name(g.readAllData)))
		}
	}
	for _, oid := range append([]int64{rel.owner}, selectors...) {
		for _, m := range g.holders[oid] {
			a.Add(g.principal(m, "member of "+g.name(oid)))
		}
	}
	for _, oid := range columnGrantees {
		for _, m := range g.holders[oid] {
			a.Add(g.principal(m, "member of "+g.name(oid)+": "+columnGrant(rel.columnReaders[oid])))
		}
	}
	if rel.rls {
		a.Notes = append(a.Notes, rlsNote(rel.forced))
	}
	a.Sort()
	return a
}

// columnGrantees are rel's column-level grantees, by name.
func (g *roleGraph) columnGrantees(rel *relGrants) []int64 {
	oids := make([]int64, 0, len(rel.columnReaders))
	for oid := range rel.columnReaders {
		oids = append(oids, oid)
	}
	g.sortByName(oids)
	return oids
}

// columnGrant is the Via of a column-level grant: "column grant (email, name)".
func columnGrant(columns []string) string {
	columns = slices.Clone(columns)
	slices.Sort(columns)
	return "column grant (" + strings.Join(slices.Compact(columns), ", ") + ")"
}

// rlsNote says row-level security limits the rows; forced, it limits the
// owner's too (superusers and BYPASSRLS roles bypass it either way).
func rlsNote(forced bool) string {
	if forced {
		return "row-level security on, forced for the owner"
	}
	return "row-level security on"
}

// principal is role oid reading by via: a user when it can log in, a
// role otherwise; PUBLIC is everyone.
func (g *roleGraph) principal(oid int64, via string) connectors.Principal {
	if oid == publicOID {
		return connectors.Principal{Kind: connectors.KindEveryone, Name: "PUBLIC", Via: via}
	}
	kind := connectors.KindRole
	if r, ok := g.roles[oid]; ok && r.login {
		kind = connectors.KindUser
	}
	return connectors.Principal{Kind: kind, Name: g.name(oid), Via: via}
}

// name is a role's name; a role dropped while the grants were read keeps
// its oid.
func (g *roleGraph) name(oid int64) string {
	if oid == publicOID {
		return "PUBLIC"
	}
	if r, ok := g.roles[oid]; ok {
		return r.name
	}
	return "role " + strconv.FormatInt(oid, 10)
}

// superusers are the superuser roles, by name.
func (g *roleGraph) superusers() []int64 {
	var oids []int64
	for oid, r := range g.roles {
		if r.super {
			oids = append(oids, oid)
		}
	}
	g.sortByName(oids)
	return oids
}

// sortByName orders role oids by name, so that Via lists read the same
// on every scan.
func (g *roleGraph) sortByName(oids []int64) {
	slices.SortFunc(oids, func(x, y int64) int { return strings.Compare(g.name(x), g.name(y)) })
}
