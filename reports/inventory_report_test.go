package reports

import (
	"bytes"
	"testing"

	"github.com/pmscan/pmscan/internal/testkit/golden"

	"github.com/pmscan/pmscan/detectors/all"
	"github.com/pmscan/pmscan/reports/inventory"
	"github.com/pmscan/pmscan/reports/policy"
)

// TestInventoryTextGolden: with a policy, the text summary opens with the
// conformance flags and the items held, Japanese columns aligned.
func TestInventoryTextGolden(t *testing.T) {
	p, err := policy.Load("testdata/policy.yaml", all.PolicyTypes())
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	feedS3(t, WithInventory(NewText(&out), inventory.NewBuilder(p), nil))
	golden.Check(t, "s3-inventory.txt", out.Bytes())
}
