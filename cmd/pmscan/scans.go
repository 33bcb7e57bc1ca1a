package main

import (
	"context"
	"flag"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/pmscan/pmscan/internal/i18n"
	"github.com/pmscan/pmscan/internal/safetext"
	"github.com/pmscan/pmscan/reports/inventory"
	"github.com/pmscan/pmscan/reports/store"
)

const scansUsage = `Usage:
  pmscan scans [-n N] [-state S]
        list the scans kept in the state store, newest first
  pmscan scans prune [-keep N] [-older-than D] [-dry-run] [-vacuum] [-state S]
        delete old scans and everything stored with them
  pmscan scans import [-state S] SPOOL...
        move a spool, where a scan kept what its failing state store could not,
        into the store

STATUS says how a scan ended:
  complete          every target was read to the end
  unreadable items  every target was read, but some of its files, objects or rows
                    could not be (pmscan scan exited 4)
  failed            a target could not be opened, or its reading failed
  interrupted       stopped (Ctrl-C) before every target was read
  unfinished        still running: the scan has not recorded its end, and its
                    heartbeat is recent
  abandoned         the scan's process ended (killed, power lost) without recording
                    its end: no heartbeat for 2 minutes; 'pmscan report -scan ID'
                    renders what it kept

prune deletes every scan that is not among the newest N finished scans (-keep),
and every scan that started more than D ago (-older-than: 36h, 90d, 12w); with
both, a scan stays only if neither deletes it. An unfinished scan is never
deleted: another pmscan is still writing it. Abandoned scans are deleted.
`

// printScansUsage prints the usage of both commands, with their flags.
func printScansUsage(p *i18n.Printer, w io.Writer) {
	p.Fprintf(w, scansUsage)
	for _, def := range []struct {
		name  string
		flags func(*flag.FlagSet)
	}{
		{"pmscan scans", func(fs *flag.FlagSet) { listFlags(p, fs) }},
		{"pmscan scans prune", func(fs *flag.FlagSet) { pruneFlags(p, fs) }},
		{"pmscan scans import", func(fs *flag.FlagSet) { importFlags(p, fs) }},
	} {
		fs := flag.NewFlagSet(def.name, flag.ContinueOnError)
		def.flags(fs)
		fs.SetOutput(w)
		p.Fprintf(w, "\nFlags of %s:\n", def.name)
		printDefaults(p, fs)
	}
}

// parseScansFlags parses the flags of 'pmscan scans' or 'pmscan scans
// prune' (parseFlags), whose usage is one, under 'pmscan scans -h', and
// refuses arguments after them.
func parseScansFlags(p *i18n.Printer, fs *flag.FlagSet, args []string, stderr io.Writer) (code int, ok bool) {
	if code, ok := parseFlagsHelp(p, fs, args, stderr, func() { printScansUsage(p, stderr) }, scansCmd); !ok {
		return code, false
	}
	switch {
	case fs.NArg() > 0 && fs.Arg(0) == "prune":
		return usageError(p, stderr, fs.Name(), scansCmd, i18n.Errorf("prune must come before the flags")), false
	case fs.NArg() > 0:
		return usageError(p, stderr, fs.Name(), scansCmd, i18n.Errorf("unexpected argument %q", fs.Arg(0))), false
	}
	return exitOK, true
}

// scansCmd is the command whose -h has the usage of both.
const scansCmd = "pmscan scans"

type listOptions struct {
	state *string
	limit *int
}

func listFlags(p *i18n.Printer, fs *flag.FlagSet) *listOptions {
	return &listOptions{
		state: stateFlagIn(p, fs),
		limit: fs.Int("n", 20, p.Sprintf("list at most `N` scans")),
	}
}

// runScans lists the scans kept in the state store, newest first, or
// prunes them. Its messages are in the language of the locale, as run's.
func runScans(ctx context.Context, p *i18n.Printer, args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "prune" {
		return runPrune(ctx, p, args[1:], stdout, stderr)
	}
	if len(args) > 0 && args[0] == "import" {
		return runImport(ctx, p, args[1:], stdout, stderr)
	}
	fs := flag.NewFlagSet("pmscan scans", flag.ContinueOnError)
	o := listFlags(p, fs)
	if code, ok := parseScansFlags(p, fs, args, stderr); !ok {
		return code
	}
	st, err := openState(ctx, *o.state)
	if err != nil {
		p.Fprintf(stderr, "pmscan scans: %v\n", err)
		return exitTargetError
	}
	defer st.Close()
	scans, err := st.Scans(ctx, *o.limit)
	if err != nil {
		p.Fprintf(stderr, "pmscan scans: %v\n", err)
		return exitTargetError
	}
	rows := [][]string{strings.Split(p.Sprintf("ID\tSTARTED\tTOOK\tSTATUS\tTARGETS"), "\t")}
	for _, sc := range scans {
		took := "-"
		if !sc.Finished.IsZero() {
			took = sc.Finished.Sub(sc.Info.Started).Round(time.Second).String()
		}
		rows = append(rows, []string{scanID(&sc), startedLocal(&sc), took, statusLabel(p, &sc), strings.Join(sc.Info.Targets, " ")})
	}
	if err := writeTable(stdout, rows); err != nil {
		p.Fprintf(stderr, "pmscan scans: %v\n", err)
		return exitTargetError
	}
	return exitOK
}

// statusLabel is the word 'pmscan scans' shows for sc.Status(), in p's
// language.
func statusLabel(p *i18n.Printer, sc *store.Scan) string {
	switch s := sc.Status(); s {
	case inventory.StatusComplete:
		return p.Sprintf("complete")
	case inventory.StatusUnreadable:
		return p.Sprintf("unreadable items")
	case inventory.StatusFailed:
		return p.Sprintf("failed")
	case inventory.StatusInterrupted:
		return p.Sprintf("interrupted")
	case store.ScanUnfinished:
		return p.Sprintf("unfinished")
	case store.ScanAbandoned:
		return p.Sprintf("abandoned")
	default:
		return s
	}
}

// scanID is sc's ID in plain digits: the printer's %d would group them
// (1,234).
func scanID(sc *store.Scan) string { return strconv.FormatInt(sc.ID, 10) }

// startedLocal is when the scan started, in the reader's time zone.
func startedLocal(sc *store.Scan) string {
	return sc.Info.Started.Local().Format("2006-01-02 15:04")
}

// writeTable writes rows as columns two spaces apart, each cell padded to
// its column's display width: a full-width character (漢字, かな) takes
// two cells of a terminal, which text/tabwriter, counting runes, does not

// writeTable writes rows to w as columns aligned by display width, each
// cell escaped (safetext.WriteTable).
func writeTable(w io.Writer, rows [][]string) error {
	var b strings.Builder
	safetext.WriteTable(&b, "", rows)
	_, err := io.WriteString(w, b.String())
	return err
}

type pruneOptions struct {
	state     *string
	keep      *int
	olderThan *string
	dryRun    *bool
	vacuum    *bool
}

func pruneFlags(p *i18n.Printer, fs *flag.FlagSet) *pruneOptions {
	return &pruneOptions{
		state:     stateFlagIn(p, fs),
		keep:      fs.Int("keep", 0, p.Sprintf("keep the newest `N` finished scans and delete the others")),
		olderThan: fs.String("older-than", "", p.Sprintf("delete the scans that started more than `D` ago: a duration such as 36h, or days or weeks such as 90d, 12w")),
		dryRun:    fs.Bool("dry-run", false, p.Sprintf("list the scans that would be deleted, and delete nothing")),
		vacuum:    fs.Bool("vacuum", false, p.Sprintf("then VACUUM the store: on SQLite this shrinks the file, but rewrites all of it and\nmakes other pmscan processes wait meanwhile")),
	}
}

// runPrune deletes old scans from the state store.
func runPrune(ctx context.Context, p *i18n.Printer, args []string, stdout, stderr io.Writer) int {
	const cmd = "pmscan scans prune"
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	o := pruneFlags(p, fs)
	if code, ok := parseScansFlags(p, fs, args, stderr); !ok {
		return code
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	var olderThan time.Duration
	if set["older-than"] {
		// Read here rather than by the flag package, which would print
		// parseAge's error inside its own English.
		var err error
		if olderThan, err = parseAge(*o.olderThan); err != nil {
			return usageError(p, stderr, cmd, scansCmd, i18n.Errorf("invalid value %q for flag -older-than: %v", *o.olderThan, err))
		}
	}
	switch {
	case set["keep"] && *o.keep < 1:
		return usageError(p, stderr, cmd, scansCmd, i18n.Errorf("-keep must be at least 1"))
	case !set["keep"] && olderThan == 0:
		return usageError(p, stderr, cmd, scansCmd, i18n.Errorf("give -keep N, -older-than D or both"))
	}

	st, err := openState(ctx, *o.state)
	if err != nil {
		p.Fprintf(stderr, "pmscan scans prune: %v\n", err)
		return exitTargetError
	}
	defer st.Close()
	res, err := st.Prune(ctx, store.PruneOptions{Keep: *o.keep, OlderThan: olderThan, DryRun: *o.dryRun, Vacuum: *o.vacuum})
	if err != nil {
		p.Fprintf(stderr, "pmscan scans prune: %v\n", err)
		return exitTargetError
	}
	verb := p.Sprintf("deleted")
	if *o.dryRun {
		verb = p.Sprintf("would delete")
	}
	var rows [][]string
	for _, sc := range res.Deleted {
		rows = append(rows, []string{verb, scanID(&sc), startedLocal(&sc), statusLabel(p, &sc), strings.Join(sc.Info.Targets, " ")})
	}
	// Scans the limits would delete but a running scan uses (see
	// store.PruneResult.InUse), with a line on each running scan.
	inUse := map[int64][]string{}
	var running []int64
	for _, sc := range res.InUse {
		rows = append(rows, []string{p.Sprintf("kept, in use"), scanID(&sc), startedLocal(&sc), statusLabel(p, &sc), strings.Join(sc.Info.Targets, " ")})
		by := res.UsedBy[sc.ID]
		if inUse[by] == nil {
			running = append(running, by)
		}
		inUse[by] = append(inUse[by], scanID(&sc))
	}
	var summary string
	switch n := len(res.Deleted); {
	case *o.dryRun && n == 1:
		summary = p.Sprintf("would prune 1 scan, keep %d\n", res.Kept)
	case *o.dryRun:
		summary = p.Sprintf("would prune %d scans, keep %d\n", n, res.Kept)
	case n == 1:
		summary = p.Sprintf("pruned 1 scan, kept %d\n", res.Kept)
	default:
		summary = p.Sprintf("pruned %d scans, kept %d\n", n, res.Kept)
	}
	for _, by := range running {
		summary += p.Sprintf("kept scan %s: scan %d is still running and may carry objects over from it; prune again after it ends\n", strings.Join(inUse[by], ", "), by)
	}
	err = writeTable(stdout, rows)
	if err == nil {
		_, err = io.WriteString(stdout, summary)
	}
	if err != nil {
		p.Fprintf(stderr, "pmscan scans prune: %v\n", err)
		return exitTargetError
	}
	return exitOK
}

// parseAge reads a -older-than value: a Go duration (36h, 90m), or a
// whole number of days or weeks (90d, 12w), which time.ParseDuration
// does not know. It must be more than 0, or every scan would go.
func parseAge(s string) (time.Duration, error) {
	d, err := time.ParseDuration(s)
	if err != nil {
		var ok bool
		if d, ok = parseDays(s); !ok {
			return 0, i18n.Errorf("want a duration such as 36h, or days or weeks such as 90d, 12w")
		}
	}
	if d <= 0 {
		return 0, i18n.Errorf("must be more than 0")
	}
	return d, nil
}

// parseDays reads a whole number of days or weeks: 90d, 12w. ok is false
// for anything else, and for a number too long for a time.Duration.
func parseDays(s string) (d time.Duration, ok bool) {
	units := map[byte]time.Duration{'d': 24 * time.Hour, 'w': 7 * 24 * time.Hour}
	if len(s) < 2 || units[s[len(s)-1]] == 0 || strings.Trim(s[:len(s)-1], "0123456789") != "" {
		return 0, false
	}
	u := units[s[len(s)-1]]
	n, err := strconv.ParseInt(s[:len(s)-1], 10, 64)
	if err != nil || n > math.MaxInt64/int64(u) {
		return 0, false
	}
	return time.Duration(n) * u, true
}
