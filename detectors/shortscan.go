package detectors

// Byte classes for scanShort: everything a short text's single pass must
// notice. Most bytes of Japanese text are class 0.
const (
	scNone uint8 = iota
	scAt
	scColon
	scDigit
	scE5 // lead byte of 年
	scE6 // lead byte of 月
	scE3 // kana and CJK punctuation: U+3000 and ー may fold
	scFold
	scJa // lead byte of a CJK ideograph (U+4000-U+9FFF)
)

var shortClass = func() [256]uint8 {
	var c [256]uint8
	c['@'], c[':'] = scAt, scColon
	for d := '0'; d <= '9'; d++ {
		c[d] = scDigit
	}
	c[0xE5], c[0xE6], c[0xE3] = scE5, scE6, scE3
	c[0xE4], c[0xE7], c[0xE8], c[0xE9] = scJa, scJa, scJa, scJa
	c[0xEF], c[0xE2], c[0xC2] = scFold, scFold, scFold
	return c
}()

// scanShort reads a short text once and returns its features and the offset
// of its first rune that folds (-1 when none). When nothing folds the
// features are those of the normalised text, which is the same text.
func scanShort(b []byte) (f Feature, firstFold int) {
	firstFold = -1
	for i := 0; i < len(b); i++ {
		switch shortClass[b[i]] {
		case scNone:
		case scAt:
			f |= HasAt
		case scColon:
			f |= HasColon
		case scDigit:
			f |= HasDigit
		case scJa:
			f |= HasJapanese
		case scE5: // 年 E5 B9 B4
			f |= HasJapanese
			if i+2 < len(b) && b[i+1] == 0xB9 && b[i+2] == 0xB4 {
				f |= HasDateKanji
			}
		case scE6: // 月 E6 9C 88
			f |= HasJapanese
			if i+2 < len(b) && b[i+1] == 0x9C && b[i+2] == 0x88 {
				f |= HasDateKanji
			}
		case scE3: // only U+3000 (E3 80 80) and ー (E3 83 BC) fold
			if i+1 < len(b) && b[i+1] >= 0x81 && b[i+1] <= 0x83 { // U+3040-U+30FF
				f |= HasJapanese
			}
			if firstFold < 0 && i+2 < len(b) && (b[i+1] == 0x80 && b[i+2] == 0x80 || b[i+1] == 0x83 && b[i+2] == 0xBC) {
				if _, _, ok := foldAt(b, i, digitBefore(b, i)); ok {
					firstFold = i
				}
			}
		case scFold:
			if firstFold < 0 {
				if _, _, ok := foldAt(b, i, digitBefore(b, i)); ok {
					firstFold = i
				}
			}
		}
	}
	return f, firstFold
}
