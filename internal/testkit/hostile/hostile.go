// Package hostile writes the inputs a scanner meets on data nobody has
// looked at: bombs of every archive kind and of gzip alone, malformed and
// looping PDFs, a 300 MiB line, 100,000 tiny files, deep nesting, symbolic
// link loops and links into /proc, FIFOs, truncated CP932, lone
// surrogates, stray NULs, and a file that keeps changing. The hostile
// suite (cmd/pmscan/hostile_test.go) writes them at test time and scans
// them with the real binary.
//
// Every writer is deterministic: the same seed writes the same bytes.
// Bombs are small on disk and huge unpacked: their deflate streams are
// built from one compressed chunk repeated (deflate.go), so that writing
// a gigabyte bomb costs milliseconds, not the gigabyte's compression.
//
// Beside the hostile bytes, writers plant synthetic contact details (a
// mobile phone number and an address at example.jp) where a scan that
// goes on must find them, and return them as Plants.
package hostile

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/pmscan/pmscan/internal/testkit/synthetic"
)

// Detector types of the planted values.
const (
	Phone = "phone"
	Email = "email"
)

// Plant is a synthetic value an input holds where a scan must find it.
type Plant struct {
	// Path is the place, relative to the directory written and
	// slash-separated; an archive member is "a.zip!/b.txt".
	Path  string
	Type  string // Phone or Email
	Count int    // at least this many findings of Type there
}

// Writer writes one hostile input into dir, drawing its synthetic values
// from seed, and returns what it planted.
type Writer func(dir string, seed uint64) ([]Plant, error)

// contact is one synthetic contact: a line that holds a phone number and
// an e-mail address, each with its label.
type contact struct {
	phone, email string
}

func newContact(g *synthetic.Gen) contact {
	return contact{
		phone: g.MobilePhone().Format(synthetic.PhoneHyphen),
		email: fmt.Sprintf("user%s@example.jp", g.Digits(6)),
	}
}

// line is the contact as a line of text, with white space around each
// value so that a long line cut near one cuts beside it.
func (c contact) line() string {
	return " 電話: " + c.phone + " メール: " + c.email + " \n"
}

// plants are the two plants of n contacts at path.
func plants(path string, n int) []Plant {
	return []Plant{{Path: path, Type: Phone, Count: n}, {Path: path, Type: Email, Count: n}}
}

// Contacts writes name in dir: a small, sound text file of n contact
// lines, found by any scan that reaches it.
func Contacts(dir, name string, n int, seed uint64) ([]Plant, error) {
	g := synthetic.New(seed).Sub("contacts/" + name)
	var b strings.Builder
	b.WriteString("連絡先一覧\n")
	for range n {
		b.WriteString(newContact(g).line())
	}
	if err := writeFile(filepath.Join(dir, name), []byte(b.String())); err != nil {
		return nil, err
	}
	return plants(filepath.ToSlash(name), n), nil
}

// writeFile writes data to path, making its directory.
func writeFile(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}

// repeatLine is a line of n bytes: 'a' but for its newline. Repeated, it
// deflates about 1000:1, the most deflate can: a run of one byte is
// matches at distance 1, two bits each for 258 bytes.
func repeatLine(n int) []byte {
	b := bytes.Repeat([]byte("a"), n)
	b[n-1] = '\n'
	return b
}
