package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/pmscan/pmscan/internal/privfile"
	"github.com/pmscan/pmscan/reports"
)

const reportUsage = `Usage: pmscan report [flags]

Renders a scan kept in the state store: the latest one, or -scan ID, in
any of pmscan's output formats (json: the whole inventory, schema in
reports/ledger/SCHEMA.md; csv and xlsx: the 個人情報管理台帳; html: one
self-contained page; text: the summary 'pmscan scan' prints; jsonl: the
kept findings).

Flags:
`

// runReport renders a stored scan.
func runReport(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("pmscan report", flag.ContinueOnError)
	fs.SetOutput(stderr)
	state := stateFlag(fs)
	scanID := fs.Int64("scan", 0, "render scan `ID` (default: the latest finished scan; 'pmscan scans' lists them)")
	format := fs.String("format", "html", "output `FORMAT`: "+reports.Names())
	output := fs.String("o", "", "write to `FILE` (created readable by its owner only); required for xlsx")
	fs.Usage = func() {
		fmt.Fprint(stderr, reportUsage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "pmscan report: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	f, err := reports.Lookup(*format)
	if err != nil {
		fmt.Fprintf(stderr, "pmscan report: -format: %v\n", err)
		return exitUsage
	}
	if f.Binary && *output == "" {
		fmt.Fprintf(stderr, "pmscan report: -format %s needs -o FILE\n", f.Name)
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
	err = f.Write(out, reports.Result{Inventory: scan.Inventory, Findings: st.Findings(ctx, id)})
	if err == nil && file != nil {
		err = file.Close()
	}
	if err != nil {
		fmt.Fprintf(stderr, "pmscan report: %v\n", err)
		return exitTargetError
	}
	return exitOK
}
