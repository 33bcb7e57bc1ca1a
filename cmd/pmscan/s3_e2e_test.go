package main

import (
	"strings"
	"testing"

	"github.com/pmscan/pmscan/internal/testkit/s3test"
)

// The command line against a real S3-compatible server: the demo set as a
// bucket gives every planted value where it was planted, and an object the
// scan user may not read is recorded while the scan goes on.
func TestScanS3(t *testing.T) {
	srv := s3test.Start(t)
	srv.CreateBucket(t, "demo")
	srv.PutAll(t, "demo", s3test.DirObjects(t, demoDir))
	srv.Put(t, "demo", "hr/payroll.csv", []byte("氏名,電話番号\n山田太郎,090-1234-5678\n"))
	srv.Env(t, srv.DenyGet(t, "demo", "hr/payroll.csv"))

	code, out, errOut := scan(t, "-format", "jsonl", "-show-data", "-min-confidence", "low", "-s3-endpoint", srv.Endpoint, "s3://demo/")
	if code != exitItemErrors {
		t.Fatalf("exit %d, want %d (one object denied); stderr:\n%s", code, exitItemErrors, errOut)
	}
	if !strings.Contains(errOut, "error: s3://demo/hr/payroll.csv: GetObject: AccessDenied (HTTP 403)") {
		t.Errorf("the denied object is not reported; stderr:\n%s", errOut)
	}
	type key struct {
		path, column, typ, value string
		line                     int64
	}
	found := map[key]bool{}
	host := strings.TrimPrefix(srv.Endpoint, "http://")
	for _, f := range parseFindings(t, out) {
		l, o := f.Location, f.Location.Object
		if o.Store != "s3" || o.Bucket != "demo" || o.Host != host || o.ETag == "" || o.Modified.IsZero() || o.VersionID != "" {
			t.Fatalf("location %+v of %+v", l, o)
		}
		found[key{o.Key, l.Column, f.Type, f.Value, l.Line}] = true
	}
	planted := 0
	for _, e := range readManifest(t) {
		if e.Negative {
			continue
		}
		planted++
		if !found[key{e.Path, e.Column, e.Type, e.Value, int64(e.Line)}] {
			t.Errorf("missed %s %q at s3://demo/%s:%d [%s]", e.Type, e.Value, e.Path, e.Line, e.Column)
		}
	}
	if planted < 500 {
		t.Fatalf("manifest has only %d planted values", planted)
	}

	// Masked by default, key globs, and the text summary.
	code, out, errOut = scan(t, "-format", "jsonl", "-keys", "*.csv", "-exclude-keys", "hr/**", "-s3-endpoint", srv.Endpoint, "s3://demo/")
	if code != exitOK {
		t.Fatalf("-keys: exit %d; stderr:\n%s", code, errOut)
	}
	for _, f := range parseFindings(t, out) {
		if f.Value != "" {
			t.Fatalf("raw value without -show-data: %+v", f)
		}
		if !strings.HasSuffix(f.Location.Object.Key, ".csv") {
			t.Fatalf("-keys '*.csv' scanned %s", f.Location.Object.Key)
		}
	}
	code, out, _ = scan(t, "-s3-endpoint", srv.Endpoint, "s3://demo/customers_sjis.csv")
	if code != exitOK || !strings.Contains(out, "s3://demo/customers_sjis.csv") || !strings.Contains(out, "cp932") {
		t.Errorf("text summary of one object (exit %d):\n%s", code, out)
	}
}

func TestS3FlagErrors(t *testing.T) {
	for _, args := range [][]string{
		{"-s3-max-size", "lots", "s3://b/"},
		{"-s3-sample-size", "-5", "s3://b/"},
		{"-s3-conns", "0", "s3://b/"},
		{"-keys", "[a-", "s3://b/"},
	} {
		if code, _, errOut := scan(t, args...); code != exitUsage {
			t.Errorf("%q: exit %d, want %d; stderr:\n%s", args, code, exitUsage, errOut)
		}
	}
	// A bad endpoint or a URL with credentials fails the target, not the run,
	// and the secret is not echoed.
	code, _, errOut := scan(t, "-s3-endpoint", "ftp://x", "s3://AKIAEXAMPLE:hunter2secret@b/k")
	if code != exitTargetError || strings.Contains(errOut, "hunter2secret") {
		t.Errorf("exit %d, stderr:\n%s", code, errOut)
	}
}
