package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pmscan/pmscan/internal/notify"
	"github.com/pmscan/pmscan/reports/inventory"
)

// runCmd runs pmscan in process, in English.
func runCmd(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	t.Setenv("LC_ALL", "C")
	var out, errOut bytes.Buffer
	code = run(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// TestRunFromConfig runs a config's targets once with pmscan run: all of
// them, one by name, and one that cannot be reached; the password read
// from a password file reaches neither the log nor the stored command,
// and the unreachable target's failure is told to the webhook.
func TestRunFromConfig(t *testing.T) {
	tree := filepath.Join(t.TempDir(), "exports")
	copyTree(t, "../../testdata/demo", tree)
	dsn := postgresTable(t, 50).url
	const secret = "pw-that-must-not-leak-8d1c"
	pwFile := filepath.Join(t.TempDir(), "crm.password")
	if err := os.WriteFile(pwFile, []byte(secret+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	// The test server trusts local connections: it is sent the password
	// and does not need it.
	crmURL := dsn
	if !strings.Contains(dsn, "@") {
		crmURL = strings.Replace(dsn, "://", "://postgres@", 1)
	}
	hook, hookURL := newWebhook(t)
	t.Setenv("PMSCAN_WEBHOOK_SECRET", webhookSecret)
	state := filepath.Join(t.TempDir(), "state.db")
	cfg := writeConfig(t, `state: `+state+`
notify:
  url: `+hookURL+`
targets:
  - name: exports
    url: `+tree+`
  - name: crm
    url: `+crmURL+`
    password_file: `+pwFile+`
    tables: [public.customers]
  - name: gone
    url: postgres://pmscan@127.0.0.1:1/nothing?connect_timeout=2
`)
	code, out, stderr := runCmd(t, "config", "check", cfg)
	if code != exitOK || !strings.Contains(out, "3 targets") || !strings.Contains(out, "not scheduled: pmscan run only") {
		t.Fatalf("config check: exit %d\n%s%s", code, out, stderr)
	}

	code, _, stderr = runCmd(t, "run", "-config", cfg, "-log-format", "json", "exports", "crm")
	if code != exitOK {
		t.Fatalf("pmscan run exports crm: exit %d\n%s", code, stderr)
	}
	if n := strings.Count(stderr, `"msg":"scan ended"`); n != 2 {
		t.Errorf("%d scans ended, want 2:\n%s", n, stderr)
	}
	code, scans, _ := runCmd(t, "scans", "-state", state)
	if code != exitOK {
		t.Fatalf("pmscan scans: exit %d", code)
	}
	for what, text := range map[string]string{"the log": stderr, "the scans kept": scans} {
		if strings.Contains(text, secret) {
			t.Errorf("%s holds the password from the password file:\n%s", what, text)
		}
	}

	// All three: the unreachable one fails the run (3), and only its
	// failure is news: the others found nothing new since their last run.
	code, _, stderr = runCmd(t, "run", "-config", cfg, "-log-format", "json")
	if code != exitTargetError {
		t.Fatalf("pmscan run with an unreachable target: exit %d, want %d\n%s", code, exitTargetError, stderr)
	}
	if strings.Count(stderr, `"msg":"scan ended"`) != 3 || strings.Contains(stderr, secret) {
		t.Errorf("log:\n%s", stderr)
	}
	deliveries, bodies, bad := hook.got()
	if len(bad) > 0 || len(deliveries) != 1 {
		t.Fatalf("%d deliveries (%d with bad signatures), want 1: %q", len(deliveries), len(bad), bodies)
	}
	d := deliveries[0]
	if d.Target != "gone" || d.Status != inventory.StatusFailed || d.ExitCode != exitTargetError || d.Error == "" || !containsString(d.Events, notify.EventFailed) {
		t.Errorf("delivery = %+v", d)
	}

	code, _, stderr = runCmd(t, "run", "-config", cfg, "nosuch")
	if code != exitUsage || !strings.Contains(stderr, `no target "nosuch"`) {
		t.Errorf("unknown target name: exit %d\n%s", code, stderr)
	}
}

// TestConfigCheckErrors: a config with a mistake is refused with its line,
// and config init writes one that checks.
func TestConfigCheckErrors(t *testing.T) {
	tests := []struct{ name, yaml, want string }{
		{"unknown key", "targets:\n  - name: a\n    url: /x\n    shedule: \"@daily\"\n", ":4: field shedule not found"},
		{"unknown detector type", "targets:\n  - name: a\n    url: /x\n    types: [emial]\n", `:2: target "a": -types: unknown detector type "emial"`},
		{"bad full_every", "targets:\n  - name: a\n    url: /x\n    full_every: often\n", `:2: target "a": -full-every`},
		{"password", "targets:\n  - name: a\n    url: mysql://u:hunter2@h/db\n", ":3: target \"a\": url: the URL holds a password"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := runCmd(t, "config", "check", writeConfig(t, tc.yaml))
			if code != exitUsage || !strings.Contains(stderr, tc.want) || strings.Contains(stderr, "hunter2") {
				t.Errorf("exit %d, want %d; stderr %q, want it to hold %q", code, exitUsage, stderr, tc.want)
			}
		})
	}
	path := filepath.Join(t.TempDir(), "pmscan.yaml")
	if code, _, stderr := runCmd(t, "config", "init", "-o", path); code != exitOK {
		t.Fatalf("config init: exit %d\n%s", code, stderr)
	}
	if code, _, stderr := runCmd(t, "config", "init", "-o", path); code != exitTargetError {
		t.Errorf("config init over a file: exit %d, want %d (not overwritten)\n%s", code, exitTargetError, stderr)
	}
	if code, out, stderr := runCmd(t, "config", "check", path); code != exitOK || !strings.Contains(out, "exports") {
		t.Errorf("config check of config init's file: exit %d\n%s%s", code, out, stderr)
	}
}
