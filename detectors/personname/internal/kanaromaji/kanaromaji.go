// Package kanaromaji romanises katakana readings in Hepburn: the
// generator of the romanised name lists and the detector, which reads a
// katakana name against them, share one spelling.
package kanaromaji

import "strings"

// Names are written several ways (佐藤: Sato, Satou, Satoh), so Romanise
// returns each spelling of a long vowel.

var kanaRomaji = map[rune]string{
	'ア': "a", 'イ': "i", 'ウ': "u", 'エ': "e", 'オ': "o",
	'カ': "ka", 'キ': "ki", 'ク': "ku", 'ケ': "ke", 'コ': "ko",
	'サ': "sa", 'シ': "shi", 'ス': "su", 'セ': "se", 'ソ': "so",
	'タ': "ta", 'チ': "chi", 'ツ': "tsu", 'テ': "te", 'ト': "to",
	'ナ': "na", 'ニ': "ni", 'ヌ': "nu", 'ネ': "ne", 'ノ': "no",
	'ハ': "ha", 'ヒ': "hi", 'フ': "fu", 'ヘ': "he", 'ホ': "ho",
	'マ': "ma", 'ミ': "mi", 'ム': "mu", 'メ': "me", 'モ': "mo",
	'ヤ': "ya", 'ユ': "yu", 'ヨ': "yo",
	'ラ': "ra", 'リ': "ri", 'ル': "ru", 'レ': "re", 'ロ': "ro",
	'ワ': "wa", 'ヰ': "i", 'ヱ': "e", 'ヲ': "o", 'ン': "n",
	'ガ': "ga", 'ギ': "gi", 'グ': "gu", 'ゲ': "ge", 'ゴ': "go",
	'ザ': "za", 'ジ': "ji", 'ズ': "zu", 'ゼ': "ze", 'ゾ': "zo",
	'ダ': "da", 'ヂ': "ji", 'ヅ': "zu", 'デ': "de", 'ド': "do",
	'バ': "ba", 'ビ': "bi", 'ブ': "bu", 'ベ': "be", 'ボ': "bo",
	'パ': "pa", 'ピ': "pi", 'プ': "pu", 'ペ': "pe", 'ポ': "po",
	'ヴ': "vu",
}

var smallY = map[rune]string{'ャ': "a", 'ュ': "u", 'ョ': "o"}

// Romanise returns the Hepburn spellings of a katakana reading, lowercase,
// or nil when the reading holds something else.
func Romanise(kana string) []string {
	rs := []rune(kana)
	var b strings.Builder
	double := false
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r == 'ッ':
			double = true
			continue
		case r == 'ー':
			continue
		}
		syl, ok := kanaRomaji[r]
		if !ok {
			return nil
		}
		if i+1 < len(rs) {
			if v, ok := smallY[rs[i+1]]; ok && strings.HasSuffix(syl, "i") {
				stem := strings.TrimSuffix(syl, "i")
				switch stem {
				case "sh", "ch", "j":
					syl = stem + v
				default:
					syl = stem + "y" + v
				}
				i++
			}
		}
		if double {
			if strings.HasPrefix(syl, "ch") {
				b.WriteByte('t')
			} else {
				b.WriteByte(syl[0])
			}
			double = false
		}
		b.WriteString(syl)
	}
	full := b.String()
	if full == "" {
		return nil
	}
	out := []string{full}
	// Long vowels: 佐藤 サトウ is Sato and Satoh as often as Satou; 大野
	// オオノ is Ono; 優子 ユウコ is Yuko.
	short := strings.NewReplacer("ou", "o", "oo", "o", "uu", "u").Replace(full)
	if short != full {
		out = append(out, short, strings.NewReplacer("ou", "oh", "oo", "oh").Replace(full))
	}
	return out
}
