package mysql

import "strings"

// Database grants name LIKE patterns: how specific one is, and what it
// matches, as the server decides both.

// dbPatternRank is how specific a database pattern is: the server tries
// an account's database grants highest first.
func dbPatternRank(pattern string, mariadb bool) int64 {
	if mariadb {
		return -mariadbMagicSort(pattern)
	}
	return mysqlSort(pattern)
}

// mysqlSort is MySQL's get_sort of a pattern: a name without wildcards
// 128, else the position of the first wildcard plus two (1 for just %),
// nothing 0.
func mysqlSort(pattern string) int64 {
	for i := 0; i < len(pattern); i++ {
		switch pattern[i] {
		case '\\':
			if i+1 < len(pattern) {
				i++
			}
		case '%', '_':
			if pattern == "%" {
				return 1
			}
			return int64(min(i+2, 127))
		}
	}
	if pattern == "" {
		return 0
	}
	return 128
}

// mariadbMagicSort is MariaDB's get_magic_sort (10.4+) of a database
// pattern, smallest for the most specific: it ranks patterns by how many
// names they match, from the count of literal characters, of _ and of runs
// of %, and the length of the literal prefix to break ties.
func mariadbMagicSort(pattern string) int64 {
	const maxLen = 64 // mysql.db.Db is CHAR(64)
	var literal, one, many, prefix int64
	for i := 0; i < len(pattern); i++ {
		switch {
		case pattern[i] == '%':
			if many == 0 && one == 0 {
				prefix = literal
			}
			many++
			for i+1 < len(pattern) && pattern[i+1] == '%' {
				i++
			}
			continue
		case pattern[i] == '_':
			if many == 0 && one == 0 {
				prefix = literal
			}
			one++
			continue
		case pattern[i] == '\\' && i+1 < len(pattern):
			i++
		}
		literal++
	}
	many, one = min(many, 31), min(one, 31)
	var free int64 // how many characters the % may take
	if many > 0 {
		free = max(maxLen-literal-one, 0)
	}
	const d, d1 = maxLen + 1, 32
	if free > one {
		return (((free*2+1)*d+many)*d1+one)*d + prefix
	}
	return ((one*2*d+free)*d1+many)*d + prefix
}

// likeToken is one element of a LIKE pattern.
type likeToken struct {
	lit      rune
	one, any bool // _ and %
}

func likeTokens(pattern string) []likeToken {
	var toks []likeToken
	rs := []rune(pattern)
	for i := 0; i < len(rs); i++ {
		switch {
		case rs[i] == '\\' && i+1 < len(rs):
			i++
			toks = append(toks, likeToken{lit: rs[i]})
		case rs[i] == '_':
			toks = append(toks, likeToken{one: true})
		case rs[i] == '%':
			toks = append(toks, likeToken{any: true})
		default:
			toks = append(toks, likeToken{lit: rs[i]})
		}
	}
	return toks
}

// matchLike matches s against a LIKE pattern: % any run of characters, _
// any one, \ makes the next one literal. Case is compared as given.
func matchLike(pattern, s string) bool {
	p, rs := likeTokens(pattern), []rune(s)
	pi, si := 0, 0
	star, mark := -1, 0 // the last % seen, and where in s it was tried
	for si < len(rs) {
		switch {
		case pi < len(p) && p[pi].any:
			star, mark = pi, si
			pi++
		case pi < len(p) && (p[pi].one || p[pi].lit == rs[si]):
			pi++
			si++
		case star >= 0: // let the last % take one more character
			mark++
			pi, si = star+1, mark
		default:
			return false
		}
	}
	for pi < len(p) && p[pi].any {
		pi++
	}
	return pi == len(p)
}

// unescapeLike drops a pattern's escapes.
func unescapeLike(pattern string) string {
	var b strings.Builder
	for _, t := range likeTokens(pattern) {
		switch {
		case t.one:
			b.WriteByte('_')
		case t.any:
			b.WriteByte('%')
		default:
			b.WriteRune(t.lit)
		}
	}
	return b.String()
}
