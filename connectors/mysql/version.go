package mysql

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/connectors/sqldb"
)

// tableFactsSQL is what information_schema says of one table: when it was
// last changed (UPDATE_TIME, to the second), whether that is the second
// the version is taken in, its row count (exact for MyISAM and Aria, the
// engine's estimate for InnoDB), its engine, and whether a btree index
// leads with the newest-record column (the first argument), so that its
// MAX() is one index probe.
const tableFactsSQL = `
SELECT t.UPDATE_TIME, t.UPDATE_TIME >= NOW() - INTERVAL 1 SECOND, COALESCE(t.TABLE_ROWS, -1), COALESCE(t.ENGINE, ''),
       EXISTS (SELECT 1 FROM information_schema.STATISTICS s
               WHERE s.TABLE_SCHEMA = t.TABLE_SCHEMA AND s.TABLE_NAME = t.TABLE_NAME AND s.COLUMN_NAME = ?
                 AND s.SEQ_IN_INDEX = 1 AND s.SUB_PART IS NULL AND s.INDEX_TYPE = 'BTREE')
FROM information_schema.TABLES t
WHERE t.TABLE_SCHEMA = ? AND t.TABLE_NAME = ?`

// Version is a table's version, facts in this order: update_time,
// table_rows, newest_record where the table has a record-time column an
// index leads with, and checksum when update_time cannot vouch.
//
// InnoDB keeps UPDATE_TIME in memory only: it is null after a restart,
// after the table is rebuilt (ALTER TABLE … FORCE) or evicted from its
// cache. MyISAM's is its data file's time. Other engines keep none
// (MEMORY) or one that a change does not move (Aria, whose transactional
// tables reach their file at a checkpoint). The version then counts on
// CHECKSUM TABLE, exact but a read of every row on the server, and on a
// Doubt when that fails too.
func (s *session) Version(ctx context.Context, t *sqldb.Table) (*connectors.Version, error) {
	col := ""
	if i := t.NewestRecordColumn(); i >= 0 {
		col = t.Columns[i].Name
	}
	var (
		updated sql.NullString
		racy    sql.NullBool
		rows    int64
		engine  string
		indexed bool
	)
	err := s.readOnly(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, tableFactsSQL, col, t.Schema, t.Name).Scan(&updated, &racy, &rows, &engine, &indexed)
	})
	if err != nil {
		return nil, fmt.Errorf("information_schema.TABLES: %w", err)
	}
	v := &connectors.Version{}
	var doubts []string
	switch {
	case !updated.Valid:
		v.Add("update_time", "null")
	case racy.Bool:
		// A change later in the same second would leave UPDATE_TIME as it
		// is: the value is marked so that no later version equals it.
		v.Add("update_time", updated.String+" (this second)")
		doubts = append(doubts, "update_time is the second the version was taken in: a later change in it would not move it")
	default:
		v.Add("update_time", updated.String)
	}
	v.Add("table_rows", strconv.FormatInt(rows, 10))
	if indexed {
		newest, err := s.newest(ctx, t, col)
		switch {
		case errors.Is(err, sqldb.ErrConnLost):
			return nil, err
		case err != nil:
			doubts = append(doubts, "newest record: "+err.Error())
		default:
			v.Add("newest_record", newest)
		}
	}
	if why := untimed(updated.Valid, engine); why != "" {
		sum, err := s.checksum(ctx, t)
		switch {
		case errors.Is(err, sqldb.ErrConnLost):
			return nil, err
		case err != nil:
			doubts = append(doubts, why+", and CHECKSUM TABLE failed: "+err.Error())
		default:
			v.Add("checksum", sum)
		}
	}
	v.Doubt = strings.Join(doubts, "; ")
	return v, nil
}

// untimed says why a table's update_time cannot show it unchanged, or "".
func untimed(valid bool, engine string) string {
	switch {
	case !valid:
		return "update_time is null (the server keeps it in memory only)"
	case !strings.EqualFold(engine, "InnoDB") && !strings.EqualFold(engine, "MyISAM"):
		return "the " + engine + " engine does not move update_time with every change"
	}
	return ""
}

// newest is the newest value of col, "null" in an empty table: one probe
// of the index that leads with it.
func (s *session) newest(ctx context.Context, t *sqldb.Table, col string) (string, error) {
	var newest sql.NullString
	err := s.readOnly(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, fmt.Sprintf("SELECT MAX(%s) FROM %s", quoteIdent(col), quoteTable(t))).Scan(&newest)
	})
	if err != nil {
		return "", err
	}
	if !newest.Valid {
		return "null", nil
	}
	return newest.String, nil
}

// checksum is CHECKSUM TABLE's: computed on the server, in the session's
// read-only transaction, from every row.
func (s *session) checksum(ctx context.Context, t *sqldb.Table) (string, error) {
	var name string
	var sum sql.NullString
	err := s.readOnly(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, "CHECKSUM TABLE "+quoteTable(t)).Scan(&name, &sum)
	})
	if err != nil {
		return "", err
	}
	if !sum.Valid {
		return "", errors.New("no checksum: the table is gone")
	}
	return sum.String, nil
}
