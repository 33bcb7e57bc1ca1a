package text

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/pmscan/pmscan/internal/safetext"
	"github.com/pmscan/pmscan/reports/inventory"
)

// maxReadShown bounds the objects an incremental scan's summary lists as
// read, with why; the state store and the JSON report keep more.
const maxReadShown = 20

// writeChanges writes what an incremental scan read, why, and what it
// carried over unchanged.
func writeChanges(b *strings.Builder, l *labels, c *inventory.Changes) {
	if c == nil {
		return
	}
	line := l.changes(c)
	if len(c.Reasons) > 0 {
		var parts []string
		for _, r := range inventory.ByCount(c.Reasons) {
			name := l.readReasons[r]
			if name == "" {
				name = r
			}
			parts = append(parts, fmt.Sprintf("%s %d", name, c.Reasons[r]))
		}
		line += ": " + strings.Join(parts, ", ")
	}
	b.WriteString("\n" + safetext.Name(line) + "\n")
	rows := [][]string{}
	for i, r := range c.ReadObjects {
		if i == maxReadShown {
			break
		}
		name := l.readReasons[r.Reason]
		if name == "" {
			name = r.Reason
		}
		rows = append(rows, []string{name, r.Name, r.Detail})
	}
	safetext.WriteTable(b, "  ", rows)
	if n := c.Read - int64(min(len(c.ReadObjects), maxReadShown)); n > 0 {
		b.WriteString("  " + l.more(int(n)) + "\n")
	}
}

// scanList writes scan IDs as "2" or "2, 3".
func scanList(ids []int64) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(s, ", ")
}
