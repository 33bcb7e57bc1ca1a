package sqldb

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/pmscan/pmscan/connectors"
)

// Connector scans the relations of one database server target.
type Connector struct {
	server Server
	opts   Options
	// progress, when set (tests), is called on the reader goroutine after
	// every page, and every streamRowsPerTick rows of a stream or sample.
	progress func(t *Table, rows int64)
}

var _ connectors.IncrementalWalker = (*Connector)(nil)

const streamRowsPerTick = 1000

// New returns a connector reading server with opts (zero fields defaulted).
func New(server Server, opts Options) *Connector {
	return &Connector{server: server, opts: opts.WithDefaults()}
}

// SetProgress installs a hook called on the reader goroutine after every page
// of a table and every 1000 rows of a stream or sample. It exists for tests
// that break a connection mid-table.
func (c *Connector) SetProgress(fn func(t *Table, rows int64)) { c.progress = fn }

func (c *Connector) Close() error { return nil }

// Walk lists the relations, then reads them on up to Options.Conns
// connections at once, handing every non-NULL value to fn as a record
// located by table, column and row key. A relation that cannot be read is
// reported to fn with its reason and the walk goes on. Walk fails as a whole
// only when the server cannot be reached at all, or is lost for good.
//
// Relations are handed to fn in catalog order, each one's records together
// and in order, so that two walks of the same data give the same records in
// the same order. The order is kept without unbounded buffering: each reader
// owns a fixed number of batches and stalls when all of them wait to be
// emitted. Readers take relations in catalog order, so the relation being
// emitted is always with a reader that can make progress.
func (c *Connector) Walk(ctx context.Context, fn connectors.WalkFunc) error {
	return c.WalkSince(ctx, nil, fn)
}

// WalkSince is Walk that asks b about every relation before reading a row
// of it: the relation's reader takes its Version from the catalog and the
// statistics (Session.Version), and a relation b carries over ends with
// the earlier scan's record, no row read. Every relation read has its
// Version too, taken before the read, so that a change made while it is
// read shows at the next scan. b decides alone: a Version with Doubt (a
// view, statistics that cannot vouch for the rows) is b's to read.
func (c *Connector) WalkSince(ctx context.Context, b connectors.Baseline, fn connectors.WalkFunc) error {
	first, err := c.server.Connect(ctx)
	if err != nil {
		return fmt.Errorf("connect: %w", err)
	}
	id := first.Identity()
	all, err := first.Tables(ctx)
	if err != nil {
		first.Close()
		return fmt.Errorf("list relations: %w", err)
	}
	var jobs []*job
	readable := 0
	for _, t := range all {
		if t.Kind == DatabaseGap {
			if c.opts.Filter.MatchDatabase(t.Schema) {
				jobs = append(jobs, &job{t: t, pre: t.Unreadable})
			}
			continue
		}
		if !c.opts.Filter.Match(t.Schema, t.Name) {
			continue
		}
		if s, ok := b.(connectors.Scope); ok && !s.Contains(tableObject(id, t).Name()) {
			continue // another unit's
		}
		j := &job{t: t}
		switch reason := c.unscanned(t); {
		case reason != "":
			j.pre = connectors.Skip("%s", reason)
		case t.Unreadable != nil:
			j.pre = t.Unreadable
		default:
			// A reader takes every relation, even one with no column to
			// read: its version is still asked for.
			t.prepare()
			j.out = make(chan *rowBatch, batchesPerReader)
			readable++
		}
		jobs = append(jobs, j)
	}

	readAccess(ctx, first, jobs)
	w := &walk{c: c, id: id, fn: fn, baseline: b}
	return w.run(ctx, first, jobs, readable)
}

// unscanned says why a relation is left out by kind, or "".
func (c *Connector) unscanned(t *Table) string {
	switch t.Kind {
	case "table", "materialized view":
		return ""
	case "view":
		if c.opts.Views {
			return ""
		}
		return "view: not scanned without -db-views"
	case "foreign table":
		return "foreign table: reading it would query another server"
	}
	return t.Kind + ": not a relation pmscan reads"
}

// readAccess asks the session who can read the relations of jobs, where
// it can say: one catalog query for all of them, before any is read.
func readAccess(ctx context.Context, s Session, jobs []*job) {
	ar, ok := s.(AccessReader)
	if !ok {
		return
	}
	var tables []*Table
	for _, j := range jobs {
		if j.t.Kind != DatabaseGap {
			tables = append(tables, j.t)
		}
	}
	if len(tables) == 0 {
		return
	}
	if err := ar.TableAccess(ctx, tables); err != nil {
		unknown := connectors.UnknownAccess("the catalog's grants could not be read: " + err.Error())
		for _, t := range tables {
			t.Access = unknown
		}
	}
}

// tableObject is the object of a relation: store://host/database/table.
func tableObject(id Identity, t *Table) *connectors.Object {
	var o *connectors.Object
	if id.SchemaIsDatabase {
		o = connectors.NewTable(id.Store, id.Host, t.Schema, t.Name)
	} else {
		o = connectors.NewTable(id.Store, id.Host, id.Database, t.QualifiedName())
	}
	o.Access = t.Access
	return o
}

// job is one relation on its way to a reader and, in catalog order, to the
// walk goroutine.
type job struct {
	t *Table
	// pre, when set, is the relation's whole outcome, decided from the
	// catalog (a view without -db-views, an invalid view): no reader takes
	// the job.
	pre error
	// out carries the relation's batches; its reader closes it when done.
	// Its capacity is the number of batches a reader owns, so a send never
	// blocks. It is nil when pre is set.
	out chan *rowBatch
}

// settle hands fn the outcome of a relation no reader took: its failure or
// skip.
func (w *walk) settle(j *job) error {
	return connectors.Fail(w.fn, tableObject(w.id, j.t), j.pre)
}

// partial records, once and before its other records, that only some of a
// relation's columns could be read.
func (w *walk) partial(run *tableRun) error {
	if run.t.Partial == nil || run.noted {
		return nil
	}
	run.noted = true
	return w.fn(connectors.Record{Loc: connectors.At(run.obj)}, run.t.Partial)
}

// walk is the state of one Walk.
type walk struct {
	c        *Connector
	id       Identity
	fn       connectors.WalkFunc
	baseline connectors.Baseline // nil in a full scan

	paths jsonPaths // walk goroutine only

	mu   sync.Mutex
	down error // set when the server cannot be reached again
}

func (w *walk) run(parent context.Context, first Session, jobs []*job, readable int) error {
	opts := w.c.opts
	ctx, cancel := context.WithCancel(parent)
	defer cancel()

	queue := make(chan *job, readable)
	for _, j := range jobs {
		if j.out != nil {
			queue <- j
		}
	}
	close(queue)
	conns := min(opts.Conns, max(readable, 1))
	var readers sync.WaitGroup
	for i := range conns {
		r := newReader(w)
		if i == 0 {
			r.s = first
		}
		readers.Go(func() { r.loop(ctx, queue) })
	}

	var fnErr error
emit:
	for _, j := range jobs {
		if ctx.Err() != nil {
			break
		}
		if j.out == nil {
			if fnErr = w.settle(j); fnErr != nil {
				break
			}
			continue
		}
		for b := range j.out {
			if ctx.Err() != nil {
				break emit
			}
			if fnErr = w.emit(b); fnErr != nil {
				break emit
			}
			b.reset()
			b.home <- b
		}
	}
	// Readers never block on a send, and stop once ctx is done: the
	// batches of jobs not emitted are dropped.
	cancel()
	readers.Wait()
	if fnErr != nil {
		return fnErr
	}
	if err := parent.Err(); err != nil {
		return err
	}
	if down := w.lostServer(); down != nil {
		return fmt.Errorf("lost the server: %w", down)
	}
	return nil
}

func (w *walk) serverLost(err error) {
	w.mu.Lock()
	if w.down == nil {
		w.down = err
	}
	w.mu.Unlock()
}

func (w *walk) lostServer() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.down
}

// emit hands a batch's values to fn as records, on the walk goroutine.
func (w *walk) emit(b *rowBatch) error {
	run := b.run
	t := run.t
	if b.carried != nil {
		// Its problems (a partial read among them) are the earlier scan's,
		// carried with it.
		return connectors.CarriedEnd(w.fn, run.obj, b.carried)
	}
	if b.resume != nil {
		if err := w.fn(connectors.Record{Loc: connectors.At(run.obj), Resume: b.resume}, nil); err != nil {
			return err
		}
	}
	if err := w.partial(run); err != nil {
		return err
	}
	maxChars := w.c.opts.MaxValueChars
	loc := connectors.At(run.obj)
	nscan := len(t.scanSel)
	for r, row := range b.rows {
		loc.Row = row.key
		if row.key == "" {
			loc.RowNumber = row.num
		}
		for j, pos := range t.scanSel {
			sp := b.vals[r*nscan+j]
			if sp.off < 0 || sp.end == sp.off {
				continue
			}
			ci := t.sel[pos]
			v := b.arena[sp.off:sp.end]
			if t.recordTime[ci] {
				run.noteTime(v)
			}
			run.stats[ci].Values++
			run.bytes += int64(len(v))
			if t.Columns[ci].Capped {
				var cut bool
				if v, cut = capRunes(v, maxChars); cut {
					run.stats[ci].Truncated++
					// The start is scanned; the rest of the value is
					// not read, which leaves the table incomplete.
					loc.Column = t.Columns[ci].Name
					err := fmt.Errorf("value longer than %d characters: the rest not read", maxChars)
					if err := w.fn(connectors.Record{Loc: loc}, err); err != nil {
						return err
					}
				}
			}
			loc.Column = t.Columns[ci].Name
			if t.Columns[ci].Kind == KindText && looksJSON(v) {
				done, err := w.emitJSON(loc, v)
				if err != nil {
					return err
				}
				if done {
					continue
				}
			}
			for len(v) > 0 {
				n := nextChunk(v)
				if err := w.fn(connectors.Record{Loc: loc, Data: v[:n]}, nil); err != nil {
					return err
				}
				v = v[n:]
			}
		}
	}
	if b.checkpoint {
		cp := &connectors.Checkpoint{After: b.cpAfter, Stats: connectors.ObjectStats{Bytes: run.bytes, Format: t.Kind, Rows: b.cpRows,
			Columns: slices.Clone(run.stats), Oldest: run.oldest, Newest: run.newest}}
		if err := w.fn(connectors.Record{Loc: connectors.At(run.obj), Checkpoint: cp}, nil); err != nil {
			return err
		}
	}
	switch {
	case !b.done:
		return nil
	case b.unread:
		return connectors.Fail(w.fn, run.obj, b.err)
	}
	st := connectors.ObjectStats{Bytes: run.bytes, Format: t.Kind, Rows: run.rows,
		Sampled: w.c.opts.Sample > 0, Columns: run.stats, Oldest: run.oldest, Newest: run.newest}
	if b.err == nil && len(t.sel) > 0 && sampledPart(w.c.opts.Sample, run.rows, t.EstRows) {
		// Recorded beside the table's end, not as it: the table was
		// read, its columns judged, on a part of its rows.
		part := connectors.TooLarge("a sample (-sample %d): %d rows read of about %d: the rest not read", w.c.opts.Sample, run.rows, max(t.EstRows, run.rows))
		if err := w.fn(connectors.Record{Loc: connectors.At(run.obj)}, part); err != nil {
			return err
		}
	}
	return w.fn(connectors.End(run.obj, st), b.err)
}

// sampledPart says whether a sample of n rows per table left rows of a
// table unread: it stopped at its n rows and the server does not count
// exactly as many, or the server counts more than were read. A sample
// leaves data unread, and a scan that leaves data unread is incomplete;
// a stale estimate errs on that side.
func sampledPart(n int, rows, est int64) bool {
	return n > 0 && (rows >= int64(n) && est != rows || est > rows)
}

// tableRun is one table being read. The reader owns the position fields;
// the walk goroutine owns stats and bytes.
type tableRun struct {
	t   *Table
	obj *connectors.Object

	rows     int64    // rows read so far
	after    [][]byte // key of the last row read (Ordered tables, and ctid)
	afterBuf []byte   // backing store of after, reused row to row
	keyed    bool     // rows carry a key: Ordered, or ctid

	stats []connectors.ColumnStats
	bytes int64
	noted bool // Table.Partial was recorded
	// oldest and newest are the extreme dates (YYYY-MM-DD) seen in the
	// record-time columns.
	oldest, newest string
}

// noteTime widens the table's span of record dates with a date or
// timestamp value as the server prints it (2024-01-15, 2024-01-15
// 10:00:00+09): ISO dates compare as strings.
func (run *tableRun) noteTime(v []byte) {
	if len(v) < 10 || v[4] != '-' || v[7] != '-' {
		return
	}
	d := v[:10]
	if run.oldest == "" || string(d) < run.oldest {
		run.oldest = string(d)
	}
	if string(d) > run.newest {
		run.newest = string(d)
	}
}

func newTableRun(id Identity, t *Table) *tableRun {
	run := &tableRun{t: t, obj: tableObject(id, t), keyed: len(t.Key) > 0}
	switch {
	case t.KeyBy == "" || !run.keyed:
		run.obj.RowBy = "row number in scan order: the " + t.Kind + " has no primary key or unique index"
	case t.KeyBy != "primary key":
		run.obj.RowBy = t.KeyBy
	}
	// Pseudo columns come last (PostgreSQL appends ctid), so stats[i] is
	// Columns[i] for every column emit counts.
	for _, c := range t.Columns {
		if c.Pseudo {
			continue
		}
		run.stats = append(run.stats, connectors.ColumnStats{Name: c.Name, Type: c.Type, Skipped: c.Skip})
	}
	return run
}

// reader reads tables on one session into its own batches.
type reader struct {
	w    *walk
	s    Session
	home chan *rowBatch   // the reader's batches, when free
	out  chan<- *rowBatch // the current job's

	cur    *rowBatch
	keyBuf []byte
}

func newReader(w *walk) *reader {
	r := &reader{w: w, home: make(chan *rowBatch, batchesPerReader)}
	for range batchesPerReader {
		r.home <- &rowBatch{home: r.home}
	}
	return r
}

// loop reads the queued tables in order, each into its job's channel, and
// closes the channel when the table is done. Once the server is lost, the
// tables still queued are recorded as not scanned without a round of
// retries each; once ctx is done, they are closed unread.
func (r *reader) loop(ctx context.Context, queue <-chan *job) {
	defer func() {
		if r.s != nil {
			r.s.Close()
		}
	}()
	for j := range queue {
		r.out = j.out
		switch down := r.w.lostServer(); {
		case ctx.Err() != nil:
		case down != nil:
			r.notScanned(ctx, j.t, down)
		default:
			r.table(ctx, j.t) // fails only when cancelled
		}
		if ctx.Err() != nil {
			r.cur = nil // a batch cut short by the cancellation
		}
		r.out = nil
		close(j.out)
	}
}

// notScanned sends the closing batch of a table that was not read because
// the server is lost.
func (r *reader) notScanned(ctx context.Context, t *Table, down error) {
	run := &tableRun{t: t, obj: tableObject(r.w.id, t)}
	if r.batch(ctx, run) != nil {
		return // cancelled
	}
	r.cur.done, r.cur.unread, r.cur.err = true, true, fmt.Errorf("not scanned: %w", down)
	r.send()
}

// table takes one table's version and asks the baseline about it, then,
// unless the baseline carries it, reads it to the end, retrying on lost
// connections; it sends the table's closing batch. A relation with no
// column to read is not queried: a SELECT needs at least one column (MySQL
// has no empty select list). It returns an error only when ctx is
// cancelled.
func (r *reader) table(ctx context.Context, t *Table) error {
	run := newTableRun(r.w.id, t)
	carried, err := r.version(ctx, run)
	if carried != nil && carried.Resume != nil {
		resume := carried
		carried = nil
		if r.resumeFrom(run, resume.Resume) {
			if err := r.batch(ctx, run); err != nil {
				return err
			}
			r.cur.resume = resume
		} else {
			run.obj.ReadBecause = "doubt: the checkpoint of scan " + strconv.FormatInt(resume.Scan, 10) + " does not fit the table: read from its first row"
		}
	}
	if err == nil && carried == nil && len(t.sel) > 0 {
		err = r.retrying(ctx, func() error { return r.readFrom(ctx, run) })
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if err != nil {
		err = fmt.Errorf("read %s: %w", t.Kind, err)
	}
	if err := r.batch(ctx, run); err != nil {
		return err
	}
	r.cur.done, r.cur.err, r.cur.carried = true, err, carried
	r.send()
	return nil
}

// retrying runs op on the reader's session, reopening the session when the
// connection is lost, up to Options.Retries times. op uses r.s as it is
// when called.
func (r *reader) retrying(ctx context.Context, op func() error) error {
	opts := r.w.c.opts
	retries := 0
	for {
		if r.s == nil {
			s, err := r.connect(ctx, &retries)
			if err != nil {
				return err
			}
			r.s = s
		}
		err := op()
		if err == nil || ctx.Err() != nil || !errors.Is(err, ErrConnLost) {
			return err
		}
		r.s.Close()
		r.s = nil
		if retries >= opts.Retries {
			return fmt.Errorf("gave up after %d %s: %w", retries, plural(retries, "retry", "retries"), err)
		}
		retries++
	}
}

// connect opens a session, waiting and retrying while attempts remain.
// When it cannot, the server is taken as lost for the rest of the walk.
func (r *reader) connect(ctx context.Context, retries *int) (Session, error) {
	opts := r.w.c.opts
	for {
		if *retries > 0 {
			select {
			case <-time.After(opts.Backoff << min(*retries-1, 6)):
			case <-ctx.Done():
				return nil, ctx.Err()
			}
		}
		s, err := r.w.c.server.Connect(ctx)
		if err == nil {
			return s, nil
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if *retries >= opts.Retries {
			r.w.serverLost(err)
			return nil, fmt.Errorf("reconnect failed after %d %s: %w", *retries, plural(*retries, "retry", "retries"), err)
		}
		*retries++
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// readFrom reads from where run stopped: keyset pages for Ordered tables, a
// stream otherwise, or a sample.
func (r *reader) readFrom(ctx context.Context, run *tableRun) error {
	opts := r.w.c.opts
	t := run.t
	row := func(vals [][]byte) error { return r.row(ctx, run, vals) }
	switch {
	case opts.Sample > 0:
		return r.s.Sample(ctx, t, opts.Sample, opts.SampleSeed, run.resume(), row)
	case t.Ordered:
		pages, since := 0, time.Now()
		for {
			before := run.rows
			if err := r.s.Page(ctx, t, run.after, opts.PageRows, row); err != nil {
				return err
			}
			if p := r.w.c.progress; p != nil {
				p(t, run.rows)
			}
			if run.rows-before < int64(opts.PageRows) {
				return nil
			}
			if pages++; pages >= opts.CheckpointPages || time.Since(since) >= opts.CheckpointEvery {
				if err := r.checkpoint(ctx, run); err != nil {
					return err
				}
				pages, since = 0, time.Now()
			}
		}
	default:
		return r.s.Stream(ctx, t, run.resume(), row)
	}
}

// checkpoint marks a checkpoint of run after the rows read so far: the
// walk goroutine hands it to fn after them, with the counts up to it.
func (r *reader) checkpoint(ctx context.Context, run *tableRun) error {
	if err := r.batch(ctx, run); err != nil {
		return err
	}
	after := make([][]byte, len(run.after))
	for i, v := range run.after {
		after[i] = slices.Clone(v)
	}
	r.cur.checkpoint, r.cur.cpAfter, r.cur.cpRows = true, after, run.rows
	r.send()
	return nil
}

// resumeFrom sets run to read on from cp, an earlier scan's checkpoint of
// the table, with the counts up to it, and says whether it fits: the
// table is read in key order, with the key and the columns the checkpoint
// was made with (the table's version, equal, says so too).
func (r *reader) resumeFrom(run *tableRun, cp *connectors.Checkpoint) bool {
	t := run.t
	if !t.Ordered || r.w.c.opts.Sample > 0 || len(cp.After) != len(t.keySel) || len(cp.Stats.Columns) != len(run.stats) {
		return false
	}
	for i, c := range cp.Stats.Columns {
		if c.Name != run.stats[i].Name || c.Skipped != run.stats[i].Skipped {
			return false
		}
	}
	run.rows, run.after = cp.Stats.Rows, cp.After
	run.stats = slices.Clone(cp.Stats.Columns)
	run.bytes, run.oldest, run.newest = cp.Stats.Bytes, cp.Stats.Oldest, cp.Stats.Newest
	run.noted = true // Table.Partial was recorded before the checkpoint
	return true
}

func (run *tableRun) resume() Resume {
	res := Resume{Rows: run.rows}
	if run.rows > 0 && run.keyed {
		res.LastKey = run.after
	}
	return res
}

// row copies one row into the current batch.
func (r *reader) row(ctx context.Context, run *tableRun, vals [][]byte) error {
	if err := r.batch(ctx, run); err != nil {
		return err
	}
	t := run.t
	run.rows++
	var key connectors.RowKey
	if run.keyed {
		r.keyBuf, key = rowKey(r.keyBuf, t, vals)
		run.afterBuf, run.after = run.afterBuf[:0], run.after[:0]
		for _, pos := range t.keySel {
			run.afterBuf = append(run.afterBuf, vals[pos]...)
		}
		off := 0
		for _, pos := range t.keySel {
			n := len(vals[pos])
			run.after = append(run.after, run.afterBuf[off:off+n:off+n])
			off += n
		}
	}
	r.cur.add(t, vals, key, run.rows)
	if p := r.w.c.progress; p != nil && !t.Ordered && run.rows%streamRowsPerTick == 0 {
		p(t, run.rows)
	}
	if r.cur.full() {
		r.send()
	}
	return nil
}

// batch makes sure r.cur is a batch of run's table, waiting for one of the
// reader's batches to come back from the walk goroutine.
func (r *reader) batch(ctx context.Context, run *tableRun) error {
	if r.cur != nil && r.cur.run != run {
		r.send()
	}
	if r.cur == nil {
		select {
		case b := <-r.home:
			b.run = run
			r.cur = b
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

// send hands r.cur to the walk goroutine. It never blocks: the job's
// channel has room for every batch the reader owns.
func (r *reader) send() {
	r.out <- r.cur
	r.cur = nil
}
