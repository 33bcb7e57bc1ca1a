//go:build genvariants

// Command genvariants writes detectors/variants/variants.txt, the kanji
// variant classes that name matching folds: characters that Japanese
// registers treat as one (髙/高, 﨑/崎, 邊/邉/辺, 齋/齊/斎, 濵/濱/浜). It merges
// three maintained tables:
//
//   - Unicode's Unihan database (Debian's unicode-data package,
//     /usr/share/unicode/Unihan_*.txt.bz2): kSemanticVariant, kZVariant
//     and kSpecializedSemanticVariant, and the 常用漢字表 and 人名用漢字
//     mappings of kJoyoKanji and kJinmeiyoKanji;
//
//   - the 常用漢字表's 旧字体 as the kyujitai npm package lists them
//     (kyujitai@1.3.0, MIT, data/kyujitai.json, its "kyuji" list; not
//     its "douon" list, which replaces words, not glyphs);
//
//   - UniDic (kagome-dict/uni): a kanji whose dictionary form (語彙素) is
//     another single kanji (邉 → 辺, 嶋 → 島).
//
//     go run -tags genvariants ./detectors/variants/internal/genvariants -kyujitai …/package/data/kyujitai.json
package main

import (
	"bufio"
	"compress/bzip2"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/ikawaha/kagome-dict/uni"
	"github.com/ikawaha/kagome/v2/tokenizer"
)

func main() {
	unihan := flag.String("unihan", "/usr/share/unicode", "folder of Unihan_*.txt.bz2")
	kyujitai := flag.String("kyujitai", "", "data/kyujitai.json of the kyujitai npm package")
	out := flag.String("o", "detectors/variants/variants.txt", "output file")
	flag.Parse()
	if *kyujitai == "" {
		log.Fatal("-kyujitai is required")
	}
	u := newUnion()
	joyo := map[rune]bool{}
	japanese := map[rune]bool{}
	radical := map[rune]string{}
	counts := map[string]int{}
	eachField(filepath.Join(*unihan, "Unihan_RadicalStrokeCounts.txt.bz2"), func(c rune, field, value string) {
		if field == "kRSUnicode" {
			radical[c], _, _ = strings.Cut(strings.Fields(value)[0], ".")
		}
	})
	eachField(filepath.Join(*unihan, "Unihan_IRGSources.txt.bz2"), func(c rune, field, value string) {
		switch field {
		case "kIRG_JSource":
			japanese[c] = true
		case "kRSUnicode":
			radical[c], _, _ = strings.Cut(strings.Fields(value)[0], ".")
		}
	})
	eachField(filepath.Join(*unihan, "Unihan_OtherMappings.txt.bz2"), func(c rune, field, value string) {
		switch field {
		case "kJoyoKanji", "kJinmeiyoKanji":
			if !strings.Contains(value, "U+") {
				joyo[c] = true
			}
			for _, v := range strings.Fields(value) {
				if i := strings.Index(v, "U+"); i >= 0 {
					u.join(c, codePoint(v[i:]))
					counts[field]++
				}
			}
		}
	})
	// Semantic variants and dictionary forms also join characters that
	// only mean the same (子 and 仔, 関 and 霜, 辺 and 滸): they count only
	// between characters with the same radical, one of them Japanese. Z-variants, the
	// kanji tables' mappings and the 旧字体 list are glyphs of one
	// character and always count.
	// Two kanji of the 常用 or 人名用 tables are two characters to Japanese
	// (花 and 華, 姥 and 婆), whatever else relates them.
	sameGlyphFamily := func(a, b rune) bool {
		return (japanese[a] || japanese[b]) && radical[a] != "" && radical[a] == radical[b] && !(joyo[a] && joyo[b])
	}
	eachField(filepath.Join(*unihan, "Unihan_Variants.txt.bz2"), func(c rune, field, value string) {
		switch field {
		case "kZVariant":
			for _, v := range strings.Fields(value) {
				u.join(c, codePoint(v))
				counts[field]++
			}
		case "kSemanticVariant", "kSpecializedSemanticVariant":
			for _, v := range strings.Fields(value) {
				if t := codePoint(v); sameGlyphFamily(c, t) {
					u.join(c, t)
					counts[field]++
				}
			}
		}
	})
	var data struct {
		Kyuji [][]string `json:"kyuji"`
	}
	b, err := os.ReadFile(*kyujitai)
	if err != nil {
		log.Fatal(err)
	}
	if err := json.Unmarshal(b, &data); err != nil {
		log.Fatal(err)
	}
	for _, pair := range data.Kyuji {
		n, o := []rune(pair[0]), []rune(pair[1])
		if len(n) == 1 && len(o) == 1 && n[0] != o[0] {
			u.join(n[0], o[0])
			counts["kyujitai"]++
		}
	}
	tk, err := tokenizer.New(uni.Dict(), tokenizer.OmitBosEos())
	if err != nil {
		log.Fatal(err)
	}
	for c := range japanese {
		toks := tk.Tokenize(string(c))
		if len(toks) != 1 || toks[0].Surface != string(c) {
			continue
		}
		// UniDic's features: pos ×4, cType, cForm, lForm, lemma, …
		lemma, ok := toks[0].FeatureAt(7)
		if l := []rune(lemma); ok && len(l) == 1 && l[0] != c && unicode.Is(unicode.Han, l[0]) && sameGlyphFamily(c, l[0]) {
			u.join(c, l[0])
			counts["unidic"]++
		}
	}
	classes := u.classes()
	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "# Kanji variant classes for name matching, one per line, the form names fold to first.")
	fmt.Fprintln(w, "# Made by detectors/variants/internal/genvariants from Unicode's Unihan database (Unicode license),")
	fmt.Fprintln(w, "# the kyujitai npm package 1.3.0 (MIT) and UniDic (BSD): see NOTICE-variants.txt.")
	fmt.Fprintf(w, "# Links: %s\n", linkCounts(counts))
	for _, cl := range classes {
		rep := representative(cl, joyo)
		line := []rune{rep}
		for _, c := range cl {
			if c != rep {
				line = append(line, ' ', c)
			}
		}
		fmt.Fprintln(w, string(line))
	}
	if err := w.Flush(); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
	log.Printf("%d classes, %s", len(classes), linkCounts(counts))
}

func linkCounts(counts map[string]int) string {
	var keys []string
	for k := range counts {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var parts []string
	for _, k := range keys {
		parts = append(parts, k+" "+strconv.Itoa(counts[k]))
	}
	return strings.Join(parts, ", ")
}

// representative is the form a class folds to: a 常用 or 人名用 kanji if
// the class has one, the lowest such code point otherwise.
func representative(cl []rune, joyo map[rune]bool) rune {
	best := rune(-1)
	for _, c := range cl {
		switch {
		case best < 0:
			best = c
		case joyo[c] && !joyo[best]:
			best = c
		case joyo[c] == joyo[best] && c < best:
			best = c
		}
	}
	return best
}

func codePoint(s string) rune {
	s = strings.TrimPrefix(s, "U+")
	if i := strings.IndexByte(s, '<'); i >= 0 {
		s = s[:i]
	}
	v, err := strconv.ParseUint(s, 16, 32)
	if err != nil {
		log.Fatalf("code point %q: %v", s, err)
	}
	return rune(v)
}

func eachField(path string, fn func(c rune, field, value string)) {
	f, err := os.Open(path)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(bzip2.NewReader(f))
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		parts := strings.SplitN(line, "\t", 3)
		if len(parts) != 3 {
			continue
		}
		fn(codePoint(parts[0]), parts[1], parts[2])
	}
	if err := sc.Err(); err != nil {
		log.Fatal(err)
	}
}

type union struct{ parent map[rune]rune }

func newUnion() *union { return &union{parent: map[rune]rune{}} }

func (u *union) find(c rune) rune {
	p, ok := u.parent[c]
	if !ok {
		u.parent[c] = c
		return c
	}
	if p == c {
		return c
	}
	r := u.find(p)
	u.parent[c] = r
	return r
}

func (u *union) join(a, b rune) {
	ra, rb := u.find(a), u.find(b)
	if ra != rb {
		u.parent[ra] = rb
	}
}

// classes returns the classes of two or more characters, each sorted, in
// the order of their lowest character.
func (u *union) classes() [][]rune {
	by := map[rune][]rune{}
	for c := range u.parent {
		r := u.find(c)
		by[r] = append(by[r], c)
	}
	var out [][]rune
	for _, cl := range by {
		if len(cl) < 2 {
			continue
		}
		slices.Sort(cl)
		out = append(out, cl)
	}
	slices.SortFunc(out, func(a, b []rune) int { return int(a[0] - b[0]) })
	return out
}
