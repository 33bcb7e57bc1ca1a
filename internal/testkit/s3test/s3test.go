// Package s3test gives tests a real S3-compatible server: a fresh versitygw
// per test (Start), helpers to fill it, a non-root user that is denied one
// object (DenyGet), and a fault proxy in front of it (NewFaultProxy). The
// server checks every signature, so a test passes only if the client signs
// as real S3 wants.
//
// The versitygw binary comes from .ci/versitygw, which builds it into a
// version-keyed cache. When it cannot be had, a test fails in CI (CI set and
// not "false") and is skipped elsewhere with how to get it.
package s3test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// VersitygwVersion is the versitygw release the tests run; .ci/versitygw
// builds the same one.
const VersitygwVersion = "v1.8.0"

// Credentials is an access key pair.
type Credentials struct{ AccessKey, SecretKey string }

// Binary returns the path of the versitygw binary: PMSCAN_VERSITYGW if set,
// else the one in the version-keyed cache. When the cache has none it runs
// the repository's .ci/versitygw to build it and uses the path it prints.
// If that fails, the test fails in CI and is skipped elsewhere.
func Binary(tb testing.TB) string {
	tb.Helper()
	path, err := binary()
	if err != nil {
		unavailable(tb, err)
	}
	return path
}

// binaryOnce keeps a failed build from being retried (for minutes) by every
// test in the process.
var binaryOnce = sync.OnceValues(findOrBuild)

func binary() (string, error) {
	if p := os.Getenv("PMSCAN_VERSITYGW"); p != "" {
		if err := checkExecutable(p); err != nil {
			return "", fmt.Errorf("PMSCAN_VERSITYGW: %w", err)
		}
		return p, nil
	}
	return binaryOnce()
}

func findOrBuild() (string, error) {
	if p, err := cachedPath(); err == nil && checkExecutable(p) == nil {
		return p, nil
	}
	root, err := repoRoot()
	if err != nil {
		return "", err
	}
	script := filepath.Join(root, ".ci", "versitygw")
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(script)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("run %s: %w:\n%s", script, err, strings.TrimSpace(stderr.String()))
	}
	p := strings.TrimSpace(stdout.String())
	if err := checkExecutable(p); err != nil {
		return "", fmt.Errorf("%s printed %q: %w", script, p, err)
	}
	return p, nil
}

// cachedPath is where .ci/versitygw keeps the binary. It follows the
// script's ${XDG_CACHE_HOME:-$HOME/.cache} rather than os.UserCacheDir,
// which differs on macOS.
func cachedPath() (string, error) {
	dir := os.Getenv("XDG_CACHE_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("find the cache directory: %w", err)
		}
		dir = filepath.Join(home, ".cache")
	}
	return filepath.Join(dir, "pmscan", "versitygw", VersitygwVersion, "versitygw"), nil
}

func checkExecutable(path string) error {
	fi, err := os.Stat(path)
	if err != nil {
		return err
	}
	if fi.IsDir() || fi.Mode().Perm()&0o111 == 0 {
		return fmt.Errorf("%s is not an executable file", path)
	}
	return nil
}

// repoRoot walks up from the working directory, which go test sets to the
// package directory, to the directory holding go.mod.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("find the repository root: %w", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("find the repository root: no go.mod above the working directory")
		}
		dir = parent
	}
}

func inCI() bool {
	v := os.Getenv("CI")
	return v != "" && v != "false" && v != "0"
}

// unavailable fails in CI and skips elsewhere.
func unavailable(tb testing.TB, err error) {
	tb.Helper()
	if inCI() {
		tb.Fatalf("versitygw %s is not available in CI: %v", VersitygwVersion, err)
	}
	tb.Skipf("versitygw %s is not available (%v): run .ci/versitygw to build it (needs Go and the module proxy), or set PMSCAN_VERSITYGW to a versitygw binary", VersitygwVersion, err)
}
