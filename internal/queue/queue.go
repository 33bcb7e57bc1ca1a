// Package queue spreads the units of a distributed scan over worker
// processes through River (github.com/riverqueue/river), a job queue kept
// in PostgreSQL: the state store's database is the queue, so a
// distributed scan needs no service besides the store. River gives
// transactional enqueue, at-least-once delivery, retries with backoff and
// the rescue of jobs whose worker died; this package adds the units
// (reports/store's scan_units table), written in the same transactions as
// the jobs: a unit is enqueued with its job, and completed with it.
//
// A job's arguments are two numbers, the scan and the unit: the objects a
// unit reads are in scan_units, and credentials reach workers as they
// reach a single process (environment, credential files), never through
// the queue.
package queue

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivermigrate"
	"github.com/riverqueue/river/rivertype"
)

// Name is the River queue that carries pmscan's units.
const Name = "pmscan"

// MaxAttempts is how often a unit is tried before it ends failed.
const MaxAttempts = 4

// Unit states in scan_units.
const (
	StateQueued = "queued"
	StateDone   = "done"
	StateFailed = "failed"
)

// UnitArgs are a unit job's arguments: which unit of which scan. Nothing
// personal: object names stay in the store.
type UnitArgs struct {
	Scan int64 `json:"scan"`
	Unit int   `json:"unit"`
	// Bytes is the unit's size as listed, which its timeout grows with.
	Bytes int64 `json:"bytes"`
}

// Kind implements river.JobArgs.
func (UnitArgs) Kind() string { return "pmscan_unit" }

// InsertOpts implements river.JobArgsWithInsertOpts: a unit is enqueued
// once (unique by its arguments), on pmscan's queue.
func (UnitArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: Name, MaxAttempts: MaxAttempts, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// Unit is one unit of a distributed scan: a run of top-level objects of
// one target, in walk order.
type Unit struct {
	Scan    int64
	Number  int
	Target  int      // the target's index in the scan's targets
	Objects []string // their names
	// After is the name of the object before the unit's first in the
	// target's walk ("" for the first unit): a listing in key order
	// starts after it.
	After string
	Bytes int64 // their size as listed
	State string
	// Attempts counts the unit's runs that ended (done or failed).
	Attempts int
	Child    int64  // the unit scan that did it, when done
	Error    string // why it failed, when failed
}

// Open connects to the PostgreSQL database at dsn and brings River's
// tables up to date (rivermigrate, idempotent).
func Open(ctx context.Context, dsn string) (*pgxpool.Pool, error) {
	pool, err := pgxpool.New(ctx, dsn)
	if err != nil {
		return nil, fmt.Errorf("queue: %w", err)
	}
	if err := migrate(ctx, pool); err != nil {
		pool.Close()
		return nil, err
	}
	return pool, nil
}

// migrateLock is the advisory lock key under which River's tables are
// brought up to date: workers starting together would otherwise each
// apply the same migration ("pmscanrq" in ASCII).
const migrateLock = 0x706d7363616e7271

// migrate brings River's tables up to date, one process at a time.
func migrate(ctx context.Context, pool *pgxpool.Pool) error {
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("queue: %w", err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, int64(migrateLock)); err != nil {
		return fmt.Errorf("queue: %w", err)
	}
	defer conn.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, int64(migrateLock))
	migrator, err := rivermigrate.New(riverpgxv5.New(pool), nil)
	if err != nil {
		return fmt.Errorf("queue: %w", err)
	}
	if _, err := migrator.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return fmt.Errorf("queue: creating River's tables: %w", err)
	}
	return nil
}

// insertClient is a client that only inserts: no queues, no workers.
func insertClient(pool *pgxpool.Pool) (*river.Client[pgx.Tx], error) {
	return river.NewClient(riverpgxv5.New(pool), &river.Config{})
}

// Enqueue records units and enqueues a job for each, in one transaction:
// a unit exists with its job or not at all.
func Enqueue(ctx context.Context, pool *pgxpool.Pool, units []Unit) error {
	client, err := insertClient(pool)
	if err != nil {
		return fmt.Errorf("queue: %w", err)
	}
	return pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		params := make([]river.InsertManyParams, len(units))
		for i, u := range units {
			objects, err := json.Marshal(u.Objects)
			if err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, `INSERT INTO scan_units (scan_id, unit, target, objects, after, bytes, state) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
				u.Scan, u.Number, u.Target, string(objects), u.After, u.Bytes, StateQueued); err != nil {
				return fmt.Errorf("queue: recording unit %d: %w", u.Number, err)
			}
			params[i] = river.InsertManyParams{Args: UnitArgs{Scan: u.Scan, Unit: u.Number, Bytes: u.Bytes}}
		}
		res, err := client.InsertManyTx(ctx, tx, params)
		if err != nil {
			return fmt.Errorf("queue: enqueueing: %w", err)
		}
		for i, r := range res {
			if _, err := tx.Exec(ctx, `UPDATE scan_units SET job_id = $3 WHERE scan_id = $1 AND unit = $2`, units[i].Scan, units[i].Number, r.Job.ID); err != nil {
				return fmt.Errorf("queue: recording unit %d's job: %w", units[i].Number, err)
			}
		}
		return nil
	})
}

// Units returns the units of scan, in order.
func Units(ctx context.Context, pool *pgxpool.Pool, scan int64) ([]Unit, error) {
	rows, err := pool.Query(ctx, `SELECT unit, target, objects, after, bytes, state, attempts, coalesce(child_scan, 0), error FROM scan_units WHERE scan_id = $1 ORDER BY unit`, scan)
	if err != nil {
		return nil, fmt.Errorf("queue: reading the units of scan %d: %w", scan, err)
	}
	defer rows.Close()
	var out []Unit
	for rows.Next() {
		u := Unit{Scan: scan}
		var objects string
		if err := rows.Scan(&u.Number, &u.Target, &objects, &u.After, &u.Bytes, &u.State, &u.Attempts, &u.Child, &u.Error); err != nil {
			return nil, fmt.Errorf("queue: reading the units of scan %d: %w", scan, err)
		}
		if err := json.Unmarshal([]byte(objects), &u.Objects); err != nil {
			return nil, fmt.Errorf("queue: unit %d of scan %d: %w", u.Number, scan, err)
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// Progress counts the units of scan by state.
type Progress struct {
	Queued, Done, Failed int
	Objects              int64 // the objects of the units done
}

// Total is the number of units.
func (p Progress) Total() int { return p.Queued + p.Done + p.Failed }

// ProgressOf counts the units of scan by state.
func ProgressOf(ctx context.Context, pool *pgxpool.Pool, scan int64) (Progress, error) {
	var p Progress
	rows, err := pool.Query(ctx, `SELECT state, count(*), coalesce(sum(json_array_length(objects)), 0) FROM scan_units WHERE scan_id = $1 GROUP BY state`, scan)
	if err != nil {
		return p, fmt.Errorf("queue: progress of scan %d: %w", scan, err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			state   string
			n       int
			objects int64
		)
		if err := rows.Scan(&state, &n, &objects); err != nil {
			return p, err
		}
		switch state {
		case StateDone:
			p.Done, p.Objects = n, objects
		case StateFailed:
			p.Failed = n
		default:
			p.Queued += n
		}
	}
	return p, rows.Err()
}

// Settle marks failed the queued units of scan whose jobs River gave up
// on: discarded after their last attempt was rescued from a worker that
// died, or cancelled. It returns how many it marked.
func Settle(ctx context.Context, pool *pgxpool.Pool, scan int64) (int, error) {
	tag, err := pool.Exec(ctx, `UPDATE scan_units u SET state = $3, attempts = j.attempt,
	error = CASE WHEN j.state = 'cancelled' THEN 'its job was cancelled' ELSE 'its worker stopped or died on each of its ' || j.attempt || ' attempts' END
FROM river_job j WHERE u.scan_id = $1 AND u.state = $2 AND j.id = u.job_id AND j.state IN ('discarded', 'cancelled')`, scan, StateQueued, StateFailed)
	if err != nil {
		return 0, fmt.Errorf("queue: settling scan %d: %w", scan, err)
	}
	return int(tag.RowsAffected()), nil
}

// Cancel cancels the jobs of scan's units that have not ended, and marks
// those units failed with why: a distributed scan stopped by its user.
func Cancel(ctx context.Context, pool *pgxpool.Pool, scan int64, why string) error {
	client, err := insertClient(pool)
	if err != nil {
		return fmt.Errorf("queue: %w", err)
	}
	rows, err := pool.Query(ctx, `SELECT job_id FROM scan_units WHERE scan_id = $1 AND state = $2 AND job_id IS NOT NULL`, scan, StateQueued)
	if err != nil {
		return fmt.Errorf("queue: cancelling scan %d: %w", scan, err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return fmt.Errorf("queue: cancelling scan %d: %w", scan, err)
	}
	for _, id := range ids {
		if _, err := client.JobCancel(ctx, id); err != nil && !errors.Is(err, river.ErrNotFound) {
			return fmt.Errorf("queue: cancelling job %d: %w", id, err)
		}
	}
	_, err = pool.Exec(ctx, `UPDATE scan_units SET state = $3, error = $4 WHERE scan_id = $1 AND state = $2`, scan, StateQueued, StateFailed, why)
	return err
}

// Runner scans one unit as a scan of its own (a unit scan) and returns
// that scan's ID. An error is retried, up to MaxAttempts runs.
type Runner func(ctx context.Context, u Unit) (child int64, err error)

// WorkerOptions configure Work.
type WorkerOptions struct {
	Concurrency int // units run at once (default 1)
	// UnitTimeout is how long a unit may run, plus a second per megabyte
	// it holds (pmscan reads 5-40 MB a second on a core: a floor far
	// below): past it, the unit is cancelled and tried again, and a unit
	// whose worker died is taken for lost soon after and run again by
	// another (default 10 minutes). River rescues only jobs with a timeout.
	UnitTimeout time.Duration
	// Logf reports units started, done and failed (no values).
	Logf func(format string, args ...any)
}

// Work runs units from the queue with run until ctx is cancelled; then it
// stops taking units and gives the running ones until grace to end
// before cancelling them: a cancelled unit goes back to the queue.
func Work(ctx context.Context, pool *pgxpool.Pool, run Runner, opts WorkerOptions, grace time.Duration) error {
	if opts.Concurrency <= 0 {
		opts.Concurrency = 1
	}
	if opts.Logf == nil {
		opts.Logf = func(string, ...any) {}
	}
	workers := river.NewWorkers()
	if err := river.AddWorkerSafely(workers, &unitWorker{pool: pool, run: run, logf: opts.Logf, timeout: opts.UnitTimeout}); err != nil {
		return fmt.Errorf("queue: %w", err)
	}
	if opts.UnitTimeout <= 0 {
		opts.UnitTimeout = DefaultUnitTimeout
	}
	cfg := &river.Config{
		Queues:     map[string]river.QueueConfig{Name: {MaxWorkers: opts.Concurrency}},
		Workers:    workers,
		JobTimeout: opts.UnitTimeout,
		// Later than the shortest timeout, which a live worker acts on
		// first; a larger unit's own timeout holds it longer.
		RescueStuckJobsAfter: opts.UnitTimeout + max(2*time.Second, opts.UnitTimeout/10),
		RetryPolicy:          retryPolicy{},
		// A worker fetches its next unit as soon as it ends one, not
		// River's 100 ms later: thousands of small units would wait that
		// long each. The poll is for units queued while it was busy.
		FetchCooldown:     10 * time.Millisecond,
		FetchPollInterval: 250 * time.Millisecond,
	}
	client, err := river.NewClient(riverpgxv5.New(pool), cfg)
	if err != nil {
		return fmt.Errorf("queue: %w", err)
	}
	if err := client.Start(context.WithoutCancel(ctx)); err != nil {
		return fmt.Errorf("queue: starting: %w", err)
	}
	<-ctx.Done()
	stopCtx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	if err := client.Stop(stopCtx); err != nil {
		// Past the grace: cancel the running units; River puts them back.
		hard, cancelHard := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancelHard()
		return client.StopAndCancel(hard)
	}
	return nil
}

// retryPolicy retries a unit after 2, 4, 8 … seconds, at most 5 minutes:
// a unit fails for a store or a network that is down, which comes back
// in seconds or minutes, not hours (River's default grows as attempt⁴).
type retryPolicy struct{}

func (retryPolicy) NextRetry(job *rivertype.JobRow) time.Time {
	d := time.Duration(1<<min(job.Attempt, 8)) * time.Second
	return time.Now().Add(min(d, 5*time.Minute))
}

// DefaultUnitTimeout is WorkerOptions.UnitTimeout's default.
const DefaultUnitTimeout = 10 * time.Minute

type unitWorker struct {
	river.WorkerDefaults[UnitArgs]
	pool    *pgxpool.Pool
	run     Runner
	logf    func(format string, args ...any)
	timeout time.Duration
}

// Timeout implements river.Worker: the unit's base timeout plus a second
// per megabyte it holds.
func (w *unitWorker) Timeout(job *river.Job[UnitArgs]) time.Duration {
	return unitTimeout(w.timeout, job.Args.Bytes)
}

func unitTimeout(base time.Duration, bytes int64) time.Duration {
	return base + time.Duration(bytes>>20)*time.Second
}

// Work runs one unit. Its end is written in the transaction that
// completes its job: a unit whose worker died before that is run again
// from the start, and its earlier, unfinished unit scan is never
// referenced.
func (w *unitWorker) Work(ctx context.Context, job *river.Job[UnitArgs]) error {
	a := job.Args
	u, err := w.unit(ctx, a)
	if err != nil {
		return err
	}
	if u.State != StateQueued {
		// Done or failed already, or the scan was cancelled.
		_, err := w.complete(ctx, job, func(pgx.Tx) error { return nil })
		return err
	}
	w.logf("unit %d of scan %d: %d objects, attempt %d", a.Unit, a.Scan, len(u.Objects), job.Attempt)
	child, runErr := w.run(ctx, u)
	if runErr != nil && ctx.Err() != nil {
		return runErr // stopping: River gives the unit back
	}
	if runErr != nil && job.Attempt < job.MaxAttempts {
		w.logf("unit %d of scan %d: attempt %d failed: %v", a.Unit, a.Scan, job.Attempt, runErr)
		return runErr
	}
	_, err = w.complete(ctx, job, func(tx pgx.Tx) error {
		if runErr != nil {
			_, err := tx.Exec(ctx, `UPDATE scan_units SET state = $3, attempts = $4, error = $5 WHERE scan_id = $1 AND unit = $2`,
				a.Scan, a.Unit, StateFailed, job.Attempt, runErr.Error())
			return err
		}
		_, err := tx.Exec(ctx, `UPDATE scan_units SET state = $3, attempts = $4, child_scan = $5, error = '' WHERE scan_id = $1 AND unit = $2`,
			a.Scan, a.Unit, StateDone, job.Attempt, child)
		return err
	})
	if err == nil {
		if runErr != nil {
			w.logf("unit %d of scan %d: failed after %d attempts: %v", a.Unit, a.Scan, job.Attempt, runErr)
		} else {
			w.logf("unit %d of scan %d: done as scan %d", a.Unit, a.Scan, child)
		}
	}
	return err
}

func (w *unitWorker) unit(ctx context.Context, a UnitArgs) (Unit, error) {
	u := Unit{Scan: a.Scan, Number: a.Unit}
	var objects string
	err := w.pool.QueryRow(ctx, `SELECT target, objects, after, bytes, state, attempts FROM scan_units WHERE scan_id = $1 AND unit = $2`, a.Scan, a.Unit).
		Scan(&u.Target, &objects, &u.After, &u.Bytes, &u.State, &u.Attempts)
	if err != nil {
		return u, fmt.Errorf("unit %d of scan %d: %w", a.Unit, a.Scan, err)
	}
	return u, json.Unmarshal([]byte(objects), &u.Objects)
}

// complete writes the unit's end with write and completes its job, in one
// transaction.
func (w *unitWorker) complete(ctx context.Context, job *river.Job[UnitArgs], write func(pgx.Tx) error) (*river.Job[UnitArgs], error) {
	var done *river.Job[UnitArgs]
	err := pgx.BeginFunc(context.WithoutCancel(ctx), w.pool, func(tx pgx.Tx) error {
		if err := write(tx); err != nil {
			return err
		}
		var err error
		done, err = river.JobCompleteTx[*riverpgxv5.Driver](ctx, tx, job)
		return err
	})
	return done, err
}
