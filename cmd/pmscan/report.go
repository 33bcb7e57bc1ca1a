package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/pmscan/pmscan/reports/ledger"
)

const reportUsage = `Usage: pmscan report [flags]

Renders a scan kept in the state store: the latest one, or -scan ID.
Formats: json (the whole inventory; schema in reports/ledger/SCHEMA.md), csv
(the ledger, one row per item and place), xlsx (the 個人情報管理台帳 workbook:
summary, ledger, places, findings) and html (one self-contained page).

Flags:
`

// runReport renders a stored scan.
func runReport(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("pmscan report", flag.ContinueOnError)
	fs.SetOutput(stderr)
	state := stateFlag(fs)
	scanID := fs.Int64("scan", 0, "render scan `ID` (default: the latest finished scan; 'pmscan scans' lists them)")
	format := fs.String("format", "html", "json, csv, xlsx or html")
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
	switch *format {
	case "json", "csv", "html":
	case "xlsx":
		if *output == "" {
			fmt.Fprintln(stderr, "pmscan report: -format xlsx needs -o FILE")
			return exitUsage
		}
	default:
		fmt.Fprintf(stderr, "pmscan report: unknown -format %q (want json, csv, xlsx or html)\n", *format)
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
		if file, err = os.OpenFile(*output, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600); err != nil {
			fmt.Fprintf(stderr, "pmscan report: %v\n", err)
			return exitTargetError
		}
		defer file.Close()
		out = file
	}
	inv := scan.Inventory
	switch *format {
	case "json":
		err = ledger.WriteJSON(out, inv)
	case "csv":
		err = ledger.WriteCSV(out, inv)
	case "xlsx":
		err = ledger.WriteXLSX(out, inv, st.Findings(ctx, id))
	case "html":
		err = ledger.WriteHTML(out, inv)
	}
	if err == nil && file != nil {
		err = file.Close()
	}
	if err != nil {
		fmt.Fprintf(stderr, "pmscan report: %v\n", err)
		return exitTargetError
	}
	return exitOK
}
