package ledger

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/reports/inventory"
	"github.com/pmscan/pmscan/reports/ja"
	"github.com/pmscan/pmscan/reports/policy"
	"github.com/pmscan/pmscan/scanner"
)

var printDir = flag.String("print", "", "keep the workbooks TestXLSXPrint prints, and their PDFs, in this directory")

// inCI says whether the tests run in CI, where a missing tool fails them.
func inCI() bool {
	ci := os.Getenv("CI")
	return ci != "" && ci != "false" && ci != "0"
}

// officeTools finds LibreOffice, pdfinfo and pdftotext. In CI a missing
// one fails the test; elsewhere it skips.
func officeTools(t *testing.T) (soffice string) {
	t.Helper()
	var missing []string
	for _, names := range [][]string{{"soffice", "libreoffice"}, {"pdfinfo"}, {"pdftotext"}} {
		found := ""
		for _, name := range names {
			if p, err := exec.LookPath(name); err == nil {
				found = p
				break
			}
		}
		if found == "" {
			missing = append(missing, names[0])
		} else if names[0] == "soffice" {
			soffice = found
		}
	}
	// The fonts the workbook is laid out for: a Japanese one, and Carlito
	// for Calibri (a wider stand-in wraps cells sooner than Excel would).
	for _, font := range []string{":lang=ja", "Carlito"} {
		if out, err := exec.Command("fc-list", font).Output(); err == nil && len(bytes.TrimSpace(out)) == 0 {
			missing = append(missing, "the font "+font)
		}
	}
	if len(missing) > 0 {
		msg := fmt.Sprintf("%s missing: run .ci/office to install LibreOffice, poppler-utils and the fonts (Debian's libreoffice-calc-nogui, poppler-utils, fonts-ipafont-gothic, fonts-crosextra-carlito)", strings.Join(missing, ", "))
		if inCI() {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return soffice
}

// printedPage is one page of a workbook as LibreOffice prints it.
type printedPage struct {
	text          string  // as pdftotext -layout reads it
	width, height float64 // in points
	sheet         string  // from the page header
	num, of       int     // the footer's "num / of ページ"
}

// libreOffice prints workbooks to PDF with LibreOffice headless, all in one
// run (it takes seconds to start), in a profile of its own so that
// parallel runs do not share one, and reads each PDF's pages back.
func libreOffice(t *testing.T, workbooks map[string][]byte) map[string][]printedPage {
	t.Helper()
	soffice := officeTools(t)
	dir := *printDir
	if dir == "" {
		dir = t.TempDir()
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	args := []string{"-env:UserInstallation=file://" + filepath.ToSlash(filepath.Join(t.TempDir(), "profile")),
		"--headless", "--convert-to", "pdf", "--outdir", dir}
	names := slices.Sorted(func(yield func(string) bool) {
		for name := range workbooks {
			if !yield(name) {
				return
			}
		}
	})
	for _, name := range names {
		in := filepath.Join(dir, name+".xlsx")
		if err := os.WriteFile(in, workbooks[name], 0o644); err != nil {
			t.Fatal(err)
		}
		_ = os.Remove(filepath.Join(dir, name+".pdf"))
		args = append(args, in)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, soffice, args...)
	cmd.Env = append(os.Environ(), "HOME="+t.TempDir()) // its caches too stay apart
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s --convert-to pdf: %v\n%s", soffice, err, out)
	}
	printed := map[string][]printedPage{}
	for _, name := range names {
		printed[name] = readPDF(t, filepath.Join(dir, name+".pdf"))
	}
	return printed
}

var (
	pageSize   = regexp.MustCompile(`(?m)^Page +(\d+) size: +([\d.]+) x ([\d.]+) pts`)
	pageNumber = regexp.MustCompile(`(\d+) / (\d+) ページ`)
)

// readPDF reads a PDF's pages: their size with pdfinfo, their text with
// pdftotext, their sheet from the page header (the sheet's name on the
// left) and their number from the footer.
func readPDF(t *testing.T, pdf string) []printedPage {
	t.Helper()
	info, err := exec.Command("pdfinfo", "-f", "1", "-l", "100000", pdf).Output()
	if err != nil {
		t.Fatalf("pdfinfo %s: %v", pdf, err)
	}
	text, err := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", pdf, err)
	}
	texts := strings.Split(strings.TrimSuffix(string(text), "\f"), "\f")
	sizes := pageSize.FindAllStringSubmatch(string(info), -1)
	if len(sizes) != len(texts) {
		t.Fatalf("%s: pdfinfo gives %d page sizes, pdftotext %d pages", pdf, len(sizes), len(texts))
	}
	sheets := []string{SheetSummary, SheetLedger, SheetHoldings, SheetProblems, SheetFindings}
	pages := make([]printedPage, len(texts))
	for i, s := range texts {
		p := &pages[i]
		p.text = s
		p.width, _ = strconv.ParseFloat(sizes[i][2], 64)
		p.height, _ = strconv.ParseFloat(sizes[i][3], 64)
		for line := range strings.SplitSeq(s, "\n") {
			if line = strings.TrimSpace(line); line != "" {
				for _, sh := range sheets {
					if strings.HasPrefix(line, sh) {
						p.sheet = sh
					}
				}
				break
			}
		}
		if m := pageNumber.FindAllStringSubmatch(s, -1); len(m) > 0 {
			last := m[len(m)-1]
			p.num, _ = strconv.Atoi(last[1])
			p.of, _ = strconv.Atoi(last[2])
		}
	}
	return pages
}

// printPolicy is a policy with more items than the fixture's, one of them
// with a purpose as long as real policies write them.
const printPolicy = `
company: 株式会社サンプル商事
stores:
  - {name: 顧客DB, match: ["postgres://*/crm/**"]}
  - {name: 共有フォルダ, match: ["共有/**"]}
items:
  - {id: name, name: 氏名, class: 個人情報, types: [person_name], purpose: "` + longPurpose + `", disclosure_target: true, retention: 5y, department: お客様相談室}
  - {id: phone, name: 電話番号, class: 個人情報, types: [phone], purpose: ご注文に関するご連絡, disclosure_target: true, retention: 5y, department: 営業部}
  - {id: email, name: メールアドレス, class: 個人情報, types: [email], purpose: ご連絡、メールマガジンの配信, disclosure_target: true, retention: 5y, department: 営業部}
  - {id: my_number, name: 個人番号, class: 特定個人情報, types: [my_number], stores: [顧客DB], purpose: 支払調書の作成, retention: 7y, department: 経理部}
  - {id: ip, name: IPアドレス, class: 個人関連情報, types: [ip_address], purpose: 不正アクセスの防止, department: 情報システム部}
`

// longPurpose is a 利用目的 of many lines; the test looks for its start
// and its end in the printed ledger.
const longPurpose = "お客様からのお問い合わせへの回答、ご注文いただいた商品の発送とそれに伴うご連絡、ご利用料金の請求、" +
	"アフターサービスのご案内、新商品およびキャンペーンのご案内（同意をいただいた方に限ります）、" +
	"サービス改善のための統計資料の作成（個人を識別できない形に加工したうえで利用します）、" +
	"法令に基づく対応のため（利用目的の終わり）"

// eightPlaces are where the many-places inventory holds 電話番号.
var eightPlaces = func() []string {
	var out []string
	for i := range 8 {
		out = append(out, fmt.Sprintf("共有/営業/拠点%02d/顧客一覧.csv", i+1))
	}
	return out
}()

// manyPlaces is an inventory whose items are held in many places, as a
// company's are: 電話番号 in eight files, names and e-mail addresses in
// files and tables, and forty problems, more than are listed.
func manyPlaces(t testing.TB) (*inventory.Inventory, []scanner.Finding) {
	t.Helper()
	p, err := policy.Parse([]byte(printPolicy), "policy/print.yaml", knownTypes)
	if err != nil {
		t.Fatal(err)
	}
	modified := time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)
	var fs []scanner.Finding
	add := func(o *connectors.Object, column, typ, masked string, n int) {
		for i := range n {
			fs = append(fs, scanner.Finding{Type: typ, Confidence: detectors.High, Reasons: []string{"column name matches " + column},
				Location: connectors.Location{Object: o, Column: column, Line: int64(i + 2)}, Masked: masked, ValueHash: hash(typ+column, i)})
		}
	}
	var files []*connectors.Object
	for _, path := range eightPlaces {
		o := connectors.NewFile(path)
		o.Encoding, o.Modified = "cp932", modified
		files = append(files, o)
		add(o, "電話番号", "phone", "03-****-1211", 12)
		add(o, "氏名", "person_name", "山田 **", 12)
	}
	for i, table := range []string{"public.顧客", "public.問い合わせ", "public.会員", "public.請求先"} {
		o := connectors.NewTable("postgres", "db.example.jp:5432", "crm", table)
		add(o, "氏名", "person_name", "佐藤 **", 30+i)
		add(o, "メールアドレス", "email", "s***@example.jp", 30+i)
		add(o, "個人番号", "my_number", "********9018", 5+i)
	}
	logs := connectors.NewFile("/var/log/nginx/access.log")
	add(logs, "", "ip_address", "192.0.2.***", 40)

	b := inventory.NewBuilder(p)
	for i := range fs {
		if err := b.Finding(&fs[i]); err != nil {
			t.Fatal(err)
		}
	}
	for _, o := range append(files, logs) {
		if err := b.Object(o, connectors.ObjectStats{}); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 40 {
		o := connectors.NewFile(fmt.Sprintf("共有/総務/スキャン画像/申込書_%03d.pdf", i+1))
		err := error(connectors.Skip("no extractable text (scanned image)"))
		if i%4 == 0 {
			err = errors.New("open: permission denied")
		}
		if err := b.Problem(scanner.Problem{Location: connectors.At(o), Err: err, Skipped: i%4 != 0, Terminal: true}); err != nil {
			t.Fatal(err)
		}
	}
	start := time.Date(2026, 11, 20, 1, 0, 0, 0, time.UTC)
	inv := b.Build(&scanner.Summary{
		Started: start, Finished: start.Add(time.Hour),
		Targets: []scanner.TargetResult{{Name: "./共有"}, {Name: "/var/log/nginx"}, {Name: "postgres://db.example.jp:5432/crm"}},
		Objects: 400, Bytes: 80 << 20, Rows: 120000, Skipped: 120, Failed: 40, Findings: int64(len(fs)),
	})
	// Fewer listed than counted, as when MaxProblems is reached.
	inv.Problems = inv.Problems[:30]
	return inv, fs
}

// TestXLSXPrint prints the workbooks of the fixture and of an inventory
// with many places with LibreOffice, and reads the PDF: every page A4
// landscape, one page wide, with its sheet's header row and the footer's
// page number; every line of a tall cell printed; failures on the first
// page.
func TestXLSXPrint(t *testing.T) {
	if testing.Short() {
		t.Skip("LibreOffice takes seconds; skipped with -short")
	}
	workbooks := map[string][]byte{}
	invs := map[string]*inventory.Inventory{}
	for name, build := range map[string]func(testing.TB) (*inventory.Inventory, []scanner.Finding){
		"fixture": fixture, "many": manyPlaces,
	} {
		inv, fs := build(t)
		var out bytes.Buffer
		if err := WriteXLSX(&out, inv, findingsOf(fs), utc); err != nil {
			t.Fatal(err)
		}
		workbooks[name], invs[name] = out.Bytes(), inv
	}
	printed := libreOffice(t, workbooks)

	// The header cells each sheet's pages must show: those short enough
	// to print on one line.
	titles := map[string][]string{
		SheetSummary:  {"個人情報管理台帳 — 概要"},
		SheetLedger:   {"個人情報の項目", "利用目的", "保管場所"},
		SheetHoldings: {"個人情報の項目", "保管場所"},
		SheetProblems: {"区分", "保管場所", "理由", "詳細"},
		SheetFindings: {"No.", "保管場所", "根拠"},
	}
	for name, pages := range printed {
		bySheet := map[string][]printedPage{}
		for i, p := range pages {
			if p.width < p.height || p.width < 841 || p.width > 843 || p.height < 594 || p.height > 596 {
				t.Errorf("%s page %d: %.0f x %.0f pt, want A4 landscape (842 x 595)", name, i+1, p.width, p.height)
			}
			if p.sheet == "" {
				t.Errorf("%s page %d has no sheet's name in its header:\n%s", name, i+1, p.text)
				continue
			}
			bySheet[p.sheet] = append(bySheet[p.sheet], p)
			if p.num != i+1 || p.of != len(pages) {
				t.Errorf("%s page %d (%s): footer says page %d of %d, want %d of %d", name, i+1, p.sheet, p.num, p.of, i+1, len(pages))
			}
			if !strings.Contains(p.text, "スキャン終了 2026-11-20") {
				t.Errorf("%s page %d (%s): no scan in the footer", name, i+1, p.sheet)
			}
			for _, h := range titles[p.sheet] {
				if !strings.Contains(p.text, h) {
					t.Errorf("%s page %d (%s): the header row's %s is not printed", name, i+1, p.sheet, h)
				}
			}
		}
		counts := map[string]int{}
		for sh, ps := range bySheet {
			counts[sh] = len(ps)
		}
		t.Logf("%s: %d pages: %v", name, len(pages), counts)
		inv := invs[name]
		ledger := sheetText(bySheet[SheetLedger])
		for i := range inv.Items {
			item := inv.Items[i].Item
			if got := columnText(ledger, string([]rune(item)[:min(4, len([]rune(item)))])); !strings.Contains(got, item) {
				t.Errorf("%s: the printed ledger lacks %s", name, item)
			}
		}
		summary := bySheet[SheetSummary]
		if len(summary) == 0 {
			t.Fatalf("%s: no summary printed", name)
		}
		first := summary[0].text
		if want := ja.Status(inv.ScanStatus()); !strings.Contains(first, want) {
			t.Errorf("%s: the first page lacks the scan's status %s", name, want)
		}
		problems := sheetText(bySheet[SheetProblems])
		for _, p := range inv.Problems {
			if !strings.Contains(problems, filepath.Base(p.Name)) {
				t.Errorf("%s: the printed problems lack %s", name, p.Name)
			}
		}
		// Before this change, all portrait: the fixture printed on 24 pages
		// (概要 8, 個人情報管理台帳 5, 保管場所別 6, 検出結果 5), many on
		// 62 (7, 5, 6, 44). The rows' heights and the columns' widths are
		// worked out here, so the count does not depend on the fonts.
		limits := map[string]map[string]int{
			"fixture": {SheetSummary: 3, SheetLedger: 1, SheetHoldings: 1, SheetProblems: 1, SheetFindings: 2},
			// 保管場所別 repeats the long 利用目的 on each of 氏名's rows.
			"many": {SheetSummary: 2, SheetLedger: 1, SheetHoldings: 6, SheetProblems: 2, SheetFindings: 20},
		}[name]
		for sh, limit := range limits {
			if counts[sh] == 0 || counts[sh] > limit {
				t.Errorf("%s: %s prints on %d pages, want 1 to %d", name, sh, counts[sh], limit)
			}
		}
	}

	fixtureFirst := printed["fixture"][0].text
	for _, want := range []string{"失敗（読み取れなかった対象あり）", "mysql://legacy.example.jp:3306/old", "接続できません"} {
		if !strings.Contains(fixtureFirst, want) {
			t.Errorf("the fixture's first page lacks %q:\n%s", want, fixtureFirst)
		}
	}
	var manyLedger, manyProblems string
	for _, p := range printed["many"] {
		switch p.sheet {
		case SheetLedger:
			manyLedger += p.text
		case SheetProblems:
			manyProblems += p.text
		}
	}
	// Every line of the tallest cells is printed: the last lines are the
	// ones a row too short cuts off.
	for _, place := range eightPlaces {
		if !strings.Contains(manyLedger, place) {
			t.Errorf("the printed ledger lacks the place %s", place)
		}
	}
	if got := columnText(manyLedger, "お客様から"); !strings.Contains(got, longPurpose) {
		t.Errorf("the printed ledger's 利用目的 is cut short: %s\n%s", got, manyLedger)
	}
	if !strings.Contains(manyProblems, "ほか 130 件") {
		t.Errorf("the printed problems do not say how many more there were:\n%s", manyProblems)
	}
}

// columnText is the text that pdftotext -layout prints in the column of a
// page where start begins, from there down: a wrapped cell's lines, one
// under the other, joined. Lines of the cells beside it print on lines of
// their own or further right, and are left out.
func columnText(text, start string) string {
	var b strings.Builder
	col := -1
	for line := range strings.SplitSeq(text, "\n") {
		if col < 0 {
			i := strings.Index(line, start)
			if i < 0 {
				continue
			}
			col = utf8.RuneCountInString(line[:i])
		}
		r := []rune(line)
		if len(r) <= col {
			continue
		}
		cell, _, _ := strings.Cut(string(r[col:]), "  ")
		b.WriteString(strings.TrimSpace(cell))
	}
	return b.String()
}

// sheetText is the text of a sheet's pages.
func sheetText(pages []printedPage) string {
	var b strings.Builder
	for _, p := range pages {
		b.WriteString(p.text)
	}
	return b.String()
}
