// Package scanner runs detectors over the records that connectors walk: one
// walker goroutine fills bounded batches, a fixed pool of workers judges them,
// and one sink goroutine hands the results on in walk order.
package scanner

import (
	"time"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/detectors"
)

// Finding is one identifier found. Value is set only when the user asked
// for raw values (--show-data); Masked is always set.
type Finding struct {
	Type       string               `json:"type"`
	Kind       string               `json:"kind,omitempty"` // sub-kind, e.g. medical_history for sensitive
	Confidence detectors.Confidence `json:"confidence"`
	Reasons    []string             `json:"reasons"`
	Location   connectors.Location  `json:"location"`
	Masked     string               `json:"masked"`
	Value      string               `json:"value,omitempty"`
	// ValueHash is the keyed hash of the value's canonical form, set when
	// Options.ValueKey is: the inventory counts distinct values with it.
	// It never leaves the process in a report.
	ValueHash uint64 `json:"-"`
	// LookupHash and LookupSurname are the keyed hashes a disclosure
	// lookup finds it by, set when Options.Indexer is (see Indexer); 0
	// for none. They never leave the process in a report.
	LookupHash, LookupSurname uint64 `json:"-"`
}

// Problem is an item that was skipped on purpose (binary, special file) or
// could not be read, in whole (Terminal: an object, at Location.Object) or
// at a position inside an object; the scan went on without it.
type Problem struct {
	Location connectors.Location
	Err      error
	Skipped  bool
	Terminal bool // the object ended with it
}

// Sink receives a scan's results in walk order, on one goroutine. An error
// from a Sink stops the scan.
type Sink interface {
	Finding(f *Finding) error
	// Object receives each object read to the end, after its findings.
	Object(o *connectors.Object, st connectors.ObjectStats) error
	Problem(p Problem) error
}

// CheckpointSink is a Sink that also takes the marks of a reading that
// can stop and resume inside an object (a table read in key order). Tee
// hands them on to the sinks that are CheckpointSinks; other sinks never
// see them.
type CheckpointSink interface {
	// Checkpoint comes after every result of o up to cp: a sink may keep
	// what it made of them, for a later scan to read o on from cp.
	Checkpoint(o *connectors.Object, cp *connectors.Checkpoint) error
	// Resume comes before o's results when o is read on from an earlier
	// scan's checkpoint, c.Resume: what that scan made of o up to it is in
	// c.Parts, to take as this scan's own.
	Resume(o *connectors.Object, c *connectors.Carried) error
}

// Target is one thing to scan, already opened.
type Target struct {
	Name string // as the user gave it, credentials redacted
	Conn connectors.Connector
	// Baseline, when set, makes the scan incremental: objects unchanged
	// since the earlier scans it knows are carried over, not read.
	Baseline connectors.Baseline
}

// TargetResult says how the walk of one target ended.
type TargetResult struct {
	Name string
	Err  error // nil when walked to the end (item problems are not target errors)
}

// Summary counts what a scan did.
type Summary struct {
	Started, Finished time.Time
	Targets           []TargetResult
	Objects           int64 // objects (files) read to the end
	Bytes             int64 // raw bytes of those objects
	Records           int64 // records scanned
	Rows              int64 // database rows read
	Skipped           int64 // items skipped on purpose
	Failed            int64 // items that could not be read
	Findings          int64
	ByType            map[string]int64
	// Carried counts the objects carried over unchanged, not read (an
	// archive with its members counts once); their findings, bytes, rows
	// and problems are in the counts above, as if read.
	Carried     int64
	Interrupted bool // cancelled (Ctrl-C) before the walk ended
	// Allowed counts the hits the allow list held back (Options.Allow),
	// carried-over objects' too; they are in no other count.
	Allowed map[AllowKey]int64
}

// TargetsFailed counts targets whose walk failed.
func (s *Summary) TargetsFailed() int {
	n := 0
	for _, t := range s.Targets {
		if t.Err != nil {
			n++
		}
	}
	return n
}
