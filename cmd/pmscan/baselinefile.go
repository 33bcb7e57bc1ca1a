package main

import (
	"bytes"
	"fmt"
	"time"

	"github.com/pmscan/pmscan/internal/safetext"
)

// suppressed is one suppression of a baseline, with what it suppresses
// for the comment a reviewer reads.
type suppressed struct{ fp, typ, place, column string }

// baselineFile is a baseline as pmscan baseline writes it: a YAML file
// for version control, its comments in English as its keys are (the file
// is read by pmscan and by reviewers of a change to it, not printed).
// found is the scan's findings, -1 when it has no inventory.
func baselineFile(id int64, started time.Time, kept, found int64, list []suppressed, reason, by, expires string) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# pmscan baseline of scan %d (started %s): %d suppressions of the %d findings it kept", id, started.UTC().Format(time.RFC3339), len(list), kept)
	if found >= 0 {
		fmt.Fprintf(&b, " (it found %d)", found)
	}
	b.WriteString(".\n# A fingerprint is a finding's type, place, column and keyed value hash: no value.\n# Apply it with: pmscan scan -baseline FILE …\nsuppress:\n")
	for _, s := range list {
		fmt.Fprintf(&b, "  # %s at %s", s.typ, safetext.Name(s.place))
		if s.column != "" {
			fmt.Fprintf(&b, " column %s", safetext.Name(s.column))
		}
		fmt.Fprintf(&b, "\n  - fingerprint: %q\n    reason: %q\n", s.fp, reason)
		if by != "" {
			fmt.Fprintf(&b, "    by: %q\n", by)
		}
		if expires != "" {
			fmt.Fprintf(&b, "    expires: %q\n", expires)
		}
	}
	return b.Bytes()
}
