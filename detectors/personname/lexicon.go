package personname

import (
	"bufio"
	"bytes"
	"embed"
	"sync"
)

// The lexicon is IPADIC's and UniDic's surname and given-name lists (see
// lexicon/NOTICE-*.txt; rebuilt by internal/genlexicon) plus names both
// lack: rare surnames and names popular in recent years.
//
//go:embed lexicon/*.txt
var lexiconFiles embed.FS

type lexicon struct {
	surnames, given map[string]bool
}

// lex is loaded on first use: a scan without Japanese text never pays for it.
var lex = sync.OnceValue(func() *lexicon {
	return &lexicon{
		surnames: readWords("lexicon/ipadic-surnames.txt", "lexicon/unidic-surnames.txt", "lexicon/supplement-surnames.txt"),
		given:    readWords("lexicon/ipadic-given-names.txt", "lexicon/unidic-given-names.txt", "lexicon/supplement-given-names.txt"),
	}
})

// readWords reads white-space separated words, skipping # comment lines.
func readWords(files ...string) map[string]bool {
	words := map[string]bool{}
	for _, f := range files {
		b, err := lexiconFiles.ReadFile(f)
		if err != nil {
			panic(err) // embedded: cannot happen in a built binary
		}
		sc := bufio.NewScanner(bytes.NewReader(b))
		for sc.Scan() {
			line := sc.Bytes()
			if len(line) > 0 && line[0] == '#' {
				continue
			}
			for _, w := range bytes.Fields(line) {
				words[string(w)] = true
			}
		}
	}
	return words
}

// split finds the best way to read s as surname + given name: the longest
// surname whose remainder is a known given name. It returns the surname's
// length in bytes, or 0, also when s is itself a surname.
func (l *lexicon) split(s string) int {
	if l.surnames[s] {
		return 0 // 伊藤 is a surname, not 伊 + 藤
	}
	best := 0
	for i := range s {
		if i == 0 {
			continue
		}
		if l.surnames[s[:i]] && l.given[s[i:]] {
			best = i
		}
	}
	return best
}
