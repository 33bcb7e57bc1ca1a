package s3test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go"
)

// DenyGet returns the credentials of a new non-root user who may list
// bucket and get every object in it except key: GetObject and HeadObject of
// key answer 403 AccessDenied. It does this with versitygw's IAM (a user of
// role "user", who owns nothing) and statements added to the bucket policy,
// then checks that the server enforces them. key must not contain the
// policy wildcards * and ?.
func (s *Server) DenyGet(tb testing.TB, bucket, key string) Credentials {
	tb.Helper()
	if strings.ContainsAny(key, "*?") {
		tb.Fatalf("DenyGet: key %q contains a policy wildcard (* or ?)", key)
	}
	ctx := tb.Context()
	user := Credentials{AccessKey: "reader-" + strings.ToLower(rand.Text()[:10]), SecretKey: rand.Text()}
	if err := s.createUser(ctx, user); err != nil {
		tb.Fatalf("DenyGet: %v", err)
	}
	if err := s.addPolicy(ctx, bucket, denyGetStatements(bucket, key, user.AccessKey)); err != nil {
		tb.Fatalf("DenyGet: %v", err)
	}
	noRetry := func(o *s3.Options) { o.Retryer = aws.NopRetryer{} }
	if err := checkDenyGet(ctx, s.ClientAs(tb, user, noRetry), bucket, key); err != nil {
		tb.Fatalf("DenyGet: versitygw does not enforce the policy for user %s: %v", user.AccessKey, err)
	}
	return user
}

// createUser adds a user of role "user" through the admin API, as
// `versitygw admin create-user` does: PATCH /create-user with the account
// as XML, signed by root.
func (s *Server) createUser(ctx context.Context, u Credentials) error {
	type account struct {
		XMLName        xml.Name `xml:"Account"`
		Access, Secret string
		Role           string
	}
	body, err := xml.Marshal(account{Access: u.AccessKey, Secret: u.SecretKey, Role: "user"})
	if err != nil {
		return fmt.Errorf("create user: %w", err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPatch, s.AdminEndpoint+"/create-user", bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("create user: %w", err)
	}
	if err := sign(req, body, s.Root()); err != nil {
		return fmt.Errorf("create user: %w", err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("create user: %w", err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	if resp.StatusCode/100 != 2 { // versitygw answers 201 Created
		return fmt.Errorf("create user: %s: %s", resp.Status, out)
	}
	return nil
}

type policyStatement struct {
	Effect    string
	Principal struct{ AWS []string }
	Action    []string
	Resource  string
}

func denyGetStatements(bucket, key, user string) []policyStatement {
	arn := "arn:aws:s3:::" + bucket
	st := func(effect, resource string, actions ...string) policyStatement {
		p := policyStatement{Effect: effect, Action: actions, Resource: resource}
		// The internal IAM names principals by access key, not by ARN.
		p.Principal.AWS = []string{user}
		return p
	}
	return []policyStatement{
		st("Allow", arn, "s3:ListBucket", "s3:GetBucketLocation"),
		st("Allow", arn+"/*", "s3:GetObject"),
		// An explicit Deny beats the Allow above, as in AWS.
		st("Deny", arn+"/"+key, "s3:GetObject"),
	}
}

// addPolicy appends statements to the bucket's policy, so that DenyGet can
// be called more than once per bucket.
func (s *Server) addPolicy(ctx context.Context, bucket string, add []policyStatement) error {
	doc := struct {
		Version   string
		Statement []any
	}{Version: "2012-10-17"}
	old, err := s.root.GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: &bucket})
	switch {
	case err == nil:
		if err := json.Unmarshal([]byte(aws.ToString(old.Policy)), &doc); err != nil {
			return fmt.Errorf("decode the policy of bucket %s: %w", bucket, err)
		}
	case errorCode(err) != "NoSuchBucketPolicy":
		return fmt.Errorf("get the policy of bucket %s: %w", bucket, err)
	}
	for _, st := range add {
		doc.Statement = append(doc.Statement, st)
	}
	policy, err := json.Marshal(doc)
	if err != nil {
		return fmt.Errorf("encode the policy of bucket %s: %w", bucket, err)
	}
	_, err = s.root.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: &bucket, Policy: aws.String(string(policy))})
	if err != nil {
		return fmt.Errorf("put the policy of bucket %s: %w", bucket, err)
	}
	return nil
}

// checkDenyGet proves the policy works for c's user: listing works, key is
// denied, and another key is allowed. The other key does not exist, so the
// check changes nothing in the bucket: an allowed GetObject of a missing key
// answers NoSuchKey, a denied one AccessDenied.
func checkDenyGet(ctx context.Context, c *s3.Client, bucket, key string) error {
	if _, err := c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: &bucket}); err != nil {
		return fmt.Errorf("list: %w", err)
	}
	if _, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: &bucket, Key: &key}); errorCode(err) != "AccessDenied" {
		return fmt.Errorf("GetObject of %q: want AccessDenied, got %v", key, err)
	}
	// HeadObject errors carry no body, hence no code: check the status.
	if _, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: &bucket, Key: &key}); httpStatus(err) != http.StatusForbidden {
		return fmt.Errorf("HeadObject of %q: want 403, got %v", key, err)
	}
	other := key + ".pmscan-s3test-probe"
	if _, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: &bucket, Key: &other}); errorCode(err) != "NoSuchKey" {
		return fmt.Errorf("GetObject of missing %q: want NoSuchKey, got %v", other, err)
	}
	return nil
}

// errorCode is the S3 error code of err ("AccessDenied"), or "".
func errorCode(err error) string {
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) {
		return apiErr.ErrorCode()
	}
	return ""
}

// httpStatus is the HTTP status of the response that caused err, or 0.
func httpStatus(err error) int {
	var respErr *smithyhttp.ResponseError
	if errors.As(err, &respErr) {
		return respErr.HTTPStatusCode()
	}
	return 0
}
