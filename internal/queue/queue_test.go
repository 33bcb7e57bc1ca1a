package queue

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/pmscan/pmscan/internal/testkit/dbtest"
	"github.com/pmscan/pmscan/reports/store"
)

// newQueue is a state store in a new PostgreSQL database with River's
// tables, and a scan to hang units on.
func newQueue(t testing.TB) (*pgxpool.Pool, int64) {
	t.Helper()
	dsn, _, _ := dbtest.PostgresDatabase(t)
	st, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	id, err := st.BeginScan(context.Background(), store.ScanInfo{Targets: []string{"/data"}, Args: []string{"/data"}})
	if err != nil {
		t.Fatal(err)
	}
	pool, err := Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	// A second Open finds the tables made: the migrations are idempotent.
	again, err := Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	again.Close()
	return pool, id
}

func units(scan int64, n int) []Unit {
	out := make([]Unit, n)
	for i := range out {
		out[i] = Unit{Scan: scan, Number: i, Objects: []string{fmt.Sprintf("/data/f%d", i)}, Bytes: 10}
	}
	return out
}

// TestWorkUnits: units enqueued with their jobs run once each; a run that
// errs is tried again and its success recorded; the unit's end and its
// child scan are written with the job's completion.
func TestWorkUnits(t *testing.T) {
	pool, scan := newQueue(t)
	if err := Enqueue(context.Background(), pool, units(scan, 5)); err != nil {
		t.Fatal(err)
	}
	// Enqueueing the same units again is refused whole: nothing doubles.
	if err := Enqueue(context.Background(), pool, units(scan, 5)); err == nil {
		t.Fatal("the same units were enqueued twice")
	}
	var mu sync.Mutex
	runs := map[int]int{}
	run := func(_ context.Context, u Unit) (int64, error) {
		mu.Lock()
		defer mu.Unlock()
		runs[u.Number]++
		if u.Number == 3 && runs[3] == 1 {
			return 0, errors.New("the store went away")
		}
		return 1000 + int64(u.Number), nil
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- Work(ctx, pool, run, WorkerOptions{Concurrency: 2}, 5*time.Second) }()
	deadline := time.Now().Add(time.Minute)
	for {
		p, err := ProgressOf(context.Background(), pool, scan)
		if err != nil {
			t.Fatal(err)
		}
		if p.Done == 5 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("progress %+v after a minute", p)
		}
		time.Sleep(100 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	got, err := Units(context.Background(), pool, scan)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range got {
		wantAttempts := 1
		if u.Number == 3 {
			wantAttempts = 2
		}
		if u.State != StateDone || u.Child != 1000+int64(u.Number) || u.Attempts != wantAttempts || runs[u.Number] != wantAttempts {
			t.Errorf("unit %d: %+v, run %d times", u.Number, u, runs[u.Number])
		}
	}
}

// TestCancelAndSettle: Cancel marks the units not done failed with why;
// Settle marks failed a unit whose job River gave up on.
func TestCancelAndSettle(t *testing.T) {
	pool, scan := newQueue(t)
	if err := Enqueue(context.Background(), pool, units(scan, 3)); err != nil {
		t.Fatal(err)
	}
	// River discarded unit 0's job (its worker died on every attempt).
	if _, err := pool.Exec(context.Background(), `UPDATE river_job SET state = 'discarded', attempt = 4, finalized_at = now() WHERE id = (SELECT job_id FROM scan_units WHERE scan_id = $1 AND unit = 0)`, scan); err != nil {
		t.Fatal(err)
	}
	if n, err := Settle(context.Background(), pool, scan); err != nil || n != 1 {
		t.Fatalf("Settle marked %d units (%v), want 1", n, err)
	}
	if err := Cancel(context.Background(), pool, scan, "stopped"); err != nil {
		t.Fatal(err)
	}
	got, err := Units(context.Background(), pool, scan)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"its worker stopped or died on each of its 4 attempts", "stopped", "stopped"}
	for i, u := range got {
		if u.State != StateFailed || u.Error != want[i] {
			t.Errorf("unit %d: %s %q, want failed %q", i, u.State, u.Error, want[i])
		}
	}
	var live int
	if err := pool.QueryRow(context.Background(), `SELECT count(*) FROM river_job WHERE state NOT IN ('cancelled', 'discarded')`).Scan(&live); err != nil || live != 0 {
		t.Errorf("%d jobs still live after Cancel (%v)", live, err)
	}
	p, err := ProgressOf(context.Background(), pool, scan)
	if err != nil || p.Failed != 3 || p.Total() != 3 {
		t.Errorf("progress %+v (%v), want 3 failed", p, err)
	}
}

// BenchmarkQueue measures the queue alone: units that do nothing, run by
// four goroutines of one worker, from enqueue to the last completion.
//
//	go test -run '^$' -bench Queue -benchtime 3x ./internal/queue
func BenchmarkQueue(b *testing.B) {
	const n = 2000
	for range b.N {
		b.StopTimer()
		pool, scan := newQueue(b)
		b.StartTimer()
		start := time.Now()
		if err := Enqueue(context.Background(), pool, units(scan, n)); err != nil {
			b.Fatal(err)
		}
		enqueued := time.Since(start)
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error)
		go func() {
			done <- Work(ctx, pool, func(context.Context, Unit) (int64, error) { return 1, nil }, WorkerOptions{Concurrency: 4}, time.Second)
		}()
		for {
			p, err := ProgressOf(context.Background(), pool, scan)
			if err != nil {
				b.Fatal(err)
			}
			if p.Done == n {
				break
			}
			time.Sleep(20 * time.Millisecond)
		}
		total := time.Since(start)
		cancel()
		<-done
		b.ReportMetric(float64(n)/enqueued.Seconds(), "enqueued/s")
		b.ReportMetric(float64(n)/(total-enqueued).Seconds(), "units/s")
	}
}

func TestUnitTimeout(t *testing.T) {
	for _, tt := range []struct {
		bytes int64
		want  time.Duration
	}{
		{0, 10 * time.Minute},
		{(1 << 20) - 1, 10 * time.Minute},
		{64 << 20, 10*time.Minute + 64*time.Second},
		{100 << 30, 10*time.Minute + 102400*time.Second},
	} {
		if got := unitTimeout(DefaultUnitTimeout, tt.bytes); got != tt.want {
			t.Errorf("unitTimeout(%d bytes) = %v, want %v", tt.bytes, got, tt.want)
		}
	}
}
