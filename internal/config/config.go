// Package config reads the file that says what pmscan scans on a schedule:
// the state store, the policy, the webhook, and each target with its URL,
// its options and its cron schedule. `pmscan run` and `pmscan serve` read
// it. It is checked strictly, as the policy is: an unknown key, a bad value
// or an option that does not apply to the target's kind of store is an
// error with its line. Credentials are never written in it: a URL with a
// password in it is an error.
package config

import (
	_ "embed"
	"errors"
	"fmt"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/internal/notify"
	"github.com/pmscan/pmscan/internal/yamlfile"
)

// Config is the file, read and checked.
type Config struct {
	Source string `yaml:"-"` // the file it was read from
	// State is the state store: a SQLite file or a postgres:// URL
	// (default: the scan command's default store).
	State string `yaml:"state"`
	// Policy is the policy file (default: the built-in policy).
	Policy string `yaml:"policy"`
	// Rules are rules files of the company's own detectors, for every
	// target (a policy may include its own too).
	Rules []string `yaml:"rules"`
	// Allow are allow-list files, for every target (a policy may hold an
	// allow list of its own too).
	Allow []string `yaml:"allow"`
	// LookupKey is the lookup index's key file (default: as pmscan scan).
	LookupKey string  `yaml:"lookup_key"`
	Notify    *Notify `yaml:"notify"`
	Targets   []Target
}

// Notify is the webhook told after each scheduled scan.
type Notify struct {
	// URL is where the JSON is posted; URLEnv names an environment
	// variable holding it instead, for webhooks whose URL is a secret.
	URL    string `yaml:"url"`
	URLEnv string `yaml:"url_env"`
	// SecretEnv names the environment variable that holds the HMAC key of
	// the signature header (default PMSCAN_WEBHOOK_SECRET).
	SecretEnv string `yaml:"secret_env"`
	// Events are the events that notify, for targets that do not say
	// (default: new_flags, new_items, failed).
	Events []string `yaml:"events"`
}

// DefaultSecretEnv is Notify.SecretEnv's default.
const DefaultSecretEnv = "PMSCAN_WEBHOOK_SECRET"

// Target is one store to scan: its name, URL, schedule and options. The
// options are pmscan scan's flags, written as YAML keys (targetOptions).
type Target struct {
	Name     string `yaml:"name"`
	URL      string `yaml:"url"`
	Schedule string `yaml:"schedule"` // cron syntax; empty: only pmscan run runs it
	// PasswordFile holds the database password, for a target whose
	// password is in neither ~/.pgpass nor the environment.
	PasswordFile string `yaml:"password_file"`
	// Notify are the events this target notifies of (default: the
	// config's notify.events).
	Notify []string `yaml:"notify"`

	Tables         []string `yaml:"tables"`
	ExcludeTables  []string `yaml:"exclude_tables"`
	Sample         int      `yaml:"sample"`
	SampleSeed     *int64   `yaml:"sample_seed"`
	Connections    int      `yaml:"connections"`
	Timeout        string   `yaml:"timeout"`
	PageRows       int      `yaml:"page_rows"`
	Views          *bool    `yaml:"views"`
	Keys           []string `yaml:"keys"`
	ExcludeKeys    []string `yaml:"exclude_keys"`
	S3Endpoint     string   `yaml:"s3_endpoint"`
	Region         string   `yaml:"region"`
	Profile        string   `yaml:"profile"`
	MaxSize        string   `yaml:"max_size"`
	SampleSize     string   `yaml:"sample_size"`
	Exclude        []string `yaml:"exclude"`
	FollowSymlinks bool     `yaml:"follow_symlinks"`
	OneFileSystem  bool     `yaml:"one_file_system"`
	ObjectTimeout  string   `yaml:"object_timeout"`
	Types          []string `yaml:"types"`
	ExcludeTypes   []string `yaml:"exclude_types"`
	MinConfidence  string   `yaml:"min_confidence"`
	KeepFindings   string   `yaml:"keep_findings"`
	FullEvery      string   `yaml:"full_every"`
	Concurrency    int      `yaml:"concurrency"`
	LookupIndex    *bool    `yaml:"lookup_index"`
	// Distributed queues the target's scans for workers (pmscan worker)
	// on the PostgreSQL state store.
	Distributed bool `yaml:"distributed"`

	kind  Kind
	sched cron.Schedule
	line  int
}

// Kind is the kind of store a target is, from its URL.
type Kind string

const (
	Files    Kind = "files"
	S3       Kind = "s3"
	Postgres Kind = "postgres"
	MySQL    Kind = "mysql"
)

// Kind is the kind of store the target is.
func (t *Target) Kind() Kind { return t.kind }

// Line is the line of the target in the file.
func (t *Target) Line() int { return t.line }

// Scheduled reports whether the target has a schedule.
func (t *Target) Scheduled() bool { return t.sched != nil }

// Next is the first time of the target's schedule after after; the zero
// time for a target without one.
func (t *Target) Next(after time.Time) time.Time {
	if t.sched == nil {
		return time.Time{}
	}
	return t.sched.Next(after)
}

// Load reads and checks the config file at path.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	return Parse(data, path)
}

// Parse reads and checks a config. Errors name source and the line.
func Parse(data []byte, source string) (*Config, error) {
	c := &Config{}
	at, err := yamlfile.Decode(data, source, c)
	if err != nil {
		return nil, err
	}
	c.Source = source
	if err := c.validate(at); err != nil {
		return nil, fmt.Errorf("%s:%w", source, err)
	}
	return c, nil
}

// Target returns the target named name, or nil.
func (c *Config) Target(name string) *Target {
	for i := range c.Targets {
		if c.Targets[i].Name == name {
			return &c.Targets[i]
		}
	}
	return nil
}

// Events are the events target t notifies of: its own, else the config's,
// else the default; none without a webhook.
func (c *Config) Events(t *Target) []string {
	switch {
	case c.Notify == nil:
		return nil
	case t.Notify != nil:
		return t.Notify
	case c.Notify.Events != nil:
		return c.Notify.Events
	}
	return notify.DefaultEvents
}

// targetName is what a target may be called: it names the target on the
// command line, in logs and in metric labels.
var targetName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)

func (c *Config) validate(at yamlfile.Lines) error {
	if len(c.Targets) == 0 {
		return yamlfile.LineError(at.Of("targets"), "the config names no targets")
	}
	if err := noCredentials("state", c.State, at.Of("state")); err != nil {
		return err
	}
	if err := c.validateNotify(at); err != nil {
		return err
	}
	seen := map[string]bool{}
	for i := range c.Targets {
		t := &c.Targets[i]
		t.line = at.Of("targets", i)
		switch {
		case t.Name == "":
			return yamlfile.LineError(t.line, "target without a name")
		case !targetName.MatchString(t.Name):
			return yamlfile.LineError(at.Of("targets", i, "name"), "target name %q: use letters, digits, '.', '_' and '-' (at most 64), starting with a letter or digit", t.Name)
		case seen[t.Name]:
			return yamlfile.LineError(t.line, "target %q is named twice", t.Name)
		case t.URL == "":
			return yamlfile.LineError(t.line, "target %q has no url", t.Name)
		}
		seen[t.Name] = true
		if err := t.validate(at, i, c.Notify != nil); err != nil {
			return err
		}
		if t.Distributed && !strings.HasPrefix(c.State, "postgres://") && !strings.HasPrefix(c.State, "postgresql://") {
			return yamlfile.LineError(at.Of("targets", i, "distributed"), "target %q: distributed scans need a PostgreSQL state store (state: postgres://…): the queue lives there", t.Name)
		}
		if t.Distributed && t.PasswordFile != "" {
			return yamlfile.LineError(at.Of("targets", i, "password_file"), "target %q: a distributed scan's workers take credentials from their own environment (PGPASSWORD, ~/.pgpass, MYSQL_PWD), not from password_file", t.Name)
		}
	}
	return nil
}

func (c *Config) validateNotify(at yamlfile.Lines) error {
	n := c.Notify
	if n == nil {
		return nil
	}
	line := at.Of("notify")
	switch {
	case n.URL == "" && n.URLEnv == "":
		return yamlfile.LineError(line, "notify: give url, or url_env naming the environment variable that holds it")
	case n.URL != "" && n.URLEnv != "":
		return yamlfile.LineError(line, "notify: give url or url_env, not both")
	}
	if n.URL != "" {
		u, err := url.Parse(n.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return yamlfile.LineError(at.Of("notify", "url"), "notify: url: want an http or https URL")
		}
		if u.User != nil {
			return yamlfile.LineError(at.Of("notify", "url"), "notify: url: credentials never go in the config; put a URL that holds a secret in an environment variable and name it with url_env")
		}
	}
	if n.SecretEnv == "" {
		n.SecretEnv = DefaultSecretEnv
	}
	return checkEvents(at.Of("notify", "events"), "notify: events", n.Events)
}

func checkEvents(line int, what string, events []string) error {
	for _, e := range events {
		if !slices.Contains(notify.Events, e) {
			return yamlfile.LineError(line, "%s: unknown event %q (want %s)", what, e, strings.Join(notify.Events, ", "))
		}
	}
	return nil
}

// noCredentials refuses a URL with a password or a secret parameter in it.
func noCredentials(what, u string, line int) error {
	if u == "" || connectors.Redact(u) == u {
		return nil
	}
	return yamlfile.LineError(line, "%s: the URL holds a password or secret; credentials never go in the config: use ~/.pgpass, PGPASSWORD or MYSQL_PWD, the AWS credential chain, or password_file", what)
}

// kindOf is the kind of store a target URL names.
func kindOf(target string) (Kind, error) {
	switch connectors.Scheme(target) {
	case "", "file":
		return Files, nil
	case "s3":
		return S3, nil
	case "postgres", "postgresql":
		return Postgres, nil
	case "mysql", "mariadb":
		return MySQL, nil
	}
	return "", errors.New("unknown kind of store (want a path, file://, s3://, postgres://, mysql:// or mariadb://)")
}

func (t *Target) validate(at yamlfile.Lines, i int, hasNotify bool) error {
	var err error
	if t.kind, err = kindOf(t.URL); err != nil {
		return yamlfile.LineError(at.Of("targets", i, "url"), "target %q: url: %v", t.Name, err)
	}
	if err := noCredentials("target "+quote(t.Name)+": url", t.URL, at.Of("targets", i, "url")); err != nil {
		return err
	}
	if t.Schedule != "" {
		if t.sched, err = cron.ParseStandard(t.Schedule); err != nil {
			return yamlfile.LineError(at.Of("targets", i, "schedule"), "target %q: schedule %q: %v (want cron syntax, e.g. \"CRON_TZ=Asia/Tokyo 0 2 * * *\", or @daily, @every 6h)", t.Name, t.Schedule, err)
		}
	}
	if t.PasswordFile != "" && t.kind != Postgres && t.kind != MySQL {
		return yamlfile.LineError(at.Of("targets", i, "password_file"), "target %q: password_file is for databases (S3 credentials come from the AWS credential chain or profile)", t.Name)
	}
	if u, err := url.Parse(t.URL); t.PasswordFile != "" && (err != nil || u.User == nil || u.User.Username() == "") {
		return yamlfile.LineError(at.Of("targets", i, "url"), "target %q: with password_file, the URL names the user (postgres://USER@host/db)", t.Name)
	}
	if t.Notify != nil && !hasNotify {
		return yamlfile.LineError(at.Of("targets", i, "notify"), "target %q: notify lists events, but the config has no notify: url", t.Name)
	}
	if err := checkEvents(at.Of("targets", i, "notify"), "target "+quote(t.Name)+": notify", t.Notify); err != nil {
		return err
	}
	for _, o := range targetOptions {
		v, set := o.value(t)
		if !set {
			continue
		}
		line := at.Of("targets", i, o.key)
		if !slices.Contains(o.kinds, t.kind) {
			return yamlfile.LineError(line, "target %q: %s does not apply to %s targets", t.Name, o.key, t.kind)
		}
		if o.check != nil {
			if err := o.check(v); err != nil {
				return yamlfile.LineError(line, "target %q: %s: %v", t.Name, o.key, err)
			}
		}
	}
	return nil
}

func quote(s string) string { return fmt.Sprintf("%q", s) }

// Example is the commented config that `pmscan config init` writes.
//
//go:embed example.yaml
var Example []byte
