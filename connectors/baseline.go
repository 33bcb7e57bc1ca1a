package connectors

import (
	"context"
	"strings"
	"time"
)

// Version is what a store says of an object without its content being
// read: enough to see that it changed since an earlier scan. Facts are
// named and kept in an order fixed per store kind, so that two versions
// compare fact by fact and a change reads as "size 10 KB → 12 KB".
//
//   - files and archive members: size, mtime_ns, inode, device;
//   - S3 objects: etag, size, last_modified (and version_id where the
//     bucket is versioned);
//   - tables: what the catalog and the statistics say (see the database
//     connectors), with Doubt set when they cannot vouch for the content.
type Version struct {
	Facts []Fact `json:"facts"`
	// Doubt, when set, says why the facts cannot show the object unchanged
	// (statistics reset, a time the server keeps only in memory): such an
	// object is read whatever the facts say.
	Doubt string `json:"doubt,omitempty"`
}

// Fact is one named fact of a Version.
type Fact struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// Add appends a fact.
func (v *Version) Add(name, value string) { v.Facts = append(v.Facts, Fact{name, value}) }

// Equal reports whether v and w have the same facts.
func (v *Version) Equal(w *Version) bool {
	if v == nil || w == nil || len(v.Facts) != len(w.Facts) {
		return false
	}
	for i := range v.Facts {
		if v.Facts[i] != w.Facts[i] {
			return false
		}
	}
	return true
}

// Changes says how w, a later version, differs from v: "size 120 → 164,
// mtime_ns 1733… → 1734…", or "" when they are equal.
func (v *Version) Changes(w *Version) string {
	var c []string
	old := map[string]string{}
	for _, f := range v.Facts {
		old[f.Name] = f.Value
	}
	for _, f := range w.Facts {
		was, ok := old[f.Name]
		switch {
		case !ok:
			c = append(c, f.Name+" "+f.Value+" (new)")
		case was != f.Value:
			c = append(c, f.Name+" "+was+" → "+f.Value)
		}
		delete(old, f.Name)
	}
	for _, f := range v.Facts {
		if _, gone := old[f.Name]; gone {
			c = append(c, f.Name+" gone")
		}
	}
	return strings.Join(c, ", ")
}

// Baseline is what earlier scans of a target read, kept by the state
// store, for an incremental scan: a connector asks it about every object
// before opening the object, and does not read one that is unchanged.
type Baseline interface {
	// Carry returns what an earlier scan read of o, when o is unchanged
	// since: the connector has set o.Version from the store's facts
	// without reading the content. The connector then ends o with
	// CarriedEnd instead of reading it. When o must be read, Carry returns
	// nil and sets o.ReadBecause. Carry is called on the walk's goroutine
	// and must be safe for concurrent use by connectors that walk objects
	// in parallel.
	Carry(ctx context.Context, o *Object) *Carried
}

// Scope is implemented by a Baseline that covers only part of a target (a
// distributed scan's unit, which names its objects): a connector skips
// what Contains rules out before it stats, opens or asks the version of
// it, and does not descend into a directory it rules out.
type Scope interface {
	// Contains reports whether the top-level object named name is in
	// scope, or, for a directory, whether anything under it may be.
	Contains(name string) bool
}

// ListRange is implemented by a Scope whose objects are one run of a
// listing in key order (a distributed scan's unit of a bucket): the
// connector lists from after the object named after ("" for the start)
// up to the one named last, not the whole target.
type ListRange interface {
	ListRange() (after, last string)
}

// IncrementalWalker is a Connector that can carry unchanged objects over
// from a Baseline. Every connector of pmscan is one; Walk is WalkSince
// with a nil Baseline.
type IncrementalWalker interface {
	Connector
	WalkSince(ctx context.Context, b Baseline, fn WalkFunc) error
}

// Carried is an object not read because it is unchanged since an earlier
// scan: what that scan read of it and of its archive members. It is
// opaque to connectors: the state store makes it, the scanner counts it
// and the inventory replays it.
type Carried struct {
	// Scan is the scan whose record of the object is carried: the one
	// that read it, or that carried it over in turn.
	Scan int64
	// KeptScan is the scan whose state store rows hold the object's kept
	// findings and problems, which the carrying scan references.
	KeptScan int64
	// KeptFindings and KeptProblems are the sequence numbers, first and
	// last, of those rows in KeptScan; empty when first > last.
	KeptFindings, KeptProblems [2]int64
	// HoldingsScan is the scan whose state store rows hold the holdings
	// of the object's places, which the carrying scan references instead
	// of storing them again; 0 when it must store them.
	HoldingsScan int64
	// ReadScan is the scan that last read it, and Read when that scan
	// started.
	ReadScan int64
	Read     time.Time
	// Parts are the object's archive members, then the object itself
	// (last), in the order the scan that read them ended them.
	Parts []CarriedPart
	// Omit says the object is not part of this scan at all: the connector
	// hands on nothing of it. A distributed scan's worker reads only the
	// objects of its unit, and the scan's planning walk reads none.
	Omit bool
	// Err, when set, ends the object failed with Err instead of reading it
	// (a distributed scan's unit that kept failing).
	Err error
	// Resume, when set, says the object is not carried over but read on
	// from a checkpoint the scan Scan took inside it: the connector reads
	// what comes after Resume.After, counting on from Resume's stats, and
	// hands Carried on with the object's first record (Record.Resume),
	// never with CarriedEnd. Parts then holds one part, the object as it
	// stood at the checkpoint: its digest and counts so far.
	Resume *Checkpoint
}

// Checkpoint is a point inside an object being read (a table read in key
// order) up to which every record has been handed on: a scan stopped
// after it can read the object on from there. Only the connector that
// made it reads After.
type Checkpoint struct {
	// After is where the reading stopped: the key of the last row read,
	// as the connector gives it to the server.
	After [][]byte `json:"after"`
	// Stats is what was read up to the checkpoint (Rows, Bytes, the
	// columns' Values, the record dates), the start of the counts of a
	// reading that resumes from it, so that the object's end counts the
	// whole object.
	Stats ObjectStats `json:"stats"`
}

// CarriedPart is one object of a Carried: what the scan that read it
// found there.
type CarriedPart struct {
	Object *Object
	Stats  ObjectStats
	// Skip is the reason the object was skipped (binary, encrypted), or
	// "" if it was read.
	Skip string
	// Findings and ByType count its findings; Skipped and Failed its
	// problems at positions inside it (a bad row, a part over a limit).
	Findings        int64
	ByType          map[string]int64
	Skipped, Failed int64
	// Digest is the inventory's record of the object (holdings, value
	// sketches, column verdicts, problems), replayed instead of its
	// findings.
	Digest []byte
	// Kept is the state store's own encoding of the part, which the store
	// that gave it writes back as it stands rather than encoding the part
	// again; nil from any other source.
	Kept any
}

// CarriedEnd hands fn the terminal record of an object carried over
// unchanged: its stats are those of the scan that read it. An omitted
// object hands on nothing, one with Err ends failed.
func CarriedEnd(fn WalkFunc, o *Object, c *Carried) error {
	switch {
	case c.Omit:
		return nil
	case c.Err != nil:
		return Fail(fn, o, c.Err)
	}
	if len(c.Parts) == 0 {
		panic("connectors: CarriedEnd with no parts")
	}
	st := c.Parts[len(c.Parts)-1].Stats
	st.Carried = c
	return fn(End(o, st), nil)
}
