// Package reports writes scan results for people and for programs. Every
// report is a scanner.Sink that also gets the summary when the scan ends.
package reports

import (
	"github.com/pmscan/pmscan/scanner"
)

// Report receives results as they arrive and the summary at the end.
type Report interface {
	scanner.Sink
	Close(sum *scanner.Summary) error
}
