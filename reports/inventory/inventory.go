// Package inventory turns a scan's findings into what a company's privacy
// office needs: which items of personal information it holds, where (a
// file, an S3 object, a table column), how many distinct values and so
// roughly how many people, since when, and whether the privacy policy
// declares each holding. Values are never kept: distinct values are counted
// from keyed hashes (scanner.Finding.ValueHash) in HyperLogLog sketches.
package inventory

import (
	"fmt"
	"strconv"
	"time"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/internal/jsonw"
	"github.com/pmscan/pmscan/reports/policy"
)

// SchemaVersion is the version of the Inventory JSON schema.
const SchemaVersion = 1

// Inventory is the result of one scan, mapped onto a policy.
type Inventory struct {
	SchemaVersion int       `json:"schema_version"`
	Started       time.Time `json:"started"`
	Finished      time.Time `json:"finished"`
	Policy        string    `json:"policy"` // the policy's source: a file, or "built-in"
	Company       string    `json:"company,omitempty"`
	Interrupted   bool      `json:"interrupted,omitempty"`
	// Status is how the scan ended: complete, unreadable_items, failed or
	// interrupted (the Status constants).
	Status string `json:"status"`
	// StateStore is set in the report of a scan whose state store failed
	// and did not keep all of it (pmscan scan exits 5).
	StateStore *StateStoreLoss `json:"state_store,omitempty"`
	// RawValues says examples are raw values: the scan ran with
	// -show-data.
	RawValues bool `json:"raw_values,omitempty"`
	// Changes is set for an incremental scan: what it read, and what it
	// carried over unchanged from earlier scans.
	Changes *Changes `json:"changes,omitempty"`
	Targets []Target `json:"targets"`
	Totals  Totals   `json:"totals"`
	// Flags are the policy conformance findings, most severe first.
	Flags []Flag `json:"flags"`
	// Items is one row per item held: the ledger's rows.
	Items []ItemSummary `json:"items"`
	// Holdings is one row per item per place and column.
	Holdings []Holding `json:"holdings"`
	// Types counts the findings of each detector type, those of types the
	// policy ignores too.
	Types []TypeCount `json:"types"`
	// Places is every place with findings, in the order the scan first
	// found one there.
	Places PlaceCounts `json:"places"`
	// Columns judges each database column read as a whole.
	Columns []ColumnVerdict `json:"columns"`
	// Allowed are the hits the company's allow list held back, by entry
	// and type (Totals.Allowed counts them); AllowUnused the entries that
	// held back nothing, said only of a scan that walked every target.
	Allowed     []Allowed `json:"allowed,omitempty"`
	AllowUnused []string  `json:"allow_unused,omitempty"`
	// BelowThreshold are the holdings the policy's thresholds kept out of
	// the inventory (and so out of the items, the flags and the people
	// estimate), by type: weak evidence, counted, not dropped. The
	// findings themselves are still in Types and Places.
	BelowThreshold []BelowThreshold `json:"below_threshold,omitempty"`
	// AllowExpired are the suppressions whose expiry date has passed:
	// their findings are reported again.
	AllowExpired []string `json:"allow_expired,omitempty"`
	// Problems are the items that were skipped or could not be read, the
	// first MaxProblems of them (Totals counts them all). Last: the JSON
	// report streams them from the state store.
	Problems []Problem `json:"problems"`
}

// PlaceAccess is who can read one place: the holdings' access once per
// place, as the state store keeps it beside holdings that later scans
// share (access is each scan's own).
type PlaceAccess struct {
	Place  string             `json:"place"`
	Access *connectors.Access `json:"access"`
}

// PlaceAccesses lists the holdings' access once per place, in holdings
// order.
func (inv *Inventory) PlaceAccesses() []PlaceAccess {
	var out []PlaceAccess
	last := ""
	for i := range inv.Holdings {
		h := &inv.Holdings[i]
		if h.Access != nil && h.Name != last {
			out = append(out, PlaceAccess{Place: h.Name, Access: h.Access})
			last = h.Name
		}
	}
	return out
}

// DeclaredAccess is the policy's access lists for the holdings of one
// item at one place, as the state store keeps them (see PlaceAccess).
type DeclaredAccess struct {
	Place  string              `json:"place"`
	ItemID string              `json:"item_id"`
	Lists  []policy.AccessList `json:"lists"`
}

// DeclaredAccesses lists the holdings' declared access once per place and
// item.
func (inv *Inventory) DeclaredAccesses() []DeclaredAccess {
	var out []DeclaredAccess
	seen := map[[2]string]bool{}
	for i := range inv.Holdings {
		h := &inv.Holdings[i]
		if k := [2]string{h.Name, h.ItemID}; len(h.AccessDeclared) > 0 && !seen[k] {
			seen[k] = true
			out = append(out, DeclaredAccess{Place: h.Name, ItemID: h.ItemID, Lists: h.AccessDeclared})
		}
	}
	return out
}

// SetDeclaredAccess gives each holding its declared access from das.
func (inv *Inventory) SetDeclaredAccess(das []DeclaredAccess) {
	if len(das) == 0 {
		return
	}
	by := make(map[[2]string][]policy.AccessList, len(das))
	for _, da := range das {
		by[[2]string{da.Place, da.ItemID}] = da.Lists
	}
	for i := range inv.Holdings {
		h := &inv.Holdings[i]
		h.AccessDeclared = by[[2]string{h.Name, h.ItemID}]
	}
}

// SetPlaceAccess gives each holding its place's access from pas.
func (inv *Inventory) SetPlaceAccess(pas []PlaceAccess) {
	if len(pas) == 0 {
		return
	}
	by := make(map[string]*connectors.Access, len(pas))
	for _, pa := range pas {
		by[pa.Place] = pa.Access
	}
	for i := range inv.Holdings {
		inv.Holdings[i].Access = by[inv.Holdings[i].Name]
	}
}

// BelowThreshold is the holdings of one type kept out by the policy's
// threshold for it.
type BelowThreshold struct {
	Type     string `json:"type"`
	Places   int    `json:"places"`   // places whose holdings of the type fell short
	Holdings int    `json:"holdings"` // holdings (place, column, item) kept out
	Findings int64  `json:"findings"` // their findings
}

// Allowed is the hits of one type that one allow-list entry held back.
type Allowed struct {
	Entry  string `json:"entry"`
	Reason string `json:"reason,omitempty"`
	Type   string `json:"type"`
	Hits   int64  `json:"hits"`
}

// TypeCount is the findings of one detector type over the whole scan.
type TypeCount struct {
	Type     string   `json:"type"` // sensitive kinds as sensitive/KIND
	Findings int64    `json:"findings"`
	High     int64    `json:"high"`
	Medium   int64    `json:"medium"`
	Low      int64    `json:"low"`
	Examples []string `json:"examples"` // up to three, masked (raw with -show-data)
}

// PlaceCount is the findings at one place, by detector type.
type PlaceCount struct {
	Store    string `json:"store"`
	Name     string `json:"place"`
	Encoding string `json:"encoding,omitempty"` // the text encoding detected
	// SampledBytes is set when only the first SampledBytes of the object
	// were read.
	SampledBytes int64            `json:"sampled_bytes,omitempty"`
	Findings     int64            `json:"findings"`
	ByType       map[string]int64 `json:"by_type"`
}

// PlaceCounts is an inventory's places. They encode as encoding/json
// would, without its reflection: an inventory lists every place, and a
// scan of many small files spent most of encoding its inventory on them,
// one call of PlaceCount.MarshalJSON and one check of its output each.
type PlaceCounts []PlaceCount

// MarshalJSON writes ps as encoding/json would.
func (ps PlaceCounts) MarshalJSON() ([]byte, error) {
	if ps == nil {
		return []byte("null"), nil
	}
	n := 2
	for i := range ps {
		n += ps[i].sizeJSON()
	}
	b := make([]byte, 0, n)
	b = append(b, '[')
	for i := range ps {
		if i > 0 {
			b = append(b, ',')
		}
		b = ps[i].appendJSON(b)
	}
	return append(b, ']'), nil
}

// MarshalJSON writes pc as encoding/json would.
func (pc PlaceCount) MarshalJSON() ([]byte, error) {
	return pc.appendJSON(make([]byte, 0, pc.sizeJSON())), nil
}

// sizeJSON is about the length of pc's JSON.
func (pc PlaceCount) sizeJSON() int { return 64 + len(pc.Store) + len(pc.Name) + 32*len(pc.ByType) }

func (pc PlaceCount) appendJSON(b []byte) []byte {
	b = append(b, `{"store":`...)
	b = jsonw.Text(b, pc.Store)
	b = append(b, `,"place":`...)
	b = jsonw.Text(b, pc.Name)
	if pc.Encoding != "" {
		b = append(b, `,"encoding":`...)
		b = jsonw.Text(b, pc.Encoding)
	}
	if pc.SampledBytes != 0 {
		b = append(b, `,"sampled_bytes":`...)
		b = strconv.AppendInt(b, pc.SampledBytes, 10)
	}
	b = append(b, `,"findings":`...)
	b = strconv.AppendInt(b, pc.Findings, 10)
	b = append(b, `,"by_type":`...)
	if pc.ByType == nil {
		b = append(b, "null"...)
	} else {
		b = jsonw.Counts(b, pc.ByType, jsonw.Text)
	}
	return append(b, '}')
}

// MaxProblems bounds Inventory.Problems.
const MaxProblems = 1000

// Problem is an item skipped on purpose or not readable.
type Problem struct {
	Place
	// Position is where inside the object the problem is ("line 12",
	// "row {"id":3}", "Sheet1!C12"); absent when the whole object failed.
	Position string `json:"position,omitempty"`
	Skipped  bool   `json:"skipped,omitempty"`
	// Reason classifies Error (the Reason constants), for reports in the
	// reader's language.
	Reason string `json:"reason"`
	Error  string `json:"error"`
}

// Target is how the walk of one target ended.
type Target struct {
	Name   string `json:"name"`
	Status string `json:"status"` // ok, failed or interrupted (the Target constants)
	Reason string `json:"reason,omitempty"`
	Error  string `json:"error,omitempty"`
}

// Totals counts the scan.
type Totals struct {
	Objects  int64 `json:"objects"`
	Bytes    int64 `json:"bytes"`
	Rows     int64 `json:"rows"`
	Findings int64 `json:"findings"`
	Skipped  int64 `json:"skipped"`
	Failed   int64 `json:"failed"`
	// Allowed counts the hits the allow list held back: in no other count.
	Allowed int64 `json:"allowed,omitempty"`
	Places  int   `json:"places"` // places holding anything
	// Subjects estimates the people behind the holdings: per place, the
	// distinct values of its most distinct identifying item, summed over
	// places (people recorded in two places count twice). A name's
	// readings and romanised forms are not more people: names are counted
	// per script (kanji, kana, Latin) and the largest count taken.
	Subjects int64 `json:"subjects"`
}

// Place is where a holding is: the store and its name for people.
type Place struct {
	Store string `json:"store"` // "file", "s3", "postgres", "mysql", "mariadb"
	// Name is a file path, s3://bucket/key, or store://host/database/table.
	Name   string `json:"place"`
	Column string `json:"column,omitempty"` // table or CSV column, JSON key path
}

// Holding is one item of personal information held at one place and column.
type Holding struct {
	Place
	ItemID string   `json:"item_id,omitempty"` // "" when no item of the policy lists the types
	Item   string   `json:"item"`              // the item's name, or the detector types when unmapped
	Class  string   `json:"class,omitempty"`   // legal class
	Types  []string `json:"types"`             // detector types seen (sensitive as sensitive/KIND)
	// Findings counts the findings; Distinct estimates their distinct
	// values (exact below a few hundred, then within about 1%).
	Findings int64 `json:"findings"`
	Distinct int64 `json:"distinct"`
	// Confidence counts findings by confidence.
	High   int64 `json:"high"`
	Medium int64 `json:"medium"`
	Low    int64 `json:"low"`
	// Oldest and Newest span the data's age where the store knows it: a
	// file's modification time, an S3 object's LastModified.
	Oldest   *time.Time `json:"oldest,omitempty"`
	Newest   *time.Time `json:"newest,omitempty"`
	Examples []string   `json:"examples"` // masked, or raw with -show-data
	Sampled  bool       `json:"sampled,omitempty"`
	Declared bool       `json:"declared"` // the policy declares the item held at this place
	// Access is who can read the place, as its store said in this scan
	// (connectors.Access): absent where the store was not asked.
	Access *connectors.Access `json:"access,omitempty"`
	// AccessDeclared are the policy's access lists that apply here: the
	// item's and its stores'. A reader must be named by each.
	AccessDeclared []policy.AccessList `json:"access_declared,omitempty"`
}

// ItemSummary is one item over every place: a row of the 個人情報管理台帳.
type ItemSummary struct {
	ItemID           string `json:"item_id,omitempty"`
	Item             string `json:"item"`
	Class            string `json:"class,omitempty"`
	Purpose          string `json:"purpose,omitempty"`
	DisclosureTarget bool   `json:"disclosure_target"`
	Entrusted        bool   `json:"entrusted"`
	Retention        string `json:"retention,omitempty"`
	Department       string `json:"department,omitempty"`
	// The rest of the ledger's columns, as the policy declares them.
	Subjects    string `json:"subjects,omitempty"`
	Acquisition string `json:"acquisition,omitempty"`
	Consent     string `json:"consent,omitempty"`
	Sharing     string `json:"sharing,omitempty"`
	Contractors string `json:"contractors,omitempty"`
	Manager     string `json:"manager,omitempty"`
	UsePeriod   string `json:"use_period,omitempty"`
	Disposal    string `json:"disposal,omitempty"`
	// Access is who may read the item, as the policy declares it (its
	// access list); each holding's access says who can.
	Access   []string   `json:"access,omitempty"`
	Stores   []string   `json:"stores"` // store kinds holding it: file, s3, postgres …
	Places   int        `json:"places"`
	Findings int64      `json:"findings"`
	Distinct int64      `json:"distinct"` // across places: one value in two places counts once
	Oldest   *time.Time `json:"oldest,omitempty"`
	Newest   *time.Time `json:"newest,omitempty"`
	Declared bool       `json:"declared"` // the policy declares the item as held
}

// Severity orders flags.
type Severity int

// Severities, least first.
const (
	SeverityLow Severity = iota
	SeverityMedium
	SeverityHigh
)

func (s Severity) String() string {
	switch s {
	case SeverityHigh:
		return "high"
	case SeverityMedium:
		return "medium"
	}
	return "low"
}

// MarshalText writes the severity's name.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a severity's name, so that stored inventories read back.
func (s *Severity) UnmarshalText(b []byte) error {
	switch string(b) {
	case "high":
		*s = SeverityHigh
	case "medium":
		*s = SeverityMedium
	case "low":
		*s = SeverityLow
	default:
		return fmt.Errorf("unknown severity %q", b)
	}
	return nil
}

// Conformance rules.
const (
	RuleUndeclaredItem   = "undeclared_item"   // the policy says the item is not held
	RuleUnmappedType     = "unmapped_type"     // no item of the policy lists the detector type
	RuleUndeclaredPlace  = "undeclared_place"  // the item is held outside the stores the policy lists for it
	RuleSensitive        = "sensitive"         // 要配慮個人情報 is held
	RuleRetention        = "retention"         // data older than the item's retention
	RulePublicAccess     = "public_access"     // readable by everyone (a 0644 file, a PUBLIC grant, a public bucket)
	RuleAccessUndeclared = "access_undeclared" // readable by principals the item's access list does not name
)

// Flag is one conformance finding.
type Flag struct {
	Severity Severity `json:"severity"`
	Rule     string   `json:"rule"`
	ItemID   string   `json:"item_id,omitempty"`
	Item     string   `json:"item"`
	Class    string   `json:"class,omitempty"`
	Place
	Findings int64  `json:"findings"`
	Message  string `json:"message"`
	// Readers are who the access rules concern: how everyone can read the
	// place (public_access), or the principals, as kind:name, that the
	// item's access list does not name (access_undeclared).
	Readers []string `json:"readers,omitempty"`
	// Items are the items held at the place of a place-wide flag
	// (public_access, whose Item is the most sensitive of them).
	Items []string `json:"items,omitempty"`
}
