package main

import (
	"errors"
	"flag"
	"io"
	"time"

	"github.com/pmscan/pmscan/internal/i18n"
)

// parseFlags parses args into fs. -h prints usage (the full help) to
// stderr; any other error prints the flag package's one line and a
// pointer to -h, rather than every flag. ok is false when the command
// should stop, with code.
func parseFlags(p *i18n.Printer, fs *flag.FlagSet, args []string, stderr io.Writer, usage func()) (code int, ok bool) {
	fs.SetOutput(stderr)
	fs.Usage = func() {} // the flag package calls it on every error
	err := fs.Parse(args)
	switch {
	case err == nil:
		return exitOK, true
	case errors.Is(err, flag.ErrHelp):
		usage()
		return exitOK, false
	}
	p.Fprintf(stderr, "run '%s -h' for usage\n", fs.Name())
	return exitUsage, false
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
