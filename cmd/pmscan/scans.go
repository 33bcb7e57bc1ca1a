package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/pmscan/pmscan/reports/inventory"
	"github.com/pmscan/pmscan/reports/store"
)

const scansUsage = `Usage:
  pmscan scans [-n N] [-state S]
        list the scans kept in the state store, newest first
  pmscan scans prune [-keep N] [-older-than D] [-dry-run] [-vacuum] [-state S]
        delete old scans and everything stored with them

STATUS says how a scan ended:
  complete          every target was read to the end
  unreadable items  every target was read, but some of its files, objects or rows
                    could not be (pmscan scan exited 4)
  failed            a target could not be opened, or its reading failed
  interrupted       stopped (Ctrl-C) before every target was read
  unfinished        the scan never recorded its end: it is still running, or was killed

prune deletes every scan that is not among the newest N finished scans (-keep),
and every scan that started more than D ago (-older-than: 36h, 90d, 12w); with
both, a scan stays only if neither deletes it. An unfinished scan that started
less than a day ago is never deleted: another pmscan may still be writing it.
`

// printScansUsage prints the usage of both commands, with their flags.
func printScansUsage(w io.Writer) {
	fmt.Fprint(w, scansUsage)
	for _, def := range []struct {
		name  string
		flags func(*flag.FlagSet)
	}{
		{"pmscan scans", func(fs *flag.FlagSet) { listFlags(fs) }},
		{"pmscan scans prune", func(fs *flag.FlagSet) { pruneFlags(fs) }},
	} {
		fs := flag.NewFlagSet(def.name, flag.ContinueOnError)
		def.flags(fs)
		fs.SetOutput(w)
		fmt.Fprintf(w, "\nFlags of %s:\n", def.name)
		fs.PrintDefaults()
	}
}

// parseScansFlags parses the flags of fs. -h prints the whole usage; a
// bad flag prints one line saying what is wrong and where the usage is,
// since the whole usage would push that line off the screen.
func parseScansFlags(fs *flag.FlagSet, args []string, stderr io.Writer) (code int, ok bool) {
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	err := fs.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		printScansUsage(stderr)
		return exitOK, false
	case err != nil:
		return scansUsageError(stderr, fs.Name(), err.Error()), false
	case fs.NArg() > 0 && fs.Arg(0) == "prune":
		return scansUsageError(stderr, fs.Name(), "prune must come before the flags"), false
	case fs.NArg() > 0:
		return scansUsageError(stderr, fs.Name(), fmt.Sprintf("unexpected argument %q", fs.Arg(0))), false
	}
	return exitOK, true
}

func scansUsageError(stderr io.Writer, cmd, msg string) int {
	fmt.Fprintf(stderr, "%s: %s\nrun 'pmscan scans -h' for usage\n", cmd, msg)
	return exitUsage
}

type listOptions struct {
	state *string
	limit *int
}

func listFlags(fs *flag.FlagSet) *listOptions {
	return &listOptions{
		state: stateFlag(fs),
		limit: fs.Int("n", 20, "list at most `N` scans"),
	}
}

// runScans lists the scans kept in the state store, newest first, or
// prunes them.
func runScans(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "prune" {
		return runPrune(ctx, args[1:], stdout, stderr)
	}
	fs := flag.NewFlagSet("pmscan scans", flag.ContinueOnError)
	o := listFlags(fs)
	if code, ok := parseScansFlags(fs, args, stderr); !ok {
		return code
	}
	st, err := openState(ctx, *o.state)
	if err != nil {
		fmt.Fprintf(stderr, "pmscan scans: %v\n", err)
		return exitTargetError
	}
	defer st.Close()
	scans, err := st.Scans(ctx, *o.limit)
	if err != nil {
		fmt.Fprintf(stderr, "pmscan scans: %v\n", err)
		return exitTargetError
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSTARTED\tTOOK\tSTATUS\tTARGETS")
	for _, sc := range scans {
		took := "-"
		if !sc.Finished.IsZero() {
			took = sc.Finished.Sub(sc.Info.Started).Round(time.Second).String()
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", sc.ID, startedLocal(&sc), took, statusLabel(&sc), strings.Join(sc.Info.Targets, " "))
	}
	if err := tw.Flush(); err != nil {
		fmt.Fprintf(stderr, "pmscan scans: %v\n", err)
		return exitTargetError
	}
	return exitOK
}

// statusLabels are the words 'pmscan scans' shows for store.Scan.Status.
var statusLabels = map[string]string{
	inventory.StatusComplete:    "complete",
	inventory.StatusUnreadable:  "unreadable items",
	inventory.StatusFailed:      "failed",
	inventory.StatusInterrupted: "interrupted",
	store.ScanUnfinished:        "unfinished",
}

func statusLabel(sc *store.Scan) string {
	s := sc.Status()
	if l, ok := statusLabels[s]; ok {
		return l
	}
	return s
}

// startedLocal is when the scan started, in the reader's time zone.
func startedLocal(sc *store.Scan) string {
	return sc.Info.Started.Local().Format("2006-01-02 15:04")
}

type pruneOptions struct {
	state     *string
	keep      *int
	olderThan time.Duration
	dryRun    *bool
	vacuum    *bool
}

func pruneFlags(fs *flag.FlagSet) *pruneOptions {
	o := &pruneOptions{state: stateFlag(fs)}
	o.keep = fs.Int("keep", 0, "keep the newest `N` finished scans and delete the others")
	fs.Func("older-than", "delete the scans that started more than `D` ago: a duration such as 36h, or days or weeks such as 90d, 12w",
		func(s string) (err error) {
			o.olderThan, err = parseAge(s)
			return err
		})
	o.dryRun = fs.Bool("dry-run", false, "list the scans that would be deleted, and delete nothing")
	o.vacuum = fs.Bool("vacuum", false, "then VACUUM the store: on SQLite this shrinks the file, but rewrites all of it and\nmakes other pmscan processes wait meanwhile")
	return o
}

// runPrune deletes old scans from the state store.
func runPrune(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	const cmd = "pmscan scans prune"
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	o := pruneFlags(fs)
	if code, ok := parseScansFlags(fs, args, stderr); !ok {
		return code
	}
	keepSet := false
	fs.Visit(func(f *flag.Flag) { keepSet = keepSet || f.Name == "keep" })
	switch {
	case keepSet && *o.keep < 1:
		return scansUsageError(stderr, cmd, "-keep must be at least 1")
	case !keepSet && o.olderThan == 0:
		return scansUsageError(stderr, cmd, "give -keep N, -older-than D or both")
	}

	st, err := openState(ctx, *o.state)
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", cmd, err)
		return exitTargetError
	}
	defer st.Close()
	res, err := st.Prune(ctx, store.PruneOptions{Keep: *o.keep, OlderThan: o.olderThan, DryRun: *o.dryRun, Vacuum: *o.vacuum})
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", cmd, err)
		return exitTargetError
	}
	verb, summary := "deleted", "pruned %s, kept %d\n"
	if *o.dryRun {
		verb, summary = "would delete", "would prune %s, keep %d\n"
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	for _, sc := range res.Deleted {
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\n", verb, sc.ID, startedLocal(&sc), statusLabel(&sc), strings.Join(sc.Info.Targets, " "))
	}
	fmt.Fprintf(tw, summary, plural(len(res.Deleted), "scan"), res.Kept)
	if err := tw.Flush(); err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", cmd, err)
		return exitTargetError
	}
	return exitOK
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

// parseAge reads a -older-than value: a Go duration (36h, 90m), or a
// whole number of days or weeks (90d, 12w), which time.ParseDuration
// does not know. It must be more than 0, or every scan would go.
func parseAge(s string) (time.Duration, error) {
	d, err := time.ParseDuration(s)
	if err != nil {
		d, err = parseDays(s)
	}
	if err != nil {
		return 0, errors.New("want a duration such as 36h, or days or weeks such as 90d, 12w")
	}
	if d <= 0 {
		return 0, errors.New("must be more than 0")
	}
	return d, nil
}

// parseDays reads a whole number of days or weeks: 90d, 12w.
func parseDays(s string) (time.Duration, error) {
	units := map[byte]time.Duration{'d': 24 * time.Hour, 'w': 7 * 24 * time.Hour}
	if len(s) < 2 || units[s[len(s)-1]] == 0 || strings.Trim(s[:len(s)-1], "0123456789") != "" {
		return 0, errors.New("not days or weeks")
	}
	u := units[s[len(s)-1]]
	n, err := strconv.ParseInt(s[:len(s)-1], 10, 64)
	if err != nil || n > math.MaxInt64/int64(u) {
		return 0, errors.New("too long")
	}
	return time.Duration(n) * u, nil
}
