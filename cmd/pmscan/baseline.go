package main

import (
	"cmp"
	"context"
	"flag"
	"io"
	"os/user"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/pmscan/pmscan/internal/i18n"
	"github.com/pmscan/pmscan/scanner/allowlist"
)

const baselineUsage = `Usage: pmscan baseline [-scan ID] [-state S] -o FILE [-reason TEXT] [-by WHO] [-expires DATE]

Writes the findings of a kept scan (default: the latest) as suppressions,
by fingerprint: its type, place, column and the keyed hash of its value,
never the value and no line number, so that a line that moves keeps its
suppression. Give FILE to later scans with -baseline FILE (scheduled scans:
allow: in the config) and they report only what is new. The file is meant
for version control: review it, edit reasons and expiry dates. A scan keeps
the first -keep-findings findings of each place, column and type (100 by
default); findings past them are not in the baseline: run the scan with
-keep-findings all before making one.

Flags:
`

// runBaseline is pmscan baseline.
func runBaseline(ctx context.Context, p *i18n.Printer, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("pmscan baseline", flag.ContinueOnError)
	state := stateFlagIn(p, fs)
	scanID := fs.Int64("scan", 0, p.Sprintf("the scan `ID` to take the findings of (default: the latest)"))
	output := fs.String("o", "", p.Sprintf("write to `FILE` (not overwritten if it exists)"))
	reason := fs.String("reason", "", p.Sprintf("the reason every suppression gives (default: baseline of scan ID)"))
	by := fs.String("by", "", p.Sprintf("who suppresses them (default: the user running pmscan)"))
	expires := fs.String("expires", "", p.Sprintf("the `DATE` (YYYY-MM-DD) after which the suppressions no longer apply (default: never)"))
	usage := func() {
		p.Fprintf(stderr, baselineUsage)
		printDefaults(p, fs)
	}
	if code, ok := parseFlags(p, fs, args, stderr, usage); !ok {
		return code
	}
	switch {
	case *output == "":
		return usageError(p, stderr, "pmscan baseline", "pmscan baseline", i18n.Errorf("-o FILE is required"))
	case fs.NArg() > 0:
		return usageError(p, stderr, "pmscan baseline", "pmscan baseline", i18n.Errorf("unexpected argument %q", fs.Arg(0)))
	}
	if *expires != "" {
		if _, err := time.Parse(time.DateOnly, *expires); err != nil {
			return usageError(p, stderr, "pmscan baseline", "pmscan baseline", i18n.Errorf("-expires %q: want a date, YYYY-MM-DD", *expires))
		}
	}
	st, err := openState(ctx, *state)
	if err != nil {
		p.Fprintf(stderr, "pmscan baseline: %v\n", err)
		return exitTargetError
	}
	defer st.Close()
	id := *scanID
	if id == 0 {
		if id, err = st.LatestScan(ctx); err != nil {
			p.Fprintf(stderr, "pmscan baseline: %v\n", err)
			return exitTargetError
		}
	}
	sc, err := st.Scan(ctx, id)
	if err != nil {
		p.Fprintf(stderr, "pmscan baseline: %v\n", err)
		return exitTargetError
	}
	key, err := st.ValueKey(ctx)
	if err != nil {
		p.Fprintf(stderr, "pmscan baseline: %v\n", err)
		return exitTargetError
	}
	seen := map[string]bool{}
	var list []suppressed
	kept := int64(0)
	for f, err := range st.Findings(ctx, id) {
		if err != nil {
			p.Fprintf(stderr, "pmscan baseline: %v\n", err)
			return exitTargetError
		}
		kept++
		if f.ValueHash == 0 || f.Location.Object == nil {
			continue
		}
		place := f.Location.Object.Name()
		fp := allowlist.FingerprintString(allowlist.Fingerprint(key, f.Type, place, f.Location.Column, f.ValueHash))
		if !seen[fp] {
			seen[fp] = true
			list = append(list, suppressed{fp, f.Type, place, f.Location.Column})
		}
	}
	slices.SortFunc(list, func(a, b suppressed) int {
		return cmp.Or(strings.Compare(a.place, b.place), strings.Compare(a.column, b.column), strings.Compare(a.typ, b.typ), strings.Compare(a.fp, b.fp))
	})
	if *reason == "" {
		*reason = "baseline of scan " + strconv.FormatInt(id, 10)
	}
	if *by == "" {
		if u, err := user.Current(); err == nil {
			*by = u.Username
		}
	}
	var inventoryFindings int64 = -1
	if sc.Inventory != nil {
		inventoryFindings = sc.Inventory.Totals.Findings
	}
	b := baselineFile(id, sc.Info.Started, kept, inventoryFindings, list, *reason, *by, *expires)
	if err := writeNewFile(*output, b, 0o644); err != nil {
		p.Fprintf(stderr, "pmscan baseline: %v\n", err)
		return exitTargetError
	}
	p.Fprintf(stdout, "pmscan baseline: %s: %d suppressions from scan %s\n", *output, len(list), strconv.FormatInt(id, 10))
	if sc.Inventory != nil && kept < sc.Inventory.Totals.Findings {
		p.Fprintf(stderr, "pmscan baseline: scan %s kept %d of its %d findings (-keep-findings): the others are not in the baseline; scan with -keep-findings all to make a complete one\n",
			strconv.FormatInt(id, 10), kept, sc.Inventory.Totals.Findings)
	}
	return exitOK
}
