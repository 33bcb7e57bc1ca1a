package connectors

import "flag"

// Configurable is a Factory whose options are command-line flags, defined
// and checked by the connector's own package: the command only parses.
type Configurable interface {
	Factory
	// RegisterFlags defines the connector's flags on fs. Connectors that
	// share flags (PostgreSQL and MySQL) share one set, defined once per
	// FlagSet whichever registers first.
	RegisterFlags(fs *flag.FlagSet)
	// ApplyFlags checks the flags' values once fs is parsed and makes them
	// the factory's options.
	ApplyFlags() error
}
