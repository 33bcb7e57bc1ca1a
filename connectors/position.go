package connectors

import (
	"strconv"
	"strings"
)

// Position describes where inside its object l is, for people: "row
// {"id":42}" or "row #7" in a table, "line 12" in text, "Sheet1!C12" in a
// workbook, "body ¶3" or "page 2" in a document; "" for the object itself.
// The column is not part of it.
func (l Location) Position() string {
	var parts []string
	switch {
	case l.Row != "":
		parts = append(parts, "row "+string(l.Row))
	case l.RowNumber > 0:
		parts = append(parts, "row #"+strconv.FormatInt(l.RowNumber, 10))
	}
	if l.Line > 0 {
		parts = append(parts, "line "+strconv.FormatInt(l.Line, 10))
	}
	if l.Sheet != "" {
		parts = append(parts, l.Sheet+"!"+l.Cell)
	}
	if l.Part != "" {
		p := l.Part
		if l.Paragraph > 0 {
			p += " ¶" + strconv.Itoa(l.Paragraph)
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, " ")
}

// String names l for people: the object's name, the position inside it,
// and the column in brackets.
func (l Location) String() string {
	var b strings.Builder
	if l.Object != nil {
		b.WriteString(l.Object.Name())
	}
	if p := l.Position(); p != "" {
		b.WriteByte(' ')
		b.WriteString(p)
	}
	if l.Column != "" {
		b.WriteString(" [")
		b.WriteString(l.Column)
		b.WriteByte(']')
	}
	return b.String()
}
