package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/pmscan/pmscan/internal/privfile"
	"github.com/pmscan/pmscan/reports"
)

const reportUsage = `Usage: pmscan report [flags]

Renders a scan kept in the state store: the latest one, or -scan ID, in
any of pmscan's output formats (on a terminal without -o: text) (json: the whole inventory, schema in
reports/ledger/SCHEMA.md; csv and xlsx: the 個人情報管理台帳; html: one
self-contained page; text: the summary 'pmscan scan' prints; jsonl: the
kept findings).

Flags:
`

// runReport renders a stored scan.
func runReport(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("pmscan report", flag.ContinueOnError)
	state := stateFlag(fs)
	scanID := fs.Int64("scan", 0, "render scan `ID` (default: the latest finished scan; 'pmscan scans' lists them)")
	format := fs.String("format", "", "output `FORMAT`: "+reports.Names()+" (default: html to a file or a pipe, text to a terminal)")
	output := fs.String("o", "", "write to `FILE` (created readable by its owner only); required for xlsx, and for html on a terminal")
	zone := zoneFlag(fs)
	usage := func() {
		fmt.Fprint(stderr, reportUsage)
		fs.PrintDefaults()
	}
	if code, ok := parseFlags(fs, args, stderr, usage); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "pmscan report: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	f, err := reportFormat(*format, *output != "", isTerminal(stdout))
	if err != nil {
		fmt.Fprintf(stderr, "pmscan report: %v\n", err)
		return exitUsage
	}
	z, err := loadZone(*zone)
	if err != nil {
		fmt.Fprintf(stderr, "pmscan report: %v\n", err)
		return exitUsage
	}

	st, err := openState(ctx, *state)
	if err != nil {
		fmt.Fprintf(stderr, "pmscan report: %v\n", err)
		return exitTargetError
	}
	defer st.Close()
	id := *scanID
	if id == 0 {
		if id, err = st.LatestScan(ctx); err != nil {
			fmt.Fprintf(stderr, "pmscan report: %v\n", err)
			return exitTargetError
		}
	}
	scan, err := st.Scan(ctx, id)
	if err == nil && scan.Inventory == nil {
		err = fmt.Errorf("scan %d did not finish: it has no inventory", id)
	}
	if err != nil {
		fmt.Fprintf(stderr, "pmscan report: %v\n", err)
		return exitTargetError
	}

	out := stdout
	var file *os.File
	if *output != "" {
		if file, err = privfile.Create(*output); err != nil {
			fmt.Fprintf(stderr, "pmscan report: %v\n", err)
			return exitTargetError
		}
		defer file.Close()
		out = file
	}
	err = f.Write(out, reports.Result{Inventory: scan.Inventory, Findings: st.Findings(ctx, id), Zone: z})
	if err == nil && file != nil {
		err = file.Close()
	}
	if err != nil {
		fmt.Fprintf(stderr, "pmscan report: %v\n", err)
		return exitTargetError
	}
	return exitOK
}

// reportFormat picks the format of 'pmscan report': -format, or html, or
// text when the report would go to a terminal. A page of HTML on a
// terminal is noise, so html there needs -o, as binary formats do
// anywhere.
func reportFormat(name string, toFile, terminal bool) (reports.Format, error) {
	terminal = terminal && !toFile
	if name == "" {
		name = "html"
		if terminal {
			name = "text"
		}
	}
	f, err := reports.Lookup(name)
	if err != nil {
		return f, fmt.Errorf("-format: %w", err)
	}
	if !toFile && (f.Binary || f.Name == "html" && terminal) {
		return f, fmt.Errorf("-format %s needs -o FILE", f.Name)
	}
	return f, nil
}
