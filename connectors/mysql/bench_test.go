package mysql

import (
	"context"
	"testing"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/connectors/sqldb"
	"github.com/pmscan/pmscan/internal/testkit/dbload"
	"github.com/pmscan/pmscan/internal/testkit/dbtest"
)

// BenchmarkFullScan reads the generated customer table (loaded once, kept
// between runs; see internal/testkit/dbtest for the knobs):
//
//	go test -run XXX -bench FullScan -benchtime 3x -count 3 ./connectors/mysql
func BenchmarkFullScan(b *testing.B) {
	admin := dbtest.MySQL(b, ParseURL)
	if _, err := dbload.LoadMySQL(context.Background(), admin, dbtest.BenchTable, dbtest.BenchRows(b), dbtest.BenchSeed); err != nil {
		b.Fatal(err)
	}
	opts := sqldb.Options{Conns: dbtest.BenchConns(b), Filter: sqldb.Filter{Include: []string{dbtest.BenchTable}}}
	dbtest.BenchScan(b, func() connectors.Connector {
		c, err := NewFactory(opts).Open(context.Background(), dbtest.MySQLURL())
		if err != nil {
			b.Fatal(err)
		}
		return c
	})
}
