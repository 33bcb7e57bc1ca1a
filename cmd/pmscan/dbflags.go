package main

import (
	"flag"
	"fmt"
	"strings"
	"time"

	"github.com/pmscan/pmscan/connectors/sqldb"
)

// dbFlags are the scan flags for database targets.
type dbFlags struct {
	tables, excludeTables string
	sample                int
	sampleSeed            int64
	conns                 int
	timeout               time.Duration
	views                 bool
}

func (d *dbFlags) flags(fs *flag.FlagSet) {
	fs.StringVar(&d.tables, "tables", "", "databases: scan only relations matching these comma-separated `GLOBS` on schema.table (a glob without a dot matches the table name)")
	fs.StringVar(&d.excludeTables, "exclude-tables", "", "databases: do not scan relations matching these comma-separated `GLOBS`")
	fs.IntVar(&d.sample, "sample", 0, "databases: read about `N` rows per table (TABLESAMPLE or key-range probes) instead of every row")
	fs.Int64Var(&d.sampleSeed, "sample-seed", 1, "databases: seed for -sample, so that a scan can be repeated on the same rows")
	fs.IntVar(&d.conns, "db-conns", sqldb.DefaultConns, "databases: at most `N` connections to each server; tables are read in parallel up to it")
	fs.DurationVar(&d.timeout, "db-timeout", sqldb.DefaultStatementTimeout, "databases: statement timeout for each query")
	fs.BoolVar(&d.views, "db-views", true, "databases: scan views as well as tables and materialized views")
}

func (d *dbFlags) options() (sqldb.Options, error) {
	if d.sample < 0 {
		return sqldb.Options{}, fmt.Errorf("-sample must not be negative")
	}
	if d.conns < 1 {
		return sqldb.Options{}, fmt.Errorf("-db-conns must be at least 1")
	}
	if d.timeout <= 0 {
		return sqldb.Options{}, fmt.Errorf("-db-timeout must be positive")
	}
	o := sqldb.Options{
		Filter:           sqldb.Filter{Include: globs(d.tables), Exclude: globs(d.excludeTables)},
		Views:            d.views,
		Sample:           d.sample,
		SampleSeed:       d.sampleSeed,
		Conns:            d.conns,
		StatementTimeout: d.timeout,
	}
	if err := o.Filter.Validate(); err != nil {
		return sqldb.Options{}, err
	}
	return o, nil
}

func globs(list string) []string {
	var out []string
	for _, g := range strings.Split(list, ",") {
		if g = strings.TrimSpace(g); g != "" {
			out = append(out, g)
		}
	}
	return out
}
