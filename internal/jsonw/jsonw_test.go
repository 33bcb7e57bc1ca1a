package jsonw

import (
	"bytes"
	"encoding/json"
	"testing"
)

// FuzzString: String writes json.Marshal's bytes, Text an Encoder's that
// does not escape HTML, and Counts a map's.
func FuzzString(f *testing.F) {
	for _, s := range []string{"", "plain", "顧客名簿.csv", `a"b`, `a\b`, "\t", "<>&", "\u2028\u2029", "\xff", "\x00", "😀", "<\xff>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, _ := json.Marshal(s)
		if got := String([]byte("x"), s); string(got) != "x"+string(want) {
			t.Fatalf("String(%q) = %s, want %s", s, got[1:], want)
		}
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(s); err != nil {
			t.Fatal(err)
		}
		if got := Text([]byte("x"), s); string(got) != "x"+string(bytes.TrimSuffix(buf.Bytes(), []byte("\n"))) {
			t.Fatalf("Text(%q) = %s, want %s", s, got[1:], buf.Bytes())
		}
		m := map[string]int64{s: -1, "person_name": 3}
		want, _ = json.Marshal(m)
		if got := Counts(nil, m, String); string(got) != string(want) {
			t.Fatalf("Counts(%v) = %s, want %s", m, got, want)
		}
	})
}
