package s3

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/pmscan/pmscan/connectors"
)

// accessRequests is the number of requests that read a bucket's access,
// once per walk: GetBucketPolicy, GetBucketAcl, GetPublicAccessBlock and
// GetBucketOwnershipControls.
const accessRequests = 4

// bucketAccess is who can read the objects of the target's bucket, from
// the bucket's metadata alone: its policy, its ACL, its Block Public
// Access settings and its object ownership, asked at once. It never
// fails: what could not be read is said in Unknown, and the rest is kept.
// Object ACLs are not read: that would be a request per object.
func (c *Connector) bucketAccess(ctx context.Context) *connectors.Access {
	var s bucketSettings
	var errs [accessRequests]error
	var wg sync.WaitGroup
	wg.Go(func() { s.policy, errs[0] = c.readPolicy(ctx) })
	wg.Go(func() { s.acl, errs[1] = c.readACL(ctx) })
	wg.Go(func() { s.block, errs[2] = c.readBlock(ctx) })
	wg.Go(func() { s.ownership, errs[3] = c.readOwnership(ctx) })
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			s.unknown = append(s.unknown, unreadable(err))
		}
	}
	return s.access()
}

// readPolicy reads the bucket policy; a bucket without one grants nothing
// through it.
func (c *Connector) readPolicy(ctx context.Context) (grants, error) {
	const op = "GetBucketPolicy"
	out, err := c.client.GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: aws.String(c.target.Bucket)})
	switch {
	case codeOf(err) == "NoSuchBucketPolicy":
		return grants{}, nil
	case err != nil:
		return grants{}, explain(ctx, op, err)
	}
	g, err := policyGrants([]byte(aws.ToString(out.Policy)), c.target.Bucket)
	if err != nil {
		return grants{}, fmt.Errorf("%s: %w", op, err)
	}
	return g, nil
}

func (c *Connector) readACL(ctx context.Context) (grants, error) {
	out, err := c.client.GetBucketAcl(ctx, &s3.GetBucketAclInput{Bucket: aws.String(c.target.Bucket)})
	if err != nil {
		return grants{}, explain(ctx, "GetBucketAcl", err)
	}
	return aclGrants(out), nil
}

// readBlock reads the bucket's Block Public Access settings; a bucket
// without them blocks nothing (the account's own settings are not read).
func (c *Connector) readBlock(ctx context.Context) (types.PublicAccessBlockConfiguration, error) {
	out, err := c.client.GetPublicAccessBlock(ctx, &s3.GetPublicAccessBlockInput{Bucket: aws.String(c.target.Bucket)})
	switch {
	case codeOf(err) == "NoSuchPublicAccessBlockConfiguration":
		return types.PublicAccessBlockConfiguration{}, nil
	case err != nil:
		return types.PublicAccessBlockConfiguration{}, explain(ctx, "GetPublicAccessBlock", err)
	case out.PublicAccessBlockConfiguration == nil:
		return types.PublicAccessBlockConfiguration{}, nil
	}
	return *out.PublicAccessBlockConfiguration, nil
}

// readOwnership reads the bucket's object ownership, which says whether
// ACLs are in force at all. A bucket without the setting predates it and
// has ACLs enabled, as ObjectWriter.
func (c *Connector) readOwnership(ctx context.Context) (types.ObjectOwnership, error) {
	out, err := c.client.GetBucketOwnershipControls(ctx, &s3.GetBucketOwnershipControlsInput{Bucket: aws.String(c.target.Bucket)})
	switch {
	case codeOf(err) == "OwnershipControlsNotFoundError":
		return types.ObjectOwnershipObjectWriter, nil
	case err != nil:
		return "", explain(ctx, "GetBucketOwnershipControls", err)
	case out.OwnershipControls == nil || len(out.OwnershipControls.Rules) == 0:
		return types.ObjectOwnershipObjectWriter, nil
	}
	return out.OwnershipControls.Rules[0].ObjectOwnership, nil
}

// unreadable says briefly why a setting could not be read, for Unknown:
// "GetPublicAccessBlock: NotImplemented".
func unreadable(err error) string {
	var ae *apiError
	if errors.As(err, &ae) && ae.Code != "" {
		return ae.Op + ": " + ae.Code
	}
	return err.Error()
}

// bucketSettings are what the bucket's metadata says, before they are
// weighed against each other.
type bucketSettings struct {
	policy, acl grants
	block       types.PublicAccessBlockConfiguration
	ownership   types.ObjectOwnership // "" when it could not be read
	unknown     []string
}

// grants is what a bucket policy or a bucket ACL grants on the bucket's
// objects.
type grants struct {
	readers []connectors.Principal
	// writable says anyone may write objects (public-read-write).
	writable bool
	// public says a policy grants something to everyone without
	// conditions, which makes it a public policy for Block Public Access.
	public  bool
	notes   []string
	unknown []string
}

func (g *grants) note(format string, args ...any) {
	g.notes = append(g.notes, fmt.Sprintf(format, args...))
}

// access weighs the settings: Block Public Access takes public grants out
// of force, and ACLs enabled leave object ACLs, which are not read, as a
// way in.
func (s *bucketSettings) access() *connectors.Access {
	a := &connectors.Access{}
	s.addPolicy(a)
	s.addACL(a)
	if s.ownership != "" && s.ownership != types.ObjectOwnershipBucketOwnerEnforced {
		a.Notes = append(a.Notes, fmt.Sprintf("object ACLs are not read: ACLs are enabled on the bucket (%s), so an object's own ACL may let others read it", s.ownership))
	}
	a.Unknown = strings.Join(append(append(s.unknown, s.policy.unknown...), s.acl.unknown...), "; ")
	a.Sort()
	return a
}

// addPolicy adds the policy's readers. RestrictPublicBuckets takes a
// public policy out of force for everyone outside the bucket owner's
// account; BlockPublicPolicy only refuses new public policies and leaves
// one already there in force, so it changes nothing here.
func (s *bucketSettings) addPolicy(a *connectors.Access) {
	p := s.policy
	a.Notes = append(a.Notes, p.notes...)
	restrict := aws.ToBool(s.block.RestrictPublicBuckets)
	for _, r := range p.readers {
		if restrict && p.public && isPublic(r) {
			continue
		}
		a.Add(r)
	}
	switch {
	case restrict && p.public:
		a.Notes = append(a.Notes, "Block Public Access: the public policy is not in force (RestrictPublicBuckets: only the bucket owner's account and AWS services keep access through it)")
	case restrict && hasPublic(p.readers):
		// Conditions such as aws:SourceVpce make a statement non-public,
		// and then it stays in force; they are not evaluated here.
		a.Notes = append(a.Notes, "Block Public Access (RestrictPublicBuckets) is on: the policy's grants to everyone hold only where their conditions make them non-public")
	}
	a.WorldWritable = a.WorldWritable || (p.writable && !(restrict && p.public))
}

// addACL adds the bucket ACL's readers, without its public grants when
// IgnorePublicAcls is on. A bucket whose ownership is BucketOwnerEnforced
// has ACLs disabled, but S3 then allows only the owner's grant, so the ACL
// needs no filtering.
func (s *bucketSettings) addACL(a *connectors.Access) {
	g := s.acl
	a.Notes = append(a.Notes, g.notes...)
	ignore := aws.ToBool(s.block.IgnorePublicAcls)
	ignored := ignore && g.writable
	for _, r := range g.readers {
		if ignore && isPublic(r) {
			ignored = true
			continue
		}
		a.Add(r)
	}
	if ignored {
		a.Notes = append(a.Notes, "Block Public Access: the bucket ACL's public grants are ignored (IgnorePublicAcls)")
	}
	a.WorldWritable = a.WorldWritable || (g.writable && !ignore)
}

func isPublic(p connectors.Principal) bool {
	return p.Kind == connectors.KindEveryone || p.Kind == connectors.KindAuthenticated
}

func hasPublic(ps []connectors.Principal) bool {
	for _, p := range ps {
		if isPublic(p) {
			return true
		}
	}
	return false
}

// The bucket ACL's grantees that are groups of everyone.
const (
	allUsersURI           = "http://acs.amazonaws.com/groups/global/AllUsers"
	authenticatedUsersURI = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"
	// versitygwAllUsers is how versitygw names AllUsers: a Group grantee
	// with this ID and no URI.
	versitygwAllUsers = "all-users"
)

// aclGrants reads a bucket ACL. On a bucket, READ lets the grantee list
// the keys, not read the objects (object ACLs say that), so its Via says
// "bucket ACL: list"; FULL_CONTROL is listed as "bucket ACL". The owner's
// own grant is implied by "owner".
func aclGrants(out *s3.GetBucketAclOutput) grants {
	var g grants
	owner := ""
	if out.Owner != nil {
		owner = canonicalName(out.Owner.DisplayName, out.Owner.ID)
	}
	if owner != "" {
		g.readers = append(g.readers, connectors.Principal{Kind: connectors.KindAccount, Name: owner, Via: "owner"})
	}
	for _, gr := range out.Grants {
		perm := gr.Permission
		if perm != types.PermissionRead && perm != types.PermissionFullControl && perm != types.PermissionWrite {
			continue // READ_ACP, WRITE_ACP: the ACL itself
		}
		p, ok := aclGrantee(gr.Grantee)
		if !ok {
			g.note("bucket ACL grants %s to a grantee not understood (%s)", perm, describeGrantee(gr.Grantee))
			continue
		}
		if p.Kind == connectors.KindAccount && p.Name == owner {
			continue
		}
		if perm != types.PermissionRead && isPublic(p) {
			g.writable = true // WRITE or FULL_CONTROL: anyone may put objects
		}
		switch perm {
		case types.PermissionRead:
			p.Via = "bucket ACL: list"
		case types.PermissionFullControl:
			p.Via = "bucket ACL"
		default:
			continue
		}
		g.readers = append(g.readers, p)
	}
	return g
}

// aclGrantee is the principal of an ACL grantee, without Via.
func aclGrantee(gr *types.Grantee) (connectors.Principal, bool) {
	if gr == nil {
		return connectors.Principal{}, false
	}
	switch gr.Type {
	case types.TypeCanonicalUser:
		if name := canonicalName(gr.DisplayName, gr.ID); name != "" {
			return connectors.Principal{Kind: connectors.KindAccount, Name: name}, true
		}
	case types.TypeAmazonCustomerByEmail:
		if e := aws.ToString(gr.EmailAddress); e != "" {
			return connectors.Principal{Kind: connectors.KindAccount, Name: e}, true
		}
	case types.TypeGroup:
		switch {
		case aws.ToString(gr.URI) == allUsersURI, gr.URI == nil && aws.ToString(gr.ID) == versitygwAllUsers:
			return connectors.Principal{Kind: connectors.KindEveryone}, true
		case aws.ToString(gr.URI) == authenticatedUsersURI:
			return connectors.Principal{Kind: connectors.KindAuthenticated}, true
		}
	}
	return connectors.Principal{}, false
}

func describeGrantee(gr *types.Grantee) string {
	if gr == nil {
		return "none"
	}
	for _, s := range []*string{gr.URI, gr.ID, gr.EmailAddress} {
		if aws.ToString(s) != "" {
			return string(gr.Type) + " " + *s
		}
	}
	return string(gr.Type)
}

// canonicalName names a canonical user by its display name where the
// store still gives one, else by its ID.
func canonicalName(display, id *string) string {
	if d := aws.ToString(display); d != "" {
		return d
	}
	return aws.ToString(id)
}

// The object actions that matter: reading one (either gets any version),
// and changing one.
var (
	readActions  = []string{"s3:GetObject", "s3:GetObjectVersion"}
	writeActions = []string{"s3:PutObject", "s3:DeleteObject"}
)
