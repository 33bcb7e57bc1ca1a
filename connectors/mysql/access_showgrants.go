package mysql

import "strings"

// What SHOW GRANTS says of the scan user, for a user that may not read
// the grant tables.

// addShowGrants adds what SHOW GRANTS says of me: its own grants, and
// those of its enabled roles, of the roles granted to them, and of PUBLIC,
// which the server adds because me holds them.
func (g *grantTables) addShowGrants(me account, lines []string) {
	holders := map[account]bool{}
	for _, line := range lines {
		if gl, ok := parseGrant(line); ok {
			g.addGrant(gl)
			holders[gl.grantee] = true
			continue
		}
		if roles, grantee, ok := parseRoleGrant(line); ok {
			for _, r := range roles {
				g.roles[r] = true
				g.grantees[r] = append(g.grantees[r], grantee)
			}
		}
	}
	for h := range holders {
		if h != me && !g.reaches(h, me) { // PUBLIC
			g.roles[h] = true
			g.grantees[h] = append(g.grantees[h], me)
		}
	}
	g.finish()
}

// reaches says whether role is granted to a, directly or through roles.
func (g *grantTables) reaches(role, a account) bool {
	seen := map[account]bool{role: true}
	queue := []account{role}
	for len(queue) > 0 {
		r := queue[0]
		queue = queue[1:]
		for _, grantee := range g.grantees[r] {
			if grantee == a {
				return true
			}
			if !seen[grantee] {
				seen[grantee] = true
				queue = append(queue, grantee)
			}
		}
	}
	return false
}

func (g *grantTables) addGrant(gl grantLine) {
	switch {
	case gl.global:
		if gl.sel {
			g.global = append(g.global, gl.grantee)
		}
	case gl.table == "":
		// Any privilege ON db.* is a row of mysql.db, which may hide another.
		if len(gl.privileges) > 0 {
			g.addDBGrant(gl.grantee, gl.db, gl.sel)
		}
	default:
		k := g.key(gl.db, gl.table)
		if gl.sel {
			g.tables[k] = append(g.tables[k], gl.grantee)
		}
		if len(gl.columns) > 0 {
			g.addColumns(k, gl.grantee, gl.columns...)
		}
	}
}

// grantLine is a line of SHOW GRANTS that grants privileges:
// GRANT privileges ON target TO grantee.
type grantLine struct {
	privileges []string // other than USAGE
	sel        bool     // SELECT on every column (or ALL PRIVILEGES)
	columns    []string // SELECT (columns)
	global     bool     // ON *.*
	db, table  string   // ON db.* (table "") or ON db.table; db may be a pattern
	grantee    account
}

// parseGrant parses a GRANT line of SHOW GRANTS; it fails on the lines
// that grant a role or a proxy, or privileges on a routine.
func parseGrant(line string) (grantLine, bool) {
	var gl grantLine
	rest, ok := strings.CutPrefix(line, "GRANT ")
	if !ok {
		return gl, false
	}
	privs, rest, ok := cutTop(rest, " ON ")
	if !ok {
		return gl, false
	}
	target, rest, ok := cutTop(rest, " TO ")
	if !ok {
		return gl, false
	}
	if gl.global, gl.db, gl.table, ok = parseTarget(target); !ok {
		return gl, false
	}
	if gl.grantee, ok = parseGrantee(rest); !ok {
		return gl, false
	}
	for _, p := range splitTop(privs, ",") {
		name, cols, hasCols := cutTop(strings.TrimSpace(p), "(")
		name = strings.ToUpper(strings.TrimSpace(name))
		if name == "USAGE" {
			continue
		}
		gl.privileges = append(gl.privileges, name)
		if name != "SELECT" && name != "ALL" && name != "ALL PRIVILEGES" {
			continue
		}
		if !hasCols {
			gl.sel = true
			continue
		}
		for _, c := range splitTop(strings.TrimSuffix(strings.TrimSpace(cols), ")"), ",") {
			if name, _, ok := parseIdent(strings.TrimSpace(c)); ok {
				gl.columns = append(gl.columns, name)
			}
		}
	}
	return gl, true
}

// parseRoleGrant parses a line of SHOW GRANTS that grants roles:
// GRANT `role`[, …] TO grantee.
func parseRoleGrant(line string) (roles []account, grantee account, ok bool) {
	rest, ok := strings.CutPrefix(line, "GRANT ")
	if !ok {
		return nil, account{}, false
	}
	if _, _, on := cutTop(rest, " ON "); on {
		return nil, account{}, false
	}
	list, rest, ok := cutTop(rest, " TO ")
	if !ok {
		return nil, account{}, false
	}
	for _, item := range splitTop(list, ",") {
		r, ok := parseGrantee(item)
		if !ok {
			return nil, account{}, false
		}
		roles = append(roles, r)
	}
	grantee, ok = parseGrantee(rest)
	return roles, grantee, ok
}

// parseTarget parses *.*, `db`.* or `db`.`table`.
func parseTarget(target string) (global bool, db, table string, ok bool) {
	target = strings.TrimSpace(target)
	if target == "*.*" {
		return true, "", "", true
	}
	db, rest, ok := parseIdent(target)
	if !ok || !strings.HasPrefix(rest, ".") {
		return false, "", "", false
	}
	if rest == ".*" {
		return false, db, "", true
	}
	table, rest, ok = parseIdent(rest[1:])
	return false, db, table, ok && rest == ""
}

// parseGrantee parses the start of what follows TO: `user`@`host`, a role
// `role`, or PUBLIC.
func parseGrantee(s string) (account, bool) {
	user, rest, ok := parseIdent(strings.TrimSpace(s))
	if !ok {
		return account{}, false
	}
	if !strings.HasPrefix(rest, "@") {
		return account{user: user}, true
	}
	host, _, ok := parseIdent(rest[1:])
	return account{user, host}, ok
}

// parseIdent reads an identifier quoted with ` or ' (a quote doubled, or
// after \ in '…', is one), or a bare one up to ., @, space, ( or ).
func parseIdent(s string) (name, rest string, ok bool) {
	if s == "" {
		return "", "", false
	}
	q := s[0]
	if q != '`' && q != '\'' {
		end := strings.IndexAny(s, ".@ ()")
		if end < 0 {
			end = len(s)
		}
		return s[:end], s[end:], end > 0
	}
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		switch {
		case q == '\'' && s[i] == '\\' && i+1 < len(s):
			i++
			b.WriteByte(s[i])
		case s[i] == q && i+1 < len(s) && s[i+1] == q:
			i++
			b.WriteByte(q)
		case s[i] == q:
			return b.String(), s[i+1:], true
		default:
			b.WriteByte(s[i])
		}
	}
	return "", "", false
}

// cutTop cuts s around the first sep outside quotes and parentheses.
func cutTop(s, sep string) (before, after string, found bool) {
	depth := 0
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if quote == '\'' && c == '\\' {
				i++
			} else if c == quote {
				quote = 0 // a doubled quote opens again at once
			}
		case depth == 0 && strings.HasPrefix(s[i:], sep):
			return s[:i], s[i+len(sep):], true
		case c == '`' || c == '\'' || c == '"':
			quote = c
		case c == '(':
			depth++
		case c == ')':
			depth--
		}
	}
	return s, "", false
}

// splitTop splits s at every sep outside quotes and parentheses.
func splitTop(s, sep string) []string {
	var parts []string
	for {
		before, after, found := cutTop(s, sep)
		parts = append(parts, before)
		if !found {
			return parts
		}
		s = after
	}
}
