package main

import (
	"context"
	"errors"
	"flag"
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/pmscan/pmscan/connectors"
	connall "github.com/pmscan/pmscan/connectors/all"
	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/internal/i18n"
	"github.com/pmscan/pmscan/internal/safetext"
	"github.com/pmscan/pmscan/reports/lookup"
	"github.com/pmscan/pmscan/reports/policy"
	"github.com/pmscan/pmscan/reports/store"
	"github.com/pmscan/pmscan/scanner"
)

const lookupUsage = `Usage: pmscan lookup [flags] [TARGET...]

Finds the records that hold one person's data, for a disclosure request
(開示等の請求): give what the person gave (any of -name, -kana, -email,
-phone, -birth-date, -address, -member-id, -my-number). Without TARGETs
it answers from the lookup index that every scan keeps in the state
store (what the latest scan of each target found; the scans' lookup key
is needed); with TARGETs it searches those stores live, as pmscan scan
reads them. A record (a row, a CSV or JSON Lines line, a JSON array
element, a line of text, a spreadsheet row) matches when it holds one
strong identifier (e-mail, phone, member ID, My Number) or two weaker
ones (the name, the birth date, the address); the name alone is a
possible match; records of other people that share an identifier are
near misses.

Flags:
`

// stringList is a flag that may be given several times.
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ",") }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }

type lookupOptions struct {
	in          lookup.Input
	format      string
	output      string
	showData    bool
	concurrency int
	state       string // the store whose audit trail records the lookup
	keyFile     string
	scan        *scanOptions // the targets, the policy, and the connectors' flags
}

func runLookup(ctx context.Context, p *i18n.Printer, args []string, stdout, stderr io.Writer) int {
	o := &lookupOptions{scan: &scanOptions{factories: connall.Factories(), p: p, cmd: "pmscan lookup"}}
	fs := flag.NewFlagSet("pmscan lookup", flag.ContinueOnError)
	fs.StringVar(&o.in.Name, "name", "", p.Sprintf("the person's name in kanji, e.g. \"山田 花子\" (a space between surname and given name lets a family member be told apart)"))
	fs.StringVar(&o.in.Kana, "kana", "", p.Sprintf("the name's reading in katakana or hiragana"))
	fs.Var((*stringList)(&o.in.Emails), "email", p.Sprintf("an e-mail address (repeatable)"))
	fs.Var((*stringList)(&o.in.Phones), "phone", p.Sprintf("a phone number in any format (repeatable)"))
	fs.StringVar(&o.in.BirthDate, "birth-date", "", p.Sprintf("the birth date: 1990-02-03, 1990年2月3日 or 平成2年2月3日"))
	fs.StringVar(&o.in.Address, "address", "", p.Sprintf("the address, with or without the prefecture"))
	fs.Var((*stringList)(&o.in.MemberIDs), "member-id", p.Sprintf("a member or customer ID (repeatable)"))
	fs.StringVar(&o.in.MyNumber, "my-number", "", p.Sprintf("the My Number (12 digits)"))
	fs.StringVar(&o.format, "format", "json", p.Sprintf("output `FORMAT`: json, csv, html or xlsx (the last two in Japanese, for the privacy office; xlsx needs -o)"))
	fs.StringVar(&o.output, "o", "", p.Sprintf("write the result to `FILE` (created readable by its owner only) instead of standard output"))
	fs.BoolVar(&o.showData, "show-data", false, p.Sprintf("include the matched values in the output (they are masked otherwise)"))
	fs.IntVar(&o.concurrency, "concurrency", runtime.NumCPU(), p.Sprintf("detector workers"))
	fs.StringVar(&o.state, "state", "", p.Sprintf("record the lookup in the audit trail of this state store: a file (SQLite) or a postgres:// URL, or none (default: %s)", defaultStateHelp()))
	fs.StringVar(&o.keyFile, "lookup-key", "", p.Sprintf("the lookup key, which the index is searched with and the audit trail hashes what was given with: a `FILE` of 64 hex digits (default: $PMSCAN_LOOKUP_KEY, else %s)", defaultKeyHelp()))
	fs.StringVar(&o.scan.policy, "policy", "", p.Sprintf("name each identifier's item, purpose of use and retention from this policy `FILE` (YAML; default: the built-in policy)"))
	o.scan.registerConnectorFlags(fs)
	localizeFlags(p, fs)
	usage := func() {
		p.Fprintf(stderr, lookupUsage)
		printDefaults(p, fs)
	}
	for {
		if code, ok := parseFlags(p, fs, args, stderr, usage); !ok {
			return code
		}
		if fs.NArg() == 0 {
			break
		}
		o.scan.targets = append(o.scan.targets, fs.Arg(0))
		args = fs.Args()[1:]
	}
	q, err := lookup.Parse(o.in)
	if err != nil {
		p.Fprintf(stderr, "pmscan lookup: %v\n", err)
		return exitUsage
	}
	format, err := lookup.FormatNamed(o.format)
	if err == nil && format.Binary && o.output == "" {
		err = i18n.Errorf("-format %s needs -o FILE", o.format)
	}
	if err != nil {
		p.Fprintf(stderr, "pmscan lookup: -format: %v\n", err)
		return exitUsage
	}
	if err := o.scan.applyConnectorFlags(); err != nil {
		p.Fprintf(stderr, "pmscan lookup: %v\n", err)
		return exitUsage
	}
	pol, err := o.scan.loadPolicy()
	if err != nil {
		p.Fprintf(stderr, "pmscan lookup: -policy: %v\n", err)
		return exitUsage
	}
	fromIndex := len(o.scan.targets) == 0
	if fromIndex && o.state == stateNone {
		p.Fprintf(stderr, "pmscan lookup: no TARGET given, and -state none: give the stores to search, or the state store whose index to search\n")
		return exitUsage
	}
	// The audit trail outlives Ctrl-C: a lookup that stopped is recorded so.
	storeCtx := context.WithoutCancel(ctx)
	var (
		st  *store.Store
		key lookup.Key
	)
	if o.state != stateNone {
		load := lookup.LoadKey
		if fromIndex {
			load = lookup.ReadKey // a new key would find nothing
		}
		if key, err = load(o.keyFile, os.Getenv); err != nil {
			if errors.Is(err, lookup.ErrNoKey) {
				p.Fprintf(stderr, "pmscan lookup: %v: the index can be searched only with the key the scans hashed with; give it with -lookup-key FILE or $PMSCAN_LOOKUP_KEY\n", err)
			} else {
				p.Fprintf(stderr, "pmscan lookup: %v\n", err)
			}
			return exitUsage
		}
		if st, err = openState(storeCtx, o.state); err != nil {
			p.Fprintf(stderr, "pmscan lookup: %v\n", err)
			return exitTargetError
		}
		defer st.Close()
	}
	started := time.Now()
	// Standard output is not closed; a file is, and its close error counts.
	o.scan.output = o.output
	out, closeOut, err := o.scan.openOutput(stdout)
	if err != nil {
		p.Fprintf(stderr, "pmscan lookup: %v\n", err)
		return exitTargetError
	}
	defer closeOut()

	var (
		res    *lookup.Result
		code   int
		status string
	)
	if fromIndex {
		res, code, status = o.searchIndex(ctx, p, st, q, key, pol, stderr)
	} else {
		res, code, status = o.searchLive(ctx, p, q, pol, stderr)
	}
	if res == nil {
		return code
	}
	res.Started = started
	if writeErr := format.Write(out, res); writeErr != nil || closeOut() != nil {
		if writeErr == nil {
			writeErr = closeOut()
		}
		p.Fprintf(stderr, "pmscan lookup: writing the result: %v\n", writeErr)
		code, status = exitTargetError, store.LookupFailed
	}
	p.Fprintf(stderr, "pmscan lookup: %d matches, %d possible matches (name only), %d near misses in %d objects\n",
		len(res.Matches), len(res.PossibleMatches), len(res.NearMisses), res.Objects)
	if st != nil {
		kinds := make([]string, len(res.Query))
		for i, k := range res.Query {
			kinds[i] = string(k)
		}
		id, err := st.RecordLookup(storeCtx, store.Lookup{Started: started, Finished: time.Now(), Status: status,
			Kinds: kinds, QueryHashes: q.Hashes(key), Targets: res.Targets, Matches: int64(len(res.Matches)),
			Possible: int64(len(res.PossibleMatches)), NearMisses: int64(len(res.NearMisses)), NotSearched: int64(len(res.Problems)) + res.MoreProblems})
		if err != nil {
			p.Fprintf(stderr, "pmscan lookup: %v\n", err)
			if code == exitOK || code == exitItemErrors {
				code = exitStoreFailed
			}
			return code
		}
		p.Fprintf(stderr, "pmscan lookup: recorded as lookup %s in the audit trail ('pmscan lookups' lists them)\n", strconv.FormatInt(id, 10))
	}
	return code
}

// searchLive reads the targets with the detectors the query needs. A nil
// result ends the lookup with the code.
func (o *lookupOptions) searchLive(ctx context.Context, p *i18n.Printer, q *lookup.Query, pol *policy.Policy, stderr io.Writer) (*lookup.Result, int, string) {
	set, err := detectors.NewSet(q.Detectors())
	if err != nil {
		p.Fprintf(stderr, "pmscan lookup: %v\n", err)
		return nil, exitTargetError, ""
	}
	targets := o.scan.openTargets(ctx, stderr)
	defer targets.close()
	collector := lookup.NewCollector(q, pol, o.showData)
	// ShowData: names and birth dates are compared with the query's; the
	// result masks them unless -show-data.
	sum, err := scanner.Run(ctx, scanner.Options{Detectors: set, Concurrency: o.concurrency, ShowData: true}, targets.open, collector)
	failed := false
	if err != nil {
		p.Fprintf(safetext.LineWriter(stderr), "pmscan lookup: %v\n", err)
		failed = true
	}
	targets.results(sum)
	res := collector.Result()
	res.Targets = targets.names
	res.Interrupted = sum.Interrupted
	res.Items = sum.Records
	for _, t := range sum.Targets {
		if t.Err != nil {
			res.Problems = append(res.Problems, lookup.Problem{Object: t.Name, Location: connectors.LocationJSON{Store: t.Name}, Error: t.Err.Error()})
		}
	}
	switch {
	case sum.Interrupted:
		return res, exitInterrupted, store.LookupInterrupted
	case failed || sum.TargetsFailed() > 0:
		return res, exitTargetError, store.LookupFailed
	case len(res.Problems) > 0:
		return res, exitItemErrors, store.LookupIncomplete
	}
	return res, exitOK, store.LookupComplete
}

// defaultKeyHelp names the default key file for -h.
func defaultKeyHelp() string {
	if p, err := lookup.DefaultKeyPath(); err == nil {
		return p
	}
	return "$XDG_CONFIG_HOME/pmscan/lookup.key"
}
