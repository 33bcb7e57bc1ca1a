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
type ScanSink struct {
	s   *Store
	ctx context.Context
	id  int64

	ready    bool // init ran
	showData bool
	err      error // the first failure; every later call returns it
	closed   bool

	findings, problems []any // the batch's rows, flattened for insert
	seqF, seqP         int64 // the last sequence numbers handed out
	first              time.Time
	batchRows          int
	flushEvery         time.Duration
	afterChunk         func() // test hook: runs after each INSERT of a flush

	stopBeat chan struct{} // closed to stop the heartbeat
	beatDone chan struct{} // closed when the heartbeat has stopped
	beatOnce sync.Once
}

var _ scanner.Sink = (*ScanSink)(nil)

// Sink returns a scanner.Sink that stores the findings and problems of
// scan id as they arrive. Finding.Value is stored only if the scan's
// ShowData was set; Finding.ValueHash always. Close records the scan's end.
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
	k := &ScanSink{s: s, ctx: ctx, id: id, batchRows: batchRows, flushEvery: flushEvery,
		stopBeat: make(chan struct{}), beatDone: make(chan struct{})}
	go k.heartbeat(heartbeatEvery)
	return k
}

// heartbeat refreshes the scan's heartbeat every interval until stopped.
// A failed refresh is not an error of the scan: the next one may succeed,
// and at worst the scan looks abandoned until it records its end.
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
			k.s.db.ExecContext(k.ctx, `UPDATE scans SET heartbeat = $2 WHERE id = $1 AND finished IS NULL`, k.id, now())
		}
	}
}

// stopHeartbeat stops the heartbeat and waits for it to end.
func (k *ScanSink) stopHeartbeat() {
	k.beatOnce.Do(func() { close(k.stopBeat) })
	<-k.beatDone
}

// init reads the scan's settings on first use.
func (k *ScanSink) init() error {
	if k.ready || k.err != nil {
		return k.err
	}
	var finished sql.NullTime
	err := k.s.db.QueryRowContext(k.ctx, `SELECT show_data, finished FROM scans WHERE id = $1`, k.id).Scan(&k.showData, &finished)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		k.err = k.s.errorf("scan %d: %w", k.id, ErrNotFound)
	case err != nil:
		k.err = k.s.errorf("scan %d: %w", k.id, err)
	case finished.Valid:
		k.err = k.s.errorf("scan %d has already finished", k.id)
	}
	if k.err == nil {
		// Continue the sequences if another sink stored some already.
		err = k.s.db.QueryRowContext(k.ctx, `SELECT (SELECT coalesce(max(seq), 0) FROM findings WHERE scan_id = $1),
	(SELECT coalesce(max(seq), 0) FROM problems WHERE scan_id = $1)`, k.id).Scan(&k.seqF, &k.seqP)
		if err != nil {
			k.err = k.s.errorf("scan %d: %w", k.id, err)
		}
	}
	k.ready = true
	return k.err
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
	k.seqF++
	k.findings = append(k.findings, k.id, k.seqF, f.Type, f.Kind, f.Confidence.String(), string(reasons), loc, f.Masked, value, hash)
	return k.added()
}

// Object does nothing: the summary counts objects.
func (k *ScanSink) Object(*connectors.Object, connectors.ObjectStats) error { return k.err }

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
	k.seqP++
	k.problems = append(k.problems, k.id, k.seqP, loc, p.Skipped, msg)
	return k.added()
}

func (k *ScanSink) added() error {
	n := len(k.findings)/len(findingsTable.cols) + len(k.problems)/len(problemsTable.cols)
	if n == 1 {
		k.first = time.Now()
	}
	if n >= k.batchRows || time.Since(k.first) >= k.flushEvery {
		return k.flush()
	}
	return nil
}

// flush writes the batch in one transaction.
func (k *ScanSink) flush() error {
	if k.err != nil || len(k.findings)+len(k.problems) == 0 {
		return k.err
	}
	err := k.inTx(func(tx *sql.Tx) error {
		if err := k.s.insert(k.ctx, tx, findingsTable, k.findings, k.afterChunk); err != nil {
			return err
		}
		return k.s.insert(k.ctx, tx, problemsTable, k.problems, k.afterChunk)
	})
	if err != nil {
		k.err = k.s.errorf("scan %d: storing findings: %w", k.id, err)
		return k.err
	}
	clear(k.findings)
	clear(k.problems)
	k.findings, k.problems = k.findings[:0], k.problems[:0]
	return nil
}

func (k *ScanSink) inTx(fn func(*sql.Tx) error) error {
	tx, err := k.s.db.BeginTx(k.ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// Close stores what is left of the batch and records the scan's end: the
// finished time, whether it was interrupted, how each target's walk ended,
// the totals, and the inventory if inv is not nil, as JSON and as one row
// per holding and per flag. Targets in ScanInfo that sum does not mention
// are recorded as not scanned; to record why a target did not open, add a
// scanner.TargetResult for it to sum.Targets.
func (k *ScanSink) Close(sum *scanner.Summary, inv *inventory.Inventory) error {
	if k.closed {
		return errors.New("store: scan sink closed twice")
	}
	k.closed = true
	k.stopHeartbeat()
	if err := k.init(); err != nil {
		return err
	}
	if err := k.flush(); err != nil {
		return err
	}
	if sum == nil {
		sum = &scanner.Summary{}
	}
	finished := sum.Finished
	if finished.IsZero() {
		finished = time.Now()
	}
	byType, err := json.Marshal(sum.ByType)
	if err != nil {
		return err
	}
	var invJSON any
	if inv != nil {
		b, err := json.Marshal(inv)
		if err != nil {
			return fmt.Errorf("store: encoding the inventory: %w", err)
		}
		invJSON = string(b)
	}
	err = k.inTx(func(tx *sql.Tx) error {
		res, err := tx.ExecContext(k.ctx, `UPDATE scans SET finished = $2, interrupted = $3,
	objects = $4, bytes = $5, records = $6, rows_read = $7, skipped = $8, failed = $9, findings = $10,
	by_type = $11, inventory = $12
WHERE id = $1 AND finished IS NULL`,
			k.id, dbTime(finished), sum.Interrupted, sum.Objects, sum.Bytes, sum.Records, sum.Rows, sum.Skipped, sum.Failed, sum.Findings,
			string(byType), invJSON)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n != 1 {
			return fmt.Errorf("the scan has already finished")
		}
		if err := k.closeTargets(tx, sum.Targets); err != nil {
			return err
		}
		if inv == nil {
			return nil
		}
		if err := k.s.insert(k.ctx, tx, holdingsTable, holdingRows(k.id, inv.Holdings), nil); err != nil {
			return err
		}
		return k.s.insert(k.ctx, tx, flagsTable, flagRows(k.id, inv.Flags), nil)
	})
	if err != nil {
		k.err = k.s.errorf("scan %d: recording the end: %w", k.id, err)
	}
	return k.err
}

// closeTargets records how each target's walk ended, matching results to
// the targets BeginScan stored by name, in order.
func (k *ScanSink) closeTargets(tx *sql.Tx, results []scanner.TargetResult) error {
	rows, err := tx.QueryContext(k.ctx, `SELECT ord, name FROM scan_targets WHERE scan_id = $1 ORDER BY ord`, k.id)
	if err != nil {
		return err
	}
	type stored struct {
		ord  int
		name string
		done bool
	}
	var targets []stored
	for rows.Next() {
		var t stored
		if err := rows.Scan(&t.ord, &t.name); err != nil {
			rows.Close()
			return err
		}
		targets = append(targets, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	next := len(targets)
	if next > 0 {
		next = targets[next-1].ord + 1
	}
	for _, r := range results {
		status, msg := StatusOK, ""
		switch {
		case errors.Is(r.Err, scanner.ErrInterrupted):
			status = StatusInterrupted
		case r.Err != nil:
			status, msg = StatusFailed, r.Err.Error()
		}
		i := 0
		for i < len(targets) && (targets[i].done || targets[i].name != r.Name) {
			i++
		}
		if i == len(targets) {
			_, err = tx.ExecContext(k.ctx, `INSERT INTO scan_targets (scan_id, ord, name, status, error) VALUES ($1, $2, $3, $4, $5)`,
				k.id, next, r.Name, status, msg)
			next++
		} else {
			targets[i].done = true
			_, err = tx.ExecContext(k.ctx, `UPDATE scan_targets SET status = $3, error = $4 WHERE scan_id = $1 AND ord = $2`,
				k.id, targets[i].ord, status, msg)
		}
		if err != nil {
			return err
		}
	}
	_, err = tx.ExecContext(k.ctx, `UPDATE scan_targets SET status = $2 WHERE scan_id = $1 AND status = $3`,
		k.id, StatusNotScanned, StatusStarted)
	return err
}

func holdingRows(id int64, hs []inventory.Holding) []any {
	args := make([]any, 0, len(hs)*len(holdingsTable.cols))
	for i, h := range hs {
		types, _ := json.Marshal(h.Types)
		args = append(args, id, i, h.Store, h.Name, h.Column, h.ItemID, h.Item, h.Class, string(types),
			h.Findings, h.Distinct, h.High, h.Medium, h.Low, optTime(h.Oldest), optTime(h.Newest), h.Sampled, h.Declared)
	}
	return args
}

func flagRows(id int64, fs []inventory.Flag) []any {
	args := make([]any, 0, len(fs)*len(flagsTable.cols))
	for i, f := range fs {
		args = append(args, id, i, f.Severity.String(), f.Rule, f.ItemID, f.Item, f.Class, f.Store, f.Name, f.Column, f.Findings, f.Message)
	}
	return args
}

func optTime(t *time.Time) any {
	if t == nil {
		return nil
	}
	return dbTime(*t)
}

// table describes the rows insert writes.
type table struct {
	name  string
	cols  []string
	chunk int // rows per INSERT at most, a power of two
}

// Rows per statement stay under SQLite's 32766 and PostgreSQL's 65535
// parameters.
var (
	targetsTable  = &table{name: "scan_targets", cols: []string{"scan_id", "ord", "name", "status"}, chunk: 64}
	findingsTable = &table{name: "findings", chunk: 512, cols: []string{
		"scan_id", "seq", "type", "kind", "confidence", "reasons", "location", "masked", "value", "value_hash"}}
	problemsTable = &table{name: "problems", chunk: 512, cols: []string{"scan_id", "seq", "location", "skipped", "error"}}
	holdingsTable = &table{name: "holdings", chunk: 256, cols: []string{
		"scan_id", "ord", "store", "place", "column_name", "item_id", "item", "class", "types",
		"findings", "distinct_values", "high", "medium", "low", "oldest", "newest", "sampled", "declared"}}
	flagsTable = &table{name: "flags", chunk: 256, cols: []string{
		"scan_id", "ord", "severity", "rule", "item_id", "item", "class", "store", "place", "column_name", "findings", "message"}}
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
	return b.String()
}
