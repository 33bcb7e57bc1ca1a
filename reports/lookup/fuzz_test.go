package lookup

import (
	"testing"
	"unicode/utf8"

	"github.com/pmscan/pmscan/detectors"
)

// FuzzMatchers runs every matcher of a query with every kind on arbitrary
// text: no panic, and every candidate a span of the normalised text, of
// whole runes where the text is valid UTF-8; every fold maps each byte
// back inside its source, in order.
func FuzzMatchers(f *testing.F) {
	for _, s := range []string{
		"髙橋　美咲様 TEL +81-90-2468-1357", "ﾀｶﾊｼ ﾐｻｷ 平成3年4月5日", "世田谷区北沢二丁目3番4号 北沢ハイツ",
		"M-20391 misaki.t@example.jp 1234 5678 9018", "高橋高橋高橋美", "二十三番地十丁目〇号", "\xff\xfe髙", "たかはしみさきこ",
	} {
		f.Add(s)
	}
	q, err := Parse(Input{Name: "髙橋 美咲", Kana: "タカハシ ミサキ", Emails: []string{"misaki.t@example.jp"},
		Phones: []string{"090-2468-1357"}, BirthDate: "1991-04-05", Address: "東京都世田谷区北沢二丁目3番4号",
		MemberIDs: []string{"M-20391"}, MyNumber: "123456789018"})
	if err != nil {
		f.Fatal(err)
	}
	ds := q.Detectors()
	f.Fuzz(func(t *testing.T, s string) {
		var text detectors.Text
		text.SetText(s, "")
		norm := text.Norm
		// Spans of whole runes: checkable where the text is valid UTF-8 (a
		// stray continuation byte after a match is no rune of its own).
		valid := utf8.ValidString(norm)
		for _, d := range ds {
			m, ok := d.(*matcher)
			if !ok {
				continue
			}
			for _, c := range m.Find(&text) {
				if c.Start < 0 || c.End > len(norm) || c.Start >= c.End ||
					valid && (!utf8.RuneStart(norm[c.Start]) || c.End < len(norm) && !utf8.RuneStart(norm[c.End])) {
					t.Fatalf("%s: candidate [%d,%d) in %q", m.kind, c.Start, c.End, norm)
				}
			}
		}
		for _, mode := range []foldMode{foldName, foldKana, foldAddress} {
			fd := fold(norm, mode)
			if v := foldValue(norm, mode); v != fd.s {
				t.Fatalf("mode %d: foldValue %q, fold %q", mode, v, fd.s)
			}
			if len(fd.src) != len(fd.s)+1 || fd.src[len(fd.s)] != len(norm) {
				t.Fatalf("mode %d: %d offsets for %d bytes, last %d of %d", mode, len(fd.src), len(fd.s), fd.src[len(fd.src)-1], len(norm))
			}
			for i := 1; i < len(fd.src); i++ {
				if fd.src[i] < fd.src[i-1] || fd.src[i] > len(norm) {
					t.Fatalf("mode %d: offsets out of order at %d: %v", mode, i, fd.src)
				}
			}
		}
	})
}
