package formats

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzHeader decides arbitrary first rows of CSV and TSV files. A column
// name is never data (no at sign, no run of 7 digits) and never longer than
// maxColumnName; header cells are labels in no column, on the first row.
// For CSV that encoding/csv reads, the labels are exactly the first row's
// non-blank cells when the header rule (looksLikeData, the cell and row
// limits) takes it for a header, and there are none otherwise.
func FuzzHeader(f *testing.F) {
	for _, s := range []string{
		"氏名,電話番号\n山田太郎,090-1234-5678\n",
		"山田太郎,090-1234-5678\n佐藤,03-1111-2222\n",
		"name,mail\nx,a@example.jp\n", "a@example.jp,name\n",
		"1,2,name\n", "id,１２３４５６７,x\n", " 氏名 ,,\"電話\n番号\"\n", "\"" + strings.Repeat("長", 400) + "\",b\n",
		"名前\t住所\n山田\t東京都\n", "￥1,000,2%,x\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		const limit = 16
		for _, name := range []string{"f.csv", "f.tsv"} {
			res := fuzzRead(t, name, data, limit)
			if res.info.Format != FormatCSV && res.info.Format != FormatTSV {
				return
			}
			firstLabel := int64(0)
			for _, rec := range res.recs {
				if rec.err != nil {
					continue
				}
				c := rec.loc.Column
				if carriesData(c) || len(c) > maxColumnName || utf8.Valid(data) && !utf8.ValidString(c) {
					t.Fatalf("%s: column name %q (%d bytes)", name, c, len(c))
				}
				if !rec.label {
					continue
				}
				if firstLabel == 0 {
					firstLabel = rec.loc.Line
				}
				if c != "" || rec.loc.Line != firstLabel {
					t.Fatalf("%s: label %q in column %q at line %d (first label at %d)", name, rec.data, c, rec.loc.Line, firstLabel)
				}
			}
		}
		if got, want := csvLabels(t, data, limit), headerCells(data, limit); want != nil && got != *want {
			t.Fatalf("header labels %s, want %s", got, *want)
		}
	})
}

// csvLabels lists the labels parse passes for data read as CSV.
func csvLabels(t *testing.T, data []byte, limit int) string {
	var b strings.Builder
	for _, rec := range fuzzRead(t, "f.csv", data, limit).recs {
		if rec.err == nil && rec.label {
			fmt.Fprintf(&b, "%q ", rec.data)
		}
	}
	return b.String()
}

// headerCells is what the header rule makes of the first row encoding/csv
// reads: its non-blank cells, cut at the limit, if it names the columns,
// else nothing. nil when encoding/csv does not read data, or parse would
// not read it as plain UTF-8, or it holds a CR (encoding/csv drops the CR
// of a CRLF in a quoted cell, which changes the cell's length).
func headerCells(data []byte, limit int) *string {
	if !plainUTF8(data) || bytes.IndexByte(data, '\r') >= 0 {
		return nil
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	row, err := r.Read()
	if err != nil {
		return nil
	}
	cells := make([][]byte, len(row))
	total := 0
	tooLong := false
	for i, c := range row {
		cells[i] = []byte(c)
		total += len(c)
		tooLong = tooLong || len(c) > maxHeaderCell
	}
	var b strings.Builder
	if !tooLong && total <= maxHeaderBytes && !looksLikeData(cells) {
		for _, c := range cells {
			for len(c) > 0 {
				n := len(c)
				if n > limit {
					n = runeCut(c[:limit])
				}
				fmt.Fprintf(&b, "%q ", c[:n])
				c = c[n:]
			}
		}
	}
	s := b.String()
	return &s
}
