package main

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/internal/testkit/benchenv"
	"github.com/pmscan/pmscan/internal/testkit/dbload"
	"github.com/pmscan/pmscan/internal/testkit/dbtest"
	"github.com/pmscan/pmscan/reports/lookup"
	"github.com/pmscan/pmscan/reports/store"
	"github.com/pmscan/pmscan/scanner"
)

// BenchmarkIndexCost times scans of one target with and without the
// lookup index (-no-lookup-index), each into a new state store (SQLite,
// or PostgreSQL with PMSCAN_BENCH_STATE=postgres), alternately, and
// reports the medians, the index's share of the time, the stores' sizes,
// the identifiers indexed and the bytes each adds:
//
//	PMSCAN_BENCH_TREE_MB=256 go test -run '^$' -bench IndexCost/tree -benchtime 3x ./cmd/pmscan
//	PMSCAN_BENCH_ROWS=1000000 go test -run '^$' -bench IndexCost/postgres -benchtime 3x ./cmd/pmscan
func BenchmarkIndexCost(b *testing.B) {
	b.Run("tree", func(b *testing.B) {
		benchIndexCost(b, benchTree(b, benchenv.Int(b, "PMSCAN_BENCH_TREE_MB", 64)))
	})
	b.Run("postgres", func(b *testing.B) {
		admin := dbtest.Postgres(b)
		if _, err := dbload.LoadPostgres(context.Background(), admin, dbtest.BenchTable, dbtest.BenchRows(b), dbtest.BenchSeed); err != nil {
			b.Fatal(err)
		}
		benchIndexCost(b, "-tables", "public."+dbtest.BenchTable, dbtest.PostgresURL())
	})
}

func benchIndexCost(b *testing.B, args ...string) {
	var with, without []binRun
	var withSize, withoutSize []int64
	var entries int64
	for i := range b.N {
		for _, index := range []bool{i%2 == 0, i%2 != 0} {
			state := newBenchState(b)
			base := []string{"scan", "-state", state.dsn, "-progress", "never", "-o", os.DevNull}
			if !index {
				base = append(base, "-no-lookup-index")
			}
			r := runBinary(b, append(base, args...)...)
			size := state.size()
			if index {
				with, withSize = append(with, r), append(withSize, size)
				entries = state.identifiers()
			} else {
				without, withoutSize = append(without, r), append(withoutSize, size)
			}
		}
	}
	w, wo := medianRun(with), medianRun(without)
	ws, wos := median(withSize), median(withoutSize)
	b.ReportMetric(w.wall.Seconds(), "indexed-s")
	b.ReportMetric(wo.wall.Seconds(), "unindexed-s")
	b.ReportMetric(w.wall.Seconds()/wo.wall.Seconds(), "time-ratio")
	b.ReportMetric(float64(ws)/(1<<20), "indexed-store-MiB")
	b.ReportMetric(float64(wos)/(1<<20), "unindexed-store-MiB")
	b.ReportMetric(float64(entries), "entries")
	if entries > 0 {
		b.ReportMetric(float64(ws-wos)/float64(entries), "B/entry")
	}
}

// benchState is a new state store for a benchmark's scan.
type benchState struct {
	dsn         string
	size        func() int64 // bytes on disk
	identifiers func() int64 // in its lookup index
}

func newBenchState(b *testing.B) benchState {
	if os.Getenv("PMSCAN_BENCH_STATE") != "postgres" {
		state := filepath.Join(b.TempDir(), "state.db")
		return benchState{dsn: state, size: func() int64 { return storeSize(b, state) }, identifiers: func() int64 { return indexedIdentifiers(b, state) }}
	}
	dsn, _, _ := dbtest.PostgresDatabase(b)
	query := func(q string) int64 {
		var n sql.NullInt64
		if err := openStateDB(b, dsn).QueryRow(q).Scan(&n); err != nil {
			b.Fatal(err)
		}
		return n.Int64
	}
	return benchState{dsn: dsn, size: func() int64 { return query(`SELECT pg_database_size(current_database())`) },
		identifiers: func() int64 { return query(`SELECT sum(cardinality(hashes)) FROM lookup_records`) }}
}

// storeSize is a SQLite store's bytes on disk, its write-ahead log too.
func storeSize(b *testing.B, state string) int64 {
	var n int64
	for _, suffix := range []string{"", "-wal"} {
		if info, err := os.Stat(state + suffix); err == nil {
			n += info.Size()
		}
	}
	return n
}

// indexedIdentifiers counts the identifiers in a SQLite store's lookup
// index: the (hash, record) pairs of its full-text index.
func indexedIdentifiers(b *testing.B, state string) int64 {
	db := openStateDB(b, state)
	var n int64
	if _, err := db.Exec(`CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, 'lookup_hashes', 'row')`); err != nil {
		b.Fatal(err)
	}
	if err := db.QueryRow(`SELECT sum(doc) FROM temp.vocab`).Scan(&n); err != nil {
		b.Fatal(err)
	}
	return n
}

// BenchmarkLookupIndex times lookups from an index of
// PMSCAN_BENCH_IDENTIFIERS identifiers (default 200,000), on SQLite and on
// PostgreSQL: a customer table's rows of five each (name with its
// surname, e-mail, phone, birth date, address; names from a pool of
// 10,000 and birth dates from 60 years, so that a name alone finds a few
// hundred records, as a common name does), stored as a scan stores them.
// Each iteration runs 20 lookups of customers picked at random, by the
// binary, and reports the median and worst wall time, the median and
// worst time of the search in the store alone, and the index's size:
//
//	PMSCAN_BENCH_IDENTIFIERS=10000000 go test -run '^$' -bench LookupIndex -benchtime 1x -timeout 2h ./cmd/pmscan
func BenchmarkLookupIndex(b *testing.B) {
	n := benchenv.Int(b, "PMSCAN_BENCH_IDENTIFIERS", 200_000)
	key := lookup.Key{1, 2, 3}
	b.Setenv(lookup.KeyEnv, fmt.Sprintf("%x", key[:]))
	b.Run("sqlite", func(b *testing.B) {
		state := filepath.Join(b.TempDir(), "state.db")
		benchLookupIndex(b, state, key, n, func() int64 { return storeSize(b, state) })
	})
	b.Run("postgres", func(b *testing.B) {
		dsn, _, _ := dbtest.PostgresDatabase(b)
		benchLookupIndex(b, dsn, key, n, func() int64 {
			var size int64
			if err := openStateDB(b, dsn).QueryRow(`SELECT pg_total_relation_size('lookup_records') + pg_total_relation_size('lookup_objects')`).Scan(&size); err != nil {
				b.Fatal(err)
			}
			return size
		})
	})
}

// benchCustomer is row i of the benchmark's customer table.
type benchCustomer struct {
	name, email, phone, birth, address string
}

func benchCustomerOf(i int) benchCustomer {
	r := rand.New(rand.NewPCG(uint64(i), 2026))
	surnames := []string{"佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤"}
	givens := []string{"花子", "太郎", "美咲", "健", "陽菜", "蓮", "結衣", "大翔", "さくら", "翔太"}
	k := r.IntN(10_000)
	birth := time.Date(1950, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(60*365))
	return benchCustomer{
		name:    fmt.Sprintf("%s%d %s%d", surnames[k%10], k/1000, givens[(k/10)%10], (k/100)%10),
		email:   fmt.Sprintf("customer%d@example.jp", i),
		phone:   fmt.Sprintf("090-%04d-%04d", i/10000%10000, i%10000),
		birth:   birth.Format("2006-01-02"),
		address: fmt.Sprintf("世田谷区北沢%d-%d-%d", i%5+1, i/5%30+1, i/150%20+1),
	}
}

func benchLookupIndex(b *testing.B, state string, key lookup.Key, n int, size func() int64) {
	ctx := context.Background()
	st, err := store.Open(ctx, state)
	if err != nil {
		b.Fatal(err)
	}
	rows := n / 5
	start := time.Now()
	if err := fillIndex(ctx, st, key.Index(), rows); err != nil {
		b.Fatal(err)
	}
	b.Logf("%d rows, %d identifiers stored in %s", rows, n, time.Since(start).Round(time.Second))
	if !strings.HasPrefix(state, "postgres") {
		// The size on disk, not the log of the last writes.
		if _, err := openStateDB(b, state).Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
			b.Fatal(err)
		}
	}
	entries := int64(rows) * 5 // one per identifier and row
	bytes := size()

	var walls, searches []time.Duration
	pick := rand.New(rand.NewPCG(7, 7))
	for range b.N {
		for range 20 {
			c := benchCustomerOf(pick.IntN(rows))
			args := []string{"-name", c.name, "-email", c.email, "-phone", c.phone, "-birth-date", c.birth, "-address", c.address}
			q, err := lookup.Parse(lookup.Input{Name: c.name, Emails: []string{c.email}, Phones: []string{c.phone}, BirthDate: c.birth, Address: c.address})
			if err != nil {
				b.Fatal(err)
			}
			search := lookup.NewIndexSearch(q, key.Index(), nil, false)
			t0 := time.Now()
			if _, err := st.SearchIndex(ctx, search.Hashes(), search.Record); err != nil {
				b.Fatal(err)
			}
			searches = append(searches, time.Since(t0))
			if res := search.Result(); len(res.Matches) == 0 {
				b.Fatalf("%v: no match", args)
			}
			walls = append(walls, runBinary(b, append([]string{"lookup", "-state", state, "-o", os.DevNull}, args...)...).wall)
		}
	}
	st.Close()
	b.ReportMetric(float64(entries), "entries")
	b.ReportMetric(float64(bytes)/(1<<20), "index-MiB")
	b.ReportMetric(float64(bytes)/float64(entries), "B/entry")
	b.ReportMetric(float64(median(walls).Microseconds())/1000, "lookup-median-ms")
	b.ReportMetric(float64(maxOf(walls).Microseconds())/1000, "lookup-worst-ms")
	b.ReportMetric(float64(median(searches).Microseconds())/1000, "search-median-ms")
	b.ReportMetric(float64(maxOf(searches).Microseconds())/1000, "search-worst-ms")
}

func maxOf(v []time.Duration) time.Duration {
	var m time.Duration
	for _, d := range v {
		m = max(m, d)
	}
	return m
}

// fillIndex stores a finished scan of a customer table of rows rows whose
// findings only the lookup index keeps (as -keep-findings 0 would).
func fillIndex(ctx context.Context, st *store.Store, x *lookup.Index, rows int) error {
	target := "postgres://bench/shop"
	id, err := st.BeginScan(ctx, store.ScanInfo{Targets: []string{target}, LookupKey: x.ID()})
	if err != nil {
		return err
	}
	sink := st.Sink(ctx, id)
	kept := store.Sample(sink, 0)
	table := connectors.NewTable("postgres", "bench", "shop", "public.customers")
	for i := range rows {
		c := benchCustomerOf(i)
		row := connectors.RowKey(fmt.Sprintf(`{"id":%d}`, i+1))
		for _, v := range []struct{ typ, column, value string }{
			{"person_name", "name", c.name}, {"email", "email", c.email}, {"phone", "phone", c.phone},
			{"birth_date", "birth", c.birth}, {"address", "address", c.address},
		} {
			f := scanner.Finding{Type: v.typ, Location: connectors.Location{Object: table, Column: v.column, Row: row}, Masked: strings.Repeat("*", 4)}
			f.LookupHash, f.LookupSurname = x.LookupHashes(v.typ, v.value)
			if err := kept.Finding(&f); err != nil {
				return err
			}
		}
	}
	if err := kept.Object(table, connectors.ObjectStats{}); err != nil {
		return err
	}
	return sink.Close(&scanner.Summary{Targets: []scanner.TargetResult{{Name: target}}}, nil)
}
