package main

import (
	"fmt"
	"os"
	"testing"
)

// TestMain keeps the tests' scans out of the developer's own state store
// and lookups' key out of their configuration: the default store lives
// under a temporary XDG_STATE_HOME, the key under XDG_CONFIG_HOME there.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "pmscan-state-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Setenv("XDG_STATE_HOME", dir)
	os.Setenv("XDG_CONFIG_HOME", dir)
	os.Unsetenv("PMSCAN_LOOKUP_KEY")
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
