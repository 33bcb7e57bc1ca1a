package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/pmscan/pmscan/internal/i18n"
	"github.com/pmscan/pmscan/reports/policy"
)

const policyUsage = `Usage:
  pmscan policy init [-o FILE]   write the built-in policy (YAML) to FILE or standard output
  pmscan policy check FILE       parse and check FILE; print what it declares
`

// runPolicy writes out or checks a policy file.
func runPolicy(p *i18n.Printer, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		p.Fprintf(stderr, policyUsage)
		return exitUsage
	}
	switch args[0] {
	case "init":
		fs := flag.NewFlagSet("pmscan policy init", flag.ContinueOnError)
		out := fs.String("o", "", p.Sprintf("write to `FILE` (not overwritten if it exists) instead of standard output"))
		if code, ok := parseFlags(p, fs, args[1:], stderr, func() { p.Fprintf(stderr, policyUsage); printDefaults(p, fs) }); !ok {
			return code
		}
		if *out == "" {
			stdout.Write(policy.DefaultYAML())
			return exitOK
		}
		if err := writeNewFile(*out, policy.DefaultYAML(), 0o644); err != nil {
			p.Fprintf(stderr, "pmscan policy init: %v\n", err)
			return exitTargetError
		}
		return exitOK
	case "check":
		if len(args) != 2 {
			p.Fprintf(stderr, policyUsage)
			return exitUsage
		}
		// As a scan reads it: with the company's rules it declares.
		o := &scanOptions{policy: args[1]}
		pol, err := o.loadPolicy()
		if err != nil {
			p.Fprintf(stderr, "pmscan policy check: %v\n", err)
			return exitUsage
		}
		p.Fprintf(stdout, "%s: %d items, %d stores\n", pol.Source, len(pol.Items), len(pol.Stores))
		for _, it := range pol.Items {
			held := p.Sprintf("held")
			if !it.IsHeld() {
				held = p.Sprintf("not held")
			}
			fmt.Fprintf(stdout, "  %s\t%s\t%s\t%v\n", it.Name, it.Class, held, it.Types)
		}
		return exitOK
	}
	p.Fprintf(stderr, "pmscan policy: unknown command %q\n\n%s", args[0], p.Sprintf(policyUsage))
	return exitUsage
}

// writeNewFile writes data to a new file at path, with perm; a file there
// already is an error, not overwritten.
func writeNewFile(path string, data []byte, perm os.FileMode) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
