package formats

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"github.com/pmscan/pmscan/connectors"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/japanese"
)

const benchRows = 100000

func benchText() []byte {
	var b bytes.Buffer
	for i := range benchRows {
		fmt.Fprintf(&b, "%d 顧客 山田太郎様 (ﾔﾏﾀﾞ ﾀﾛｳ) 東京都千代田区丸の内1-%d 電話 090-1234-%04d 備考: ご連絡は平日のみ。\n", i, i%100, i%10000)
	}
	return b.Bytes()
}

func benchCSV() []byte {
	var b bytes.Buffer
	b.WriteString("id,氏名,フリガナ,電話番号,メール,住所,備考\n")
	for i := range benchRows {
		fmt.Fprintf(&b, "%d,山田太郎,ヤマダタロウ,090-1234-%04d,taro%d@example.com,\"東京都千代田区丸の内1-%d\",\"平日のみ、\"\"至急\"\"\"\n", i, i%10000, i, i%100)
	}
	return b.Bytes()
}

func benchJSON() []byte {
	var b bytes.Buffer
	b.WriteString("{\"customers\": [\n")
	for i := range benchRows {
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, `  {"id": %d, "name": "山田太郎", "kana": "ヤマダタロウ", "contact": {"tel": "090-1234-%04d", "email": "taro%d@example.com"}, "address": "東京都千代田区丸の内1-%d", "tags": ["vip", "2024"], "active": true, "score": 12.5}`, i, i%10000, i, i%100)
	}
	b.WriteString("\n]}\n")
	return b.Bytes()
}

func bench(b *testing.B, name string, data []byte) {
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	var n int
	fn := func(r connectors.Record, err error) error {
		n += len(r.Data)
		return err
	}
	for b.Loop() {
		if _, err := parseNamed(context.Background(), bytes.NewReader(data), name, Options{}, fn); err != nil {
			b.Fatal(err)
		}
	}
	if n == 0 {
		b.Fatal("no records")
	}
}

func BenchmarkTextUTF8(b *testing.B) { bench(b, "a.txt", benchText()) }

func BenchmarkTextCP932(b *testing.B) {
	data, err := japanese.ShiftJIS.NewEncoder().Bytes(benchText())
	if err != nil {
		b.Fatal(err)
	}
	bench(b, "a.txt", data)
}

func BenchmarkTextEUCJP(b *testing.B) {
	data, err := japanese.EUCJP.NewEncoder().Bytes(benchText())
	if err != nil {
		b.Fatal(err)
	}
	bench(b, "a.txt", data)
}

func BenchmarkCSV(b *testing.B)  { bench(b, "a.csv", benchCSV()) }
func BenchmarkJSON(b *testing.B) { bench(b, "a.json", benchJSON()) }
func BenchmarkJSONL(b *testing.B) {
	bench(b, "a.jsonl", bytes.ReplaceAll(bytes.TrimSuffix(bytes.TrimPrefix(benchJSON(), []byte("{\"customers\": [\n")), []byte("\n]}\n")), []byte(",\n"), []byte("\n")))
}

// benchXLSX is the CSV benchmark's customers as a workbook, numbers stored
// as numbers, written by excelize's stream writer (inline strings). The
// MB/s are of the file as stored, which is compressed: about a tenth of the
// text it holds.
func benchXLSX(b *testing.B) []byte {
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	sw.SetRow("A1", []any{"id", "氏名", "フリガナ", "電話番号", "メール", "住所", "備考"})
	for i := range benchRows {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		sw.SetRow(cell, []any{i, "山田太郎", "ヤマダタロウ", 9012340000 + i%10000, fmt.Sprintf("taro%d@example.com", i),
			fmt.Sprintf("東京都千代田区丸の内1-%d", i%100), "平日のみ、\"至急\""})
	}
	if err := sw.Flush(); err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

func BenchmarkXLSX(b *testing.B) { bench(b, "a.xlsx", benchXLSX(b)) }
