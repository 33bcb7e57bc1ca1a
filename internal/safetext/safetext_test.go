package safetext

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestName(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		// Escaped.
		{"clear screen", "a\x1b[2Jb", `a\x1b[2Jb`},
		{"colour", "\x1b[31mred\x1b[0m", `\x1b[31mred\x1b[0m`},
		{"carriage return", "real\rFAKE", `real\rFAKE`},
		{"line feed", "a.csv\nFAKE LINE", `a.csv\nFAKE LINE`},
		{"forged report line", "a\x1b[2Jb\rFAKE LINE\n.csv", `a\x1b[2Jb\rFAKE LINE\n.csv`},
		{"NUL", "a\x00b", `a\x00b`},
		{"tab", "a\tb", `a\tb`},
		{"bell and backspace", "\a\b", `\a\b`},
		{"DEL", "a\x7fb", `a\x7fb`},
		{"C1 NEL", "a\u0085b", `a\u0085b`},
		{"C1 CSI", "a\u009b2Jb", `a\u009b2Jb`},
		{"bidi override", "invoice_\u202Efdp.exe", `invoice_\u202efdp.exe`},
		{"bidi embedding", "\u202Ax\u202C", `\u202ax\u202c`},
		{"bidi isolates", "\u2066x\u2067y\u2068z\u2069", `\u2066x\u2067y\u2068z\u2069`},
		{"line separator", "a\u2028b", `a\u2028b`},
		{"paragraph separator", "a\u2029b", `a\u2029b`},
		{"invalid UTF-8", "a\xffb", `a\xffb`},
		{"cut UTF-8", "顧客\xe3\x83", `顧客\xe3\x83`},
		{"Shift_JIS bytes", "\x83\x65\x83\x58\x83\x67.csv", `\x83e\x83X\x83g.csv`},
		{"escape only", "\x1b", `\x1b`},
		// Left as they are.
		{"empty", "", ""},
		{"ASCII", "s3://bucket/2024/customers.csv", "s3://bucket/2024/customers.csv"},
		{"Japanese", "顧客リスト_2019.csv", "顧客リスト_2019.csv"},
		{"full-width and half-width kana", "ＡＢＣ_ﾃﾞﾝﾜ.txt", "ＡＢＣ_ﾃﾞﾝﾜ.txt"},
		{"emoji", "📁 backup 👍🏽.zip", "📁 backup 👍🏽.zip"},
		{"combining marks", "Cafe\u0301 か\u3099", "Cafe\u0301 か\u3099"},
		{"replacement character itself", "a\uFFFDb", "a\uFFFDb"},
		{"backslash", `C:\data\x1b.txt`, `C:\data\x1b.txt`},
		{"left-to-right mark", "a\u200Eb", "a\u200Eb"},
		{"NBSP", "a\u00A0b", "a\u00A0b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Name(tt.in)
			if got != tt.want {
				t.Errorf("Name(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if !utf8.ValidString(got) {
				t.Errorf("Name(%q) = %q: not valid UTF-8", tt.in, got)
			}
			if i := firstUnsafe(got); i != len(got) {
				t.Errorf("Name(%q) = %q: still holds %q at %d", tt.in, got, got[i:], i)
			}
		})
	}
}

// TestNameEveryControl: no C0 or C1 control, DEL or separator survives.
func TestNameEveryControl(t *testing.T) {
	for r := rune(0); r < 0xa0; r++ {
		if r >= 0x20 && r < 0x7f {
			continue
		}
		got := Name("<" + string(r) + ">")
		if strings.ContainsRune(got, r) || !strings.HasPrefix(got, `<\`) {
			t.Errorf("Name(%U) = %q", r, got)
		}
	}
}

func TestNameDoesNotAllocate(t *testing.T) {
	for _, s := range []string{"plain/ascii.csv", "顧客リスト_2019.csv", "📁 backup.zip"} {
		if n := testing.AllocsPerRun(100, func() { _ = Name(s) }); n != 0 {
			t.Errorf("Name(%q): %v allocations, want 0", s, n)
		}
	}
}

func TestLineWriter(t *testing.T) {
	var b bytes.Buffer
	w := LineWriter(&b)
	n, err := fmt.Fprintf(w, "pmscan scan: %s: %v\n", "a\x1b[2J\rFAKE\n", fmt.Errorf("open a\x1b[2J: no such file"))
	want := `pmscan scan: a\x1b[2J\rFAKE\n: open a\x1b[2J: no such file` + "\n"
	if err != nil || b.String() != want {
		t.Errorf("got %q, %v\nwant %q", b.String(), err, want)
	}
	if n != len("pmscan scan: a\x1b[2J\rFAKE\n: open a\x1b[2J: no such file\n") {
		t.Errorf("Write returned %d, want the length written to it", n)
	}
	b.Reset()
	fmt.Fprint(w, "no newline\r")
	if b.String() != `no newline\r` {
		t.Errorf("got %q", b.String())
	}
}

func BenchmarkNameClean(b *testing.B) {
	s := "/data/顧客リスト/2019/customers_sjis.csv"
	for b.Loop() {
		_ = Name(s)
	}
}
