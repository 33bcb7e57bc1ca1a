package main

import (
	"context"
	"flag"
	"io"
	"os"
	"strconv"

	"github.com/pmscan/pmscan/internal/i18n"
	"github.com/pmscan/pmscan/reports/store"
)

// importFlags defines the flags of 'pmscan scans import'.
func importFlags(p *i18n.Printer, fs *flag.FlagSet) *string { return stateFlagIn(p, fs) }

// runImport moves spools into the state store: the files where scans kept
// what their state store, failing, could not (see storefail.go). The
// store's scan of the same ID, left unfinished, gets the spool's findings,
// problems and end; importing a spool twice does nothing more. The spool
// is left for the user to delete.
func runImport(ctx context.Context, p *i18n.Printer, args []string, stdout, stderr io.Writer) int {
	const cmd = "pmscan scans import"
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	state := importFlags(p, fs)
	var spools []string
	for { // flags before or after the spools
		if code, ok := parseFlagsHelp(p, fs, args, stderr, func() { printScansUsage(p, stderr) }, scansCmd); !ok {
			return code
		}
		if fs.NArg() == 0 {
			break
		}
		spools = append(spools, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(spools) == 0 {
		return usageError(p, stderr, cmd, scansCmd, i18n.Errorf("no SPOOL given"))
	}
	st, err := openState(ctx, *state)
	if err != nil {
		p.Fprintf(stderr, "pmscan scans import: %v\n", err)
		return exitTargetError
	}
	defer st.Close()
	code := exitOK
	for _, path := range spools {
		if err := importSpool(ctx, p, st, path, stdout); err != nil {
			p.Fprintf(stderr, "pmscan scans import: %v\n", err)
			code = exitTargetError
		}
	}
	return code
}

// importSpool imports every scan of the spool at path into st.
func importSpool(ctx context.Context, p *i18n.Printer, st *store.Store, path string, stdout io.Writer) error {
	if _, err := os.Stat(path); err != nil {
		return err // store.Open would make a new, empty store
	}
	spool, err := store.Open(ctx, path)
	if err != nil {
		return err
	}
	defer spool.Close()
	scans, err := spool.Scans(ctx, 0)
	if err != nil {
		return err
	}
	if len(scans) == 0 {
		return i18n.Errorf("%s holds no scan", path)
	}
	for _, sc := range scans {
		if err := st.ImportScan(ctx, spool, sc.ID); err != nil {
			return err
		}
		p.Fprintf(stdout, "pmscan scans import: scan %s imported from %s; the spool may be deleted\n", strconv.FormatInt(sc.ID, 10), path)
	}
	return nil
}
