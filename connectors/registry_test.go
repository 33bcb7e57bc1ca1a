package connectors

import (
	"errors"
	"testing"
)

func TestScheme(t *testing.T) {
	for in, want := range map[string]string{
		"testdata/demo":             "",
		"/abs/path":                 "",
		"file:///tmp/x":             "file",
		"S3://bucket/key":           "s3",
		"postgres://u:p@h/db":       "postgres",
		"weird name://not a scheme": "",
		"C:/windows/path":           "",
	} {
		if got := Scheme(in); got != want {
			t.Errorf("Scheme(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRedactHidesCredentials(t *testing.T) {
	for in, want := range map[string]string{
		"postgres://scan:s3cret@db:5432/app?sslmode=disable": "postgres://scan:xxxxx@db:5432/app?sslmode=disable",
		"mysql://root@127.0.0.1:3306/test":                   "mysql://root@127.0.0.1:3306/test",
		"postgres://h/db?password=hunter2":                   "postgres://h/db?password=xxxxx",
		"testdata/demo":                                      "testdata/demo",
		"postgres://u:p%zz@h/db":                             "postgres://xxxxx@h/db",
	} {
		if got := Redact(in); got != want {
			t.Errorf("Redact(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSkipIsErrSkipped(t *testing.T) {
	err := Skip("binary content (%s)", "png image")
	if !IsSkip(err) || err.Error() != "binary content (png image)" {
		t.Fatalf("Skip: %v, IsSkip %v", err, IsSkip(err))
	}
	if IsSkip(errors.New("permission denied")) {
		t.Fatal("a plain error is not a skip")
	}
}

// TestRedactKeepsTheTarget: a target is echoed as it was given, "//" and
// all, with only its secrets hidden.
func TestRedactKeepsTheTarget(t *testing.T) {
	tests := []struct{ in, want string }{
		{"s3://", "s3://"},
		{"s3://bucket", "s3://bucket"},
		{"s3://bucket/prefix/", "s3://bucket/prefix/"},
		{"S3://Bucket/Key", "S3://Bucket/Key"},
		{"s3://?token=abc", "s3://?token=xxxxx"},
		{"file:///x", "file:///x"},
		{"file://", "file://"},
		{"file:///tmp/a%20b", "file:///tmp/a%20b"},
		{"postgres://user:pw@host/db", "postgres://user:xxxxx@host/db"},
		{"POSTGRES://user:pw@host/db", "POSTGRES://user:xxxxx@host/db"},
		{"postgres://user@host/db?sslmode=disable&password=pw", "postgres://user@host/db?password=xxxxx&sslmode=disable"},
		{"mysql://root:pw@/test?socket=/run/mysqld/mysqld.sock", "mysql://root:xxxxx@/test?socket=/run/mysqld/mysqld.sock"},
		{"mysql://root@127.0.0.1:3306/test", "mysql://root@127.0.0.1:3306/test"},
		{"postgres://u:p%zz@h/db", "postgres://xxxxx@h/db"},
		{"testdata/demo", "testdata/demo"},
		{"/abs/path with space", "/abs/path with space"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Redact(tt.in); got != tt.want {
			t.Errorf("Redact(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
