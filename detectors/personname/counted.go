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

// countedNames adds the surnames listed before each "の" + a number + a
// count of people the scan noted (p.counters: kanji runs that end in 名 or
// 人).
func (p *prose) countedNames() {
	s := p.t.Norm
	for _, at := range p.counters {
		if d, n := digitsBefore(s, at); n >= 2 && strings.HasSuffix(s[:d], "の") {
			p.listedSurnames(d-len("の"), n)
		}
	}
}

// noteCounter notes the kanji run s[a:b] if it ends in a counter of people
// (3名, 二人; not 3名義, 二人称: the run ends there).
func (p *prose) noteCounter(a, b int) {
	if s := p.t.Norm[a:b]; len(p.counters) < maxCounters && (strings.HasSuffix(s, "名") || strings.HasSuffix(s, "人")) {
		p.counters = append(p.counters, b-3) // the counters are 3 bytes
	}
}

// maxCounters bounds the counts of people a text keeps.
const maxCounters = 256

// digitsBefore returns where the number that ends at s[at] starts and its
// value, or 0 when there is none: at most two digits, ASCII (３ is folded
// to 3) or kanji 〇 to 九 (二, 一二; not 十二), as counts of a list's people
// are small.
func digitsBefore(s string, at int) (start, n int) {
	start, mul := at, 1
	for k := 0; k < 2 && start > 0; k++ {
		r, size := decodeLastRune(s[:start])
		d := strings.IndexRune("〇一二三四五六七八九", r)
		switch {
		case r >= '0' && r <= '9':
			n += int(r-'0') * mul
		case d >= 0:
			n += d / 3 * mul // the runes are 3 bytes each
		default:
			return start, n
		}
		start -= size
		mul *= 10
	}
	return start, n
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
