package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/pmscan/pmscan/internal/i18n"
)

const usageText = `pmscan finds personal information in data stores.

Usage:
  pmscan scan [flags] TARGET...   scan files and directories (paths or file:// URLs), S3 (s3://),
                                  PostgreSQL (postgres://) and MySQL/MariaDB (mysql://, mariadb://)
  pmscan report [-scan ID] -format FORMAT -o FILE
                                  render a kept scan: text, jsonl, json (the inventory),
                                  csv or xlsx (the 個人情報管理台帳), html
  pmscan diff [-from ID -to ID] [-format text|json|html]
                                  what changed between two kept scans (default: the latest
                                  two of the same targets)
  pmscan lookup [-name N] [-email E] [-phone P] … TARGET...
                                  find the records that hold one person's data (開示等の請求)
  pmscan lookups                  list the lookups recorded in the state store's audit trail
  pmscan scans                    list the scans kept in the state store
  pmscan scans prune [-keep N] [-older-than D]   delete old scans
  pmscan scans import SPOOL       add a scan kept in a spool file (the store failed) to the store
  pmscan policy init [-o FILE]    write the built-in policy out, for editing
  pmscan policy check FILE        check a policy file
  pmscan run -config FILE [NAME...]   run the config's targets once (a systemd timer, a CronJob)
  pmscan serve -config FILE [-listen ADDR]   run the config's targets on their schedules
  pmscan worker -state URL        run the units of distributed scans (pmscan scan -distributed)
  pmscan config init|check        write an example config, or check one
  pmscan rules test FILE          run the examples of the company's own detectors
  pmscan baseline -o FILE         write a kept scan's findings as suppressions, for -baseline
  pmscan types                    list the detector types
  pmscan version                  (or pmscan -version) the version and VCS revision
  pmscan help COMMAND             the flags of a command

Run 'pmscan help scan' for the scan flags.
`

// run dispatches a subcommand and returns the process exit code. Its
// messages are in the language of the locale (LC_ALL, LC_MESSAGES, LANG).
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	p := i18n.FromEnv(os.Getenv)
	if len(args) == 0 {
		p.Fprintf(stderr, usageText)
		return exitUsage
	}
	switch args[0] {
	case "scan":
		return runScan(ctx, p, args[1:], stdout, stderr)
	case "report":
		return runReport(ctx, p, args[1:], stdout, stderr)
	case "diff":
		return runDiff(ctx, p, args[1:], stdout, stderr)
	case "lookup":
		return runLookup(ctx, p, args[1:], stdout, stderr)
	case "lookups":
		return runLookups(ctx, p, args[1:], stdout, stderr)
	case "scans":
		return runScans(ctx, p, args[1:], stdout, stderr)
	case "policy":
		return runPolicy(p, args[1:], stdout, stderr)
	case "config":
		return runConfig(p, args[1:], stdout, stderr)
	case "rules":
		return runRules(p, args[1:], stdout, stderr)
	case "baseline":
		return runBaseline(ctx, p, args[1:], stdout, stderr)
	case "run":
		return runFromConfig(ctx, p, args[1:], stderr)
	case "serve":
		return runServe(ctx, p, args[1:], stderr)
	case "worker":
		return runWorker(ctx, p, args[1:], stderr)
	case "types":
		return runTypes(stdout)
	case "version", "-version", "--version":
		fmt.Fprintln(stdout, versionText())
		return exitOK
	case "help":
		if len(args) > 1 && args[1] != "help" {
			// Help asked for goes to stdout, to page or grep.
			return run(ctx, []string{args[1], "-h"}, stdout, stdout)
		}
		p.Fprintf(stdout, usageText)
		return exitOK
	case "-h", "-help", "--help":
		p.Fprintf(stdout, usageText)
		return exitOK
	}
	p.Fprintf(stderr, "pmscan: unknown command %q\n\n%s", args[0], p.Sprintf(usageText))
	return exitUsage
}
