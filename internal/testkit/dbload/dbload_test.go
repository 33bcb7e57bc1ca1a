package dbload

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	mysqlconn "github.com/pmscan/pmscan/connectors/mysql"
	"github.com/pmscan/pmscan/internal/testkit/dbtest"
	"github.com/pmscan/pmscan/internal/testkit/synthetic"
)

const (
	testTable = "dbload_test_customers"
	testRows  = 2000
)

func postgresConn(t *testing.T) *pgx.Conn { return dbtest.Postgres(t) }

func mysqlDB(t *testing.T) *sql.DB { return dbtest.MySQL(t, mysqlconn.ParseURL) }

// rowReader is what pgx.Rows and *sql.Rows share.
type rowReader interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
}

// readAll reads every row of ncols columns as text.
func readAll(t *testing.T, rs rowReader, ncols int) [][]sql.NullString {
	t.Helper()
	var got [][]sql.NullString
	for rs.Next() {
		row := make([]sql.NullString, ncols)
		ptrs := make([]any, ncols)
		for i := range row {
			ptrs[i] = &row[i]
		}
		if err := rs.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		got = append(got, row)
	}
	if err := rs.Err(); err != nil {
		t.Fatal(err)
	}
	return got
}

// wantRows is rows ids of seed as the text the servers print.
func wantRows(seed uint64, ids []int64) [][]string {
	cols := synthetic.CustomerTableColumns()
	var out [][]string
	for _, id := range ids {
		var row []string
		for i, v := range synthetic.CustomerTableRow(nil, seed, id) {
			var s string
			switch v := v.(type) {
			case nil:
				s = "NULL"
			case string:
				s = v
			case int64:
				s = strconv.FormatInt(v, 10)
			case time.Time:
				s = v.Format(time.DateTime)
				if cols[i].PostgresType == "date" {
					s = v.Format(time.DateOnly)
				}
			}
			row = append(row, s)
		}
		out = append(out, row)
	}
	return out
}

// compareRows compares rows read as text (NULL for NULL) with want.
func compareRows(t *testing.T, got [][]sql.NullString, want [][]string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("read %d rows, want %d", len(got), len(want))
	}
	cols := synthetic.CustomerTableColumns()
	for r := range want {
		for i := range want[r] {
			g := "NULL"
			if got[r][i].Valid {
				g = got[r][i].String
			}
			if g != want[r][i] {
				t.Errorf("row %s column %s: read %q, want %q", want[r][0], cols[i].Name, g, want[r][i])
			}
		}
	}
}

var checkIDs = []int64{1, 2, 3, 777, 1999, 2000}

func TestLoadPostgres(t *testing.T) {
	conn := postgresConn(t)
	ctx := context.Background()
	t.Cleanup(func() {
		conn.Exec(context.Background(), "DROP TABLE IF EXISTS public."+testTable)
	})

	read := func(seed uint64) {
		t.Helper()
		var n int64
		if err := conn.QueryRow(ctx, "SELECT count(*) FROM public."+testTable).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != testRows {
			t.Fatalf("table holds %d rows, want %d", n, testRows)
		}
		cols := synthetic.CustomerTableColumns()
		var sel []string
		for _, c := range cols {
			sel = append(sel, pgx.Identifier{c.Name}.Sanitize()+"::text")
		}
		rs, err := conn.Query(ctx, "SELECT "+strings.Join(sel, ", ")+" FROM public."+testTable+" AS t WHERE t.id = ANY($1) ORDER BY t.id", checkIDs)
		if err != nil {
			t.Fatal(err)
		}
		compareRows(t, readAll(t, rs, len(cols)), wantRows(seed, checkIDs))
	}

	load := func(table string, rows int64, seed uint64) (bool, error) {
		return LoadPostgres(ctx, conn, table, rows, seed)
	}
	checkLoadOnce(t, load, testTable, read)
	loaded, err := load(testTable, testRows, 2)
	if err != nil || !loaded {
		t.Fatalf("load with another seed: loaded=%v, %v", loaded, err)
	}
	read(2)

	// A name that needs quoting.
	odd := `dbload_test_q"uo'te`
	t.Cleanup(func() {
		conn.Exec(context.Background(), "DROP TABLE IF EXISTS "+pgx.Identifier{"public", odd}.Sanitize())
	})
	checkLoadOnce(t, load, odd, nil)
}

// checkLoadOnce loads table with seed 1, reads it back, and loads it again,
// which must find it already loaded.
func checkLoadOnce(t *testing.T, load func(table string, rows int64, seed uint64) (bool, error), table string, read func(seed uint64)) {
	t.Helper()
	if loaded, err := load(table, testRows, 1); err != nil || !loaded {
		t.Fatalf("load %s: loaded=%v, %v", table, loaded, err)
	}
	if read != nil {
		read(1)
	}
	if loaded, err := load(table, testRows, 1); err != nil || loaded {
		t.Fatalf("load %s again: loaded=%v, %v; want nothing done", table, loaded, err)
	}
}

func TestLoadMySQL(t *testing.T) {
	db := mysqlDB(t)
	ctx := context.Background()
	t.Cleanup(func() {
		db.Exec("DROP TABLE IF EXISTS " + testTable)
	})

	read := func(seed uint64) {
		t.Helper()
		var n int64
		if err := db.QueryRow("SELECT COUNT(*) FROM " + testTable).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != testRows {
			t.Fatalf("table holds %d rows, want %d", n, testRows)
		}
		cols := synthetic.CustomerTableColumns()
		var sel []string
		for _, c := range cols {
			sel = append(sel, "CAST("+quoteMySQL(c.Name)+" AS CHAR)")
		}
		ids := make([]string, len(checkIDs))
		for i, id := range checkIDs {
			ids[i] = strconv.FormatInt(id, 10)
		}
		rs, err := db.Query("SELECT " + strings.Join(sel, ", ") + " FROM " + testTable +
			" WHERE id IN (" + strings.Join(ids, ",") + ") ORDER BY id")
		if err != nil {
			t.Fatal(err)
		}
		defer rs.Close()
		compareRows(t, readAll(t, rs, len(cols)), wantRows(seed, checkIDs))
	}

	load := func(table string, rows int64, seed uint64) (bool, error) {
		return LoadMySQL(ctx, db, table, rows, seed)
	}
	checkLoadOnce(t, load, testTable, read)
	// Both ways of sending rows, whatever the server allows.
	for i, method := range []mysqlMethod{mysqlInsert, mysqlLoadData} {
		seed := uint64(2 + i)
		loaded, err := loadMySQL(ctx, db, testTable, testRows, seed, method)
		if err != nil || !loaded {
			t.Fatalf("load with seed %d: loaded=%v, %v", seed, loaded, err)
		}
		read(seed)
	}

	odd := "dbload_test_q`uo'te\"d"
	t.Cleanup(func() {
		db.Exec("DROP TABLE IF EXISTS " + quoteMySQL(odd))
	})
	checkLoadOnce(t, load, odd, nil)
}
