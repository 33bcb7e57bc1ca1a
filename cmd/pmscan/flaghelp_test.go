package main

import (
	"flag"
	"slices"
	"strings"
	"testing"

	connall "github.com/pmscan/pmscan/connectors/all"
	"github.com/pmscan/pmscan/internal/i18n"
	"github.com/pmscan/pmscan/reports"
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
