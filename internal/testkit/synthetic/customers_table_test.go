package synthetic

import (
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pmscan/pmscan/detectors/checkdigit"
)

func TestCustomerTableColumns(t *testing.T) {
	cols := CustomerTableColumns()
	want := []string{"id", "氏名", "フリガナ", "性別", "生年月日", "郵便番号", "住所", "電話番号", "携帯電話",
		"メールアドレス", "個人番号", "勤務先", "登録日", "最終購入日", "購入金額", "購入回数", "会員ランク", "備考", "更新者"}
	var got []string
	for _, c := range cols {
		got = append(got, c.Name)
		if c.PostgresType == "" || c.MySQLType == "" {
			t.Errorf("column %s has no type: %+v", c.Name, c)
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("columns %q, want %q", got, want)
	}
	cols[0].Name = "changed"
	if CustomerTableColumns()[0].Name != "id" {
		t.Error("CustomerTableColumns returns its own slice, not a copy")
	}
}

func TestCustomerTableRowDeterministic(t *testing.T) {
	// Rows drawn in another order, with other rows between, are the same.
	var first [][]any
	for id := int64(1); id <= 50; id++ {
		first = append(first, CustomerTableRow(nil, 7, id))
	}
	buf := make([]any, 0, 32)
	for id := int64(50); id >= 1; id-- {
		CustomerTableRow(buf[:0], 7, id+1000)
		buf = CustomerTableRow(buf[:0], 7, id)
		if !reflect.DeepEqual(buf, first[id-1]) {
			t.Fatalf("row %d differs when drawn again:\n%v\n%v", id, buf, first[id-1])
		}
	}
	// Different ids and different seeds give different rows.
	seen := map[string]int64{}
	for id := int64(1); id <= 1000; id++ {
		key := rowKey(CustomerTableRow(nil, 7, id))
		if prev, ok := seen[key]; ok {
			t.Fatalf("rows %d and %d are equal apart from the id", prev, id)
		}
		seen[key] = id
	}
	if rowKey(CustomerTableRow(nil, 7, 1)) == rowKey(CustomerTableRow(nil, 8, 1)) {
		t.Error("seeds 7 and 8 give the same row 1")
	}
}

// rowKey is the row without its id, as a string.
func rowKey(row []any) string {
	var b strings.Builder
	for _, v := range row[1:] {
		b.WriteString(formatValue(v))
		b.WriteByte('|')
	}
	return b.String()
}

func formatValue(v any) string {
	switch v := v.(type) {
	case nil:
		return "NULL"
	case int64:
		return strconv.FormatInt(v, 10)
	case string:
		return v
	case time.Time:
		return v.Format(time.DateTime)
	}
	return "?"
}

func TestCustomerTableRowValues(t *testing.T) {
	const n = 10000
	cols := CustomerTableColumns()
	nulls := make([]int, len(cols))
	var memos, textBytes int
	var row []any
	for id := int64(1); id <= n; id++ {
		row = CustomerTableRow(row[:0], 1, id)
		if len(row) != len(cols) {
			t.Fatalf("row %d has %d values, want %d", id, len(row), len(cols))
		}
		if row[0] != id {
			t.Fatalf("row %d has id %v", id, row[0])
		}
		for i, v := range row {
			c := cols[i]
			if v == nil {
				nulls[i]++
				continue
			}
			textBytes += len(formatValue(v))
			var ok bool
			switch v := v.(type) {
			case int64:
				ok = c.PostgresType == "bigint" || c.PostgresType == "integer"
				if c.PostgresType == "integer" && (v < -1<<31 || v >= 1<<31) {
					t.Errorf("row %d %s: %d overflows integer", id, c.Name, v)
				}
			case string:
				ok = c.PostgresType == "text" || strings.HasPrefix(c.PostgresType, "varchar")
				if n, found := strings.CutPrefix(c.PostgresType, "varchar("); found {
					max, _ := strconv.Atoi(strings.TrimSuffix(n, ")"))
					if len([]rune(v)) > max {
						t.Errorf("row %d %s: %q is longer than %s", id, c.Name, v, c.PostgresType)
					}
				}
			case time.Time:
				ok = c.PostgresType == "date" || c.PostgresType == "timestamp"
				if v.Location() != time.UTC || v.Nanosecond() != 0 ||
					(c.PostgresType == "date" && !v.Equal(v.Truncate(24*time.Hour))) {
					t.Errorf("row %d %s: %v is not a whole UTC %s", id, c.Name, v, c.PostgresType)
				}
			}
			if !ok {
				t.Fatalf("row %d %s: %T value for a %s column", id, c.Name, v, c.PostgresType)
			}
		}
		if s, ok := row[colMyNumber].(int64); ok {
			if n := strconv.FormatInt(s, 10); len(n) != 12 || !checkdigit.ValidMyNumber(n) {
				t.Errorf("row %d: 個人番号 %s is not a valid My Number", id, n)
			}
		}
		if m, ok := row[colMobile].(int64); ok {
			if s := strconv.FormatInt(m, 10); len(s) != 10 || !strings.ContainsRune("789", rune(s[0])) {
				t.Errorf("row %d: 携帯電話 %s is not a mobile number without its 0", id, s)
			}
		}
		if s, ok := row[colNote].(string); ok && s != "" {
			memos++
		}
	}
	share := func(i int) float64 { return float64(nulls[i]) / n }
	for _, c := range []struct {
		col    int
		lo, hi float64
	}{
		{colID, 0, 0},
		{colName, 0, 0},
		{colAddress, 0, 0},
		{colRegistered, 0, 0},
		{colBirth, 0.67, 0.73}, // identifiers in ~30% of rows
		{colPostal, 0.67, 0.73},
		{colPhone, 0.67, 0.73},
		{colEmail, 0.67, 0.73},
		{colMobile, 0.47, 0.53},
		{colMyNumber, 0.94, 0.96},
		{colLastPurchase, 0.08, 0.12},
		{colNote, 0.27, 0.33},
	} {
		if got := share(c.col); got < c.lo || got > c.hi {
			t.Errorf("%s is NULL in %.3f of rows, want %.2f to %.2f", cols[c.col].Name, got, c.lo, c.hi)
		}
	}
	if got := float64(memos) / n; got < 0.08 || got > 0.12 {
		t.Errorf("備考 holds a memo in %.3f of rows, want about 0.1", got)
	}
	t.Logf("rows average %d bytes as text", textBytes/n)
	if avg := textBytes / n; avg < 200 || avg > 350 {
		t.Errorf("rows average %d bytes as text, want 200 to 350", avg)
	}
}

func BenchmarkCustomerTableRow(b *testing.B) {
	row := make([]any, 0, 32)
	var id int64
	for b.Loop() {
		id++
		row = CustomerTableRow(row[:0], 1, id)
	}
}
