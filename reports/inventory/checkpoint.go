package inventory

import (
	"fmt"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/scanner"
)

// A table read in key order can be stopped and read on from a
// checkpoint (connectors.Checkpoint). At each checkpoint the builder
// makes the table's digest as it stands, its share of the counts so far
// (CheckpointDigest), for the state store to keep beside the checkpoint;
// a scan that reads the table on from there replays that digest first
// (Resume), then takes the rest of the table's findings as they come.
// The column verdicts' Values come from the table's end, whose stats the
// connector counts from the checkpoint's: they cover the whole table.

var _ scanner.CheckpointSink = (*Builder)(nil)

// Checkpoint makes the digest of o, not ended yet, as it stands, for
// CheckpointDigest. Without EnableDigests it does nothing.
func (b *Builder) Checkpoint(o *connectors.Object, _ *connectors.Checkpoint) error {
	d := b.digests
	if d == nil {
		return nil
	}
	d.checkpoint.obj = nil
	part, ok := d.make(b, o, d.open[o.Name()], nil)
	if !ok {
		return nil // no digest: the store keeps no checkpoint, and the table is read again
	}
	d.checkpoint.obj, d.checkpoint.part = o, part
	return nil
}

// CheckpointDigest returns the digest of o as it stood at its last
// checkpoint, with its counts so far. ok is false when o has had no
// checkpoint since it began or digests are not enabled.
func (b *Builder) CheckpointDigest(o *connectors.Object) (part connectors.CarriedPart, ok bool) {
	if b.digests == nil || b.digests.checkpoint.obj != o {
		return part, false
	}
	return b.digests.checkpoint.part, true
}

// Resume replays what an earlier scan made of o up to the checkpoint o
// is read on from, before o's other results: o's counts, holdings and
// problems then hold the whole object when it ends, and so does its
// digest.
func (b *Builder) Resume(o *connectors.Object, c *connectors.Carried) error {
	for _, part := range c.Parts {
		var dg objectDigest
		if err := decodeDigest(part.Digest, &dg); err != nil {
			return fmt.Errorf("inventory: the checkpoint of %s kept by scan %d: %w", o.Name(), c.Scan, err)
		}
		if err := b.replay(o, &dg); err != nil {
			return fmt.Errorf("inventory: the checkpoint of %s kept by scan %d: %w", o.Name(), c.Scan, err)
		}
		if d := b.digests; d != nil {
			oo := d.open[o.Name()]
			if oo == nil {
				oo = &openObject{}
				d.open[o.Name()] = oo
			}
			oo.skipped += part.Skipped
			oo.failed += part.Failed
			for _, pr := range dg.Problems {
				if len(oo.problems) < maxDigestProblems {
					oo.problems = append(oo.problems, pr)
				}
			}
		}
	}
	return nil
}
