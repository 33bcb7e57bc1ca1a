package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/pmscan/pmscan/connectors"
	connall "github.com/pmscan/pmscan/connectors/all"
	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/detectors/all"
	"github.com/pmscan/pmscan/internal/i18n"
	"github.com/pmscan/pmscan/internal/privfile"
	"github.com/pmscan/pmscan/internal/safetext"
	"github.com/pmscan/pmscan/reports"
	"github.com/pmscan/pmscan/reports/inventory"
	"github.com/pmscan/pmscan/reports/jsonl"
	"github.com/pmscan/pmscan/reports/lookup"
	"github.com/pmscan/pmscan/reports/policy"
	"github.com/pmscan/pmscan/reports/store"
	"github.com/pmscan/pmscan/reports/text"
	"github.com/pmscan/pmscan/scanner"
)

// scanOptions is the scan command line, parsed. The connectors' own flags
// live in their factories.
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
	rules          filesFlag     // -rules: the company's own detectors
	company        *companyRules // read from -rules and the policy
	allow          filesFlag     // -allow: allow-list files
	allowed        *companyAllow // read from -allow and the policy
	state          string
	lookupKey      string // -lookup-key: the key file of the lookup index
	noIndex        bool   // -lookup-index=false
	stateRetry     time.Duration
	keepFindings   string
	zone           string
	full           bool
	fullEvery      string
	fullEveryD     time.Duration
	resume         bool
	resumeOf       *store.Scan // the scan -resume resumes
	distributed    bool        // -distributed: queue the scan's units for workers
	unitObjects    int         // -unit-objects
	unitMB         int         // -unit-mb
	unit           *unitRun    // set by pmscan worker: the scan is one unit of a distributed scan
	fs             *flag.FlagSet
	factories      []connectors.Factory
	p              *i18n.Printer // the language of messages and flag help
	targets        []string
	cmd            string // the command, when not pmscan scan (pmscan lookup opens targets too)
}

func (o *scanOptions) flags(fs *flag.FlagSet) {
	fs.StringVar(&o.format, "format", "text", o.p.Sprintf("output `FORMAT`: %s", formatUsage(o.p)))
	fs.StringVar(&o.output, "o", "", o.p.Sprintf("write the report to `FILE` (created readable by its owner only) instead of standard output"))
	fs.StringVar(&o.columns, "columns", "", o.p.Sprintf("databases: also write each table column's verdict (values read, values matched per type) to `FILE` as JSON lines"))
	fs.BoolVar(&o.showData, "show-data", false, o.p.Sprintf("include raw matched values in the output (they are masked otherwise)"))
	fs.IntVar(&o.concurrency, "concurrency", runtime.NumCPU(), o.p.Sprintf("detector workers"))
	fs.StringVar(&o.minConfidence, "min-confidence", "medium", o.p.Sprintf("report findings at or above `LEVEL`: low, medium or high"))
	fs.StringVar(&o.types, "types", "", o.p.Sprintf("comma-separated detector `TYPES` to run (default all; see 'pmscan types')"))
	fs.StringVar(&o.excludeTypes, "exclude-types", "", o.p.Sprintf("comma-separated detector `TYPES` not to run"))
	fs.BoolVar(&o.failOnFindings, "fail-on-findings", false, o.p.Sprintf("exit with status 1 when anything is found (for CI)"))
	fs.BoolVar(&o.quiet, "q", false, o.p.Sprintf("with -format jsonl: do not print skipped and unreadable items on standard error"))
	fs.StringVar(&o.progress, "progress", "auto", o.p.Sprintf("show a status line on standard error while scanning: `auto` (when it is a terminal), always or never"))
	fs.StringVar(&o.state, "state", "", o.p.Sprintf("keep the scan in this state store: a file (SQLite) or a postgres:// URL, or none to keep nothing (an ad-hoc scan; default: %s)", defaultStateHelp()))
	fs.StringVar(&o.lookupKey, "lookup-key", "", o.p.Sprintf("the key that the lookup index hashes identifiers with: a `FILE` of 64 hex digits (default: $PMSCAN_LOOKUP_KEY, else %s, made on first use)", defaultKeyHelp()))
	fs.BoolVar(&o.noIndex, "no-lookup-index", false, o.p.Sprintf("do not keep the lookup index of what the scan finds (pmscan lookup without targets then cannot find it)"))
	fs.DurationVar(&o.stateRetry, "state-retry", store.DefaultRetry.Budget, o.p.Sprintf("retry a state store that fails mid-scan for up to `DURATION`, the scan waiting, before the rest of the scan goes to a spool file (0: at once)"))
	fs.StringVar(&o.zone, "tz", "", o.p.Sprintf("write the report's times in time `ZONE`, e.g. Asia/Tokyo (default: the local zone, from TZ or the system)"))
	fs.StringVar(&o.keepFindings, "keep-findings", "100", o.p.Sprintf("keep the first `N` findings of each place, column and type in the state store, or all (the inventory counts every finding either way)"))
	fs.BoolVar(&o.full, "full", false, o.p.Sprintf("read every object, even those unchanged since the last scan of the same target (by default a scan carries them over from the state store)"))
	fs.StringVar(&o.fullEvery, "full-every", defaultFullEvery, o.p.Sprintf("read an unchanged object again once it was last read longer ago than `AGE` (e.g. 36h, 7d, 2w; 0: never)"))
	fs.BoolVar(&o.resume, "resume", false, o.p.Sprintf("resume the latest scan that was interrupted, killed or failed: its targets, with what it finished carried over (give the same flags as it had)"))
	fs.BoolVar(&o.distributed, "distributed", false, o.p.Sprintf("split the scan into units for workers on other machines (pmscan worker) and wait for them; needs a PostgreSQL -state"))
	fs.IntVar(&o.unitObjects, "unit-objects", 1000, o.p.Sprintf("with -distributed: at most `N` objects per unit"))
	fs.IntVar(&o.unitMB, "unit-mb", 1024, o.p.Sprintf("with -distributed: at most `MB` megabytes per unit (a larger object is a unit of its own)"))
	fs.StringVar(&o.policy, "policy", "", o.p.Sprintf("map findings onto the items of this policy `FILE` (YAML; default: the built-in policy, see 'pmscan policy init')"))
	fs.Var(&o.rules, "rules", o.p.Sprintf("also run the company's own detectors of this rules `FILE` (YAML, repeatable; see 'pmscan rules test')"))
	fs.Var(&o.allow, "allow", o.p.Sprintf("hold back the hits this allow-list `FILE` allows (YAML, repeatable): counted by entry in the report, not reported as findings"))
	fs.Var(&o.allow, "baseline", o.p.Sprintf("hold back the findings this baseline `FILE` suppresses ('pmscan baseline' writes it; the same as -allow)"))
	o.registerConnectorFlags(fs)
	localizeFlags(o.p, fs)
}

// registerConnectorFlags defines the connectors' own flags on fs (scan
// and lookup read the same stores).
func (o *scanOptions) registerConnectorFlags(fs *flag.FlagSet) {
	for _, f := range o.factories {
		if c, ok := f.(connectors.Configurable); ok {
			c.RegisterFlags(fs)
		}
	}
}

// applyConnectorFlags checks the connectors' flags and hands them over.
func (o *scanOptions) applyConnectorFlags() error {
	for _, f := range o.factories {
		if c, ok := f.(connectors.Configurable); ok {
			if err := c.ApplyFlags(); err != nil {
				return err
			}
		}
	}
	return nil
}

// formatUsage lists the output formats for -h, in p's language.
func formatUsage(p *i18n.Printer) string {
	var b strings.Builder
	for i, f := range reports.Formats() {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(f.Name + " (" + p.Translate(f.Usage) + ")")
	}
	return b.String()
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

// scanConfig is what the scan flags say, checked.
type scanConfig struct {
	scan   scanner.Options
	zone   *time.Location
	policy *policy.Policy
	keep   int
	format reports.Format
}

func runScan(ctx context.Context, p *i18n.Printer, args []string, stdout, stderr io.Writer) int {
	o := &scanOptions{factories: connall.Factories(), p: p}
	return o.scan(ctx, args, stdout, stderr).code
}

// scanOutcome is how one scan went: its exit code and, when it began, its
// ID in the store, its summary and inventory (for pmscan run and serve).
type scanOutcome struct {
	code int
	id   int64
	sum  *scanner.Summary
	inv  *inventory.Inventory
}

// scan runs the scan that args say: the scan command, and each scheduled
// scan of pmscan run and serve.
func (o *scanOptions) scan(ctx context.Context, args []string, stdout, stderr io.Writer) scanOutcome {
	p := o.p
	if code, ok := o.parse(args, stderr); !ok {
		return scanOutcome{code: code}
	}
	if o.unit != nil {
		o.unitOverrides()
	}
	if o.distributed {
		if err := o.checkDistributed(); err != nil {
			p.Fprintf(safetext.LineWriter(stderr), "pmscan scan: %v\n", err)
			return scanOutcome{code: exitUsage}
		}
	}
	cfg, err := o.config()
	if err != nil {
		p.Fprintf(stderr, "pmscan scan: %v\n", err)
		return scanOutcome{code: exitUsage}
	}
	display, err := o.progressDisplay(stdout, stderr)
	if err != nil {
		p.Fprintf(stderr, "pmscan scan: %v\n", err)
		return scanOutcome{code: exitUsage}
	}
	stderr = display.wrap(stderr) // messages erase the status line
	cfg.scan.Progress = display.progress()

	out, closeOut, err := o.openOutput(stdout)
	if err != nil {
		p.Fprintf(stderr, "pmscan scan: %v\n", err)
		return scanOutcome{code: exitTargetError}
	}
	defer closeOut()

	// The store outlives Ctrl-C: what was found is kept, marked interrupted.
	storeCtx := context.WithoutCancel(ctx)
	st, err := openScanState(storeCtx, o.state)
	if err != nil {
		p.Fprintf(stderr, "pmscan scan: %v\n", err)
		return scanOutcome{code: exitTargetError}
	}
	defer st.Close()
	if cfg.scan.ValueKey, err = st.ValueKey(storeCtx); err != nil {
		p.Fprintf(stderr, "pmscan scan: %v\n", err)
		return scanOutcome{code: exitTargetError}
	}
	if o.allowed != nil {
		o.allowed.list.SetKey(cfg.scan.ValueKey) // suppressions' fingerprints are keyed from it
	}

	index, err := o.lookupIndex(st)
	if err != nil {
		p.Fprintf(stderr, "pmscan scan: %v\n", err)
		return scanOutcome{code: exitUsage}
	}
	keyID := ""
	if index != nil {
		index.IndexAsMemberIDs(o.company.memberIDTypes()...)
		cfg.scan.Indexer, keyID = index, index.ID()
	}
	reading, err := o.reading(o.fs, cfg.policy, keyID)
	if err != nil {
		p.Fprintf(stderr, "pmscan scan: policy: %v\n", err)
		return scanOutcome{code: exitTargetError}
	}
	if o.resume && len(o.targets) == 0 {
		if err := o.resumeTargets(storeCtx, st.Store, stderr); err != nil {
			p.Fprintf(stderr, "pmscan scan: %v\n", err)
			return scanOutcome{code: exitTargetError}
		}
		if o.resumeOf.Info.Reading != reading {
			p.Fprintf(safetext.LineWriter(stderr), "pmscan scan: -resume: scan %s ran with other flags, another policy or another pmscan build, so nothing it read can be carried over; run it as it ran: %s\n",
				strconv.FormatInt(o.resumeOf.ID, 10), o.resumeOf.Info.Command)
			return scanOutcome{code: exitUsage}
		}
	}
	targets := o.openTargets(ctx, stderr)
	defer targets.close()
	info := store.ScanInfo{Targets: targets.names, Started: time.Now(), Policy: cfg.policy.Source, ShowData: o.showData, Command: redactedCommand(args), Reading: reading, LookupKey: keyID}
	switch {
	case o.unit != nil:
		info.Parent = o.unit.parent
	case o.distributed:
		info.Args = distributedArgs(args)
	}
	id, err := st.BeginScan(storeCtx, info)
	if err != nil {
		p.Fprintf(safetext.LineWriter(stderr), "pmscan scan: %v\n", err)
		return scanOutcome{code: exitTargetError}
	}
	runCtx := ctx
	switch {
	case o.unit != nil:
		for i := range targets.open {
			targets.open[i].Baseline = newUnitSelector(o.unit.objects, o.unit.after, o.unit.last)
		}
	case o.distributed:
		baselines, err := o.distribute(ctx, st.Store, id, targets, reading, stderr)
		if err != nil {
			p.Fprintf(safetext.LineWriter(stderr), "pmscan scan: %v\n", err)
			return scanOutcome{code: exitTargetError}
		}
		for i := range targets.open {
			targets.open[i].Baseline = baselines[targets.open[i].Name]
		}
		// What the units did is kept whole, even after Ctrl-C.
		runCtx = context.WithoutCancel(ctx)
	default:
		if err := o.baselines(storeCtx, st.Store, targets, id, reading); err != nil {
			p.Fprintf(safetext.LineWriter(stderr), "pmscan scan: %v\n", err)
			return scanOutcome{code: exitTargetError}
		}
	}
	builder := inventory.NewBuilder(cfg.policy)
	builder.EnableDigests()
	sinkOpts := o.sinkOptions(ctx, st, info, stderr)
	sinkOpts.Digests = builder
	kept := st.SinkWith(storeCtx, id, sinkOpts)
	defer kept.CloseSpool() // after the report has read it
	sinks := []scanner.Sink{builder, store.Sample(kept, cfg.keep)}
	var stream *jsonl.Stream
	if cfg.format.Stream != nil {
		var problem func(scanner.Problem) error
		if !o.quiet {
			problem = func(pr scanner.Problem) error { return sayProblem(p, stderr, pr) }
		}
		stream = cfg.format.Stream(out, problem)
		sinks = append(sinks, stream)
	}

	display.start()
	sum, err := scanner.Run(runCtx, cfg.scan, targets.open, scanner.Tee(sinks...))
	display.stop()
	failed := false
	if err != nil {
		p.Fprintf(safetext.LineWriter(stderr), "pmscan scan: %v\n", err) // it may name a target
		failed = true
	}
	targets.results(sum)
	inv := builder.Build(sum)
	if o.allowed != nil {
		inv.SetAllowed(sum, o.allowed.list.IDs(), o.allowed.list.Expired(), o.allowed.list.Reason)
	}
	if err := kept.Close(sum, inv); err != nil {
		p.Fprintf(stderr, "pmscan scan: %v\n", err)
		failed = true
	}
	lost := kept.Lost()
	if lost != nil {
		inv.StateStore = lossForReport(lost)
	}
	if err := o.writeResults(out, cfg.format, stream, reports.Result{Inventory: inv, Findings: kept.Findings(storeCtx), Problems: kept.Problems(storeCtx), Zone: cfg.zone, Language: p.Language()}, stderr); err != nil {
		p.Fprintf(stderr, "pmscan scan: writing the report: %v\n", err)
		failed = true
	}
	if err := closeOut(); err != nil {
		p.Fprintf(stderr, "pmscan scan: writing the report: %v\n", err)
		failed = true
	}
	switch {
	case lost != nil:
		sayLoss(p, stderr, lost, id, st.ephemeral, cfg.zone)
	case stream == nil && !failed && !st.ephemeral && o.unit == nil:
		n := strconv.FormatInt(id, 10) // not grouped: 1234, not 1,234
		p.Fprintf(stderr, "pmscan: kept as scan %s; 'pmscan report -scan %s -format html -o report.html' renders the ledger\n", n, n)
	}
	return scanOutcome{code: o.exitCode(sum, failed, lost != nil), id: id, sum: sum, inv: inv}
}

// parse reads the command line. Flags may come before or after the
// targets.
func (o *scanOptions) parse(args []string, stderr io.Writer) (code int, ok bool) {
	fs := flag.NewFlagSet("pmscan scan", flag.ContinueOnError)
	o.flags(fs)
	usage := func() {
		o.p.Fprintf(stderr, scanUsage)
		printDefaults(o.p, fs)
	}
	for {
		if code, ok := parseFlags(o.p, fs, args, stderr, usage); !ok {
			return code, false
		}
		if fs.NArg() == 0 {
			break
		}
		o.targets = append(o.targets, fs.Arg(0))
		args = fs.Args()[1:]
	}
	o.fs = fs
	if len(o.targets) == 0 && !o.resume {
		o.p.Fprintf(stderr, "pmscan scan: no TARGET given; run 'pmscan scan -h' for usage\n")
		return exitUsage, false
	}
	return exitOK, true
}

// config checks the flags.
func (o *scanOptions) config() (*scanConfig, error) {
	cfg := &scanConfig{}
	var err error
	if cfg.format, err = lookupFormat(o.format); err != nil {
		return nil, err
	}
	if cfg.format.Binary && o.output == "" {
		return nil, i18n.Errorf("-format %s needs -o FILE", o.format)
	}
	if o.company, err = loadRules(o.rules, o.policy); err != nil {
		return nil, err
	}
	if cfg.scan, err = o.scannerOptions(); err != nil {
		return nil, err
	}
	if o.allowed, err = o.loadAllow(); err != nil {
		return nil, err
	}
	if a := o.allowed.allower(); a != nil {
		cfg.scan.Allow = a
	}
	if cfg.zone, err = loadZone(o.zone); err != nil {
		return nil, err
	}
	if cfg.keep, err = o.keepPerPlace(); err != nil {
		return nil, err
	}
	if o.fullEvery != "0" {
		if o.fullEveryD, err = parseAge(o.fullEvery); err != nil {
			return nil, fmt.Errorf("-full-every: %w", err)
		}
	}
	if o.full && o.resume {
		return nil, i18n.Errorf("-full and -resume: choose one")
	}
	if o.stateRetry < 0 {
		return nil, i18n.Errorf("-state-retry must not be negative")
	}
	if cfg.policy, err = o.loadPolicy(); err != nil {
		return nil, err
	}
	if err := o.applyConnectorFlags(); err != nil {
		return nil, err
	}
	return cfg, nil
}

// openOutput opens -o, or takes stdout. close may be called twice.
func (o *scanOptions) openOutput(stdout io.Writer) (w io.Writer, close func() error, err error) {
	if o.output == "" {
		return stdout, func() error { return nil }, nil
	}
	f, err := privfile.Create(o.output)
	if err != nil {
		return nil, nil, err
	}
	closed := false
	return f, func() error {
		if closed {
			return nil
		}
		closed = true
		return f.Close()
	}, nil
}

// writeResults writes the report in its format (a stream has only to be
// flushed) and the column verdicts to -columns.
func (o *scanOptions) writeResults(out io.Writer, format reports.Format, stream *jsonl.Stream, res reports.Result, stderr io.Writer) error {
	if stream != nil {
		if err := stream.Flush(); err != nil {
			return err
		}
		if !o.quiet {
			fmt.Fprintf(stderr, "pmscan: %s\n", text.Headline(res.Inventory, res.Language))
			if c := res.Inventory.Changes; c != nil && c.Carried > 0 {
				o.p.Fprintf(stderr, "pmscan: %d objects were carried over unchanged from earlier scans: this stream holds the findings of the objects read; their totals are in the inventory, and -full streams every finding\n", c.Carried)
			}
		}
	} else if err := format.Write(out, res); err != nil {
		return err
	}
	if o.columns == "" {
		return nil
	}
	f, err := privfile.Create(o.columns)
	if err != nil {
		return err
	}
	if err := inventory.WriteColumns(f, res.Inventory.Columns); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// exitCode says how the scan went; failed is a failure outside the walk
// (a target that did not open, the store, the report), storeLost a state
// store that failed mid-scan and did not keep all of it.
func (o *scanOptions) exitCode(sum *scanner.Summary, failed, storeLost bool) int {
	switch {
	case sum.Interrupted:
		return exitInterrupted
	case failed || sum.TargetsFailed() > 0:
		return exitTargetError
	case storeLost:
		return exitStoreFailed
	case sum.Failed > 0:
		return exitItemErrors
	case o.failOnFindings && sum.Findings > 0:
		return exitFindings
	}
	return exitOK
}

// maxConcurrency bounds -concurrency: detectors are CPU-bound, so workers
// past the cores add nothing but memory (each holds its batches); 99,999,999
// of them grew to 2.3 GB before the first object was read.
const maxConcurrency = 256

// scannerOptions validates the detector and confidence flags.
func (o *scanOptions) scannerOptions() (scanner.Options, error) {
	min, err := detectors.ParseConfidence(o.minConfidence)
	if err != nil {
		return scanner.Options{}, fmt.Errorf("-min-confidence: %w", err)
	}
	if o.concurrency < 1 || o.concurrency > maxConcurrency {
		return scanner.Options{}, i18n.Errorf("-concurrency must be between 1 and %s", strconv.Itoa(maxConcurrency))
	}
	set, err := o.detectorSet()
	if err != nil {
		return scanner.Options{}, err
	}
	return scanner.Options{Detectors: set, Concurrency: o.concurrency, ShowData: o.showData, MinConfidence: min}, nil
}

// detectorSet builds the scan's detectors. A worker's units of one
// distributed scan share theirs: the units run with the same flags, and a
// set's keyword automaton takes milliseconds to build, which thousands of
// small units would pay again and again.
func (o *scanOptions) detectorSet() (*detectors.Set, error) {
	if o.unit != nil && o.unit.sets != nil {
		if set := o.unit.sets.get(o.unit.parent); set != nil {
			return set, nil
		}
	}
	ds, err := selectDetectors(append(all.Detectors(), o.company.detectors()...), o.types, o.excludeTypes)
	if err != nil {
		return nil, err
	}
	set, err := detectors.NewSet(ds)
	if err != nil {
		return nil, err
	}
	if o.unit != nil && o.unit.sets != nil {
		o.unit.sets.put(o.unit.parent, set)
	}
	return set, nil
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
				return nil, i18n.Errorf("%s: unknown detector type %q (see 'pmscan types')", flagName, t)
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
		return nil, i18n.Errorf("no detector types selected")
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
	if o.company == nil {
		// pmscan lookup and policy check read the policy alone: with the
		// rules it declares, whose types its items may list.
		var err error
		if o.company, err = loadRules(o.rules, o.policy); err != nil {
			return nil, err
		}
	}
	known := append(all.PolicyTypes(), o.company.types()...)
	pol := policy.Default(known)
	if o.policy != "" {
		var err error
		if pol, err = policy.Load(o.policy, known); err != nil {
			return nil, err
		}
	}
	return pol, o.company.mapItems(pol)
}

// keepPerPlace reads -keep-findings.
func (o *scanOptions) keepPerPlace() (int, error) {
	if o.keepFindings == "all" {
		return store.KeepAll, nil
	}
	n, err := strconv.Atoi(o.keepFindings)
	if err != nil || n < 0 {
		return 0, i18n.Errorf("-keep-findings %q: want a number of findings, or all", o.keepFindings)
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

// sayProblem prints a problem of a streaming scan on stderr, as it
// happens: "pmscan: skipped: WHERE: REASON", on one line whatever control
// characters the place's name or the reason hold.
func sayProblem(p *i18n.Printer, stderr io.Writer, pr scanner.Problem) error {
	stderr = safetext.LineWriter(stderr)
	var err error
	if pr.Skipped {
		_, err = p.Fprintf(stderr, "pmscan: skipped: %s: %v\n", pr.Location, pr.Err)
	} else {
		_, err = p.Fprintf(stderr, "pmscan: error: %s: %v\n", pr.Location, pr.Err)
	}
	return err
}

// lookupIndex returns the hashes of the lookup index the scan keeps, from
// the lookup key; nil for an ad-hoc scan, which keeps nothing, or with
// -no-lookup-index.
func (o *scanOptions) lookupIndex(st *scanState) (*lookup.Index, error) {
	if st.ephemeral || o.noIndex {
		return nil, nil
	}
	key, err := lookup.LoadKey(o.lookupKey, os.Getenv)
	if err != nil {
		return nil, err
	}
	return key.Index(), nil
}
