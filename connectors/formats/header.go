package formats

import "bytes"

// The header layer sits above the tokenizers of tables (CSV and TSV here;
// workbooks ask looksLikeData directly, having whole rows): it decides once
// per table whether the first row names the columns, and names the cells
// below. Header cells go to detectors as labels (Record.Label, no column):
// the name of a column is not one of its values.

const (
	maxHeaderCell  = 1 << 10   // a longer first-row cell is data, not a column name
	maxHeaderBytes = 256 << 10 // a longer first row is data
	maxColumnName  = 128
)

// headed receives a table's cells from its tokenizer, holds the first row
// until it ends, and emits every cell with its column's name.
type headed struct {
	em      *emitter
	max     int              // record limit
	unnamed func(int) string // names a column the header does not: "#3"

	first bool     // the first row is being held
	hdr   []byte   // its cells, concatenated
	ends  []int    // where each of its cells ends in hdr
	cols  []string // column names; past its end, unnamed
}

func (h *headed) reset(em *emitter, max int, unnamed func(int) string) {
	clear(h.cols)
	*h = headed{em: em, max: max, unnamed: unnamed, first: true,
		hdr: h.hdr[:0], ends: h.ends[:0], cols: h.cols[:0]}
}

// piece takes a piece of the cell in column col of the row starting at
// line row.
func (h *headed) piece(row int64, col int, data []byte) error {
	if h.first {
		start := 0
		if len(h.ends) > 0 {
			start = h.ends[len(h.ends)-1]
		}
		if len(h.hdr)-start+len(data) <= maxHeaderCell && len(h.hdr)+len(data) <= maxHeaderBytes {
			h.hdr = append(h.hdr, data...)
			return nil
		}
		// Too long for a header: the first row is data.
		if err := h.flushFirstRow(row, true); err != nil {
			return err
		}
	}
	return h.em.emit(row, h.column(col), data)
}

// endCell closes the current cell.
func (h *headed) endCell() {
	if h.first {
		h.ends = append(h.ends, len(h.hdr))
	}
}

// endRow closes the row starting at line row; the first row is then
// judged: a header unless it looks like data.
func (h *headed) endRow(row int64) error {
	if !h.first {
		return nil
	}
	cells := make([][]byte, len(h.ends))
	start := 0
	for i, end := range h.ends {
		cells[i] = h.hdr[start:end]
		start = end
	}
	if looksLikeData(cells) {
		return h.flushFirstRow(row, false)
	}
	h.first = false
	// Name the columns before the cells go out: a label's Data is the held
	// row itself, which the callback may overwrite.
	for i, cell := range cells {
		h.cols = append(h.cols, columnName(cell, i, h.unnamed))
	}
	for _, cell := range cells {
		if err := h.emitChunks(row, "", true, cell); err != nil {
			return err
		}
	}
	return nil
}

// columnName is the name a header cell gives the i-th column: the cell's
// text, trimmed and cut to maxColumnName bytes, or unnamed(i) when blank.
func columnName(cell []byte, i int, unnamed func(int) string) string {
	name := bytes.TrimSpace(cell)
	if len(name) == 0 {
		return unnamed(i)
	}
	if len(name) > maxColumnName {
		name = name[:runeCut(name[:maxColumnName])]
	}
	return string(name)
}

// column names the i-th (0-based) column.
func (h *headed) column(i int) string {
	if i < len(h.cols) {
		return h.cols[i]
	}
	if i >= 4096 {
		return h.unnamed(i)
	}
	for len(h.cols) <= i {
		h.cols = append(h.cols, h.unnamed(len(h.cols)))
	}
	return h.cols[i]
}

// flushFirstRow emits the held first-row cells as data, in unnamed
// columns. partial says the current cell is still open: its part is
// emitted too.
func (h *headed) flushFirstRow(row int64, partial bool) error {
	h.first = false
	start := 0
	for i, end := range h.ends {
		if err := h.emitChunks(row, h.column(i), false, h.hdr[start:end]); err != nil {
			return err
		}
		start = end
	}
	if partial {
		return h.emitChunks(row, h.column(len(h.ends)), false, h.hdr[start:])
	}
	return nil
}

// emitChunks emits a held first-row cell in pieces of at most the limit.
func (h *headed) emitChunks(row int64, col string, label bool, cell []byte) error {
	for len(cell) > 0 {
		n := len(cell)
		if n > h.max {
			n = runeCut(cell[:h.max])
		}
		var err error
		if label {
			err = h.em.label(row, "", cell[:n])
		} else {
			err = h.em.emit(row, col, cell[:n])
		}
		if err != nil {
			return err
		}
		cell = cell[n:]
	}
	return nil
}

// looksLikeData says whether a first row is data rather than a header: a
// cell holds '@', or a run of 7 or more digits (separators allowed), or most
// cells are numbers. Column names must never come from data: they would
// carry personal data into locations. It is the one rule for CSV, TSV and
// workbooks.
func looksLikeData(cells [][]byte) bool {
	numeric, nonEmpty := 0, 0
	for _, cell := range cells {
		if len(bytes.TrimSpace(cell)) == 0 {
			continue
		}
		nonEmpty++
		if bytes.IndexByte(cell, '@') >= 0 || bytes.Contains(cell, fullwidthAt) {
			return true
		}
		if digitRun(cell) >= 7 {
			return true
		}
		if isNumber(cell) {
			numeric++
		}
	}
	return nonEmpty > 0 && numeric*2 > nonEmpty
}
