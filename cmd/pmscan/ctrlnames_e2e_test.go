package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestControlCharactersInNames: a scan of files whose names hold escape
// sequences, CR and LF prints them escaped, in the text report on
// standard output, in the JSON Lines stream's problem lines and headline
// on standard error, and in the line about a target that did not open, in
// both languages. Nothing clears the screen or forges a line.
func TestControlCharactersInNames(t *testing.T) {
	dir := t.TempDir()
	const forged = "a\x1b[2Jb\rFAKE LINE\n.csv"
	files := map[string]string{
		forged:                       "氏名,e\x1b[8mmail\n山田太郎,taro@example.co.jp\n佐藤花子,hanako@example.com\n",
		"p\x1b[31m\rFAKE LINE\n.png": "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01",
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	missing := filepath.Join(dir, "gone\x1b[2J\rFAKE LINE\n")

	check := func(name, where, out string) {
		t.Helper()
		for i, r := range out {
			if r != '\n' && (r < 0x20 || r == 0x7f) {
				t.Errorf("%s: %s: raw %U at byte %d:\n%s", name, where, r, i, out)
				break
			}
		}
		for _, line := range strings.Split(out, "\n") {
			if strings.Contains(line, "FAKE LINE") && !strings.Contains(line, `\rFAKE LINE\n`) {
				t.Errorf("%s: %s: forged line %q in:\n%s", name, where, line, out)
			}
		}
	}
	for _, env := range []map[string]string{{"LANG": "C"}, {"LANG": "ja_JP.UTF-8"}} {
		name := "LANG=" + env["LANG"]
		code, out, errOut := runIn(t, env, "scan", "-state", "none", "-progress", "never", dir, missing)
		if code != exitTargetError {
			t.Errorf("%s: text: exit %d, want %d; stderr:\n%s", name, code, exitTargetError, errOut)
		}
		check(name, "text report", out)
		check(name, "text stderr", errOut)
		for _, want := range []string{`a\x1b[2Jb\rFAKE LINE\n.csv  utf-8`, `p\x1b[31m\rFAKE LINE\n.png: `, `gone\x1b[2J\rFAKE LINE\n: `} {
			if !strings.Contains(out, want) {
				t.Errorf("%s: text report lacks %s:\n%s", name, want, out)
			}
		}
		if !strings.Contains(errOut, `pmscan scan: `+strings.ReplaceAll(dir, `\`, `\\`)+`/gone\x1b[2J\rFAKE LINE\n`) {
			t.Errorf("%s: the target that did not open is not named escaped on stderr:\n%s", name, errOut)
		}
		if n := strings.Count(errOut, "\n"); n != 1 {
			t.Errorf("%s: text: %d lines on stderr, want 1:\n%s", name, n, errOut)
		}

		code, out, errOut = runIn(t, env, "scan", "-state", "none", "-progress", "never", "-format", "jsonl", dir, missing)
		if code != exitTargetError {
			t.Errorf("%s: jsonl: exit %d, want %d; stderr:\n%s", name, code, exitTargetError, errOut)
		}
		check(name, "jsonl stream", out)
		check(name, "jsonl stderr", errOut)
		if !strings.Contains(errOut, `p\x1b[31m\rFAKE LINE\n.png: `) {
			t.Errorf("%s: jsonl: the skipped file is not named escaped on stderr:\n%s", name, errOut)
		}
		// The target, the skipped file, the headline.
		if n := strings.Count(errOut, "\n"); n != 3 {
			t.Errorf("%s: jsonl: %d lines on stderr, want 3:\n%s", name, n, errOut)
		}
	}
}
