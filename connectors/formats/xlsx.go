package formats

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/pmscan/pmscan/connectors"
)

// FormatXLSX names Excel workbooks (xlsx, xlsm) in ObjectStats.Format.
const FormatXLSX = "xlsx"

// Limits on one workbook. A workbook is a zip: excelize needs it whole in
// memory, and a small file can unzip to gigabytes, so both are bounded.
const (
	maxWorkbookBytes = 256 << 20 // the file as stored
	maxUnzipBytes    = 1 << 30   // everything it unzips to
	// maxSheetXMLBytes is the largest worksheet excelize unzips into
	// memory; larger ones go to a temporary file.
	maxSheetXMLBytes = 16 << 20
)

// isWorkbook says whether an object is an Excel workbook to parse: a zip
// whose name says xlsx or xlsm.
func isWorkbook(in *input) bool {
	return bytes.HasPrefix(in.head, []byte("PK\x03\x04")) && (in.ext == ".xlsx" || in.ext == ".xlsm")
}

// parseXLSX emits one record per non-empty cell of every sheet, located by
// sheet and cell (C12). The first non-blank row of a sheet is its header
// unless it looks like data (looksLikeData, the rule of CSV files): its
// cells are then labels and name the columns below, as a CSV header does.
//
// Cells are read as stored, not as displayed: a phone number typed as a
// number is 9012345678 (the phone detector restores the 0 in a phone
// column) and a My Number shown as 1.23457E+11 is read as its 12 digits.
// Digits beyond Excel's 15 are lost in the file itself.
func parseXLSX(ctx context.Context, r io.Reader, obj *connectors.Object, limit int, em *emitter) error {
	data, err := io.ReadAll(io.LimitReader(r, maxWorkbookBytes+1))
	if err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	if len(data) > maxWorkbookBytes {
		return connectors.TooLarge("workbook larger than %s: not read", sizeName(maxWorkbookBytes))
	}
	return guard(ctx, "workbook", em, func(em *emitter) error { return readWorkbook(ctx, data, obj, limit, em) })
}

// readWorkbook emits the cells of the workbook in data; see parseXLSX.
//
// excelize takes no context. It copies the workbook into memory through a
// source (source.go), which a cancelled scan stops at its next read; the
// rest of its work is on that copy, checked between rows here, and left
// to guard where one call runs long (a huge part decoded at once).
func readWorkbook(ctx context.Context, data []byte, obj *connectors.Object, limit int, em *emitter) error {
	src := newSource(ctx, data, 4*int64(len(data))+1<<20, errXLSXWork)
	f, err := excelize.OpenReader(io.NewSectionReader(src, 0, src.Size()), excelize.Options{
		UnzipSizeLimit:    maxUnzipBytes,
		UnzipXMLSizeLimit: maxSheetXMLBytes,
	})
	if err != nil {
		if strings.Contains(err.Error(), "password") || strings.Contains(err.Error(), "encrypt") {
			return connectors.Skip("encrypted workbook: %v", err)
		}
		if strings.Contains(err.Error(), "unzip size exceeds") {
			return connectors.TooLarge("workbook unzips to more than %s: not read", sizeName(maxUnzipBytes))
		}
		return fmt.Errorf("xlsx: %w", err)
	}
	defer f.Close()
	data = nil
	em.rec.Lines = false
	for _, sheet := range f.GetSheetList() {
		if err := parseSheet(ctx, f, sheet, obj, limit, em); err != nil {
			return err
		}
	}
	return nil
}

// errXLSXWork is the failure of a workbook excelize read more than a few
// times over, which it does not do.
var errXLSXWork = errors.New("xlsx: the library kept re-reading the workbook: not read further")

func parseSheet(ctx context.Context, f *excelize.File, sheet string, obj *connectors.Object, limit int, em *emitter) error {
	rows, err := f.Rows(sheet)
	if err != nil {
		return em.failAt(sheet, "", fmt.Errorf("xlsx: sheet %q: %w", sheet, err))
	}
	defer rows.Close()
	em.rec.Loc = connectors.At(obj)
	em.rec.Loc.Sheet = sheet
	var header []string
	headerDone, isHeader := false, false
	for row := 1; rows.Next(); row++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return em.failAt(sheet, "", fmt.Errorf("xlsx: sheet %q row %d: %w", sheet, row, err))
		}
		isHeader = false
		if !headerDone && !blankRow(cells) {
			headerDone = true
			if !looksLikeData(byteCells(cells)) {
				header, isHeader = cells, true
			}
		}
		for col, v := range cells {
			if strings.TrimSpace(v) == "" {
				continue
			}
			cell, err := excelize.CoordinatesToCellName(col+1, row)
			if err != nil {
				return err
			}
			column := ""
			if !isHeader {
				column = sheetColumn(header, col)
			}
			for v != "" {
				n := cutAt(v, limit)
				if err := em.emitCell(cell, column, isHeader, v[:n]); err != nil {
					return err
				}
				v = v[n:]
			}
		}
	}
	if err := rows.Error(); err != nil {
		return em.failAt(sheet, "", fmt.Errorf("xlsx: sheet %q: %w", sheet, err))
	}
	return nil
}

func blankRow(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

func byteCells(cells []string) [][]byte {
	b := make([][]byte, len(cells))
	for i, c := range cells {
		b[i] = []byte(c)
	}
	return b
}

// sheetColumn names the col-th (0-based) column: its header cell, or its
// letter.
func sheetColumn(header []string, col int) string {
	if col < len(header) && strings.TrimSpace(header[col]) != "" {
		return columnName([]byte(header[col]), col, nil)
	}
	name, _ := excelize.ColumnNumberToName(col + 1)
	return name
}

// cutAt is the length of the first piece of v of at most limit bytes,
// ending at a rune boundary: a cell holds up to 32,767 characters.
func cutAt(v string, limit int) int {
	if len(v) <= limit {
		return len(v)
	}
	n := limit
	for n > 0 && !utf8.RuneStart(v[n]) {
		n--
	}
	return max(n, 1)
}

// emitCell hands one cell, or a piece of it, to fn; a header cell as a
// label.
func (e *emitter) emitCell(cell, column string, label bool, v string) error {
	rec := e.rec
	rec.Loc.Cell = cell
	rec.Loc.Column = column
	rec.Label = label
	rec.Data = []byte(v)
	return e.send(rec)
}

// failAt reports a failure within a sheet; the workbook goes on.
func (e *emitter) failAt(sheet, cell string, err error) error {
	rec := connectors.Record{Loc: e.rec.Loc}
	rec.Loc.Sheet, rec.Loc.Cell = sheet, cell
	return e.fn(rec, err)
}
