package config

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// The minimal file that scripts and deployments rely on, as the issue
// wrote it.
const minimal = `state: /var/lib/pmscan/state.db      # or postgres://…
policy: /etc/pmscan/policy.yaml      # optional: the built-in policy
targets:
  - name: exports
    url: /srv/exports                # any TARGET that pmscan scan takes
    schedule: "CRON_TZ=Asia/Tokyo 0 2 * * *"
`

func TestMinimal(t *testing.T) {
	c, err := Parse([]byte(minimal), "pmscan.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if c.State != "/var/lib/pmscan/state.db" || c.Policy != "/etc/pmscan/policy.yaml" || len(c.Targets) != 1 {
		t.Fatalf("config = %+v", c)
	}
	tg := c.Target("exports")
	if tg == nil || tg.Kind() != Files || !tg.Scheduled() {
		t.Fatalf("target = %+v", tg)
	}
	// 2:00 in Tokyo is 17:00 UTC the day before.
	from := time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)
	if got, want := tg.Next(from), time.Date(2026, 12, 7, 17, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("next = %v, want %v", got, want)
	}
	if got := tg.ScanArgs(""); !slices.Equal(got, []string{"--", "/srv/exports"}) {
		t.Errorf("scan args = %q", got)
	}
	if c.Events(tg) != nil {
		t.Errorf("events without a webhook = %v", c.Events(tg))
	}
}

func TestExampleParses(t *testing.T) {
	c, err := Parse(Example, "example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Targets) != 1 || c.Targets[0].Name != "exports" {
		t.Fatalf("targets = %+v", c.Targets)
	}
	// Every commented-out target parses too, once uncommented.
	var b strings.Builder
	for _, l := range strings.Split(string(Example), "\n") {
		if rest, ok := strings.CutPrefix(l, "  # "); ok && strings.HasPrefix(strings.TrimLeft(rest, " "), "") && (strings.HasPrefix(rest, "- ") || strings.HasPrefix(rest, "  ")) {
			l = "  " + rest
		}
		if rest, ok := strings.CutPrefix(l, "# notify:"); ok {
			l = "notify:" + rest
		}
		if rest, ok := strings.CutPrefix(l, "#   "); ok {
			l = "  " + rest
		}
		b.WriteString(l + "\n")
	}
	c, err = Parse([]byte(b.String()), "example-uncommented.yaml")
	if err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	if len(c.Targets) != 3 || c.Notify == nil {
		t.Fatalf("uncommented: %d targets, notify %v", len(c.Targets), c.Notify)
	}
	crm := c.Target("crm")
	want := []string{"-tables=public.*", "-exclude-tables=audit_*", "-sample=100000", "-db-conns=4", "-db-timeout=5m", "--",
		"postgres://pmscan_reader:s%40cret@crm-db.example.internal:5432/crm?sslmode=require"}
	if got := crm.ScanArgs("s@cret"); !slices.Equal(got, want) {
		t.Errorf("crm scan args =\n%q\nwant\n%q", got, want)
	}
	if got := crm.StoreName(); got != "postgres://pmscan_reader:xxxxx@crm-db.example.internal:5432/crm?sslmode=require" {
		t.Errorf("crm store name = %q", got)
	}
	if got := c.Events(crm); !slices.Equal(got, []string{"new_flags", "failed"}) {
		t.Errorf("crm events = %v", got)
	}
	up := c.Target("uploads")
	if got := up.ScanArgs(""); !slices.Contains(got, "-s3-conns=8") || !slices.Contains(got, "-keys=**/*.csv,**/*.xlsx") {
		t.Errorf("uploads scan args = %q", got)
	}
	if got := c.Events(up); !slices.Equal(got, []string{"new_flags", "new_items", "failed"}) {
		t.Errorf("uploads events = %v", got)
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name, yaml, want string
	}{
		{"unknown key", "targets:\n  - name: a\n    url: /x\n    tabels: [x]\n", "cfg.yaml:4: field tabels not found"},
		{"unknown top key", "stat: x\ntargets:\n  - name: a\n    url: /x\n", "cfg.yaml:1: field stat not found"},
		{"syntax", "targets:\n  - name: a\n    url: [/x\n", "cfg.yaml:"},
		{"no targets", "state: x\n", "cfg.yaml:1: the config names no targets"},
		{"no name", "targets:\n  - url: /x\n", "cfg.yaml:2: target without a name"},
		{"bad name", "targets:\n  - name: a b\n    url: /x\n", `cfg.yaml:2: target name "a b"`},
		{"twice", "targets:\n  - name: a\n    url: /x\n  - name: a\n    url: /y\n", `cfg.yaml:4: target "a" is named twice`},
		{"no url", "targets:\n  - name: a\n", `cfg.yaml:2: target "a" has no url`},
		{"bad scheme", "targets:\n  - name: a\n    url: ftp://h/x\n", `cfg.yaml:3: target "a": url: unknown kind of store`},
		{"password in url", "targets:\n  - name: a\n    url: postgres://u:hunter2@h/db\n", "credentials never go in the config"},
		{"password in state", "state: postgres://u:hunter2@h/db\ntargets:\n  - name: a\n    url: /x\n", "cfg.yaml:1: state: the URL holds a password"},
		{"bad cron", "targets:\n  - name: a\n    url: /x\n    schedule: \"0 25 * * *\"\n", `cfg.yaml:4: target "a": schedule "0 25 * * *"`},
		{"bad zone", "targets:\n  - name: a\n    url: /x\n    schedule: \"CRON_TZ=Mars/Base 0 2 * * *\"\n", `cfg.yaml:4: target "a": schedule`},
		{"option of another kind", "targets:\n  - name: a\n    url: /x\n    tables: [t]\n", `cfg.yaml:4: target "a": tables does not apply to files targets`},
		{"keys on a database", "targets:\n  - name: a\n    url: mysql://u@h/db\n    keys: [k]\n", `keys does not apply to mysql targets`},
		{"password file on s3", "targets:\n  - name: a\n    url: s3://b/\n    password_file: /p\n", "password_file is for databases"},
		{"distributed on sqlite", "state: /var/lib/pmscan/state.db\ntargets:\n  - name: a\n    url: /x\n    distributed: true\n", `cfg.yaml:5: target "a": distributed scans need a PostgreSQL state store`},
		{"distributed with a password file", "state: postgres://pmscan@db/state\ntargets:\n  - name: a\n    url: postgres://u@h/db\n    password_file: /p\n    distributed: true\n", `target "a": a distributed scan's workers take credentials from their own environment`},
		{"password file no user", "targets:\n  - name: a\n    url: postgres://h/db\n    password_file: /p\n", "the URL names the user"},
		{"bad duration", "targets:\n  - name: a\n    url: postgres://u@h/db\n    timeout: soon\n", `cfg.yaml:4: target "a": timeout: "soon": want a duration`},
		{"bad size", "targets:\n  - name: a\n    url: s3://b/\n    max_size: huge\n", `cfg.yaml:4: target "a": max_size:`},
		{"bad confidence", "targets:\n  - name: a\n    url: /x\n    min_confidence: sure\n", "min_confidence: \"sure\": want low, medium or high"},
		{"bad keep", "targets:\n  - name: a\n    url: /x\n    keep_findings: some\n", "keep_findings: \"some\""},
		{"negative conns", "targets:\n  - name: a\n    url: s3://b/\n    connections: -1\n", "connections: want 1 or more"},
		{"comma in glob", "targets:\n  - name: a\n    url: /x\n    exclude: [\"a,b\", \"\"]\n", "exclude: an empty entry"},
		{"wrong type", "targets:\n  - name: a\n    url: /x\n    sample: many\n", "cfg.yaml:4: cannot unmarshal"},
		{"events without webhook", "targets:\n  - name: a\n    url: /x\n    notify: [failed]\n", "the config has no notify: url"},
		{"bad event", "notify:\n  url: https://h/x\ntargets:\n  - name: a\n    url: /x\n    notify: [sometimes]\n", `unknown event "sometimes"`},
		{"webhook no url", "notify:\n  secret_env: S\ntargets:\n  - name: a\n    url: /x\n", "cfg.yaml:2: notify: give url, or url_env"},
		{"webhook both", "notify:\n  url: https://h/x\n  url_env: U\ntargets:\n  - name: a\n    url: /x\n", "not both"},
		{"webhook not http", "notify:\n  url: ftp://h/x\ntargets:\n  - name: a\n    url: /x\n", "cfg.yaml:2: notify: url: want an http or https URL"},
		{"webhook credentials", "notify:\n  url: https://u:p@h/x\ntargets:\n  - name: a\n    url: /x\n", "credentials never go in the config"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(tc.yaml), "cfg.yaml")
			if err == nil {
				t.Fatalf("no error for\n%s", tc.yaml)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error = %q, want it to hold %q", err, tc.want)
			}
			if strings.Contains(err.Error(), "hunter2") {
				t.Errorf("error repeats the password: %q", err)
			}
		})
	}
}

// Hard negatives: what looks odd but is right.
func TestAccepts(t *testing.T) {
	tests := []struct{ name, yaml string }{
		{"no schedule", "targets:\n  - name: a\n    url: /x\n"},
		{"descriptor", "targets:\n  - name: a\n    url: /x\n    schedule: \"@every 90s\"\n"},
		{"TZ prefix", "targets:\n  - name: a\n    url: /x\n    schedule: \"TZ=UTC 0 2 * * *\"\n"},
		{"file url", "targets:\n  - name: a\n    url: file:///srv/x\n"},
		{"mariadb", "targets:\n  - name: a\n    url: mariadb://u@h:3306/db\n    tables: [db.*]\n    connections: 2\n"},
		{"empty events", "notify:\n  url_env: HOOK\ntargets:\n  - name: a\n    url: /x\n    notify: []\n"},
		{"keep all", "targets:\n  - name: a\n    url: /x\n    keep_findings: all\n"},
		{"keep number", "targets:\n  - name: a\n    url: /x\n    keep_findings: 10\n"},
		{"lookup index off", "targets:\n  - name: a\n    url: /x\n    lookup_index: false\n"},
		{"empty file body", "targets:\n  - {name: a, url: /x}\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := Parse([]byte(tc.yaml), "cfg.yaml"); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestOptionFlags(t *testing.T) {
	off, on := false, true
	seed := int64(7)
	tg := Target{Name: "a", URL: "/x", Exclude: []string{"*.log", "tmp/**"}, FollowSymlinks: true, ObjectTimeout: "2m",
		Types: []string{"email"}, MinConfidence: "high", KeepFindings: "all", FullEvery: "3d", Concurrency: 2, LookupIndex: &off, Distributed: true, kind: Files}
	want := []string{"-exclude-paths=*.log,tmp/**", "-follow-symlinks=true", "-object-timeout=2m", "-types=email", "-min-confidence=high",
		"-keep-findings=all", "-full-every=3d", "-concurrency=2", "-distributed=true", "-no-lookup-index=true", "--", "/x"}
	if got := tg.ScanArgs(""); !slices.Equal(got, want) {
		t.Errorf("files =\n%q\nwant\n%q", got, want)
	}
	db := Target{Name: "d", URL: "mysql://u@h/db", SampleSeed: &seed, Views: &on, PageRows: 500, Connections: 3, kind: MySQL}
	want = []string{"-sample-seed=7", "-db-conns=3", "-db-page-rows=500", "-db-views=true", "--", "mysql://u@h/db"}
	if got := db.ScanArgs(""); !slices.Equal(got, want) {
		t.Errorf("db =\n%q\nwant\n%q", got, want)
	}
}
