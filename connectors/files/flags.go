package files

import (
	"flag"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/connectors/formats"
	"github.com/pmscan/pmscan/internal/i18n"
	"github.com/pmscan/pmscan/internal/units"
)

var _ connectors.Configurable = (*Factory)(nil)

// flagValues are the file-tree flags as given.
type flagValues struct {
	excludePaths   string
	followSymlinks bool
	oneFileSystem  bool
	formats        *formats.Flags // shared with the S3 connector
}

// RegisterFlags defines the file-tree flags on fs.
func (f *Factory) RegisterFlags(fs *flag.FlagSet) {
	v := &flagValues{}
	f.flags = v
	fs.StringVar(&v.excludePaths, "exclude-paths", "", "files: do not scan paths matching these comma-separated `GLOBS`, "+
		"relative to the target directory (* and ? within a segment, ** across; a glob without / matches a file or directory name at any depth, "+
		"such as .git or *.bak; a trailing / matches directories only); a matching directory is not entered")
	// The short name, for the common case: one dash less to type.
	fs.StringVar(&v.excludePaths, "exclude", "", "files: the same as -exclude-paths")
	fs.BoolVar(&v.followSymlinks, "follow-symlinks", false, "files: follow symbolic links that lead out of the target directory "+
		"(links within it are always followed; /proc, /sys, /dev and other pseudo-filesystems are never entered)")
	fs.BoolVar(&v.oneFileSystem, "one-file-system", false, "files: do not enter directories on another file system than the target's, like find -xdev")
	v.formats = formats.RegisterFlags(fs)
}

// ApplyFlags checks the file-tree flags and makes them the factory's
// options.
func (f *Factory) ApplyFlags() error {
	if f.flags == nil {
		return nil
	}
	globs := units.List(f.flags.excludePaths)
	if err := validateExclude(globs); err != nil {
		return i18n.Errorf("-exclude-paths: %v", err)
	}
	f.Exclude = globs
	f.FollowSymlinks = f.flags.followSymlinks
	f.OneFileSystem = f.flags.oneFileSystem
	return f.flags.formats.Apply(&f.Formats)
}
