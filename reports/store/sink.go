package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/reports/inventory"
	"github.com/pmscan/pmscan/scanner"
)

// A batch is written when it holds batchRows findings and problems, or
// when a row arrives and the oldest waiting one is flushEvery old.
const (
	batchRows  = 5000
	flushEvery = time.Second
)

// ScanSink stores the results of one scan as they arrive, in batched
// transactions: every batchRows rows, or once a second while results keep
// coming. It holds at most one batch in memory, and a batch is stored
// whole or not at all. Like every scanner.Sink it is called on one
// goroutine; a goroutine of its own refreshes the scan's heartbeat until
// Close, whether results arrive or not.
//
// With SinkOptions.Retry a write that fails with a transient error is
// tried again while the scan waits (the sink's caller is blocked, so
// nothing piles up); with SinkOptions.Spool a store that stays down is
// given up for a spool, and the scan goes on (see spool.go).
type ScanSink struct {
	s   *Store
	ctx context.Context
	id  int64
	opt SinkOptions

	ready    bool // init ran
	showData bool
	started  time.Time // as the store has it, for the spool's copy of the scan
	err      error     // the first failure that ends the sink; every later call returns it
	closed   bool

	findings, problems []any // the batch's rows, flattened for insert
	objects            []any
	objectRuns         []runRow   // per row of objects: what a run may write instead
	copies             []copyMark // kept findings of carried objects, copied with the batch
	checkpoints        []checkpointRow
	uncheckpoint       []string        // roots whose checkpoints the batch deletes: they ended
	checkpointed       map[string]bool // roots with a checkpoint stored or in the batch
	seqF, seqP, seqO   int64           // the last sequence numbers handed out
	span               rootSpan        // the top-level object whose rows are arriving
	first              time.Time
	batchRows          int
	flushEvery         time.Duration
	afterChunk         func() // test hook: runs after each INSERT of a flush

	refs *holdingRefs // the holdings the scan references, not stores
	lx   lookupRows   // the lookup index's rows of the batch

	lost  *Loss  // set when the store is given up
	spool *Store // where batches go once the store is given up; nil if none

	stopBeat chan struct{} // closed to stop the heartbeat
	beatDone chan struct{} // closed when the heartbeat has stopped
	beatOnce sync.Once
}

var _ scanner.Sink = (*ScanSink)(nil)

// Sink returns a scanner.Sink that stores the findings and problems of
// scan id as they arrive. Finding.Value is stored only if the scan's
// ShowData was set; Finding.ValueHash always. Close records the scan's end.
// Its first failed write is its error: SinkWith retries and spools.
//
// ctx bounds every write, Close's too: once it is cancelled the next write
// fails, the batch in flight is rolled back, and the scan stays unfinished
// with the batches stored before. To record a scan interrupted by Ctrl-C,
// pass a context that outlives the scan's, e.g. context.WithoutCancel.
//
// Until Close, or until ctx is cancelled or the store closed, the sink
// refreshes the scan's heartbeat every heartbeatEvery, in statements of
// their own beside the batches' transactions, so that the scan counts as
// running (Scan.Alive) however long it goes without a result.
func (s *Store) Sink(ctx context.Context, id int64) *ScanSink {
	return s.SinkWith(ctx, id, SinkOptions{})
}

// SinkWith is Sink with a retry, and a spool for a store that stays down.
func (s *Store) SinkWith(ctx context.Context, id int64, opt SinkOptions) *ScanSink {
	k := &ScanSink{s: s, ctx: ctx, id: id, opt: opt, batchRows: batchRows, flushEvery: flushEvery, refs: newHoldingRefs(),
		stopBeat: make(chan struct{}), beatDone: make(chan struct{})}
	go k.heartbeat(heartbeatEvery)
	return k
}

// heartbeat refreshes the scan's heartbeat every interval until stopped.
// A failed refresh is not an error of the scan: the next one is its retry,
// and at worst the scan looks abandoned until it records its end. Each
// refresh gets an interval to finish, so that a store that stops
// answering cannot hold Close.
func (k *ScanSink) heartbeat(interval time.Duration) {
	defer close(k.beatDone)
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-k.stopBeat:
			return
		case <-k.s.closed:
			return
		case <-k.ctx.Done():
			return
		case <-t.C:
			ctx, cancel := context.WithTimeout(k.ctx, interval)
			k.s.db.ExecContext(ctx, `UPDATE scans SET heartbeat = $2 WHERE id = $1 AND finished IS NULL`, k.id, now())
			cancel()
		}
	}
}

// stopHeartbeat stops the heartbeat and waits for it to end.
func (k *ScanSink) stopHeartbeat() {
	k.beatOnce.Do(func() { close(k.stopBeat) })
	<-k.beatDone
}

// errFinished is the error of a sink whose scan has recorded its end.
var errFinished = errors.New("the scan has already finished")

// init reads the scan's settings on first use. A store that does not
// answer is given up, with the settings SinkOptions.Info gives, if the
// sink may spool; a scan the store does not have, or has finished, is an
// error either way.
func (k *ScanSink) init() error {
	if k.ready || k.err != nil {
		return k.err
	}
	k.ready = true
	since, err := k.try("reading the scan", k.readScan)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, ErrNotFound), errors.Is(err, errFinished), !k.opt.Spool:
		k.err = k.s.errorf("scan %d: %w", k.id, err)
		return k.err
	}
	k.showData = k.opt.Info.ShowData
	k.giveUp(k.s.errorf("scan %d: reading the scan: %w", k.id, err), since)
	return nil
}

func (k *ScanSink) readScan(ctx context.Context) error {
	var finished sql.NullTime
	err := k.s.db.QueryRowContext(ctx, `SELECT show_data, started, finished FROM scans WHERE id = $1`, k.id).Scan(&k.showData, &k.started, &finished)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return ErrNotFound
	case err != nil:
		return err
	case finished.Valid:
		return errFinished
	}
	// Continue the sequences if another sink stored some already.
	if err := k.readLookupNumbers(ctx); err != nil {
		return err
	}
	return k.s.db.QueryRowContext(ctx, `SELECT (SELECT coalesce(max(seq), 0) FROM findings WHERE scan_id = $1),
	(SELECT coalesce(max(seq), 0) FROM problems WHERE scan_id = $1),
	(SELECT coalesce(max(m), 0) FROM (SELECT max(ord) AS m FROM objects WHERE scan_id = $1
		UNION ALL SELECT max(ord + n - 1) FROM carried_runs WHERE scan_id = $1) o)`, k.id).Scan(&k.seqF, &k.seqP, &k.seqO)
}

// Finding queues f for storing.
func (k *ScanSink) Finding(f *scanner.Finding) error {
	if err := k.init(); err != nil {
		return err
	}
	reasons, err := json.Marshal(f.Reasons)
	if err != nil {
		return err
	}
	loc, err := locationJSON(f.Location)
	if err != nil {
		return err
	}
	var value, hash any
	if k.showData && f.Value != "" {
		value = f.Value
	}
	if f.ValueHash != 0 {
		hash = int64(f.ValueHash)
	}
	k.enter(f.Location.Object)
	k.seqF++
	k.findings = append(k.findings, k.id, k.seqF, f.Type, f.Kind, f.Confidence.String(), string(reasons), loc, f.Masked, value, hash)
	if f.LookupHash != 0 {
		return k.indexFinding(f)
	}
	return k.added()
}

// Object records an object that ended, read or carried over: its row in
// objects is the scan's checkpoint for it.
func (k *ScanSink) Object(o *connectors.Object, st connectors.ObjectStats) error {
	if err := k.init(); err != nil {
		return err
	}
	k.endRecord()
	if st.Carried != nil {
		return k.carriedObject(o, st.Carried)
	}
	return k.readObject(o, st)
}

// Problem queues p for storing.
func (k *ScanSink) Problem(p scanner.Problem) error {
	if err := k.init(); err != nil {
		return err
	}
	loc, err := locationJSON(p.Location)
	if err != nil {
		return err
	}
	msg := ""
	if p.Err != nil {
		msg = p.Err.Error()
	}
	k.enter(p.Location.Object)
	k.seqP++
	k.problems = append(k.problems, k.id, k.seqP, loc, p.Skipped, msg, inventory.ReasonOf(p.Err, p.Skipped))
	if p.Terminal && p.Location.Object != nil {
		k.endRecord()
		return k.endedObject(p)
	}
	return k.added()
}

func (k *ScanSink) added() error {
	n := len(k.findings)/len(findingsTable.cols) + len(k.problems)/len(problemsTable.cols) + len(k.objects)/len(objectsTable.cols) +
		k.pendingLookupRows()
	if n == 1 {
		k.first = time.Now()
	}
	if n >= k.batchRows || time.Since(k.first) >= k.flushEvery {
		return k.flush()
	}
	return nil
}

// flush writes the batch in one transaction, retried while the store
// fails (SinkOptions.Retry). Once the store is given up the batch goes to
// the spool, or is counted as dropped.
func (k *ScanSink) flush() error {
	if k.err != nil || len(k.findings)+len(k.problems)+len(k.objects)+len(k.copies)+len(k.checkpoints)+len(k.uncheckpoint)+k.pendingLookupRows() == 0 {
		return k.err
	}
	if k.lost == nil {
		since, err := k.try("storing findings", k.writeBatch(k.s))
		if err == nil {
			k.clearBatch()
			return nil
		}
		err = k.s.errorf("scan %d: storing findings: %w", k.id, err)
		if !k.opt.Spool {
			k.err = err
			return err
		}
		k.giveUp(err, since)
	}
	k.spoolBatch()
	k.clearBatch()
	return nil
}

// writeBatch returns the transaction that writes the batch to st. Rows
// are inserted ON CONFLICT DO NOTHING on (scan_id, seq): a batch tried
// again after a commit whose answer was lost is not stored twice.
func (k *ScanSink) writeBatch(st *Store) func(context.Context) error {
	return func(ctx context.Context) error {
		return st.inTx(ctx, func(tx *sql.Tx) error {
			if err := st.insert(ctx, tx, findingsTable, k.findings, k.afterChunk); err != nil {
				return err
			}
			if err := st.insert(ctx, tx, problemsTable, k.problems, k.afterChunk); err != nil {
				return err
			}
			if st == k.s {
				if err := k.copyKept(ctx, tx, st); err != nil {
					return err
				}
				// A spool keeps no index: its scan's lookups miss what it holds.
				if err := k.writeLookupRows(ctx, tx, st); err != nil {
					return err
				}
			}
			objects := k.objects
			if st == k.s {
				// Another store (a spool) has not the rows runs stand for.
				runs, own := runsOf(st, k.id, k.objects, k.objectRuns)
				if err := st.insert(ctx, tx, carriedRunsTable, runs, k.afterChunk); err != nil {
					return err
				}
				objects = own
			}
			if err := st.insert(ctx, tx, objectsTable, objects, k.afterChunk); err != nil {
				return err
			}
			if st == k.s {
				return k.writeCheckpoints(ctx, tx)
			}
			return nil
		})
	}
}

// batchSize counts the findings and problems of the batch.
func (k *ScanSink) batchSize() (findings, problems int64) {
	return int64(len(k.findings) / len(findingsTable.cols)), int64(len(k.problems) / len(problemsTable.cols))
}

func (k *ScanSink) clearBatch() {
	clear(k.findings)
	clear(k.problems)
	clear(k.objects)
	clear(k.objectRuns)
	k.findings, k.problems, k.objects, k.copies = k.findings[:0], k.problems[:0], k.objects[:0], k.copies[:0]
	k.objectRuns = k.objectRuns[:0]
	k.clearLookupRows()
	clear(k.checkpoints)
	k.checkpoints, k.uncheckpoint = k.checkpoints[:0], k.uncheckpoint[:0]
}

// inTx runs fn in a transaction of s, committed if fn succeeds.
func (s *Store) inTx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// try runs op against the store with the sink's retry, and tells Notify
// when a run of failures begins and when it ends.
func (k *ScanSink) try(what string, op func(context.Context) error) (time.Time, error) {
	return k.opt.Retry.run(k.ctx, k.opt.Stop, op,
		func(err error) {
			k.notify(SinkEvent{Kind: StoreRetrying, Err: k.s.errorf("scan %d: %s: %w", k.id, what, err), Retry: k.opt.Retry.Budget})
		},
		func(down time.Duration) { k.notify(SinkEvent{Kind: StoreRecovered, Down: down}) })
}

func (k *ScanSink) notify(e SinkEvent) {
	if k.opt.Notify != nil {
		e.Store = k.s.name
		k.opt.Notify(e)
	}
}

// Close stores what is left of the batch and records the scan's end: the
// finished time, whether it was interrupted, how each target's walk ended,
// the totals, and the inventory if inv is not nil, as JSON and as one row
// per holding and per flag. Targets in ScanInfo that sum does not mention
// are recorded as not scanned; to record why a target did not open, add a
// scanner.TargetResult for it to sum.Targets.
//
// A sink that gave its store up records the end in its spool, then moves
// the spool into the store if the store answers again (the scan is then
// kept whole, and Lost is nil); otherwise the spool stays, and Lost says
// what the store lacks. Either way Close returns no error for the store.
func (k *ScanSink) Close(sum *scanner.Summary, inv *inventory.Inventory) error {
	if k.closed {
		return errors.New("store: scan sink closed twice")
	}
	k.closed = true
	k.stopHeartbeat()
	if err := k.init(); err != nil {
		return err
	}
	k.endRecord()
	if err := k.flush(); err != nil {
		return err
	}
	end, err := endOf(k.id, sum, inv)
	if err != nil {
		return err
	}
	// The store takes the holdings the scan does not reference; a spool
	// takes them all, as the scans it would reference are not in it.
	stored := end
	if inv != nil {
		end.unreferable = k.refs.unreferable()
		own := *end
		own.holdings = k.refs.own(inv.Holdings)
		stored = &own
	}
	if k.lost == nil {
		since, err := k.try("recording the end", stored.record(k.s))
		if err == nil {
			return nil
		}
		err = k.s.errorf("scan %d: recording the end: %w", k.id, err)
		if !k.opt.Spool {
			k.err = err
			return err
		}
		k.giveUp(err, since)
	}
	k.spoolEnd(end)
	return nil
}

// table describes the rows insert writes.
type table struct {
	name  string
	cols  []string
	chunk int // rows per INSERT at most, a power of two
	// keyed tables' rows are (scan_id, seq): a row stored already is
	// skipped, so that a batch tried again is not stored twice. conflict
	// names another key for that.
	keyed    bool
	conflict string
	// view, if set, is what a copy of a scan's rows reads: the table's
	// rows with those that other tables stand for.
	view string
}

// Rows per statement stay under SQLite's 32766 and PostgreSQL's 65535
// parameters.
var (
	targetsTable  = &table{name: "scan_targets", cols: []string{"scan_id", "ord", "name", "status"}, chunk: 64}
	findingsTable = &table{name: "findings", chunk: 512, keyed: true, cols: []string{
		"scan_id", "seq", "type", "kind", "confidence", "reasons", "location", "masked", "value", "value_hash"}}
	problemsTable = &table{name: "problems", chunk: 512, keyed: true, cols: []string{"scan_id", "seq", "location", "skipped", "error", "reason"}}
	holdingsTable = &table{name: "holdings", chunk: 256, cols: []string{
		"scan_id", "ord", "store", "place", "column_name", "item_id", "item", "class", "types",
		"findings", "distinct_values", "high", "medium", "low", "oldest", "newest", "sampled", "declared", "examples"}}
	flagsTable = &table{name: "flags", chunk: 256, cols: []string{
		"scan_id", "ord", "severity", "rule", "item_id", "item", "class", "store", "place", "column_name", "findings", "message", "readers", "items"}}
)

// insert writes rows (args holds len(t.cols) values per row) with
// multi-row INSERTs: t.chunk rows at a time, then the rest in
// power-of-two parts, so that few distinct statements are prepared.
func (s *Store) insert(ctx context.Context, tx *sql.Tx, t *table, args []any, after func()) error {
	w := len(t.cols)
	for n := len(args) / w; n > 0; {
		m := t.chunk
		for m > n {
			m /= 2
		}
		st, err := s.stmt(ctx, t, m)
		if err != nil {
			return fmt.Errorf("%s: %w", t.name, err)
		}
		if _, err := tx.StmtContext(ctx, st).ExecContext(ctx, args[:m*w]...); err != nil {
			return fmt.Errorf("%s: %w", t.name, err)
		}
		if after != nil {
			after()
		}
		args, n = args[m*w:], n-m
	}
	return nil
}

type stmtKey struct {
	t    *table
	rows int
}

// stmt returns the prepared INSERT of rows rows into t. database/sql
// prepares it once on each connection that runs it; SQLite's driver does
// not cache statements itself, and parsing a 5,000-parameter INSERT cost
// a sixth of the time.
func (s *Store) stmt(ctx context.Context, t *table, rows int) (*sql.Stmt, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if st := s.stmts[stmtKey{t, rows}]; st != nil {
		return st, nil
	}
	st, err := s.db.PrepareContext(ctx, t.sql(s.dialect, rows))
	if err != nil {
		return nil, err
	}
	if s.stmts == nil {
		s.stmts = map[stmtKey]*sql.Stmt{}
	}
	s.stmts[stmtKey{t, rows}] = st
	return st, nil
}

// sql returns the INSERT statement for rows rows in d's placeholders.
func (t *table) sql(d *dialect, rows int) string {
	var b strings.Builder
	b.WriteString("INSERT INTO " + t.name + " (" + strings.Join(t.cols, ", ") + ") VALUES ")
	p := 1
	for r := range rows {
		if r > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for c := range t.cols {
			if c > 0 {
				b.WriteString(", ")
			}
			if d.anonymous {
				b.WriteByte('?')
			} else {
				b.WriteByte('$')
				b.WriteString(strconv.Itoa(p))
				p++
			}
		}
		b.WriteByte(')')
	}
	switch {
	case t.keyed:
		b.WriteString(" ON CONFLICT (scan_id, seq) DO NOTHING")
	case t.conflict != "":
		b.WriteString(" ON CONFLICT (" + t.conflict + ") DO NOTHING")
	}
	return b.String()
}
