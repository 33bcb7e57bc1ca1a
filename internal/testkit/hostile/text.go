package hostile

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"path/filepath"
	"unicode/utf16"

	"golang.org/x/text/encoding/japanese"

	"github.com/pmscan/pmscan/internal/testkit/synthetic"
)

// TruncatedCP932 writes cut-cp932.csv: a CSV in CP932 (氏名 in kanji, a
// phone and an e-mail per row) whose last row is cut after the first
// byte of a double-byte character.
func TruncatedCP932(dir string, seed uint64) ([]Plant, error) {
	g := synthetic.New(seed).Sub("cut-cp932")
	const rows = 20
	var b bytes.Buffer
	b.WriteString("氏名,電話番号,メールアドレス,備考\n")
	for i := range rows {
		c := newContact(g)
		fmt.Fprintf(&b, "顧客%02d,%s,%s,お得意様\n", i+1, c.phone, c.email)
	}
	b.WriteString("顧客99,,,途中で切れた行")
	enc, err := japanese.ShiftJIS.NewEncoder().Bytes(b.Bytes())
	if err != nil {
		return nil, err
	}
	// 行 is two bytes in CP932: keep its first.
	if err := writeFile(filepath.Join(dir, "cut-cp932.csv"), enc[:len(enc)-1]); err != nil {
		return nil, err
	}
	return plants("cut-cp932.csv", rows), nil
}

// LoneSurrogates writes lone-utf16.txt, UTF-16LE with a byte order mark
// holding a lone high and a lone low surrogate among contact lines, and
// lone-escape.json, whose strings hold \ud800 and \udc00 escapes with no
// partner beside a contact.
func LoneSurrogates(dir string, seed uint64) ([]Plant, error) {
	g := synthetic.New(seed).Sub("lone-surrogates")
	const lines = 3
	var units []uint16
	for i := range lines {
		units = append(units, utf16.Encode([]rune("連絡先"))...)
		units = append(units, []uint16{0xd800, 0xdc00}[i%2]) // alone: no partner follows or precedes
		units = append(units, utf16.Encode([]rune(newContact(g).line()))...)
	}
	b := []byte{0xff, 0xfe}
	for _, u := range units {
		b = binary.LittleEndian.AppendUint16(b, u)
	}
	if err := writeFile(filepath.Join(dir, "lone-utf16.txt"), b); err != nil {
		return nil, err
	}
	c := newContact(g)
	js := fmt.Sprintf(`{"note": "\ud800 high alone", "tel": "%s", "other": "low alone \udc00", "mail": "\udc00%s\ud800"}`+"\n", c.phone, c.email)
	if err := writeFile(filepath.Join(dir, "lone-escape.json"), []byte(js)); err != nil {
		return nil, err
	}
	return append(plants("lone-utf16.txt", lines), plants("lone-escape.json", 1)...), nil
}

// StrayNULs writes nuls.txt: 200 lines of contacts in UTF-8 with a NUL
// byte in every 50th line, as a crashed editor or a padded log leaves
// them.
func StrayNULs(dir string, seed uint64) ([]Plant, error) {
	g := synthetic.New(seed).Sub("nuls")
	const lines = 200
	var b bytes.Buffer
	for i := range lines {
		if i%50 == 0 {
			b.WriteByte(0)
		}
		b.WriteString(newContact(g).line())
	}
	if err := writeFile(filepath.Join(dir, "nuls.txt"), b.Bytes()); err != nil {
		return nil, err
	}
	return plants("nuls.txt", lines), nil
}
