package main

import (
	"errors"
	"flag"
	"slices"
	"strings"
	"testing"

	"github.com/pmscan/pmscan/connectors"
	connall "github.com/pmscan/pmscan/connectors/all"
	"github.com/pmscan/pmscan/internal/i18n"
	"github.com/pmscan/pmscan/reports"
	"github.com/pmscan/pmscan/scanner"
)

// TestExternalHelpTranslated: every flag a connector registers on
// 'pmscan scan', and every format's description, has its Japanese in the
// catalogue, and the catalogue has nothing else among them.
func TestExternalHelpTranslated(t *testing.T) {
	external := i18n.ExternalKeys()
	used := map[string]bool{}
	english := i18n.New(i18n.Language(func(string) string { return "C" }))
	// The command's own flags (TestMessagesInCatalogue checks them) are
	// the ones it registers without connectors.
	own := flag.NewFlagSet("own", flag.ContinueOnError)
	(&scanOptions{p: english}).flags(own)
	fs := flag.NewFlagSet("pmscan scan", flag.ContinueOnError)
	(&scanOptions{factories: connall.Factories(), p: english}).flags(fs)
	fs.VisitAll(func(f *flag.Flag) {
		switch {
		case own.Lookup(f.Name) != nil:
		case slices.Contains(external, f.Usage):
			used[f.Usage] = true
		default:
			t.Errorf("-%s: help %q is not in the catalogue", f.Name, f.Usage)
		}
	})
	for _, f := range reports.Formats() {
		if !slices.Contains(external, f.Usage) {
			t.Errorf("format %s: description %q is not in the catalogue", f.Name, f.Usage)
		}
		used[f.Usage] = true
	}
	for _, k := range external {
		if !used[k] {
			t.Errorf("the catalogue translates %q, which nothing registers", k)
		}
	}
}

// TestHelpInJapanese: under a Japanese locale, the scan help is Japanese
// down to the connectors' flags and the defaults.
func TestHelpInJapanese(t *testing.T) {
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LANG", "ja_JP.UTF-8")
	code, out, _ := run2(t, "help", "scan")
	for _, want := range []string{"データベース: サーバーごとの接続数の上限", "S3: 同時に読むオブジェクトの数", "ファイル: -exclude-paths と同じです",
		"（既定値: ", "人が読む要約"} {
		if code != exitOK || !strings.Contains(out, want) {
			t.Errorf("help scan in Japanese lacks %q", want)
		}
	}
	if strings.Contains(out, "(default ") {
		t.Error("help scan in Japanese still says (default …)")
	}
}

// TestSayProblem: a streaming scan says each problem on stderr in the
// user's language, the error's own words after it.
func TestSayProblem(t *testing.T) {
	pr := scanner.Problem{Location: connectors.At(connectors.NewFile("logo.png")), Err: connectors.Skip("binary content"), Skipped: true, Terminal: true}
	failed := scanner.Problem{Location: connectors.Location{Object: connectors.NewFile("data/a.csv"), Line: 9}, Err: errors.New("csv: bad quote")}
	for lang, want := range map[string]string{
		"C":           "pmscan: skipped: logo.png: binary content\npmscan: error: data/a.csv line 9: csv: bad quote\n",
		"ja_JP.UTF-8": "pmscan: スキップ: logo.png: binary content\npmscan: 読み取り失敗: data/a.csv line 9: csv: bad quote\n",
	} {
		p := i18n.FromEnv(func(k string) string {
			if k == "LANG" {
				return lang
			}
			return ""
		})
		var b strings.Builder
		if err := sayProblem(p, &b, pr); err != nil {
			t.Fatal(err)
		}
		if err := sayProblem(p, &b, failed); err != nil {
			t.Fatal(err)
		}
		if b.String() != want {
			t.Errorf("LANG=%s: %q, want %q", lang, b.String(), want)
		}
	}
}
