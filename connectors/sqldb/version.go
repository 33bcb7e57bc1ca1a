package sqldb

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"github.com/pmscan/pmscan/connectors"
)

// ViewDoubt is why a view is always read: its rows are a query over other
// relations, and nothing the server keeps says that they changed.
const ViewDoubt = "a view has no version of its own"

// changeWords name record-time columns that move when a row changes, not
// only when it is made: their newest value dates the latest change.
var changeWords = []string{"updated", "modified", "update_", "更新"}

// NewestRecordColumn is the index in Columns of the column whose newest
// value dates the relation's latest change, for a version's newest_record
// fact: among the record-time columns that age the data (updated_at,
// 登録日), the first that records changes (updated_at, 更新日時), else the
// first that records creation; -1 when there is none.
func (t *Table) NewestRecordColumn() int {
	first := -1
	for i, c := range t.Columns {
		if c.Kind != KindTime || c.Pseudo || !isRecordTime(c.Name) {
			continue
		}
		n := strings.ToLower(c.Name)
		for _, w := range changeWords {
			if strings.Contains(n, w) {
				return i
			}
		}
		if first < 0 {
			first = i
		}
	}
	return first
}

// columnsFact names the relation's columns, types and key as the scan
// reads them: a column added with a default, dropped, renamed or retyped
// in place, or a new key, changes what a scan finds, or where, though no
// statistic of the rows moves. It is a digest, the last fact of every
// version.
func columnsFact(t *Table) string {
	h := sha256.New()
	for _, c := range t.Columns {
		if c.Pseudo {
			continue
		}
		fmt.Fprintf(h, "%s\x1f%s\x1e", c.Name, c.Type)
	}
	fmt.Fprintf(h, "key\x1f%s", t.KeyBy)
	for _, k := range t.Key {
		fmt.Fprintf(h, "\x1f%s", t.Columns[k].Name)
	}
	return hex.EncodeToString(h.Sum(nil)[:8])
}

// version takes run's version on the reader's session, before any row of
// it is read, and asks the baseline whether it is carried. A version the
// server cannot give (a query refused, a timeout) is a Doubt, and the
// table is read; only a server lost for good fails the table.
func (r *reader) version(ctx context.Context, run *tableRun) (*connectors.Carried, error) {
	t := run.t
	var v *connectors.Version
	if t.Kind == "view" {
		v = &connectors.Version{Doubt: ViewDoubt}
	} else {
		err := r.retrying(ctx, func() error {
			var err error
			v, err = r.s.Version(ctx, t)
			return err
		})
		switch {
		case ctx.Err() != nil:
			return nil, ctx.Err()
		case err != nil && (r.s == nil || errors.Is(err, ErrConnLost)):
			return nil, fmt.Errorf("version: %w", err)
		case err != nil:
			v = &connectors.Version{Doubt: fmt.Sprintf("the server gave no version: %v", err)}
		}
	}
	v.Add("columns", columnsFact(t))
	run.obj.Version = v
	if b := r.w.baseline; b != nil {
		return b.Carry(ctx, run.obj), nil
	}
	return nil, nil
}
