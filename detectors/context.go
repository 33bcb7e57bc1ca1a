package detectors

import (
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"
	"unsafe"
)

// Keyword is a context word found near a candidate.
type Keyword struct {
	Word     string
	Distance int // in characters between the keyword and the candidate
}

// KeywordNear finds the nearest of words (normalised, ASCII lowercase) within
// window characters before Norm[start] or after Norm[end]. An ASCII word must
// not follow an ASCII letter: "tel" does not match in "hotel".
func (t *Text) KeywordNear(words []string, start, end, window int) (Keyword, bool) {
	return t.KeywordAround(words, start, end, window, window, false)
}

// KeywordAround is KeywordNear with separate windows before and after the
// candidate; with whole set, an ASCII word must not be followed by an ASCII
// letter either ("ip" does not match in "zip" or "ship"). Matching is ASCII
// case-insensitive and allocates nothing.
func (t *Text) KeywordAround(words []string, start, end, before, after int, whole bool) (Keyword, bool) {
	s := t.Norm
	lo := start
	for n := 0; n < before && lo > 0; n++ {
		_, size := utf8.DecodeLastRuneInString(s[:lo])
		lo -= size
	}
	hi := end
	for n := 0; n < after && hi < len(s); n++ {
		_, size := utf8.DecodeRuneInString(s[hi:])
		hi += size
	}
	// One pass from the candidate outwards on each side, testing words only
	// where one could start: the nearest keyword is usually found at once,
	// and a window without one costs a byte test per byte.
	var first [8]uint32
	maxLen := 0
	for _, w := range words {
		first[w[0]>>5] |= 1 << (w[0] & 31)
		maxLen = max(maxLen, len(w))
	}
	low := t.lowered(s[lo:hi])
	pre, post := low[:start-lo], low[end-lo:]
	best, found := Keyword{}, false
	bestEnd := -1 // end in pre of the nearest keyword before the candidate
	for i := len(pre) - 1; i >= 0 && i+maxLen > bestEnd; i-- {
		if first[pre[i]>>5]&(1<<(pre[i]&31)) == 0 {
			continue
		}
		for _, w := range words {
			if e := i + len(w); e <= len(pre) && e > bestEnd && pre[i:e] == w && bounded(s, lo+i, w, whole) {
				best, found, bestEnd = Keyword{Word: w, Distance: utf8.RuneCountInString(pre[e:])}, true, e
			}
		}
	}
	runes := 0 // characters in post[:i]
	for i := 0; i < len(post); i++ {
		if post[i]&0xC0 != 0x80 {
			if i > 0 {
				runes++
			}
			if found && runes >= best.Distance {
				break
			}
		}
		if first[post[i]>>5]&(1<<(post[i]&31)) == 0 {
			continue
		}
		for _, w := range words {
			if len(post)-i >= len(w) && post[i:i+len(w)] == w && bounded(s, end+i, w, whole) {
				return Keyword{Word: w, Distance: runes}, true
			}
		}
	}
	return best, found
}

// bounded checks the word boundaries of w found at s[i:].
func bounded(s string, i int, w string, whole bool) bool {
	if w[0] < utf8.RuneSelf && i > 0 && isASCIILetter(s[i-1]) {
		return false
	}
	j := i + len(w)
	return !whole || w[len(w)-1] >= utf8.RuneSelf || j >= len(s) || !isASCIILetter(s[j])
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }

// EachWord calls fn with each ASCII word of s, lowercased: words are split at
// anything but letters and at camelCase boundaries (homeTel, remoteAddr,
// IPAddress), so column names can be matched by whole words ("zip" is not
// "ip"). It stops when fn returns true.
func EachWord(s string, fn func(word string) bool) {
	var buf [64]byte
	for i := 0; i < len(s); {
		if !isASCIILetter(s[i]) {
			i++
			continue
		}
		k := i + 1
		for k < len(s) && isASCIILetter(s[k]) {
			if isUpper(s[k]) && !isUpper(s[k-1]) { // homeTel
				break
			}
			if isUpper(s[k-1]) && !isUpper(s[k]) && k-1 > i && isUpper(s[k-2]) { // IPAddress
				k--
				break
			}
			k++
		}
		w := buf[:0]
		for _, c := range []byte(s[i:k]) {
			if isUpper(c) {
				c += 32
			}
			w = append(w, c)
		}
		if fn(string(w)) {
			return
		}
		i = k
	}
}

// ColumnHas returns the first of words (normalised, ASCII lowercase) that the
// column name contains.
func (t *Text) ColumnHas(words []string) (string, bool) {
	if t.columnNorm == "" {
		return "", false
	}
	for _, w := range words {
		if strings.Contains(t.columnNorm, w) {
			return w, true
		}
	}
	return "", false
}

// Reason describes the keyword, for a finding's reasons.
func (k Keyword) Reason() string {
	return "keyword " + k.Word + " within " + strconv.Itoa(k.Distance) + " chars"
}

// Context looks for the usual evidence around a candidate: one of words
// within window characters, and one of columnWords in the column name. It
// appends the reason for each to reasons and reports whether either was found.
func (t *Text) Context(reasons []string, c Candidate, words []string, window int, columnWords []string) ([]string, bool) {
	found := false
	if k, ok := t.KeywordNear(words, c.Start, c.End, window); ok {
		reasons = append(reasons, k.Reason())
		found = true
	}
	if w, ok := t.ColumnHas(columnWords); ok {
		reasons = append(reasons, ColumnReason(w))
		found = true
	}
	return reasons, found
}

// ColumnReason is the reason for a column-name match.
func ColumnReason(word string) string {
	if r, ok := columnReasons.Load(word); ok {
		return r.(string)
	}
	r := "column name matches " + word
	if columnReasonCount.Add(1) <= maxColumnReasons {
		columnReasons.Store(strings.Clone(word), r)
	}
	return r
}

// columnReasons interns ColumnReason's strings: the words come from the
// detectors' fixed lists, and a finding per cell would otherwise allocate
// the same string a million times. The bound is for a caller that passes
// something else.
var (
	columnReasons     sync.Map
	columnReasonCount atomic.Int64
)

const maxColumnReasons = 4096

// lowered returns s with ASCII letters lowercased, in t's scratch buffer: the
// result is valid only until the next call, which keeps keyword search free
// of allocations.
func (t *Text) lowered(s string) string {
	t.scratch = append(t.scratch[:0], s...)
	for i, c := range t.scratch {
		if c >= 'A' && c <= 'Z' {
			t.scratch[i] = c + 32
		}
	}
	return unsafe.String(unsafe.SliceData(t.scratch), len(t.scratch))
}

// HasPrefixFold reports whether s starts with lower, comparing ASCII
// letters case-insensitively; lower must be lowercase.
func HasPrefixFold(s, lower string) bool {
	if len(s) < len(lower) {
		return false
	}
	for i := 0; i < len(lower); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 32
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}
