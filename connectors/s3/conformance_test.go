package s3_test

import (
	"testing"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/connectors/conntest"
	"github.com/pmscan/pmscan/connectors/s3"
	"github.com/pmscan/pmscan/internal/testkit/s3test"
)

// TestConformance runs the connector suite on the fixture as objects in a
// bucket of a real versitygw, read by a user who may not GET one of them.
func TestConformance(t *testing.T) {
	srv := s3test.Start(t)
	srv.CreateBucket(t, "conntest")
	files, err := conntest.NewFixture().Files()
	if err != nil {
		t.Fatal(err)
	}
	files[conntest.DeniedFile] = []byte("氏名,電話番号\n山田 太郎,090-1234-5678\n")
	srv.PutAll(t, "conntest", files)
	reader := srv.DenyGet(t, "conntest", conntest.DeniedFile)
	srv.Env(t, reader)
	wrong := s3test.Credentials{AccessKey: reader.AccessKey, SecretKey: "Conntest-Wrong-Secret-0b7d2e"}

	open := func(t *testing.T, target string) connectors.Connector {
		c, err := s3.Factory{Options: s3.Options{Endpoint: srv.Endpoint, Conns: 4}}.Open(t.Context(), target)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	conntest.Run(t, conntest.Harness{
		Open:    func(t *testing.T) connectors.Connector { return open(t, "s3://conntest/") },
		Layout:  conntest.Objects,
		Denied:  "AccessDenied",
		Secrets: []string{reader.SecretKey, srv.SecretKey, wrong.SecretKey},
		Failing: []conntest.Failure{
			{Name: "no such bucket", Want: "NoSuchBucket", Open: func(t *testing.T) connectors.Connector {
				return open(t, "s3://conntest-missing/")
			}},
			{Name: "wrong secret key", Want: "SignatureDoesNotMatch", Open: func(t *testing.T) connectors.Connector {
				srv.Env(t, wrong) // for this subtest only
				return open(t, "s3://conntest/")
			}},
		},
	})
}
