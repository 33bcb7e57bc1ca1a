package kanaromaji

import (
	"slices"
	"testing"
)

func TestRomanise(t *testing.T) {
	for _, c := range []struct {
		kana string
		want []string
	}{
		{"ヨコヤマ", []string{"yokoyama"}},
		{"サトウ", []string{"satou", "sato", "satoh"}},
		{"オオノ", []string{"oono", "ono", "ohno"}},
		{"シュウイチ", []string{"shuuichi", "shuichi", "shuuichi"}},
		{"ジュンコ", []string{"junko"}},
		{"ハットリ", []string{"hattori"}},
		{"キッチョウ", []string{"kitchou", "kitcho", "kitchoh"}},
		{"ヤマダ太郎", nil}, // not all katakana
		{"", nil},
	} {
		if got := Romanise(c.kana); !slices.Equal(got, c.want) {
			t.Errorf("Romanise(%q) = %q, want %q", c.kana, got, c.want)
		}
	}
}
