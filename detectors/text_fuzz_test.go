package detectors

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzNormalize checks Text's normalisation and its map back to the
// original on arbitrary text, short (one-pass scan) and long (searches):
//   - Norm is what Normalize makes of the text, never longer, and
//     normalising it again changes nothing;
//   - OrigOffset runs from 0 to len(Orig) without going back, and maps
//     every character boundary of Norm to one of Orig when the text is
//     valid UTF-8 (so OrigSpan never cuts a character);
//   - the features the prefilter tests are those of Norm;
//   - digit spans and their groups lie inside Norm, in order, and count
//     the digits they hold;
//   - a reused Text gives what a fresh one gives.
func FuzzNormalize(f *testing.F) {
	for _, s := range []string{
		"", "ＴＥＬ：０３－５９８９－１２１１", "ﾔﾏﾀﾞ ﾀﾛｳ ｶﾞｷﾞﾊﾟ ｰ ﾞ", "1ｰ2 １ー２ ーー ｰｰ", "driver’s license‐no\u00a0x\u3000y",
		"(03)5989-1211 +81 90 1234 5678 192.168.0.1 2024/01/05", "年月 月 ＠ ： ａｂ",
		"\xff\xef\xbc\x90\xef\xbd", strings.Repeat("ｱ０", 200),
	} {
		f.Add(s, "", "ＴＥＬ")
	}
	f.Fuzz(func(t *testing.T, s, prev, column string) {
		var tx Text
		tx.SetText(prev, column)
		tx.Spans()
		tx.features()
		tx.SetText(s, column)
		if norm := Normalize(s); tx.Norm != norm {
			t.Fatalf("Norm %q, Normalize %q", tx.Norm, norm)
		}
		if len(tx.Norm) > len(s) {
			t.Fatalf("Norm %q longer than %q", tx.Norm, s)
		}
		if again := Normalize(tx.Norm); again != tx.Norm {
			t.Fatalf("Normalize(%q) = %q: not idempotent", tx.Norm, again)
		}
		if tx.OrigOffset(0) != 0 || tx.OrigOffset(len(tx.Norm)) != len(s) {
			t.Fatalf("OrigOffset(0) = %d, OrigOffset(%d) = %d, want 0 and %d", tx.OrigOffset(0), len(tx.Norm), tx.OrigOffset(len(tx.Norm)), len(s))
		}
		valid := utf8.ValidString(s)
		last := 0
		for i := 0; i <= len(tx.Norm); i++ {
			o := tx.OrigOffset(i)
			if o < last || o > len(s) {
				t.Fatalf("OrigOffset(%d) = %d after %d (%d bytes)", i, o, last, len(s))
			}
			last = o
			if valid && (i == len(tx.Norm) || utf8.RuneStart(tx.Norm[i])) && o < len(s) && !utf8.RuneStart(s[o]) {
				t.Fatalf("OrigOffset(%d) = %d cuts a character of %q", i, o, s)
			}
		}
		checkFeatures(t, &tx)
		spans := checkSpans(t, &tx)
		var fresh Text
		fresh.SetText(s, column)
		if f1, f2 := fresh.features(), tx.features(); f1 != f2 {
			t.Fatalf("features %b fresh, %b reused", f1, f2)
		}
		if got := spanList(&fresh); got != spans {
			t.Fatalf("spans %s fresh, %s reused", got, spans)
		}
	})
}

func checkFeatures(t *testing.T, tx *Text) {
	n := tx.Norm
	want := map[Feature]bool{
		HasDigit:     strings.ContainsAny(n, "0123456789"),
		HasAt:        strings.Contains(n, "@"),
		HasColon:     strings.Contains(n, ":"),
		HasDateKanji: strings.Contains(n, "年") || strings.Contains(n, "月"),
	}
	if utf8.ValidString(n) {
		want[HasJapanese] = strings.IndexFunc(n, func(r rune) bool { return r >= 0x3040 && r <= 0x30ff || r >= 0x4000 && r <= 0x9fff }) >= 0
	}
	for f, w := range want {
		if tx.Has(f) != w {
			t.Fatalf("Has(%b) = %v in %q", f, !w, n)
		}
	}
}

// checkSpans checks the digit spans and lists them.
func checkSpans(t *testing.T, tx *Text) string {
	n := tx.Norm
	end := 0
	for _, sp := range tx.Spans() {
		if sp.Start < end || sp.Start >= sp.End || sp.End > len(n) || sp.Plus != (n[sp.Start] == '+') {
			t.Fatalf("span %+v after %d in %q", sp, end, n)
		}
		end = sp.End
		digits := 0
		for i := sp.Start; i < sp.End; i++ {
			if n[i] >= '0' && n[i] <= '9' {
				digits++
			}
		}
		if digits != sp.Digits {
			t.Fatalf("span %q counts %d digits, holds %d", n[sp.Start:sp.End], sp.Digits, digits)
		}
		gend := sp.Start
		for _, g := range tx.Groups(sp) {
			if g.Start < gend || g.Start >= g.End || g.End > sp.End || strings.Trim(n[g.Start:g.End], "0123456789") != "" {
				t.Fatalf("group %+v of span %q", g, n[sp.Start:sp.End])
			}
			gend = g.End
		}
	}
	return spanList(tx)
}

func spanList(tx *Text) string {
	var b strings.Builder
	for _, sp := range tx.Spans() {
		b.WriteString(tx.Norm[sp.Start:sp.End])
		b.WriteByte('|')
	}
	return b.String()
}
