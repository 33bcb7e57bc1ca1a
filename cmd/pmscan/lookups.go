package main

import (
	"context"
	"encoding/json"
	"flag"
	"io"
	"strconv"
	"strings"

	"github.com/pmscan/pmscan/internal/i18n"
)

const lookupsUsage = `Usage: pmscan lookups [-state STORE] [-n N] [-format text|json]

Lists the disclosure lookups recorded in the state store's audit trail,
newest first: when, how each ended, which kinds of identifier were given
(never the values: only their keyed hashes are kept, with -format json),
the stores searched and what was found.

Flags:
`

// runLookups lists the audit trail of pmscan lookup.
func runLookups(ctx context.Context, p *i18n.Printer, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("pmscan lookups", flag.ContinueOnError)
	state := stateFlagIn(p, fs)
	limit := fs.Int("n", 20, p.Sprintf("list at most `N` lookups"))
	format := fs.String("format", "text", p.Sprintf("output `FORMAT`: text or json"))
	localizeFlags(p, fs)
	usage := func() {
		p.Fprintf(stderr, lookupsUsage)
		printDefaults(p, fs)
	}
	if code, ok := parseFlags(p, fs, args, stderr, usage); !ok {
		return code
	}
	if fs.NArg() > 0 {
		return usageError(p, stderr, fs.Name(), fs.Name(), i18n.Errorf("unexpected argument %q", fs.Arg(0)))
	}
	if *format != "text" && *format != "json" {
		return usageError(p, stderr, fs.Name(), fs.Name(), i18n.Errorf("-format %q: want text or json", *format))
	}
	st, err := openState(ctx, *state)
	if err != nil {
		p.Fprintf(stderr, "pmscan lookups: %v\n", err)
		return exitTargetError
	}
	defer st.Close()
	ls, err := st.Lookups(ctx, *limit)
	if err != nil {
		p.Fprintf(stderr, "pmscan lookups: %v\n", err)
		return exitTargetError
	}
	if *format == "json" {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(ls); err != nil {
			p.Fprintf(stderr, "pmscan lookups: %v\n", err)
			return exitTargetError
		}
		return exitOK
	}
	rows := [][]string{strings.Split(p.Sprintf("ID\tSTARTED\tSTATUS\tGIVEN\tMATCHES\tPOSSIBLE\tNEAR MISSES\tNOT SEARCHED\tTARGETS"), "\t")}
	for _, l := range ls {
		rows = append(rows, []string{strconv.FormatInt(l.ID, 10), l.Started.Local().Format("2006-01-02 15:04"), l.Status,
			strings.Join(l.Kinds, ","), strconv.FormatInt(l.Matches, 10), strconv.FormatInt(l.Possible, 10),
			strconv.FormatInt(l.NearMisses, 10), strconv.FormatInt(l.NotSearched, 10), strings.Join(l.Targets, " ")})
	}
	if err := writeTable(stdout, rows); err != nil {
		p.Fprintf(stderr, "pmscan lookups: %v\n", err)
		return exitTargetError
	}
	return exitOK
}
