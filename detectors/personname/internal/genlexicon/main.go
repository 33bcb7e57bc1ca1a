//go:build genlexicon

// Command genlexicon rebuilds the name lists in ../../lexicon: IPADIC's from
// mecab-ipadic's Noun.name.csv (EUC-JP), which Debian ships, and UniDic's
// from the kagome-dict/uni module:
//
//	apt-get download mecab-ipadic && dpkg-deb -x mecab-ipadic_*.deb ipadic
//	go run -tags genlexicon ./detectors/personname/internal/genlexicon \
//	    -csv ipadic/usr/share/mecab/dic/ipadic/Noun.name.csv
//
// IPADIC's katakana readings also give the romanised lists (romaji-*.txt),
// in Hepburn with each spelling of a long vowel (Sato, Satou, Satoh).
// Only surnames (姓) and given names (名) are kept; the 人名,一般 entries are
// full names of public figures, which a detector has no use for. The build
// tag keeps UniDic (a 100 MB dictionary) out of every other build.
package main

import (
	"bufio"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"github.com/ikawaha/kagome-dict/uni"
	"github.com/pmscan/pmscan/detectors/personname/internal/kanaromaji"
	"golang.org/x/text/encoding/japanese"
)

func main() {
	src := flag.String("csv", "", "path to mecab-ipadic's Noun.name.csv")
	out := flag.String("out", "detectors/personname/lexicon", "output folder")
	flag.Parse()
	if err := run(*src, *out); err != nil {
		fmt.Fprintln(os.Stderr, "genlexicon:", err)
		os.Exit(1)
	}
}

func run(src, out string) error {
	if err := writeIPADIC(src, out); err != nil {
		return err
	}
	return writeUniDic(out)
}

// writeUniDic writes UniDic's surnames and given names: UniDic (2020s)
// knows many names that IPADIC (2007) lacks, such as 康介 and 優斗.
func writeUniDic(out string) error {
	d := uni.Dict()
	names := d.POSTable.NameList
	lists := map[string]map[string]bool{"姓": {}, "名": {}}
	for i, c := range d.Contents {
		pos := d.POSTable.POSs[i]
		if len(pos) < 4 || len(c) <= uniOrth || names[pos[0]] != "名詞" || names[pos[1]] != "固有名詞" || names[pos[2]] != "人名" {
			continue
		}
		if l := lists[names[pos[3]]]; l != nil && plausible(c[uniOrth]) {
			l[c[uniOrth]] = true
		}
	}
	return writeLists(out, lists, "unidic")
}

// uniOrth is the index of the written form in kagome's UniDic features
// after the part of speech.
const uniOrth = 4

func writeIPADIC(src, out string) error {
	f, err := os.Open(src)
	if err != nil {
		return err
	}
	defer f.Close()
	r := csv.NewReader(japanese.EUCJP.NewDecoder().Reader(bufio.NewReader(f)))
	r.FieldsPerRecord = -1
	lists := map[string]map[string]bool{"姓": {}, "名": {}}
	romaji := map[string]map[string]bool{"姓": {}, "名": {}}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		if len(rec) < 8 || rec[6] != "人名" || lists[rec[7]] == nil || !plausible(rec[0]) {
			continue
		}
		lists[rec[7]][rec[0]] = true
		if len(rec) > 11 {
			for _, r := range kanaromaji.Romanise(rec[11]) {
				romaji[rec[7]][r] = true
			}
		}
	}
	if err := writeLists(out, romaji, "romaji"); err != nil {
		return err
	}
	return writeLists(out, lists, "ipadic")
}

func writeLists(out string, lists map[string]map[string]bool, prefix string) error {
	for kind, file := range map[string]string{"姓": prefix + "-surnames.txt", "名": prefix + "-given-names.txt"} {
		words := make([]string, 0, len(lists[kind]))
		for w := range lists[kind] {
			words = append(words, w)
		}
		slices.Sort(words)
		if err := os.WriteFile(filepath.Join(out, file), []byte(strings.Join(words, "\n")+"\n"), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// plausible keeps entries written in kanji and kana only (IPADIC has a few
// such as "Ａ子").
func plausible(w string) bool {
	for _, r := range w {
		if !unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) && r != 'ー' && r != '々' && r != 'ヶ' {
			return false
		}
	}
	return w != ""
}
