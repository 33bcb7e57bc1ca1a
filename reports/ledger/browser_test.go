//go:build unix

package ledger

import (
	"bytes"
	"context"
	"flag"
	"image"
	"image/png"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/pmscan/pmscan/reports/policy"
)

var screenshotDir = flag.String("screenshot", "", "keep the HTML report's screenshot in this directory")

// chromium finds the browser (see chromiumAt): a missing one fails the
// test in CI and skips it elsewhere, saying how to get one.
func chromium(t *testing.T) string {
	t.Helper()
	bin, missing, fatal := chromiumAt(os.Getenv)
	switch {
	case missing == "":
		return bin
	case fatal:
		t.Fatal(missing)
	default:
		t.Skip(missing)
	}
	return ""
}

// chromiumAt decides where the browser is: PMSCAN_CHROMIUM (a path, or a
// name on the PATH), else /usr/bin/chromium, and it must be executable:
// a file that merely exists would fail the test later with an exec error
// that says nothing of how to get a browser. When there is none, missing
// says so and how to get one, and fatal says the test must fail rather
// than skip: in CI (CI set, and not "false" or "0") a missing browser is a
// broken machine, not a reason to test less.
func chromiumAt(getenv func(string) string) (bin, missing string, fatal bool) {
	bin = getenv("PMSCAN_CHROMIUM")
	if bin == "" {
		bin = "/usr/bin/chromium"
	}
	path, err := exec.LookPath(bin)
	if err != nil {
		ci := getenv("CI")
		return bin, "no Chromium at " + bin + " (run .ci/browser to install Debian's chromium, or set PMSCAN_CHROMIUM): " + err.Error(),
			ci != "" && ci != "false" && ci != "0"
	}
	return path, "", false
}

// browse runs headless Chromium on the page at u with the given extra
// arguments and returns its standard output.
func browse(t *testing.T, bin, u string, args ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
		"--hide-scrollbars", "--user-data-dir=" + t.TempDir(), "--window-size=1400,2000"}
	cmd := exec.CommandContext(ctx, bin, append(append(base, args...), u)...)
	// The Debian launcher is a shell script: kill its whole process group.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 5 * time.Second
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s", bin, strings.Join(args, " "), err, stderr.Bytes())
	}
	return stdout.Bytes()
}

func TestBrowser(t *testing.T) {
	bin := chromium(t)
	inv, _ := fixture(t)
	dir := t.TempDir()
	page := filepath.Join(dir, "レポート.html")
	f, err := os.Create(page)
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteHTML(f, inv, utc); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	at := func(fragment string) string {
		return (&url.URL{Scheme: "file", Path: page, Fragment: fragment}).String()
	}

	t.Run("screenshot", func(t *testing.T) {
		shot := filepath.Join(dir, "report.png")
		browse(t, bin, at(""), "--screenshot="+shot)
		data, err := os.ReadFile(shot)
		if err != nil {
			t.Fatalf("no screenshot: %v", err)
		}
		if *screenshotDir != "" {
			if err := os.WriteFile(filepath.Join(*screenshotDir, "report.png"), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		img, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("the screenshot is no PNG: %v", err)
		}
		if b := img.Bounds(); b.Dx() < 1000 || b.Dy() < 1000 {
			t.Errorf("the screenshot is %v", b)
		}
		if n := colours(img, 64); n < 64 {
			t.Errorf("the screenshot has %d colours: blank?", n)
		}
	})

	holdings := regexp.MustCompile(`(?s)<table class="sortable holdings" id="holdings-table">.*?<tbody>(.*?)</tbody>`)
	row := regexp.MustCompile(`(?s)<tr[ >].*?</tr>`)
	rowsOf := func(t *testing.T, dom string) []string {
		t.Helper()
		m := holdings.FindStringSubmatch(dom)
		if m == nil {
			t.Fatalf("no holdings table in the DOM:\n%s", dom)
		}
		return row.FindAllString(m[1], -1)
	}
	findings := regexp.MustCompile(`<td class="n" data-v="(\d+)">[\d,]+</td>\s*<td class="n conf"`)
	findingsOf := func(t *testing.T, r string) int {
		t.Helper()
		m := findings.FindStringSubmatch(r)
		if m == nil {
			t.Fatalf("no findings cell in %s", r)
		}
		n, _ := strconv.Atoi(m[1])
		return n
	}

	t.Run("sort", func(t *testing.T) {
		dom := string(browse(t, bin, at("sort=findings"), "--dump-dom"))
		for _, want := range []string{`<h2 id="conformance-h">方針適合性の概要</h2>`, `<button type="button" class="sort"`} {
			if !strings.Contains(dom, want) {
				t.Errorf("the DOM lacks %s", want)
			}
		}
		if strings.Contains(dom, `class="filters" data-table="holdings-table" hidden`) {
			t.Error("the script did not show the filters")
		}
		rows := rowsOf(t, dom)
		if len(rows) != len(inv.Holdings) {
			t.Fatalf("%d rows in the holdings table, want %d", len(rows), len(inv.Holdings))
		}
		most := int64(0)
		for _, h := range inv.Holdings {
			most = max(most, h.Findings)
		}
		if got := findingsOf(t, rows[0]); int64(got) != most {
			t.Errorf("sorted by findings, the first row has %d, want %d:\n%s", got, most, rows[0])
		}
		for i := 1; i < len(rows); i++ {
			if findingsOf(t, rows[i]) > findingsOf(t, rows[i-1]) {
				t.Errorf("row %d has more findings than row %d", i, i-1)
			}
		}
		if !regexp.MustCompile(`data-key="findings"[^>]*aria-sort="descending"|aria-sort="descending"[^>]*data-key="findings"`).MatchString(dom) {
			t.Error("the findings header is not marked sorted descending")
		}
	})

	t.Run("filter", func(t *testing.T) {
		dom := string(browse(t, bin, at("class="+policy.ClassMyNumber+"&sort=findings:asc"), "--dump-dom"))
		rows := rowsOf(t, dom)
		want := 0
		for _, h := range inv.Holdings {
			if h.Class == policy.ClassMyNumber {
				want++
			}
		}
		var shown []string
		for _, r := range rows {
			if !strings.HasPrefix(r, "<tr hidden") && !regexp.MustCompile(`^<tr[^>]*\bhidden\b`).MatchString(r) {
				shown = append(shown, r)
			}
		}
		if len(shown) != want || want == 0 {
			t.Fatalf("%d rows shown for %s, want %d", len(shown), policy.ClassMyNumber, want)
		}
		for _, r := range shown {
			if !strings.Contains(r, `data-class="`+policy.ClassMyNumber+`"`) {
				t.Errorf("a row of another class is shown: %s", r)
			}
		}
		if findingsOf(t, shown[0]) > findingsOf(t, shown[len(shown)-1]) {
			t.Error("not sorted by findings, fewest first")
		}
		if !strings.Contains(dom, "<output aria-live=\"polite\">"+strconv.Itoa(want)+" / "+strconv.Itoa(len(rows))+" 件を表示</output>") {
			t.Error("the filter's count is not shown")
		}
	})
}

// colours counts the distinct colours of img, up to limit, sampling every
// fourth pixel.
func colours(img image.Image, limit int) int {
	seen := map[[4]uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 4 {
		for x := b.Min.X; x < b.Max.X; x += 4 {
			r, g, bl, a := img.At(x, y).RGBA()
			seen[[4]uint32{r, g, bl, a}] = true
			if len(seen) >= limit {
				return len(seen)
			}
		}
	}
	return len(seen)
}

// TestChromiumAt: a browser that is not there, or cannot run, skips the
// browser test with how to get one, and fails it in CI.
func TestChromiumAt(t *testing.T) {
	dir := t.TempDir()
	runnable, notRunnable := filepath.Join(dir, "chromium"), filepath.Join(dir, "chromium.txt")
	if err := os.WriteFile(runnable, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(notRunnable, []byte("not a browser"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		chromium, ci string
		found, fatal bool
	}{
		{runnable, "", true, false},
		{runnable, "true", true, false},
		{filepath.Join(dir, "absent"), "", false, false},
		{filepath.Join(dir, "absent"), "false", false, false},
		{filepath.Join(dir, "absent"), "0", false, false},
		{filepath.Join(dir, "absent"), "true", false, true},
		{filepath.Join(dir, "absent"), "1", false, true},
		{notRunnable, "", false, false},
		{notRunnable, "true", false, true},
	}
	for _, tt := range tests {
		env := map[string]string{"PMSCAN_CHROMIUM": tt.chromium, "CI": tt.ci}
		bin, missing, fatal := chromiumAt(func(k string) string { return env[k] })
		if found := missing == ""; found != tt.found || fatal != tt.fatal || bin != tt.chromium {
			t.Errorf("PMSCAN_CHROMIUM=%s CI=%q: bin %q, missing %q, fatal %v; want found %v, fatal %v",
				tt.chromium, tt.ci, bin, missing, fatal, tt.found, tt.fatal)
		}
		if !tt.found && (!strings.Contains(missing, ".ci/browser") || !strings.Contains(missing, "PMSCAN_CHROMIUM")) {
			t.Errorf("PMSCAN_CHROMIUM=%s: %q does not say how to get a browser", tt.chromium, missing)
		}
	}
}
