package main

import (
	"context"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/internal/i18n"
	"github.com/pmscan/pmscan/internal/queue"
	"github.com/pmscan/pmscan/internal/safetext"
	"github.com/pmscan/pmscan/reports/store"
)

// A distributed scan (-distributed) is planned by listing its targets
// without reading them, split into units of objects in walk order, and
// queued (internal/queue); workers (pmscan worker) scan each unit as a
// unit scan of its own; when every unit has ended, the scan walks its
// targets once more, carrying every object over from the unit scans
// (store.UnitBaseline), so that its inventory, findings, flags and lookup
// index are those a single process would have made.

// unitRun is what a worker's scan of one unit knows of it.
type unitRun struct {
	parent  int64
	target  string          // the target's name, as the parent scan has it
	objects map[string]bool // the names of the unit's objects
	// after and last bound the unit in its target's walk: the object
	// before its first, and its last.
	after, last string
	state       string        // the worker's state store
	sets        *detectorSets // the worker's detector sets, by distributed scan
}

// detectorSets keeps the detector set of the distributed scan a worker
// ran a unit of last: its next units are most likely of the same scan.
type detectorSets struct {
	mu     sync.Mutex
	parent int64
	set    *detectors.Set
}

func (d *detectorSets) get(parent int64) *detectors.Set {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.parent == parent {
		return d.set
	}
	return nil
}

func (d *detectorSets) put(parent int64, set *detectors.Set) {
	d.mu.Lock()
	d.parent, d.set = parent, set
	d.mu.Unlock()
}

// unitSelector is a unit scan's Baseline: it reads the unit's objects and
// omits every other object of the target. As a connectors.Scope it lets
// the connector skip other objects, and directories that hold none of
// its own, before it stats or asks about them.
type unitSelector struct {
	objects     map[string]bool
	dirs        map[string]bool // the directories above the objects' names
	after, last string          // see unitRun
}

func newUnitSelector(objects map[string]bool, after, last string) unitSelector {
	u := unitSelector{objects: objects, dirs: map[string]bool{}, after: after, last: last}
	for name := range objects {
		for i := strings.LastIndexByte(name, '/'); i > 0; i = strings.LastIndexByte(name[:i], '/') {
			if u.dirs[name[:i]] {
				break
			}
			u.dirs[name[:i]] = true
		}
	}
	return u
}

func (u unitSelector) Carry(_ context.Context, o *connectors.Object) *connectors.Carried {
	if u.objects[o.Name()] {
		return nil
	}
	return &connectors.Carried{Omit: true}
}

func (u unitSelector) Contains(name string) bool { return u.objects[name] || u.dirs[name] }

// ListRange implements connectors.ListRange: a bucket's unit is listed
// from after the previous unit's last key to its own last.
func (u unitSelector) ListRange() (after, last string) { return u.after, u.last }

// rowBytes is what a table's row counts for in a unit's size.
const rowBytes = 256

// planner is the Baseline of the planning walk: it notes every top-level
// object with its size and reads none. With an incremental baseline (the
// target's earlier scans), it notes only the objects that changed since.
type planner struct {
	since   *store.Baseline // nil in a full scan
	mu      sync.Mutex
	objects []plannedObject
}

type plannedObject struct {
	name string
	size int64
}

func (p *planner) Carry(ctx context.Context, o *connectors.Object) *connectors.Carried {
	if p.since != nil && p.since.Unchanged(ctx, o) {
		return &connectors.Carried{Omit: true} // carried over at the end
	}
	size := o.Size
	if size == 0 && o.Version != nil {
		for _, f := range o.Version.Facts {
			switch f.Name {
			case "size":
				size, _ = strconv.ParseInt(f.Value, 10, 64)
			case "live_rows", "table_rows":
				// A table's size in the catalog's row count, at a
				// customer row's few hundred bytes.
				rows, _ := strconv.ParseInt(f.Value, 10, 64)
				size = max(size, rows*rowBytes)
			}
		}
	}
	p.mu.Lock()
	p.objects = append(p.objects, plannedObject{o.Name(), size})
	p.mu.Unlock()
	return &connectors.Carried{Omit: true}
}

// mergeBaseline is the distributed scan's own Baseline, for its last
// walk: objects of units that failed for good end failed with the
// unit's reason; the others are carried over from the unit scans, or,
// those the plan left out as unchanged, from the target's earlier scans;
// what neither has whole is read (new since the plan, or not read whole
// by its unit).
type mergeBaseline struct {
	units  *store.Baseline // nil when no unit scan ended an object
	since  *store.Baseline // the target's earlier scans; nil in a full scan
	failed map[string]error
}

func (m mergeBaseline) Carry(ctx context.Context, o *connectors.Object) *connectors.Carried {
	if err, ok := m.failed[o.Name()]; ok {
		return &connectors.Carried{Err: err}
	}
	switch {
	case m.units != nil && m.units.Knows(o.Name()):
		return m.units.Carry(ctx, o)
	case m.since != nil:
		return m.since.Carry(ctx, o)
	}
	o.ReadBecause = store.ReadNew
	return nil
}

// splitUnits cuts a target's objects, in walk order, into units of at
// most maxObjects objects and maxBytes bytes (an object larger than that
// is a unit of its own).
func splitUnits(objects []plannedObject, maxObjects int, maxBytes int64) [][]plannedObject {
	var units [][]plannedObject
	var cur []plannedObject
	var size int64
	for _, o := range objects {
		if len(cur) > 0 && (len(cur) >= maxObjects || size+o.size > maxBytes) {
			units = append(units, cur)
			cur, size = nil, 0
		}
		cur = append(cur, o)
		size += o.size
	}
	if len(cur) > 0 {
		units = append(units, cur)
	}
	return units
}

// distributedArgs are the scan's arguments as its workers run each unit
// with: without -state, which each worker gives its own, and without
// -distributed.
func distributedArgs(args []string) []string {
	var out []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		name := strings.TrimLeft(a, "-")
		if a == name || name == "" { // a target, or "--"
			out = append(out, a)
			continue
		}
		base, _, hasValue := strings.Cut(name, "=")
		switch base {
		case "state", "unit-objects", "unit-mb":
			if !hasValue {
				i++ // its value
			}
			continue
		case "distributed":
			continue
		}
		out = append(out, a)
	}
	return out
}

// distribute plans the scan id of targets, queues its units and waits for
// them; it returns the Baselines of the scan's last walk, by target.
func (o *scanOptions) distribute(ctx context.Context, st *store.Store, id int64, ts *openedTargets, reading string, stderr io.Writer) (map[string]connectors.Baseline, error) {
	pool, err := queue.Open(ctx, o.state)
	if err != nil {
		return nil, err
	}
	defer pool.Close()
	var units []queue.Unit
	since := map[string]*store.Baseline{}
	for _, t := range ts.open {
		w, ok := t.Conn.(connectors.IncrementalWalker)
		if !ok {
			return nil, i18n.Errorf("%s: its connector cannot be planned", t.Name)
		}
		var p planner
		if !o.full {
			b, err := st.Baseline(ctx, store.BaselineOptions{Target: t.Name, Reading: reading, FullEvery: o.fullEveryD, Exclude: id})
			if err != nil {
				return nil, err
			}
			p.since, since[t.Name] = b, b
		}
		if err := w.WalkSince(ctx, &p, func(connectors.Record, error) error { return nil }); err != nil {
			return nil, i18n.Errorf("planning %s: %w", t.Name, err)
		}
		target := slices.Index(ts.names, t.Name)
		after := ""
		for _, part := range splitUnits(p.objects, o.unitObjects, int64(o.unitMB)<<20) {
			u := queue.Unit{Scan: id, Number: len(units), Target: target, After: after}
			for _, po := range part {
				u.Objects = append(u.Objects, po.name)
				u.Bytes += po.size
			}
			after = u.Objects[len(u.Objects)-1]
			units = append(units, u)
		}
	}
	var children []int64
	failed := map[string]error{}
	// With nothing queued (nothing changed), the last walk carries every
	// object over from the target's earlier scans.
	if len(units) > 0 {
		if children, failed, err = o.runUnits(ctx, pool, id, units, stderr); err != nil {
			return nil, err
		}
	}
	fromUnits, err := st.UnitBaseline(context.WithoutCancel(ctx), children)
	if err != nil {
		return nil, err
	}
	out := map[string]connectors.Baseline{}
	for _, t := range ts.open {
		out[t.Name] = mergeBaseline{units: fromUnits, since: since[t.Name], failed: failed}
	}
	return out, nil
}

// runUnits queues units and waits for them; it returns the unit scans of
// those done, and the reason each object of the failed ones failed.
func (o *scanOptions) runUnits(ctx context.Context, pool *pgxpool.Pool, id int64, units []queue.Unit, stderr io.Writer) ([]int64, map[string]error, error) {
	if err := queue.Enqueue(ctx, pool, units); err != nil {
		return nil, nil, err
	}
	o.p.Fprintf(stderr, "pmscan scan: scan %s: %d units queued; start workers with: pmscan worker -state URL\n", strconv.FormatInt(id, 10), len(units))
	if err := o.waitUnits(ctx, pool, id, len(units), stderr); err != nil {
		return nil, nil, err
	}
	done, err := queue.Units(context.WithoutCancel(ctx), pool, id)
	if err != nil {
		return nil, nil, err
	}
	var children []int64
	failed := map[string]error{}
	for _, u := range done {
		switch u.State {
		case queue.StateDone:
			children = append(children, u.Child)
		default:
			err := i18n.Errorf("unit %d failed after %d attempts: %s", u.Number, u.Attempts, u.Error)
			for _, name := range u.Objects {
				failed[name] = err
			}
		}
	}
	return children, failed, nil
}

// waitUnits waits until every unit of scan id has ended, saying how far
// the workers are. Ctrl-C cancels the units not yet done: the scan then
// ends with what was done.
func (o *scanOptions) waitUnits(ctx context.Context, pool *pgxpool.Pool, id int64, total int, stderr io.Writer) error {
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	var last queue.Progress
	var failingSince time.Time // the state store has failed every poll since
	for {
		bg := context.WithoutCancel(ctx)
		_, err := queue.Settle(bg, pool, id)
		var p queue.Progress
		if err == nil {
			p, err = queue.ProgressOf(bg, pool, id)
		}
		if err != nil {
			// A store that restarts or drops the connection comes back;
			// the workers wait for it too.
			if failingSince.IsZero() {
				failingSince = time.Now()
			}
			if time.Since(failingSince) > max(o.stateRetry, time.Minute) {
				return err
			}
			select {
			case <-ctx.Done():
				return err
			case <-tick.C:
			}
			continue
		}
		failingSince = time.Time{}
		if p != last {
			o.p.Fprintf(stderr, "pmscan scan: units done %d of %d, failed %d, objects %d\n", p.Done, total, p.Failed, p.Objects)
			last = p
		}
		if p.Queued == 0 {
			return nil
		}
		select {
		case <-ctx.Done():
			o.p.Fprintf(stderr, "pmscan scan: stopping: the units not done are cancelled\n")
			return queue.Cancel(bg, pool, id, "the distributed scan was stopped before this unit ran")
		case <-tick.C:
		}
	}
}

// checkDistributed refuses what a distributed scan cannot do: a state
// store other than PostgreSQL (the queue lives there), and credentials in
// a target, which would reach the workers through the store.
func (o *scanOptions) checkDistributed() error {
	if !strings.HasPrefix(o.state, "postgres://") && !strings.HasPrefix(o.state, "postgresql://") {
		return i18n.Errorf("-distributed needs a PostgreSQL state store (-state postgres://…): the queue lives there")
	}
	for _, t := range o.targets {
		if connectors.Redact(t) != t {
			return i18n.Errorf("-distributed: %s holds a password: give workers credentials as a single scan takes them (environment, credential files), never in the target", safetext.Name(connectors.Redact(t)))
		}
	}
	return nil
}
