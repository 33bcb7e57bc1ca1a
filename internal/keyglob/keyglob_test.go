package keyglob

import "testing"

func TestMatch(t *testing.T) {
	tests := []struct {
		glob, name string
		want       bool
	}{
		{"s3://hr/**", "s3://hr/2024/payroll.csv", true},
		{"s3://hr/**", "s3://hr-exports/payroll.csv", false},
		{"postgres://*/hr/**", "postgres://db:5432/hr/public.employees", true},
		{"postgres://*/hr/**", "postgres://db:5432/crm/public.customers", false},
		{"exports/*.csv", "exports/a.csv", true},
		{"exports/*.csv", "exports/2024/a.csv", false},
		{"**/*.csv", "a.csv", true},
		{"**", "", true},
		{"a/?/c", "a/b/c", true},
		{"[", "[", false}, // malformed globs match nothing
	}
	for _, tt := range tests {
		if got := Match(tt.glob, tt.name); got != tt.want {
			t.Errorf("Match(%q, %q) = %v, want %v", tt.glob, tt.name, got, tt.want)
		}
	}
	for _, tt := range []struct {
		glob, name string
		want       bool
	}{
		{"*.bak", "a/b/x.bak", true},
		{"*.bak", "x.bak", true},
		{"*.bak", "x.bak/y", false}, // the last segment only
		{".git", "sub/.git", true},
		{".git", ".git/config", false},
		{"build/*.log", "build/out.log", true},
		{"build/*.log", "sub/build/out.log", false}, // a slash anchors the glob
	} {
		if got := MatchPath(tt.glob, tt.name); got != tt.want {
			t.Errorf("MatchPath(%q, %q) = %v, want %v", tt.glob, tt.name, got, tt.want)
		}
	}
	if Validate("a/[b") == nil || Validate("a/**/b*") != nil {
		t.Error("Validate")
	}
	if LiteralPrefix("exports/2024-*/x") != "exports/2024-" || LiteralPrefix("plain") != "plain" {
		t.Error("LiteralPrefix")
	}
}

// TestCompiledMatchesMatch: Glob.Match answers as Match does.
func TestCompiledMatchesMatch(t *testing.T) {
	globs := []string{"**", "a/**", "**/b", "a/**/b", "a/*/c", "s3://bkt/**", "postgres://**/public.t", "*.csv", "a//b", "", "a/**/**/b"}
	names := []string{"", "a", "a/b", "a/x/b", "a/x/y/b", "a/b/c", "s3://bkt/k/1.csv", "postgres://h/db/public.t", "x.csv", "a//b", "b", "a/"}
	for _, g := range globs {
		for _, n := range names {
			if got, want := Compile(g).Match(n), Match(g, n); got != want {
				t.Errorf("Compile(%q).Match(%q) = %v, Match says %v", g, n, got, want)
			}
		}
	}
}
