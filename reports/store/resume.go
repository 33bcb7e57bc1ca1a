package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"hash/maphash"
	"strconv"
	"time"

	"github.com/pmscan/pmscan/connectors"
)

// loadCheckpoints takes the checkpoints of scan id: tables it stopped
// inside. A later scan's object row or checkpoint of the same table
// replaces it (scans are loaded in order).
func (b *Baseline) loadCheckpoints(ctx context.Context, id int64) error {
	rows, err := b.s.db.QueryContext(ctx, `SELECT c.root, c.version, c.rows, s.started FROM checkpoints c JOIN scans s ON s.id = c.scan_id
WHERE c.scan_id = $1`, id)
	if err != nil {
		return b.s.errorf("scan %d: reading its checkpoints: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			root, version string
			cp            knownCheckpoint
			started       time.Time
		)
		if err := rows.Scan(&root, &version, &cp.rows, &started); err != nil {
			return b.s.errorf("scan %d: reading its checkpoints: %w", id, err)
		}
		cp.scan, cp.version, cp.readAt = id, b.hashEncoded(version), started.Unix()
		b.checkpoints[maphash.String(b.seed, root)] = cp
	}
	if err := rows.Err(); err != nil {
		return b.s.errorf("scan %d: reading its checkpoints: %w", id, err)
	}
	return nil
}

// resume returns what scan cp.scan kept of the table o up to its
// checkpoint, for the connector to read o on from there, when o's facts
// are those it had then. Otherwise it returns nil, with o.ReadBecause set
// when the checkpoint says why o is read whole (it changed since), or
// not, for Carry to decide from the objects the scans ended.
func (b *Baseline) resume(ctx context.Context, o *connectors.Object, cp knownCheckpoint) *connectors.Carried {
	switch {
	case o.Version == nil || len(o.Version.Facts) == 0 || o.Version.Doubt != "":
		return nil // Carry says why
	case cp.version != b.hashVersion(o.Version):
		o.ReadBecause = ReadChanged + ": " + b.checkpointChange(ctx, cp.scan, o)
		return nil
	}
	read := time.Unix(cp.readAt, 0)
	if age := b.opt.Now.Sub(read); b.opt.FullEvery > 0 && age >= b.opt.FullEvery {
		o.ReadBecause = fmt.Sprintf("%s: last read %s, %d days ago", ReadFullEvery, read.UTC().Format(time.DateOnly), int(age.Hours()/24))
		return nil
	}
	c, err := b.checkpoint(ctx, cp.scan, o)
	if err != nil {
		o.ReadBecause = ReadDoubt + ": " + err.Error()
		return nil
	}
	o.ReadBecause = ReadResumed + ": from row " + strconv.FormatInt(c.Resume.Stats.Rows+1, 10) + " (checkpoint of scan " + strconv.FormatInt(cp.scan, 10) + ")"
	return c
}

// checkpointChange says how o's version differs from the one scan had
// when it checkpointed o.
func (b *Baseline) checkpointChange(ctx context.Context, scan int64, o *connectors.Object) string {
	var version string
	var was connectors.Version
	err := b.s.db.QueryRowContext(ctx, `SELECT version FROM checkpoints WHERE scan_id = $1 AND root = $2`, scan, o.Name()).Scan(&version)
	if err != nil || json.Unmarshal([]byte(version), &was) != nil {
		return "its version differs"
	}
	if d := was.Changes(o.Version); d != "" {
		return d
	}
	return "its version differs"
}

// checkpoint reads scan's checkpoint of o.
func (b *Baseline) checkpoint(ctx context.Context, scan int64, o *connectors.Object) (*connectors.Carried, error) {
	var (
		facts, after, stats string
		byType              sql.NullString
		started             time.Time
		p                   connectors.CarriedPart
		cp                  connectors.Checkpoint
	)
	err := b.s.db.QueryRowContext(ctx, `SELECT c.object, c.after, c.stats, c.findings, c.by_type, c.skipped, c.failed, c.digest, s.started
FROM checkpoints c JOIN scans s ON s.id = c.scan_id WHERE c.scan_id = $1 AND c.root = $2`, scan, o.Name()).
		Scan(&facts, &after, &stats, &p.Findings, &byType, &p.Skipped, &p.Failed, &p.Digest, &started)
	if err != nil {
		return nil, fmt.Errorf("the state store did not give the checkpoint scan %d kept of it: %w", scan, err)
	}
	var f objectFacts
	if err := json.Unmarshal([]byte(facts), &f); err != nil {
		return nil, fmt.Errorf("reading the checkpoint of scan %d: %w", scan, err)
	}
	if err := json.Unmarshal([]byte(after), &cp.After); err != nil {
		return nil, fmt.Errorf("reading the checkpoint of scan %d: %w", scan, err)
	}
	if err := json.Unmarshal([]byte(stats), &cp.Stats); err != nil {
		return nil, fmt.Errorf("reading the checkpoint of scan %d: %w", scan, err)
	}
	if byType.Valid {
		if err := json.Unmarshal([]byte(byType.String), &p.ByType); err != nil {
			return nil, fmt.Errorf("reading the checkpoint of scan %d: %w", scan, err)
		}
	}
	// What only a read tells is kept; the rest the connector has set.
	o.Encoding, o.SampledBytes, o.RowBy = f.Encoding, f.SampledBytes, f.RowBy
	p.Object, p.Stats = o, cp.Stats
	return &connectors.Carried{Scan: scan, ReadScan: scan, Read: started.UTC(), Parts: []connectors.CarriedPart{p}, Resume: &cp}, nil
}
