package s3

import (
	"archive/zip"
	"bytes"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/internal/testkit/benchenv"
	"github.com/pmscan/pmscan/internal/testkit/s3test"
)

// Principals for the tables below.
var everyone = connectors.Principal{Kind: connectors.KindEveryone, Via: "bucket policy"}

func account(name, via string) connectors.Principal {
	return connectors.Principal{Kind: connectors.KindAccount, Name: name, Via: via}
}

const bucketPolicyFmt = `{"Version": "2012-10-17", "Statement": %s}`

// TestPolicyGrants reads policy documents in the forms IAM allows: a
// statement or a list of them, and a string or a list for Principal,
// Action and Resource.
func TestPolicyGrants(t *testing.T) {
	for _, tt := range []struct {
		name      string
		statement string // the Statement value
		readers   []connectors.Principal
		writable  bool
		public    bool
		note      string // a note that must be there, "" for none at all
		unknown   string // a part of the unknown, "" for none
	}{
		{
			name:      "public read, all strings",
			statement: `{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}`,
			readers:   []connectors.Principal{everyone}, public: true,
		},
		{
			name:      "public read, AWS star in a list, statement list",
			statement: `[{"Sid": "PublicRead", "Effect": "Allow", "Principal": {"AWS": ["*"]}, "Action": ["s3:GetObject", "s3:GetObjectVersion"], "Resource": ["arn:aws:s3:::b/*"]}]`,
			readers:   []connectors.Principal{everyone}, public: true,
		},
		{
			name:      "public read under conditions",
			statement: `{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*", "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}}`,
			readers:   []connectors.Principal{{Kind: connectors.KindEveryone, Via: "bucket policy (with conditions)"}},
		},
		{
			name:      "on a prefix",
			statement: `{"Effect": "Allow", "Principal": "*", "Action": "s3:Get*", "Resource": "arn:aws:s3:::b/public/*"}`,
			readers:   []connectors.Principal{{Kind: connectors.KindEveryone, Via: "bucket policy (on public/*)"}}, public: true,
		},
		{
			name:      "accounts, users and roles",
			statement: `{"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::111122223333:root", "444455556666", "arn:aws:iam::111122223333:user/alice", "arn:aws:iam::111122223333:role/etl", "arn:aws:sts::111122223333:assumed-role/etl/s1"]}, "Action": "s3:*", "Resource": "arn:aws:s3:::b/*"}`,
			readers: []connectors.Principal{
				account("111122223333", "bucket policy"),
				account("444455556666", "bucket policy"),
				{Kind: connectors.KindRole, Name: "arn:aws:iam::111122223333:role/etl", Via: "bucket policy"},
				{Kind: connectors.KindRole, Name: "arn:aws:sts::111122223333:assumed-role/etl/s1", Via: "bucket policy"},
				{Kind: connectors.KindUser, Name: "arn:aws:iam::111122223333:user/alice", Via: "bucket policy"},
			},
		},
		{
			name:      "service and canonical user",
			statement: `{"Effect": "Allow", "Principal": {"Service": "cloudfront.amazonaws.com", "CanonicalUser": "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*", "Condition": {"StringEquals": {"AWS:SourceArn": "arn:aws:cloudfront::111122223333:distribution/E1"}}}`,
			readers: []connectors.Principal{
				account("79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be", "bucket policy (with conditions)"),
				account("cloudfront.amazonaws.com", "bucket policy (with conditions)"),
			},
		},
		{
			name:      "any action on any resource",
			statement: `{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}`,
			readers:   []connectors.Principal{everyone}, writable: true, public: true,
		},
		{
			name:      "wildcard bucket, other partition",
			statement: `{"Effect": "Allow", "Principal": {"AWS": "123456789012"}, "Action": "s3:GetObject", "Resource": "arn:aws-cn:s3:::b*"}`,
			readers:   []connectors.Principal{account("123456789012", "bucket policy")},
		},
		{
			name:      "public write only",
			statement: `{"Effect": "Allow", "Principal": "*", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::b/uploads/*"}`,
			writable:  true, public: true,
		},
		{
			name:      "public listing only: public, no readers",
			statement: `{"Effect": "Allow", "Principal": "*", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::b"}`,
			public:    true,
		},
		{
			name:      "another bucket",
			statement: `{"Effect": "Allow", "Principal": {"AWS": "123456789012"}, "Action": "s3:GetObject", "Resource": ["arn:aws:s3:::other/*", "arn:aws:s3:::b"]}`,
		},
		{
			name:      "NotAction",
			statement: `{"Effect": "Allow", "Principal": {"AWS": "123456789012"}, "NotAction": "s3:Delete*", "Resource": "arn:aws:s3:::b/*"}`,
			readers:   []connectors.Principal{account("123456789012", "bucket policy")},
		},
		{
			name:      "NotAction excluding reads",
			statement: `{"Effect": "Allow", "Principal": {"AWS": "123456789012"}, "NotAction": ["s3:GetObject*", "s3:Put*", "s3:Delete*"], "Resource": "arn:aws:s3:::b/*"}`,
		},
		{
			name:      "NotResource",
			statement: `{"Effect": "Allow", "Principal": {"AWS": "123456789012"}, "Action": "s3:GetObject", "NotResource": "arn:aws:s3:::b/private/*"}`,
			readers:   []connectors.Principal{account("123456789012", "bucket policy (on all but private/*)")},
		},
		{
			name:      "NotResource excluding the bucket",
			statement: `{"Effect": "Allow", "Principal": {"AWS": "123456789012"}, "Action": "s3:GetObject", "NotResource": "arn:aws:s3:::b/*"}`,
		},
		{
			name:      "deny is noted",
			statement: `[{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}, {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]`,
			readers:   []connectors.Principal{everyone}, public: true,
			note: "bucket policy denies s3:* to everyone under conditions",
		},
		{
			name:      "deny to one key",
			statement: `{"Effect": "Deny", "Principal": {"AWS": "arn:aws:iam::111122223333:user/bob"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/hr/payroll.csv"}`,
			note:      "bucket policy denies s3:GetObject to arn:aws:iam::111122223333:user/bob on hr/payroll.csv",
		},
		{
			name:      "NotPrincipal is not evaluated",
			statement: `{"Sid": "AllBut", "Effect": "Allow", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:user/bob"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}`,
			note:      "bucket policy allows s3:GetObject to all but arn:aws:iam::111122223333:user/bob",
			unknown:   `statement "AllBut" grants to all but its NotPrincipal`,
		},
		{
			name:      "same principal twice",
			statement: `[{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}, {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*", "Condition": {"StringEquals": {"aws:SourceVpce": "vpce-1"}}}]`,
			readers:   []connectors.Principal{{Kind: connectors.KindEveryone, Via: "bucket policy, bucket policy (with conditions)"}}, public: true,
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			g, err := policyGrants(fmt.Appendf(nil, bucketPolicyFmt, tt.statement), "b")
			if err != nil {
				t.Fatal(err)
			}
			a := &connectors.Access{}
			for _, r := range g.readers {
				a.Add(r)
			}
			a.Sort()
			if !slices.Equal(a.Readers, tt.readers) {
				t.Errorf("readers\n%+v, want\n%+v", a.Readers, tt.readers)
			}
			if g.writable != tt.writable || g.public != tt.public {
				t.Errorf("writable %v, public %v; want %v, %v", g.writable, g.public, tt.writable, tt.public)
			}
			if tt.note == "" && len(g.notes) > 0 || tt.note != "" && !slices.Contains(g.notes, tt.note) {
				t.Errorf("notes %q, want %q", g.notes, tt.note)
			}
			unknown := strings.Join(g.unknown, "; ")
			if tt.unknown == "" && unknown != "" || !strings.Contains(unknown, tt.unknown) {
				t.Errorf("unknown %q, want %q", unknown, tt.unknown)
			}
		})
	}
}

func TestPolicyGrantsMalformed(t *testing.T) {
	for _, doc := range []string{
		`not json`,
		`{"Statement": {"Effect": "Allow", "Principal": "someone"}}`,
		`{"Statement": {"Effect": "Allow", "Action": 7}}`,
	} {
		if _, err := policyGrants([]byte(doc), "b"); err == nil {
			t.Errorf("%s: no error", doc)
		}
	}
}

func TestMatch(t *testing.T) {
	for _, tt := range []struct {
		pattern, s string
		fold, want bool
	}{
		{"*", "", false, true},
		{"s3:Get*", "s3:getobject", true, true},
		{"s3:Get*", "s3:getobject", false, false},
		{"s3:*Object", "s3:GetObject", false, true},
		{"s3:GetObj?ct", "s3:GetObject", false, true},
		{"s3:GetObj?ct", "s3:GetObjct", false, false},
		{"b/*/x", "b/a/b/x", false, true},
		{"b/*/x", "b/a/b/y", false, false},
		{"b/データ/*", "b/データ/1.csv", false, true},
		{"b/??", "b/デー", false, true},
		{"a*b*c", "aXbYbZc", false, true},
		{"a*b*c", "aXbYbZ", false, false},
	} {
		if got := match(tt.pattern, tt.s, tt.fold); got != tt.want {
			t.Errorf("match(%q, %q, %v) = %v, want %v", tt.pattern, tt.s, tt.fold, got, tt.want)
		}
	}
}

func TestResourceScope(t *testing.T) {
	for _, tt := range []struct {
		pattern string
		scope   string
		ok      bool
	}{
		{"*", "", true},
		{"arn:aws:s3:::b/*", "", true},
		{"arn:aws:s3:::b*", "", true},
		{"arn:aws:s3:::*", "", true},
		{"arn:aws:s3:*", "", true},
		{"arn:aws-us-gov:s3:::b/*", "", true},
		{"arn:aws:s3:::b/reports/*", "reports/*", true},
		{"arn:aws:s3:::b/exact.csv", "exact.csv", true},
		{"arn:aws:s3:::*/logs/*", "logs/*", true},
		{"arn:aws:s3:::b", "", false},
		{"arn:aws:s3:::bb/*", "", false},
		{"arn:aws:s3:::other/*", "", false},
		{"arn:aws:iam::123456789012:root", "", false},
		{"arn:aws:s3:us-east-1:123456789012:accesspoint/ap/object/*", "", false},
	} {
		scope, ok := resourceScope(tt.pattern, "b")
		if scope != tt.scope || ok != tt.ok {
			t.Errorf("resourceScope(%q) = %q, %v; want %q, %v", tt.pattern, scope, ok, tt.scope, tt.ok)
		}
	}
}

func TestACLGrants(t *testing.T) {
	owner := &types.Owner{ID: aws.String("owner-id")}
	grant := func(g types.Grantee, p types.Permission) types.Grant { return types.Grant{Grantee: &g, Permission: p} }
	group := func(uri string) types.Grantee { return types.Grantee{Type: types.TypeGroup, URI: aws.String(uri)} }
	user := func(id, display string) types.Grantee {
		g := types.Grantee{Type: types.TypeCanonicalUser, ID: aws.String(id)}
		if display != "" {
			g.DisplayName = aws.String(display)
		}
		return g
	}
	ownerFull := grant(user("owner-id", ""), types.PermissionFullControl)
	for _, tt := range []struct {
		name     string
		grants   []types.Grant
		readers  []connectors.Principal
		writable bool
		note     string
	}{
		{
			name:    "private",
			grants:  []types.Grant{ownerFull},
			readers: []connectors.Principal{account("owner-id", "owner")},
		},
		{
			name:    "public-read: listing",
			grants:  []types.Grant{ownerFull, grant(group(allUsersURI), types.PermissionRead)},
			readers: []connectors.Principal{{Kind: connectors.KindEveryone, Via: "bucket ACL: list"}, account("owner-id", "owner")},
		},
		{
			name:   "public-read-write",
			grants: []types.Grant{ownerFull, grant(group(allUsersURI), types.PermissionRead), grant(group(allUsersURI), types.PermissionWrite)},
			readers: []connectors.Principal{{Kind: connectors.KindEveryone, Via: "bucket ACL: list"},
				account("owner-id", "owner")},
			writable: true,
		},
		{
			name:     "authenticated-read and full control",
			grants:   []types.Grant{ownerFull, grant(group(authenticatedUsersURI), types.PermissionFullControl)},
			readers:  []connectors.Principal{{Kind: connectors.KindAuthenticated, Via: "bucket ACL"}, account("owner-id", "owner")},
			writable: true,
		},
		{
			name:    "versitygw's all-users",
			grants:  []types.Grant{ownerFull, grant(types.Grantee{Type: types.TypeGroup, ID: aws.String("all-users")}, types.PermissionRead)},
			readers: []connectors.Principal{{Kind: connectors.KindEveryone, Via: "bucket ACL: list"}, account("owner-id", "owner")},
		},
		{
			name: "other accounts by name, ID and e-mail; ACP grants are not reads",
			grants: []types.Grant{ownerFull,
				grant(user("partner-id", "partner"), types.PermissionFullControl),
				grant(user("auditor-id", ""), types.PermissionRead),
				grant(types.Grantee{Type: types.TypeAmazonCustomerByEmail, EmailAddress: aws.String("ops@example.jp")}, types.PermissionRead),
				grant(user("acp-id", ""), types.PermissionReadAcp),
			},
			readers: []connectors.Principal{account("auditor-id", "bucket ACL: list"), account("ops@example.jp", "bucket ACL: list"),
				account("owner-id", "owner"), account("partner", "bucket ACL")},
		},
		{
			name:    "log delivery group",
			grants:  []types.Grant{ownerFull, grant(group("http://acs.amazonaws.com/groups/s3/LogDelivery"), types.PermissionRead)},
			readers: []connectors.Principal{account("owner-id", "owner")},
			note:    "bucket ACL grants READ to a grantee not understood (Group http://acs.amazonaws.com/groups/s3/LogDelivery)",
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			g := aclGrants(&s3.GetBucketAclOutput{Owner: owner, Grants: tt.grants})
			a := &connectors.Access{}
			for _, r := range g.readers {
				a.Add(r)
			}
			a.Sort()
			if !slices.Equal(a.Readers, tt.readers) {
				t.Errorf("readers\n%+v, want\n%+v", a.Readers, tt.readers)
			}
			if g.writable != tt.writable {
				t.Errorf("writable %v, want %v", g.writable, tt.writable)
			}
			if tt.note == "" && len(g.notes) > 0 || tt.note != "" && !slices.Contains(g.notes, tt.note) {
				t.Errorf("notes %q, want %q", g.notes, tt.note)
			}
		})
	}
}

// TestBucketSettingsAccess weighs a policy and an ACL against Block
// Public Access and object ownership, which versitygw does not implement.
func TestBucketSettingsAccess(t *testing.T) {
	mustPolicy := func(statement string) grants {
		g, err := policyGrants(fmt.Appendf(nil, bucketPolicyFmt, statement), "b")
		if err != nil {
			t.Fatal(err)
		}
		return g
	}
	publicRead := mustPolicy(`{"Effect": "Allow", "Principal": "*", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::b/*"}`)
	vpceRead := mustPolicy(`{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*", "Condition": {"StringEquals": {"aws:SourceVpce": "vpce-1"}}}`)
	mixed := mustPolicy(`[{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}, {"Effect": "Allow", "Principal": {"AWS": "123456789012"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]`)
	publicACL := aclGrants(&s3.GetBucketAclOutput{Owner: &types.Owner{ID: aws.String("owner-id")}, Grants: []types.Grant{
		{Grantee: &types.Grantee{Type: types.TypeGroup, URI: aws.String(authenticatedUsersURI)}, Permission: types.PermissionRead},
		{Grantee: &types.Grantee{Type: types.TypeGroup, URI: aws.String(allUsersURI)}, Permission: types.PermissionWrite},
	}})
	on := aws.Bool(true)
	const (
		restricted  = "Block Public Access: the public policy is not in force (RestrictPublicBuckets: only the bucket owner's account and AWS services keep access through it)"
		conditional = "Block Public Access (RestrictPublicBuckets) is on: the policy's grants to everyone hold only where their conditions make them non-public"
		aclIgnored  = "Block Public Access: the bucket ACL's public grants are ignored (IgnorePublicAcls)"
		objectACLs  = "object ACLs are not read: ACLs are enabled on the bucket (ObjectWriter), so an object's own ACL may let others read it"
	)
	for _, tt := range []struct {
		name     string
		s        bucketSettings
		public   bool
		writable bool
		readers  int
		notes    []string
		unknown  string
	}{
		{name: "public policy", s: bucketSettings{policy: publicRead, ownership: types.ObjectOwnershipBucketOwnerEnforced},
			public: true, writable: true, readers: 1},
		{name: "public policy, RestrictPublicBuckets",
			s:     bucketSettings{policy: publicRead, block: types.PublicAccessBlockConfiguration{RestrictPublicBuckets: on}, ownership: types.ObjectOwnershipBucketOwnerEnforced},
			notes: []string{restricted}},
		{name: "public policy, BlockPublicPolicy only: the policy predates it and stays in force",
			s:      bucketSettings{policy: publicRead, block: types.PublicAccessBlockConfiguration{BlockPublicPolicy: on}, ownership: types.ObjectOwnershipBucketOwnerEnforced},
			public: true, writable: true, readers: 1},
		{name: "public and account grants, RestrictPublicBuckets: the account stays listed",
			s:       bucketSettings{policy: mixed, block: types.PublicAccessBlockConfiguration{RestrictPublicBuckets: on}, ownership: types.ObjectOwnershipBucketOwnerEnforced},
			readers: 1, notes: []string{restricted}},
		{name: "conditional grant, RestrictPublicBuckets",
			s:      bucketSettings{policy: vpceRead, block: types.PublicAccessBlockConfiguration{RestrictPublicBuckets: on}, ownership: types.ObjectOwnershipBucketOwnerEnforced},
			public: true, readers: 1, notes: []string{conditional}},
		{name: "public ACL, ACLs enabled", s: bucketSettings{acl: publicACL, ownership: types.ObjectOwnershipObjectWriter},
			public: true, writable: true, readers: 2, notes: []string{objectACLs}},
		{name: "public ACL, IgnorePublicAcls",
			s:       bucketSettings{acl: publicACL, block: types.PublicAccessBlockConfiguration{IgnorePublicAcls: on}, ownership: types.ObjectOwnershipObjectWriter},
			readers: 1, notes: []string{aclIgnored, objectACLs}},
		{name: "public ACL, BlockPublicAcls only",
			s:      bucketSettings{acl: publicACL, block: types.PublicAccessBlockConfiguration{BlockPublicAcls: on}, ownership: types.ObjectOwnershipObjectWriter},
			public: true, writable: true, readers: 2, notes: []string{objectACLs}},
		{name: "nothing could be read",
			s:       bucketSettings{unknown: []string{"GetBucketPolicy: AccessDenied", "GetBucketAcl: AccessDenied"}},
			unknown: "GetBucketPolicy: AccessDenied; GetBucketAcl: AccessDenied"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a := tt.s.access()
			if a.Public() != tt.public || a.WorldWritable != tt.writable || len(a.Readers) != tt.readers {
				t.Errorf("public %v, world-writable %v, readers %+v; want %v, %v, %d readers", a.Public(), a.WorldWritable, a.Readers, tt.public, tt.writable, tt.readers)
			}
			if !slices.Equal(a.Notes, tt.notes) {
				t.Errorf("notes\n%q, want\n%q", a.Notes, tt.notes)
			}
			if a.Unknown != tt.unknown {
				t.Errorf("unknown %q, want %q", a.Unknown, tt.unknown)
			}
		})
	}
}

// walkAccess walks target and returns each object's access by name, the
// requests the walk sent by kind, and the objects that failed.
func walkAccess(t testing.TB, endpoint, target string) (map[string]*connectors.Access, map[string]int, []string) {
	t.Helper()
	counter := &accessCounter{n: map[string]int{}}
	conn, err := Factory{Options: Options{Endpoint: endpoint, wrapTransport: counter.wrap}}.Open(t.Context(), target)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	got := map[string]*connectors.Access{}
	var failed []string
	err = conn.Walk(t.Context(), func(rec connectors.Record, err error) error {
		if err != nil {
			failed = append(failed, rec.Loc.Object.Name())
		}
		got[rec.Loc.Object.Name()] = rec.Loc.Object.Access
		return nil
	})
	if err != nil {
		t.Fatalf("walk %s: %v", target, err)
	}
	return got, counter.counts(), failed
}

// accessCounter counts a connector's requests as reads of a bucket
// setting (by its query: policy, acl, ...), listings and objects.
type accessCounter struct {
	mu sync.Mutex
	n  map[string]int
}

func (c *accessCounter) wrap(next http.RoundTripper) http.RoundTripper {
	return roundTripFunc(func(r *http.Request) (*http.Response, error) {
		kind := "object"
		for _, q := range []string{"policy", "acl", "publicAccessBlock", "ownershipControls", "list-type"} {
			if r.URL.Query().Has(q) {
				kind = q
			}
		}
		c.mu.Lock()
		c.n[kind]++
		c.mu.Unlock()
		return next.RoundTrip(r)
	})
}

func (c *accessCounter) counts() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return maps.Clone(c.n)
}

func zipped(t testing.TB, name, body string) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	f, err := w.Create(name)
	if err == nil {
		_, err = f.Write([]byte(body))
	}
	if err == nil {
		err = w.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestWalkAccess reads the access of buckets on versitygw: every object of
// a walk, archive members too, shares its bucket's, read with four
// requests once per walk.
func TestWalkAccess(t *testing.T) {
	srv := s3test.Start(t)
	root := srv.Client(t)
	ctx := t.Context()
	const csv = "氏名,電話番号\n山田 太郎,090-1234-5678\n"
	fill := func(bucket string) {
		srv.PutAll(t, bucket, map[string][]byte{"a.csv": []byte(csv), "b.csv": []byte(csv), "c.zip": zipped(t, "in.csv", csv)})
	}
	putPolicy := func(bucket, statement string) {
		t.Helper()
		_, err := root.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String(bucket), Policy: aws.String(fmt.Sprintf(bucketPolicyFmt, statement))})
		if err != nil {
			t.Fatalf("put the policy of %s: %v", bucket, err)
		}
	}

	srv.CreateBucket(t, "private")
	fill("private")

	srv.CreateBucket(t, "public")
	fill("public")
	// versitygw wants Statement as a list.
	putPolicy("public", `[{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::public/*"}]`)

	// versitygw's internal IAM names principals by access key.
	srv.CreateBucket(t, "granted")
	fill("granted")
	reader := srv.DenyGet(t, "granted", "b.csv")

	// Bucket ACLs need ownership other than BucketOwnerEnforced.
	if _, err := root.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("acl"), ObjectOwnership: types.ObjectOwnershipBucketOwnerPreferred}); err != nil {
		t.Fatal(err)
	}
	fill("acl")
	if _, err := root.PutBucketAcl(ctx, &s3.PutBucketAclInput{Bucket: aws.String("acl"), ACL: types.BucketCannedACLPublicRead}); err != nil {
		t.Fatalf("public-read ACL: %v", err)
	}

	// versitygw answers GetPublicAccessBlock with NotImplemented: the
	// walk says so, and goes on.
	const noPAB = "GetPublicAccessBlock: NotImplemented"
	owner := account(srv.AccessKey, "owner")
	for _, tt := range []struct {
		name   string
		as     s3test.Credentials
		bucket string
		want   connectors.Access
		failed []string
	}{
		{name: "no policy", as: srv.Root(), bucket: "private",
			want: connectors.Access{Readers: []connectors.Principal{owner}, Unknown: noPAB}},
		{name: "public-read policy", as: srv.Root(), bucket: "public",
			want: connectors.Access{Readers: []connectors.Principal{everyone, owner}, Unknown: noPAB}},
		{name: "policy granting a user", as: srv.Root(), bucket: "granted",
			want: connectors.Access{
				Readers: []connectors.Principal{owner, account(reader.AccessKey, "bucket policy")},
				Notes:   []string{"bucket policy denies s3:GetObject to " + reader.AccessKey + " on b.csv"},
				Unknown: noPAB}},
		{name: "public-read ACL", as: srv.Root(), bucket: "acl",
			want: connectors.Access{
				Readers: []connectors.Principal{{Kind: connectors.KindEveryone, Via: "bucket ACL: list"}, owner},
				Notes:   []string{"object ACLs are not read: ACLs are enabled on the bucket (BucketOwnerPreferred), so an object's own ACL may let others read it"},
				Unknown: noPAB}},
		{name: "a user who may not read the settings", as: reader, bucket: "granted",
			want:   connectors.Access{Unknown: "GetBucketPolicy: AccessDenied; GetBucketAcl: AccessDenied; " + noPAB + "; GetBucketOwnershipControls: AccessDenied"},
			failed: []string{"s3://granted/b.csv"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv.Env(t, tt.as)
			got, reqs, failed := walkAccess(t, srv.Endpoint, "s3://"+tt.bucket+"/")
			if !slices.Equal(failed, tt.failed) {
				t.Errorf("failed objects %q, want %q", failed, tt.failed)
			}
			if len(got) != 4 {
				t.Errorf("%d objects, want a.csv, b.csv, c.zip and its member", len(got))
			}
			var first *connectors.Access
			for name, a := range got {
				if first == nil {
					first = a
				}
				if a != first {
					t.Errorf("%s has an Access of its own, want the bucket's, shared", name)
				}
			}
			if !first.Equal(&tt.want) {
				t.Errorf("access\n%+v, want\n%+v", *first, tt.want)
			}
			if first.Public() != hasPublic(tt.want.Readers) {
				t.Errorf("Public() = %v", first.Public())
			}
			for _, kind := range []string{"policy", "acl", "publicAccessBlock", "ownershipControls"} {
				if reqs[kind] != 1 {
					t.Errorf("%s requests: %d, want 1 (requests %v)", kind, reqs[kind], reqs)
				}
			}
		})
	}

	t.Run("a listing that fails reads no access", func(t *testing.T) {
		srv.Env(t, srv.Root())
		counter := &accessCounter{n: map[string]int{}}
		conn, err := Factory{Options: Options{Endpoint: srv.Endpoint, wrapTransport: counter.wrap}}.Open(ctx, "s3://missing/")
		if err != nil {
			t.Fatal(err)
		}
		if err := conn.Walk(ctx, func(connectors.Record, error) error { return nil }); err == nil {
			t.Fatal("walk of a missing bucket: no error")
		}
		if reqs := counter.counts(); len(reqs) != 1 || reqs["list-type"] == 0 {
			t.Errorf("requests %v, want the listing's alone", reqs)
		}
	})
}

// BenchmarkWalkAccess walks a bucket of PMSCAN_BENCH_OBJECTS small objects
// (default 10,000) and reports the requests that read its access per walk
// and the time of reading it once, which the walk waits for before its
// first object.
func BenchmarkWalkAccess(b *testing.B) {
	n := benchenv.Int(b, "PMSCAN_BENCH_OBJECTS", 10000)
	srv := s3test.Start(b)
	srv.CreateBucket(b, "bench")
	objs := make(map[string][]byte, n)
	for i := range n {
		objs[fmt.Sprintf("many/export-%05d.csv", i)] = fmt.Appendf(nil, "顧客ID,電話番号\n%d,090-1234-%04d\n", i, i%10000)
	}
	srv.PutAll(b, "bench", objs)
	srv.Env(b, srv.Root())

	b.Run("read access once", func(b *testing.B) {
		conn, err := Factory{Options: Options{Endpoint: srv.Endpoint}}.Open(b.Context(), "s3://bench/")
		if err != nil {
			b.Fatal(err)
		}
		c := conn.(*Connector)
		for b.Loop() {
			c.bucketAccess(b.Context())
		}
	})
	b.Run("walk", func(b *testing.B) {
		var access, all int
		start := time.Now()
		for b.Loop() {
			got, reqs, _ := walkAccess(b, srv.Endpoint, "s3://bench/")
			if len(got) != n {
				b.Fatalf("%d objects, want %d", len(got), n)
			}
			for kind, k := range reqs {
				all += k
				if kind != "object" && kind != "list-type" {
					access += k
				}
			}
		}
		b.ReportMetric(float64(access)/float64(b.N), "access-requests/op")
		b.ReportMetric(float64(all)/float64(b.N), "requests/op")
		b.ReportMetric(float64(n*b.N)/time.Since(start).Seconds(), "objects/s")
	})
}
