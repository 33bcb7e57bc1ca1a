package main

// Exit codes. Scripts rely on them; README.md documents them. When several
// apply, exitCode takes the first of 130, 3, 5, 4, 1: a scan that stopped,
// or whose targets or report failed, before one whose store lost some of
// it, before one whose items could not all be read.
const (
	exitOK          = 0   // scan completed; every target was read
	exitFindings    = 1   // --fail-on-findings and something was found
	exitUsage       = 2   // bad command line
	exitTargetError = 3   // a target could not be read at all, or output could not be written
	exitItemErrors  = 4   // scan completed, but some files or objects could not be read
	exitStoreFailed = 5   // scan completed and its report written, but the state store failed and did not keep all of it
	exitInterrupted = 130 // stopped by Ctrl-C or SIGTERM; what was found is written
)
