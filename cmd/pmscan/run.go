package main

import (
	"context"
	"fmt"
	"io"
)

const usageText = `pmscan finds personal information in data stores.

Usage:
  pmscan scan [flags] TARGET...   scan files and directories (paths or file:// URLs), S3 (s3://),
                                  PostgreSQL (postgres://) and MySQL/MariaDB (mysql://, mariadb://)
  pmscan report [-scan ID] -format FORMAT -o FILE
                                  render a kept scan: text, jsonl, json (the inventory),
                                  csv or xlsx (the 個人情報管理台帳), html
  pmscan scans                    list the scans kept in the state store
  pmscan policy init [-o FILE]    write the built-in policy out, for editing
  pmscan policy check FILE        check a policy file
  pmscan types                    list the detector types
  pmscan version                  (or pmscan -version) the version and VCS revision
  pmscan help COMMAND             the flags of a command

Run 'pmscan help scan' for the scan flags.
`

// run dispatches a subcommand and returns the process exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usageText)
		return exitUsage
	}
	switch args[0] {
	case "scan":
		return runScan(ctx, args[1:], stdout, stderr)
	case "report":
		return runReport(ctx, args[1:], stdout, stderr)
	case "scans":
		return runScans(ctx, args[1:], stdout, stderr)
	case "policy":
		return runPolicy(args[1:], stdout, stderr)
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
		fmt.Fprint(stdout, usageText)
		return exitOK
	case "-h", "-help", "--help":
		fmt.Fprint(stdout, usageText)
		return exitOK
	}
	fmt.Fprintf(stderr, "pmscan: unknown command %q\n\n%s", args[0], usageText)
	return exitUsage
}
