package personname

import (
	"strings"

	"github.com/pmscan/pmscan/detectors"
)

// Romanised names after a label.

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
