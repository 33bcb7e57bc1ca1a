package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/connectors/files"
	"github.com/pmscan/pmscan/connectors/mysql"
	"github.com/pmscan/pmscan/connectors/postgres"
	"github.com/pmscan/pmscan/connectors/s3"
	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/detectors/all"
	"github.com/pmscan/pmscan/reports"
	"github.com/pmscan/pmscan/reports/inventory"
	"github.com/pmscan/pmscan/reports/policy"
	"github.com/pmscan/pmscan/reports/store"
	"github.com/pmscan/pmscan/scanner"
)

// scanOptions is the scan command line, parsed.
type scanOptions struct {
	format         string
	output         string
	columns        string
	showData       bool
	concurrency    int
	minConfidence  string
	types          string
	excludeTypes   string
	failOnFindings bool
	quiet          bool
	progress       string
	policy         string
	state          string
	keepFindings   string
	db             dbFlags
	s3             s3Flags
	targets        []string
}

func (o *scanOptions) flags(fs *flag.FlagSet) {
	fs.StringVar(&o.format, "format", "text", "output format: text (a summary for people) or jsonl (one finding per line)")
	fs.StringVar(&o.output, "o", "", "write the report to `FILE` (created readable by its owner only) instead of standard output")
	fs.StringVar(&o.columns, "columns", "", "databases: also write each table column's verdict (values read, values matched per type) to `FILE` as JSON lines")
	fs.BoolVar(&o.showData, "show-data", false, "include raw matched values in the output (they are masked otherwise)")
	fs.IntVar(&o.concurrency, "concurrency", runtime.NumCPU(), "detector workers")
	fs.StringVar(&o.minConfidence, "min-confidence", "low", "report findings at or above `LEVEL`: low, medium or high")
	fs.StringVar(&o.types, "types", "", "comma-separated detector `TYPES` to run (default all; see 'pmscan types')")
	fs.StringVar(&o.excludeTypes, "exclude-types", "", "comma-separated detector `TYPES` not to run")
	fs.BoolVar(&o.failOnFindings, "fail-on-findings", false, "exit with status 1 when anything is found (for CI)")
	fs.BoolVar(&o.quiet, "q", false, "with -format jsonl: do not print skipped and unreadable items on standard error")
	fs.StringVar(&o.progress, "progress", "auto", "show a status line on standard error while scanning: `auto` (when it is a terminal), always or never")
	fs.StringVar(&o.state, "state", "", "keep the scan in this state store: a file (SQLite) or a postgres:// URL (default: "+defaultStateHelp()+")")
	fs.StringVar(&o.keepFindings, "keep-findings", "100", "keep the first `N` findings of each place, column and type in the state store, or all (the inventory counts every finding either way)")
	fs.StringVar(&o.policy, "policy", "", "map findings onto the items of this policy `FILE` (YAML; default: the built-in policy, see 'pmscan policy init')")
	o.db.flags(fs)
	o.s3.flags(fs)
}

const scanUsage = `Usage: pmscan scan [flags] TARGET...

TARGET is a file or directory path, a file:// URL, an S3 URL
(s3://bucket/, s3://bucket/prefix/, s3://bucket/key), a PostgreSQL URL
(postgres://user@host:5432/db?sslmode=require) or a MySQL/MariaDB URL
(mysql://user@host:3306/db, mariadb://...). Passwords in URLs never reach
the report; PGPASSWORD, ~/.pgpass and MYSQL_PWD are read as the usual
clients do, and S3 credentials come from the AWS default chain
(environment, -profile, SSO, instance and container roles).

Flags:
`

func runScan(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	args0 := args
	var o scanOptions
	fs := flag.NewFlagSet("pmscan scan", flag.ContinueOnError)
	fs.SetOutput(stderr)
	o.flags(fs)
	fs.Usage = func() {
		fmt.Fprint(stderr, scanUsage)
		fs.PrintDefaults()
	}
	// Flags may come before or after the targets.
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return exitOK
			}
			return exitUsage
		}
		if fs.NArg() == 0 {
			break
		}
		o.targets = append(o.targets, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(o.targets) == 0 {
		fmt.Fprintln(stderr, "pmscan scan: no TARGET given")
		fs.Usage()
		return exitUsage
	}
	set, scanOpts, err := o.scannerOptions()
	if err != nil {
		fmt.Fprintf(stderr, "pmscan scan: %v\n", err)
		return exitUsage
	}
	scanOpts.Detectors = set
	display, err := o.progressDisplay(stdout, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "pmscan scan: %v\n", err)
		return exitUsage
	}
	stderr = display.wrap(stderr) // messages erase the status line
	scanOpts.Progress = display.progress()

	out := stdout
	if o.output != "" {
		f, err := os.OpenFile(o.output, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
		if err != nil {
			fmt.Fprintf(stderr, "pmscan scan: %v\n", err)
			return exitTargetError
		}
		defer f.Close()
		out = f
	}
	var report reports.Report
	switch o.format {
	case "text":
		report = reports.NewText(out)
	case "jsonl":
		var problems io.Writer = stderr
		if o.quiet {
			problems = nil
		}
		report = reports.NewJSONL(out, problems)
	default:
		fmt.Fprintf(stderr, "pmscan scan: unknown -format %q (want text or jsonl)\n", o.format)
		return exitUsage
	}
	keep, err := o.keepPerPlace()
	if err != nil {
		fmt.Fprintf(stderr, "pmscan scan: %v\n", err)
		return exitUsage
	}
	pol, err := o.loadPolicy()
	if err != nil {
		fmt.Fprintf(stderr, "pmscan scan: %v\n", err)
		return exitUsage
	}
	// The store outlives Ctrl-C: what was found is kept, marked interrupted.
	storeCtx := context.WithoutCancel(ctx)
	st, err := openState(storeCtx, o.state)
	if err != nil {
		fmt.Fprintf(stderr, "pmscan scan: state store: %v\n", err)
		return exitTargetError
	}
	defer st.Close()
	if scanOpts.ValueKey, err = st.ValueKey(storeCtx); err != nil {
		fmt.Fprintf(stderr, "pmscan scan: state store: %v\n", err)
		return exitTargetError
	}
	var inv *inventory.Inventory
	report = reports.WithInventory(report, inventory.NewBuilder(pol), func(i *inventory.Inventory) { inv = i })
	if o.columns != "" {
		f, err := os.OpenFile(o.columns, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
		if err != nil {
			fmt.Fprintf(stderr, "pmscan scan: %v\n", err)
			return exitTargetError
		}
		defer f.Close()
		report = reports.WithColumns(report, f)
	}

	dbOpts, err := o.db.options()
	if err != nil {
		fmt.Fprintf(stderr, "pmscan scan: %v\n", err)
		return exitUsage
	}
	s3Opts, err := o.s3.options()
	if err != nil {
		fmt.Fprintf(stderr, "pmscan scan: %v\n", err)
		return exitUsage
	}
	registry := connectors.NewRegistry(files.Factory{}, s3.Factory{Options: s3Opts}, postgres.NewFactory(dbOpts), mysql.NewFactory(dbOpts))
	var targets []scanner.Target
	openFailed := false
	for _, t := range o.targets {
		name := connectors.Redact(t)
		conn, err := registry.Open(ctx, t)
		if err != nil {
			fmt.Fprintf(stderr, "pmscan scan: %s: %v\n", name, err)
			openFailed = true
			continue
		}
		defer conn.Close()
		targets = append(targets, scanner.Target{Name: name, Conn: conn})
	}

	names := make([]string, len(o.targets))
	for i, t := range o.targets {
		names[i] = connectors.Redact(t)
	}
	id, err := st.BeginScan(storeCtx, store.ScanInfo{Targets: names, Policy: pol.Source, ShowData: o.showData, Command: redactedCommand(args0)})
	if err != nil {
		fmt.Fprintf(stderr, "pmscan scan: state store: %v\n", err)
		return exitTargetError
	}
	kept := st.Sink(storeCtx, id)

	display.start()
	sum, err := scanner.Run(ctx, scanOpts, targets, scanner.Tee(report, store.Sample(kept, keep)))
	display.stop()
	if err == nil {
		err = report.Close(sum)
	}
	if err == nil && o.output != "" {
		err = out.(*os.File).Close()
	}
	if err != nil {
		fmt.Fprintf(stderr, "pmscan scan: writing the report: %v\n", err)
		kept.Close(sum, inv)
		return exitTargetError
	}
	if err := kept.Close(sum, inv); err != nil {
		fmt.Fprintf(stderr, "pmscan scan: state store: %v\n", err)
		return exitTargetError
	}
	if o.format == "text" {
		fmt.Fprintf(stderr, "pmscan: kept as scan %d; 'pmscan report -scan %d -format html -o report.html' renders the ledger\n", id, id)
	}
	switch {
	case sum.Interrupted:
		return exitInterrupted
	case openFailed || sum.TargetsFailed() > 0:
		return exitTargetError
	case sum.Failed > 0:
		return exitItemErrors
	case o.failOnFindings && sum.Findings > 0:
		return exitFindings
	}
	return exitOK
}

// scannerOptions validates the detector and confidence flags.
func (o *scanOptions) scannerOptions() (*detectors.Set, scanner.Options, error) {
	min, err := detectors.ParseConfidence(o.minConfidence)
	if err != nil {
		return nil, scanner.Options{}, fmt.Errorf("-min-confidence: %w", err)
	}
	if o.concurrency < 1 {
		return nil, scanner.Options{}, fmt.Errorf("-concurrency must be at least 1")
	}
	ds, err := selectDetectors(all.Detectors(), o.types, o.excludeTypes)
	if err != nil {
		return nil, scanner.Options{}, err
	}
	set, err := detectors.NewSet(ds)
	if err != nil {
		return nil, scanner.Options{}, err
	}
	return set, scanner.Options{Concurrency: o.concurrency, ShowData: o.showData, MinConfidence: min}, nil
}

func selectDetectors(ds []detectors.Detector, include, exclude string) ([]detectors.Detector, error) {
	known := map[string]bool{}
	for _, d := range ds {
		known[d.Type()] = true
	}
	parse := func(flagName, list string) (map[string]bool, error) {
		m := map[string]bool{}
		for _, t := range strings.Split(list, ",") {
			t = strings.TrimSpace(t)
			if t == "" {
				continue
			}
			if !known[t] {
				return nil, fmt.Errorf("%s: unknown detector type %q (see 'pmscan types')", flagName, t)
			}
			m[t] = true
		}
		return m, nil
	}
	inc, err := parse("-types", include)
	if err != nil {
		return nil, err
	}
	exc, err := parse("-exclude-types", exclude)
	if err != nil {
		return nil, err
	}
	var out []detectors.Detector
	for _, d := range ds {
		if (len(inc) == 0 || inc[d.Type()]) && !exc[d.Type()] {
			out = append(out, d)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no detector types selected")
	}
	return out, nil
}

func runTypes(stdout io.Writer) int {
	for _, t := range all.Types() {
		fmt.Fprintln(stdout, t)
	}
	return exitOK
}

// loadPolicy reads -policy, or the built-in policy.
func (o *scanOptions) loadPolicy() (*policy.Policy, error) {
	if o.policy == "" {
		return policy.Default(all.PolicyTypes()), nil
	}
	return policy.Load(o.policy, all.PolicyTypes())
}

// keepPerPlace reads -keep-findings.
func (o *scanOptions) keepPerPlace() (int, error) {
	if o.keepFindings == "all" {
		return store.KeepAll, nil
	}
	n, err := strconv.Atoi(o.keepFindings)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("-keep-findings %q: want a number of findings, or all", o.keepFindings)
	}
	return n, nil
}

// redactedCommand is the command line as the store keeps it: URLs with
// their passwords replaced.
func redactedCommand(args []string) string {
	parts := []string{"pmscan", "scan"}
	for _, a := range args {
		parts = append(parts, connectors.Redact(a))
	}
	return strings.Join(parts, " ")
}
