package formats

import "testing"

// TestHexEnd: a stream that ends inside a hex string, once the library's
// tokens are followed (comments, literal strings with their nesting and
// escapes, "<<"), is one the PDF library would spin on.
func TestHexEnd(t *testing.T) {
	for _, tt := range []struct {
		in    string
		spins bool
	}{
		{"BT <0041", true},
		{"BT <0041 \n\n ", true},
		{"BT <", true},
		{"<</A 1>> <4", true},
		{"(a) Tj <00", true},
		{"(a\\)b<00) Tj", false}, // an escaped ) stays in the string
		{"((a)<00) Tj", false},   // nested parens
		{"BT (a<b) Tj ET", false},
		{"<<>>", false},
		{"<0041> Tj", false},
		{"% <0041\nBT", false},
		{"% a comment <0041", false}, // a comment to the end
		{"<00zz", false},             // not hex: the library fails, or reads on past the pair
		{"<0010\x00\x00d ET", true},  // 'T' waits for a second digit (found by FuzzPDF)
		{"<0010 T", true},
		{"<0010 T>", false}, // "T>" is a pair the library fails on
		{"<00 >", false},
		{") <00", true},              // the library may recover from ")" and read on
		{"<< /O <abab/U <cdc", true}, // after a bad pair in a dictionary it reads on (found by FuzzPDF)
		{"", false},
	} {
		var l hexEnd
		l.Write([]byte(tt.in))
		if got := l.spins(); got != tt.spins {
			t.Errorf("%q: spins %v, want %v", tt.in, got, tt.spins)
		}
		// Fed byte by byte, the same.
		var b hexEnd
		for i := range len(tt.in) {
			b.Write([]byte{tt.in[i]})
		}
		if b.spins() != l.spins() {
			t.Errorf("%q: byte by byte, spins %v", tt.in, b.spins())
		}
	}
}
