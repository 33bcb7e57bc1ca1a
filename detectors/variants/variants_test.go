package variants

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestFold(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"髙橋 美咲", "高橋 美咲"},
		{"渡邊さんと渡邉さん", "渡辺さんと渡辺さん"},
		{"山﨑", "山崎"},
		{"齋藤 濵田", "斉藤 浜田"},
		{"高橋 abc", "高橋 abc"}, // nothing to fold
	} {
		got, folded := FoldSameWidth(tc.in)
		if got != tc.want || folded != (tc.in != tc.want) || len(got) != len(tc.in) {
			t.Errorf("FoldSameWidth(%q) = %q, %v; want %q", tc.in, got, folded, tc.want)
		}
	}
	if v, ok := Of('髙'); !ok || v != '高' {
		t.Errorf("Of(髙) = %q, %v", v, ok)
	}
	if _, ok := Of('高'); ok {
		t.Error("高 is a variant of something")
	}
}

// FuzzFoldSameWidth checks the byte loop against folding rune by rune:
// the same text, as long, on any input, valid UTF-8 or not.
func FuzzFoldSameWidth(f *testing.F) {
	for _, s := range []string{"髙橋 美咲", "渡邊\xff邉", "\xe9\xab", "山﨑さん𠮷野家", "abc"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, _ := FoldSameWidth(s)
		if len(got) != len(s) {
			t.Fatalf("%q: %d bytes, want %d", s, len(got), len(s))
		}
		if !utf8.ValidString(s) {
			return
		}
		var want strings.Builder
		for _, r := range s {
			if v, ok := Of(r); ok && utf8.RuneLen(v) == utf8.RuneLen(r) && r >= 0x3400 && r < 1<<16 {
				r = v
			}
			want.WriteRune(r)
		}
		if got != want.String() {
			t.Fatalf("%q: got %q, want %q", s, got, want.String())
		}
	})
}
