package postgres

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/connectors/sqldb"
)

// factsSQL is what the catalog and the statistics say of one table: its
// file (relfilenode: TRUNCATE, VACUUM FULL, CLUSTER and a rewriting ALTER
// give it a new one), the rows written to it since the counters began
// (inserted, updated, deleted, rolled back ones too), its live rows, when
// the database's counters were last reset (a reset of one table's counters
// moves it too), and what can make the counters not vouch for the rows.
// Then whether a plain btree index leads with the newest-record column
// ($3), so that its max() is one index probe, and what the session may
// SELECT of the table: a grant revoked since the last scan changes the
// version, so that the table is read (and fails) rather than carried.
//
// PostgreSQL counts a backend's changes when it flushes its pending
// statistics, about once a second when it is busy (up to 60 s under
// contention) and when it goes idle: a change may show one scan late.
// The version is taken before the table is read, so it errs towards
// reading the table again.
const factsSQL = `
SELECT c.relfilenode::bigint,
       s.relid IS NOT NULL,
       COALESCE(s.n_tup_ins + s.n_tup_upd + s.n_tup_del, 0),
       COALESCE(s.n_live_tup, 0),
       COALESCE((SELECT d.stats_reset::text FROM pg_catalog.pg_stat_database d
                 WHERE d.datname = pg_catalog.current_database()), 'never'),
       pg_catalog.pg_relation_size(c.oid) > 0,
       pg_catalog.pg_is_in_recovery(),
       pg_catalog.current_setting('track_counts')::bool,
       EXISTS (SELECT FROM pg_catalog.pg_index i
               JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
               JOIN pg_catalog.pg_am am ON am.oid = ic.relam
               JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
               WHERE i.indrelid = c.oid AND i.indisvalid AND i.indpred IS NULL
                 AND am.amname = 'btree' AND a.attname = $3),
       CASE WHEN pg_catalog.has_table_privilege(c.oid, 'SELECT') THEN 'table'
            WHEN pg_catalog.has_any_column_privilege(c.oid, 'SELECT') THEN 'columns'
            ELSE 'none' END
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_stat_all_tables s ON s.relid = c.oid
WHERE n.nspname = $1 AND c.relname = $2`

// Version is a table's version, facts in this order: relfilenode,
// changes, live_rows, stats_reset, select, then newest_record where the table has
// a record-time column that an index leads with. Without such an index the
// max() would read every row, and the counters see every change anyway.
func (s *session) Version(ctx context.Context, t *sqldb.Table) (*connectors.Version, error) {
	col := ""
	if i := t.NewestRecordColumn(); i >= 0 {
		col = t.Columns[i].Name
	}
	var (
		filenode, changes, live               int64
		hasStats, hasPages, standby, counting bool
		statsReset                            string
		indexed                               bool
		selectable                            string
	)
	err := s.readOnly(ctx, func(tx pgx.Tx) error {
		// Statistics read earlier in a transaction may be served from a
		// snapshot (stats_fetch_consistency, PostgreSQL ≥ 15; the
		// collector's file before): drop it, on every version.
		if _, err := tx.Exec(ctx, "SELECT pg_catalog.pg_stat_clear_snapshot()"); err != nil {
			return err
		}
		return tx.QueryRow(ctx, factsSQL, t.Schema, t.Name, col).Scan(&filenode, &hasStats, &changes, &live,
			&statsReset, &hasPages, &standby, &counting, &indexed, &selectable)
	})
	if err != nil {
		return nil, fmt.Errorf("catalog and statistics: %w", err)
	}
	v := &connectors.Version{}
	v.Add("relfilenode", strconv.FormatInt(filenode, 10))
	v.Add("changes", strconv.FormatInt(changes, 10))
	v.Add("live_rows", strconv.FormatInt(live, 10))
	v.Add("stats_reset", statsReset)
	v.Add("select", selectable)
	var doubts []string
	switch {
	case selectable == "none":
		doubts = append(doubts, "the session may not SELECT it")
	case standby:
		doubts = append(doubts, "the server is a standby: its statistics do not count the changes it replays")
	case !counting:
		doubts = append(doubts, "track_counts is off: the server counts no changes")
	case !hasStats:
		doubts = append(doubts, "the statistics have no row for the table")
	case changes == 0 && live == 0 && hasPages:
		doubts = append(doubts, "the statistics count no row though the table has pages: they were reset, or lost "+
			"(a crash or an immediate shutdown, after which PostgreSQL ≥ 15 keeps none)")
	}
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
	v.Doubt = strings.Join(doubts, "; ")
	return v, nil
}

// newest is the newest value of col, "null" in an empty table: one probe
// of the index that leads with it.
func (s *session) newest(ctx context.Context, t *sqldb.Table, col string) (string, error) {
	var newest *string
	err := s.readOnly(ctx, func(tx pgx.Tx) error {
		return tx.QueryRow(ctx, fmt.Sprintf("SELECT max(%s)::text FROM %s", quoteIdent(col), quoteTable(t))).Scan(&newest)
	})
	if err != nil {
		return "", err
	}
	if newest == nil {
		return "null", nil
	}
	return *newest, nil
}
