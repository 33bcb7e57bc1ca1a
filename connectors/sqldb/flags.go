package sqldb

import (
	"flag"
	"time"

	"github.com/pmscan/pmscan/internal/i18n"
	"github.com/pmscan/pmscan/internal/units"
)

// Flags are the command-line flags of the database connectors. PostgreSQL
// and MySQL share one Flags: it defines its flags once per FlagSet.
type Flags struct {
	on                    *flag.FlagSet // where they are defined
	tables, excludeTables string
	sample                int
	sampleSeed            int64
	conns                 int
	pageRows              int
	timeout               time.Duration
	views                 bool
}

// NewFlags returns the flags the database connectors share.
func NewFlags() *Flags { return &Flags{} }

func (d *Flags) register(fs *flag.FlagSet) {
	if d.on == fs {
		return
	}
	d.on = fs
	fs.StringVar(&d.tables, "tables", "", "databases: scan only relations matching these comma-separated `GLOBS` on schema.table (a glob without a dot matches the table name)")
	fs.StringVar(&d.excludeTables, "exclude-tables", "", "databases: do not scan relations matching these comma-separated `GLOBS`")
	fs.IntVar(&d.sample, "sample", 0, "databases: read about `N` rows per table (TABLESAMPLE or key-range probes) instead of every row")
	fs.Int64Var(&d.sampleSeed, "sample-seed", 1, "databases: seed for -sample, so that a scan can be repeated on the same rows")
	fs.IntVar(&d.conns, "db-conns", DefaultConns, "databases: at most `N` connections to each server; tables are read in parallel up to it")
	fs.IntVar(&d.pageRows, "db-page-rows", DefaultPageRows, "databases: read tables with a key in pages of `N` rows, in key order; a scan stopped inside such a table resumes from its last checkpoint, taken every 64 pages or 10 seconds")
	fs.DurationVar(&d.timeout, "db-timeout", DefaultStatementTimeout, "databases: statement timeout for each query")
	fs.BoolVar(&d.views, "db-views", true, "databases: scan views as well as tables and materialized views")
}

func (d *Flags) options() (Options, error) {
	if d.sample < 0 {
		return Options{}, i18n.Errorf("-sample must not be negative")
	}
	if d.conns < 1 {
		return Options{}, i18n.Errorf("-db-conns must be at least 1")
	}
	if d.pageRows < 1 {
		return Options{}, i18n.Errorf("-db-page-rows must be at least 1")
	}
	if d.timeout <= 0 {
		return Options{}, i18n.Errorf("-db-timeout must be positive")
	}
	o := Options{
		Filter:           Filter{Include: units.List(d.tables), Exclude: units.List(d.excludeTables)},
		Views:            d.views,
		Sample:           d.sample,
		SampleSeed:       d.sampleSeed,
		Conns:            d.conns,
		PageRows:         d.pageRows,
		StatementTimeout: d.timeout,
	}
	if err := o.Filter.Validate(); err != nil {
		return Options{}, err
	}
	return o, nil
}

// RegisterFlags defines the database flags on fs, unless a factory
// sharing them already did.
func (f *Factory) RegisterFlags(fs *flag.FlagSet) {
	if f.Flags != nil {
		f.Flags.register(fs)
	}
}

// ApplyFlags checks the database flags and makes them the factory's
// options.
func (f *Factory) ApplyFlags() error {
	if f.Flags == nil || f.Flags.on == nil {
		return nil
	}
	o, err := f.Flags.options()
	if err != nil {
		return err
	}
	f.Options = o
	return nil
}
