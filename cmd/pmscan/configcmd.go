package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"time"

	connall "github.com/pmscan/pmscan/connectors/all"
	"github.com/pmscan/pmscan/internal/config"
	"github.com/pmscan/pmscan/internal/i18n"
	"github.com/pmscan/pmscan/internal/safetext"
)

const configUsage = `Usage:
  pmscan config init [-o FILE]   write a commented example config to FILE or standard output
  pmscan config check FILE       check FILE: its keys, each target's options and schedule;
                                 print the targets and when each runs next
`

// runConfig writes out or checks the config of pmscan run and serve.
func runConfig(p *i18n.Printer, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		p.Fprintf(stderr, configUsage)
		return exitUsage
	}
	switch args[0] {
	case "init":
		fs := flag.NewFlagSet("pmscan config init", flag.ContinueOnError)
		out := fs.String("o", "", p.Sprintf("write to `FILE` (not overwritten if it exists) instead of standard output"))
		if code, ok := parseFlags(p, fs, args[1:], stderr, func() { p.Fprintf(stderr, configUsage); printDefaults(p, fs) }); !ok {
			return code
		}
		if *out == "" {
			stdout.Write(config.Example)
			return exitOK
		}
		if err := writeNewFile(*out, config.Example, 0o644); err != nil {
			p.Fprintf(stderr, "pmscan config init: %v\n", err)
			return exitTargetError
		}
		return exitOK
	case "check":
		if len(args) != 2 {
			p.Fprintf(stderr, configUsage)
			return exitUsage
		}
		return checkConfig(p, args[1], stdout, stderr)
	}
	p.Fprintf(stderr, "pmscan config: unknown command %q\n\n%s", args[0], p.Sprintf(configUsage))
	return exitUsage
}

// checkConfig checks the config at path as pmscan run would read it, each
// target's options as its scan would take them, without opening a store.
func checkConfig(p *i18n.Printer, path string, stdout, stderr io.Writer) int {
	cfg, err := loadConfig(p, path)
	if err != nil {
		p.Fprintf(safetext.LineWriter(stderr), "pmscan config check: %v\n", err)
		return exitUsage
	}
	p.Fprintf(stdout, "%s: %d targets\n", cfg.Source, len(cfg.Targets))
	now := time.Now()
	for i := range cfg.Targets {
		t := &cfg.Targets[i]
		next := p.Sprintf("not scheduled: pmscan run only")
		if t.Scheduled() {
			n := t.Next(now)
			next = p.Sprintf("next run %s", n.Format(time.RFC3339))
		}
		fmt.Fprintf(safetext.LineWriter(stdout), "  %-20s %-8s %s  (%s)\n", t.Name, t.Kind(), t.StoreName(), next)
	}
	// Files the config names that are not on this machine (checked where
	// it is written, run where it is deployed) are said, not errors.
	for _, f := range []struct{ key, path string }{{"policy", cfg.Policy}, {"lookup_key", cfg.LookupKey}} {
		if _, err := os.Stat(f.path); f.path != "" && errors.Is(err, fs.ErrNotExist) {
			p.Fprintf(safetext.LineWriter(stdout), "  note: %s %s is not on this machine: not checked\n", f.key, f.path)
		}
	}
	for i := range cfg.Targets {
		t := &cfg.Targets[i]
		if _, err := os.Stat(t.PasswordFile); t.PasswordFile != "" && errors.Is(err, fs.ErrNotExist) {
			p.Fprintf(safetext.LineWriter(stdout), "  note: target %s: password_file %s is not on this machine\n", t.Name, t.PasswordFile)
		}
	}
	return exitOK
}

// loadConfig reads the config and checks each target's options as its
// scan will take them (detector types, -full-every, the policy when it is
// on this machine): a mistake is found by config check, not at 2 a.m.
func loadConfig(p *i18n.Printer, path string) (*config.Config, error) {
	cfg, err := config.Load(path)
	if err != nil {
		return nil, err
	}
	policyHere := cfg.Policy != ""
	if _, err := os.Stat(cfg.Policy); policyHere && errors.Is(err, fs.ErrNotExist) {
		policyHere = false
	}
	for i := range cfg.Targets {
		t := &cfg.Targets[i]
		o := &scanOptions{factories: connall.Factories(), p: p}
		args := scheduledArgs(cfg, t, "")
		if !policyHere {
			args = withoutFlag(args, "policy")
		}
		var msg strings.Builder
		if _, ok := o.parse(args, &msg); !ok {
			first, _, _ := strings.Cut(msg.String(), "\n")
			return nil, fmt.Errorf("%s:%d: target %q: %s", cfg.Source, t.Line(), t.Name, first)
		}
		if _, err := o.config(); err != nil {
			return nil, fmt.Errorf("%s:%d: target %q: %w", cfg.Source, t.Line(), t.Name, err)
		}
	}
	return cfg, nil
}

// withoutFlag is args without the flag -name=….
func withoutFlag(args []string, name string) []string {
	out := args[:0:0]
	for _, a := range args {
		if len(a) > len(name)+2 && a[:len(name)+2] == "-"+name+"=" {
			continue
		}
		out = append(out, a)
	}
	return out
}
