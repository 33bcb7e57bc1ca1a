package store

import (
	"context"
	"encoding/json"
	"sort"
	"strconv"
	"time"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/scanner"
)

// A lookup without targets searches the lookup index of the latest scans
// (see migration 0009): the records that hold one of the query's hashes,
// in objects those scans read or carried over, for the caller to judge
// each from its entries.

// IndexedScan is a scan whose findings a lookup from the index searched:
// the latest scan that walked a target to the end.
type IndexedScan struct {
	ID        int64
	Started   time.Time
	Targets   []string // the targets it is the latest complete scan of
	LookupKey string   // the key its hashes were made with; "" for none
	Objects   int64    // the objects it ended, read or carried over
}

// IndexSearch is what SearchIndex searched.
type IndexSearch struct {
	Scans []IndexedScan
	// Failed are the objects the scans could not read whole, with why:
	// what they hold was not indexed.
	Failed []FailedObject
	// Unfinished are the targets whose latest scan did not walk them to
	// the end: the index answers for them from an earlier scan, or not
	// at all.
	Unfinished []UnfinishedTarget
}

// UnfinishedTarget is a target whose latest finished scan did not walk it
// to the end.
type UnfinishedTarget struct {
	Name   string
	Scan   int64  // that scan
	Status string // StatusFailed, StatusInterrupted, StatusNotScanned
	Error  string
	// Answered is the scan the index answers for it from (its latest
	// complete one), 0 for none.
	Answered int64
}

// FailedObject is an object a scan could not read whole.
type FailedObject struct {
	Name, Reason string
}

// maxFailed bounds the failed objects SearchIndex lists.
const maxFailed = 1000

// SearchIndex finds the records in the lookup index of the latest
// complete scan of each target that hold one of hashes, and hands record
// the entries of each, once, as findings: Type person_name, birth_date or
// another, Location the record's with the entry's column, LookupHash and
// LookupSurname set, no value. Records of objects deleted or changed
// since are not searched: only those the latest scans read, or carried
// over unchanged.
func (s *Store) SearchIndex(ctx context.Context, hashes []uint64, record func([]scanner.Finding)) (*IndexSearch, error) {
	res := &IndexSearch{}
	scans, err := s.indexedScans(ctx)
	if err != nil {
		return nil, s.errorf("lookup: finding the latest scans: %w", err)
	}
	res.Scans = scans
	if res.Unfinished, err = s.unfinishedTargets(ctx, scans); err != nil {
		return nil, s.errorf("lookup: finding the targets not scanned to the end: %w", err)
	}
	if len(scans) == 0 || len(hashes) == 0 {
		return res, nil
	}
	if res.Failed, err = s.failedObjects(ctx, scans); err != nil {
		return nil, s.errorf("lookup: %w", err)
	}
	hits, err := s.hashHits(ctx, hashes)
	if err != nil {
		return nil, s.errorf("lookup: searching the index: %w", err)
	}
	current, err := s.currentHits(ctx, scans, hits)
	if err != nil {
		return nil, s.errorf("lookup: %w", err)
	}
	objects := map[int64]*connectors.LocationJSON{}
	for _, h := range current {
		fs, err := s.recordFindings(ctx, h, objects)
		if err != nil {
			return nil, s.errorf("lookup: reading the index: %w", err)
		}
		record(fs)
	}
	return res, nil
}

// indexedScans lists the latest scan that walked each target to the
// end, not interrupted, newest first.
func (s *Store) indexedScans(ctx context.Context) ([]IndexedScan, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT t.name, max(s.id) FROM scans s JOIN scan_targets t ON t.scan_id = s.id
WHERE t.status = $1 AND s.finished IS NOT NULL AND s.parent_id IS NULL AND NOT s.interrupted GROUP BY t.name`, StatusOK)
	if err != nil {
		return nil, err
	}
	byID := map[int64]*IndexedScan{}
	for rows.Next() {
		var (
			name string
			id   int64
		)
		if err := rows.Scan(&name, &id); err != nil {
			rows.Close()
			return nil, err
		}
		if byID[id] == nil {
			byID[id] = &IndexedScan{ID: id}
		}
		byID[id].Targets = append(byID[id].Targets, name)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]IndexedScan, 0, len(byID))
	for _, sc := range byID {
		err := s.db.QueryRowContext(ctx, `SELECT started, lookup_key, (SELECT count(*) FROM scan_objects o WHERE o.scan_id = s.id)
FROM scans s WHERE s.id = $1`, sc.ID).Scan(&sc.Started, &sc.LookupKey, &sc.Objects)
		if err != nil {
			return nil, err
		}
		sort.Strings(sc.Targets)
		out = append(out, *sc)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID > out[j].ID })
	return out, nil
}

// unfinishedTargets lists the targets whose latest finished scan did not
// walk them to the end (it failed on them, was interrupted, or never got
// to them), with the scan the index answers for each from.
func (s *Store) unfinishedTargets(ctx context.Context, scans []IndexedScan) ([]UnfinishedTarget, error) {
	answered := map[string]int64{}
	for _, sc := range scans {
		for _, t := range sc.Targets {
			answered[t] = sc.ID
		}
	}
	rows, err := s.db.QueryContext(ctx, `SELECT t.name, s.id, CASE WHEN t.status = $1 THEN $2 ELSE t.status END, t.error
FROM scans s JOIN scan_targets t ON t.scan_id = s.id
WHERE s.id = (SELECT max(l.id) FROM scans l JOIN scan_targets lt ON lt.scan_id = l.id WHERE lt.name = t.name AND l.finished IS NOT NULL AND l.parent_id IS NULL)
	AND (t.status <> $1 OR s.interrupted)
ORDER BY t.name`, StatusOK, StatusInterrupted)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []UnfinishedTarget
	for rows.Next() {
		var u UnfinishedTarget
		if err := rows.Scan(&u.Name, &u.Scan, &u.Status, &u.Error); err != nil {
			return nil, err
		}
		u.Answered = answered[u.Name]
		out = append(out, u)
	}
	return out, rows.Err()
}

func (s *Store) failedObjects(ctx context.Context, scans []IndexedScan) ([]FailedObject, error) {
	in, args := scanList(scans)
	rows, err := s.db.QueryContext(ctx, `SELECT name, reason FROM scan_objects WHERE scan_id IN (`+in+`) AND status = '`+ObjectFailed+`'
ORDER BY name LIMIT `+strconv.Itoa(maxFailed), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []FailedObject
	for rows.Next() {
		var f FailedObject
		if err := rows.Scan(&f.Name, &f.Reason); err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// hashHit is a record that holds one of a query's hashes.
type hashHit struct {
	id      int64
	object  int64  // lookup_objects.id
	record  string // its position
	entries []byte
	scan    int64 // the scan whose row lookup_objects has
	root    string
}

func (s *Store) hashHits(ctx context.Context, hashes []uint64) ([]hashHit, error) {
	query, args := `SELECT r.id, r.object_id, r.record, r.entries, o.scan_id, o.root
FROM (SELECT rowid AS id FROM lookup_hashes WHERE lookup_hashes MATCH $1) h
CROSS JOIN lookup_records r CROSS JOIN lookup_objects o
WHERE r.id = h.id AND o.id = r.object_id`, []any{hashQuery(hashes)}
	// CROSS JOIN keeps SQLite's order: without statistics it would rather
	// read every record and look each up in the hits.
	if s.dialect.hashArrays {
		signed := make([]int64, len(hashes))
		for i, h := range hashes {
			signed[i] = int64(h)
		}
		query, args = `SELECT r.id, r.object_id, r.record, r.entries, o.scan_id, o.root
FROM lookup_records r JOIN lookup_objects o ON o.id = r.object_id
WHERE r.hashes && $1::bigint[]`, []any{signed}
	}
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []hashHit
	for rows.Next() {
		var h hashHit
		if err := rows.Scan(&h.id, &h.object, &h.record, &h.entries, &h.scan, &h.root); err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

// currentHits keeps the hits in objects the latest scans read or carried
// over: those whose records are the kept evidence of the scans' rows.
func (s *Store) currentHits(ctx context.Context, scans []IndexedScan, hits []hashHit) ([]hashHit, error) {
	in, args := scanList(scans)
	keptBy := map[string]map[int64]bool{} // root -> the scans holding its kept evidence
	var out []hashHit
	for _, h := range hits {
		kept, ok := keptBy[h.root]
		if !ok {
			kept = map[int64]bool{}
			found, err := queryIDs(ctx, s.db, `SELECT kept_scan FROM scan_objects WHERE scan_id IN (`+in+`) AND root = $`+strconv.Itoa(len(args)+1)+` AND name = root`,
				append(args, h.root)...)
			if err != nil {
				return nil, err
			}
			for _, id := range found {
				kept[id] = true
			}
			keptBy[h.root] = kept
		}
		if kept[h.scan] {
			out = append(out, h)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].id < out[j].id })
	return out, nil
}

// recordFindings is h's entries as findings.
func (s *Store) recordFindings(ctx context.Context, h hashHit, objects map[int64]*connectors.LocationJSON) ([]scanner.Finding, error) {
	obj, ok := objects[h.object]
	if !ok {
		var text string
		if err := s.db.QueryRowContext(ctx, `SELECT object FROM lookup_objects WHERE id = $1`, h.object).Scan(&text); err != nil {
			return nil, err
		}
		obj = new(connectors.LocationJSON)
		if err := json.Unmarshal([]byte(text), obj); err != nil {
			return nil, err
		}
		objects[h.object] = obj
	}
	w := *obj
	var pos recordPosition
	if err := json.Unmarshal([]byte(h.record), &pos); err != nil {
		return nil, err
	}
	if pos.Member != "" {
		if w.Bucket != "" {
			w.Key += connectors.MemberSep + pos.Member
		} else {
			w.Path += connectors.MemberSep + pos.Member
		}
	}
	w.Line, w.Sheet, w.Cell, w.Part, w.Paragraph, w.Row, w.RowNumber, w.Record = pos.Line, pos.Sheet, pos.Cell, pos.Part, pos.Paragraph, pos.Row, pos.RowNumber, pos.Record
	loc, err := w.Location()
	if err != nil {
		return nil, err
	}
	entries, err := decodeEntries(h.entries)
	if err != nil {
		return nil, err
	}
	out := make([]scanner.Finding, len(entries))
	for i, e := range entries {
		f := scanner.Finding{Location: loc, LookupHash: e.hash, LookupSurname: e.surname}
		f.Location.Column = e.column
		switch e.typ {
		case entryName:
			f.Type = "person_name"
		case entryBirthDate:
			f.Type = "birth_date"
		default:
			f.Type = "other"
		}
		out[i] = f
	}
	return out, nil
}

// scanList is the scans' IDs as an IN list and its arguments.
func scanList(scans []IndexedScan) (string, []any) {
	ids := make([]int64, len(scans))
	for i, sc := range scans {
		ids[i] = sc.ID
	}
	return inList(ids)
}
