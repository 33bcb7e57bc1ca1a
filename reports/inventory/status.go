package inventory

import (
	"context"
	"errors"
	"io/fs"
	"strings"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/scanner"
)

// Scan statuses: how a scan as a whole ended. Reports and 'pmscan scans'
// show them, so that a clean-looking report of a scan that missed
// something is never mistaken for a complete one.
const (
	StatusComplete    = "complete"         // every target walked, every item read
	StatusUnreadable  = "unreadable_items" // every target walked; some items could not be read
	StatusFailed      = "failed"           // a target could not be opened or walked
	StatusInterrupted = "interrupted"      // stopped (Ctrl-C) before every walk ended
)

// Target statuses: how the walk of one target ended.
const (
	TargetOK          = "ok"
	TargetFailed      = "failed"      // not opened, or its walk failed: Error says why
	TargetInterrupted = "interrupted" // cancelled before its walk ended
)

// ScanStatus says how a scan ended, from its targets and its count of
// items that could not be read. Items skipped on purpose (binary files,
// encrypted files, special files) do not make a scan incomplete; they are
// listed among its problems all the same. A limit that leaves data unread
// is a failure, not a skip.
func ScanStatus(interrupted bool, targets []Target, failedItems int64) string {
	switch {
	case interrupted:
		return StatusInterrupted
	case len(targets) == 0:
		return StatusFailed
	}
	for _, t := range targets {
		switch t.Outcome() {
		case TargetInterrupted:
			return StatusInterrupted
		case TargetFailed:
			return StatusFailed
		}
	}
	if failedItems > 0 {
		return StatusUnreadable
	}
	return StatusComplete
}

// Outcome is how the walk of t ended: its Status, or, for a target stored
// before statuses were, failed when it has an error and ok otherwise.
func (t Target) Outcome() string {
	switch {
	case t.Status != "":
		return t.Status
	case t.Error != "":
		return TargetFailed
	}
	return TargetOK
}

// ScanStatus returns inv.Status, or works it out for an inventory stored
// before statuses were recorded.
func (inv *Inventory) ScanStatus() string {
	if inv.Status != "" {
		return inv.Status
	}
	return ScanStatus(inv.Interrupted, inv.Targets, inv.Totals.Failed)
}

// targetOf records how the walk of one target ended.
func targetOf(r scanner.TargetResult) Target {
	t := Target{Name: r.Name, Status: TargetOK}
	switch {
	case errors.Is(r.Err, scanner.ErrInterrupted):
		t.Status = TargetInterrupted
	case r.Err != nil:
		t.Status, t.Error = TargetFailed, r.Err.Error()
	}
	t.Reason = ReasonOf(r.Err, false)
	return t
}

// Reasons classify why an item was skipped or could not be read, so that
// reports can say it in the reader's language; the error's own text stays
// beside it.
const (
	ReasonPermission  = "permission_denied" // the scan's credentials are missing, wrong, or may not read it
	ReasonNotFound    = "not_found"         // gone, or never there
	ReasonUnreachable = "unreachable"       // a server that does not answer or refused the connection
	ReasonTimeout     = "timeout"
	ReasonEncrypted   = "encrypted"
	ReasonTooLarge    = "too_large"   // over one of pmscan's size or count limits
	ReasonBinary      = "binary"      // not text pmscan can read
	ReasonUnsupported = "unsupported" // a format or feature pmscan does not read
	ReasonMalformed   = "malformed"   // a damaged or invalid file, or an invalid view
	ReasonNoText      = "no_text"     // a document without extractable text (a scanned image)
	ReasonSpecial     = "special"     // special files, symlink loops, a directory seen twice
	ReasonArchived    = "archived"    // an S3 object in an archive storage class
	ReasonChanged     = "changed"     // an object that changed while it was read
	ReasonOther       = "other"
)

// reasonWords maps words of an error's text to a reason, first match wins;
// errors.Is catches the typed cases before them.
var reasonWords = []struct {
	reason string
	words  []string
}{
	{ReasonPermission, []string{"permission denied", "access denied", "accessdenied", "forbidden", "insufficient privilege", "command denied", "not authorized",
		"no usable aws credentials", "authentication failed", "invalidaccesskeyid", "signaturedoesnotmatch"}},
	{ReasonNotFound, []string{"no such file", "not found", "nosuchkey", "nosuchbucket", "does not exist", "doesn't exist"}},
	{ReasonTimeout, []string{"timeout", "timed out", "deadline exceeded", "no data for"}},
	{ReasonUnreachable, []string{"connection refused", "connect:", "no such host", "dial ", "connection reset", "connection lost", "broken pipe"}},
	{ReasonEncrypted, []string{"encrypted"}},
	{ReasonChanged, []string{"changed while it was read"}},
	{ReasonTooLarge, []string{"larger than", "more than", "limit", "nested in", "compression ratio", "file name too long", "nesting"}},
	{ReasonBinary, []string{"binary content"}},
	{ReasonNoText, []string{"no extractable text", "does not decode"}},
	{ReasonArchived, []string{"archived"}},
	{ReasonSpecial, []string{"special file", "symlink loop", "already scanned", "pmscan's own output", "pseudo-filesystem", "too many levels of symbolic links"}},
	{ReasonUnsupported, []string{"unsupported", "not an office open xml"}},
	{ReasonMalformed, []string{"malformed", "invalid", "corrupt", "unexpected eof", "syntax", "not a valid", "parse", "checksum", "missing %%eof", "not a pdf"}},
}

// RecordedError is a problem's error as a store kept it: its words, and
// the reason it was given when it happened. The error's type, which
// ReasonOf reads first, does not survive the store; its words alone may
// not tell the reason.
type RecordedError struct{ Msg, Reason string }

func (e *RecordedError) Error() string { return e.Msg }

// ReasonOf classifies err; "" for no error.
func ReasonOf(err error, skipped bool) string {
	var recorded *RecordedError
	switch {
	case err == nil:
		return ""
	case errors.As(err, &recorded) && recorded.Reason != "":
		return recorded.Reason
	case errors.Is(err, fs.ErrPermission):
		return ReasonPermission
	case errors.Is(err, fs.ErrNotExist):
		return ReasonNotFound
	case errors.Is(err, context.DeadlineExceeded):
		return ReasonTimeout
	case errors.Is(err, connectors.ErrTooLarge):
		return ReasonTooLarge
	}
	msg := strings.ToLower(err.Error())
	for _, rw := range reasonWords {
		for _, w := range rw.words {
			if strings.Contains(msg, w) {
				return rw.reason
			}
		}
	}
	if skipped || connectors.IsSkip(err) {
		return ReasonUnsupported
	}
	return ReasonOther
}
