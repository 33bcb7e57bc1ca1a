package variants

import "testing"

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
