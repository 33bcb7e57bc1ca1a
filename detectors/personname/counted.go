package personname

import (
	"strings"

	"github.com/pmscan/pmscan/detectors"
)

// Surnames listed before a count of people: 森、林、原の3名で対応します,
// 佐藤・鈴木の二人が出席. The count says the list names people, so each
// item the lexicon knows as a surname is one, however short (森 and 林
// alone are words).

const reasonCounted = "surnames listed before a count of people"

// countWords count people after a number: の3名, の二人.
var countWords = []string{"名", "人"}

// countedNames adds the surnames listed before each "の" + a number + a
// count of people in s.
func (p *prose) countedNames() {
	s := p.t.Norm
	for i := 0; ; {
		k := strings.Index(s[i:], "の")
		if k < 0 {
			return
		}
		at := i + k
		i = at + len("の")
		if n := countAt(s, i); n >= 2 {
			p.listedSurnames(at, n)
		}
	}
}

// countAt returns the number of people counted at s[i] (3名, 二人, ３人),
// or 0.
func countAt(s string, i int) int {
	j, n := i, 0
	for j < len(s) {
		r, size := decodeRune(s[j:])
		d := strings.IndexRune("〇一二三四五六七八九", r)
		switch {
		case r >= '0' && r <= '9':
			n = n*10 + int(r-'0')
		case d >= 0:
			n = n*10 + d/3 // the runes are 3 bytes each
		default:
			if j > i && hasPrefixAny(s[j:], countWords) && !isHanAt(s, j+len("名")) {
				return n // not 3名義, 二人称
			}
			return 0
		}
		j += size
	}
	return 0
}

// listedSurnames adds the surnames of the list that ends at s[end]: kanji
// runs joined by 、, ・ or と, each a known surname, as many as the count
// says at most and at least two, set off before the first.
func (p *prose) listedSurnames(end, count int) {
	s := p.t.Norm
	l := p.lexicon()
	var items [][2]int
	for b := end; ; {
		a := runStart(s, b, isHan)
		if a == b || !l.surnames[s[a:b]] || runeCount(s[a:b]) > 4 || len(items) == count {
			return // not a surname, or more items than the count
		}
		items = append(items, [2]int{a, b})
		r, size := decodeLastRune(s[:a])
		if a == 0 || !strings.ContainsRune("、・と,", r) {
			if a > 0 && !setOffBefore(s, a) && !strings.ContainsRune("はがもで。！？!?\n", r) {
				return
			}
			break
		}
		b = a - size
	}
	if len(items) < 2 || len(items) != count {
		return
	}
	for _, it := range items {
		p.dropLow(it[0], it[1]) // 担当は森と林: not 森 alone after a label
		if !p.covered(it[0], it[1]) {
			p.add(it[0], it[1], detectors.Medium, reasonCounted)
		}
	}
}
