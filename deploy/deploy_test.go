// Package deploy holds the files that run pmscan on a schedule: systemd
// units and Kubernetes manifests. Its test checks them against the pmscan
// command line, against each other and, where installed, against
// systemd-analyze; see README.md.
package deploy

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"
)

// The pmscan command line the deployment files may use: each command's
// flags, all of which take a value, with a check of the value.
var commands = map[string]map[string]func(string) error{
	"run": {
		"config":     notEmpty,
		"log-format": oneOf("json", "text"),
	},
	"serve": {
		"config":     notEmpty,
		"listen":     hostPort,
		"log-format": oneOf("json", "text"),
	},
	"worker": {
		"state":        postgresURL,
		"concurrency":  positiveInt,
		"listen":       hostPort,
		"stop-grace":   duration,
		"unit-timeout": duration,
	},
}

// exitCodes are pmscan's exit codes (cmd/pmscan/exitcode.go).
var exitCodes = []int{0, 1, 2, 3, 4, 5, 130}

const (
	configPath = "/etc/pmscan/config.yaml"
	image      = "ghcr.io/pmscan/pmscan"
)

var (
	binDir    string
	buildOnce sync.Once
	binary    string
	buildErr  error
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "pmscan-deploy-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binDir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// pmscanBinary builds ./cmd/pmscan once per test binary and returns its path.
func pmscanBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		out := filepath.Join(binDir, "pmscan")
		cmd := exec.Command("go", "build", "-o", out, "./cmd/pmscan")
		cmd.Dir = ".."
		if b, err := cmd.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build ./cmd/pmscan: %v\n%s", err, b)
			return
		}
		binary = out
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binary
}

// needTool returns the path of a program, or skips the test with how to
// install it.
func needTool(t *testing.T, name, install string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		unavailable(t, fmt.Sprintf("%s is not installed, so the check it does is skipped: %s", name, install))
	}
	return p
}

// unavailable skips a test this machine cannot run, but fails it when $CI
// is set: CI must run every check.
func unavailable(t *testing.T, msg string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

// --- the pmscan command line ---

func notEmpty(v string) error {
	if v == "" {
		return errors.New("empty")
	}
	return nil
}

func oneOf(values ...string) func(string) error {
	return func(v string) error {
		if !slices.Contains(values, v) {
			return fmt.Errorf("%q is not one of %v", v, values)
		}
		return nil
	}
}

// postgresURL is a postgres:// URL without a password: it comes from
// PGPASSWORD or PGPASSFILE.
func postgresURL(v string) error {
	u, err := url.Parse(v)
	switch {
	case err != nil:
		return err
	case u.Scheme != "postgres" && u.Scheme != "postgresql":
		return fmt.Errorf("%q is not a postgres:// URL", v)
	}
	if _, set := u.User.Password(); set {
		return errors.New("a password in the URL: give it as PGPASSWORD from the Secret")
	}
	return nil
}

func positiveInt(v string) error {
	if n, err := strconv.Atoi(v); err != nil || n < 1 {
		return fmt.Errorf("%q is not a positive number", v)
	}
	return nil
}

func duration(v string) error {
	_, err := time.ParseDuration(v)
	return err
}

func hostPort(v string) error {
	_, port, err := net.SplitHostPort(v)
	if err != nil {
		return err
	}
	if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
		return fmt.Errorf("bad port %q", port)
	}
	return nil
}

// invocation is a parsed pmscan command line.
type invocation struct {
	command string
	flags   map[string]string
	args    []string // after the flags: target names, for run
}

// parseInvocation parses args (without the program name) as Go's flag
// package does, against commands.
func parseInvocation(args []string) (*invocation, error) {
	if len(args) == 0 {
		return nil, errors.New("no command")
	}
	spec, ok := commands[args[0]]
	if !ok {
		return nil, fmt.Errorf("command %q: want one of run, serve, worker", args[0])
	}
	inv := &invocation{command: args[0], flags: map[string]string{}}
	rest := args[1:]
	for len(rest) > 0 {
		a := rest[0]
		if a == "--" {
			rest = rest[1:]
			break
		}
		if len(a) < 2 || a[0] != '-' {
			break
		}
		name := strings.TrimPrefix(a[1:], "-")
		value, hasValue := "", false
		if i := strings.IndexByte(name, '='); i >= 0 {
			name, value, hasValue = name[:i], name[i+1:], true
		}
		check, ok := spec[name]
		if !ok {
			return nil, fmt.Errorf("pmscan %s has no flag -%s", inv.command, name)
		}
		rest = rest[1:]
		if !hasValue {
			if len(rest) == 0 {
				return nil, fmt.Errorf("-%s needs a value", name)
			}
			value, rest = rest[0], rest[1:]
		}
		if err := check(value); err != nil {
			return nil, fmt.Errorf("-%s: %v", name, err)
		}
		if _, dup := inv.flags[name]; dup {
			return nil, fmt.Errorf("-%s given twice", name)
		}
		inv.flags[name] = value
	}
	inv.args = rest
	if inv.command == "worker" {
		if inv.flags["state"] == "" || len(inv.args) > 0 {
			return nil, errors.New("pmscan worker takes -state and no arguments")
		}
		return inv, nil
	}
	if inv.flags["config"] == "" {
		return nil, errors.New("no -config")
	}
	if inv.command == "serve" && len(inv.args) > 0 {
		return nil, fmt.Errorf("pmscan serve takes no arguments, got %q", inv.args)
	}
	return inv, nil
}

func TestParseInvocation(t *testing.T) {
	good := [][]string{
		{"run", "-config", "/c.yaml"},
		{"run", "-config=/c.yaml", "-log-format", "text", "crm", "exports"},
		{"serve", "--config", "/c.yaml", "-listen", ":9464"},
	}
	bad := [][]string{
		{},
		{"scan", "-config", "/c.yaml"},
		{"run"},
		{"run", "-config"},
		{"run", "-config", "/c.yaml", "-state", "x"},
		{"run", "-config", "/c.yaml", "-log-format", "xml"},
		{"serve", "-config", "/c.yaml", "-listen", "9464"},
		{"serve", "-config", "/c.yaml", "crm"},
		{"run", "-config", "/a.yaml", "-config", "/b.yaml"},
	}
	for _, args := range good {
		if _, err := parseInvocation(args); err != nil {
			t.Errorf("%q: %v", args, err)
		}
	}
	for _, args := range bad {
		if _, err := parseInvocation(args); err == nil {
			t.Errorf("%q parsed; want an error", args)
		}
	}
}

// pmscanConfig is the part of pmscan's config file the deployment depends on.
type pmscanConfig struct {
	State     string `yaml:"state"`
	Policy    string `yaml:"policy"`
	LookupKey string `yaml:"lookup_key"`
	Notify    *struct {
		URL       string `yaml:"url"`
		SecretEnv string `yaml:"secret_env"`
	} `yaml:"notify"`
	Targets []struct {
		Name         string `yaml:"name"`
		URL          string `yaml:"url"`
		PasswordFile string `yaml:"password_file"`
		Distributed  bool   `yaml:"distributed"`
	} `yaml:"targets"`
}

func parseConfig(t *testing.T, text string) *pmscanConfig {
	t.Helper()
	var c pmscanConfig
	if err := yaml.Unmarshal([]byte(text), &c); err != nil {
		t.Fatalf("the pmscan config does not parse: %v", err)
	}
	if len(c.Targets) == 0 {
		t.Fatal("the pmscan config has no targets")
	}
	return &c
}

func (c *pmscanConfig) hasTarget(name string) bool {
	for _, tg := range c.Targets {
		if tg.Name == name {
			return true
		}
	}
	return false
}

// isFileTarget: a path or file:// URL, which must be mounted.
func isFileTarget(url string) bool {
	return strings.HasPrefix(url, "/") || strings.HasPrefix(url, "file://")
}

// isPostgres: a PostgreSQL URL, whose password comes from PGPASSWORD.
func isPostgres(url string) bool {
	return strings.HasPrefix(url, "postgres://") || strings.HasPrefix(url, "postgresql://")
}

// checkConfigCheck runs 'pmscan config check' on a config's text.
func checkConfigCheck(t *testing.T, name, text string) {
	t.Helper()
	file := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(file, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(pmscanBinary(t), "config", "check", file)
	cmd.Env = append(os.Environ(), "LANG=C", "LC_ALL=C")
	out, err := cmd.CombinedOutput()
	if strings.Contains(string(out), `unknown command "config"`) {
		t.Fatalf("%s: this pmscan has no 'config check' yet, so the config is unchecked:\n%s", name, out)
	}
	if err != nil {
		t.Errorf("pmscan config check %s: %v\n%s", name, err, out)
	}
}
