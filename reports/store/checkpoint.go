package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/scanner"
)

// A table read in key order is checkpointed as it is read: its row in
// checkpoints says where the reading stood, and is committed in the
// transaction of the findings and problems before it, so that what it
// says is stored is stored. A scan that resumes reads the table on from
// there (Baseline.Carry), copies the table's kept findings and problems
// up to the checkpoint into itself, as it does for an object carried
// over, and keeps the rest as they come. See connectors.Checkpoint.

var _ scanner.CheckpointSink = (*ScanSink)(nil)

// checkpointRow is a checkpoint waiting for the batch's transaction.
type checkpointRow struct {
	root string
	args []any // in checkpointColumns order
}

const checkpointColumns = "scan_id, root, version, object, after, rows, stats, findings_from, findings_seq, problems_from, problems_seq, findings, by_type, skipped, failed, digest"

// Checkpoint stores where the reading of o stands, with the inventory's
// digest of o so far (SinkOptions.Digests), once the findings and
// problems before it are stored: it writes the batch at once. Without a
// digest, or once the store is given up (a spool keeps no checkpoint),
// it stores nothing, and a scan that resumes reads o from its start.
func (k *ScanSink) Checkpoint(o *connectors.Object, cp *connectors.Checkpoint) error {
	if err := k.init(); err != nil {
		return err
	}
	k.endRecord() // the rows up to cp are whole
	if k.lost != nil || k.opt.Digests == nil || o.Parent != nil || o.Version == nil {
		return nil
	}
	part, ok := k.opt.Digests.CheckpointDigest(o)
	if !ok {
		return nil
	}
	var enc keptEncoding
	if err := enc.encode(o, cp.Stats, &part); err != nil {
		return err
	}
	after, err := json.Marshal(cp.After)
	if err != nil {
		return err
	}
	var byType any
	if enc.byType.Valid {
		byType = enc.byType.String
	}
	root := o.Name()
	k.enter(o)
	f, p := k.spanOf(o)
	row := checkpointRow{root: root, args: []any{k.id, root, enc.version.String, enc.facts, string(after), cp.Stats.Rows, enc.stats,
		f[0], f[1], p[0], p[1], part.Findings, byType, part.Skipped, part.Failed, part.Digest}}
	if i := k.pendingCheckpoint(root); i >= 0 {
		k.checkpoints[i] = row
	} else {
		k.checkpoints = append(k.checkpoints, row)
	}
	if k.checkpointed == nil {
		k.checkpointed = map[string]bool{}
	}
	k.checkpointed[root] = true
	return k.flush()
}

func (k *ScanSink) pendingCheckpoint(root string) int {
	for i := range k.checkpoints {
		if k.checkpoints[i].root == root {
			return i
		}
	}
	return -1
}

// ended drops the checkpoint of a top-level object that ended: its row in
// objects, in the same batch, says more.
func (k *ScanSink) ended(o *connectors.Object) {
	if o.Parent != nil || !k.checkpointed[o.Name()] {
		return
	}
	root := o.Name()
	delete(k.checkpointed, root)
	if i := k.pendingCheckpoint(root); i >= 0 {
		k.checkpoints = append(k.checkpoints[:i], k.checkpoints[i+1:]...)
	}
	k.uncheckpoint = append(k.uncheckpoint, root)
}

// writeCheckpoints replaces the scan's checkpoints of the batch's tables
// and deletes those of the tables that ended.
func (k *ScanSink) writeCheckpoints(ctx context.Context, tx *sql.Tx) error {
	for _, c := range k.checkpoints {
		if _, err := tx.ExecContext(ctx, `INSERT INTO checkpoints (`+checkpointColumns+`)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
ON CONFLICT (scan_id, root) DO UPDATE SET version = excluded.version, object = excluded.object, after = excluded.after,
	rows = excluded.rows, stats = excluded.stats, findings_from = excluded.findings_from, findings_seq = excluded.findings_seq,
	problems_from = excluded.problems_from, problems_seq = excluded.problems_seq,
	findings = excluded.findings, by_type = excluded.by_type, skipped = excluded.skipped, failed = excluded.failed, digest = excluded.digest`,
			c.args...); err != nil {
			return fmt.Errorf("checkpoints: %w", err)
		}
	}
	for _, root := range k.uncheckpoint {
		if _, err := tx.ExecContext(ctx, `DELETE FROM checkpoints WHERE scan_id = $1 AND root = $2`, k.id, root); err != nil {
			return fmt.Errorf("checkpoints: %w", err)
		}
	}
	return nil
}

// Resume takes as the scan's own the kept findings and problems of o up
// to the checkpoint it is read on from: they are copied with the batch,
// numbered now so that they keep their place among the scan's, as those
// of an object carried over are.
func (k *ScanSink) Resume(o *connectors.Object, c *connectors.Carried) error {
	if err := k.init(); err != nil {
		return err
	}
	if k.lost != nil {
		return nil // the spool cannot copy from the store
	}
	var kept copyMark
	_, err := k.try("counting the kept findings of a resumed object", func(ctx context.Context) error {
		return k.s.db.QueryRowContext(ctx, `SELECT c.findings_from, c.findings_seq, c.problems_from, c.problems_seq,
	(SELECT count(*) FROM findings f WHERE f.scan_id = c.scan_id AND f.seq BETWEEN c.findings_from AND c.findings_seq),
	(SELECT count(*) FROM problems p WHERE p.scan_id = c.scan_id AND p.seq BETWEEN c.problems_from AND c.problems_seq)
FROM checkpoints c WHERE c.scan_id = $1 AND c.root = $2`, c.Scan, o.Name()).Scan(&kept.fromF, &kept.upToF, &kept.fromP, &kept.upToP, &kept.findings, &kept.problems)
	})
	if err != nil {
		return nil // the inventory has them whole; the kept sample lacks them
	}
	// The checkpoint becomes the scan's own, so that a scan stopped again
	// before its next one (or a server lost) resumes from it in turn.
	kept.from, kept.root, kept.seqF, kept.seqP, kept.checkpoint = c.Scan, o.Name(), k.seqF, k.seqP, true
	k.enter(o) // the copies are the table's first rows in this scan
	if k.checkpointed == nil {
		k.checkpointed = map[string]bool{}
	}
	k.checkpointed[kept.root] = true
	k.seqF += kept.findings
	k.seqP += kept.problems
	k.copies = append(k.copies, kept)
	return nil
}

// keptCounts counts the findings scan kept of the table root up to its
// checkpoint, by column and type, for the sampler to keep no more than
// its share in all.
func (k *ScanSink) keptCounts(scan int64, root string) (map[sampleColumn]int, error) {
	counts := map[sampleColumn]int{}
	if k.init() != nil || k.lost != nil {
		return counts, nil
	}
	_, err := k.try("counting the kept findings of a resumed object", func(ctx context.Context) error {
		clear(counts)
		rows, err := k.s.db.QueryContext(ctx, `SELECT f.type, f.location FROM checkpoints c JOIN findings f ON f.scan_id = c.scan_id
	AND f.seq BETWEEN c.findings_from AND c.findings_seq
WHERE c.scan_id = $1 AND c.root = $2`, scan, root)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var (
				typ string
				loc []byte
				l   struct {
					Column string `json:"column"`
				}
			)
			if err := rows.Scan(&typ, &loc); err != nil {
				return err
			}
			if err := json.Unmarshal(loc, &l); err != nil {
				return err
			}
			counts[sampleColumn{l.Column, typ}]++
		}
		return rows.Err()
	})
	return counts, err
}
