package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"time"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/reports/inventory"
	"github.com/pmscan/pmscan/scanner"
)

// ScanInfo is what is known of a scan when it begins.
type ScanInfo struct {
	Targets []string // as the user gave them, credentials redacted
	// Started is kept to the microsecond, in UTC; zero means now.
	Started  time.Time
	Policy   string // the policy's source: a file, or "built-in"
	ShowData bool   // raw values are stored (--show-data)
	Command  string // the command line, credentials already redacted by the caller
	// Reading is what the scan's readings depend on besides the data:
	// an incremental scan carries objects over only from scans with the
	// same (see Store.Baseline).
	Reading string
	// LookupKey names the key of the findings' lookup hashes
	// (lookup.Index.ID), "" for a scan that made none.
	LookupKey string
	// Parent is the distributed scan a unit scan is part of, 0 for any
	// other scan: a unit scan is no scan of its targets to baselines,
	// diffs, listings or the lookup index (see migrations 0010).
	Parent int64
	// Args are a distributed scan's command-line arguments, which its
	// workers scan each unit with; nil for any other scan.
	Args []string
}

// Target statuses.
const (
	StatusStarted     = "started"     // the scan has not recorded its end
	StatusOK          = "ok"          // walked to the end (item problems are not target errors)
	StatusFailed      = "failed"      // the walk failed; Target.Error says why
	StatusInterrupted = "interrupted" // cancelled before its walk ended
	StatusNotScanned  = "not_scanned" // the scan ended without walking it, e.g. it did not open
)

// Target is how the walk of one target ended.
type Target struct {
	Name   string
	Status string // one of the Status constants
	Error  string
}

// Totals counts what a scan did (scanner.Summary's counters).
type Totals struct {
	Objects, Bytes, Records, Rows int64
	Skipped, Failed               int64
	Findings                      int64
	ByType                        map[string]int64
}

// Scan is one stored scan.
type Scan struct {
	ID       int64
	Info     ScanInfo
	Finished time.Time // zero if the scan never recorded its end
	// Heartbeat is when the scan last said it was alive: set by BeginScan,
	// refreshed by its sink while it runs. Zero for a scan stored before
	// the store had heartbeats.
	Heartbeat time.Time
	// Owner is the host and process ID of the pmscan that ran the scan
	// ("" for scans stored before the store kept it).
	Owner       string
	Interrupted bool
	Totals      Totals // zero until finished
	Targets     []Target
	// Inventory is nil if the scan never finished or was stored without one.
	Inventory *inventory.Inventory
}

// BeginScan records a scan's start and returns its ID: 1, 2, 3 … per
// store, handed out by the database so that processes sharing a store get
// distinct IDs. A SQLite store refuses a ShowData scan when its file has
// been made readable by others.
func (s *Store) BeginScan(ctx context.Context, info ScanInfo) (int64, error) {
	return s.beginScan(ctx, 0, info)
}

// beginScan records a scan's start under id, or under the next ID if id
// is 0. A spool holds its scan under the ID the store gave it.
func (s *Store) beginScan(ctx context.Context, id int64, info ScanInfo) (int64, error) {
	if info.ShowData {
		if err := s.checkPrivate(); err != nil {
			return 0, err
		}
	}
	started := info.Started
	if started.IsZero() {
		started = time.Now()
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, s.errorf("beginning a scan: %w", err)
	}
	defer tx.Rollback()
	spooled := id != 0
	if !spooled {
		if err := s.dialect.lockBegin(ctx, tx); err != nil {
			return 0, s.errorf("beginning a scan: %w", err)
		}
		var parent sql.NullInt64
		if info.Parent != 0 {
			parent = sql.NullInt64{Int64: info.Parent, Valid: true}
		}
		var args sql.NullString
		if info.Args != nil {
			b, err := json.Marshal(info.Args)
			if err != nil {
				return 0, s.errorf("beginning a scan: %w", err)
			}
			args = sql.NullString{String: string(b), Valid: true}
		}
		err = tx.QueryRowContext(ctx, `INSERT INTO scans (started, heartbeat, policy, show_data, command, reading, owner, lookup_key, parent_id, args) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
			dbTime(started), now(), info.Policy, info.ShowData, info.Command, info.Reading, ownerID(), info.LookupKey, parent, args).Scan(&id)
	} else {
		_, err = tx.ExecContext(ctx, `INSERT INTO scans (id, started, heartbeat, policy, show_data, command, reading, owner, lookup_key) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
			id, dbTime(started), now(), info.Policy, info.ShowData, info.Command, info.Reading, ownerID(), info.LookupKey)
	}
	if err != nil {
		return 0, s.errorf("beginning a scan: %w", err)
	}
	if !spooled && info.Parent == 0 {
		// The scan's row is written first: SQLite's write lock, or
		// PostgreSQL's advisory lock, makes the check and the insert one
		// step, so that two scans starting at once see each other.
		if err := s.checkRunning(ctx, tx, id, info.Targets); err != nil {
			return 0, err
		}
	}
	args := make([]any, 0, 4*len(info.Targets))
	for i, t := range info.Targets {
		args = append(args, id, i, t, StatusStarted)
	}
	if err := s.insert(ctx, tx, targetsTable, args, nil); err != nil {
		return 0, s.errorf("beginning a scan: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return 0, s.errorf("beginning a scan: %w", err)
	}
	return id, nil
}

// LatestScan returns the ID of the newest scan that recorded its end,
// interrupted or not.
func (s *Store) LatestScan(ctx context.Context) (int64, error) {
	var id sql.NullInt64
	if err := s.db.QueryRowContext(ctx, `SELECT max(id) FROM scans WHERE finished IS NOT NULL AND parent_id IS NULL`).Scan(&id); err != nil {
		return 0, s.errorf("finding the latest scan: %w", err)
	}
	if !id.Valid {
		return 0, s.errorf("no finished scan yet (run pmscan scan first): %w", ErrNotFound)
	}
	return id.Int64, nil
}

const scanColumns = `id, started, finished, interrupted, policy, show_data, command,
	objects, bytes, records, rows_read, skipped, failed, findings, by_type, heartbeat, reading, owner, parent_id`

// Scan returns a scan with its targets and inventory.
func (s *Store) Scan(ctx context.Context, id int64) (*Scan, error) {
	var inv sql.NullString
	row := s.db.QueryRowContext(ctx, `SELECT `+scanColumns+`, inventory FROM scans WHERE id = $1`, id)
	sc, err := scanScan(row, &inv)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, s.errorf("scan %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, s.errorf("reading scan %d: %w", id, err)
	}
	if inv.Valid {
		stored, err := decodeStored(inv.String)
		if err != nil {
			return nil, s.errorf("scan %d: decoding the inventory: %w", id, err)
		}
		sc.Inventory = stored.Inventory
		if sc.Inventory.Holdings == nil {
			if sc.Inventory.Holdings, err = s.readHoldings(ctx, id); err != nil {
				return nil, s.errorf("scan %d: reading the inventory's holdings: %w", id, err)
			}
			sc.Inventory.SetPlaceAccess(stored.PlaceAccess)
			sc.Inventory.SetDeclaredAccess(stored.AccessDeclared)
		}
		if sc.Inventory.Flags == nil {
			if sc.Inventory.Flags, err = s.readFlags(ctx, id); err != nil {
				return nil, s.errorf("scan %d: reading the inventory's flags: %w", id, err)
			}
		}
	}
	if err := s.readTargets(ctx, sc); err != nil {
		return nil, err
	}
	return sc, nil
}

// Scans returns up to limit scans (all if limit <= 0), newest first, with
// their targets but without inventories.
func (s *Store) Scans(ctx context.Context, limit int) ([]Scan, error) {
	q := `SELECT ` + scanColumns + ` FROM scans WHERE parent_id IS NULL ORDER BY id DESC`
	var args []any
	if limit > 0 {
		q += ` LIMIT $1`
		args = append(args, limit)
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, s.errorf("listing scans: %w", err)
	}
	defer rows.Close()
	var out []Scan
	for rows.Next() {
		sc, err := scanScan(rows)
		if err != nil {
			return nil, s.errorf("listing scans: %w", err)
		}
		out = append(out, *sc)
	}
	if err := rows.Err(); err != nil {
		return nil, s.errorf("listing scans: %w", err)
	}
	rows.Close()
	for i := range out {
		if err := s.readTargets(ctx, &out[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// scanScan reads scanColumns, then extra.
func scanScan(row interface{ Scan(...any) error }, extra ...any) (*Scan, error) {
	var (
		sc       Scan
		finished sql.NullTime
		beat     sql.NullTime
		n        [7]sql.NullInt64
		byType   sql.NullString
		parent   sql.NullInt64
	)
	dest := []any{&sc.ID, &sc.Info.Started, &finished, &sc.Interrupted, &sc.Info.Policy, &sc.Info.ShowData, &sc.Info.Command,
		&n[0], &n[1], &n[2], &n[3], &n[4], &n[5], &n[6], &byType, &beat, &sc.Info.Reading, &sc.Owner, &parent}
	if err := row.Scan(append(dest, extra...)...); err != nil {
		return nil, err
	}
	sc.Info.Parent = parent.Int64
	sc.Info.Started = sc.Info.Started.UTC()
	if finished.Valid {
		sc.Finished = finished.Time.UTC()
	}
	if beat.Valid {
		sc.Heartbeat = beat.Time.UTC()
	}
	t := &sc.Totals
	t.Objects, t.Bytes, t.Records, t.Rows = n[0].Int64, n[1].Int64, n[2].Int64, n[3].Int64
	t.Skipped, t.Failed, t.Findings = n[4].Int64, n[5].Int64, n[6].Int64
	if byType.Valid {
		if err := json.Unmarshal([]byte(byType.String), &t.ByType); err != nil {
			return nil, fmt.Errorf("by_type: %w", err)
		}
	}
	return &sc, nil
}

func (s *Store) readTargets(ctx context.Context, sc *Scan) error {
	rows, err := s.db.QueryContext(ctx, `SELECT name, status, error FROM scan_targets WHERE scan_id = $1 ORDER BY ord`, sc.ID)
	if err != nil {
		return s.errorf("scan %d: reading targets: %w", sc.ID, err)
	}
	defer rows.Close()
	for rows.Next() {
		var t Target
		if err := rows.Scan(&t.Name, &t.Status, &t.Error); err != nil {
			return s.errorf("scan %d: reading targets: %w", sc.ID, err)
		}
		sc.Targets = append(sc.Targets, t)
		sc.Info.Targets = append(sc.Info.Targets, t.Name)
	}
	if err := rows.Err(); err != nil {
		return s.errorf("scan %d: reading targets: %w", sc.ID, err)
	}
	return nil
}

// exists returns ErrNotFound, wrapped, for an unknown scan.
func (s *Store) exists(ctx context.Context, id int64) error {
	var one int
	err := s.db.QueryRowContext(ctx, `SELECT 1 FROM scans WHERE id = $1`, id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return s.errorf("scan %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return s.errorf("scan %d: %w", id, err)
	}
	return nil
}

// keptRows queries scan id's rows of table (findings or problems) with
// cols, in walk order: its own, and those of the objects it carried over,
// which stay in the scan that read them (objects.kept_scan). A scan that
// carried nothing over has only its own.
func (s *Store) keptRows(ctx context.Context, id int64, table, cols string) (*sql.Rows, error) {
	var carried bool
	if err := s.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM objects WHERE scan_id = $1 AND kept_scan <> $1) OR EXISTS (SELECT 1 FROM carried_runs WHERE scan_id = $1)`, id).Scan(&carried); err != nil {
		return nil, err
	}
	if !carried {
		return s.db.QueryContext(ctx, `SELECT `+cols+` FROM `+table+` WHERE scan_id = $1 ORDER BY seq`, id)
	}
	// A top-level object's rows come together in the walk, and its row in
	// objects names them by sequence number, in the scan that holds them:
	// ordering them by the object's place among the scan's objects, then
	// by their own order, is the walk's order. The scan's own rows past
	// the last object it ended (it stopped first) come last.
	return s.db.QueryContext(ctx, `SELECT `+cols+` FROM (
	SELECT o.ord AS object_ord, f.seq AS row_seq, f.* FROM scan_objects o
		JOIN `+table+` f ON f.scan_id = o.kept_scan AND f.seq BETWEEN o.`+table+`_from AND o.`+table+`_to
		WHERE o.scan_id = $1 AND o.name = o.root
	UNION ALL
	SELECT 9223372036854775807, f.seq, f.* FROM `+table+` f
		WHERE f.scan_id = $1 AND f.seq > (SELECT coalesce(max(o.`+table+`_to), 0) FROM objects o WHERE o.scan_id = $1 AND o.kept_scan = $1)
) kept ORDER BY object_ord, row_seq`, id)
}

// Findings streams a scan's findings in the order they were stored. Value
// is empty unless the scan stored raw values. Stop early by breaking out
// of the loop; an error ends the sequence.
func (s *Store) Findings(ctx context.Context, id int64) iter.Seq2[scanner.Finding, error] {
	return func(yield func(scanner.Finding, error) bool) {
		if err := s.exists(ctx, id); err != nil {
			yield(scanner.Finding{}, err)
			return
		}
		rows, err := s.keptRows(ctx, id, "findings", "type, kind, confidence, reasons, location, masked, value, value_hash")
		if err != nil {
			yield(scanner.Finding{}, s.errorf("scan %d: reading findings: %w", id, err))
			return
		}
		defer rows.Close()
		for rows.Next() {
			var (
				f                 scanner.Finding
				conf, reasons, lo string
				value             sql.NullString
				hash              sql.NullInt64
			)
			err := rows.Scan(&f.Type, &f.Kind, &conf, &reasons, &lo, &f.Masked, &value, &hash)
			if err == nil {
				f.Confidence, err = parseConfidence(conf)
			}
			if err == nil && reasons != "null" {
				err = json.Unmarshal([]byte(reasons), &f.Reasons)
			}
			if err == nil {
				err = json.Unmarshal([]byte(lo), &f.Location)
			}
			if err != nil {
				yield(scanner.Finding{}, s.errorf("scan %d: reading findings: %w", id, err))
				return
			}
			f.Value = value.String
			f.ValueHash = uint64(hash.Int64)
			if !yield(f, nil) {
				return
			}
		}
		if err := rows.Err(); err != nil {
			yield(scanner.Finding{}, s.errorf("scan %d: reading findings: %w", id, err))
		}
	}
}

// Problems streams a scan's problems in the order they were stored. Each
// Err has the stored message only.
func (s *Store) Problems(ctx context.Context, id int64) iter.Seq2[scanner.Problem, error] {
	return func(yield func(scanner.Problem, error) bool) {
		if err := s.exists(ctx, id); err != nil {
			yield(scanner.Problem{}, err)
			return
		}
		rows, err := s.keptRows(ctx, id, "problems", "location, skipped, error, reason")
		if err != nil {
			yield(scanner.Problem{}, s.errorf("scan %d: reading problems: %w", id, err))
			return
		}
		defer rows.Close()
		for rows.Next() {
			var (
				p               scanner.Problem
				lo, msg, reason string
			)
			err := rows.Scan(&lo, &p.Skipped, &msg, &reason)
			if err == nil {
				err = json.Unmarshal([]byte(lo), &p.Location)
			}
			if err != nil {
				yield(scanner.Problem{}, s.errorf("scan %d: reading problems: %w", id, err))
				return
			}
			p.Err = &inventory.RecordedError{Msg: msg, Reason: reason}
			if !yield(p, nil) {
				return
			}
		}
		if err := rows.Err(); err != nil {
			yield(scanner.Problem{}, s.errorf("scan %d: reading problems: %w", id, err))
		}
	}
}

func parseConfidence(s string) (detectors.Confidence, error) {
	if s == detectors.Reject.String() {
		return detectors.Reject, nil
	}
	return detectors.ParseConfidence(s)
}

// locationJSON encodes a location for the location columns.
func locationJSON(l connectors.Location) (string, error) {
	b, err := json.Marshal(l)
	return string(b), err
}

// decodeStored decodes an inventory as the scans table keeps it.
func decodeStored(data string) (storedInventory, error) {
	inv := storedInventory{Inventory: new(inventory.Inventory)}
	if err := json.Unmarshal([]byte(data), &inv); err != nil {
		return storedInventory{}, err
	}
	return inv, nil
}
