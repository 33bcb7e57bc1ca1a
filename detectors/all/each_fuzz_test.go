package all

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/pmscan/pmscan/detectors"
)

// FuzzEachDetector runs every registered detector on its own, behind its own
// Set as the scanner would if it were the only one, over arbitrary text,
// column names and labels, and also calls its Find and Judge directly
// (ungated). For each detector:
//   - every candidate and match lies inside the text; matches come in text
//     order, at most one per byte of text (no blow-up);
//   - every match maps back to a non-empty original span, valid UTF-8 when
//     the text is; its verdict is Low to High with a reason; only the
//     sensitive detector names kinds;
//   - Mask hides something of every value of 4 or more maskable characters
//     (a value already holding '*' aside: the mask cannot be told from it),
//     gives valid UTF-8, and never holds the whole value; an address keeps
//     no street number;
//   - a Text reused after other text (prev) gives the same matches as a
//     fresh one: no state leaks from one field to the next;
//   - all of it ends within hangAfter.
func FuzzEachDetector(f *testing.F) {
	seeds := []string{
		"個人番号 1234 5678 9018 TEL ０３－５９８９－１２１１ 〒150-0002",
		"taro..yamada.@docomo.ne.jp 2001:db8::1 192.0.2.1 4111-1111-1111-1111",
		"生年月日 昭和六十年三月五日 旅券 TR1234567 在留カード AB12345678CD",
		"普通 1234567 年金番号 1234-567890 免許証 309012345620 法人番号 7123456789012",
		"氏名：山田太郎 住所：東京都渋谷区渋谷2-21-1 既往歴：糖尿病 性別 男 学歴 東京大学卒",
		"ﾔﾏﾀﾞ ﾀﾛｳ ｰ１ｰ ーー ( ) + - @ : 年 月 a***@example.jp ********",
		"\xff\xfe\x00invalid utf-8 \xe3\x80",
	}
	for _, seed := range seeds {
		f.Add(seed, "", "", false)
		f.Add(seed, "電話番号", "氏名,住所", false)
		f.Add(seed, "", "", true)
	}
	f.Add("$2a$10$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234", "password", "", false)
	f.Add("日本", "国籍", "user_id", false)
	f.Add("A1234567", "user_id", "", false)
	ds := Detectors()
	sets := make([]*detectors.Set, len(ds))
	for i, d := range ds {
		s, err := detectors.NewSet([]detectors.Detector{d})
		if err != nil {
			f.Fatal(err)
		}
		sets[i] = s
		// Load what detectors load on first use (the tokenizer's
		// dictionary: 20s under the race detector) before any input is
		// timed.
		for _, seed := range seeds {
			for _, column := range []string{"", "氏名"} {
				var tx detectors.Text
				tx.SetText(seed, column)
				for _, c := range d.Find(&tx) {
					d.Judge(c, &tx)
				}
			}
		}
	}
	f.Fuzz(func(t *testing.T, text, column, prev string, label bool) {
		var c checker
		done := make(chan struct{})
		go func() {
			defer close(done)
			c.eachDetector(ds, sets, text, column, prev, label)
		}()
		select {
		case <-done:
		case <-time.After(hangAfter):
			t.Fatalf("the detectors did not return within %v on %d bytes: a hang", hangAfter, len(text))
		}
		if c.msg != "" {
			t.Fatal(c.msg)
		}
	})
}

// hangAfter is far beyond what the detectors take on a fuzzer's input
// (milliseconds), even under the race detector.
const hangAfter = 30 * time.Second

// checker runs the checks on a goroutine of its own, which a hang leaves
// behind: the first broken invariant is recorded in msg and ends it.
type checker struct{ msg string }

func (c *checker) fatalf(format string, args ...any) {
	c.msg = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

func (c *checker) eachDetector(ds []detectors.Detector, sets []*detectors.Set, text, column, prev string, label bool) {
	var reused detectors.Text
	reused.SetText(prev, prev)
	for _, s := range sets {
		s.Run(&reused, func(detectors.Match) {})
	}
	reused.SetText(text, column)
	reused.Label = label
	var fresh detectors.Text
	fresh.SetText(text, column)
	fresh.Label = label
	for i, d := range ds {
		got := c.matches(d, sets[i], &fresh, text)
		if again := c.matches(d, sets[i], &reused, text); again != got {
			c.fatalf("%s: after %q, a reused Text finds\n%s\na fresh one\n%s", d.Type(), prev, again, got)
		}
		c.candidates(d, &fresh)
	}
}

// matches runs set, which holds d alone, on tx, checks every match
// and lists them.
func (c *checker) matches(d detectors.Detector, set *detectors.Set, tx *detectors.Text, text string) string {
	var list strings.Builder
	n, last := 0, 0
	set.Run(tx, func(m detectors.Match) {
		typ := d.Type()
		n++
		if m.Detector.Type() != typ {
			c.fatalf("%s: a match of %s", typ, m.Detector.Type())
		}
		if m.Start < last || m.Start >= m.End || m.End > len(tx.Norm) {
			c.fatalf("%s: match [%d,%d) after one at %d, in %d bytes of %q", typ, m.Start, m.End, last, len(tx.Norm), tx.Norm)
		}
		last = m.Start
		if n > len(tx.Norm) {
			c.fatalf("%s: more matches than bytes in %q", typ, tx.Norm)
		}
		orig := tx.OrigSpan(m.Start, m.End)
		if orig == "" || utf8.ValidString(text) && !utf8.ValidString(orig) {
			c.fatalf("%s: original span %q of %q", typ, orig, tx.Norm[m.Start:m.End])
		}
		v := m.Verdict
		if v.Confidence < detectors.Low || v.Confidence > detectors.High || len(v.Reasons) == 0 || v.Kind != "" && typ != "sensitive" {
			c.fatalf("%s: verdict %+v", typ, v)
		}
		c.mask(d, orig)
		fmt.Fprintf(&list, "[%d,%d) %s %v %q\n", m.Start, m.End, v.Confidence, v.Reasons, v.Kind)
	})
	return list.String()
}

// candidates calls Find and Judge directly, as no Set would on text
// without d's keywords: candidates inside the text, verdicts in range.
func (c *checker) candidates(d detectors.Detector, tx *detectors.Text) {
	cs := d.Find(tx)
	if len(cs) > len(tx.Norm) {
		c.fatalf("%s: %d candidates in %d bytes", d.Type(), len(cs), len(tx.Norm))
	}
	for _, cd := range cs {
		if cd.Start < 0 || cd.Start >= cd.End || cd.End > len(tx.Norm) || cd.Confidence < detectors.Reject || cd.Confidence > detectors.High {
			c.fatalf("%s: candidate %+v in %d bytes", d.Type(), cd, len(tx.Norm))
		}
		if v := d.Judge(cd, tx); v.Confidence < detectors.Reject || v.Confidence > detectors.High {
			c.fatalf("%s: verdict %+v", d.Type(), v)
		}
	}
}

// mask checks what Mask makes of a value d found.
func (c *checker) mask(d detectors.Detector, value string) {
	masked := detectors.Mask(d, value)
	if !utf8.ValidString(masked) {
		c.fatalf("%s: Mask(%q) = %q, not valid UTF-8", d.Type(), value, masked)
	}
	if maskable(value) < 4 || strings.Contains(value, "*") {
		return
	}
	if masked == value || strings.Contains(masked, value) {
		c.fatalf("%s: Mask(%q) = %q shows the value", d.Type(), value, masked)
	}
	if d.Type() == "address" && strings.ContainsAny(value, "0123456789０１２３４５６７８９") && strings.ContainsAny(masked, "0123456789０１２３４５６７８９") {
		c.fatalf("address: Mask(%q) = %q keeps a number", value, masked)
	}
}

// maskable counts what MaskDefault hides: letters, digits, non-ASCII but
// the ideographic space.
func maskable(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x80 && r != 0x3000 || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			n++
		}
	}
	return n
}
