// Package dbload loads the synthetic customer table of
// synthetic.CustomerTableRow into PostgreSQL and MySQL/MariaDB servers, for
// benchmarks and end-to-end tests of the database connectors.
//
// A loaded table carries a comment naming its row count, seed and generator
// version ("pmscan synthetic customers rows=N seed=S version=V"). A load that
// finds the comment it would write does nothing, so a benchmark can call it
// every time and pay for the load once.
package dbload

import (
	"bufio"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/go-sql-driver/mysql"
	"github.com/jackc/pgx/v5"

	"github.com/pmscan/pmscan/internal/testkit/synthetic"
)

// Comment is the table comment of a table that holds rows customer rows made
// with seed by the current generator.
func Comment(rows int64, seed uint64) string {
	return fmt.Sprintf("pmscan synthetic customers rows=%d seed=%d version=%d", rows, seed, synthetic.CustomerTableVersion)
}

func checkArgs(table string, rows int64) error {
	if table == "" || strings.ContainsRune(table, 0) {
		return fmt.Errorf("invalid table name %q", table)
	}
	if rows < 0 {
		return fmt.Errorf("negative row count %d", rows)
	}
	return nil
}

// LoadPostgres makes table (in schema public) hold rows customer rows made
// with seed, unless it already does: when the table comment is Comment(rows,
// seed) it does nothing and returns loaded=false. Otherwise it drops and
// recreates the table, loads it with COPY, sets the comment and runs ANALYZE.
// The load is one transaction, under an advisory lock, so a failed load leaves
// no commented table and concurrent loads of one table wait for each other.
func LoadPostgres(ctx context.Context, conn *pgx.Conn, table string, rows int64, seed uint64) (loaded bool, err error) {
	if err := checkArgs(table, rows); err != nil {
		return false, fmt.Errorf("load postgres: %w", err)
	}
	ident := pgx.Identifier{"public", table}
	qname := ident.Sanitize()
	want := Comment(rows, seed)
	wrap := func(op string, err error) error { return fmt.Errorf("load postgres %s: %s: %w", qname, op, err) }

	tx, err := conn.Begin(ctx)
	if err != nil {
		return false, wrap("begin", err)
	}
	defer tx.Rollback(ctx) // does nothing after Commit
	if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", "pmscan dbload "+qname); err != nil {
		return false, wrap("lock", err)
	}
	var got *string
	if err := tx.QueryRow(ctx, "SELECT obj_description(to_regclass($1), 'pg_class')", qname).Scan(&got); err != nil {
		return false, wrap("read comment", err)
	}
	if got != nil && *got == want {
		return false, nil
	}

	cols := synthetic.CustomerTableColumns()
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.Name
	}
	ddl := createTable(qname, cols, func(s string) string { return pgx.Identifier{s}.Sanitize() },
		func(c synthetic.CustomerTableColumn) string { return c.PostgresType }, "")
	if _, err := tx.Exec(ctx, "DROP TABLE IF EXISTS "+qname); err != nil {
		return false, wrap("drop", err)
	}
	if _, err := tx.Exec(ctx, ddl); err != nil {
		return false, wrap("create", err)
	}
	n, err := tx.CopyFrom(ctx, ident, names, &pgRows{seed: seed, last: rows, row: make([]any, 0, len(cols))})
	if err != nil {
		return false, wrap("copy", err)
	}
	if n != rows {
		return false, wrap("copy", fmt.Errorf("copied %d rows, want %d", n, rows))
	}
	// want holds only letters, digits, spaces and '=': a safe literal.
	if _, err := tx.Exec(ctx, "COMMENT ON TABLE "+qname+" IS '"+want+"'"); err != nil {
		return false, wrap("comment", err)
	}
	if err := tx.Commit(ctx); err != nil {
		return false, wrap("commit", err)
	}
	if _, err := conn.Exec(ctx, "ANALYZE "+qname); err != nil {
		return true, wrap("analyze", err)
	}
	return true, nil
}

// createTable renders the table's CREATE TABLE in one dialect: quote quotes
// an identifier, typeOf picks the column type, and the first column is the
// primary key.
func createTable(qname string, cols []synthetic.CustomerTableColumn, quote func(string) string,
	typeOf func(synthetic.CustomerTableColumn) string, options string) string {
	var ddl strings.Builder
	ddl.WriteString("CREATE TABLE " + qname + " (")
	for i, c := range cols {
		if i > 0 {
			ddl.WriteString(", ")
		}
		ddl.WriteString(quote(c.Name) + " " + typeOf(c))
		if i == 0 {
			ddl.WriteString(" NOT NULL PRIMARY KEY")
		}
	}
	return ddl.String() + ")" + options
}

// pgRows is a pgx.CopyFromSource of rows 1 to last, reusing one slice.
type pgRows struct {
	seed     uint64
	id, last int64
	row      []any
}

func (s *pgRows) Next() bool {
	if s.id >= s.last {
		return false
	}
	s.id++
	s.row = synthetic.CustomerTableRow(s.row[:0], s.seed, s.id)
	return true
}

func (s *pgRows) Values() ([]any, error) { return s.row, nil }
func (s *pgRows) Err() error             { return nil }

// quoteMySQL quotes a MySQL identifier with backticks.
func quoteMySQL(name string) string { return "`" + strings.ReplaceAll(name, "`", "``") + "`" }

// mysqlMethod is how LoadMySQL sends rows.
type mysqlMethod int

const (
	mysqlAuto     mysqlMethod = iota // LOAD DATA when the server allows it, else INSERT
	mysqlLoadData                    // LOAD DATA LOCAL INFILE from a registered reader
	mysqlInsert                      // prepared multi-row INSERT statements
)

// insertBatch is the number of rows per INSERT statement: 19 placeholders a
// row stays far below the 65,535 a statement may have.
const insertBatch = 1000

// insertTxRows is the number of rows per transaction of INSERTs.
const insertTxRows = 50_000

// LoadMySQL makes table (in the DSN's database) hold rows customer rows made
// with seed, unless it already does: when the table comment is Comment(rows,
// seed) it does nothing and returns loaded=false. Otherwise it drops and
// recreates the table (InnoDB, utf8mb4), loads it, sets the comment and runs
// ANALYZE TABLE. Concurrent loads of one table wait for each other (GET_LOCK).
//
// Rows go through LOAD DATA LOCAL INFILE from a registered reader
// (mysql.RegisterReaderHandler) when the server's local_infile is on, and
// through prepared multi-row INSERTs otherwise. The DSN must name a database;
// no other option is needed (parseTime, interpolateParams, loc and
// multiStatements do not matter: dates are sent as text).
func LoadMySQL(ctx context.Context, db *sql.DB, table string, rows int64, seed uint64) (loaded bool, err error) {
	return loadMySQL(ctx, db, table, rows, seed, mysqlAuto)
}

func loadMySQL(ctx context.Context, db *sql.DB, table string, rows int64, seed uint64, method mysqlMethod) (loaded bool, err error) {
	if err := checkArgs(table, rows); err != nil {
		return false, fmt.Errorf("load mysql: %w", err)
	}
	qname := quoteMySQL(table)
	wrap := func(op string, err error) error { return fmt.Errorf("load mysql %s: %s: %w", qname, op, err) }
	conn, err := db.Conn(ctx)
	if err != nil {
		return false, wrap("connect", err)
	}
	defer conn.Close()

	var dbName sql.NullString
	if err := conn.QueryRowContext(ctx, "SELECT DATABASE()").Scan(&dbName); err != nil {
		return false, wrap("select database", err)
	}
	if !dbName.Valid {
		return false, wrap("select database", errors.New("the DSN names no database"))
	}
	// Lock names are at most 64 characters: hash the table's name.
	h := fnv.New64a()
	h.Write([]byte(dbName.String + "." + table))
	lock := fmt.Sprintf("pmscan dbload %x", h.Sum64())
	var ok sql.NullInt64
	if err := conn.QueryRowContext(ctx, "SELECT GET_LOCK(?, 3600)", lock).Scan(&ok); err != nil {
		return false, wrap("lock", err)
	}
	if ok.Int64 != 1 {
		return false, wrap("lock", errors.New("GET_LOCK timed out"))
	}
	// Closing the session would release the lock too, but conn goes back to
	// db's pool.
	defer conn.ExecContext(context.WithoutCancel(ctx), "DO RELEASE_LOCK(?)", lock)

	want := Comment(rows, seed)
	var got string
	err = conn.QueryRowContext(ctx, "SELECT table_comment FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = ?", table).Scan(&got)
	switch {
	case err == nil && got == want:
		return false, nil
	case err != nil && !errors.Is(err, sql.ErrNoRows):
		return false, wrap("read comment", err)
	}

	cols := synthetic.CustomerTableColumns()
	ddl := createTable(qname, cols, quoteMySQL, func(c synthetic.CustomerTableColumn) string { return c.MySQLType },
		" ENGINE=InnoDB DEFAULT CHARSET=utf8mb4")
	if _, err := conn.ExecContext(ctx, "DROP TABLE IF EXISTS "+qname); err != nil {
		return false, wrap("drop", err)
	}
	if _, err := conn.ExecContext(ctx, ddl); err != nil {
		return false, wrap("create", err)
	}

	if method == mysqlAuto {
		method = mysqlInsert
		var localInfile, sqlMode string
		if err := conn.QueryRowContext(ctx, "SELECT @@GLOBAL.local_infile, @@SESSION.sql_mode").Scan(&localInfile, &sqlMode); err != nil {
			return false, wrap("read settings", err)
		}
		// LOAD DATA's default escapes are backslashes, which
		// NO_BACKSLASH_ESCAPES might change: keep to INSERT then.
		if (localInfile == "1" || strings.EqualFold(localInfile, "ON")) && !strings.Contains(sqlMode, "NO_BACKSLASH_ESCAPES") {
			method = mysqlLoadData
		}
	}
	if method == mysqlLoadData {
		err = loadData(ctx, conn, qname, cols, rows, seed)
		var me *mysql.MySQLError
		// 1148: the command is not allowed; 3948, 3950: local files disabled.
		if errors.As(err, &me) && (me.Number == 1148 || me.Number == 3948 || me.Number == 3950) {
			if _, err := conn.ExecContext(ctx, "TRUNCATE TABLE "+qname); err != nil {
				return false, wrap("truncate", err)
			}
			method = mysqlInsert
		} else if err != nil {
			return false, wrap("load data", err)
		}
	}
	if method == mysqlInsert {
		if err := insertRows(ctx, conn, qname, cols, rows, seed); err != nil {
			return false, wrap("insert", err)
		}
	}
	// want holds only letters, digits, spaces and '=': a safe literal.
	if _, err := conn.ExecContext(ctx, "ALTER TABLE "+qname+" COMMENT='"+want+"'"); err != nil {
		return false, wrap("comment", err)
	}
	if err := drain(conn.QueryContext(ctx, "ANALYZE TABLE "+qname)); err != nil {
		return true, wrap("analyze", err)
	}
	return true, nil
}

// drain reads and closes the result of a statement that returns rows.
func drain(rs *sql.Rows, err error) error {
	if err != nil {
		return err
	}
	for rs.Next() {
	}
	if err := rs.Err(); err != nil {
		rs.Close()
		return err
	}
	return rs.Close()
}

// readerSeq makes the names of registered readers unique.
var readerSeq atomic.Uint64

// loadData sends the rows as tab-separated text through LOAD DATA LOCAL
// INFILE, in one transaction.
func loadData(ctx context.Context, conn *sql.Conn, qname string, cols []synthetic.CustomerTableColumn, rows int64, seed uint64) error {
	pr, pw := io.Pipe()
	name := fmt.Sprintf("pmscan-dbload-%d", readerSeq.Add(1))
	mysql.RegisterReaderHandler(name, func() io.Reader { return pr })
	defer mysql.DeregisterReaderHandler(name)

	done := make(chan struct{})
	go func() {
		defer close(done)
		pw.CloseWithError(writeTSV(ctx, pw, cols, rows, seed))
	}()
	quoted := make([]string, len(cols))
	for i, c := range cols {
		quoted[i] = quoteMySQL(c.Name)
	}
	// The defaults are what writeTSV writes: fields end at a tab, lines at a
	// newline, \ escapes and \N is NULL.
	res, err := conn.ExecContext(ctx, "LOAD DATA LOCAL INFILE 'Reader::"+name+"' INTO TABLE "+qname+
		" CHARACTER SET utf8mb4 ("+strings.Join(quoted, ", ")+")")
	pr.CloseWithError(errors.New("load data finished")) // stops the writer if the server stopped reading
	<-done
	if err != nil {
		return err
	}
	// LOCAL makes bad rows warnings: count rows and warnings too.
	if n, err := res.RowsAffected(); err != nil || n != rows {
		return fmt.Errorf("loaded %d rows, want %d (%v)", n, rows, err)
	}
	var warnings int64
	if err := conn.QueryRowContext(ctx, "SELECT @@warning_count").Scan(&warnings); err != nil {
		return err
	}
	if warnings > 0 {
		return fmt.Errorf("%d warnings (see SHOW WARNINGS)", warnings)
	}
	return nil
}

// writeTSV writes rows in LOAD DATA's default text format.
func writeTSV(ctx context.Context, w io.Writer, cols []synthetic.CustomerTableColumn, rows int64, seed uint64) error {
	bw := bufio.NewWriterSize(w, 256<<10)
	row := make([]any, 0, len(cols))
	line := make([]byte, 0, 1024)
	for id := int64(1); id <= rows; id++ {
		if id%10_000 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		row = synthetic.CustomerTableRow(row[:0], seed, id)
		line = line[:0]
		for i, v := range row {
			if i > 0 {
				line = append(line, '\t')
			}
			switch v := v.(type) {
			case nil:
				line = append(line, `\N`...)
			case string:
				line = appendEscaped(line, v)
			default:
				line = appendMySQLValue(line, v, cols[i])
			}
		}
		line = append(line, '\n')
		if _, err := bw.Write(line); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// appendEscaped appends s with LOAD DATA's backslash escapes.
func appendEscaped(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\':
			b = append(b, `\\`...)
		case '\t':
			b = append(b, `\t`...)
		case '\n':
			b = append(b, `\n`...)
		case '\r':
			b = append(b, `\r`...)
		case 0:
			b = append(b, `\0`...)
		default:
			b = append(b, c)
		}
	}
	return b
}

// appendMySQLValue appends a non-string value as MySQL text: integers in
// decimal, dates as YYYY-MM-DD and timestamps as YYYY-MM-DD hh:mm:ss.
func appendMySQLValue(b []byte, v any, c synthetic.CustomerTableColumn) []byte {
	switch v := v.(type) {
	case int64:
		return strconv.AppendInt(b, v, 10)
	case time.Time:
		if c.MySQLType == "DATE" {
			return v.AppendFormat(b, time.DateOnly)
		}
		return v.AppendFormat(b, time.DateTime)
	}
	panic(fmt.Sprintf("dbload: unexpected %T in column %s", v, c.Name))
}

// insertRows sends the rows through prepared multi-row INSERT statements,
// committing every insertTxRows rows. Times go as text, so the DSN's loc
// does not shift them.
func insertRows(ctx context.Context, conn *sql.Conn, qname string, cols []synthetic.CustomerTableColumn, rows int64, seed uint64) error {
	quoted := make([]string, len(cols))
	for i, c := range cols {
		quoted[i] = quoteMySQL(c.Name)
	}
	tuple := "(" + strings.TrimSuffix(strings.Repeat("?,", len(cols)), ",") + ")"
	insert := func(n int) string {
		return "INSERT INTO " + qname + " (" + strings.Join(quoted, ", ") + ") VALUES " +
			strings.TrimSuffix(strings.Repeat(tuple+",", n), ",")
	}
	args := make([]any, 0, insertBatch*len(cols))
	row := make([]any, 0, len(cols))
	for first := int64(1); first <= rows; first += insertTxRows {
		last := min(first+insertTxRows-1, rows)
		if err := insertTx(ctx, conn, insert, cols, first, last, seed, args, row); err != nil {
			return err
		}
	}
	return nil
}

// insertTx inserts rows first to last in one transaction.
func insertTx(ctx context.Context, conn *sql.Conn, insert func(n int) string, cols []synthetic.CustomerTableColumn,
	first, last int64, seed uint64, args, row []any) error {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback() // does nothing after Commit
	stmts := map[int]*sql.Stmt{}
	defer func() {
		for _, s := range stmts {
			s.Close()
		}
	}()
	for id := first; id <= last; {
		n := int(min(insertBatch, last-id+1))
		args = args[:0]
		for k := range int64(n) {
			row = synthetic.CustomerTableRow(row[:0], seed, id+k)
			for i, v := range row {
				if t, ok := v.(time.Time); ok {
					v = string(appendMySQLValue(nil, t, cols[i]))
				}
				args = append(args, v)
			}
		}
		stmt := stmts[n]
		if stmt == nil {
			if stmt, err = tx.PrepareContext(ctx, insert(n)); err != nil {
				return err
			}
			stmts[n] = stmt
		}
		res, err := stmt.ExecContext(ctx, args...)
		if err != nil {
			return err
		}
		if got, err := res.RowsAffected(); err != nil || got != int64(n) {
			return fmt.Errorf("inserted %d rows, want %d (%v)", got, n, err)
		}
		id += int64(n)
	}
	return tx.Commit()
}
