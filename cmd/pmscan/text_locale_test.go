package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestTextSummaryFollowsLocale: the text summary pmscan scan prints is
// Japanese under a Japanese locale and English otherwise, and so are the
// summary pmscan report re-renders from the store and the headline of a
// JSON Lines scan on standard error. The findings' identifiers (detector
// types, paths) stay as they are in both.
func TestTextSummaryFollowsLocale(t *testing.T) {
	dir := t.TempDir()
	csv := "氏名,電話番号,メールアドレス\n山田太郎,090-1234-5678,taro@example.co.jp\n佐藤花子,080-2345-6789,hanako@example.com\n"
	if err := os.WriteFile(filepath.Join(dir, "customers.csv"), []byte(csv), 0o600); err != nil {
		t.Fatal(err)
	}
	ja := map[string]string{"LANG": "ja_JP.UTF-8"}
	c := map[string]string{"LANG": "C"}
	jaLines := []*regexp.Regexp{
		regexp.MustCompile(`^pmscan: 1 個のオブジェクト（\d+ B）を [\d.]+ 秒でスキャンしました: 検出 \d+ 件、スキップ 0 件、エラー 0 件\n`),
		regexp.MustCompile(`\n状態: 完了（すべての対象を最後まで読み、読み取りに失敗した項目はありません）\n`),
		regexp.MustCompile(`\n方針適合性（組み込みポリシー）: `),
		regexp.MustCompile(`\n保有している個人情報の項目（推定 2 人、1 か所）:\n  項目 +区分 +保管場所数 +検出数 +異なる値の数 +方針\n`),
		regexp.MustCompile(`\n  電話番号 +個人情報 +1 +2 +2 +記載あり\n`),
		regexp.MustCompile(`\n種別ごとの検出（値はマスク済み）:\n  種別 +検出数 +確度：高 +確度：中 +確度：低 +例\n`),
		regexp.MustCompile(`\nファイル・オブジェクト・テーブルごとの検出:\n  場所 +文字コード +検出数 +種別\n  \S*customers.csv +utf-8 +\d+ +.*phone 2`),
	}
	enLines := []*regexp.Regexp{
		regexp.MustCompile(`^pmscan: scanned 1 object \(\d+ B\) in [\d.]+m?s: \d+ findings, 0 skipped, 0 errors\n`),
		regexp.MustCompile(`\nStatus: complete: every target was walked to the end and no item failed to read\n`),
		regexp.MustCompile(`\nPolicy conformance \(built-in policy\): `),
		regexp.MustCompile(`\nItems held \(個人情報の項目\), about 2 people in 1 place:\n  ITEM +CLASS +PLACES +FOUND +DISTINCT +IN POLICY\n`),
		regexp.MustCompile(`\n  電話番号 +個人情報 +1 +2 +2 +yes\n`),
		regexp.MustCompile(`\nFindings by type \(values masked\):\n  TYPE +FOUND +HIGH +MEDIUM +LOW +EXAMPLES\n`),
		regexp.MustCompile(`\nFindings by file, object or table:\n  WHERE +ENCODING +FOUND +TYPES\n  \S*customers.csv +utf-8 +\d+ +.*phone 2`),
	}
	english := regexp.MustCompile(`Status|Policy conformance|Items held|Findings by|scanned \d`)
	japanese := regexp.MustCompile(`状態|方針適合性|保有している|スキャンしました`)
	check := func(name, out string, want []*regexp.Regexp, notWant *regexp.Regexp) {
		t.Helper()
		for _, re := range want {
			if !re.MatchString(out) {
				t.Errorf("%s: no %s in\n%s", name, re, out)
			}
		}
		if m := notWant.FindString(out); m != "" {
			t.Errorf("%s: %q, in the other language, in\n%s", name, m, out)
		}
	}

	for _, l := range []struct {
		name     string
		env      map[string]string
		want     []*regexp.Regexp
		notWant  *regexp.Regexp
		headline *regexp.Regexp
	}{
		{"LANG=ja_JP.UTF-8", ja, jaLines, english, jaLines[0]},
		{"LANG=C", c, enLines, japanese, enLines[0]},
	} {
		code, out, errOut := runIn(t, l.env, "scan", "-state", "none", "-progress", "never", dir)
		if code != exitOK {
			t.Fatalf("%s: scan: exit %d: %s", l.name, code, errOut)
		}
		check(l.name+": scan", out, l.want, l.notWant)

		// -format jsonl: the findings on standard output, the headline on
		// standard error.
		code, out, errOut = runIn(t, l.env, "scan", "-state", "none", "-progress", "never", "-format", "jsonl", dir)
		if code != exitOK || !strings.Contains(out, `"type":"phone"`) || !l.headline.MatchString(errOut) {
			t.Errorf("%s: scan -format jsonl: exit %d, headline not %s:\n%s", l.name, code, l.headline, errOut)
		}
	}

	// pmscan report renders a kept scan in the locale of the reader, not
	// of the scan.
	state := filepath.Join(t.TempDir(), "state.db")
	if code, _, errOut := runIn(t, c, "scan", "-state", state, "-progress", "never", dir); code != exitOK {
		t.Fatalf("scan -state: exit %d: %s", code, errOut)
	}
	code, out, errOut := runIn(t, ja, "report", "-state", state, "-format", "text")
	if code != exitOK {
		t.Fatalf("report: exit %d: %s", code, errOut)
	}
	check("LANG=ja_JP.UTF-8: report", out, jaLines, english)
	code, out, errOut = runIn(t, c, "report", "-state", state, "-format", "text")
	if code != exitOK {
		t.Fatalf("report: exit %d: %s", code, errOut)
	}
	check("LANG=C: report", out, enLines, japanese)
}
