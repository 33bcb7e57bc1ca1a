package formats

import (
	"flag"
	"time"

	"github.com/pmscan/pmscan/internal/i18n"
)

// ObjectTimeoutFlag is the name of the flag that sets
// Options.ObjectTimeout, shared by the connectors that read objects
// through Read (files, S3).
const ObjectTimeoutFlag = "object-timeout"

// Flags are the command-line flags of Read's options, shared by the
// connectors that read objects: each registers them, and the first to do
// so on a FlagSet defines them.
type Flags struct{ timeout flag.Getter }

// RegisterFlags defines the flags on fs, unless a connector did already.
func RegisterFlags(fs *flag.FlagSet) *Flags {
	if f := fs.Lookup(ObjectTimeoutFlag); f != nil {
		if g, ok := f.Value.(flag.Getter); ok {
			return &Flags{timeout: g}
		}
	}
	fs.Duration(ObjectTimeoutFlag, DefaultObjectTimeout, "files and S3: stop reading an object whose reading takes longer than `DURATION` "+
		"(time waiting for the store or for the detectors not counted); it is recorded as unread (timeout) after what was read, and the scan goes on; 0 for no limit")
	return &Flags{timeout: fs.Lookup(ObjectTimeoutFlag).Value.(flag.Getter)}
}

// Apply checks the flags' values, once parsed, and sets them in o.
func (f *Flags) Apply(o *Options) error {
	if f == nil {
		return nil
	}
	d, _ := f.timeout.Get().(time.Duration)
	switch {
	case d < 0:
		return i18n.Errorf("-object-timeout must not be negative")
	case d == 0:
		o.ObjectTimeout = -1 // none
	default:
		o.ObjectTimeout = d
	}
	return nil
}
