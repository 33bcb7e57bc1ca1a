package s3

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/pmscan/pmscan/connectors"
)

// Bucket policies: who they let read the bucket's objects.

// policyDocument is a bucket policy: IAM's JSON, whose fields may each be
// one string or a list of them.
type policyDocument struct {
	Statement oneOrMany[statement]
}

type statement struct {
	Sid          string
	Effect       string
	Principal    *principals
	NotPrincipal *principals
	Action       oneOrMany[string]
	NotAction    oneOrMany[string]
	Resource     oneOrMany[string]
	NotResource  oneOrMany[string]
	Condition    map[string]json.RawMessage
}

// oneOrMany is a JSON value or a list of them.
type oneOrMany[T any] []T

func (l *oneOrMany[T]) UnmarshalJSON(b []byte) error {
	var many []T
	if err := json.Unmarshal(b, &many); err == nil {
		*l = many
		return nil
	}
	var one T
	if err := json.Unmarshal(b, &one); err != nil {
		return err
	}
	*l = oneOrMany[T]{one}
	return nil
}

// principals are a statement's principals by type ("AWS", "Service",
// "CanonicalUser", "Federated"). "*" alone is read as {"AWS": "*"}: both
// mean anyone, signed or not.
type principals map[string]oneOrMany[string]

func (p *principals) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		if s != "*" {
			return fmt.Errorf("principal %q: want \"*\" or an object", s)
		}
		*p = principals{"AWS": {"*"}}
		return nil
	}
	var m map[string]oneOrMany[string]
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	*p = m
	return nil
}

// policyGrants reads a bucket policy's statements about the objects of
// bucket. Allow statements give readers; Deny statements are noted, not
// evaluated, and neither are NotPrincipal nor conditions (a conditional
// grant is listed, saying so).
func policyGrants(doc []byte, bucket string) (grants, error) {
	var d policyDocument
	if err := json.Unmarshal(doc, &d); err != nil {
		return grants{}, fmt.Errorf("the policy cannot be parsed: %w", err)
	}
	var g grants
	for i, st := range d.Statement {
		g.add(st, i, bucket)
	}
	return g, nil
}

// add adds what one statement grants or denies on the bucket's objects.
func (g *grants) add(st statement, i int, bucket string) {
	allow := strings.EqualFold(st.Effect, "Allow")
	if allow && len(st.Condition) == 0 && st.Principal.anyone() {
		g.public = true // whatever it grants, as Block Public Access sees it
	}
	scope, ok := st.objectScope(bucket)
	read, write := st.allows(readActions), st.allows(writeActions)
	if !ok || !(read || write) {
		return
	}
	if !allow {
		g.note("bucket policy denies %s", st.describe(scope))
		return
	}
	if st.NotPrincipal != nil {
		g.note("bucket policy allows %s", st.describe(scope))
		g.unknown = append(g.unknown, fmt.Sprintf("GetBucketPolicy: statement %s grants to all but its NotPrincipal, which is not evaluated", st.name(i)))
		return
	}
	if write && st.Principal.anyone() {
		g.writable = true
		if len(st.Condition) > 0 {
			g.note("bucket policy lets anyone write objects under conditions")
		}
	}
	if read {
		via := policyVia(scope, len(st.Condition) > 0)
		for _, p := range st.Principal.list() {
			p.Via = via
			g.readers = append(g.readers, p)
		}
	}
}

// policyVia is "bucket policy", with what limits the grant in parentheses:
// not ", ", which Access.Add uses to join the ways in.
func policyVia(scope string, conditions bool) string {
	var limits []string
	if scope != "" {
		limits = append(limits, "on "+scope)
	}
	if conditions {
		limits = append(limits, "with conditions")
	}
	if len(limits) == 0 {
		return "bucket policy"
	}
	return "bucket policy (" + strings.Join(limits, "; ") + ")"
}

func (st statement) name(i int) string {
	if st.Sid != "" {
		return fmt.Sprintf("%q", st.Sid)
	}
	return fmt.Sprintf("%d", i+1)
}

// describe says what the statement covers, for a note:
// "s3:GetObject to everyone on hr/* under conditions".
func (st statement) describe(scope string) string {
	var b strings.Builder
	if len(st.NotAction) > 0 {
		b.WriteString("all actions but " + strings.Join(st.NotAction, " "))
	} else {
		b.WriteString(strings.Join(st.Action, " "))
	}
	if st.NotPrincipal != nil {
		b.WriteString(" to all but " + st.NotPrincipal.names())
	} else {
		b.WriteString(" to " + st.Principal.names())
	}
	if scope != "" {
		b.WriteString(" on " + scope)
	}
	if len(st.Condition) > 0 {
		b.WriteString(" under conditions")
	}
	return b.String()
}

// allows reports whether the statement's actions include one of actions.
func (st statement) allows(actions []string) bool {
	for _, a := range actions {
		if len(st.NotAction) > 0 && !matchAny(st.NotAction, a, true) {
			return true
		}
		if matchAny(st.Action, a, true) {
			return true
		}
	}
	return false
}

// objectScope says whether the statement's resources cover objects of
// bucket: all of them (scope ""), or some (scope is the key pattern, or
// "all but" the excluded ones).
func (st statement) objectScope(bucket string) (scope string, ok bool) {
	if len(st.NotResource) > 0 {
		var but []string
		for _, r := range st.NotResource {
			switch s, covers := resourceScope(r, bucket); {
			case covers && s == "":
				return "", false
			case covers:
				but = append(but, s)
			}
		}
		if len(but) == 0 {
			return "", true
		}
		return "all but " + strings.Join(but, " or "), true
	}
	var some []string
	for _, r := range st.Resource {
		switch s, covers := resourceScope(r, bucket); {
		case covers && s == "":
			return "", true
		case covers:
			some = append(some, s)
		}
	}
	return strings.Join(some, " or "), len(some) > 0
}

// resourceScope says whether the resource pattern covers objects of
// bucket: all of them (scope "") or those whose keys match scope.
func resourceScope(pattern, bucket string) (scope string, ok bool) {
	if pattern == "*" {
		return "", true
	}
	rest, isS3 := s3Resource(pattern)
	if !isS3 {
		// arn:aws:s3:* and the like.
		return "", strings.HasSuffix(pattern, "*") && match(pattern, "arn:aws:s3:::"+bucket+"/", false)
	}
	// A pattern ending in * that matches "bucket/" matches every key
	// after it too.
	if strings.HasSuffix(rest, "*") && match(rest, bucket+"/", false) {
		return "", true
	}
	b, key, found := strings.Cut(rest, "/")
	if !found || key == "" || !match(b, bucket, false) {
		return "", false // the bucket itself, or another bucket
	}
	return key, true
}

// s3Resource is the resource part of an S3 ARN of any partition,
// arn:aws-cn:s3:::bucket/key → bucket/key.
func s3Resource(arn string) (string, bool) {
	f := strings.SplitN(arn, ":", 6)
	if len(f) != 6 || f[0] != "arn" || !match(f[2], "s3", true) || !match(f[3], "", false) || !match(f[4], "", false) {
		return "", false
	}
	return f[5], true
}

// anyone reports whether the principals include everyone.
func (p *principals) anyone() bool {
	if p == nil {
		return false
	}
	for _, id := range (*p)["AWS"] {
		if id == "*" {
			return true
		}
	}
	return false
}

// list is the principals as readers, without Via, in the policy's order
// by type.
func (p *principals) list() []connectors.Principal {
	if p == nil {
		return nil
	}
	var out []connectors.Principal
	for _, typ := range []string{"AWS", "CanonicalUser", "Service", "Federated"} {
		for _, id := range (*p)[typ] {
			out = append(out, policyPrincipal(typ, id))
		}
	}
	return out
}

// names are the principals for a note: "everyone" or their IDs.
func (p *principals) names() string {
	if p.anyone() {
		return "everyone"
	}
	var n []string
	for _, q := range p.list() {
		n = append(n, q.Name)
	}
	return strings.Join(n, " ")
}

// policyPrincipal is one principal of a policy: an AWS principal by the
// form of its ID, and a canonical user, a service or an identity provider
// as an account of its own.
func policyPrincipal(typ, id string) connectors.Principal {
	if typ != "AWS" {
		return connectors.Principal{Kind: connectors.KindAccount, Name: id}
	}
	if id == "*" {
		return connectors.Principal{Kind: connectors.KindEveryone}
	}
	return connectors.Principal{Kind: awsPrincipalKind(id), Name: awsPrincipalName(id)}
}

// awsPrincipalKind tells an AWS principal's kind from its ARN, or from
// the prefix of the unique ID that stands for a deleted user or role.
// Anything else (versitygw names users by access key) is an account.
func awsPrincipalKind(id string) string {
	f := strings.SplitN(id, ":", 6)
	if len(f) == 6 && f[0] == "arn" {
		switch res := f[5]; {
		case f[2] == "iam" && strings.HasPrefix(res, "user/"),
			f[2] == "sts" && strings.HasPrefix(res, "federated-user/"):
			return connectors.KindUser
		case f[2] == "iam" && strings.HasPrefix(res, "role/"),
			f[2] == "sts" && strings.HasPrefix(res, "assumed-role/"):
			return connectors.KindRole
		}
		return connectors.KindAccount
	}
	switch {
	case strings.HasPrefix(id, "AIDA"):
		return connectors.KindUser
	case strings.HasPrefix(id, "AROA"):
		return connectors.KindRole
	}
	return connectors.KindAccount
}

// awsPrincipalName is an account by its ID, whether given bare or as
// arn:aws:iam::ID:root, so that both forms are one reader; others by the
// ARN as given.
func awsPrincipalName(id string) string {
	f := strings.SplitN(id, ":", 6)
	if len(f) == 6 && f[0] == "arn" && f[2] == "iam" && f[5] == "root" {
		return f[4]
	}
	return id
}

func matchAny(patterns []string, s string, fold bool) bool {
	for _, p := range patterns {
		if match(p, s, fold) {
			return true
		}
	}
	return false
}

// match reports whether s matches the IAM wildcard pattern: * is any run
// of characters, / included, and ? is one character. Actions match
// without regard to case (fold), resources with it.
func match(pattern, s string, fold bool) bool {
	if fold {
		pattern, s = strings.ToLower(pattern), strings.ToLower(s)
	}
	p, t := []rune(pattern), []rune(s)
	// The usual greedy match with one backtrack point: the last *.
	pi, ti, star, mark := 0, 0, -1, 0
	for ti < len(t) {
		switch {
		case pi < len(p) && (p[pi] == '?' || p[pi] == t[ti]):
			pi++
			ti++
		case pi < len(p) && p[pi] == '*':
			star, mark = pi, ti
			pi++
		case star >= 0:
			mark++
			pi, ti = star+1, mark
		default:
			return false
		}
	}
	for pi < len(p) && p[pi] == '*' {
		pi++
	}
	return pi == len(p)
}
