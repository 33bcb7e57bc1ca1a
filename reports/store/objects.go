package store

import (
	"context"
	"database/sql"
	"encoding/json"
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

var objectsTable = &table{name: "objects", chunk: 128, conflict: "scan_id, ord", cols: []string{
	"scan_id", "ord", "root", "name", "store", "status", "reason", "version", "object", "stats",
	"read_scan", "read_at", "kept_scan", "findings", "by_type", "skipped", "failed", "digest"}}

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

// rootName is the name of the top-level object of l's object, for the
// root columns; NULL for a location without an object.
func rootName(l connectors.Location) any {
	if l.Object == nil {
		return nil
	}
	return rootOf(l.Object).Name()
}

// objectRow queues the row of an object that ended in this scan.
func (k *ScanSink) objectRow(o *connectors.Object, status, reason string, st connectors.ObjectStats, part *connectors.CarriedPart, readScan int64, readAt time.Time, keptScan int64) error {
	version, err := optJSON(o.Version)
	if err != nil {
		return err
	}
	facts, err := json.Marshal(factsOf(o))
	if err != nil {
		return err
	}
	st.Carried = nil
	stats, err := json.Marshal(st)
	if err != nil {
		return err
	}
	var (
		findings, skipped, failed int64
		byType, digest            any
	)
	if part != nil {
		findings, skipped, failed = part.Findings, part.Skipped, part.Failed
		if len(part.ByType) > 0 {
			b, err := json.Marshal(part.ByType)
			if err != nil {
				return err
			}
			byType = string(b)
		}
		if part.Digest != nil {
			digest = part.Digest
		}
	}
	k.seqO++
	k.objects = append(k.objects, k.id, k.seqO, rootOf(o).Name(), o.Name(), o.Store, status, reason, version, string(facts), string(stats),
		readScan, dbTime(readAt), keptScan, findings, byType, skipped, failed, digest)
	return k.added()
}

// readObject queues the row of an object read to the end.
func (k *ScanSink) readObject(o *connectors.Object, st connectors.ObjectStats) error {
	k.ended(o)
	part, _ := k.digest(o)
	return k.objectRow(o, ObjectRead, o.ReadBecause, st, part, k.id, k.started, k.id)
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
	return k.objectRow(o, status, reason, connectors.ObjectStats{}, part, k.id, k.started, k.id)
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
// members. Their kept findings and problems stay where they are: the rows
// name the scan that holds them (kept_scan), and Findings and Problems
// read them from there, so carrying an object over costs its rows alone,
// however much evidence it has.
func (k *ScanSink) carriedObject(o *connectors.Object, c *connectors.Carried) error {
	kept := c.KeptScan
	if kept == 0 {
		kept = c.Scan
	}
	for i := range c.Parts {
		part := &c.Parts[i]
		status := ObjectCarried
		if part.Skip != "" {
			status = ObjectSkipped
		}
		if err := k.objectRow(part.Object, status, part.Skip, part.Stats, part, c.ReadScan, c.Read, kept); err != nil {
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
	// upTo limits the copy to the rows of scan from numbered up to upToF
	// and upToP: those before a checkpoint.
	upTo         bool
	upToF, upToP int64
	// checkpoint copies scan from's checkpoint of root too, as the scan's
	// own, numbered as the copies are.
	checkpoint bool
}

// copyKept copies the kept findings and problems of the batch's carried
// objects. Rows stored already (a retry after a lost commit) are left.
func (k *ScanSink) copyKept(ctx context.Context, tx *sql.Tx, st *Store) error {
	const all = int64(1) << 62
	for _, m := range k.copies {
		upToF, upToP := all, all
		if m.upTo {
			upToF, upToP = m.upToF, m.upToP
		}
		if m.findings > 0 {
			if _, err := tx.ExecContext(ctx, `INSERT INTO findings (scan_id, seq, type, kind, confidence, reasons, location, masked, value, value_hash, root)
SELECT $1, $2 + row_number() OVER (ORDER BY seq), type, kind, confidence, reasons, location, masked, value, value_hash, root
FROM findings WHERE scan_id = $3 AND root = $4 AND seq <= $5 ORDER BY seq ON CONFLICT (scan_id, seq) DO NOTHING`, k.id, m.seqF, m.from, m.root, upToF); err != nil {
				return err
			}
		}
		if m.problems > 0 {
			if _, err := tx.ExecContext(ctx, `INSERT INTO problems (scan_id, seq, location, skipped, error, reason, root)
SELECT $1, $2 + row_number() OVER (ORDER BY seq), location, skipped, error, reason, root
FROM problems WHERE scan_id = $3 AND root = $4 AND seq <= $5 ORDER BY seq ON CONFLICT (scan_id, seq) DO NOTHING`, k.id, m.seqP, m.from, m.root, upToP); err != nil {
				return err
			}
		}
		if m.checkpoint {
			if _, err := tx.ExecContext(ctx, `INSERT INTO checkpoints (`+checkpointColumns+`)
SELECT $1, root, version, object, after, rows, stats, $2, $3, findings, by_type, skipped, failed, digest
FROM checkpoints WHERE scan_id = $4 AND root = $5 ON CONFLICT (scan_id, root) DO NOTHING`,
				k.id, m.seqF+m.findings, m.seqP+m.problems, m.from, m.root); err != nil {
				return err
			}
		}
	}
	return nil
}

func optJSON(v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	if ver, ok := v.(*connectors.Version); ok && ver == nil {
		return nil, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return string(b), nil
}
