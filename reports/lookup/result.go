package lookup

import (
	"time"

	"github.com/pmscan/pmscan/connectors"
)

// Result is what a lookup found. It never holds the query's values: only
// the kinds of identifier given, and the matched values masked unless
// the operator asked for them (-show-data).
type Result struct {
	Started time.Time `json:"started"`
	Query   []Kind    `json:"query"`   // the kinds of identifier given
	Targets []string  `json:"targets"` // the stores searched, credentials redacted
	// Scans are the scans whose index a lookup without targets searched:
	// what it answers is what they found, as of when they ran.
	Scans           []IndexedScan `json:"scans,omitempty"`
	Matches         []Record      `json:"matches"`
	PossibleMatches []Record      `json:"possible_matches"` // the name alone
	NearMisses      []Record      `json:"near_misses"`      // someone else, told apart
	// Problems are the objects and items not searched, with why.
	Problems     []Problem `json:"problems"`
	MoreProblems int64     `json:"more_problems,omitempty"`
	Objects      int64     `json:"objects_read"`
	Items        int64     `json:"items_read"` // cells, values and lines searched
	Interrupted  bool      `json:"interrupted,omitempty"`
}

// Record is one record that holds the query's identifiers.
type Record struct {
	// Object names the object as every report does (Object.Name), and
	// Position says where in it the record is (Location.Position).
	Object   string                  `json:"object"`
	Position string                  `json:"position,omitempty"`
	Location connectors.LocationJSON `json:"location"`
	Matched  []Matched               `json:"matched"`
	Strength string                  `json:"strength,omitempty"` // strong, two weak, name only
	// Reason is why the record is listed: strong_identifier,
	// two_weak_identifiers, name_only, family_member, another_person,
	// another_birth_date; Shared the query's identifiers it holds; Why
	// the same in English words.
	Reason string `json:"reason"`
	Shared []Kind `json:"shared"`
	Why    string `json:"why"`
	// Entrusted says the policy declares an item of the record as
	// entrusted data (受託): the company answers for it to the entrusting
	// party, not to the person.
	Entrusted bool `json:"entrusted,omitempty"`
}

// Matched is one identifier found in a record, with the policy's item
// it is held as there.
type Matched struct {
	Kind   Kind   `json:"kind"`
	Column string `json:"column,omitempty"`
	Value  string `json:"value"` // masked unless -show-data
	Item   *Item  `json:"item,omitempty"`
}

// Item is what the policy declares of an item of personal information:
// what the disclosure answers with.
type Item struct {
	ID               string `json:"id"`
	Name             string `json:"name"`
	Class            string `json:"class"`
	Purpose          string `json:"purpose"`
	DisclosureTarget bool   `json:"disclosure_target"` // 開示対象
	Entrusted        bool   `json:"entrusted"`         // 受託: answered for to the entrusting party
	Retention        string `json:"retention,omitempty"`
	Department       string `json:"department,omitempty"`
}

// Problem is an object or item that could not be searched.
type Problem struct {
	Object   string                  `json:"object"` // as every report names it
	Location connectors.LocationJSON `json:"location"`
	Skipped  bool                    `json:"skipped,omitempty"`
	Error    string                  `json:"error"`
}

// IndexedScan is a scan whose lookup index was searched.
type IndexedScan struct {
	ID      int64     `json:"id"`
	Started time.Time `json:"started"`
	Targets []string  `json:"targets"`
}
