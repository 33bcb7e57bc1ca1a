package inventory

import "time"

// StateStoreLoss says what of a scan its state store did not keep: the
// store failed during the scan and did not come back in time. The
// inventory itself is whole, built as the scan ran; what the store lacks
// is the findings and problems from the failure on (the evidence the
// reports list) and the scan's end.
type StateStoreLoss struct {
	Store  string    `json:"store"`  // the store, its password hidden
	Failed time.Time `json:"failed"` // when it began to fail
	Error  string    `json:"error"`  // why it was given up
	// Findings and Problems count the kept findings and the problems
	// handed to the store from the failure on, which it lacks.
	Findings int64 `json:"findings"`
	Problems int64 `json:"problems"`
	// Spool is the file that holds them and the scan's end (a SQLite
	// state store), when one could be written.
	Spool string `json:"spool,omitempty"`
	// SpoolError says why the spool failed too; Dropped counts what was
	// then kept nowhere.
	SpoolError      string `json:"spool_error,omitempty"`
	DroppedFindings int64  `json:"dropped_findings,omitempty"`
	DroppedProblems int64  `json:"dropped_problems,omitempty"`
}
