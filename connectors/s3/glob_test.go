package s3

import (
	"strings"
	"testing"
)

func TestKeyFilter(t *testing.T) {
	tests := []struct {
		name             string
		include, exclude []string
		key              string
		want             bool
	}{
		{"no globs take every key", nil, nil, "a/b/c.csv", true},
		{"base-name glob at any depth", []string{"*.csv"}, nil, "exports/2024/01/customers.csv", true},
		{"base-name glob rejects other extensions", []string{"*.csv"}, nil, "exports/customers.json", false},
		{"star stays in its segment", []string{"exports/*.csv"}, nil, "exports/2024/customers.csv", false},
		{"star in its segment", []string{"exports/*.csv"}, nil, "exports/customers.csv", true},
		{"double star spans segments", []string{"exports/**/*.csv"}, nil, "exports/2024/01/customers.csv", true},
		{"double star matches zero segments", []string{"exports/**/*.csv"}, nil, "exports/customers.csv", true},
		{"double star needs the anchor", []string{"exports/**/*.csv"}, nil, "backup/exports/customers.csv", false},
		{"leading double star", []string{"**/tmp/**"}, nil, "a/b/tmp/x.txt", true},
		{"question mark and class", []string{"log-202?-[01]*.txt"}, nil, "logs/log-2024-07.txt", true},
		{"exclude wins", []string{"*.csv"}, []string{"**/tmp/**"}, "exports/tmp/customers.csv", false},
		{"exclude alone", nil, []string{"*.gz"}, "archive/old.csv.gz", false},
		{"exclude alone keeps the rest", nil, []string{"*.gz"}, "archive/old.csv", true},
		{"Japanese key", []string{"顧客/**"}, nil, "顧客/2024/名簿.csv", true},
		{"case matters, as in S3", []string{"*.CSV"}, nil, "a.csv", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := KeyFilter{Include: tt.include, Exclude: tt.exclude}
			if err := f.Validate(); err != nil {
				t.Fatal(err)
			}
			if got := f.Match(tt.key); got != tt.want {
				t.Errorf("Match(%q) with include %q exclude %q = %v, want %v", tt.key, tt.include, tt.exclude, got, tt.want)
			}
		})
	}
}

func TestKeyFilterRejectsMalformedGlob(t *testing.T) {
	if err := (KeyFilter{Include: []string{"exports/[a-"}}).Validate(); err == nil {
		t.Fatal("an unterminated class was accepted")
	}
}

func TestParseTarget(t *testing.T) {
	tests := []struct {
		in      string
		want    Target
		wantErr bool
	}{
		{in: "s3://bucket", want: Target{Bucket: "bucket", IsPrefix: true}},
		{in: "s3://bucket/", want: Target{Bucket: "bucket", IsPrefix: true}},
		{in: "s3://bucket/exports/", want: Target{Bucket: "bucket", Key: "exports/", IsPrefix: true}},
		{in: "s3://bucket/exports/customers.csv", want: Target{Bucket: "bucket", Key: "exports/customers.csv"}},
		{in: "s3://bucket/%E9%A1%A7%E5%AE%A2.csv", want: Target{Bucket: "bucket", Key: "顧客.csv"}},
		{in: "s3:///key", wantErr: true},
		{in: "s3://AKIA:secret@bucket/key", wantErr: true},
		{in: "s3://bucket/key?versionId=1", wantErr: true},
		// Errors quote the target with its secrets hidden, whichever the fault.
		{in: "s3://?token=secret", wantErr: true},
		{in: "s3://AKIA:secret@/key", wantErr: true},
		{in: "s3://AKIA:secret%zz@bucket/key", wantErr: true},
	}
	for _, tt := range tests {
		got, err := ParseTarget(tt.in)
		if (err != nil) != tt.wantErr {
			t.Errorf("ParseTarget(%q) error = %v, want error %v", tt.in, err, tt.wantErr)
			continue
		}
		if err != nil {
			if strings.Contains(err.Error(), "secret") {
				t.Errorf("ParseTarget(%q) error leaks the secret: %v", tt.in, err)
			}
			continue
		}
		if got != tt.want {
			t.Errorf("ParseTarget(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

func TestListPrefix(t *testing.T) {
	tests := []struct {
		include []string
		target  string
		want    string
		ok      bool
	}{
		{nil, "", "", true},
		{[]string{"exports/2024/**/*.csv"}, "", "exports/2024/", true},
		{[]string{"exports/2024-*/a.csv", "exports/2025/*.csv"}, "", "exports/202", true},
		{[]string{"exports/**", "*.csv"}, "", "", true}, // a base-name glob matches anywhere
		{[]string{"exports/2024/**"}, "exports/", "exports/2024/", true},
		{[]string{"exports/**"}, "exports/2024/", "exports/2024/", true},
		{[]string{"exports/**"}, "backup/", "", false},
		{[]string{"exp[o]rts/**"}, "", "exp", true},
	}
	for _, tt := range tests {
		got, ok := narrowPrefix(tt.target, KeyFilter{Include: tt.include}.listPrefix())
		if got != tt.want || ok != tt.ok {
			t.Errorf("include %q, target prefix %q: list prefix %q, %v; want %q, %v", tt.include, tt.target, got, ok, tt.want, tt.ok)
		}
	}
}
