package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/pmscan/pmscan/reports/diff"
	"github.com/pmscan/pmscan/reports/inventory"
)

// diffPolicy declares e-mail addresses as not held, so that one found
// raises a flag.
const diffPolicy = `stores:
  - name: すべて
    match: ["**"]
items:
  - id: name
    name: 氏名
    class: 個人情報
    types: [person_name]
  - id: phone
    name: 電話番号
    class: 個人情報
    types: [phone]
  - id: email
    name: メールアドレス
    class: 個人情報
    types: [email]
    held: false
`

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

func gzipped(t *testing.T, s string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write([]byte(s))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// diffJSON runs pmscan diff -format json with args and decodes it.
func diffJSON(t *testing.T, args ...string) *diff.Diff {
	t.Helper()
	code, out, errOut := run2(t, append([]string{"diff", "-format", "json"}, args...)...)
	if code != exitOK {
		t.Fatalf("diff %q: exit %d: %s", args, code, errOut)
	}
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	var d diff.Diff
	if err := dec.Decode(&d); err != nil {
		t.Fatalf("diff %q: the JSON does not decode: %v\n%s", args, err, out)
	}
	if strings.Contains(out, "null") {
		t.Errorf("diff %q: null in the JSON:\n%s", args, out)
	}
	return &d
}

// names are the places' names relative to dir, sorted.
func names(dir string, ps []inventory.Place) []string {
	var out []string
	for _, p := range ps {
		out = append(out, strings.TrimPrefix(p.Name, dir+"/"))
	}
	slices.Sort(out)
	return out
}

func changeNames(dir string, cs []diff.PlaceChange) []string {
	var ps []inventory.Place
	for _, c := range cs {
		ps = append(ps, c.Place)
	}
	return names(dir, ps)
}

// TestDiffE2E: two real scans of a tree, between which a file with an
// e-mail address and a phone number is added, another deleted, and one
// made unreadable; pmscan diff says so in every format and pmscan report
// opens its text with what is new. A third scan, after the file is
// readable again, says that; a scan of other targets is not compared with
// them by default, but is with -target.
func TestDiffE2E(t *testing.T) {
	t.Setenv("LANG", "C")
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	dir := t.TempDir()
	state := filepath.Join(t.TempDir(), "state.db")
	policy := filepath.Join(t.TempDir(), "policy.yaml")
	writeFile(t, policy, []byte(diffPolicy))
	writeFile(t, filepath.Join(dir, "keep.csv"), []byte("氏名,電話番号\n山田太郎,090-1234-5678\n佐藤花子,090-2234-5678\n"))
	writeFile(t, filepath.Join(dir, "old.txt"), []byte("旧担当の連絡先: jiro.suzuki@example.co.jp\n"))
	locked := filepath.Join(dir, "locked.csv.gz")
	lockedCSV := gzipped(t, "メモ,備考\n打ち合わせ,来週\n")
	writeFile(t, locked, lockedCSV)
	scanArgs := []string{"-state", state, "-policy", policy, "-progress", "never", dir}

	if code, _, errOut := scan(t, scanArgs...); code != exitOK {
		t.Fatalf("scan 1: exit %d: %s", code, errOut)
	}
	// One scan: nothing to compare with, and the report has no block.
	code, _, errOut := run2(t, "diff", "-state", state)
	if code != exitTargetError || !strings.Contains(errOut, "no finished scan of the same targets before scan 1") || !strings.Contains(errOut, "-from ID and -to ID") {
		t.Errorf("diff with one scan: exit %d: %s", code, errOut)
	}
	code, out, _ := run2(t, "report", "-state", state, "-format", "text")
	if code != exitOK || !strings.HasPrefix(out, "pmscan: scanned ") {
		t.Errorf("report of the first scan: exit %d, starts %q", code, out[:min(len(out), 60)])
	}

	writeFile(t, filepath.Join(dir, "new.txt"), []byte("新しい担当: hanako.sato@example.com 電話 080-2345-6789\n"))
	if err := os.Remove(filepath.Join(dir, "old.txt")); err != nil {
		t.Fatal(err)
	}
	wantUnreadable := []string{"locked.csv.gz"}
	if os.Getuid() != 0 {
		if err := os.Chmod(locked, 0); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(locked, 0o600) })
	} else {
		// root reads a file of mode 000: a broken archive is as unreadable.
		t.Log("running as root: locked.csv.gz is made unreadable by breaking it, not by chmod 000")
		writeFile(t, locked, []byte("\x1f\x8b\x08\x00garbage"))
	}
	if code, _, errOut := scan(t, scanArgs...); code != exitItemErrors {
		t.Fatalf("scan 2: exit %d, want %d: %s", code, exitItemErrors, errOut)
	}

	d := diffJSON(t, "-state", state)
	if d.From.Scan != 1 || d.To.Scan != 2 || d.To.Status != inventory.StatusUnreadable || d.SchemaVersion != diff.SchemaVersion {
		t.Errorf("compared %d (%s) and %d (%s)", d.From.Scan, d.From.Status, d.To.Scan, d.To.Status)
	}
	if got := changeNames(dir, d.Places.Appeared); !slices.Equal(got, []string{"new.txt"}) {
		t.Errorf("places appeared %q, want new.txt", got)
	} else if items := d.Places.Appeared[0].Items; !slices.Contains(items, "メールアドレス") || !slices.Contains(items, "電話番号") {
		t.Errorf("new.txt holds %q, want メールアドレス and 電話番号", items)
	}
	if got := changeNames(dir, d.Places.Disappeared); !slices.Equal(got, []string{"old.txt"}) {
		t.Errorf("places disappeared %q, want old.txt", got)
	}
	if got := names(dir, d.Unreadable.New); !slices.Equal(got, wantUnreadable) {
		t.Errorf("unreadable %q, want %q", got, wantUnreadable)
	}
	if len(d.Unreadable.ReadableAgain) != 0 {
		t.Errorf("readable again: %+v", d.Unreadable.ReadableAgain)
	}
	// keep.csv did not change: no holding, column or item of it is listed.
	if len(d.Holdings.Grew)+len(d.Holdings.Shrank)+len(d.Holdings.Appeared)+len(d.Holdings.Disappeared)+len(d.Columns.Appeared)+len(d.Columns.Disappeared) != 0 {
		t.Errorf("keep.csv is unchanged, yet holdings or columns changed: %+v %+v", d.Holdings, d.Columns)
	}
	// メールアドレス was held in old.txt and is in new.txt: the item stays,
	// its flag moves from one place to the other.
	if len(d.Items.Appeared)+len(d.Items.Disappeared) != 0 {
		t.Errorf("items changed: %+v", d.Items)
	}
	flagAt := func(fs []inventory.Flag) []string {
		var out []string
		for _, f := range fs {
			out = append(out, f.Rule+" "+f.ItemID+" "+strings.TrimPrefix(f.Name, dir+"/"))
		}
		return out
	}
	if got := flagAt(d.Flags.New); !slices.Equal(got, []string{"undeclared_item email new.txt"}) {
		t.Errorf("new flags %q", got)
	}
	if got := flagAt(d.Flags.Resolved); !slices.Equal(got, []string{"undeclared_item email old.txt"}) {
		t.Errorf("resolved flags %q", got)
	}
	if d.Totals.Failed != (diff.Count{From: 0, To: 1}) {
		t.Errorf("failed totals %+v", d.Totals.Failed)
	}

	// The same, explicitly, and as text in both languages.
	if e := diffJSON(t, "-state", state, "-from", "1", "-to", "2"); !slices.Equal(changeNames(dir, e.Places.Appeared), []string{"new.txt"}) {
		t.Errorf("-from 1 -to 2: %+v", e.Places)
	}
	for _, l := range []struct {
		env  map[string]string
		want []string
	}{
		{map[string]string{"LANG": "C"}, []string{"pmscan diff: scan 1 → scan 2\n", "\nPlaces that appeared (1):\n  + " + dir + "/new.txt: メールアドレス, 電話番号",
			"\nObjects that became unreadable (1):\n  + " + locked + "\n", "\nNew conformance flags (1):\n  + medium undeclared_item " + dir + "/new.txt"}},
		{map[string]string{"LANG": "ja_JP.UTF-8"}, []string{"pmscan diff: スキャン 1 → スキャン 2\n", "\n新たに現れた保管場所（1 件）:\n  + " + dir + "/new.txt: メールアドレス, 電話番号",
			"\n新たに読み取れなくなったオブジェクト（1 件）:\n  + " + locked + "\n", "\n新たな指摘（1 件）:\n  + 中 方針上保有しない項目 " + dir + "/new.txt"}},
	} {
		code, out, errOut := runIn(t, l.env, "diff", "-state", state)
		if code != exitOK {
			t.Fatalf("%v: diff: exit %d: %s", l.env, code, errOut)
		}
		for _, w := range l.want {
			if !strings.Contains(out, w) {
				t.Errorf("%v: no %q in\n%s", l.env, w, out)
			}
		}
	}
	t.Setenv("LANG", "C") // runIn left the last locale set
	html := filepath.Join(t.TempDir(), "diff.html")
	if code, _, errOut := run2(t, "diff", "-state", state, "-format", "html", "-o", html); code != exitOK {
		t.Fatalf("diff html: exit %d: %s", code, errOut)
	}
	if b, err := os.ReadFile(html); err != nil || !bytes.Contains(b, []byte("スキャン間の差分")) || !bytes.Contains(b, []byte("new.txt")) {
		t.Errorf("diff html: %v\n%.300s", err, b)
	}
	if fi, err := os.Stat(html); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("diff html: %v, mode %v; want 0600", err, fi.Mode())
	}

	// pmscan report opens with what is new since scan 1; other formats do not.
	for _, l := range []struct {
		env  map[string]string
		want *regexp.Regexp
	}{
		{map[string]string{"LANG": "C"}, regexp.MustCompile(`^New since scan 1 \(finished [-0-9: ]+\):\n` +
			`  \+ place \S+/new\.txt: メールアドレス, 電話番号\n  \+ flag medium undeclared_item \S+/new\.txt: .*\n\npmscan: scanned `)},
		{map[string]string{"LANG": "ja_JP.UTF-8"}, regexp.MustCompile(`^スキャン 1（[-0-9: ]+ 終了）以降に新たに見つかったもの:\n` +
			`  \+ 保管場所 \S+/new\.txt: メールアドレス, 電話番号\n  \+ 指摘 中 方針上保有しない項目 \S+/new\.txt: .*\n\npmscan: `)},
	} {
		code, out, errOut := runIn(t, l.env, "report", "-state", state, "-format", "text")
		if code != exitOK || !l.want.MatchString(out) {
			t.Errorf("%v: report: exit %d, does not match %s:\n%s%s", l.env, code, l.want, out, errOut)
		}
	}
	t.Setenv("LANG", "C")
	code, out, _ = run2(t, "report", "-state", state, "-format", "json")
	if code != exitOK || !strings.HasPrefix(out, "{") {
		t.Errorf("report json: exit %d, starts %q", code, out[:min(len(out), 40)])
	}

	// Readable again.
	if os.Getuid() != 0 {
		if err := os.Chmod(locked, 0o600); err != nil {
			t.Fatal(err)
		}
	} else {
		writeFile(t, locked, lockedCSV)
	}
	if code, _, errOut := scan(t, scanArgs...); code != exitOK {
		t.Fatalf("scan 3: exit %d: %s", code, errOut)
	}
	d = diffJSON(t, "-state", state)
	if d.From.Scan != 2 || d.To.Scan != 3 || !slices.Equal(names(dir, d.Unreadable.ReadableAgain), wantUnreadable) || len(d.Unreadable.New) != 0 ||
		len(d.Places.Appeared)+len(d.Places.Disappeared)+len(d.Flags.New)+len(d.Flags.Resolved) != 0 {
		t.Errorf("scan 2 → 3: %+v", d)
	}
	code, out, _ = run2(t, "report", "-state", state, "-format", "text")
	if code != exitOK || !strings.HasPrefix(out, "Nothing new since scan 2 (finished ") {
		t.Errorf("report of scan 3: exit %d, starts %q", code, out[:min(len(out), 80)])
	}

	// A scan of more targets has no predecessor; -target finds the scans
	// of dir among all.
	other := t.TempDir()
	writeFile(t, filepath.Join(other, "a.txt"), []byte("連絡先 090-3234-5678\n"))
	if code, _, errOut := scan(t, "-state", state, "-policy", policy, "-progress", "never", dir, other); code != exitOK {
		t.Fatalf("scan 4: exit %d: %s", code, errOut)
	}
	if code, _, errOut := run2(t, "diff", "-state", state); code != exitTargetError || !strings.Contains(errOut, "before scan 4") {
		t.Errorf("diff after a scan of other targets: exit %d: %s", code, errOut)
	}
	d = diffJSON(t, "-state", state, "-target", dir)
	if d.From.Scan != 3 || d.To.Scan != 4 || len(d.To.Targets) != 2 || !slices.Equal(changeNames(other, d.Places.Appeared), []string{"a.txt"}) {
		t.Errorf("-target %s: %d → %d, %+v", dir, d.From.Scan, d.To.Scan, d.Places)
	}
	code, out, _ = run2(t, "diff", "-state", state, "-target", dir, "-format", "text")
	if code != exitOK || !strings.Contains(out, "targets of scan 3: "+dir+"\n") {
		t.Errorf("the text of scans of different targets does not list each: exit %d\n%s", code, out)
	}
	code, out, _ = run2(t, "report", "-state", state, "-format", "text")
	if code != exitOK || !strings.HasPrefix(out, "pmscan: scanned ") {
		t.Errorf("report of a scan without a predecessor of its targets: starts %q", out[:min(len(out), 60)])
	}
}

// TestDiffFlagErrors: usage errors exit 2 with one line and a pointer to
// -h, in the user's language; unknown scans exit 3.
func TestDiffFlagErrors(t *testing.T) {
	state := filepath.Join(t.TempDir(), "state.db")
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"diff", "extra"}, exitUsage, `pmscan diff: unexpected argument "extra"`},
		{[]string{"diff", "-format", "pdf"}, exitUsage, `-format: unknown format "pdf" (want one of text, json, html)`},
		{[]string{"diff", "-from", "-1"}, exitUsage, "-from -1: want a scan ID, 1 or more"},
		{[]string{"diff", "-bogus"}, exitUsage, "run 'pmscan diff -h' for usage"},
		{[]string{"diff", "-tz", "Mars/Olympus"}, exitUsage, "Mars/Olympus"},
		{[]string{"diff", "-state", state}, exitTargetError, "no finished scan yet"},
		{[]string{"diff", "-state", state, "-from", "1", "-to", "2"}, exitTargetError, "scan 1: not found"},
	} {
		code, _, errOut := run2(t, tc.args...)
		if code != tc.code || !strings.Contains(errOut, tc.want) {
			t.Errorf("%q: exit %d, want %d with %q:\n%s", tc.args, code, tc.code, tc.want, errOut)
		}
	}
	code, out, _ := runIn(t, map[string]string{"LANG": "ja_JP.UTF-8"}, "help", "diff")
	for _, w := range []string{"使い方: pmscan diff [flags]", "比較元のスキャン ID", "出力形式 FORMAT: text, json, html"} {
		if code != exitOK || !strings.Contains(out, w) {
			t.Errorf("help diff in Japanese: exit %d, no %q in\n%s", code, w, out)
		}
	}
	code, out, _ = runIn(t, map[string]string{"LANG": "C"}, "help")
	if code != exitOK || !strings.Contains(out, "pmscan diff [-from ID -to ID]") {
		t.Errorf("help does not list diff:\n%s", out)
	}
}
