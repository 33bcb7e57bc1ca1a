package scanner

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestValueHashCanonicalForm(t *testing.T) {
	key := &ValueKey{1, 2, 3}
	other := &ValueKey{4, 5, 6}
	h := func(k *ValueKey, s string) uint64 { v, _ := valueHash(k, s, nil); return v }
	same := [][]string{
		{"090-1234-5678", "09012345678", "090 1234 5678", "(090)1234-5678"},
		{"Hanako.Sato@Example.jp", "hanakosato@example.jp"},
		{"山田 太郎", "山田太郎"},
	}
	for _, group := range same {
		for _, s := range group[1:] {
			if h(key, s) != h(key, group[0]) {
				t.Errorf("%q and %q hash apart", s, group[0])
			}
		}
	}
	different := []string{"090-1234-5678", "090-1234-5679", "山田太郎", "山田花子", "a@example.jp", "b@example.jp"}
	seen := map[uint64]string{}
	for _, s := range different {
		if prev, dup := seen[h(key, s)]; dup {
			t.Errorf("%q and %q hash alike", s, prev)
		}
		seen[h(key, s)] = s
	}
	if h(key, "09012345678") == h(other, "09012345678") {
		t.Error("the key does not change the hash")
	}
}

func TestValueHashNeverInJSON(t *testing.T) {
	b, err := json.Marshal(Finding{Type: "phone", Masked: "090-****-5678", ValueHash: 12345})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "12345") || strings.Contains(strings.ToLower(string(b)), "hash") {
		t.Errorf("the hash reached JSON: %s", b)
	}
}
