package sqldb

import "testing"

func TestSampledPart(t *testing.T) {
	for _, tt := range []struct {
		n         int
		rows, est int64
		want      bool
	}{
		{0, 5000, 10000, false}, // no sample: every row read
		{200, 200, 50000, true}, // the sample's cap, of many more
		{200, 180, 50000, true}, // TABLESAMPLE blocks gave fewer than asked, of many more
		{200, 200, -1, true},    // the cap, the count unknown
		{200, 200, 200, false},  // exactly the table
		{200, 50, 50, false},    // a small table, read whole
		{200, 50, -1, false},    // a small table, read whole, no count
		{200, 50, 0, false},     // never analysed: counts 0
	} {
		if got := sampledPart(tt.n, tt.rows, tt.est); got != tt.want {
			t.Errorf("sampledPart(%d, %d, %d) = %v, want %v", tt.n, tt.rows, tt.est, got, tt.want)
		}
	}
}
