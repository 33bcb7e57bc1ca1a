package store

import (
	"context"
	"iter"
	"os"
	"strconv"
	"time"

	"github.com/pmscan/pmscan/scanner"
)

// SinkOptions are how a sink bears a failing store.
type SinkOptions struct {
	// Retry is how long a write that failed with a transient error is
	// tried again, the scan waiting, before the store is given up.
	Retry Retry
	// Spool, when set, keeps the scan going once the store is given up:
	// the sink writes what is left of the scan to a spool, a new SQLite
	// store in SpoolDir (default os.TempDir()), records the end there, and
	// at Close moves the spool into the store if the store answers again.
	// Without it, a store given up is the sink's error, as Sink's.
	Spool    bool
	SpoolDir string
	// Info is the scan as it was begun (BeginScan), for the spool's copy.
	Info ScanInfo
	// Notify, if set, is told when the store fails, comes back, is given
	// up and more (the SinkEvent kinds). It is called on the sink's
	// goroutine and must not call the sink.
	Notify func(SinkEvent)
	// Stop, when closed, ends any wait for the store (Ctrl-C): a failing
	// store is given up at once.
	Stop <-chan struct{}
	// Digests, when set, gives each object's digest for its row in
	// objects, so that a later scan can carry the object over.
	Digests Digester
}

// SinkEventKind is what happened to a sink's store.
type SinkEventKind int

const (
	// StoreRetrying: a write failed; it is retried for up to Retry while
	// the scan waits.
	StoreRetrying SinkEventKind = iota
	// StoreRecovered: the store answered again after Down.
	StoreRecovered
	// StoreSpooling: the store is given up (Err); the rest of the scan
	// goes to the spool file Spool.
	StoreSpooling
	// StoreSpoolFailed: the store is given up and the spool failed too
	// (Err); what follows is kept nowhere. Spool, if set, holds what came
	// before.
	StoreSpoolFailed
	// StoreDrained: at the end the store answered again, and the Findings
	// and Problems kept in the spool meanwhile were moved into it: the
	// scan is kept whole.
	StoreDrained
)

// SinkEvent is one thing that happened to a sink's store.
type SinkEvent struct {
	Kind               SinkEventKind
	Store              string        // the store, as errors name it (no password)
	Err                error         // why
	Retry              time.Duration // StoreRetrying: how long the sink retries
	Down               time.Duration // StoreRecovered: how long the store failed
	Spool              string        // the spool file
	Findings, Problems int64         // StoreDrained: rows moved into the store
}

// Loss is what a sink's store did not keep: the store failed during the
// scan and did not come back in time.
type Loss struct {
	Store string    // the store, as errors name it (no password)
	At    time.Time // when it began to fail
	Err   error     // why it was given up
	// Findings and Problems count the rows the sink was handed from the
	// failure on. The store does not have them (but for a batch whose
	// commit was stored and its answer lost), nor the scan's end: it lists
	// the scan as unfinished, and later as abandoned.
	Findings, Problems int64
	// Spool is the file that holds them and the scan's end, a SQLite
	// store with the scan under the same ID; "" if none could be made.
	Spool string
	// SpoolErr is set when the spool failed too: Spool, if set, holds
	// what came before, and Dropped counts what was kept nowhere.
	SpoolErr                         error
	DroppedFindings, DroppedProblems int64
}

// Lost says what the store did not keep, after Close: nil when the scan
// is kept whole.
func (k *ScanSink) Lost() *Loss { return k.lost }

// giveUp gives the store up after err, which began at since (zero: now),
// and opens the spool.
func (k *ScanSink) giveUp(err error, since time.Time) {
	if since.IsZero() {
		since = time.Now()
	}
	k.lost = &Loss{Store: k.s.name, At: since, Err: err}
	path, st, serr := k.openSpool()
	if serr != nil {
		k.lost.SpoolErr = serr
		k.notify(SinkEvent{Kind: StoreSpoolFailed, Err: serr})
		return
	}
	k.spool, k.lost.Spool = st, path
	k.notify(SinkEvent{Kind: StoreSpooling, Err: err, Retry: k.opt.Retry.Budget, Spool: path})
}

// openSpool makes the spool: a new SQLite store holding the scan under
// its ID, begun as the store began it.
func (k *ScanSink) openSpool() (string, *Store, error) {
	dir := k.opt.SpoolDir
	if dir == "" {
		dir = os.TempDir()
	}
	f, err := os.CreateTemp(dir, "pmscan-spool-"+strconv.FormatInt(k.id, 10)+"-*.db")
	if err != nil {
		return "", nil, err
	}
	path := f.Name()
	f.Close()
	st, err := Open(k.ctx, path)
	if err != nil {
		removeSQLite(path)
		return "", nil, err
	}
	info := k.opt.Info
	if !k.started.IsZero() {
		info.Started = k.started
	}
	if _, err := st.beginScan(k.ctx, k.id, info); err != nil {
		st.Close()
		removeSQLite(path)
		return "", nil, err
	}
	return path, st, nil
}

// spoolBatch writes the batch to the spool, or counts it dropped.
func (k *ScanSink) spoolBatch() {
	nf, np := k.batchSize()
	k.lost.Findings += nf
	k.lost.Problems += np
	if k.spool != nil {
		if err := k.writeBatch(k.spool)(k.ctx); err != nil {
			k.spoolFailed(err)
		}
	}
	if k.spool == nil {
		k.lost.DroppedFindings += nf
		k.lost.DroppedProblems += np
	}
}

// spoolFailed stops writing to the spool, which keeps what it has.
func (k *ScanSink) spoolFailed(err error) {
	err = k.spool.errorf("scan %d: %w", k.id, err)
	k.spool.Close()
	k.spool = nil
	k.lost.SpoolErr = err
	k.notify(SinkEvent{Kind: StoreSpoolFailed, Err: err, Spool: k.lost.Spool})
}

// spoolEnd records the end in the spool and, if the store answers again,
// moves the spool into it.
func (k *ScanSink) spoolEnd(end *scanEnd) {
	if k.spool == nil {
		return
	}
	if err := end.record(k.spool)(k.ctx); err != nil {
		k.spoolFailed(err)
		return
	}
	if !k.storeAnswers() {
		return
	}
	if _, err := k.try("moving the spool into the store", func(ctx context.Context) error {
		return importScan(ctx, k.spool, k.s, k.id)
	}); err != nil {
		return
	}
	k.notify(SinkEvent{Kind: StoreDrained, Spool: k.lost.Spool, Findings: k.lost.Findings, Problems: k.lost.Problems})
	k.spool.Close()
	k.spool = nil
	removeSQLite(k.lost.Spool)
	k.lost = nil
}

// probeTimeout bounds the write that asks a given-up store whether it is
// back.
const probeTimeout = 10 * time.Second

// storeAnswers reports whether the store takes a write again: a
// heartbeat, which tells a full disk from a free one as a ping would not.
func (k *ScanSink) storeAnswers() bool {
	ctx, cancel := context.WithTimeout(k.ctx, probeTimeout)
	defer cancel()
	_, err := k.s.db.ExecContext(ctx, `UPDATE scans SET heartbeat = $2 WHERE id = $1 AND finished IS NULL`, k.id, now())
	return err == nil
}

// Findings yields the findings of the scan that can be read for its
// report: the store's, or once the store was given up, the spool's,
// those from the failure on (the store holds those before, and is not
// asked again).
func (k *ScanSink) Findings(ctx context.Context) iter.Seq2[scanner.Finding, error] {
	switch {
	case k.lost == nil:
		return k.s.Findings(ctx, k.id)
	case k.spool != nil:
		return k.spool.Findings(ctx, k.id)
	}
	return func(func(scanner.Finding, error) bool) {}
}

// Problems yields the scan's problems for its report: the store's, or nil
// once it was given up, since neither it nor the spool has them all (the
// report then lists the inventory's, the first inventory.MaxProblems).
func (k *ScanSink) Problems(ctx context.Context) iter.Seq2[scanner.Problem, error] {
	if k.lost == nil {
		return k.s.Problems(ctx, k.id)
	}
	return nil
}

// CloseSpool closes the spool, if the sink kept one, once the report has
// read it; the file stays.
func (k *ScanSink) CloseSpool() error {
	if k.spool == nil {
		return nil
	}
	err := k.spool.Close()
	k.spool = nil
	return err
}

// removeSQLite removes a SQLite file and the journals beside it.
func removeSQLite(path string) {
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		os.Remove(path + suffix)
	}
}
