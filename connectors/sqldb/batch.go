package sqldb

import (
	"unicode/utf8"

	"github.com/pmscan/pmscan/connectors"
)

// rowBatch carries rows of one table from a reader goroutine to the walk
// goroutine. Values are copied into one arena; batches go back to the
// reader that owns them.
type rowBatch struct {
	run   *tableRun
	arena []byte
	rows  []batchRow
	vals  []span // len(rows) * len(run.t.scanSel)

	// done closes the table: err is why it stopped early, or nil. unread
	// says the table was not read at all (the server was lost before it);
	// carried, that the baseline carried it over unread.
	done    bool
	unread  bool
	err     error
	carried *connectors.Carried
	// resume, on a table's first batch, is the earlier scan's checkpoint
	// the table is read on from. checkpoint, on a page's last batch, marks
	// a checkpoint after its rows: the key of the page's last row and the
	// rows read up to it.
	resume     *connectors.Carried
	checkpoint bool
	cpAfter    [][]byte
	cpRows     int64

	home chan *rowBatch // the owning reader's free batches
}

type batchRow struct {
	key connectors.RowKey // empty when the table has no key
	num int64             // 1-based position in scan order
}

// span locates a value in the arena; off < 0 is NULL.
type span struct{ off, end int32 }

const (
	batchBytes = 256 << 10
	batchRows  = 2048
	// batchesPerReader is how many batches each reader owns: how far it
	// may read ahead of the walk goroutine.
	batchesPerReader = 4
)

func (b *rowBatch) full() bool { return len(b.arena) >= batchBytes || len(b.rows) >= batchRows }

func (b *rowBatch) reset() {
	b.run, b.done, b.unread, b.err, b.carried = nil, false, false, nil, nil
	b.resume, b.checkpoint, b.cpAfter, b.cpRows = nil, false, nil, 0
	b.arena = b.arena[:0]
	b.rows = b.rows[:0]
	b.vals = b.vals[:0]
}

// add copies the scanned values of one row.
func (b *rowBatch) add(t *Table, vals [][]byte, key connectors.RowKey, num int64) {
	b.rows = append(b.rows, batchRow{key: key, num: num})
	for _, pos := range t.scanSel {
		v := vals[pos]
		if v == nil {
			b.vals = append(b.vals, span{off: -1})
			continue
		}
		off := len(b.arena)
		b.arena = append(b.arena, v...)
		b.vals = append(b.vals, span{off: int32(off), end: int32(len(b.arena))})
	}
}

// capRunes cuts v to at most n runes and says whether it cut.
func capRunes(v []byte, n int) ([]byte, bool) {
	if len(v) <= n {
		return v, false
	}
	count := 0
	for i := range string(v) {
		if count == n {
			return v[:i], true
		}
		count++
	}
	return v, false
}

// recordChunk is how much of one value a record carries: the detectors'
// window, as for file records.
const recordChunk = 64 << 10

// nextChunk returns the length of the first record-sized piece of v, cut
// after a newline or at a rune boundary.
func nextChunk(v []byte) int {
	if len(v) <= recordChunk {
		return len(v)
	}
	for i := recordChunk - 1; i >= recordChunk/2; i-- {
		if v[i] == '\n' {
			return i + 1
		}
	}
	i := recordChunk
	for i > 0 && !utf8.RuneStart(v[i]) {
		i--
	}
	return i
}
