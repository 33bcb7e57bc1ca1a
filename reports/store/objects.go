package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/scanner"
)

// Object statuses, in objects.status.
const (
	ObjectRead    = "read"    // read to the end
	ObjectCarried = "carried" // carried over unchanged from an earlier scan
	ObjectSkipped = "skipped" // skipped on purpose (binary, encrypted …)
	ObjectFailed  = "failed"  // not read whole
)

// Digester gives the inventory's record of the object that ended last
// (inventory.Builder is one), for the objects a later scan carries over.
type Digester interface {
	Digest(o *connectors.Object) (connectors.CarriedPart, bool)
	// CheckpointDigest gives the record of o, not ended, as it stood at
	// its last checkpoint.
	CheckpointDigest(o *connectors.Object) (connectors.CarriedPart, bool)
}

var objectsTable = &table{name: "objects", view: "scan_objects", chunk: 128, conflict: "scan_id, ord", cols: []string{
	"scan_id", "ord", "root", "name", "store", "status", "reason", "version", "object", "stats",
	"read_scan", "read_at", "kept_scan", "findings_from", "findings_to", "problems_from", "problems_to",
	"findings", "by_type", "skipped", "failed", "digest", "holdings_scan"}}

// objectFacts are an object's own facts, kept to rebuild it when it is
// carried over.
type objectFacts struct {
	Encoding     string    `json:"encoding,omitempty"`
	Size         int64     `json:"size,omitempty"`
	Modified     time.Time `json:"modified,omitzero"`
	ETag         string    `json:"etag,omitempty"`
	VersionID    string    `json:"version_id,omitempty"`
	SampledBytes int64     `json:"sampled_bytes,omitempty"`
	RowBy        string    `json:"row_by,omitempty"`
}

func factsOf(o *connectors.Object) objectFacts {
	return objectFacts{Encoding: o.Encoding, Size: o.Size, Modified: o.Modified, ETag: o.ETag, VersionID: o.VersionID,
		SampledBytes: o.SampledBytes, RowBy: o.RowBy}
}

func (f objectFacts) apply(o *connectors.Object) {
	o.Encoding, o.Size, o.Modified, o.ETag, o.VersionID, o.SampledBytes, o.RowBy =
		f.Encoding, f.Size, f.Modified, f.ETag, f.VersionID, f.SampledBytes, f.RowBy
}

// rootOf is the top-level object o is in: the archive file of a member.
func rootOf(o *connectors.Object) *connectors.Object {
	for o.Parent != nil {
		o = o.Parent
	}
	return o
}

// rootSpan is where the kept rows of a top-level object begin: a
// top-level object's findings and problems arrive together (an archive's
// members inside it), so that its objects row names them by their first
// and last sequence numbers, and a scan that carries it over references
// them there without a column or an index on every finding.
type rootSpan struct {
	root   string
	f0, p0 int64 // the first sequence numbers of its rows
}

// enter notes that rows of o's top-level object are arriving.
func (k *ScanSink) enter(o *connectors.Object) {
	if o == nil {
		return
	}
	if name := rootOf(o).Name(); name != k.span.root {
		k.span = rootSpan{root: name, f0: k.seqF + 1, p0: k.seqP + 1}
	}
}

// spanOf is the sequence numbers, first and last, of the kept findings
// and problems of the top-level object o, which ends now.
func (k *ScanSink) spanOf(o *connectors.Object) (f, p [2]int64) {
	if k.span.root != o.Name() {
		return [2]int64{k.seqF + 1, k.seqF}, [2]int64{k.seqP + 1, k.seqP} // none
	}
	return [2]int64{k.span.f0, k.seqF}, [2]int64{k.span.p0, k.seqP}
}

// objectRow queues the row of an object that ended in this scan.
func (k *ScanSink) objectRow(o *connectors.Object, status, reason string, st connectors.ObjectStats, part *connectors.CarriedPart, readScan int64, readAt time.Time, kept keptRows, holdingsScan int64) error {
	var (
		findings, skipped, failed int64
		digest                    any
		enc                       keptEncoding
		run                       runRow
	)
	if part != nil {
		findings, skipped, failed = part.Findings, part.Skipped, part.Failed
		if part.Digest != nil {
			digest = part.Digest
		}
	}
	if e, ok := partEncoding(part); ok {
		// Carried from this store's rows: a run may stand for the row.
		enc, run = *e, runRow{src: e.src, holdings: holdingsScan}
	} else if err := enc.encode(o, st, part); err != nil {
		return err
	}
	var fFrom, fTo, pFrom, pTo any // NULL for an archive member
	if o.Parent == nil {
		fFrom, fTo, pFrom, pTo = kept.findings[0], kept.findings[1], kept.problems[0], kept.problems[1]
	}
	var holdings any // NULL: the scan's own rows hold them
	if holdingsScan > 0 {
		holdings = holdingsScan
	}
	k.refs.ended(o.Name(), holdingsScan)
	k.seqO++
	k.objectRuns = append(k.objectRuns, run)
	k.objects = append(k.objects, k.id, k.seqO, rootOf(o).Name(), o.Name(), o.Store, status, reason, enc.version, enc.facts, enc.stats,
		readScan, dbTime(readAt), kept.scan, fFrom, fTo, pFrom, pTo, findings, enc.byType, skipped, failed, digest, holdings)
	return k.added()
}

// partEncoding is the encoding of a part carried over from this store's
// rows, as they have it.
func partEncoding(part *connectors.CarriedPart) (*keptEncoding, bool) {
	if part == nil {
		return nil, false
	}
	e, ok := part.Kept.(*keptEncoding)
	return e, ok && e != nil
}

// encode encodes o, read in this scan, with its stats and counts.
func (e *keptEncoding) encode(o *connectors.Object, st connectors.ObjectStats, part *connectors.CarriedPart) (err error) {
	if o.Version != nil {
		e.version = sql.NullString{String: encodeVersion(o.Version), Valid: true}
	}
	facts := factsOf(o)
	if e.facts, err = encodeFacts(&facts); err != nil {
		return err
	}
	if e.stats, err = encodeStats(&st); err != nil {
		return err
	}
	if part != nil && len(part.ByType) > 0 {
		e.byType = sql.NullString{String: encodeByType(part.ByType), Valid: true}
	}
	return nil
}

// keptRows says where the kept findings and problems of a top-level
// object are: the scan, and their sequence numbers there.
type keptRows struct {
	scan               int64
	findings, problems [2]int64
}

// ownRows are the rows of o, a top-level object that ends now, in this
// scan.
func (k *ScanSink) ownRows(o *connectors.Object) keptRows {
	kept := keptRows{scan: k.id}
	if o.Parent == nil {
		kept.findings, kept.problems = k.spanOf(o)
	}
	return kept
}

// readObject queues the row of an object read to the end.
func (k *ScanSink) readObject(o *connectors.Object, st connectors.ObjectStats) error {
	k.ended(o)
	part, _ := k.digest(o)
	return k.objectRow(o, ObjectRead, o.ReadBecause, st, part, k.id, k.started, k.ownRows(o), 0)
}

// endedObject queues the row of an object that ended with a problem.
func (k *ScanSink) endedObject(p scanner.Problem) error {
	o := p.Location.Object
	if p.Skipped {
		// A table that failed keeps its checkpoint: the next scan reads it
		// on from there (a server lost midway).
		k.ended(o)
	}
	status, reason := ObjectFailed, ""
	if p.Err != nil {
		reason = p.Err.Error()
	}
	var part *connectors.CarriedPart
	if p.Skipped {
		status = ObjectSkipped
		part, _ = k.digest(o)
	}
	return k.objectRow(o, status, reason, connectors.ObjectStats{}, part, k.id, k.started, k.ownRows(o), 0)
}

func (k *ScanSink) digest(o *connectors.Object) (*connectors.CarriedPart, bool) {
	if k.opt.Digests == nil {
		return nil, false
	}
	part, ok := k.opt.Digests.Digest(o)
	if !ok {
		return nil, false
	}
	return &part, true
}

// carriedObject queues the rows of an object carried over with its
// members. Their kept findings and problems stay where they are, and so do
// their digests: the rows name the scan that holds them (kept_scan), and
// Findings, Problems and a later scan's Baseline read them from there, so
// carrying an object over costs its rows alone, however much evidence it
// has and whatever its digest's size; and the rows are a run's share when
// the store's rows they came from can stand for them (runs.go).
func (k *ScanSink) carriedObject(o *connectors.Object, c *connectors.Carried) error {
	kept := keptRows{scan: c.KeptScan, findings: c.KeptFindings, problems: c.KeptProblems}
	if kept.scan == 0 {
		kept.scan = c.Scan
	}
	for i := range c.Parts {
		part := c.Parts[i]
		part.Digest = nil // kept_scan's rows hold it
		status := ObjectCarried
		if part.Skip != "" {
			status = ObjectSkipped
		}
		if err := k.objectRow(part.Object, status, part.Skip, part.Stats, &part, c.ReadScan, c.Read, kept, c.HoldingsScan); err != nil {
			return err
		}
	}
	return nil
}

// copyMark is a copy of kept findings and problems, numbered from seqF+1
// and seqP+1.
type copyMark struct {
	from               int64
	root               string
	seqF, seqP         int64
	findings, problems int64
	// The copy takes the rows of scan from numbered fromF to upToF and
	// fromP to upToP: the table's own, up to its checkpoint.
	fromF, upToF, fromP, upToP int64
	// checkpoint copies scan from's checkpoint of root too, as the scan's
	// own, numbered as the copies are.
	checkpoint bool
}

// copyKept copies the kept findings and problems of the batch's carried
// objects. Rows stored already (a retry after a lost commit) are left.
func (k *ScanSink) copyKept(ctx context.Context, tx *sql.Tx, st *Store) error {
	for _, m := range k.copies {
		if m.findings > 0 {
			if _, err := tx.ExecContext(ctx, `INSERT INTO findings (scan_id, seq, type, kind, confidence, reasons, location, masked, value, value_hash)
SELECT $1, $2 + row_number() OVER (ORDER BY seq), type, kind, confidence, reasons, location, masked, value, value_hash
FROM findings WHERE scan_id = $3 AND seq BETWEEN $4 AND $5 ORDER BY seq ON CONFLICT (scan_id, seq) DO NOTHING`, k.id, m.seqF, m.from, m.fromF, m.upToF); err != nil {
				return err
			}
		}
		if m.problems > 0 {
			if _, err := tx.ExecContext(ctx, `INSERT INTO problems (scan_id, seq, location, skipped, error, reason)
SELECT $1, $2 + row_number() OVER (ORDER BY seq), location, skipped, error, reason
FROM problems WHERE scan_id = $3 AND seq BETWEEN $4 AND $5 ORDER BY seq ON CONFLICT (scan_id, seq) DO NOTHING`, k.id, m.seqP, m.from, m.fromP, m.upToP); err != nil {
				return err
			}
		}
		if m.checkpoint {
			// The table's lookup entries up to the checkpoint become this
			// scan's, as its kept findings do.
			if _, err := tx.ExecContext(ctx, `UPDATE lookup_objects SET scan_id = $1 WHERE scan_id = $2 AND root = $3`, k.id, m.from, m.root); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO checkpoints (`+checkpointColumns+`)
SELECT $1, root, version, object, after, rows, stats, $2, $3, $4, $5, findings, by_type, skipped, failed, digest
FROM checkpoints WHERE scan_id = $6 AND root = $7 ON CONFLICT (scan_id, root) DO NOTHING`,
				k.id, m.seqF+1, m.seqF+m.findings, m.seqP+1, m.seqP+m.problems, m.from, m.root); err != nil {
				return err
			}
		}
	}
	return nil
}
