package ledger

import (
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
	"sync"
	"testing"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/connectors/files"
	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/detectors/all"
	"github.com/pmscan/pmscan/scanner"
)

// TestReasonJA translates representative fixed reasons and every pattern,
// and leaves alone what merely resembles one.
func TestReasonJA(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		// Fixed phrases.
		{"mobile number plan", "携帯電話の番号体系"},
		{"surname and given name in dictionary", "辞書にある姓と名"},
		{"well-formed address", "形式の正しいメールアドレス"},
		{"starts with a prefecture", "都道府県で始まる値"},
		{"reading in kana", "かなの読み"},
		{"NNN-NNNN format", "000-0000 の形式"},
		{"check digit passed", "チェックディジット検査に合格"},
		{"Luhn check passed", "Luhn 検査に合格"},
		{"documentation range", "文書例示用のアドレス範囲"},
		{"private address", "プライベートアドレス"},
		{"valid date", "有効な日付"},
		{"medical history term", "病歴を示す語"},
		{"after a name label and before an honorific", "氏名の項目名と敬称の間"},
		{"leading 0 restored: whole cell is a number in a phone column", "先頭の 0 を補完（電話番号の列のセル全体が数値）"},

		// Patterns, each with its variable part kept.
		{"keyword 電話 within 5 chars", "5 文字以内にキーワード「電話」"},
		{"keyword date of birth within 12 chars", "12 文字以内にキーワード「date of birth」"},
		{"keyword 〒 within 0 chars", "隣接するキーワード「〒」"},
		{"column name matches 電話", "列名に「電話」を含む"},
		{"column name matches account no", "列名に「account no」を含む"},
		{"column classified as person_name", "列名から person_name の列と判定"},
		{"column classified as address", "列名から address の列と判定"},
		{"valid date (昭和)", "有効な日付（昭和）"},
		{"account type 普通 within 1 chars before", "1 文字前に口座種別「普通」"},
		{"account type 普通預金 within 0 chars before", "直前に口座種別「普通預金」"},
		{"keyword 在留カード in the same text", "同じテキスト内にキーワード「在留カード」"},
		{"passport type letter T", "旅券の種別記号 T"},
		{"issuer range JCB", "JCB の番号範囲"},
		{"issuer range Diners Club", "Diners Club の番号範囲"},
		{"password column holds a hash (bcrypt)", "パスワードの列にハッシュ値（bcrypt）"},
		{"password column holds a hash (sha256 hex)", "パスワードの列にハッシュ値（sha256 hex）"},
		{"公安委員会 code 30", "公安委員会コード 30"},
		{"phone keyword tel nearer than 年金", "電話のキーワード「tel」が「年金」より近い"},
		{"version number: keyword ver within 2 chars", "バージョン番号（2 文字以内にキーワード「ver」）"},
		{"version number: keyword v within 0 chars", "バージョン番号（隣接するキーワード「v」）"},

		// Hard negatives: a known phrase inside another reason, or a
		// pattern's words around something else, stay as they are.
		{"", ""},
		{"fixture", "fixture"},
		{"mobile number plan B", "mobile number plan B"},
		{"not a mobile number plan", "not a mobile number plan"},
		{" mobile number plan", " mobile number plan"},
		{"Mobile number plan", "Mobile number plan"},
		{"private address space", "private address space"},
		{"check digit passed twice", "check digit passed twice"},
		{"valid date (昭和) twice", "valid date (昭和) twice"},
		{"valid date ()", "valid date ()"},
		{"the keyword 電話 within 5 chars", "the keyword 電話 within 5 chars"},
		{"keyword 電話 within five chars", "keyword 電話 within five chars"},
		{"keyword 電話 within 5 chars before", "keyword 電話 within 5 chars before"},
		{"column name matches", "column name matches"},
		{"column classified as Person Name", "column classified as Person Name"},
		{"column classified as person_name, twice", "column classified as person_name, twice"},
		{"issuer range", "issuer range"},
		{"passport type letter", "passport type letter"},
		{"password column holds a hash", "password column holds a hash"},
		{"version number: 1.2", "version number: 1.2"},
		{"public IPv4 address", "public IPv4 address"},
	} {
		if got := reasonJA(tt.in); got != tt.want {
			t.Errorf("reasonJA(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestReasonsText joins the translated reasons with the separator no
// translation holds, so that the column reads as a list.
func TestReasonsText(t *testing.T) {
	got := reasonsText([]string{"mobile number plan", "column name matches 電話", "something new"})
	if want := "携帯電話の番号体系、列名に「電話」を含む、something new"; got != want {
		t.Errorf("reasonsText = %q, want %q", got, want)
	}
	if got := reasonsText(nil); got != "" {
		t.Errorf("reasonsText(nil) = %q, want \"\"", got)
	}
	for en, ja := range reasonsJA {
		if strings.Contains(ja, "、") {
			t.Errorf("%q translates to %q, which holds the separator 、", en, ja)
		}
	}
	for _, p := range reasonPatterns {
		if strings.Contains(p.tmpl+p.adjacent, "、") {
			t.Errorf("the template of %s holds the separator 、", p.re)
		}
	}
}

// The variable parts the completeness test puts into reasons built by
// concatenation.
const (
	sampleWord  = "tel"         // a keyword, a column word, an era, an issuer
	sampleNum   = "12"          // strconv.Itoa(distance), string(digits)
	sampleClass = "person_name" // columns.Class.String()
)

// sampleKeyword stands for Keyword.Reason() inside another reason.
var sampleKeyword = "keyword " + sampleWord + " within " + sampleNum + " chars"

// acronyms are the Latin words a Japanese reason keeps: names of
// standards, checks and address blocks that have no Japanese name.
var acronyms = regexp.MustCompile(`ISO|IP|CGNAT|Luhn|JAN`)

// untranslated are reasons the detectors give that are deliberately left
// in English, with why. None so far.
var untranslated = map[string]string{}

// TestReasonJAComplete finds the reasons in the detectors' source, as they
// are built (string literals and concatenations where reasons are made:
// Verdict.Reasons, the reasons slices and appends to them, the prose's
// add calls, reason constants, variables and tables, and the results of
// the functions that return a reason), and checks that each has a
// Japanese translation with no English in it but its variable parts. It
// also checks the other way: each fixed translation and each pattern is
// of a reason the detectors give, so that none goes stale.
func TestReasonJAComplete(t *testing.T) {
	found := detectorReasons(t, "../../detectors")
	if len(found) < 120 {
		t.Fatalf("found only %d reasons in the detectors' source: the extraction is broken", len(found))
	}
	// Reasons from each way they are made, so that a broken rule shows.
	for _, r := range []string{
		"mobile number plan",                                // kind.reason()
		"column classified as person_name",                  // cellReasons, d.reason
		"column classified as address",                      // a constant
		sampleKeyword,                                       // Keyword.Reason
		"column name matches " + sampleWord,                 // ColumnReason
		"after a name label and before an honorific",        // contextReason
		"reading in kana",                                   // c, why = ..., "..."
		"kanji name",                                        // (Confidence, string) results
		"katakana name before an honorific",                 // p.add
		"value means none",                                  // a reason constant
		"medical history term",                              // a table of reasons
		"password column holds a hash (" + sampleWord + ")", // built into a table
		"era year past the era's end",                       // a named result
		"valid date (" + sampleWord + ")",                   // append to v.Reasons
		"version number: " + sampleKeyword,                  // Reasons: []string{...}
		"two letters, eight digits, two letters",            // a local constant
		"account type " + sampleWord + " within " + sampleNum + " chars before", // high(...)
		"issuer range " + sampleWord, // reasons := []string{...}
		"leading 0 restored: whole cell is a number in a phone column",
	} {
		if _, ok := found[r]; !ok {
			t.Errorf("the extraction misses %q", r)
		}
	}
	var names []string
	for r := range found {
		names = append(names, r)
	}
	slices.Sort(names)
	for _, r := range names {
		if why, ok := untranslated[r]; ok {
			t.Logf("left in English: %q (%s)", r, why)
			continue
		}
		ja := reasonJA(r)
		if ja == r {
			t.Errorf("%s: %q has no Japanese translation", found[r], r)
			continue
		}
		if english(r, ja) {
			t.Errorf("%s: %q translates to %q, which is still partly English", found[r], r, ja)
		}
	}
	for en := range reasonsJA {
		if _, ok := found[en]; !ok {
			t.Errorf("reasonsJA translates %q, which no detector gives", en)
		}
	}
	for _, p := range reasonPatterns {
		if !slices.ContainsFunc(names, p.re.MatchString) {
			t.Errorf("the pattern %s matches no reason the detectors give", p.re)
		}
	}
	for r := range untranslated {
		if _, ok := found[r]; !ok {
			t.Errorf("untranslated lists %q, which no detector gives", r)
		}
	}
}

// english reports whether ja, the translation of reason, holds Latin
// letters beyond the variable parts of its pattern (a keyword, a type ID)
// and the acronyms.
func english(reason, ja string) bool {
	for _, p := range reasonPatterns {
		if m := p.re.FindStringSubmatch(reason); m != nil {
			for _, v := range m[1:] {
				ja = strings.ReplaceAll(ja, v, "")
			}
			break
		}
	}
	return strings.IndexFunc(acronyms.ReplaceAllString(ja, ""), isASCIILetter) >= 0
}

func isASCIILetter(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }

// detectorReasons parses the non-test Go files of every package under dir
// (but detectortest, the tests' helpers) and returns the reasons it finds,
// each with where it is made.
func detectorReasons(t *testing.T, dir string) map[string]string {
	t.Helper()
	found := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		if d.Name() == "detectortest" || d.Name() == "testdata" {
			return filepath.SkipDir
		}
		entries, err := os.ReadDir(path)
		if err != nil {
			return err
		}
		x := &reasonExtractor{fset: token.NewFileSet(), consts: map[string]string{}, found: found}
		var pkg []*ast.File
		for _, e := range entries {
			if name := e.Name(); !e.IsDir() && strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go") {
				f, err := parser.ParseFile(x.fset, filepath.Join(path, name), nil, 0)
				if err != nil {
					return err
				}
				pkg = append(pkg, f)
			}
		}
		x.package_(pkg)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return found
}

// reasonExtractor collects the reasons of one package.
type reasonExtractor struct {
	fset   *token.FileSet
	consts map[string]string // the package's string constants, local ones too
	found  map[string]string // reason -> position
}

// reasonName matches the names of variables, constants, fields and
// functions that hold or make reasons: reasons, reasonNone, kindReasons,
// d.reason, contextReason, why, note.
var reasonName = regexp.MustCompile(`(?i)reason|^why$|^note$|^evidence$`)

func (x *reasonExtractor) package_(pkg []*ast.File) {
	// Constants first: reasons name them.
	for _, f := range pkg {
		ast.Inspect(f, func(n ast.Node) bool {
			if g, ok := n.(*ast.GenDecl); ok && g.Tok == token.CONST {
				for _, s := range g.Specs {
					vs := s.(*ast.ValueSpec)
					for i, name := range vs.Names {
						if i < len(vs.Values) {
							if v, lit, ok := x.eval(vs.Values[i]); ok && lit {
								x.consts[name.Name] = v
							}
						}
					}
				}
			}
			return true
		})
	}
	for _, f := range pkg {
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.GenDecl:
				x.valueSpecs(d)
			case *ast.FuncDecl:
				if d.Body != nil {
					x.function(d.Name.Name, d.Type, d.Body)
				}
			}
		}
	}
}

// valueSpecs takes the values of constants and variables named for
// reasons: strings, the values of a table, the strings a function literal
// that builds one assigns.
func (x *reasonExtractor) valueSpecs(g *ast.GenDecl) {
	for _, s := range g.Specs {
		vs, ok := s.(*ast.ValueSpec)
		if !ok {
			continue
		}
		for i, name := range vs.Names {
			if i >= len(vs.Values) || !reasonName.MatchString(name.Name) {
				continue
			}
			switch v := vs.Values[i].(type) {
			case *ast.CompositeLit:
				for _, e := range v.Elts {
					if kv, ok := e.(*ast.KeyValueExpr); ok {
						e = kv.Value
					}
					x.add(e)
				}
			case *ast.CallExpr: // func() map[string]string { ... m[s] = "..." + s }()
				ast.Inspect(v, func(n ast.Node) bool {
					if as, ok := n.(*ast.AssignStmt); ok {
						for _, r := range as.Rhs {
							x.add(r)
						}
					}
					return true
				})
			default:
				x.add(v)
			}
		}
	}
}

// function takes the reasons made in a function's body, and the string
// results of a function that returns a reason: one named for reasons, one
// that returns a confidence and a string, one with a named result note or
// why.
func (x *reasonExtractor) function(name string, typ *ast.FuncType, body *ast.BlockStmt) {
	var results []int // the result positions that are reasons
	all := reasonName.MatchString(name)
	if typ.Results != nil {
		i := 0
		confidence := false
		for _, f := range typ.Results.List {
			if sel, ok := f.Type.(*ast.SelectorExpr); ok && sel.Sel.Name == "Confidence" {
				confidence = true
			}
		}
		for _, f := range typ.Results.List {
			n := max(1, len(f.Names))
			for j := range n {
				isString := typeName(f.Type) == "string"
				named := j < len(f.Names) && reasonName.MatchString(f.Names[j].Name)
				if isString && (all || confidence || named) {
					results = append(results, i)
				}
				i++
			}
		}
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			x.function("", n.Type, n.Body)
			return false
		case *ast.ReturnStmt:
			for _, i := range results {
				if i < len(n.Results) {
					x.add(n.Results[i])
				}
			}
			if all {
				for _, r := range n.Results {
					x.reasons(r)
				}
			}
		case *ast.KeyValueExpr:
			if id, ok := n.Key.(*ast.Ident); ok && id.Name == "Reasons" {
				x.reasons(n.Value)
			}
		case *ast.AssignStmt:
			for i, l := range n.Lhs {
				if (all || reasonName.MatchString(lhsName(l))) && len(n.Lhs) == len(n.Rhs) {
					x.reasons(n.Rhs[i])
				}
			}
		case *ast.CallExpr:
			switch fn := calleeName(n); fn {
			case "append":
				if len(n.Args) > 0 && (reasonName.MatchString(lhsName(n.Args[0])) || lhsName(n.Args[0]) == "ctx") {
					x.reasons(n)
				}
			case "add", "high", "verdict": // prose.add, bankaccount's high, sensitive's verdict
				for _, a := range n.Args {
					x.add(a)
				}
			}
		}
		return true
	})
}

// reasons takes the reasons of an expression that is a reason or a list of
// them: a slice literal, an append.
func (x *reasonExtractor) reasons(e ast.Expr) {
	switch e := e.(type) {
	case *ast.CompositeLit:
		for _, el := range e.Elts {
			x.reasons(el)
		}
	case *ast.CallExpr:
		if calleeName(e) == "append" {
			for _, a := range e.Args {
				x.reasons(a)
			}
			return
		}
		x.add(e)
	default:
		x.add(e)
	}
}

// add records e if it is a string made at least partly of literals.
func (x *reasonExtractor) add(e ast.Expr) {
	v, lit, ok := x.eval(e)
	if !ok || !lit || v == "" {
		return
	}
	if _, seen := x.found[v]; !seen {
		x.found[v] = x.fset.Position(e.Pos()).String()
	}
}

// eval evaluates a string expression, with samples for its variable
// parts; lit says whether any part is a literal, ok whether it is a string
// at all as far as can be seen.
func (x *reasonExtractor) eval(e ast.Expr) (v string, lit, ok bool) {
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind != token.STRING {
			return "", false, false
		}
		s, err := strconv.Unquote(e.Value)
		return s, err == nil, err == nil
	case *ast.ParenExpr:
		return x.eval(e.X)
	case *ast.Ident:
		if c, ok := x.consts[e.Name]; ok {
			return c, true, true
		}
		return sampleWord, false, true
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			return "", false, false
		}
		a, la, oka := x.eval(e.X)
		b, lb, okb := x.eval(e.Y)
		return a + b, la || lb, oka && okb
	case *ast.CallExpr:
		switch calleeName(e) {
		case "Itoa", "string":
			return sampleNum, false, true
		case "String":
			return sampleClass, false, true
		case "Reason":
			return sampleKeyword, false, true
		}
		return sampleWord, false, true
	case *ast.SelectorExpr, *ast.IndexExpr:
		return sampleWord, false, true
	}
	return "", false, false
}

// calleeName is the name of the function a call calls: append, add,
// Itoa, String.
func calleeName(c *ast.CallExpr) string {
	switch f := c.Fun.(type) {
	case *ast.Ident:
		return f.Name
	case *ast.SelectorExpr:
		return f.Sel.Name
	}
	return ""
}

// lhsName names what an assignment assigns to: reasons, why, d.reason.
func lhsName(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name
	case *ast.SelectorExpr:
		return e.Sel.Name
	}
	return ""
}

// typeName names a simple type: string, int.
func typeName(e ast.Expr) string {
	if id, ok := e.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}

// reasonSink collects the reasons of a scan's findings.
type reasonSink struct {
	mu      sync.Mutex
	reasons map[string]string // reason -> a finding's type and path
}

func (s *reasonSink) Finding(f *scanner.Finding) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, r := range f.Reasons {
		if _, ok := s.reasons[r]; !ok {
			s.reasons[r] = f.Type + " in " + f.Location.Object.Path
		}
	}
	return nil
}
func (s *reasonSink) Object(*connectors.Object, connectors.ObjectStats) error { return nil }
func (s *reasonSink) Problem(scanner.Problem) error                           { return nil }

// TestReasonJADemo scans the demo data with every detector and checks
// that every reason its findings give is translated.
func TestReasonJADemo(t *testing.T) {
	set, err := detectors.NewSet(all.Detectors())
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	conn, err := files.Factory{}.Open(ctx, "../../testdata/demo")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	sink := &reasonSink{reasons: map[string]string{}}
	sum, err := scanner.Run(ctx, scanner.Options{Detectors: set}, []scanner.Target{{Name: "demo", Conn: conn}}, sink)
	if err != nil {
		t.Fatal(err)
	}
	if err := sum.Targets[0].Err; err != nil {
		t.Fatalf("the walk failed: %v", err)
	}
	if len(sink.reasons) < 20 {
		t.Fatalf("the demo's findings give only %d reasons", len(sink.reasons))
	}
	for r, where := range sink.reasons {
		if _, ok := untranslated[r]; ok {
			continue
		}
		ja := reasonJA(r)
		if ja == r {
			t.Errorf("%q (%s) has no Japanese translation", r, where)
			continue
		}
		if english(r, ja) {
			t.Errorf("%q (%s) translates to %q, which is still partly English", r, where, ja)
		}
	}
}
