package personname

import (
	"slices"
	"strings"

	"github.com/pmscan/pmscan/detectors"
)

// Names in hiragana. Women's names of old (おふみ, かよ), children's
// (たあちゃん) and names glossed for young readers are written in
// hiragana, where no change of script marks a word's edges. A given name
// the lexicon knows, with お or without, is a name where the text says so:
// before an honorific or a family title (たあちゃん, かおるねえさん), or
// introduced as a person (おふみという女). Its bare mentions elsewhere in
// the text are then names too (おふみの一件, 「ふみが来た」).

const reasonHiragana = "hiragana given name with an honorific or an introduction"

// hiraganaTitles follow a name in the same hiragana run; the longer ones
// first (ねえさん before さん).
var hiraganaTitles = []string{"ねえさん", "にいさん", "ねえちゃん", "にいちゃん", "さん", "ちゃん", "くん", "さま"}

// hiraganaEvidenceStart marks the last bytes of the runes that start a
// title or an introduction (さ ち く ね に と, all U+3041-U+307F: E3 81 xx).
var hiraganaEvidenceStart = func() (t [64]bool) {
	for _, r := range "さちくねにと" {
		t[string(r)[2]&0x3F] = true
	}
	return t
}()

// maxHiraganaNameRunes bounds a hiragana name, お included: おきくよ.
const maxHiraganaNameRunes = 5

// hiraganaNames finds the names before a title or an introduction in the
// hiragana run s[a:b].
func (p *prose) hiraganaNames(a, b int) {
	s := p.t.Norm
	// Hiragana are 3 bytes in UTF-8 and a name takes two at least.
	for j := a + 2*3; j+3 <= b; j += 3 {
		if s[j+1] != 0x81 || !hiraganaEvidenceStart[s[j+2]&0x3F] {
			continue
		}
		title := ""
		if s[j:j+3] == "と" {
			if !p.introducedAt(j) {
				continue
			}
		} else {
			for _, h := range hiraganaTitles {
				if strings.HasPrefix(s[j:], h) {
					title = h
					break
				}
			}
			if title == "" {
				continue
			}
		}
		if end := p.hiraganaNameBefore(a, j, title); end > j+3 {
			j = end - 3 // past the title; the loop steps one rune
		}
	}
}

// hiraganaNameBefore adds the longest given name the lexicon knows that
// ends at s[h] in the hiragana run that starts at s[a], where a word may
// start (the run's start, or after a particle) and the tokenizer ends a
// word (not みなさん, おひさま). It returns where the evidence ends, or 0.
func (p *prose) hiraganaNameBefore(a, h int, title string) int {
	s := p.t.Norm
	l := p.lexicon()
	for n := maxHiraganaNameRunes; n >= 2; n-- {
		st := h - 3*n
		if st < a {
			continue
		}
		w := s[st:h]
		// お and a given name, unless the dictionary has the whole as a
		// word: おふみ, not おつき(さま).
		// An introduction vouches for it even so (おきんという年増芸者: おき + ん
		// to the dictionary).
		oName := strings.HasPrefix(w, "お") && n > 2 && l.given[w[len("お"):]] && (!commonWord(w) || title == "")
		if !l.given[w] && !oName {
			continue
		}
		// A name starts after a particle, or, with its お, after a verb's
		// kana where the tokenizer starts a word (していたおきんという).
		if st > a && !strings.ContainsRune(hiraganaParticles, rune0(s[st-3:])) && !(oName && p.oNameStartsAt(st, h)) {
			continue
		}
		end := h + len(title)
		if title == "" {
			end = h
		}
		// With a few runes before it: にぎやかなさま is にぎやか + な + さま.
		// A name said before an age needs no edge there: the tokenizer
		// reads とくと言って八歳 as the adverb とくと.
		if !p.wordEdgesAt(s, max(a, runesBack(s, st, 4)), min(len(s), max(end, h+3)+3), st, h) && !agedQuoteAt(s, h) {
			continue
		}
		p.add(st, h, detectors.Medium, reasonHiragana)
		p.hiragana = append(p.hiragana, w)
		return end
	}
	if title == "ちゃん" && p.petNameBefore(a, h) {
		return h + len(title)
	}
	return 0
}

const reasonPetName = "a pet name of one kana and っ before ちゃん (さっちゃん)"

// petNameBefore adds a pet name of one kana and っ that ends at s[h],
// before ちゃん, where a word starts (さっちゃん, みっちゃん): how a given
// name is cut short among friends. Not what family and strangers are
// called so (おっちゃん, ぼっちゃん, ばっちゃん, じっちゃん, とっちゃん). Its
// bare mentions are not looked for: さっ starts さっき.
func (p *prose) petNameBefore(a, h int) bool {
	s := p.t.Norm
	st := h - 2*3 // hiragana are 3 bytes
	if st < a || s[st+3:h] != "っ" || strings.ContainsRune("おぼばじとどやあ", rune0(s[st:])) {
		return false
	}
	if st > a && !strings.ContainsRune(hiraganaParticles, rune0Before(s, st)) {
		return false
	}
	p.add(st, h, detectors.Medium, reasonPetName)
	return true
}

// hiraganaParticles may stand before a hiragana name: あのおふみの, 二年生のかよ.
const hiraganaParticles = "のとはがもにをやへ"

// hiraganaMentions adds the bare mentions of the hiragana names found: a
// whole word where one may start and before a particle or punctuation;
// a name with お also without it, after no kana at all (「ふみが来た」).
func (p *prose) hiraganaMentions() {
	p.hiraganaKin()
	if len(p.hiragana) == 0 {
		return
	}
	s := p.t.Norm
	var found []detectors.Candidate
	seen := map[string]bool{}
	for _, w := range p.hiragana {
		if seen[w] {
			continue
		}
		seen[w] = true
		found = p.hiraganaMentionsOf(s, w, false, found)
		if bare, ok := strings.CutPrefix(w, "お"); ok && runeCount(bare) >= 2 {
			found = p.hiraganaMentionsOf(s, bare, true, found)
		}
	}
	p.out = append(p.out, found...)
}

func (p *prose) hiraganaMentionsOf(s, w string, strict bool, found []detectors.Candidate) []detectors.Candidate {
	for m := range occurrences(s, w) {
		e := m + len(w)
		if m > 0 {
			before, _ := decodeLastRune(s[:m])
			if isKatakana(before) || isHiragana(before) && (strict || !strings.ContainsRune(hiraganaParticles, before) && !p.oNameStartsAt(m, e)) {
				continue
			}
		}
		if !repeatsAt(s, e) || p.covered(m, e) {
			continue
		}
		found = append(found, detectors.Candidate{Start: m, End: e, Confidence: detectors.Medium,
			Reasons: []string{"name in dictionary", reasonNamedElsewhere}})
	}
	return found
}

// oNameStartsAt reports a name with お at s[a:b] after a verb's kana
// (訊いたおふみの話, なっているおふみの一件), where the tokenizer starts a
// word at a and ends one at b: お starts words, so it starts the name.
func (p *prose) oNameStartsAt(a, b int) bool {
	s := p.t.Norm
	if !strings.HasPrefix(s[a:], "お") {
		return false
	}
	return p.wordEdgesAt(s, runesBack(s, a, 4), runesAhead(s, b, 2), a, b)
}

// hiraganaKin finds a hiragana given name that the text says is a found
// person's family: かよは佐太郎の妹でした.
func (p *prose) hiraganaKin() {
	s, l := p.t.Norm, p.lexicon()
	n := len(p.out)
	for _, c := range p.out[:n] {
		if !kinAfter(s, c.End) || !strings.HasSuffix(s[:c.Start], "は") {
			continue
		}
		h := c.Start - len("は")
		a := runStart(s, h, isHiragana)
		w := s[a:h]
		if k := runeCount(w); k < 2 || k > maxHiraganaNameRunes || !l.given[w] && !(strings.HasPrefix(w, "お") && l.given[w[len("お"):]]) {
			continue
		}
		if r, _ := decodeLastRune(s[:a]); a > 0 && (isKatakana(r) || isHan(r)) {
			continue // a word's kana: 見るかよは
		}
		p.add(a, h, detectors.Medium, reasonHiragana)
		p.hiragana = append(p.hiragana, w)
	}
}

const reasonKanaKo = "a given name in kana and 子 (かおる子)"

// kanaKoName finds a given name of hiragana and 子 that ends with the run
// s[a:b], 子 alone (カムパネルラがかおる子に, かおる子は): the longest hiragana
// before it that makes a given name with it in the lexicon, where the
// tokenizer starts a word, before a particle or punctuation; not その子,
// あの子 (that child).
func (p *prose) kanaKoName(a, b int) bool {
	s := p.t.Norm
	if b-a != 3 || s[a:b] != "子" || a < 2*3 || !isHiragana(rune0Before(s, a)) || !repeatsAt(s, b) {
		return false // most runs: not 子 after kana
	}
	l := p.lexicon()
	h := runStart(s, a, isHiragana)
	for k := h; k+2*3 <= a; k += 3 { // hiragana are 3 bytes
		w := s[k:a]
		if !l.given[w+"子"] || slices.Contains(demonstratives, w) {
			continue
		}
		if k == h && isHanBefore(s, h) {
			continue // 産れん子: a verb's kana after its kanji
		}
		if k > h && !p.wordEdgesAt(s, max(h, runesBack(s, k, 4)), b, k) {
			continue
		}
		p.add(k, b, detectors.Medium, reasonKanaKo)
		return true
	}
	return false
}

// demonstratives point at what is near or far: その子 is that child.
var demonstratives = []string{"その", "この", "あの", "どの", "かの"}

// rune0Before returns the rune that ends s[:a].
func rune0Before(s string, a int) rune { r, _ := decodeLastRune(s[:a]); return r }
