package detectors

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNormalizeFolds(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain ascii 03-1234-5678", "plain ascii 03-1234-5678"},
		{"０３－５９８９－１２１１", "03-5989-1211"},
		{"ＴＥＬ：０３（５９８９）１２１１", "TEL:03(5989)1211"},
		{"電話　03‐5989―1211", "電話 03-5989-1211"},
		{"03−5989–1211", "03-5989-1211"},
		{"０９０ー１２３４ー５６７８", "090-1234-5678"},
		{"データー", "データー"},                 // ー stays a vowel mark between kana
		{"ﾔﾏﾀﾞ ﾀﾛｳ", "ヤマダ タロウ"},          // half-width katakana with voiced mark
		{"ﾊﾟｽﾎﾟｰﾄ", "パスポート"},             // semi-voiced, and ｰ between kana
		{"03ｰ1234ｰ5678", "03-1234-5678"}, // half-width ｰ between digits
		{"ｳﾞｨ", "ヴィ"},
		{"ｱﾞ", "ア゛"}, // a voiced mark that does not compose stays separate
		{"ｙａｍａｄａ＠ｅｘａｍｐｌｅ．ｊｐ", "yamada@example.jp"},
	}
	for _, tc := range tests {
		if got := Normalize(tc.in); got != tc.want {
			t.Errorf("Normalize(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestOrigOffsetMapsBack(t *testing.T) {
	var tx Text
	orig := "氏名ﾔﾏﾀﾞ 電話０３－５９８９－１２１１ですﾃﾞｽ"
	tx.SetText(orig, "")
	want := "氏名ヤマダ 電話03-5989-1211ですデス"
	if tx.Norm != want {
		t.Fatalf("Norm = %q, want %q", tx.Norm, want)
	}
	for _, sub := range []struct{ norm, orig string }{
		{"03-5989-1211", "０３－５９８９－１２１１"},
		{"ヤマダ", "ﾔﾏﾀﾞ"},
		{"です", "です"},
		{"デス", "ﾃﾞｽ"},
		{"氏名", "氏名"},
	} {
		i := indexOf(tx.Norm, sub.norm)
		if got := tx.OrigSpan(i, i+len(sub.norm)); got != sub.orig {
			t.Errorf("OrigSpan(%q) = %q, want %q", sub.norm, got, sub.orig)
		}
	}
}

func indexOf(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}

func TestSpans(t *testing.T) {
	tests := []struct {
		in   string
		want string // spans as text|digits|groups
	}{
		{"TEL 03-5989-1211.", `["03-5989-1211" 10 [03 5989 1211]]`},
		{"(03)5989-1211", `["(03)5989-1211" 10 [03 5989 1211]]`},
		{"+81 90 1234 5678", `["+81 90 1234 5678" 12 [81 90 1234 5678]]`},
		{"03) 5989", `["03) 5989" 6 [03 5989]]`},
		{"1,234円", `["1" 1 [1] "234" 3 [234]]`},
		{"a1 b2", `["1" 1 [1] "2" 1 [2]]`},
		{"192.168.0.1", `["192.168.0.1" 8 [192 168 0 1]]`},
		{"1985年3月5日", `["1985" 4 [1985] "3" 1 [3] "5" 1 [5]]`},
		{"end 12-", `["12" 2 [12]]`},
		{"no digits here", `[]`},
	}
	for _, tc := range tests {
		var tx Text
		tx.SetText(tc.in, "")
		out := "["
		for i, sp := range tx.Spans() {
			if i > 0 {
				out += " "
			}
			out += fmt.Sprintf("%q %d [", tx.Norm[sp.Start:sp.End], sp.Digits)
			for j, g := range tx.Groups(sp) {
				if j > 0 {
					out += " "
				}
				out += tx.Norm[g.Start:g.End]
			}
			out += "]"
		}
		out += "]"
		if out != tc.want {
			t.Errorf("Spans(%q) = %s, want %s", tc.in, out, tc.want)
		}
	}
}

func TestKeywordNearAndColumn(t *testing.T) {
	var tx Text
	tx.SetText("お客様のＭｙ Ｎｕｍｂｅｒは 123456789018 です", "個人番号（マイナンバー）")
	i := indexOf(tx.Norm, "1234")
	k, ok := tx.KeywordNear([]string{"my number", "個人番号"}, i, i+12, 30)
	if !ok || k.Word != "my number" || k.Distance != 2 {
		t.Errorf("KeywordNear = %+v %v", k, ok)
	}
	if _, ok := tx.KeywordNear([]string{"my number"}, i, i+12, 1); ok {
		t.Error("keyword found outside the window")
	}
	if w, ok := tx.ColumnHas([]string{"マイナンバー"}); !ok || w != "マイナンバー" {
		t.Errorf("ColumnHas = %q %v", w, ok)
	}
}

func TestMaskDefault(t *testing.T) {
	for in, want := range map[string]string{
		"123456789018":   "********9018",
		"1234-5678-9018": "****-****-9018",
		"150-0002":       "***-**02",
		"AB12":           "****",
		"山田太郎":           "****",
	} {
		if got := MaskDefault(in); got != want {
			t.Errorf("MaskDefault(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestMaskKeepNeverShowsAll: what a mask keeps of a short value never
// adds up to the value.
func TestMaskKeepNeverShowsAll(t *testing.T) {
	for _, tt := range []struct {
		in         string
		head, tail int
		want       string
	}{
		{"山田 太郎", 1, 0, "山* **"},
		{"森", 1, 0, "*"},
		{"山田", 1, 0, "山*"},
		{"1234", 0, 4, "**34"},
		{"123", 2, 2, "1**"},
		{"12-34", 1, 1, "1*-*4"},
		{"", 1, 1, ""},
		{"-", 1, 1, "-"},
	} {
		if got := MaskKeep(tt.in, tt.head, tt.tail); got != tt.want {
			t.Errorf("MaskKeep(%q, %d, %d) = %q, want %q", tt.in, tt.head, tt.tail, got, tt.want)
		}
	}
}

func TestNextDigitMatchesNaive(t *testing.T) {
	naive := func(s string, i int) int {
		for ; i < len(s); i++ {
			if s[i] >= '0' && s[i] <= '9' {
				return i
			}
		}
		return -1
	}
	for c := 0; c < 256; c++ {
		for pos := 0; pos < 20; pos++ {
			for _, fill := range []byte{'a', 0xE3, 0xFF, '/', ':'} {
				b := make([]byte, 20)
				for i := range b {
					b[i] = fill
				}
				b[pos] = byte(c)
				for from := 0; from <= 20; from += 3 {
					if got, want := nextDigit(string(b), from), naive(string(b), from); got != want {
						t.Fatalf("byte %#x at %d, fill %#x, from %d: got %d want %d", c, pos, fill, from, got, want)
					}
				}
			}
		}
	}
}

func TestFoldFinderAgreesWithRuneByRune(t *testing.T) {
	// Folding must change exactly the runes foldAt changes, wherever the
	// vectorised search finds them.
	inputs := []string{
		"ー０ー１ーー２…※―　ａ￥ﾊﾟ\u00a0x\u2212",
		"データー12ー34ｰ5",
		"ﾃﾞｰﾀ　03ー1234ー5678",
	}
	for _, in := range inputs {
		b := []byte(in)
		var f foldFinder
		f.reset(b)
		var got []int
		for i := f.find(0); i >= 0; i = f.find(i + 1) {
			got = append(got, i)
		}
		var want []int
		for i := 0; i < len(b); i++ {
			if _, _, ok := foldAt(b, i, digitBefore(b, i)); ok && (i == 0 || b[i]&0xC0 != 0x80) {
				want = append(want, i)
			}
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%q: folds at %v, want %v", in, got, want)
		}
	}
}

func TestFeaturesShortAndLongAgree(t *testing.T) {
	for _, s := range []string{"", "山田", "a@b", "12:30", "昭和六十年", "三月", "x1", "年月@:9", "やまだ", "ヤマダ", "ﾔﾏﾀﾞ", "　", "「」", "abc"} {
		var short, long Text
		short.SetText(s, "")
		long.SetText(s+strings.Repeat(" ", shortText), "")
		if a, b := short.features(), long.features(); a != b {
			t.Errorf("%q: short %b, long %b", s, a, b)
		}
	}
}

func TestScanShortAgreesWithFoldFinder(t *testing.T) {
	for _, s := range []string{"", "abc", "山田　太郎", "０３", "データー", "12ー34", "１ー２", "ﾔﾏﾀﾞ", "x\u2212y", "…※", "a\u00a0b", "\xe3\x80", "\xef"} {
		b := []byte(s)
		_, got := scanShort(b)
		var f foldFinder
		f.reset(b)
		if want := f.find(0); got != want {
			t.Errorf("%q: scanShort first fold %d, foldFinder %d", s, got, want)
		}
	}
}

// keywordAroundNaive is the obvious definition KeywordAround must agree with:
// every occurrence of every word, nearest by characters.
func keywordAroundNaive(t *Text, words []string, start, end, before, after int, whole bool) (int, bool) {
	s := t.Norm
	lower := strings.ToLower // ASCII-only words: lowering s keeps offsets
	lo, hi := start, end
	for n := 0; n < before && lo > 0; n++ {
		_, size := utf8.DecodeLastRuneInString(s[:lo])
		lo -= size
	}
	for n := 0; n < after && hi < len(s); n++ {
		_, size := utf8.DecodeRuneInString(s[hi:])
		hi += size
	}
	best, found := 0, false
	for _, w := range words {
		for i := lo; i+len(w) <= hi; i++ {
			if lower(s[i:i+len(w)]) != w || !bounded(s, i, w, whole) {
				continue
			}
			var d int
			switch {
			case i+len(w) <= start:
				d = utf8.RuneCountInString(s[i+len(w) : start])
			case i >= end:
				d = utf8.RuneCountInString(s[end:i])
			default:
				continue
			}
			if !found || d < best {
				best, found = d, true
			}
		}
	}
	return best, found
}

func TestKeywordAroundAgreesWithNaive(t *testing.T) {
	words := []string{"tel", "電話", "個人番号", "phone", "番号"}
	pieces := []string{"tel", "TEL", "hotel", "電話", "個人番号", "番号", "phone", "phones", " ", "。", "03-1234-5678", "あいう", "x", "1"}
	rng := rand.New(rand.NewPCG(1, 2))
	var tx Text
	for n := 0; n < 3000; n++ {
		var b strings.Builder
		k := rng.IntN(12)
		for i := 0; i < k; i++ {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		pre := b.String()
		b.Reset()
		for i := rng.IntN(12); i > 0; i-- {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		text := pre + "03-5989-1211" + b.String()
		tx.SetText(text, "")
		start, end := len(pre), len(pre)+len("03-5989-1211")
		before, after, whole := rng.IntN(20), rng.IntN(20), rng.IntN(2) == 0
		got, ok := tx.KeywordAround(words, start, end, before, after, whole)
		want, wantOK := keywordAroundNaive(&tx, words, start, end, before, after, whole)
		if ok != wantOK || ok && got.Distance != want {
			t.Fatalf("%q before %d after %d whole %v: got %+v %v, want distance %d %v", text, before, after, whole, got, ok, want, wantOK)
		}
	}
}

func TestHasJapanese(t *testing.T) {
	for s, want := range map[string]bool{
		"": false, "abc 123": false, "　「」、。": false, "…—": false,
		"やまだ": true, "ヤマダ": true, "ﾔﾏﾀﾞ": true, "山": true, "a々": false, "x鈴木": true,
	} {
		var text Text
		text.SetText(s, "")
		if got := text.features()&HasJapanese != 0; got != want {
			t.Errorf("%q: HasJapanese %v, want %v", s, got, want)
		}
	}
}
