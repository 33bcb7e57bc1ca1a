// Package synthetic makes deterministic synthetic personal data for tests and
// benchmarks: people with names, addresses and Japanese identifiers (all check
// digits from detectors/checkdigit), hard negatives that must not be reported,
// the small demo data set in testdata/demo (WriteDemo) and large benchmark
// corpora (WriteCorpus).
//
// Everything is drawn from an explicitly seeded PCG source: the same seed
// gives byte-identical output. Names are common name words and places are
// public place names; no real individual's record is used. E-mail addresses
// use reserved example domains only.
package synthetic

import (
	"hash/fnv"
	"math/rand/v2"
	"strings"
)

// Gen draws synthetic data from a seeded source. It is not safe for
// concurrent use.
type Gen struct {
	seed uint64
	r    *rand.Rand
}

// New returns a generator seeded with seed.
func New(seed uint64) *Gen {
	return &Gen{seed: seed, r: rand.New(rand.NewPCG(seed, seed^0x9E3779B97F4A7C15))}
}

// Sub returns an independent generator derived from g's seed and name, so
// that parts of a data set do not shift when another part changes.
func (g *Gen) Sub(name string) *Gen {
	h := fnv.New64a()
	h.Write([]byte(name))
	return New(g.seed ^ h.Sum64())
}

// IntN returns a number in [0, n).
func (g *Gen) IntN(n int) int { return g.r.IntN(n) }

// Between returns a number in [lo, hi].
func (g *Gen) Between(lo, hi int) int { return lo + g.r.IntN(hi-lo+1) }

// Chance reports true with probability p.
func (g *Gen) Chance(p float64) bool { return g.r.Float64() < p }

// Digits returns n random ASCII digits.
func (g *Gen) Digits(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('0' + g.r.IntN(10))
	}
	return string(b)
}

// digitsNoLeadingZero returns n random digits, the first of them 1-9.
func (g *Gen) digitsNoLeadingZero(n int) string {
	return string(rune('1'+g.r.IntN(9))) + g.Digits(n-1)
}

func (g *Gen) letters(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('A' + g.r.IntN(26))
	}
	return string(b)
}

func pick[T any](g *Gen, s []T) T { return s[g.r.IntN(len(s))] }

// FullWidth maps printable ASCII to its full-width form (0-9 to ０-９, '-' to
// '－' U+FF0D) and the space to the ideographic space.
func FullWidth(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == ' ':
			b.WriteRune('\u3000')
		case r > ' ' && r < 0x7F:
			b.WriteRune(r + 0xFEE0)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Hiragana converts katakana to hiragana, leaving other runes alone.
func Hiragana(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= 'ァ' && r <= 'ヶ' {
			r -= 0x60
		}
		b.WriteRune(r)
	}
	return b.String()
}

// group inserts sep between groups of the given sizes; s must be as long as
// their sum.
func group(s, sep string, sizes ...int) string {
	var b strings.Builder
	i := 0
	for k, n := range sizes {
		if k > 0 {
			b.WriteString(sep)
		}
		b.WriteString(s[i : i+n])
		i += n
	}
	return b.String()
}
