package main

import (
	"fmt"
	"os"
	"testing"
)

// TestMain keeps the tests' scans out of the developer's own state store:
// the default store lives under a temporary XDG_STATE_HOME.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "pmscan-state-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Setenv("XDG_STATE_HOME", dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
