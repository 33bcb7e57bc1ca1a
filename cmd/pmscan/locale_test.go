package main

import (
	"bytes"
	"context"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/pmscan/pmscan/internal/i18n"
	"golang.org/x/text/language"
)

// The package's tests expect English unless they choose a locale: a
// developer's LANG=ja_JP.UTF-8 must not fail them.
func init() {
	if i18n.Language(os.Getenv) != language.English {
		os.Setenv("LC_ALL", "C.UTF-8")
	}
}

// runIn runs pmscan with the locale variables env gives (the others
// empty, as if unset).
func runIn(t *testing.T, env map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		t.Setenv(k, env[k])
	}
	var out, errOut strings.Builder
	code = run(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// TestMessagesFollowLocale: pmscan speaks Japanese when the locale is
// ja_*, by POSIX precedence (LC_ALL, LC_MESSAGES, LANG), and English
// otherwise.
func TestMessagesFollowLocale(t *testing.T) {
	locales := []struct {
		name string
		env  map[string]string
		ja   bool
	}{
		{"LANG=ja_JP.UTF-8", map[string]string{"LANG": "ja_JP.UTF-8"}, true},
		{"LANG=ja_JP", map[string]string{"LANG": "ja_JP"}, true},
		{"LANG=C", map[string]string{"LANG": "C"}, false},
		{"LANG=en_US.UTF-8", map[string]string{"LANG": "en_US.UTF-8"}, false},
		{"none", map[string]string{}, false},
		{"LC_ALL=C over LANG=ja", map[string]string{"LC_ALL": "C", "LANG": "ja_JP.UTF-8"}, false},
		{"LC_ALL=ja over LANG=C", map[string]string{"LC_ALL": "ja_JP.UTF-8", "LANG": "C"}, true},
		{"LC_MESSAGES=ja over LANG=en", map[string]string{"LC_MESSAGES": "ja_JP.UTF-8", "LANG": "en_US.UTF-8"}, true},
		{"LC_MESSAGES=C over LANG=ja", map[string]string{"LC_MESSAGES": "C", "LANG": "ja_JP.UTF-8"}, false},
	}
	commands := []struct {
		args   []string
		code   int
		stdout bool // the message is on stdout, not stderr
		en, ja []string
	}{
		{
			args: []string{"scan"}, code: exitUsage,
			en: []string{"pmscan scan: no TARGET given; run 'pmscan scan -h' for usage\n"},
			ja: []string{"pmscan scan: 対象 (TARGET) が指定されていません。使い方は 'pmscan scan -h' で確認できます\n"},
		},
		{
			args: []string{"scan", "-bogus", "."}, code: exitUsage,
			en: []string{"-bogus", "run 'pmscan scan -h' for usage\n"},
			ja: []string{"-bogus", "使い方は 'pmscan scan -h' で確認できます\n"},
		},
		{
			args: []string{"report", "-format", "bogus"}, code: exitUsage,
			en: []string{`pmscan report: -format: unknown format "bogus" (want one of text, `},
			ja: []string{`pmscan report: -format: "bogus" は不明な出力形式です（text, `},
		},
		{
			args: []string{"scan", "-format", "xlsx", "."}, code: exitUsage,
			en: []string{"pmscan scan: -format xlsx needs -o FILE\n"},
			ja: []string{"pmscan scan: -format xlsx には -o FILE の指定が必要です\n"},
		},
		{
			args: []string{"help", "scan"}, code: exitOK, stdout: true,
			en: []string{"Usage: pmscan scan [flags] TARGET...", "\nFlags:\n", "detector workers", "or none to keep nothing"},
			ja: []string{"使い方: pmscan scan [flags] TARGET...", "\nフラグ:\n", "検出処理のワーカー数", "none で何も保存しません"},
		},
		{
			args: []string{"help", "report"}, code: exitOK, stdout: true,
			en: []string{"Usage: pmscan report [flags]", "the state store: a file (SQLite)", "in time ZONE, e.g. Asia/Tokyo"},
			ja: []string{"使い方: pmscan report [flags]", "状態ストア: ファイル（SQLite）", "タイムゾーン ZONE"},
		},
		{
			args: []string{"bogus"}, code: exitUsage,
			en: []string{`pmscan: unknown command "bogus"`, "pmscan finds personal information"},
			ja: []string{`pmscan: "bogus" というコマンドはありません`, "pmscan はデータストアに含まれる個人情報を検出します。"},
		},
		{
			args: []string{"policy"}, code: exitUsage,
			en: []string{"write the built-in policy (YAML)"},
			ja: []string{"組み込みポリシー（YAML）"},
		},
	}
	for _, l := range locales {
		for _, c := range commands {
			code, stdout, stderr := runIn(t, l.env, c.args...)
			got, other := stderr, stdout
			if c.stdout {
				got, other = stdout, stderr
			}
			want, notWant := c.en, c.ja
			if l.ja {
				want, notWant = c.ja, c.en
			}
			if code != c.code {
				t.Errorf("%s: pmscan %s: exit %d, want %d", l.name, strings.Join(c.args, " "), code, c.code)
			}
			for _, w := range want {
				if !strings.Contains(got, w) {
					t.Errorf("%s: pmscan %s: no %q in\n%s", l.name, strings.Join(c.args, " "), w, got)
				}
			}
			for _, w := range notWant {
				if w != "-bogus" && strings.Contains(got, w) {
					t.Errorf("%s: pmscan %s: %q, in the other language, in\n%s", l.name, strings.Join(c.args, " "), w, got)
				}
			}
			if other != "" {
				t.Errorf("%s: pmscan %s: output on the other stream: %q", l.name, strings.Join(c.args, " "), other)
			}
		}
	}
}

// TestKeptMessageInJapanese: the message after a scan names the scan in
// both languages, and its ID is not grouped (1234, never 1,234).
func TestKeptMessageInJapanese(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "memo.txt"), []byte("連絡先 090-1234-5678\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	state := filepath.Join(t.TempDir(), "state.db")
	for _, tc := range []struct{ lang, want string }{
		{"C", "pmscan: kept as scan 1; 'pmscan report -scan 1 -format html -o report.html' renders the ledger\n"},
		{"ja_JP.UTF-8", "pmscan: スキャン 2 として保存しました。台帳は 'pmscan report -scan 2 -format html -o report.html' で出力できます\n"},
	} {
		code, _, stderr := runIn(t, map[string]string{"LANG": tc.lang}, "scan", "-state", state, "-progress", "never", dir)
		if code != exitOK || !strings.HasSuffix(stderr, tc.want) {
			t.Errorf("LANG=%s: exit %d, want the message %q:\n%s", tc.lang, code, tc.want, stderr)
		}
	}
	code, _, stderr := runIn(t, map[string]string{"LANG": "ja_JP.UTF-8"}, "report", "-state", state, "-scan", "1", "-format", "json", "extra")
	if want := "pmscan report: 不要な引数があります: \"extra\"\n"; code != exitUsage || stderr != want {
		t.Errorf("report extra: exit %d, %q; want %q", code, stderr, want)
	}
}

// notTranslated are the files whose messages are English only:
// version.go prints build facts.
var notTranslated = []string{"version.go", "baselinefile.go"}

// TestMessagesInCatalogue: every message the command prints through the
// printer (p.Fprintf, p.Sprintf, i18n.Errorf) is in the catalogue, with
// its Japanese; every catalogue message is used; and no prose is printed
// past the printer (fmt.Fprintf, fmt.Errorf, flag help as a literal).
// A new message without its translation fails here.
func TestMessagesInCatalogue(t *testing.T) {
	fset := token.NewFileSet()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	// The connectors' flag checks speak to the command line too: the files
	// of theirs that use the catalogue are held to the same rules.
	others, err := filepath.Glob("../../connectors/*/*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range others {
		if b, err := os.ReadFile(name); err == nil && bytes.Contains(b, []byte(`"github.com/pmscan/pmscan/internal/i18n"`)) {
			files = append(files, name)
		}
	}
	var parsed []*ast.File
	consts := map[string]string{} // the package's string constants
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		parsed = append(parsed, f)
		for _, d := range f.Decls {
			if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.CONST {
				for _, s := range g.Specs {
					vs := s.(*ast.ValueSpec)
					for i, v := range vs.Values {
						if lit, ok := v.(*ast.BasicLit); ok && lit.Kind == token.STRING {
							consts[vs.Names[i].Name], _ = strconv.Unquote(lit.Value)
						}
					}
				}
			}
		}
	}
	// str is the value of a string literal or constant.
	str := func(e ast.Expr) (string, bool) {
		switch e := e.(type) {
		case *ast.BasicLit:
			if e.Kind == token.STRING {
				s, err := strconv.Unquote(e.Value)
				return s, err == nil
			}
		case *ast.Ident:
			s, ok := consts[e.Name]
			return s, ok
		}
		return "", false
	}

	catalogue := i18n.Keys()
	used := map[string]bool{}
	flagDef := regexp.MustCompile(`^(String|Bool|Int|Int64|Uint|Uint64|Float64|Duration)(Var)?$`)
	n := 0
	for _, f := range parsed {
		file := filepath.Base(fset.File(f.Pos()).Name())
		// Connectors register flag help in English; TestExternalHelpTranslated
		// checks its Japanese.
		connector := strings.HasPrefix(fset.File(f.Pos()).Name(), "../")
		exempt := slices.Contains(notTranslated, file)
		ast.Inspect(f, func(node ast.Node) bool {
			call, ok := node.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			at := fset.Position(call.Pos())
			recv := ""
			if id, ok := sel.X.(*ast.Ident); ok {
				recv = id.Name
			}
			method := sel.Sel.Name
			keyArg := -1
			switch {
			case recv == "i18n" && method == "Errorf":
				keyArg = 0
			case recv != "fmt" && method == "Sprintf":
				keyArg = 0
			case recv != "fmt" && method == "Fprintf":
				keyArg = 1
			case recv == "fmt" && (method == "Fprint" || method == "Fprintf" || method == "Fprintln" || method == "Errorf") && !exempt,
				recv == "errors" && method == "New" && !exempt:
				for _, a := range call.Args {
					if s, ok := str(a); ok && isProse(s) {
						t.Errorf("%s: %s.%s(%q): prose not through the printer", at, recv, method, s)
					}
				}
				return true
			case recv == "fs" && flagDef.MatchString(method) && !exempt && !connector:
				if s, ok := str(call.Args[len(call.Args)-1]); ok {
					t.Errorf("%s: flag help %q not through the printer", at, s)
				}
				return true
			default:
				return true
			}
			if len(call.Args) <= keyArg {
				return true
			}
			key, ok := str(call.Args[keyArg])
			if !ok {
				t.Errorf("%s: %s.%s: the message is not a literal or a constant", at, recv, method)
				return true
			}
			n++
			used[key] = true
			if !slices.Contains(catalogue, key) {
				t.Errorf("%s: %q is not in internal/i18n's catalogue", at, key)
			}
			return true
		})
	}
	if n < 30 {
		t.Errorf("found only %d messages through the printer; is the test still looking in the right places?", n)
	}
	for _, key := range catalogue {
		if !used[key] {
			t.Errorf("the catalogue's %q is not used", key)
		}
	}
}

// isProse says whether a message has words, beyond flag names, verbs and
// a "pmscan scan:" prefix.
func isProse(s string) bool {
	s = regexp.MustCompile(`%[-+# 0]*(\[\d+\])?\d*(\.\d*)?[a-zA-Z%]`).ReplaceAllString(s, "")
	s = regexp.MustCompile(`pmscan( [a-z]+)*:`).ReplaceAllString(s, "")
	s = regexp.MustCompile(`(^|\s)-[a-z][a-z-]*`).ReplaceAllString(s, "")
	return len(regexp.MustCompile(`[A-Za-z]{2,}`).FindAllString(s, -1)) >= 2
}
