package personname

import (
	"strings"

	"github.com/pmscan/pmscan/detectors"
)

// Romanised names after a label, and in running text.

// romajiAfterLabel handles "Name: Taro Yamada" at the colon s[i].
func (p *prose) romajiAfterLabel(i int) bool {
	s := p.t.Norm
	lo := max(0, i-12)
	before := strings.ToLower(strings.TrimRight(s[lo:i], " "))
	labelled := false
	for _, l := range romajiLabels {
		if strings.HasSuffix(before, l) {
			labelled = true
			break
		}
	}
	if !labelled {
		return false
	}
	j := i + 1
	for j < len(s) && s[j] == ' ' {
		j++
	}
	end, words := romajiName(s, j)
	if words < 2 {
		return false
	}
	if first, second, ok := strings.Cut(s[j:end], " "); ok && !strings.Contains(second, " ") && p.lexicon().romajiFullName(first, second) {
		p.add(j, end, detectors.High, "romanised surname and given name in dictionary after a name label")
		return true
	}
	p.add(j, end, detectors.Medium, "romanised name after a name label")
	return true
}

// romajiName reads up to three capitalised words (Taro Yamada, YAMADA Taro)
// at s[i:], returning the end and the number of words.
func romajiName(s string, i int) (end, words int) {
	end = i
	for words < 3 && i < len(s) && s[i] >= 'A' && s[i] <= 'Z' {
		j := i + 1
		for j < len(s) && isASCIILetter(s[j]) {
			j++
		}
		if j-i < 2 || j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == '@' || s[j] == '_') {
			break
		}
		end, words = j, words+1
		if j+1 < len(s) && s[j] == ' ' && s[j+1] >= 'A' && s[j+1] <= 'Z' {
			i = j + 1
			continue
		}
		break
	}
	return end, words
}

// romajiLabels introduce a romanised name before a colon.
var romajiLabels = []string{"name", "contact", "attn", "customer", "applicant", "氏名", "名前", "担当", "担当者"}

// findRomajiInText finds romanised names in text without kana, kanji or
// a colon: only capitalised words are looked at, and the tokenizer is
// not needed.
func findRomajiInText(t *detectors.Text, out []detectors.Candidate) []detectors.Candidate {
	p := prose{t: t, out: out}
	s := t.Norm
	for i := 0; i < len(s); {
		if s[i] < 'A' || s[i] > 'Z' {
			i++
			continue
		}
		if end := p.romajiInText(i); end > i {
			i = end
			continue
		}
		i = wordEnd(s, i)
	}
	return p.out
}

// romajiInText handles a romanised name in running text at s[i], the
// start of a capitalised word: two words that the dictionary knows as a
// surname and a given name, in either order, with a space or ", "
// between (Kenta Mori, SAITOU Mariko, TANAKA, Yuki). A title before it
// (Mr., Ms., Dr.) or an honorific after it (-san, さん, 様) makes it sure.
// It returns where the name ends, or i.
func (p *prose) romajiInText(i int) int {
	s := p.t.Norm
	if i > 0 && isASCIILetter(s[i-1]) {
		return i
	}
	a := wordEnd(s, i)
	j := a
	if j < len(s) && s[j] == ',' {
		j++
	}
	if j >= len(s) || s[j] != ' ' {
		return p.romajiSurname(i, a)
	}
	for j < len(s) && s[j] == ' ' {
		j++
	}
	if j >= len(s) || s[j] < 'A' || s[j] > 'Z' {
		return p.romajiSurname(i, a)
	}
	b := wordEnd(s, j)
	first, second := s[i:a], s[j:b]
	if !capitalised(first) || !capitalised(second) || b < len(s) && (s[b] >= '0' && s[b] <= '9' || s[b] == '@' || s[b] == '_') {
		return i
	}
	titled := romajiTitleBefore(s, i)
	if (len(first) < 3 || len(second) < 3) && !titled || !p.lexicon().romajiFullName(first, second) {
		return p.romajiSurname(i, a)
	}
	c, why := detectors.Medium, "romanised surname and given name in dictionary"
	if titled || romajiHonorificAfter(s, b) {
		c, why = detectors.High, "romanised surname and given name in dictionary, with a title or an honorific"
	}
	p.add(i, b, c, why)
	return b
}

// romajiSurname handles a romanised surname alone, s[i:a], which a
// title must precede or an honorific follow (Ms. Sakamoto, Ogawa-san,
// Mr. Ito): a capitalised word alone is too often a place or a brand. It
// returns where the name ends, or i.
func (p *prose) romajiSurname(i, a int) int {
	s := p.t.Norm
	w := s[i:a]
	if !capitalised(w) || a < len(s) && (s[a] >= '0' && s[a] <= '9' || s[a] == '@' || s[a] == '_') {
		return i
	}
	if !romajiTitleBefore(s, i) && !romajiHonorificAfter(s, a) {
		return i
	}
	var buf [32]byte
	lw := lowerInto(buf[:0], w)
	if lw == nil || !p.lexicon().romajiSurnames[string(lw)] {
		return i
	}
	p.add(i, a, detectors.Medium, "romanised surname in dictionary, with a title or an honorific")
	return a
}

// wordEnd returns the end of the ASCII letters at s[i:].
func wordEnd(s string, i int) int {
	for i < len(s) && isASCIILetter(s[i]) {
		i++
	}
	return i
}

// capitalised reports Taro or TARO, not taro or TaRo.
func capitalised(w string) bool {
	if len(w) < 2 || w[0] < 'A' || w[0] > 'Z' {
		return false
	}
	upper := w[1] >= 'A' && w[1] <= 'Z'
	for k := 1; k < len(w); k++ {
		if (w[k] >= 'A' && w[k] <= 'Z') != upper {
			return false
		}
	}
	return true
}

// romajiTitleBefore reports Mr./Ms./Mrs./Dr./Prof./Miss just before s[i].
func romajiTitleBefore(s string, i int) bool {
	before := strings.TrimRight(s[max(0, i-6):i], " ")
	for _, t := range []string{"Mr.", "Ms.", "Mrs.", "Dr.", "Prof.", "Miss", "Mr", "Ms", "Mrs", "Dr"} {
		if strings.HasSuffix(before, t) && (len(before) == len(t) || !isASCIILetter(before[len(before)-len(t)-1])) {
			return true
		}
	}
	return false
}

// romajiHonorificAfter reports -san, san, さん, 様 or 氏 at s[b:].
func romajiHonorificAfter(s string, b int) bool {
	rest := strings.TrimLeft(s[b:], " -")
	for _, h := range []string{"san", "sama", "さん", "様", "氏"} {
		if strings.HasPrefix(rest, h) && (len(rest) == len(h) || !isASCIILetter(rest[len(h)])) {
			return true
		}
	}
	return false
}

// skipRomajiName returns where the name romajiAfterLabel read from s[j:]
// ends.
func skipRomajiName(s string, j int) int {
	for j < len(s) && s[j] == ' ' {
		j++
	}
	end, _ := romajiName(s, j)
	return max(end, j)
}
