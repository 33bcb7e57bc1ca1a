// Command pmscan-testdata writes synthetic test data.
//
//	go run ./cmd/pmscan-testdata -demo testdata/demo
//
// rewrites the demo data set and, beside it, demo-expected.jsonl (its
// manifest, one JSON object per line, sorted by path then line).
//
//	go run ./cmd/pmscan-testdata -corpus /tmp/corpus -size-mb 50
//
// writes a benchmark corpus of about that many MiB.
//
//	go run ./cmd/pmscan-testdata -db-table-postgres postgres://postgres@127.0.0.1:5432/test \
//		-db-table-mysql mysql://root@127.0.0.1:3306/test -rows 1000000 -table bench_customers
//
// makes the table hold that many synthetic customer rows (internal/testkit/dbload),
// unless it already does.
package main

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"

	gomysql "github.com/go-sql-driver/mysql"
	"github.com/jackc/pgx/v5"

	"github.com/pmscan/pmscan/connectors/mysql"
	"github.com/pmscan/pmscan/internal/testkit/dbload"
	"github.com/pmscan/pmscan/internal/testkit/synthetic"
)

func main() {
	if err := Run(context.Background(), os.Args[1:]); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "pmscan-testdata:", err)
		}
		os.Exit(2)
	}
}

// Run parses args and writes the requested data.
func Run(ctx context.Context, args []string) error {
	fl := flag.NewFlagSet("pmscan-testdata", flag.ContinueOnError)
	demo := fl.String("demo", "", "rewrite the demo data set in `dir` (and dir/../demo-expected.jsonl)")
	expected := fl.String("expected", "", "manifest `path` for -demo (default: demo-expected.jsonl beside dir)")
	corpus := fl.String("corpus", "", "write a benchmark corpus into `dir`")
	sizeMB := fl.Int("size-mb", 50, "corpus size in MiB")
	pgURL := fl.String("db-table-postgres", "", "load the customer table into the PostgreSQL database at `url`")
	mysqlURL := fl.String("db-table-mysql", "", "load the customer table into the MySQL/MariaDB database at `url` (mysql://, as pmscan takes it)")
	rows := fl.Int64("rows", 1_000_000, "rows of the customer table")
	table := fl.String("table", "bench_customers", "customer table `name`")
	seed := fl.Uint64("seed", synthetic.DemoSeed, "random seed")
	if err := fl.Parse(args); err != nil {
		return err
	}
	db := *pgURL != "" || *mysqlURL != ""
	if n := btoi(*demo != "") + btoi(*corpus != "") + btoi(db); fl.NArg() > 0 || n != 1 {
		fl.Usage()
		return errors.New("give exactly one of -demo DIR, -corpus DIR or -db-table-postgres/-db-table-mysql")
	}
	if db {
		if *rows < 0 {
			return errors.New("-rows must not be negative")
		}
		return loadTables(ctx, *pgURL, *mysqlURL, *table, *rows, *seed)
	}
	if *corpus != "" {
		if *sizeMB <= 0 {
			return errors.New("-size-mb must be positive")
		}
		return synthetic.WriteCorpus(*corpus, *sizeMB, *seed)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return writeDemo(*demo, *expected, *seed)
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// loadTables loads the customer table into the servers given.
func loadTables(ctx context.Context, pgURL, mysqlURL, table string, rows int64, seed uint64) error {
	report := func(server string, start time.Time, loaded bool) {
		if loaded {
			fmt.Printf("%s: loaded %d rows (seed %d) into %s in %v\n", server, rows, seed, table, time.Since(start).Round(time.Millisecond))
		} else {
			fmt.Printf("%s: %s already holds %d rows (seed %d); checked in %v\n", server, table, rows, seed, time.Since(start).Round(time.Millisecond))
		}
	}
	if pgURL != "" {
		start := time.Now()
		conn, err := pgx.Connect(ctx, pgURL)
		if err != nil {
			return fmt.Errorf("connect to postgres: %w", err)
		}
		loaded, err := dbload.LoadPostgres(ctx, conn, table, rows, seed)
		conn.Close(ctx)
		if err != nil {
			return err
		}
		report("postgres", start, loaded)
	}
	if mysqlURL != "" {
		start := time.Now()
		cfg, err := mysql.ParseURL(mysqlURL)
		if err != nil {
			return err
		}
		connector, err := gomysql.NewConnector(cfg)
		if err != nil {
			return fmt.Errorf("open mysql: %w", err)
		}
		db := sql.OpenDB(connector)
		defer db.Close()
		loaded, err := dbload.LoadMySQL(ctx, db, table, rows, seed)
		if err != nil {
			return err
		}
		report("mysql", start, loaded)
	}
	return nil
}

func writeDemo(dir, expected string, seed uint64) error {
	dir = filepath.Clean(dir)
	if expected == "" {
		expected = filepath.Join(filepath.Dir(dir), filepath.Base(dir)+"-expected.jsonl")
	}
	manifest, err := synthetic.WriteDemo(dir, seed)
	if err != nil {
		return err
	}
	if err := removeStale(dir); err != nil {
		return err
	}
	var b bytes.Buffer
	if err := synthetic.WriteManifest(&b, manifest); err != nil {
		return err
	}
	if err := os.WriteFile(expected, b.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write manifest: %w", err)
	}
	fmt.Printf("wrote %d files to %s and %d expectations to %s\n", len(synthetic.DemoFiles), dir, len(manifest), expected)
	return nil
}

// removeStale deletes regular files in dir that the demo no longer writes:
// the demo directory belongs to the generator.
func removeStale(dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		if !slices.Contains(synthetic.DemoFiles, filepath.ToSlash(rel)) {
			fmt.Println("removing stale", p)
			return os.Remove(p)
		}
		return nil
	})
}
