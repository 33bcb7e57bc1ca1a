package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"hash/maphash"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/pmscan/pmscan/connectors"
)

// BaselineOptions say which earlier scans an incremental scan of one
// target may carry objects over from.
type BaselineOptions struct {
	Target  string // the target's name, as scans record it
	Reading string // the scan's reading signature (ScanInfo.Reading)
	// FullEvery reads an object again once the scan that last read it
	// started longer ago than this, changed or not; 0 never does.
	FullEvery time.Duration
	Now       time.Time
	Exclude   int64 // the scan being run
}

// Baseline is what earlier scans of one target read: a
// connectors.Baseline. Its memory is a few dozen bytes per object the
// earlier scans ended, whatever their size.
type Baseline struct {
	s     *Store
	opt   BaselineOptions
	seed  maphash.Seed
	known map[uint64]knownObject // by the hash of the object's name
	// checkpoints are the tables the scans stopped inside, by the hash of
	// the table's name: the latest scan's checkpoint of each.
	checkpoints map[uint64]knownCheckpoint
	scans       []int64
	// replay carries every object the scans ended whole, whatever its
	// version says (UnitBaseline).
	replay bool
	// windows hold, per kept scan, the rows of the objects after the one
	// asked for last: see parts.
	mu      sync.Mutex
	windows map[int64]*partsWindow
}

type knownCheckpoint struct {
	scan    int64
	version uint64 // the hash of the table's version's facts
	rows    int64
	readAt  int64 // Unix seconds: when the scan started
}

type knownObject struct {
	scan int64 // the latest scan that ended it
	kept int64 // the scan whose rows of it hold its digests and evidence
	// holdings is the scan whose holdings rows hold its place's holdings,
	// for a carrying scan to reference; 0 for none it may.
	holdings int64
	version  uint64 // the hash of its version's facts; 0 for none
	readAt   int64  // Unix seconds: when the scan that last read it started
	status   string
}

var _ connectors.Baseline = (*Baseline)(nil)

// Baseline returns what the earlier scans of a target read that an
// incremental scan may carry over: the objects of the latest scan that
// walked the target to the end with the same reading signature, and of
// every later one with it (interrupted, killed or failed: their objects
// ended are checkpoints), the latest row of each object winning. It
// returns nil, and no error, when there is no such scan: the scan is
// then a full one.
func (s *Store) Baseline(ctx context.Context, opt BaselineOptions) (*Baseline, error) {
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	ids, err := s.baselineScans(ctx, opt.Target, opt.Reading, opt.Exclude)
	if err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		return nil, nil
	}
	b := &Baseline{s: s, opt: opt, seed: maphash.MakeSeed(), known: map[uint64]knownObject{}, checkpoints: map[uint64]knownCheckpoint{}, scans: ids,
		windows: map[int64]*partsWindow{}}
	for _, id := range ids {
		if err := b.load(ctx, id); err != nil {
			return nil, err
		}
		if err := b.loadCheckpoints(ctx, id); err != nil {
			return nil, err
		}
	}
	if len(b.known) == 0 && len(b.checkpoints) == 0 {
		return nil, nil
	}
	return b, nil
}

// baselineScans lists, oldest first, the scans of target that an
// incremental scan with reading signature reading, other than exclude,
// carries objects over from (see Baseline).
func (s *Store) baselineScans(ctx context.Context, target, reading string, exclude int64) ([]int64, error) {
	var complete sql.NullInt64
	err := s.db.QueryRowContext(ctx, `SELECT max(s.id) FROM scans s JOIN scan_targets t ON t.scan_id = s.id
WHERE t.name = $1 AND t.status = $2 AND s.finished IS NOT NULL AND NOT s.interrupted AND s.reading = $3 AND s.id <> $4 AND s.parent_id IS NULL`,
		target, StatusOK, reading, exclude).Scan(&complete)
	if err != nil {
		return nil, s.errorf("finding the last scan of %s: %w", target, err)
	}
	ids, err := queryIDs(ctx, s.db, `SELECT DISTINCT s.id FROM scans s JOIN scan_targets t ON t.scan_id = s.id
WHERE t.name = $1 AND s.reading = $2 AND s.id >= $3 AND s.id <> $4 AND s.parent_id IS NULL ORDER BY s.id`,
		target, reading, complete.Int64, exclude)
	if err != nil {
		return nil, s.errorf("finding the scans of %s: %w", target, err)
	}
	return ids, nil
}

// queryer is a database or a transaction.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// queryIDs runs a query of one integer column, scan IDs, and returns them.
func queryIDs(ctx context.Context, q queryer, query string, args ...any) ([]int64, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// Scans lists the scans the baseline knows objects from.
func (b *Baseline) Scans() []int64 { return b.scans }

// load takes scan id's top-level objects.
func (b *Baseline) load(ctx context.Context, id int64) error {
	var table bool
	if err := b.s.db.QueryRowContext(ctx, `SELECT holdings_table FROM scans WHERE id = $1`, id).Scan(&table); err != nil {
		return b.s.errorf("scan %d: %w", id, err)
	}
	rows, err := b.s.db.QueryContext(ctx, `SELECT name, status, version, read_at, kept_scan, holdings_scan FROM scan_objects WHERE scan_id = $1 AND name = root ORDER BY ord`, id)
	if err != nil {
		return b.s.errorf("scan %d: reading its objects: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			name, status string
			version      sql.NullString
			readAt       time.Time
		)
		k := knownObject{scan: id}
		var holdings sql.NullInt64
		if err := rows.Scan(&name, &status, &version, &readAt, &k.kept, &holdings); err != nil {
			return b.s.errorf("scan %d: reading its objects: %w", id, err)
		}
		switch {
		case holdings.Valid:
			k.holdings = holdings.Int64 // another scan's, or 0: not to be referenced
		case table:
			k.holdings = id // its own
		}
		k.readAt, k.status = readAt.Unix(), status
		if version.Valid {
			k.version = b.hashEncoded(version.String)
		}
		b.known[maphash.String(b.seed, name)] = k
	}
	if err := rows.Err(); err != nil {
		return b.s.errorf("scan %d: reading its objects: %w", id, err)
	}
	return nil
}

// hashVersion hashes a version as the rows encode it: comparing the
// encodings spares decoding every row's when a scan starts. The reading
// signature holds the build, so the rows compared were written by the
// same encoder.
func (b *Baseline) hashVersion(v *connectors.Version) uint64 {
	return b.hashEncoded(encodeVersion(v))
}

// hashEncoded hashes a version's encoding in a row.
func (b *Baseline) hashEncoded(s string) uint64 {
	return maphash.String(b.seed, s) | 1 // never 0, which means none
}

// Reasons an object is read, the words before the colon of ReadBecause.
const (
	ReadNew       = "new"
	ReadChanged   = "changed"
	ReadDoubt     = "doubt"
	ReadFullEvery = "full_every"
	ReadFailed    = "failed"
	// ReadResumed: read on from a checkpoint inside it, not from its
	// start; the detail says from which row.
	ReadResumed = "resumed"
)

// Carry returns what the baseline's scans made of o when o is unchanged,
// or nil with o.ReadBecause set.
func (b *Baseline) Carry(ctx context.Context, o *connectors.Object) *connectors.Carried {
	name := o.Name()
	h := maphash.String(b.seed, name)
	k, ok := b.known[h]
	if cp, stopped := b.checkpoints[h]; stopped && (!ok || cp.scan > k.scan || cp.scan == k.scan && k.status == ObjectFailed) {
		if c := b.resume(ctx, o, cp); c != nil {
			return c
		}
		if o.ReadBecause != "" {
			return nil
		}
	}
	if !b.unchanged(ctx, o, k, ok) {
		return nil
	}
	c, err := b.parts(ctx, k, o)
	if err != nil {
		o.ReadBecause = ReadDoubt + ": " + err.Error()
		return nil
	}
	return c
}

// Unchanged reports whether Carry would carry o over, without reading
// what the scans kept of it, or sets o.ReadBecause: a distributed scan
// queues only the objects that are not. A table a scan stopped inside is
// not unchanged: it is read on, or again.
func (b *Baseline) Unchanged(ctx context.Context, o *connectors.Object) bool {
	h := maphash.String(b.seed, o.Name())
	if _, stopped := b.checkpoints[h]; stopped {
		o.ReadBecause = ReadResumed
		return false
	}
	k, ok := b.known[h]
	return b.unchanged(ctx, o, k, ok)
}

// Knows reports whether one of the baseline's scans ended the object
// named name.
func (b *Baseline) Knows(name string) bool {
	_, ok := b.known[maphash.String(b.seed, name)]
	return ok
}

// unchanged judges o against k, what the scans knew of it (ok: they
// knew it), and sets o.ReadBecause when it must be read.
func (b *Baseline) unchanged(ctx context.Context, o *connectors.Object, k knownObject, ok bool) bool {
	switch {
	case !ok:
		o.ReadBecause = ReadNew
		return false
	case k.status == ObjectFailed:
		o.ReadBecause = ReadFailed + ": not read whole in scan " + strconv.FormatInt(k.scan, 10)
		return false
	case b.replay:
		// A unit scan's object, as the unit scan ended it.
		return true
	case o.Version == nil || len(o.Version.Facts) == 0:
		o.ReadBecause = ReadDoubt + ": the store gave no version"
		return false
	case o.Version.Doubt != "":
		o.ReadBecause = ReadDoubt + ": " + o.Version.Doubt
		return false
	case k.version != b.hashVersion(o.Version):
		o.ReadBecause = ReadChanged + ": " + b.change(ctx, k.scan, o.Name(), o.Version)
		return false
	}
	read := time.Unix(k.readAt, 0)
	if age := b.opt.Now.Sub(read); b.opt.FullEvery > 0 && age >= b.opt.FullEvery {
		o.ReadBecause = fmt.Sprintf("%s: last read %s, %d days ago", ReadFullEvery, read.UTC().Format(time.DateOnly), int(age.Hours()/24))
		return false
	}
	return true
}

// visits counts the times a scan ended root.
func visits(rows []keptRow, root string) int {
	n := 0
	for _, r := range rows {
		if r.name == root {
			n++
		}
	}
	return n
}

// change says how o's version differs from the one scan kept.
func (b *Baseline) change(ctx context.Context, scan int64, name string, now *connectors.Version) string {
	var version sql.NullString
	err := b.s.db.QueryRowContext(ctx, `SELECT version FROM scan_objects WHERE scan_id = $1 AND root = $2 AND name = $2`, scan, name).Scan(&version)
	var was connectors.Version
	if err != nil || !version.Valid || json.Unmarshal([]byte(version.String), &was) != nil {
		return "its version differs"
	}
	if d := was.Changes(now); d != "" {
		return d
	}
	return "its version differs"
}

// parts reads what scan k.scan kept of o and its members, from the rows
// of scan k.kept, which hold their digests: a scan that carries an
// object over writes its rows without them (see carriedObject).
func (b *Baseline) parts(ctx context.Context, k knownObject, o *connectors.Object) (*connectors.Carried, error) {
	rows, err := b.keptRows(ctx, k.kept, o.Name())
	if err != nil {
		return nil, err
	}
	if visits(rows, o.Name()) > 1 {
		// Overlapping targets: the place's digest is both visits', and
		// cannot be taken apart. Reading it again is exact.
		return nil, fmt.Errorf("scan %d reached it through two targets", k.kept)
	}
	c := &connectors.Carried{Scan: k.scan, HoldingsScan: k.holdings}
	root := o.Name()
	for _, r := range rows {
		p := connectors.CarriedPart{Findings: r.findings, Skipped: r.skipped, Failed: r.failed, Digest: r.digest, Kept: &r.encoded}
		c.ReadScan, c.KeptScan, c.Read = r.readScan, r.keptScan, r.readAt.UTC()
		switch r.status {
		case ObjectFailed:
			return nil, errors.New("a member was not read whole in scan " + strconv.FormatInt(k.scan, 10))
		case ObjectSkipped:
			p.Skip = r.reason
		}
		var f objectFacts
		if err := decodeFacts(r.encoded.facts, &f); err != nil {
			return nil, fmt.Errorf("reading what scan %d kept of it: %w", k.kept, err)
		}
		if r.name == root {
			c.KeptFindings, c.KeptProblems = r.keptFindings, r.keptProblems
			// The connector has set what the store says now; what only a
			// read tells is kept.
			p.Object = o
			o.Encoding, o.SampledBytes, o.RowBy = f.Encoding, f.SampledBytes, f.RowBy
		} else {
			p.Object = o.NewMember(strings.TrimPrefix(r.name, root+connectors.MemberSep))
			f.apply(p.Object)
		}
		if err := decodeStats(r.encoded.stats, &p.Stats); err != nil {
			return nil, fmt.Errorf("reading what scan %d kept of it: %w", k.kept, err)
		}
		if r.encoded.byType.Valid {
			if err := decodeByType(r.encoded.byType.String, &p.ByType); err != nil {
				return nil, fmt.Errorf("reading what scan %d kept of it: %w", k.kept, err)
			}
		}
		if p.Skip == "" && p.Digest == nil {
			return nil, fmt.Errorf("scan %d kept no digest of %s", k.kept, r.name)
		}
		c.Parts = append(c.Parts, p)
	}
	if len(c.Parts) == 0 || c.Parts[len(c.Parts)-1].Object != o {
		return nil, fmt.Errorf("scan %d kept no record of it", k.kept)
	}
	return c, nil
}
