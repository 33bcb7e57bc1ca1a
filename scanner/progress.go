package scanner

import (
	"sync/atomic"

	"github.com/pmscan/pmscan/connectors"
)

// Progress counts a running scan's work for a live display. Run updates it
// when Options.Progress is set; any goroutine may call Snapshot at any time.
//
// The walker publishes its counts every few hundred records, every 64 KiB of
// text, at every object's end and at every problem, not record by record, so
// counting costs the pipeline almost nothing. The findings and problems are
// published by the sink as it hands each batch on.
type Progress struct {
	target   atomic.Pointer[string]
	objects  atomic.Int64
	rows     atomic.Int64
	bytes    atomic.Int64
	findings atomic.Int64
	skipped  atomic.Int64
	failed   atomic.Int64
}

// ProgressSnapshot is what a Progress has counted so far. Its fields are
// read one by one while the scan runs, so they need not agree to the record.
type ProgressSnapshot struct {
	Target string // the target being walked, as the user named it
	// Objects counts objects read to the end: files, S3 objects, tables
	// and views (Summary.Objects once the scan ends).
	Objects int64
	// Rows counts database rows read, as they are read: a row with no
	// scannable value is counted when its table ends. Once the scan ends it
	// is Summary.Rows plus the rows of tables that failed part way.
	Rows int64
	// Bytes counts the text read so far: the decoded text handed to the
	// detectors, within objects as well as across them. It is not
	// Summary.Bytes, which counts the raw (perhaps compressed) bytes of the
	// objects read to the end.
	Bytes    int64
	Findings int64 // findings handed to the report
	Skipped  int64 // items skipped on purpose
	Failed   int64 // items that could not be read
}

// Snapshot returns the counts so far.
func (p *Progress) Snapshot() ProgressSnapshot {
	s := ProgressSnapshot{
		Objects:  p.objects.Load(),
		Rows:     p.rows.Load(),
		Bytes:    p.bytes.Load(),
		Findings: p.findings.Load(),
		Skipped:  p.skipped.Load(),
		Failed:   p.failed.Load(),
	}
	if t := p.target.Load(); t != nil {
		s.Target = *t
	}
	return s
}

// Publish the walker's counts at least this often.
const (
	progressRecords = 256
	progressBytes   = 64 << 10
)

// walkCounter counts on the walker goroutine and publishes to a Progress in
// steps. Its zero value, with p nil, counts nothing.
type walkCounter struct {
	p                    *Progress
	records              int64 // since the last publish
	objects, rows, bytes int64 // not yet published
	table                *connectors.Object
	row                  connectors.RowKey
	rowNumber            int64
	tableRows            *int64                        // rows counted in the current table
	rowsByTable          map[*connectors.Object]*int64 // rows counted per table not yet ended
}

func (c *walkCounter) setTarget(name string) {
	c.publish()
	c.p.target.Store(&name)
}

// count takes one record as the walker receives it.
func (c *walkCounter) count(rec *connectors.Record, err error) {
	c.records++
	if err == nil {
		c.bytes += int64(len(rec.Data))
	}
	l := &rec.Loc
	if rec.Done != nil {
		if err == nil {
			c.objects++
		}
		if l.Object.Table != "" {
			// A table that failed keeps the rows it read counted.
			c.endTable(l.Object, rec.Done.Rows)
		}
		c.publish()
		return
	}
	if l.Row != "" || l.RowNumber != 0 {
		// A row's records come together, and a row key or number is unique
		// within its table, so a new key or table is a new row.
		if c.tableRows == nil || l.Object != c.table {
			c.enterTable(l.Object)
		}
		if l.Row != c.row || l.RowNumber != c.rowNumber {
			c.row, c.rowNumber = l.Row, l.RowNumber
			c.rows++
			*c.tableRows++
		}
	}
	if err != nil || c.records >= progressRecords || c.bytes >= progressBytes {
		c.publish()
	}
}

// enterTable makes t the current table.
func (c *walkCounter) enterTable(t *connectors.Object) {
	if c.rowsByTable == nil {
		c.rowsByTable = map[*connectors.Object]*int64{}
	}
	n := c.rowsByTable[t]
	if n == nil {
		n = new(int64)
		c.rowsByTable[t] = n
	}
	c.table = t
	c.row, c.rowNumber = "", 0
	c.tableRows = n
}

// endTable closes the table t, which read rows in all. Rows with no value
// scanned reached the walker as no record; they are counted here.
func (c *walkCounter) endTable(t *connectors.Object, rows int64) {
	if n := c.rowsByTable[t]; n != nil {
		rows -= *n
		delete(c.rowsByTable, t)
	}
	if rows > 0 {
		c.rows += rows
	}
	if t == c.table {
		c.table = nil
		c.row, c.rowNumber = "", 0
		c.tableRows = nil
	}
}

// publish adds the counts not yet published to the Progress.
func (c *walkCounter) publish() {
	if c.objects != 0 {
		c.p.objects.Add(c.objects)
	}
	if c.rows != 0 {
		c.p.rows.Add(c.rows)
	}
	if c.bytes != 0 {
		c.p.bytes.Add(c.bytes)
	}
	c.records, c.objects, c.rows, c.bytes = 0, 0, 0, 0
}

// sinkDone publishes the sink's counts after a batch.
func (p *Progress) sinkDone(sum *Summary) {
	p.findings.Store(sum.Findings)
	p.skipped.Store(sum.Skipped)
	p.failed.Store(sum.Failed)
}
