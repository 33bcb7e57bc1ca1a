package main

import (
	"errors"
	"flag"
	"io"
	"regexp"
	"strings"
	"time"

	"github.com/pmscan/pmscan/internal/i18n"
)

// parseFlags parses args into fs. -h prints usage (the full help) to
// stderr; any other error prints the flag package's one line and a
// pointer to -h, rather than every flag. ok is false when the command
// should stop, with code.
func parseFlags(p *i18n.Printer, fs *flag.FlagSet, args []string, stderr io.Writer, usage func()) (code int, ok bool) {
	return parseFlagsHelp(p, fs, args, stderr, usage, fs.Name())
}

// parseFlagsHelp is parseFlags for a command whose usage is under another
// command's -h: helpCmd's.
func parseFlagsHelp(p *i18n.Printer, fs *flag.FlagSet, args []string, stderr io.Writer, usage func(), helpCmd string) (code int, ok bool) {
	fs.SetOutput(io.Discard) // its errors are printed here, in p's language
	fs.Usage = func() {}     // the flag package calls it on every error
	err := fs.Parse(args)
	fs.SetOutput(stderr)
	switch {
	case err == nil:
		return exitOK, true
	case errors.Is(err, flag.ErrHelp):
		usage()
		return exitOK, false
	}
	return usageError(p, stderr, fs.Name(), helpCmd, flagError(err)), false
}

// usageError prints what is wrong with the command line of cmd, and which
// command's -h has the usage.
func usageError(p *i18n.Printer, stderr io.Writer, cmd, helpCmd string, err error) int {
	p.Fprintf(stderr, "%s: %v\n", cmd, err)
	p.Fprintf(stderr, "run '%s -h' for usage\n", helpCmd)
	return exitUsage
}

// flagErrors are the flag package's parse errors, each as a catalogue
// message, so that it prints in the user's language.
var flagErrors = []struct {
	re  *regexp.Regexp
	msg func(m []string) error
}{
	{regexp.MustCompile(`^flag provided but not defined: -(.*)$`),
		func(m []string) error { return i18n.Errorf("flag provided but not defined: -%s", m[1]) }},
	{regexp.MustCompile(`^flag needs an argument: -(.*)$`),
		func(m []string) error { return i18n.Errorf("flag needs an argument: -%s", m[1]) }},
	{regexp.MustCompile(`^invalid value ("[^"]*") for flag -([^:]+): (.*)$`),
		func(m []string) error { return i18n.Errorf("invalid value %s for flag -%s: %s", m[1], m[2], m[3]) }},
	{regexp.MustCompile(`^invalid boolean value ("[^"]*") for -([^:]+): (.*)$`),
		func(m []string) error { return i18n.Errorf("invalid boolean value %s for -%s: %s", m[1], m[2], m[3]) }},
	{regexp.MustCompile(`^bad flag syntax: (.*)$`),
		func(m []string) error { return i18n.Errorf("bad flag syntax: %s", m[1]) }},
}

// flagError is a parse error of the flag package in the user's language;
// an error it does not know, as it is.
func flagError(err error) error {
	for _, fe := range flagErrors {
		if m := fe.re.FindStringSubmatch(err.Error()); m != nil {
			return fe.msg(m)
		}
	}
	return err
}

// zoneFlag defines -tz on fs.
func zoneFlag(p *i18n.Printer, fs *flag.FlagSet) *string {
	return fs.String("tz", "", p.Sprintf("write the report's times in time `ZONE`, e.g. Asia/Tokyo (default: the local zone, from TZ or the system)"))
}

// loadZone reads -tz: "" is the local zone.
func loadZone(name string) (*time.Location, error) {
	if name == "" {
		return time.Local, nil
	}
	z, err := time.LoadLocation(name)
	if err != nil {
		return nil, i18n.Errorf("-tz: unknown time zone %q (want an IANA name such as Asia/Tokyo or UTC)", name)
	}
	return z, nil
}

// localizeFlags puts the help of flags registered outside this package
// (the connectors') into p's language.
func localizeFlags(p *i18n.Printer, fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) { f.Usage = p.Translate(f.Usage) })
}

// defaultNote is the flag package's "(default X)" at the end of a line.
var defaultNote = regexp.MustCompile(` \(default (.*)\)$`)

// printDefaults is fs.PrintDefaults with "(default X)" in p's language.
func printDefaults(p *i18n.Printer, fs *flag.FlagSet) {
	out := fs.Output()
	var b strings.Builder
	fs.SetOutput(&b)
	fs.PrintDefaults()
	fs.SetOutput(out)
	lines := strings.Split(b.String(), "\n")
	for i, l := range lines {
		if m := defaultNote.FindStringSubmatchIndex(l); m != nil {
			lines[i] = l[:m[0]] + p.Sprintf(" (default %s)", l[m[2]:m[3]])
		}
	}
	io.WriteString(out, strings.Join(lines, "\n"))
}
