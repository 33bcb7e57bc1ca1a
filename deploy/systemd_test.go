package deploy

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The systemd units: parsed, checked against the command line, and verified by systemd-analyze.

// unitFile is a parsed unit: section, key, the values in order.
type unitFile map[string]map[string][]string

func parseUnit(t *testing.T, file string) unitFile {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	u := unitFile{}
	section := ""
	for i, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "" || line[0] == '#' || line[0] == ';':
		case strings.HasSuffix(line, `\`):
			t.Fatalf("%s:%d: a continued line; this test does not read them", file, i+1)
		case line[0] == '[' && line[len(line)-1] == ']':
			section = line[1 : len(line)-1]
			u[section] = map[string][]string{}
		default:
			k, v, ok := strings.Cut(line, "=")
			if !ok || section == "" {
				t.Fatalf("%s:%d: not a setting: %q", file, i+1, line)
			}
			k = strings.TrimSpace(k)
			u[section][k] = append(u[section][k], strings.TrimSpace(v))
		}
	}
	return u
}

// get is a setting's last value, the one that counts for most settings.
func (u unitFile) get(section, key string) string {
	vs := u[section][key]
	if len(vs) == 0 {
		return ""
	}
	return vs[len(vs)-1]
}

const unitDir = "systemd"

var units = []string{"pmscan-run.service", "pmscan-run.timer", "pmscan-serve.service"}

func TestSystemdUnits(t *testing.T) {
	for _, name := range []string{"pmscan-run.service", "pmscan-serve.service"} {
		u := parseUnit(t, filepath.Join(unitDir, name))
		s := "Service"
		want := map[string]string{
			"User":                  "pmscan",
			"EnvironmentFile":       "-/etc/pmscan/env", // "-": optional
			"NoNewPrivileges":       "yes",
			"ProtectSystem":         "strict",
			"ProtectHome":           "read-only", // file targets under /home
			"PrivateTmp":            "yes",
			"CapabilityBoundingSet": "",
			"KillSignal":            "SIGTERM",
			"TimeoutStopSec":        "60",
		}
		for k, v := range want {
			if _, ok := u[s][k]; !ok || u.get(s, k) != v {
				t.Errorf("%s: %s=%q, want %q", name, k, u.get(s, k), v)
			}
		}
		if !slices.Contains(strings.Fields(u.get(s, "StateDirectory")), "pmscan") {
			t.Errorf("%s: StateDirectory=%q, want pmscan (/var/lib/pmscan) among them", name, u.get(s, "StateDirectory"))
		}
		// A spool a failing state store leaves (exit 5) must outlive the
		// run: not in PrivateTmp's /tmp.
		env := map[string]string{}
		for _, e := range u[s]["Environment"] {
			for _, kv := range strings.Fields(e) {
				k, v, _ := strings.Cut(kv, "=")
				env[k] = v
			}
		}
		if !strings.HasPrefix(env["TMPDIR"], "/var/lib/pmscan/") {
			t.Errorf("%s: TMPDIR=%q, want a directory under /var/lib/pmscan", name, env["TMPDIR"])
		}
		if !slices.Contains(u[s]["ReadWritePaths"], "/var/lib/pmscan") {
			t.Errorf("%s: ReadWritePaths %q, want the state directory /var/lib/pmscan", name, u[s]["ReadWritePaths"])
		}
		argv := strings.Fields(u.get(s, "ExecStart"))
		if len(argv) == 0 || argv[0] != "/usr/local/bin/pmscan" || strings.ContainsAny(u.get(s, "ExecStart"), `"'`) {
			t.Fatalf("%s: ExecStart=%q, want /usr/local/bin/pmscan and unquoted arguments", name, u.get(s, "ExecStart"))
		}
		inv, err := parseInvocation(argv[1:])
		if err != nil {
			t.Fatalf("%s: ExecStart: %v", name, err)
		}
		if inv.flags["config"] != configPath {
			t.Errorf("%s: -config %s, want %s", name, inv.flags["config"], configPath)
		}
		switch name {
		case "pmscan-run.service":
			if inv.command != "run" || u.get(s, "Type") != "oneshot" {
				t.Errorf("%s: pmscan %s, Type=%s; want run, oneshot", name, inv.command, u.get(s, "Type"))
			}
			// 4 (items unreadable) is a success; a scan that did not
			// complete, or was not kept whole, must fail the unit.
			ok := strings.Fields(strings.Join(u[s]["SuccessExitStatus"], " "))
			if !slices.Contains(ok, "4") || slices.ContainsFunc(ok, func(c string) bool { return c != "4" }) {
				t.Errorf("%s: SuccessExitStatus %q, want 4 alone", name, ok)
			}
		case "pmscan-serve.service":
			if inv.command != "serve" || u.get(s, "Type") != "simple" || u.get(s, "Restart") != "on-failure" {
				t.Errorf("%s: pmscan %s, Type=%s, Restart=%s; want serve, simple, on-failure",
					name, inv.command, u.get(s, "Type"), u.get(s, "Restart"))
			}
			// The API names where personal data is: loopback only.
			host, _, _ := net.SplitHostPort(inv.flags["listen"])
			if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
				t.Errorf("%s: -listen %q, want a loopback address", name, inv.flags["listen"])
			}
			if u.get("Install", "WantedBy") != "multi-user.target" {
				t.Errorf("%s: not WantedBy=multi-user.target: systemctl enable would not start it at boot", name)
			}
		}
	}

	timer := parseUnit(t, filepath.Join(unitDir, "pmscan-run.timer"))
	if timer.get("Timer", "Persistent") != "true" || timer.get("Timer", "Unit") != "pmscan-run.service" ||
		!strings.HasSuffix(timer.get("Timer", "OnCalendar"), " Asia/Tokyo") || timer.get("Install", "WantedBy") != "timers.target" {
		t.Errorf("pmscan-run.timer: want Persistent=true, Unit=pmscan-run.service, OnCalendar in Asia/Tokyo, WantedBy=timers.target: %v", timer)
	}
}

// TestSystemdExampleConfig: the example config passes 'pmscan config check'
// and keeps its SQLite store where the units may write.
func TestSystemdExampleConfig(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(unitDir, "config.example.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	c := parseConfig(t, string(b))
	if !isPostgres(c.State) && !strings.HasPrefix(c.State, "/var/lib/pmscan/") {
		t.Errorf("state: %s: ProtectSystem=strict lets the units write under /var/lib/pmscan only", c.State)
	}
	checkConfigCheck(t, "systemd/config.example.yaml", string(b))
}

// systemdAnalyze runs systemd-analyze with a fixed, plain log output.
func systemdAnalyze(t *testing.T, dir string, args ...string) (string, error) {
	t.Helper()
	cmd := exec.Command(needTool(t, "systemd-analyze", "apt-get install systemd (systemd 252 or later)"), args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "SYSTEMD_LOG_LEVEL=info", "SYSTEMD_LOG_COLOR=0", "SYSTEMD_LOG_TIME=0",
		"SYSTEMD_LOG_LOCATION=0", "SYSTEMD_LOG_TARGET=console", "SYSTEMD_PAGER=cat", "TZ=UTC")
	out, err := cmd.CombinedOutput()
	if strings.Contains(string(out), "unrecognized option") {
		unavailable(t, fmt.Sprintf("systemd-analyze %s: this systemd is too old for the check (it needs 252; apt-get install systemd):\n%s", args[0], out))
	}
	return string(out), err
}

// TestSystemdAnalyze: systemd-analyze verify finds nothing wrong with the
// units, security rates them well hardened, and the timer fires at 02:00
// Japan time.
func TestSystemdAnalyze(t *testing.T) {
	needTool(t, "systemd-analyze", "apt-get install systemd (systemd 252 or later)")
	bin := pmscanBinary(t)
	dir := t.TempDir()
	for _, name := range units {
		b, err := os.ReadFile(filepath.Join(unitDir, name))
		if err != nil {
			t.Fatal(err)
		}
		// verify checks that ExecStart's program exists and is executable.
		text := strings.ReplaceAll(string(b), "/usr/local/bin/pmscan", bin)
		if strings.HasSuffix(name, ".service") && text == string(b) {
			t.Fatalf("%s does not run /usr/local/bin/pmscan", name)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	t.Run("verify", func(t *testing.T) {
		// --recursive-errors=no: the exit status is about these units only,
		// not the machine's units they pull in; of the messages too, only
		// those naming ours count.
		args := []string{"verify", "--man=no", "--generators=no", "--recursive-errors=no"}
		for _, name := range units {
			args = append(args, filepath.Join(dir, name))
		}
		out, err := systemdAnalyze(t, dir, args...)
		var ours []string
		for _, line := range strings.Split(out, "\n") {
			if strings.Contains(line, dir) || slices.ContainsFunc(units, func(u string) bool { return strings.Contains(line, u) }) {
				ours = append(ours, line)
			}
		}
		if err != nil || len(ours) > 0 {
			t.Errorf("systemd-analyze verify: %v\n%s", err, strings.Join(ours, "\n"))
			if len(ours) == 0 {
				t.Log(out)
			}
		}
	})

	t.Run("security", func(t *testing.T) {
		// An exposure above 3.0 (of 10; --threshold counts in tenths) means
		// hardening was dropped; these units rate 1.9.
		for _, name := range []string{"pmscan-run.service", "pmscan-serve.service"} {
			out, err := systemdAnalyze(t, dir, "security", "--offline=yes", "--threshold=30", "--no-pager", filepath.Join(dir, name))
			if err != nil {
				t.Errorf("systemd-analyze security %s: %v\n%s", name, err, out)
			}
		}
	})

	t.Run("calendar", func(t *testing.T) {
		spec := parseUnit(t, filepath.Join(unitDir, "pmscan-run.timer")).get("Timer", "OnCalendar")
		out, err := systemdAnalyze(t, dir, "calendar", "--iterations=2", spec)
		if err != nil {
			t.Fatalf("systemd-analyze calendar %q: %v\n%s (is the Asia/Tokyo zone installed? apt-get install tzdata)", spec, err, out)
		}
		// 02:00 in Tokyo (UTC+9, no DST) is 17:00 UTC, every day.
		var next []string
		for _, line := range strings.Split(out, "\n") {
			if _, v, ok := strings.Cut(line, "Next elapse: "); ok {
				next = append(next, v)
			} else if _, v, ok := strings.Cut(line, "Iter. #2: "); ok {
				next = append(next, v)
			}
		}
		if len(next) != 2 || !strings.HasSuffix(next[0], " 17:00:00 UTC") || !strings.HasSuffix(next[1], " 17:00:00 UTC") {
			t.Errorf("OnCalendar=%s fires at %q, want 17:00:00 UTC (02:00 JST) daily:\n%s", spec, next, out)
		}
	})
}
