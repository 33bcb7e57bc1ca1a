package custom

import (
	"regexp/syntax"
	"strings"
	"unicode/utf8"
)

// A rule's pattern runs only on text that could hold a match: one with
// the longest literal every match contains (in "\bM-?[0-9]{8}\b", "m"),
// found by the Set's keyword prefilter in one pass for all detectors, or,
// without such a literal, one with a digit when every match needs one.
// Fifty rules run on every cell of a table cost the pipeline four fifths
// of its speed; behind the prefilter, next to nothing (README,
// Performance).

// requiredLiteral is the longest literal every match of re contains, or "".
func requiredLiteral(re *syntax.Regexp) string {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			for _, r := range re.Rune {
				if r >= utf8.RuneSelf {
					return "" // the prefilter folds ASCII only
				}
			}
		}
		return string(re.Rune)
	case syntax.OpCapture:
		return requiredLiteral(re.Sub[0])
	case syntax.OpPlus:
		return requiredLiteral(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return requiredLiteral(re.Sub[0])
		}
	case syntax.OpConcat:
		best, run := "", ""
		for _, sub := range re.Sub {
			if sub.Op == syntax.OpLiteral {
				if lit := requiredLiteral(sub); lit != "" {
					run += lit // adjacent literals make one
					continue
				}
			}
			best, run = longer(best, run), ""
			best = longer(best, requiredLiteral(sub))
		}
		return longer(best, run)
	}
	return ""
}

func longer(a, b string) string {
	if utf8.RuneCountInString(b) > utf8.RuneCountInString(a) {
		return b
	}
	return a
}

// needsDigit reports whether every match of re holds an ASCII digit.
func needsDigit(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpLiteral:
		return strings.ContainsAny(string(re.Rune), "0123456789")
	case syntax.OpCharClass:
		// Pairs of ranges, all inside 0-9.
		for i := 0; i+1 < len(re.Rune); i += 2 {
			if re.Rune[i] < '0' || re.Rune[i+1] > '9' {
				return false
			}
		}
		return len(re.Rune) > 0
	case syntax.OpCapture, syntax.OpPlus:
		return needsDigit(re.Sub[0])
	case syntax.OpRepeat:
		return re.Min >= 1 && needsDigit(re.Sub[0])
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			if needsDigit(sub) {
				return true
			}
		}
	case syntax.OpAlternate:
		for _, sub := range re.Sub {
			if !needsDigit(sub) {
				return false
			}
		}
		return len(re.Sub) > 0
	}
	return false
}

// prefilter works out the rule's gate from its pattern.
func (c *compiled) prefilter(pattern string) {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return // regexp.Compile took it; nothing to gain
	}
	re = re.Simplify()
	if lit := requiredLiteral(re); strings.TrimSpace(lit) != "" {
		c.literal = strings.ToLower(lit)
	}
	c.digit = needsDigit(re)
}
