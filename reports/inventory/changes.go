package inventory

import (
	"slices"
	"strings"

	"github.com/pmscan/pmscan/connectors"
)

// Changes says what an incremental scan read and what it carried over,
// unchanged, from earlier scans. Objects are counted at the top: an
// archive carried counts once, with its members.
type Changes struct {
	// From lists the scans whose readings were carried over.
	From []int64 `json:"from"`
	// Carried counts the objects carried over unchanged (files, S3
	// objects, tables), CarriedTables the tables among them.
	Carried       int64 `json:"carried"`
	CarriedTables int64 `json:"carried_tables"`
	// Read counts the objects read, ReadTables the tables among them.
	Read       int64 `json:"read"`
	ReadTables int64 `json:"read_tables"`
	// Reasons counts the objects read by why: new, changed, doubt (the
	// store's facts could not vouch for it), full_every (read last too
	// long ago), failed (not read whole last time), resumed (read on
	// from an interrupted scan's checkpoint inside it), forced (-full).
	Reasons map[string]int64 `json:"reasons"`
	// ReadObjects lists the first MaxChanged objects read, with why.
	ReadObjects []ReadObject `json:"read_objects"`
}

// ReadObject is an object an incremental scan read, and why.
type ReadObject struct {
	Store  string `json:"store"`
	Name   string `json:"place"`
	Reason string `json:"reason"` // one of the Reasons keys
	Detail string `json:"detail,omitempty"`
}

// MaxChanged bounds Changes.ReadObjects.
const MaxChanged = 200

func (c *Changes) empty() bool { return c.Carried == 0 && len(c.From) == 0 && c.Reasons == nil }

// read counts an object read, if the scan is incremental (the baseline
// said why).
func (c *Changes) read(o *connectors.Object) {
	if o.Parent != nil || o.ReadBecause == "" {
		return
	}
	c.Read++
	if o.Table != "" {
		c.ReadTables++
	}
	reason, detail, _ := strings.Cut(o.ReadBecause, ": ")
	if c.Reasons == nil {
		c.Reasons = map[string]int64{}
	}
	c.Reasons[reason]++
	if len(c.ReadObjects) < MaxChanged {
		c.ReadObjects = append(c.ReadObjects, ReadObject{Store: o.Store, Name: o.Name(), Reason: reason, Detail: detail})
	}
}

func (c *Changes) carried(o *connectors.Object, from *connectors.Carried) {
	c.Carried++
	if o.Table != "" {
		c.CarriedTables++
	}
	if !slices.Contains(c.From, from.Scan) {
		c.From = append(c.From, from.Scan)
	}
}

func (c *Changes) summary() *Changes {
	s := *c
	slices.Sort(s.From)
	if s.From == nil {
		s.From = []int64{}
	}
	if s.Reasons == nil {
		s.Reasons = map[string]int64{}
	}
	if s.ReadObjects == nil {
		s.ReadObjects = []ReadObject{}
	}
	return &s
}
