// Package units writes numbers for people (thousands separators and byte
// sizes in binary units, the same in the progress line and every report)
// and reads the sizes and lists people write on a command line.
package units

import (
	"fmt"
	"strconv"
	"strings"
)

// Thousands writes n with commas between groups of three digits: 1,234,567.
func Thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// Bytes writes n in binary units with one decimal: 512 B, 1.5 KiB, 12.3 GiB.
func Bytes(n int64) string {
	if n < 1024 {
		return strconv.FormatInt(n, 10) + " B"
	}
	v := float64(n)
	names := []string{"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"}
	u := -1
	for v >= 1023.95 && u < len(names)-1 { // 1023.96 KiB is 1.0 MiB, not 1024.0 KiB
		v /= 1024
		u++
	}
	return fmt.Sprintf("%.1f %s", v, names[u])
}
