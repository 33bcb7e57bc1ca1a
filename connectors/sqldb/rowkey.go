package sqldb

import (
	"encoding/hex"
	"unicode/utf8"

	"github.com/pmscan/pmscan/connectors"
)

// rowKey renders the key columns of one row as a JSON object in key order.
// Integers stay numbers; text that is not UTF-8 (a binary key) becomes a
// "0x…" hex string.
func rowKey(buf []byte, t *Table, vals [][]byte) ([]byte, connectors.RowKey) {
	buf = append(buf[:0], '{')
	for i, pos := range t.keySel {
		col := &t.Columns[t.Key[i]]
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = appendJSONString(buf, col.Name)
		buf = append(buf, ':')
		v := vals[pos]
		switch {
		case v == nil:
			buf = append(buf, "null"...)
		case col.Kind == KindNumber && isInteger(v):
			buf = append(buf, v...)
		case !utf8.Valid(v):
			buf = append(buf, `"0x`...)
			buf = hex.AppendEncode(buf, v)
			buf = append(buf, '"')
		default:
			buf = appendJSONString(buf, string(v))
		}
	}
	buf = append(buf, '}')
	return buf, connectors.RowKey(buf)
}

func isInteger(v []byte) bool {
	if len(v) > 0 && v[0] == '-' {
		v = v[1:]
	}
	if len(v) == 0 || len(v) > 1 && v[0] == '0' {
		return false
	}
	for _, c := range v {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// appendJSONString appends s as a JSON string, keeping UTF-8 as is.
func appendJSONString(b []byte, s string) []byte {
	const hexDigits = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c < 0x20:
			b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}
