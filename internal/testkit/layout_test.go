package testkit

import (
	"os/exec"
	"strings"
	"testing"
)

// harnesses are the folders of test harnesses and data generators.
var harnesses = []string{
	"github.com/pmscan/pmscan/internal/testkit",
	"github.com/pmscan/pmscan/connectors/conntest",
	"github.com/pmscan/pmscan/detectors/detectortest",
}

// devTools are commands for developers, which may use the harnesses.
var devTools = []string{
	"github.com/pmscan/pmscan/cmd/pmscan-eval",
	"github.com/pmscan/pmscan/cmd/pmscan-testdata",
}

func under(pkg string, roots []string) bool {
	for _, r := range roots {
		if pkg == r || strings.HasPrefix(pkg, r+"/") {
			return true
		}
	}
	return false
}

// TestProductImportsNoTestkit: no product package, test files aside,
// depends on a harness or a generator.
func TestProductImportsNoTestkit(t *testing.T) {
	// go test puts its own GOROOT/bin first on the test's PATH, so "go" is
	// the toolchain that runs the test (runtime.GOROOT is deprecated).
	out, err := exec.Command("go", "list", "-deps=false", "-f", `{{.ImportPath}}{{range .Deps}} {{.}}{{end}}`, "github.com/pmscan/pmscan/...").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	checked := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		pkg, deps := fields[0], fields[1:]
		if under(pkg, harnesses) || under(pkg, devTools) {
			continue
		}
		checked++
		for _, d := range deps {
			if under(d, harnesses) {
				t.Errorf("%s imports %s, a test harness", pkg, d)
			}
		}
	}
	if checked < 30 {
		t.Errorf("only %d product packages checked", checked)
	}
}
