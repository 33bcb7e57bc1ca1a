package main

import (
	"context"
	"flag"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/pmscan/pmscan/detectors/all"
	"github.com/pmscan/pmscan/internal/i18n"
	"github.com/pmscan/pmscan/internal/privfile"
	"github.com/pmscan/pmscan/internal/safetext"
	"github.com/pmscan/pmscan/reports"
	"github.com/pmscan/pmscan/reports/inventory"
	"github.com/pmscan/pmscan/reports/policy"
	"github.com/pmscan/pmscan/reports/store"
)

const reportUsage = `Usage: pmscan report [flags]

Renders a scan kept in the state store: the latest one, or -scan ID, in
any of pmscan's output formats (on a terminal without -o: text) (json: the whole inventory, schema in
reports/ledger/SCHEMA.md; csv and xlsx: the 個人情報管理台帳; html: one
self-contained page; text: the summary 'pmscan scan' prints, after what
is new since the scan before it of the same targets; jsonl: the kept
findings).

Flags:
`

// runReport renders a stored scan.
func runReport(ctx context.Context, p *i18n.Printer, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("pmscan report", flag.ContinueOnError)
	state := stateFlagIn(p, fs)
	scanID := fs.Int64("scan", 0, p.Sprintf("render scan `ID` (default: the latest finished scan; 'pmscan scans' lists them)"))
	format := fs.String("format", "", p.Sprintf("output `FORMAT`: %s (default: html to a file or a pipe, text to a terminal)", formatNames()))
	output := fs.String("o", "", p.Sprintf("write to `FILE` (created readable by its owner only); required for xlsx, and for html on a terminal"))
	zone := zoneFlag(p, fs)
	usage := func() {
		p.Fprintf(stderr, reportUsage)
		printDefaults(p, fs)
	}
	if code, ok := parseFlags(p, fs, args, stderr, usage); !ok {
		return code
	}
	if fs.NArg() > 0 {
		p.Fprintf(stderr, "pmscan report: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	f, err := reportFormat(*format, *output != "", isTerminal(stdout))
	if err != nil {
		p.Fprintf(stderr, "pmscan report: %v\n", err)
		return exitUsage
	}
	z, err := loadZone(*zone)
	if err != nil {
		p.Fprintf(stderr, "pmscan report: %v\n", err)
		return exitUsage
	}

	st, err := openState(ctx, *state)
	if err != nil {
		p.Fprintf(stderr, "pmscan report: %v\n", err)
		return exitTargetError
	}
	defer st.Close()
	id := *scanID
	if id == 0 {
		if id, err = st.LatestScan(ctx); err != nil {
			p.Fprintf(stderr, "pmscan report: %v\n", err)
			return exitTargetError
		}
	}
	scan, err := st.Scan(ctx, id)
	if err == nil && scan.Inventory == nil {
		if scan.Finished.IsZero() {
			scan.Inventory, err = rebuildInventory(ctx, p, st, scan, stderr)
		} else {
			err = i18n.Errorf("scan %s did not finish: it has no inventory", strconv.FormatInt(id, 10))
		}
	}
	if err != nil {
		p.Fprintf(stderr, "pmscan report: %v\n", err)
		return exitTargetError
	}

	out := stdout
	var file *os.File
	if *output != "" {
		if file, err = privfile.Create(*output); err != nil {
			p.Fprintf(stderr, "pmscan report: %v\n", err)
			return exitTargetError
		}
		defer file.Close()
		out = file
	}
	if f.Name == "text" {
		// A scan with an earlier one of the same targets opens with what
		// is new since; failing that, the report itself still goes out.
		if err := writeNewSince(ctx, out, st, scan, z, p.Language()); err != nil {
			p.Fprintf(stderr, "pmscan report: warning: comparing with the previous scan: %v\n", err)
		}
	}
	err = f.Write(out, reports.Result{Inventory: scan.Inventory, Findings: st.Findings(ctx, id), Problems: st.Problems(ctx, id), Zone: z, Language: p.Language()})
	if err == nil && file != nil {
		err = file.Close()
	}
	if err != nil {
		p.Fprintf(stderr, "pmscan report: %v\n", err)
		return exitTargetError
	}
	return exitOK
}

// rebuildInventory makes the inventory of a scan that has not recorded its
// end, abandoned or still running, from the findings and problems it kept,
// and warns that its counts are lower bounds. Its policy is the file the
// scan used if that can still be read, else the built-in one.
func rebuildInventory(ctx context.Context, p *i18n.Printer, st *store.Store, sc *store.Scan, stderr io.Writer) (*inventory.Inventory, error) {
	id := strconv.FormatInt(sc.ID, 10)
	if sc.Status() == store.ScanAbandoned {
		p.Fprintf(stderr, "pmscan report: warning: scan %s did not finish (the process ended without recording its end): this report is built from the findings it kept (at most -keep-findings per place, column and type), so its counts are lower bounds\n", id)
	} else {
		p.Fprintf(stderr, "pmscan report: warning: scan %s is still running: this report is built from the findings it has kept so far (at most -keep-findings per place, column and type), so its counts are lower bounds\n", id)
	}
	pol := policy.Default(all.PolicyTypes())
	if src := sc.Info.Policy; src != "" && src != policy.BuiltIn {
		if _, err := os.Stat(src); err == nil {
			if pol, err = policy.Load(src, all.PolicyTypes()); err != nil {
				p.Fprintf(stderr, "pmscan report: warning: policy %s: %v; the report uses the built-in policy\n", safetext.Name(src), err)
				pol = policy.Default(all.PolicyTypes())
			}
		}
	}
	return st.Rebuild(ctx, sc, pol)
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
	f, err := lookupFormat(name)
	if err != nil {
		return f, err
	}
	if !toFile && (f.Binary || f.Name == "html" && terminal) {
		return f, i18n.Errorf("-format %s needs -o FILE", f.Name)
	}
	return f, nil
}

// lookupFormat reads -format.
func lookupFormat(name string) (reports.Format, error) {
	f, err := reports.Lookup(name)
	if err != nil {
		return f, i18n.Errorf("-format: unknown format %q (want one of %s)", name, formatNames())
	}
	return f, nil
}

// formatNames lists the format names: "text, jsonl, json, csv, xlsx, html".
func formatNames() string {
	var names []string
	for _, f := range reports.Formats() {
		names = append(names, f.Name)
	}
	return strings.Join(names, ", ")
}
