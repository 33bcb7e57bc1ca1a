package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/pmscan/pmscan/internal/notify"
	"github.com/pmscan/pmscan/internal/testkit/dbtest"
	"github.com/pmscan/pmscan/reports/inventory"
)

// servedPmscan is a pmscan serve running as its own process, as systemd
// or Kubernetes runs it.
type servedPmscan struct {
	cmd  *exec.Cmd
	wait func() childRun
	base string // http://127.0.0.1:PORT
}

// freeAddress is a loopback address with a port no one listens on.
func freeAddress(t testing.TB) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// startServe starts pmscan serve on config, with env added, and waits for
// /healthz to answer.
func startServe(t testing.TB, config string, env ...string) *servedPmscan {
	t.Helper()
	addr := freeAddress(t)
	t.Setenv("PMSCAN_WEBHOOK_SECRET", webhookSecret)
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		t.Setenv(k, v)
	}
	cmd, wait := startPmscan(t, 5*time.Minute, "serve", "-config", config, "-listen", addr, "-log-format", "json")
	s := &servedPmscan{cmd: cmd, wait: wait, base: "http://" + addr}
	waitFor(t, 30*time.Second, "serve to answer /healthz", func() bool {
		resp, err := http.Get(s.base + "/healthz")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	})
	return s
}

// stop sends SIGTERM and waits for the exit; it returns how long that took.
func (s *servedPmscan) stop(t testing.TB) (childRun, time.Duration) {
	t.Helper()
	start := time.Now()
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	r := s.wait()
	return r, time.Since(start)
}

func (s *servedPmscan) get(t testing.TB, path string) string {
	t.Helper()
	resp, err := http.Get(s.base + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %v\n%s", path, resp.StatusCode, err, b)
	}
	return string(b)
}

// apiScans is /api/v1/scans, read.
type apiScans struct {
	Targets []targetStatus `json:"targets"`
	Scans   []apiScan      `json:"scans"`
}

func (s *servedPmscan) scans(t testing.TB) apiScans {
	t.Helper()
	var a apiScans
	if err := json.Unmarshal([]byte(s.get(t, "/api/v1/scans")), &a); err != nil {
		t.Fatal(err)
	}
	return a
}

// target is the status of the target named name.
func (a apiScans) target(name string) targetStatus {
	for _, s := range a.Targets {
		if s.Name == name {
			return s
		}
	}
	return targetStatus{}
}

// metric is the value of the series of name whose labels hold every one
// of labels (`k="v"`), or -1 when there is none.
func metric(text, name string, labels ...string) float64 {
	sc := bufio.NewScanner(strings.NewReader(text))
	for sc.Scan() {
		line := sc.Text()
		series, value, ok := strings.Cut(line, " ")
		if !ok || (series != name && !strings.HasPrefix(series, name+"{")) {
			continue
		}
		all := true
		for _, l := range labels {
			all = all && strings.Contains(series, l)
		}
		if all {
			v, _ := strconv.ParseFloat(value, 64)
			return v
		}
	}
	return -1
}

func waitFor(t testing.TB, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(timeout); !cond(); time.Sleep(100 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("waited %v for %s", timeout, what)
		}
	}
}

const webhookSecret = "test-webhook-secret-0123456789"

// webhook is a local receiver that checks each delivery's signature.
type webhook struct {
	mu         sync.Mutex
	deliveries []notify.Payload
	bodies     []string
	badSig     []error
}

func newWebhook(t testing.TB) (*webhook, string) {
	w := &webhook{}
	srv := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		w.mu.Lock()
		defer w.mu.Unlock()
		if err := notify.Verify([]byte(webhookSecret), r.Header.Get(notify.HeaderSignature), body, time.Now(), time.Minute); err != nil {
			w.badSig = append(w.badSig, err)
			http.Error(rw, "bad signature", http.StatusUnauthorized)
			return
		}
		var p notify.Payload
		if err := json.Unmarshal(body, &p); err != nil {
			http.Error(rw, err.Error(), http.StatusBadRequest)
			return
		}
		w.deliveries = append(w.deliveries, p)
		w.bodies = append(w.bodies, string(body))
		rw.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(srv.Close)
	return w, srv.URL + "/hooks/pmscan"
}

func (w *webhook) got() ([]notify.Payload, []string, []error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]notify.Payload(nil), w.deliveries...), append([]string(nil), w.bodies...), append([]error(nil), w.badSig...)
}

func writeConfig(t testing.TB, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "pmscan.yaml")
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// Planted in the file the test adds between two runs: the webhook must
// name the new place, never these.
const (
	plantedEmail = "haruka.mizuno@example.co.jp"
	plantedPhone = "090-2718-2818"
)

// TestServeRunsOnSchedule runs a file tree and a PostgreSQL database on a
// two-second schedule under pmscan serve: both run at least twice, the
// metrics and /api/v1/scans say so, and a file added between two runs
// makes exactly one signed webhook that names it and holds no value.
func TestServeRunsOnSchedule(t *testing.T) {
	if testing.Short() {
		t.Skip("runs pmscan serve for several scheduled scans; not with -short")
	}
	tree := filepath.Join(t.TempDir(), "exports")
	copyTree(t, "../../testdata/demo", tree)
	dsn := postgresTable(t, 300).url
	hook, hookURL := newWebhook(t)
	state := filepath.Join(t.TempDir(), "state.db")
	cfg := writeConfig(t, `state: `+state+`
notify:
  url: `+hookURL+`
targets:
  - name: exports
    url: `+tree+`
    schedule: "@every 2s"
  - name: crm
    url: `+dsn+`
    schedule: "CRON_TZ=Asia/Tokyo @every 2s"
    tables: [public.customers]
`)
	s := startServe(t, cfg)

	// Both run once: the baseline, which tells of nothing new.
	var first apiScans
	waitFor(t, time.Minute, "a scan of each target", func() bool {
		first = s.scans(t)
		return first.target("exports").LastScan > 0 && first.target("crm").LastScan > 0
	})
	// A new file, written whole where the tree's scans will see it.
	added := filepath.Join(tree, "new-signups.csv")
	tmp := filepath.Join(t.TempDir(), "new-signups.csv")
	if err := os.WriteFile(tmp, []byte("氏名,メールアドレス,電話番号\n水野 遥,"+plantedEmail+","+plantedPhone+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, added); err != nil {
		t.Fatal(err)
	}
	changedAfter := first.target("exports").LastScan
	if c := first.target("crm").LastScan; c > changedAfter {
		changedAfter = c
	}
	// Two more runs of each: the first of them sees the file, the second
	// finds nothing new.
	var later apiScans
	waitFor(t, 2*time.Minute, "two more scans of each target", func() bool {
		later = s.scans(t)
		n := map[string]int{}
		for _, sc := range later.Scans {
			if sc.ID > changedAfter && sc.Status == inventory.StatusComplete {
				n[sc.Targets[0]]++
			}
		}
		return n[tree] >= 2 && n[dsn] >= 2
	})
	waitFor(t, 30*time.Second, "the webhook's delivery", func() bool {
		d, _, _ := hook.got()
		return len(d) > 0
	})
	metrics := s.get(t, "/metrics")
	res, took := s.stop(t)
	t.Logf("SIGTERM to exit: %v", took)
	if res.code != exitOK {
		t.Fatalf("serve: exit %d\n%s", res.code, tail(res.stderr, 3000))
	}

	for _, name := range []string{"exports", "crm"} {
		st := later.target(name)
		if st.LastStatus != inventory.StatusComplete || st.LastExitCode == nil || *st.LastExitCode != exitOK || st.NextRun == nil || st.LastSuccess == nil {
			t.Errorf("/api/v1/scans: target %s: %+v", name, st)
		}
		for _, series := range []string{"pmscan_scans_started_total", "pmscan_scans_finished_total"} {
			if v := metric(metrics, series, `target="`+name+`"`); v < 3 {
				t.Errorf("%s{target=%q} = %v, want 3 or more", series, name, v)
			}
		}
		if v := metric(metrics, "pmscan_last_success_timestamp_seconds", `target="`+name+`"`); v < float64(time.Now().Add(-time.Hour).Unix()) {
			t.Errorf("pmscan_last_success_timestamp_seconds{target=%q} = %v", name, v)
		}
		if v := metric(metrics, "pmscan_findings", `target="`+name+`"`, `type="email"`, `confidence="high"`); v <= 0 {
			t.Errorf("pmscan_findings{target=%q,type=email,confidence=high} = %v", name, v)
		}
		if v := metric(metrics, "pmscan_scan_duration_seconds_count", `target="`+name+`"`, `status="complete"`); v < 3 {
			t.Errorf("pmscan_scan_duration_seconds_count{target=%q} = %v", name, v)
		}
	}
	if v := metric(metrics, "pmscan_objects_read_total", `target="crm"`); v < 1 {
		t.Errorf("pmscan_objects_read_total{target=crm} = %v: the first scan read the table", v)
	}
	if v := metric(metrics, "pmscan_conformance_flags", `target="exports"`); v < 1 {
		t.Errorf("pmscan_conformance_flags{target=exports} = %v: the demo data raises flags", v)
	}
	if v := metric(metrics, "pmscan_notifications_total", `result="delivered"`); v != 1 {
		t.Errorf("pmscan_notifications_total{result=delivered} = %v, want 1", v)
	}

	deliveries, bodies, bad := hook.got()
	if len(bad) > 0 {
		t.Errorf("deliveries with a bad signature: %v", bad)
	}
	if len(deliveries) != 1 {
		t.Fatalf("%d webhook deliveries, want exactly 1: %q", len(deliveries), bodies)
	}
	d := deliveries[0]
	if d.Target != "exports" || d.Scan <= changedAfter || d.PreviousScan == 0 || d.Status != inventory.StatusComplete || !containsString(d.Events, notify.EventNewItems) {
		t.Errorf("delivery = %+v", d)
	}
	var named bool
	for _, p := range d.NewPlaces {
		named = named || strings.HasSuffix(p.Place, "new-signups.csv")
	}
	if !named || d.Counts.NewPlaces < 1 {
		t.Errorf("the delivery does not name the new file: %s", bodies[0])
	}
	everything := bodies[0] + metrics + s.getAfterStop(later)
	for _, v := range []string{plantedEmail, plantedPhone, "水野", webhookSecret} {
		if strings.Contains(everything, v) {
			t.Errorf("%q is on an endpoint or in the webhook", v)
		}
	}
	if strings.Contains(res.stderr, plantedEmail) || strings.Contains(res.stderr, plantedPhone) {
		t.Errorf("the log holds a value found")
	}
}

// getAfterStop is /api/v1/scans as the test last read it, as text.
func (s *servedPmscan) getAfterStop(a apiScans) string {
	b, _ := json.Marshal(a)
	return string(b)
}

func containsString(list []string, s string) bool {
	for _, l := range list {
		if l == s {
			return true
		}
	}
	return false
}

// TestServeResumesAfterSIGTERM stops pmscan serve with SIGTERM while it
// reads a PostgreSQL table, starts it again, and checks that the scan it
// resumes ends with the same inventory as an uninterrupted scan.
func TestServeResumesAfterSIGTERM(t *testing.T) {
	if testing.Short() {
		t.Skip("interrupts pmscan serve mid-scan; not with -short")
	}
	const rows = 60_000
	dsn := postgresTable(t, rows).url
	state := filepath.Join(t.TempDir(), "state.db")
	// Every e-mail address allowed: what the allow list held back before
	// the checkpoint is counted on by the scan that resumes from it.
	allow := filepath.Join(t.TempDir(), "allow.yaml")
	if err := os.WriteFile(allow, []byte("allow:\n  - id: every-email\n    place: \"**\"\n    types: [email]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := writeConfig(t, `state: `+state+`
allow: [`+allow+`]
targets:
  - name: crm
    url: `+dsn+`
    schedule: "@every 2s"
    page_rows: 40
    connections: 1
`)
	s := startServe(t, cfg)
	waitFor(t, time.Minute, "the scan to start", func() bool { return s.scans(t).target("crm").Running })
	time.Sleep(1500 * time.Millisecond)
	res, took := s.stop(t)
	t.Logf("SIGTERM mid-scan to exit: %v", took)
	if res.code != exitOK {
		t.Fatalf("serve: exit %d\n%s", res.code, tail(res.stderr, 3000))
	}
	if !strings.Contains(res.stderr, `"status":"interrupted"`) {
		t.Fatalf("the scan was not interrupted (it may have ended first):\n%s", tail(res.stderr, 3000))
	}

	// Started again, it resumes the scan at once, not at the next time.
	s = startServe(t, cfg)
	var a apiScans
	waitFor(t, 3*time.Minute, "the resumed scan to end", func() bool {
		a = s.scans(t)
		return a.target("crm").LastStatus == inventory.StatusComplete
	})
	res, _ = s.stop(t)
	if res.code != exitOK {
		t.Fatalf("serve: exit %d\n%s", res.code, tail(res.stderr, 3000))
	}
	if !strings.Contains(res.stderr, "resume: the latest scan did not end complete") {
		t.Errorf("the restarted serve did not say it resumes:\n%s", tail(res.stderr, 3000))
	}
	resumed := a.target("crm").LastScan
	var interrupted bool
	for _, sc := range a.Scans {
		interrupted = interrupted || (sc.ID < resumed && sc.Status == inventory.StatusInterrupted)
	}
	if !interrupted {
		t.Errorf("no interrupted scan before the resumed one: %+v", a.Scans)
	}
	out := filepath.Join(t.TempDir(), "resumed.json")
	if code, _, stderr := report(t, "-state", state, "-scan", strconv.FormatInt(resumed, 10), "-format", "json", "-o", out); code != exitOK {
		t.Fatalf("pmscan report: exit %d\n%s", code, stderr)
	}
	got := readInventory(t, out)
	if got.Changes == nil || got.Changes.Reasons["resumed"] == 0 {
		t.Errorf("the resumed scan did not read the table on from a checkpoint: %+v", got.Changes)
	}
	want := scanJSON(t, "-state", state, "-full", "-allow", allow, "-db-page-rows", "40", "-db-conns", "1", dsn)
	if want.Totals.Allowed == 0 || got.Totals.Allowed != want.Totals.Allowed {
		t.Errorf("allowed: the resumed scan counts %d, the uninterrupted %d", got.Totals.Allowed, want.Totals.Allowed)
	}
	if want.Totals.Rows != rows || got.Totals.Rows != rows {
		t.Errorf("rows: the resumed scan counts %d, the uninterrupted %d, want %d", got.Totals.Rows, want.Totals.Rows, rows)
	}
	sameInventory(t, "serve stopped by SIGTERM and started again", want, got)
}

// report runs pmscan report in process.
func report(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut strings.Builder
	code := run(context.Background(), append([]string{"report"}, args...), &out, &errOut)
	return code, out.String(), errOut.String()
}

// TestServeTwoInstancesOneTarget runs two pmscan serve on one PostgreSQL
// state store and one schedule: at each time, one of them scans the
// target and the other skips it (the lock in the store), so that no scan
// is refused as running and no time is scanned twice.
func TestServeTwoInstancesOneTarget(t *testing.T) {
	if testing.Short() {
		t.Skip("runs two pmscan serve for a few seconds; not with -short")
	}
	stateDSN, _, _ := dbtest.PostgresDatabase(t)
	tree := filepath.Join(t.TempDir(), "exports")
	copyTree(t, "../../testdata/demo", tree)
	cfg := writeConfig(t, `state: `+stateDSN+`
targets:
  - name: exports
    url: `+tree+`
    schedule: "@every 1s"
`)
	a, b := startServe(t, cfg), startServe(t, cfg)
	time.Sleep(6 * time.Second)
	scans := a.scans(t).Scans
	ra, _ := a.stop(t)
	rb, _ := b.stop(t)
	logs := ra.stderr + rb.stderr
	if ra.code != exitOK || rb.code != exitOK {
		t.Fatalf("exit %d and %d\n%s", ra.code, rb.code, tail(logs, 3000))
	}
	if strings.Count(logs, "run skipped: another pmscan is scanning the target") == 0 {
		t.Errorf("neither instance skipped a run the other was scanning:\n%s", tail(logs, 3000))
	}
	if strings.Contains(logs, "another scan of the same target is running") {
		t.Errorf("a scan was refused as running: the instances raced past the lock:\n%s", tail(logs, 3000))
	}
	started := map[int64]bool{}
	for _, sc := range scans {
		sec := sc.Started.Unix()
		if started[sec] {
			t.Errorf("two scans started in the same second %v: %+v", sc.Started, scans)
		}
		started[sec] = true
		if sc.Status != inventory.StatusComplete && sc.Status != "unfinished" {
			t.Errorf("scan %d: %s", sc.ID, sc.Status)
		}
	}
	if len(scans) < 3 {
		t.Errorf("%d scans in six seconds of a one-second schedule", len(scans))
	}
}
