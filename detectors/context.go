package detectors

import (
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// Keyword is a context word found near a candidate.
type Keyword struct {
	Word     string
	Distance int // in characters between the keyword and the candidate
}

// KeywordNear finds the nearest of words (normalised, ASCII lowercase) within
// window characters before Norm[start] or after Norm[end].
func (t *Text) KeywordNear(words []string, start, end, window int) (Keyword, bool) {
	lo := start
	for n := 0; n < window && lo > 0; n++ {
		_, size := utf8.DecodeLastRuneInString(t.Norm[:lo])
		lo -= size
	}
	hi := end
	for n := 0; n < window && hi < len(t.Norm); n++ {
		_, size := utf8.DecodeRuneInString(t.Norm[hi:])
		hi += size
	}
	before := t.lowered(t.Norm[lo:start])
	best, found := Keyword{}, false
	for _, w := range words {
		if i := strings.LastIndex(before, w); i >= 0 {
			d := utf8.RuneCountInString(before[i+len(w):])
			if !found || d < best.Distance {
				best, found = Keyword{w, d}, true
			}
		}
	}
	after := t.lowered(t.Norm[end:hi])
	for _, w := range words {
		if i := strings.Index(after, w); i >= 0 {
			d := utf8.RuneCountInString(after[:i])
			if !found || d < best.Distance {
				best, found = Keyword{w, d}, true
			}
		}
	}
	return best, found
}

// lowered returns s with ASCII letters lowercased, in t's scratch buffer: the
// result is valid only until the next call, which keeps KeywordNear free of
// allocations.
func (t *Text) lowered(s string) string {
	t.scratch = append(t.scratch[:0], s...)
	for i, c := range t.scratch {
		if c >= 'A' && c <= 'Z' {
			t.scratch[i] = c + 32
		}
	}
	return unsafe.String(unsafe.SliceData(t.scratch), len(t.scratch))
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

// ColumnReason is the reason for a column-name match.
func ColumnReason(word string) string { return "column name matches " + word }
