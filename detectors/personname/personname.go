// Package personname finds people's names: kanji names with or without a
// space (山田太郎, 佐藤 花子), names inside sentences (担当の鈴木様より),
// readings in katakana, hiragana and half-width katakana, and romanised
// names where a column or a label says they are names.
//
// Names have no check digit and every surname is also a word, a place or a
// company, so evidence decides:
//
//	High    a name column, or a full name (surname + given name) with an
//	        honorific (様, さん, 氏, 殿, 君) or a label (氏名:, 担当:) next to it
//	Medium  a full name alone that both the lexicon and the morphological
//	        analyser read as surname + given name; a surname or given name
//	        alone with an honorific or label; a katakana name with one;
//	        a romanised name after a label (High when the romanised
//	        lexicon knows both parts)
//	Low     one kanji after a label; romanised words in a column called
//	        only "name" that are not known names
//
// The lexicon is IPADIC's surname and given-name lists plus rare surnames
// and recent given names (lexicon/). Morphology is kagome with IPADIC,
// which tells 本田技研工業 (an organisation) and 新宿 (a place) from names;
// it runs only on the few windows that a cheap scan picked.
package personname

import (
	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/detectors/columns"
	"github.com/pmscan/pmscan/detectors/variants"
)

// Detector finds person names. It is safe for concurrent use.
type Detector struct{}

var (
	_ detectors.Detector = (*Detector)(nil)
	_ detectors.Recaller = (*Detector)(nil)
)

// New returns a person-name detector. The lexicon and the tokenizer load on
// first use.
func New() *Detector { return &Detector{} }

// Type implements detectors.Detector.
func (*Detector) Type() string { return "person_name" }

// Keywords implements detectors.Detector: none, the detector runs on all
// text and rejects text without kana or kanji at once.
func (*Detector) Keywords() []string { return nil }

// Find implements detectors.Detector. The values of name columns are judged
// whole; other text is searched for names in sentences.
func (d *Detector) Find(t *detectors.Text) []detectors.Candidate {
	// 髙橋 and 渡邊 are read as 高橋 and 渡辺, which the lexicon and the
	// tokenizer know: in a copy of the text with the variants folded to
	// forms as long, so that the candidates' offsets are the text's.
	if t.Has(detectors.HasJapanese) {
		if folded, ok := variants.FoldSameWidth(t.Norm); ok {
			var shadow detectors.Text
			shadow.Reset([]byte(folded), t.Column)
			shadow.Label = t.Label
			return d.find(&shadow)
		}
	}
	return d.find(t)
}

func (d *Detector) find(t *detectors.Text) []detectors.Candidate {
	if t.Column != "" {
		switch class := columns.ClassOf(t); {
		case class.IsName():
			return d.findInCell(t, class, nil)
		case (class == columns.Phone || class == columns.Email) && !t.Has(detectors.HasDigit|detectors.HasAt):
			// A contact column's value that holds no number and no
			// address is prose: 緊急連絡先 "妻 上野ゆかり 様".
		case class != columns.Unknown:
			return nil // an address, phone or e-mail column holds no names
		}
	}
	// Text without kana or kanji never reaches the tokenizer; a colon
	// may still introduce a romanised name ("Name: Taro Yamada"), and
	// capitalised words may be one (Kenta Mori).
	if !t.Has(detectors.HasJapanese | detectors.HasColon) {
		return findRomajiInText(t, nil)
	}
	return d.findInProse(t, nil)
}

// Judge implements detectors.Detector: Find already judged each candidate,
// because one morphological parse decides both where a name ends and how
// sure it is.
func (*Detector) Judge(c detectors.Candidate, _ *detectors.Text) detectors.Verdict {
	return detectors.Verdict{Confidence: c.Confidence}
}

// Mask implements detectors.Masker: the first character stays, so a
// reviewer can tell 山田 from 佐藤 rows, and spaces stay.
func (*Detector) Mask(value string) string {
	return detectors.MaskKeep(value, 1, 0)
}
