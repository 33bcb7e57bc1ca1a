package sqldb_test

import (
	"context"
	"testing"

	"github.com/pmscan/pmscan/connectors/postgres"
	"github.com/pmscan/pmscan/connectors/sqldb"
	"github.com/pmscan/pmscan/internal/testkit/dbtest"
)

// TestValueCutIsAProblem reads, from the real PostgreSQL, a value longer
// than the length limit: its start is scanned, and the cut is a failure at
// its row and column, so that every report shows it and the scan is
// incomplete, not only the -columns count.
func TestValueCutIsAProblem(t *testing.T) {
	const table = "public.pmscan_sqldb_valuecut"
	admin := dbtest.Postgres(t)
	dbtest.ExecPostgres(t, admin,
		"DROP TABLE IF EXISTS "+table,
		"CREATE TABLE "+table+" (id integer PRIMARY KEY, note text)",
		// 100 phone numbers, 1,400 characters; the cap reads 1,000.
		"INSERT INTO "+table+" VALUES (1, repeat('090-1234-5678 ', 100)), (2, 'short 090-8765-4321')",
	)
	t.Cleanup(func() { admin.Exec(context.Background(), "DROP TABLE IF EXISTS "+table) })

	c, err := postgres.NewFactory(sqldb.Options{MaxValueChars: 1000,
		Filter: sqldb.Filter{Include: []string{table}}}).Open(context.Background(), dbtest.PostgresURL())
	if err != nil {
		t.Fatal(err)
	}
	res := dbtest.Scan(t, context.Background(), c)

	if res.Summary.Failed != 1 || len(res.Problems) != 1 {
		t.Fatalf("failed %d, problems %+v; want the one cut value", res.Summary.Failed, res.Problems)
	}
	p := res.Problems[0]
	if p.Skipped || p.Terminal || p.Location.Object.Table != table || p.Location.Column != "note" ||
		string(p.Location.Row) != `{"id":1}` ||
		p.Err.Error() != "value longer than 1000 characters: the rest not read" {
		t.Errorf("problem %+v at %+v: %v", p, p.Location, p.Err)
	}
	// The start of the value is scanned and the table ends read.
	var row1, row2 int
	for _, f := range res.Findings {
		switch string(f.Location.Row) {
		case `{"id":1}`:
			row1++
		case `{"id":2}`:
			row2++
		}
	}
	if row1 == 0 || row1 >= 100 || row2 != 1 {
		t.Errorf("findings: %d in the cut value (want some, fewer than 100), %d in the short one", row1, row2)
	}
	st, ok := res.Objects[table]
	if !ok || st.Rows != 2 {
		t.Errorf("table stats %+v, read to the end %v", st, ok)
	}
	for _, col := range st.Columns {
		if col.Name == "note" && col.Truncated != 1 {
			t.Errorf("note: %d truncated, want 1", col.Truncated)
		}
	}
}
