package main

import (
	"context"
	"errors"
	"flag"
	"io"
	"os"
	"strconv"
	"time"

	"golang.org/x/text/language"

	"github.com/pmscan/pmscan/internal/i18n"
	"github.com/pmscan/pmscan/internal/privfile"
	"github.com/pmscan/pmscan/reports/diff"
	"github.com/pmscan/pmscan/reports/inventory"
	"github.com/pmscan/pmscan/reports/store"
)

const diffCmd = "pmscan diff"

const diffUsage = `Usage: pmscan diff [flags]

Says what changed between two scans kept in the state store: the items,
places and columns of personal information that appeared or disappeared,
the holdings whose findings or distinct values grew or shrank, the
conformance flags that are new or resolved, and the objects that became
unreadable or were read again. By default it compares the latest finished
scan with the latest finished scan before it of the same targets; with
-target NAME, the latest two that include NAME. 'pmscan scans' lists the
scans. The JSON schema is in reports/diff/SCHEMA.md; the HTML is one
self-contained page.

Flags:
`

// diffFormats are the formats of pmscan diff.
const diffFormats = "text, json, html"

// runDiff compares two stored scans.
func runDiff(ctx context.Context, p *i18n.Printer, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet(diffCmd, flag.ContinueOnError)
	state := stateFlagIn(p, fs)
	fromID := fs.Int64("from", 0, p.Sprintf("compare from scan `ID` (default: the latest finished scan before -to of the same targets, or that includes -target)"))
	toID := fs.Int64("to", 0, p.Sprintf("compare with scan `ID` (default: the latest finished scan, or the latest that includes -target)"))
	target := fs.String("target", "", p.Sprintf("compare scans that include the target `NAME`, as 'pmscan scans' lists it"))
	format := fs.String("format", "text", p.Sprintf("output `FORMAT`: %s", diffFormats))
	output := fs.String("o", "", p.Sprintf("write to `FILE` (created readable by its owner only); required for html on a terminal"))
	zone := zoneFlag(p, fs)
	usage := func() {
		p.Fprintf(stderr, diffUsage)
		printDefaults(p, fs)
	}
	if code, ok := parseFlags(p, fs, args, stderr, usage); !ok {
		return code
	}
	switch {
	case fs.NArg() > 0:
		return usageError(p, stderr, diffCmd, diffCmd, i18n.Errorf("unexpected argument %q", fs.Arg(0)))
	case *fromID < 0:
		return usageError(p, stderr, diffCmd, diffCmd, i18n.Errorf("-%s %s: want a scan ID, 1 or more", "from", strconv.FormatInt(*fromID, 10)))
	case *toID < 0:
		return usageError(p, stderr, diffCmd, diffCmd, i18n.Errorf("-%s %s: want a scan ID, 1 or more", "to", strconv.FormatInt(*toID, 10)))
	}
	var write func(io.Writer, *diff.Diff, diff.Options) error
	switch *format {
	case "text":
		write = diff.WriteText
	case "json":
		write = func(w io.Writer, d *diff.Diff, _ diff.Options) error { return diff.WriteJSON(w, d) }
	case "html":
		if *output == "" && isTerminal(stdout) {
			return usageError(p, stderr, diffCmd, diffCmd, i18n.Errorf("-format %s needs -o FILE", "html"))
		}
		write = diff.WriteHTML
	default:
		return usageError(p, stderr, diffCmd, diffCmd, i18n.Errorf("-format: unknown format %q (want one of %s)", *format, diffFormats))
	}
	z, err := loadZone(*zone)
	if err != nil {
		return usageError(p, stderr, diffCmd, diffCmd, err)
	}

	st, err := openState(ctx, *state)
	if err != nil {
		p.Fprintf(stderr, "%s: %v\n", diffCmd, err)
		return exitTargetError
	}
	defer st.Close()
	from, to, err := diffScans(ctx, st, *fromID, *toID, *target)
	if errors.Is(err, store.ErrNotFound) && *fromID == 0 {
		p.Fprintf(stderr, "pmscan diff: %v; -from ID and -to ID compare any two scans ('pmscan scans' lists them)\n", err)
		return exitTargetError
	}
	if err != nil {
		p.Fprintf(stderr, "%s: %v\n", diffCmd, err)
		return exitTargetError
	}
	d, err := compareScans(ctx, st, from, to)
	if err != nil {
		p.Fprintf(stderr, "%s: %v\n", diffCmd, err)
		return exitTargetError
	}

	out := stdout
	var file *os.File
	if *output != "" {
		if file, err = privfile.Create(*output); err != nil {
			p.Fprintf(stderr, "%s: %v\n", diffCmd, err)
			return exitTargetError
		}
		defer file.Close()
		out = file
	}
	err = write(out, d, diff.Options{Language: p.Language(), Zone: z})
	if err == nil && file != nil {
		err = file.Close()
	}
	if err != nil {
		p.Fprintf(stderr, "%s: %v\n", diffCmd, err)
		return exitTargetError
	}
	return exitOK
}

// diffScans picks the scans to compare: those given, and for those not
// given the store's defaults (store.DiffPair).
func diffScans(ctx context.Context, st *store.Store, from, to int64, target string) (int64, int64, error) {
	var err error
	switch {
	case from == 0 && to == 0:
		return st.DiffPair(ctx, target)
	case to == 0:
		to, err = st.LatestScanOf(ctx, target)
	case from == 0:
		from, err = st.PreviousScan(ctx, to, target)
	}
	return from, to, err
}

// compareScans compares two stored scans, the objects each could not read
// included.
func compareScans(ctx context.Context, st *store.Store, from, to int64) (*diff.Diff, error) {
	load := func(id int64) (*inventory.Inventory, []inventory.Place, error) {
		sc, err := st.Scan(ctx, id)
		if err != nil {
			return nil, nil, err
		}
		if sc.Inventory == nil {
			return nil, nil, i18n.Errorf("scan %s did not finish: it has no inventory", strconv.FormatInt(id, 10))
		}
		places, err := diff.FailedPlaces(st.Problems(ctx, id))
		return sc.Inventory, places, err
	}
	fi, ff, err := load(from)
	if err != nil {
		return nil, err
	}
	ti, tf, err := load(to)
	if err != nil {
		return nil, err
	}
	d := diff.Compare(fi, ti, ff, tf)
	d.From.Scan, d.To.Scan = from, to
	return d, nil
}

// writeNewSince writes, above the text report of scan sc, what is new
// since the latest finished scan before it of the same targets; nothing
// when there is none, or when sc did not finish.
func writeNewSince(ctx context.Context, w io.Writer, st *store.Store, sc *store.Scan, z *time.Location, lang language.Tag) error {
	if sc.Finished.IsZero() || sc.Inventory == nil {
		return nil
	}
	prev, err := st.PreviousScan(ctx, sc.ID, "")
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	ps, err := st.Scan(ctx, prev)
	if err != nil || ps.Inventory == nil {
		return err
	}
	// What is new needs no problems: the summary lists no unreadable
	// objects.
	d := diff.Compare(ps.Inventory, sc.Inventory, nil, nil)
	d.From.Scan, d.To.Scan = prev, sc.ID
	return diff.WriteSummary(w, d, diff.Options{Language: lang, Zone: z})
}
