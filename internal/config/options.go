package config

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/internal/units"
)

// option is a target's key that becomes a pmscan scan flag.
type option struct {
	key   string // the YAML key
	flag  string // the scan flag it sets
	kinds []Kind // the kinds of store it applies to
	// value is the flag's value, and whether the key was given.
	value func(t *Target) (string, bool)
	check func(v string) error // the value's own check; nil: the scan's
}

var (
	allKinds  = []Kind{Files, S3, Postgres, MySQL}
	databases = []Kind{Postgres, MySQL}
	objects   = []Kind{Files, S3}
)

// targetOptions are a target's keys that are scan flags, in the order
// they go on the command line.
var targetOptions = []option{
	{"tables", "tables", databases, list(func(t *Target) []string { return t.Tables }), entries},
	{"exclude_tables", "exclude-tables", databases, list(func(t *Target) []string { return t.ExcludeTables }), entries},
	{"sample", "sample", databases, positive(func(t *Target) int { return t.Sample }), atLeastOne},
	{"sample_seed", "sample-seed", databases, func(t *Target) (string, bool) {
		if t.SampleSeed == nil {
			return "", false
		}
		return strconv.FormatInt(*t.SampleSeed, 10), true
	}, nil},
	{"connections", "", []Kind{S3, Postgres, MySQL}, positive(func(t *Target) int { return t.Connections }), atLeastOne},
	{"timeout", "db-timeout", databases, str(func(t *Target) string { return t.Timeout }), duration},
	{"page_rows", "db-page-rows", databases, positive(func(t *Target) int { return t.PageRows }), atLeastOne},
	{"views", "db-views", databases, boolPtr(func(t *Target) *bool { return t.Views }), nil},
	{"keys", "keys", []Kind{S3}, list(func(t *Target) []string { return t.Keys }), entries},
	{"exclude_keys", "exclude-keys", []Kind{S3}, list(func(t *Target) []string { return t.ExcludeKeys }), entries},
	{"s3_endpoint", "s3-endpoint", []Kind{S3}, str(func(t *Target) string { return t.S3Endpoint }), nil},
	{"region", "region", []Kind{S3}, str(func(t *Target) string { return t.Region }), nil},
	{"profile", "profile", []Kind{S3}, str(func(t *Target) string { return t.Profile }), nil},
	{"max_size", "s3-max-size", []Kind{S3}, str(func(t *Target) string { return t.MaxSize }), size},
	{"sample_size", "s3-sample-size", []Kind{S3}, str(func(t *Target) string { return t.SampleSize }), size},
	{"exclude", "exclude-paths", []Kind{Files}, list(func(t *Target) []string { return t.Exclude }), entries},
	{"follow_symlinks", "follow-symlinks", []Kind{Files}, flagBool(func(t *Target) bool { return t.FollowSymlinks }), nil},
	{"one_file_system", "one-file-system", []Kind{Files}, flagBool(func(t *Target) bool { return t.OneFileSystem }), nil},
	{"object_timeout", "object-timeout", objects, str(func(t *Target) string { return t.ObjectTimeout }), duration},
	{"types", "types", allKinds, list(func(t *Target) []string { return t.Types }), entries},
	{"exclude_types", "exclude-types", allKinds, list(func(t *Target) []string { return t.ExcludeTypes }), entries},
	{"min_confidence", "min-confidence", allKinds, str(func(t *Target) string { return t.MinConfidence }), confidence},
	{"keep_findings", "keep-findings", allKinds, str(func(t *Target) string { return t.KeepFindings }), keepFindings},
	{"full_every", "full-every", allKinds, str(func(t *Target) string { return t.FullEvery }), nil},
	{"concurrency", "concurrency", allKinds, positive(func(t *Target) int { return t.Concurrency }), atLeastOne},
	{"distributed", "distributed", allKinds, flagBool(func(t *Target) bool { return t.Distributed }), nil},
	{"lookup_index", "no-lookup-index", allKinds, func(t *Target) (string, bool) {
		if t.LookupIndex == nil {
			return "", false
		}
		return strconv.FormatBool(!*t.LookupIndex), true
	}, nil},
}

// ScanArgs are the pmscan scan flags that the target's options say, and
// its URL last (with password, the password from password_file, which the
// scan redacts wherever it names the target). Flags the config sets for
// every target (the state store, the policy) are the caller's.
func (t *Target) ScanArgs(password string) []string {
	var args []string
	for _, o := range targetOptions {
		v, set := o.value(t)
		if !set {
			continue
		}
		f := o.flag
		if o.key == "connections" {
			f = "db-conns"
			if t.kind == S3 {
				f = "s3-conns"
			}
		}
		args = append(args, "-"+f+"="+v)
	}
	return append(args, "--", t.urlWith(password))
}

// StoreName is the name the state store keeps the target under, as pmscan
// scan names it: its URL as scanned, credentials redacted.
func (t *Target) StoreName() string {
	if t.PasswordFile != "" {
		return connectors.Redact(t.urlWith("x"))
	}
	return connectors.Redact(t.URL)
}

// urlWith is the target's URL with password set in it (validate made
// sure that a target with a password file has a user in its URL).
func (t *Target) urlWith(password string) string {
	u, err := url.Parse(t.URL)
	if password == "" || err != nil || u.User == nil {
		return t.URL
	}
	u.User = url.UserPassword(u.User.Username(), password)
	return u.String()
}

func list(get func(*Target) []string) func(*Target) (string, bool) {
	return func(t *Target) (string, bool) {
		v := get(t)
		return strings.Join(v, ","), v != nil
	}
}

func str(get func(*Target) string) func(*Target) (string, bool) {
	return func(t *Target) (string, bool) {
		v := get(t)
		return v, v != ""
	}
}

func positive(get func(*Target) int) func(*Target) (string, bool) {
	return func(t *Target) (string, bool) {
		v := get(t)
		return strconv.Itoa(v), v != 0
	}
}

func boolPtr(get func(*Target) *bool) func(*Target) (string, bool) {
	return func(t *Target) (string, bool) {
		v := get(t)
		if v == nil {
			return "", false
		}
		return strconv.FormatBool(*v), true
	}
}

func flagBool(get func(*Target) bool) func(*Target) (string, bool) {
	return func(t *Target) (string, bool) { return "true", get(t) }
}

func entries(v string) error {
	for _, g := range strings.Split(v, ",") {
		if strings.TrimSpace(g) == "" {
			return errors.New("an empty entry, or an entry with a comma in it (write one glob per entry)")
		}
	}
	return nil
}

func atLeastOne(v string) error {
	if n, _ := strconv.Atoi(v); n < 1 {
		return errors.New("want 1 or more")
	}
	return nil
}

func duration(v string) error {
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		return fmt.Errorf("%q: want a duration such as 30s or 5m", v)
	}
	return nil
}

func size(v string) error {
	if _, err := units.ParseBytes(v); err != nil {
		return err
	}
	return nil
}

func confidence(v string) error {
	switch v {
	case "low", "medium", "high":
		return nil
	}
	return fmt.Errorf("%q: want low, medium or high", v)
}

func keepFindings(v string) error {
	if n, err := strconv.Atoi(v); v != "all" && (err != nil || n < 0) {
		return fmt.Errorf("%q: want a number of findings, or all", v)
	}
	return nil
}
